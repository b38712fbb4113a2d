package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/serve"
)

// TestLiveReload is a trainer's loop with `fieldguide serve`: the lesson is
// open in the browser, the Markdown is saved, and the page shows the new
// text by itself; a save that breaks the front matter shows the error over
// the page, naming the file, and fixing it takes the overlay away.
func TestLiveReload(t *testing.T) {
	dir := t.TempDir()
	lesson := filepath.Join(dir, "content", "en", "m", "a.md")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(lesson, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(lesson), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "m", "_index.md"), []byte("---\ntitle: Module\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("---\ntitle: Lesson A\n---\n## First\n\nThe text before any edit.\n")

	srv := startPreview(t, dir)

	tb := newTab(t)
	// The event stream is cut when the server stops at the end of the test.
	tb.allowLogError(`events`)
	tb.open(strings.TrimSuffix(srv.URL(), "/") + "/en/m/a/")
	tb.waitFor("the page", `document.body.textContent.includes("The text before any edit.")`, 10*time.Second)

	write("---\ntitle: Lesson A\n---\n## First\n\nLIVE-EDIT-ONE arrived without a reload by hand.\n")
	tb.waitThroughReloads("the edit shown by itself", `document.body.textContent.includes("LIVE-EDIT-ONE")`, 15*time.Second)

	write("---\ntitle: [unclosed\n---\n## First\n\nBroken.\n")
	tb.waitThroughReloads("the error overlay naming the file", `(function () {
		var o = document.getElementById("fieldguide-error-overlay");
		return !!o && o.getBoundingClientRect().height > 0 && o.textContent.includes("content/en/m/a.md");
	})()`, 15*time.Second)
	if got := eval[string](tb, `document.getElementById("fieldguide-error-overlay").getAttribute("role") || ""`); got != "alert" {
		t.Errorf("the overlay's role is %q, want alert", got)
	}
	if !eval[bool](tb, `document.body.textContent.includes("LIVE-EDIT-ONE")`) {
		t.Error("the last good page is no longer shown under the overlay")
	}

	write("---\ntitle: Lesson A\n---\n## First\n\nLIVE-EDIT-TWO after the fix.\n")
	tb.waitThroughReloads("the overlay gone and the fixed page shown", `!document.getElementById("fieldguide-error-overlay") && document.body.textContent.includes("LIVE-EDIT-TWO")`, 15*time.Second)

	// Renamed while shown: the tab follows the lesson to its new address.
	if err := os.Rename(lesson, filepath.Join(filepath.Dir(lesson), "renamed.md")); err != nil {
		t.Fatal(err)
	}
	tb.waitThroughReloads("the renamed lesson followed", `location.pathname === "/en/m/renamed/" && document.body.textContent.includes("LIVE-EDIT-TWO")`, 15*time.Second)
}

// waitThroughReloads polls cond like waitFor, but the page may reload
// between two polls (that is what live reload does), so an evaluation that
// fails because the page navigated is tried again.
func (tb *tab) waitThroughReloads(what, cond string, timeout time.Duration) {
	tb.t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatalf("%s: still not true after %v (%v): %s", what, timeout, last, cond)
}

// TestLiveReloadManyTabs opens more preview tabs than the six connections
// a browser keeps to one server. With a connection per tab, the seventh
// never loaded; now one tab holds the connection and passes the events on,
// so every tab loads and every tab shows a save.
func TestLiveReloadManyTabs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/en/m/_index.md": "---\ntitle: Module\n---\n",
		"content/en/m/a.md":      "---\ntitle: Lesson A\n---\nBEFORE-EDIT\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := startPreview(t, dir)

	const n = 9
	var tabs []*tab
	for i := range n {
		tb := newTab(t)
		tb.allowLogError(`events`)
		loadCtx, stop := context.WithTimeout(tb.ctx, 10*time.Second)
		_, err := chromedp.Run(loadCtx, chromedp.Navigate(strings.TrimSuffix(srv.URL(), "/")+"/en/m/a/"))
		stop()
		if err != nil {
			t.Fatalf("tab %d of %d did not load: %v", i+1, n, err)
		}
		tabs = append(tabs, tb)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/en/m/a.md"), []byte("---\ntitle: Lesson A\n---\nAFTER-EDIT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, tb := range tabs {
		tb.waitThroughReloads(fmt.Sprintf("tab %d showing the save", i+1), `document.body.textContent.includes("AFTER-EDIT")`, 15*time.Second)
	}
	// The tab holding the connection leaves; another takes it over.
	tabs[0].open("about:blank")
	if err := os.WriteFile(filepath.Join(dir, "content/en/m/a.md"), []byte("---\ntitle: Lesson A\n---\nSECOND-EDIT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, tb := range tabs[1:] {
		tb.waitThroughReloads(fmt.Sprintf("tab %d showing the second save", i+2), `document.body.textContent.includes("SECOND-EDIT")`, 15*time.Second)
	}
}

// startPreview serves the course in dir as 'fieldguide serve' does, until
// the test ends.
func startPreview(t *testing.T, dir string) *serve.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := serve.Start(ctx, serve.Options{Source: dir, Port: 0, Build: build.Options{}})
	if err != nil {
		cancel()
		t.Fatalf("starting the preview: %v", err)
	}
	t.Cleanup(func() {
		srv.Close()
		cancel()
	})
	return srv
}

// TestScrollKeptThroughAnEmptySave: some editors (and network drives)
// leave a lesson empty for longer than the preview waits for the rest of
// a save. The tab then reloads twice, once on a page too short to scroll,
// and used to end at the top; it now comes back to where the trainer was
// reading.
func TestScrollKeptThroughAnEmptySave(t *testing.T) {
	dir := t.TempDir()
	lesson := filepath.Join(dir, "content", "en", "m", "a.md")
	if err := os.MkdirAll(filepath.Dir(lesson), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "en", "m", "_index.md"), []byte("---\ntitle: Module\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	long := func(mark string) []byte {
		var b strings.Builder
		b.WriteString("---\ntitle: Lesson A\n---\n")
		for i := range 120 {
			fmt.Fprintf(&b, "Paragraph %d of a long lesson, %s.\n\n", i, mark)
		}
		return []byte(b.String())
	}
	if err := os.WriteFile(lesson, long("BEFORE"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startPreview(t, dir)
	tb := newTab(t)
	tb.allowLogError(`events`)
	tb.open(strings.TrimSuffix(srv.URL(), "/") + "/en/m/a/")
	tb.waitFor("the long page", `document.body.textContent.includes("Paragraph 119")`, 10*time.Second)
	if y := eval[float64](tb, `window.scrollTo(0, 2500), window.scrollY`); y != 2500 {
		t.Fatalf("could not scroll the page down: scrollY is %v", y)
	}

	// Half a save that lasts: the page is built and shown empty…
	if err := os.WriteFile(lesson, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tb.waitThroughReloads("the lesson shown empty", `document.readyState === "complete" && !document.body.textContent.includes("Paragraph 1")`, 15*time.Second)
	// …and the rest of the save arrives.
	if err := os.WriteFile(lesson, long("AFTER"), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.waitThroughReloads("the saved lesson back at the place being read",
		`document.body.textContent.includes("long lesson, AFTER") && Math.abs(window.scrollY - 2500) < 5`, 15*time.Second)

	// The browser's own restoring, turned off for those reloads, is back
	// for the reader's own moves: away by a link, then back. (Once the
	// preview has done all its work: no reload of its own in between.)
	settle, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	if err := srv.Settle(settle); err != nil {
		t.Fatal(err)
	}
	tb.open(strings.TrimSuffix(srv.URL(), "/") + "/en/m/")
	tb.do("going back", chromedp.NavigateBack())
	tb.waitThroughReloads("back at the place being read", `location.pathname === "/en/m/a/" && Math.abs(window.scrollY - 2500) < 5`, 10*time.Second)
}
