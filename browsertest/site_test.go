package browsertest

import (
	"bufio"
	"bytes"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/fieldguide/fieldguide/generator/deploy"
)

// headerRule is one rule of a `_headers` file: a path pattern (a trailing
// "*" matches any rest) and the headers sent for it.
type headerRule struct {
	pattern string
	headers [][2]string
}

// parseHeadersFile reads the `_headers` format that deploy.Headers writes.
func parseHeadersFile(data []byte) []headerRule {
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "/"):
			rules = append(rules, headerRule{pattern: strings.TrimSpace(line)})
		case strings.HasPrefix(line, " ") && len(rules) > 0:
			if name, value, ok := strings.Cut(strings.TrimSpace(line), ": "); ok {
				r := &rules[len(rules)-1]
				r.headers = append(r.headers, [2]string{name, value})
			}
		}
	}
	return rules
}

func (r headerRule) matches(p string) bool {
	if prefix, ok := strings.CutSuffix(r.pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return p == r.pattern
}

// axePath is where the test server serves axe-core, outside the site.
const axePath = "/__browsertest/axe.min.js"

// newSiteHandler serves the built site in dir under basePath as a static
// host would: the response headers of deploy.Headers (the _headers file the
// site is deployed with), index.html for folders, and 404.html with status
// 404 for anything missing.
func newSiteHandler(dir string) http.Handler {
	rules := parseHeadersFile(deploy.Headers())
	files := http.FileServer(http.Dir(dir))
	notFound, _ := os.ReadFile(filepath.Join(dir, "404.html"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == axePath {
			// Loaded by the page from its own origin, axe passes script-src
			// 'self', and the browser caches it instead of parsing 650 kB
			// sent over the DevTools pipe on every page.
			w.Header().Set("Cache-Control", "max-age=3600")
			http.ServeFile(w, r, filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
			return
		}
		rel, ok := strings.CutPrefix(r.URL.Path, basePath)
		if !ok {
			http.NotFound(w, r)
			return
		}
		sitePath := "/" + rel
		for _, rule := range rules {
			if rule.matches(sitePath) {
				for _, h := range rule.headers {
					w.Header().Set(h[0], h[1])
				}
			}
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean(sitePath)))
		info, err := os.Stat(name)
		if err == nil && info.IsDir() {
			_, err = os.Stat(filepath.Join(name, "index.html"))
		}
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(notFound)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = sitePath
		files.ServeHTTP(w, r2)
	})
}

// siteURL is the URL of a page of the participant build on the test
// server: siteURL("en/glossary/").
func siteURL(rel string) string { return server.URL + basePath + rel }

// fileURL is the file:// URL of a file of the offline build.
func fileURL(rel string) string { return "file://" + filepath.ToSlash(offlineDir) + "/" + rel }

// builtPage is one HTML page of a build.
type builtPage struct {
	Path string // relative to the site root, "en/indicators/third-party-control/index.html"
	Lang string
	Kind string // home, section, page, glossary, print, 404, root, alias
	HTML string
}

// Dir is the page's folder URL relative to the site root ("en/glossary/").
func (p builtPage) Dir() string { return strings.TrimSuffix(p.Path, "index.html") }

var (
	pagesMu    sync.Mutex
	pagesCache = map[string][]builtPage{}
)

var (
	reHTMLLang = regexp.MustCompile(`<html lang="([^"]*)"`)
	reBodyKind = regexp.MustCompile(`<body class="kind-([a-z0-9]+)`)
)

// sitePages lists the HTML pages of a build folder, read once.
func sitePages(t testing.TB, dir string) []builtPage {
	t.Helper()
	pagesMu.Lock()
	defer pagesMu.Unlock()
	if pages, ok := pagesCache[dir]; ok {
		return pages
	}
	var pages []builtPage
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		bp := builtPage{Path: filepath.ToSlash(rel), HTML: string(data), Kind: "alias"}
		if m := reHTMLLang.FindStringSubmatch(bp.HTML); m != nil {
			bp.Lang = m[1]
		}
		if m := reBodyKind.FindStringSubmatch(bp.HTML); m != nil {
			bp.Kind = m[1]
		}
		pages = append(pages, bp)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	pagesCache[dir] = pages
	return pages
}

// pagesOf returns the pages of a kind in a language ("" for any).
func pagesOf(t testing.TB, dir, kind, lang string) []builtPage {
	var out []builtPage
	for _, p := range sitePages(t, dir) {
		if (kind == "" || p.Kind == kind) && (lang == "" || p.Lang == lang) {
			out = append(out, p)
		}
	}
	return out
}

// onePage returns the page at a path, failing the test when it is missing.
func onePage(t testing.TB, dir, rel string) builtPage {
	t.Helper()
	for _, p := range sitePages(t, dir) {
		if p.Path == rel {
			return p
		}
	}
	t.Fatalf("the build has no %s", rel)
	return builtPage{}
}

// blockMarkers recognise, in a lesson's HTML, each kind of block a lesson
// can hold, so that the accessibility checks visit lessons that together
// show every block of the course.
var blockMarkers = map[string]*regexp.Regexp{
	"callout-note":      regexp.MustCompile(`class="callout callout-note`),
	"callout-tip":       regexp.MustCompile(`class="callout callout-tip`),
	"callout-important": regexp.MustCompile(`class="callout callout-important`),
	"callout-warning":   regexp.MustCompile(`class="callout callout-warning`),
	"callout-caution":   regexp.MustCompile(`class="callout callout-caution`),
	"scenario":          regexp.MustCompile(`class="scenario"`),
	"discussion":        regexp.MustCompile(`<details class="discussion"`),
	"quiz-single":       regexp.MustCompile(`(?s)data-quiz[ >].*?type="radio"`),
	"quiz-multiple":     regexp.MustCompile(`(?s)data-quiz[ >].*?type="checkbox"`),
	"glossary-term":     regexp.MustCompile(`class="term"`),
	"table":             regexp.MustCompile(`<table`),
	"code":              regexp.MustCompile(`<pre`),
	"footnotes":         regexp.MustCompile(`class="footnotes"`),
	"definition-list":   regexp.MustCompile(`<dl`),
	"image":             regexp.MustCompile(`<img`),
	"fallback-notice":   regexp.MustCompile(`class="notice notice-fallback"`),
	"exercise":          regexp.MustCompile(`class="(exercise|challenge|solution)`),
}

// lessonsCoveringBlocks picks, greedily, few lessons of a language that
// together show every kind of block found in its lessons.
func lessonsCoveringBlocks(t testing.TB, lang string) (picked []builtPage, covered []string) {
	return coveringBlocks(pagesOf(t, siteDir, "page", lang))
}

// coveringBlocks picks, greedily, few of lessons that together show every
// kind of block found in them.
func coveringBlocks(lessons []builtPage) (picked []builtPage, covered []string) {
	// Translated lessons first: a lesson shown in English for want of a
	// translation is picked only for what no translated one shows.
	lessons = append([]builtPage(nil), lessons...)
	sort.SliceStable(lessons, func(i, j int) bool {
		return !strings.Contains(lessons[i].HTML, "notice-fallback") && strings.Contains(lessons[j].HTML, "notice-fallback")
	})
	has := make([]map[string]bool, len(lessons))
	want := map[string]bool{}
	for i, p := range lessons {
		has[i] = map[string]bool{}
		for name, re := range blockMarkers {
			if re.MatchString(p.HTML) {
				has[i][name] = true
				want[name] = true
			}
		}
	}
	for len(want) > 0 {
		best, bestN := -1, 0
		for i := range lessons {
			n := 0
			for name := range has[i] {
				if want[name] {
					n++
				}
			}
			// Strictly more: on a tie the earlier (translated) lesson wins.
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best < 0 {
			break
		}
		picked = append(picked, lessons[best])
		for name := range has[best] {
			if want[name] {
				covered = append(covered, name)
				delete(want, name)
			}
		}
	}
	sort.Strings(covered)
	return picked, covered
}
