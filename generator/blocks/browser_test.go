package blocks

import (
	"context"
	"encoding/json"
	"github.com/fieldguide/fieldguide/internal/chromium"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestScriptsInBrowser renders a lesson with quizzes, a discussion and a
// glossary term, opens it from file:// in headless Chromium next to the
// theme's 20-blocks.js, 30-progress.js and 20-blocks.css, and lets
// testdata/browser/harness.js click through it. Skipped when no Chromium is
// installed (set CHROME_PATH to choose one) or with -short.
func TestScriptsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := chromium.Find()
	if chrome == "" {
		t.Skip("no Chromium found; install chromium or set CHROME_PATH")
	}

	dir := t.TempDir()
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	theme := filepath.Join("..", "..", "layouts", "assets")
	copyFile(filepath.Join(theme, "js", "20-blocks.js"), "20-blocks.js")
	copyFile(filepath.Join(theme, "js", "30-progress.js"), "30-progress.js")
	copyFile(filepath.Join(theme, "css", "20-blocks.css"), "20-blocks.css")
	copyFile(filepath.Join("testdata", "browser", "harness.js"), "harness.js")

	src, err := os.ReadFile(filepath.Join("testdata", "browser", "content.md"))
	if err != nil {
		t.Fatal(err)
	}
	glossary := []Term{{Term: "victim", ID: "term-victim", Definition: "A person who has been trafficked."}}
	content, diags := convert(newMarkdown(Options{Glossary: glossary}, false), src, "glossary.html")
	if len(diags) > 0 {
		t.Fatalf("content.md: %v", diags)
	}
	page, err := os.ReadFile(filepath.Join("testdata", "browser", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	pagePath := filepath.Join(dir, "page.html")
	if err := os.WriteFile(pagePath, []byte(strings.Replace(string(page), "{{CONTENT}}", content, 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chrome, "--headless=new", "--no-sandbox", "--disable-gpu",
		"--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--virtual-time-budget=20000", "--dump-dom", "file://"+filepath.ToSlash(pagePath))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", chrome, err)
	}
	m := regexp.MustCompile(`(?s)<pre id="results">(.*?)</pre>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the harness wrote no results; page was:\n%s", out)
	}
	var results []struct {
		Name   string `json:"name"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &results); err != nil {
		t.Fatal(err)
	}
	if len(results) < 30 {
		t.Errorf("only %d checks ran", len(results))
	}
	for _, r := range results {
		if !r.OK {
			t.Errorf("%s (%s)", r.Name, r.Detail)
		}
	}
}
