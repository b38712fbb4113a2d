// Package chromium finds the Chromium that the browser tests and the search
// benchmark drive, and says how they start it: one place for the flags that
// keep a headless browser quiet on a machine with no network.
//
// It only finds and configures; it starts nothing itself.
package chromium

import (
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Find returns the browser to use: $CHROME_PATH or $CHROME when set, else
// the first of Debian's chromium and its usual other names on PATH; "" when
// there is none.
func Find() string {
	for _, env := range []string{"CHROME_PATH", "CHROME"} {
		if p := os.Getenv(env); p != "" {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Options are the allocator options for a headless browser at path with a
// fresh profile folder: no sandbox (tests run as root), no background
// connections (refused here, and noise elsewhere), no scrollbars (so
// clientWidth is the viewport width, as on a phone), English as the
// browser's language (the root page picks the reader's language), and a
// 1280×900 window.
func Options(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", "new"),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.Flag("accept-lang", "en-US,en"),
		chromedp.Env("LANGUAGE=en_US", "LANG=en_US.UTF-8"),
		chromedp.WindowSize(1280, 900),
	}
}
