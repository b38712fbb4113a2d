package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/output"
	"golang.org/x/tools/txtar"
)

// The fixtures in testdata/check/*.txtar are courses with one kind of
// mistake each. The archive's comment says what the fixture shows and
// lists every message check must report, one per line:
//
//	want: FILE[:LINE[:COL]] SEVERITY CODE [TEXT]
//
// TEXT, when given, must appear in the message or its hint. The messages
// reported must be exactly those wanted: nothing missing, nothing more.
// "args: ..." adds flags to the check command line.

// wantedMessage is one "want:" line.
type wantedMessage struct {
	position, severity, code, text string
}

func (w wantedMessage) String() string {
	return strings.TrimSpace(fmt.Sprintf("%s %s %s %s", w.position, w.severity, w.code, w.text))
}

func parseWants(t *testing.T, comment string) (wants []wantedMessage, args []string) {
	t.Helper()
	for _, line := range strings.Split(comment, "\n") {
		switch {
		case strings.HasPrefix(line, "want: "):
			f := strings.SplitN(strings.TrimPrefix(line, "want: "), " ", 4)
			if len(f) < 3 {
				t.Fatalf("malformed want line %q", line)
			}
			w := wantedMessage{position: f[0], severity: f[1], code: f[2]}
			if len(f) == 4 {
				w.text = f[3]
			}
			wants = append(wants, w)
		case strings.HasPrefix(line, "args: "):
			args = append(args, strings.Fields(strings.TrimPrefix(line, "args: "))...)
		}
	}
	return wants, args
}

// writeArchive writes the files of a txtar archive under dir.
func writeArchive(t *testing.T, dir string, ar *txtar.Archive) {
	t.Helper()
	for _, f := range ar.Files {
		writeTestFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), f.Data)
	}
}

func writeTestFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runCommand runs the fieldguide command line in-process.
func runCommand(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// checkJSON runs `fieldguide check --format json` on dir and decodes the report.
func checkJSON(t *testing.T, dir string, extra ...string) (int, checkReport) {
	t.Helper()
	code, stdout, stderr := runCommand(t, append([]string{"check", "-s", dir, "--format", "json"}, extra...)...)
	var r checkReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("check printed no JSON report (exit %d): %v\nstdout: %s\nstderr: %s", code, err, stdout, stderr)
	}
	return code, r
}

// assertMessages compares the report's messages with the wanted ones.
// Untranslated UI strings depend on the theme's translations, which other
// work changes; they are tested on their own (TestCheckUIStrings).
func assertMessages(t *testing.T, code int, r checkReport, wants []wantedMessage) {
	t.Helper()
	var got []checkMessage
	for _, d := range r.Diagnostics {
		if d.Code != "ui-strings-missing" {
			got = append(got, d)
		}
	}
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, d := range got {
			pos := d.File
			if d.Line > 0 {
				pos += fmt.Sprintf(":%d", d.Line)
				if d.Col > 0 {
					pos += fmt.Sprintf(":%d", d.Col)
				}
			}
			if !used[i] && pos == w.position && d.Severity == w.severity && d.Code == w.code &&
				strings.Contains(d.Message+" ("+d.Hint+")", w.text) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing: %s", w)
		}
	}
	for i, d := range got {
		if !used[i] {
			t.Errorf("unexpected: %s [%s]", formatCheckMessage(d), d.Code)
		}
	}
	wantErrors := 0
	for _, w := range wants {
		if w.severity == "error" {
			wantErrors++
		}
	}
	if r.Errors != wantErrors {
		t.Errorf("report counts %d errors, want %d", r.Errors, wantErrors)
	}
	if wantCode := map[bool]int{true: 1, false: 0}[wantErrors > 0]; code != wantCode {
		t.Errorf("exit code %d, want %d", code, wantCode)
	}
}

func TestCheckFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			wants, args := parseWants(t, string(ar.Comment))
			dir := t.TempDir()
			writeArchive(t, dir, ar)
			code, r := checkJSON(t, dir, args...)
			assertMessages(t, code, r, wants)
		})
	}
}

// baseCourse is a one-language course that the generated cases add a file to.
const baseCourse = `-- site.yaml --
title: Check
languages:
  en: { name: English }
-- content/en/_index.md --
Welcome.
-- content/en/m1/_index.md --
---
title: Module
---
`

// TestCheckGenerated covers inputs a txtar file cannot hold or should not
// hold: byte order marks, CRLF, invalid UTF-8, huge and deeply nested files,
// symbolic links.
func TestCheckGenerated(t *testing.T) {
	tenMB := func() []byte {
		var b bytes.Buffer
		b.WriteString("---\ntitle: Big\n---\n\n")
		for i := 0; b.Len() < 10<<20; i++ {
			fmt.Fprintf(&b, "## Section %d\n\nA paragraph with *emphasis*, a [link](../_index.md) and `code`, long enough to look like a lesson.\n\n- one\n- two\n\n", i)
		}
		b.WriteString("The end: [broken](nowhere.md)\n")
		return b.Bytes()
	}
	lines := func(data []byte) int { return bytes.Count(data, []byte("\n")) + 1 }

	tests := []struct {
		name  string
		files func(t *testing.T, dir string) // adds files to the base course
		wants func(dir string) []wantedMessage
		args  []string
		short bool // run with -short too
	}{
		{
			name: "invalid UTF-8 with its position",
			files: func(t *testing.T, dir string) {
				writeTestFile(t, filepath.Join(dir, "content/en/m1/latin1.md"),
					[]byte("---\ntitle: Latin-1\n---\n\nFirst line.\nCaf\xe9 au lait.\n"))
			},
			wants: func(string) []wantedMessage {
				return []wantedMessage{{"content/en/m1/latin1.md:6:4", "error", "invalid-utf8", "byte 0xe9"}}
			},
			short: true,
		},
		{
			name: "byte order mark: front matter still read, lines still right",
			files: func(t *testing.T, dir string) {
				writeTestFile(t, filepath.Join(dir, "content/en/m1/bom.md"),
					[]byte("\xef\xbb\xbf---\ntitel: BOM\n---\n\nSee [x](nowhere.md).\n"))
			},
			wants: func(string) []wantedMessage {
				return []wantedMessage{
					{"content/en/m1/bom.md:2:1", "warning", "unknown-key", `did you mean "title"?`},
					{"content/en/m1/bom.md:5:5", "error", "broken-link", "nowhere.md"},
				}
			},
			short: true,
		},
		{
			name: "CRLF line ends: front matter still read, lines still right",
			files: func(t *testing.T, dir string) {
				writeTestFile(t, filepath.Join(dir, "content/en/m1/crlf.md"),
					[]byte("---\r\ntitel: CRLF\r\n---\r\n\r\nText.\r\nSee [x](nowhere.md).\r\n"))
			},
			wants: func(string) []wantedMessage {
				return []wantedMessage{
					{"content/en/m1/crlf.md:2:1", "warning", "unknown-key", `did you mean "title"?`},
					{"content/en/m1/crlf.md:6:5", "error", "broken-link", "nowhere.md"},
				}
			},
			short: true,
		},
		{
			name: "symbolic link outside the course is refused",
			files: func(t *testing.T, dir string) {
				outside := filepath.Join(t.TempDir(), "secret.md")
				writeTestFile(t, outside, []byte("# Secret\n"))
				if err := os.Symlink(outside, filepath.Join(dir, "content/en/m1/secret.md")); err != nil {
					t.Skip("no symbolic links here:", err)
				}
				if err := os.Symlink("../../../../outside.md", filepath.Join(dir, "content/en/m1/relative.md")); err != nil {
					t.Fatal(err)
				}
			},
			wants: func(dir string) []wantedMessage {
				return []wantedMessage{
					{"content/en/m1/relative.md", "error", "symlink", "points outside the course folder"},
					{"content/en/m1/secret.md", "error", "symlink", "points outside the course folder"},
				}
			},
			short: true,
		},
		{
			name: "10 MB Markdown file",
			files: func(t *testing.T, dir string) {
				writeTestFile(t, filepath.Join(dir, "content/en/m1/big.md"), tenMB())
			},
			// The one mistake is on the last line: the whole file was read.
			// Its size gets a warning: nobody should read such a page.
			wants: func(string) []wantedMessage {
				return []wantedMessage{
					{"content/en/m1/big.md", "warning", "long-page", "file is 10.0 MB"},
					{fmt.Sprintf("content/en/m1/big.md:%d:10", lines(tenMB())-1), "error", "broken-link", "nowhere.md"},
				}
			},
			args: []string{"--audience", "participant"},
		},
		{
			// goldmark takes minutes over 10,000 nested fenced divs and
			// seconds over deep blockquotes and lists; content.CheckNesting
			// refuses such files at the first line that goes too deep.
			name: "10,000 nested blockquotes, lists and fenced divs",
			files: func(t *testing.T, dir string) {
				writeTestFile(t, filepath.Join(dir, "content/en/m1/deep-quote.md"),
					[]byte("---\ntitle: Deep quote\n---\n\n"+strings.Repeat(">", 10000)+" deep\n"))
				writeTestFile(t, filepath.Join(dir, "content/en/m1/deep-list.md"),
					[]byte("---\ntitle: Deep list\n---\n\n"+strings.Repeat("- ", 10000)+"deep\n"))
				writeTestFile(t, filepath.Join(dir, "content/en/m1/deep-divs.md"),
					[]byte("---\ntitle: Deep divs\n---\n\n"+strings.Repeat("::: note\n", 10000)+"deep\n"+strings.Repeat(":::\n", 10000)))
			},
			wants: func(string) []wantedMessage {
				return []wantedMessage{
					{fmt.Sprintf("content/en/m1/deep-divs.md:%d:1", 4+content.MaxNesting+1), "error", "too-deep", "the limit is 200"},
					{"content/en/m1/deep-list.md:5:1", "error", "too-deep", "nested 10000 levels deep"},
					{"content/en/m1/deep-quote.md:5:1", "error", "too-deep", "nested 10000 levels deep"},
				}
			},
			short: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && !tt.short {
				t.Skip("slow; run without -short")
			}
			dir := t.TempDir()
			writeArchive(t, dir, txtar.Parse([]byte(baseCourse)))
			tt.files(t, dir)
			start := time.Now()
			code, r := checkJSON(t, dir, tt.args...)
			t.Logf("check took %s", time.Since(start).Round(time.Millisecond))
			assertMessages(t, code, r, tt.wants(dir))
		})
	}
}

// TestCheckNonLatinNames builds a course whose folders and files have
// spaces and Chinese and Arabic names, and follows every link of every
// page to a file of the build: URLs are escaped where they must be and
// lead somewhere.
func TestCheckNonLatinNames(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(`-- site.yaml --
title: Names
languages:
  en: { name: English }
  zh: { name: 中文 }
-- content/en/_index.md --
See [the first lesson](<my module/first lesson.md>) and [the second](模块/课程.md#第一节).
-- content/en/my module/_index.md --
---
title: My module
---
-- content/en/my module/first lesson.md --
---
title: First lesson
---

Next: [课程](<../模块/课程.md>), [Arabic](../وحدة/درس.md), [hash](<../模块/课程.md#第一节>).
-- content/en/模块/_index.md --
---
title: 模块
---
-- content/en/模块/课程.md --
---
title: 课程
---

## 第一节

Back to [the first lesson](<../my module/first lesson.md>).
-- content/en/وحدة/درس.md --
---
title: درس
---

Text.
-- content/zh/模块/课程.md --
---
title: 课程
---

## 第一节

中文。
`)))
	code, r := checkJSON(t, dir)
	assertMessages(t, code, r, []wantedMessage{
		{"content/zh", "note", "translation-missing", "5 pages"},
	})

	mem := output.NewMemory()
	if _, err := build.Build(context.Background(), build.Options{FS: os.DirFS(dir)}, mem); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"en/my module/first lesson/index.html", "en/模块/课程/index.html", "en/وحدة/درس/index.html", "zh/模块/课程/index.html"} {
		if _, ok := mem.Get(want); !ok {
			t.Errorf("%s not built", want)
		}
	}
	followed := 0
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html, _ := mem.Get(name)
		for _, href := range contentLinks(html) {
			target, ok := resolveHref(name, href)
			if !ok {
				continue
			}
			if strings.ContainsAny(href, " ") {
				t.Errorf("%s: href %q has a raw space", name, href)
			}
			if _, ok := mem.Get(target); !ok {
				t.Errorf("%s: link %q leads to %s, which is not in the build", name, href, target)
			}
			followed++
		}
	}
	if followed < 8 {
		t.Errorf("followed only %d links", followed)
	}
}

var hrefAttr = regexp.MustCompile(`href="([^"]*)"`)

// contentLinks returns the href of every link inside the page's content.
func contentLinks(html []byte) []string {
	start := bytes.Index(html, []byte(`<div class="content"`))
	if start < 0 {
		return nil
	}
	var out []string
	for _, m := range hrefAttr.FindAllSubmatch(html[start:], -1) {
		out = append(out, strings.ReplaceAll(string(m[1]), "&amp;", "&"))
	}
	return out
}

// resolveHref turns a relative href of the page at name into the file of
// the build it opens; ok is false for external links and bare anchors.
func resolveHref(name, href string) (string, bool) {
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	p := path.Join(path.Dir(name), u.Path)
	if strings.HasSuffix(u.Path, "/") {
		p += "/index.html"
	}
	return strings.TrimPrefix(p, "/"), true
}

// TestCheckUIStrings: a UI string the course adds in English but not in
// French is reported on the French strings file.
func TestCheckUIStrings(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(`-- site.yaml --
title: Strings
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/_index.md --
Welcome.
-- content/fr/_index.md --
Bienvenue.
-- layouts/i18n/en.yaml --
aaaCourseOnly: Only in English
menuu: A typo, used nowhere
-- layouts/partials/footer.html --
<footer>{{T "aaaCourseOnly"}}</footer>
`)))
	_, r := checkJSON(t, dir)
	found := false
	for _, d := range r.Diagnostics {
		if d.Code == "ui-strings-missing" && d.File == "layouts/i18n/fr.yaml" && strings.Contains(d.Message, "aaaCourseOnly") {
			found = true
		}
	}
	if !found {
		t.Errorf("no ui-strings-missing warning for aaaCourseOnly: %+v", r.Diagnostics)
	}
	// A string no template uses is a typo, not the site's own.
	found = false
	for _, d := range r.Diagnostics {
		if d.File == "layouts/i18n/en.yaml" && d.Line == 2 && strings.Contains(d.Message, `unknown UI string "menuu"`) && strings.Contains(d.Hint, `"menu"`) {
			found = true
		}
		if strings.Contains(d.Message, "menuu") && d.File != "layouts/i18n/en.yaml" {
			t.Errorf("translators are asked for the typo: %+v", d)
		}
	}
	if !found {
		t.Errorf("no warning for the typo menuu: %+v", r.Diagnostics)
	}
	if got := r.Translations.Languages["fr"].UntranslatedStrings; len(got) == 0 || got[0] != "aaaCourseOnly" {
		t.Errorf("untranslatedStrings = %q", got)
	}
}

// TestCheckText pins the text format: one line per message with its
// severity, the translations, the links, and the summary.
func TestCheckText(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(baseCourse+`-- content/en/m1/a.md --
---
title: A
---

See [x](nowhere.md) and <https://example.org/a>.

#### Skipped
`)))
	code, stdout, _ := runCommand(t, "check", "-s", dir)
	want := `content/en/m1/a.md:5:5: error: link to nowhere.md: no such page or file (check the path; links are relative to this file, e.g. ../module/lesson.md)
content/en/m1/a.md:7:6: warning: heading level jumps from h1 to h4 (use ## for this heading)

1 external link not checked (use --external to fetch them)
1 error, 1 warning
`
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
}

// TestCheckJSONShape pins the fields tools read, including empty arrays
// (never null) for a clean course.
func TestCheckJSONShape(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(baseCourse)))
	code, stdout, _ := runCommand(t, "check", "-s", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("exit code %d", code)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		"errors": "0", "warnings": "0", "diagnostics": "[]", "externalLinks": "[]",
		"audiences":    `["participant","trainer"]`,
		"translations": `{"defaultLanguage":"en","languages":{}}`,
	} {
		var compact bytes.Buffer
		_ = json.Compact(&compact, raw[field])
		if compact.String() != want {
			t.Errorf("%s = %s, want %s", field, compact.String(), want)
		}
	}
}

func TestCheckExternalLinksListed(t *testing.T) {
	sources := []*content.Source{{
		File: "content/en/m1/a.md", BodyLine: 3,
		Body: []byte("Intro [site](https://example.org/a) and again [site](https://example.org/a).\n\n" +
			"![chart](http://example.org/chart.png)\n\n<https://example.org/auto>\n\nwww.example.org/www\n\n" +
			"[local](b.md) [mail](mailto:x@example.org) [ref]\n\n[ref]: https://example.org/ref\n\n" +
			"```\nhttps://example.org/in-code\n```\n"),
	}}
	got := externalLinks(sources)
	want := []externalLink{
		{File: "content/en/m1/a.md", Line: 4, URL: "https://example.org/a"},
		{File: "content/en/m1/a.md", Line: 4, URL: "https://example.org/a"},
		{File: "content/en/m1/a.md", Line: 6, URL: "http://example.org/chart.png"},
		{File: "content/en/m1/a.md", Line: 8, URL: "https://example.org/auto"},
		{File: "content/en/m1/a.md", Line: 10, URL: "http://www.example.org/www"},
		{File: "content/en/m1/a.md", Line: 14, URL: "https://example.org/ref"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("externalLinks:\n got %v\nwant %v", got, want)
	}
}

// TestCheckExternalLinksFetched runs the fetcher against a local server
// (never the internet): HEAD refused falls back to GET, 404 is reported at
// every place the URL is used, and each URL is fetched once.
func TestCheckExternalLinksFetched(t *testing.T) {
	var mu sync.Mutex
	requests := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests[r.Method+" "+r.URL.Path]++
		mu.Unlock()
		switch {
		case r.URL.Path == "/ok":
		case r.URL.Path == "/no-head" && r.Method == http.MethodHead:
			w.WriteHeader(http.StatusMethodNotAllowed)
		case r.URL.Path == "/no-head":
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	links := []externalLink{
		{File: "a.md", Line: 1, URL: srv.URL + "/ok"},
		{File: "a.md", Line: 2, URL: srv.URL + "/no-head"},
		{File: "a.md", Line: 3, URL: srv.URL + "/gone"},
		{File: "b.md", Line: 9, URL: srv.URL + "/gone"},
	}
	var diags diag.List
	checkExternalLinks(context.Background(), srv.Client(), links, &diags, nil)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, fmt.Sprintf("%s %s %s", d.Position(), d.Code, d.Message))
	}
	sort.Strings(got)
	want := []string{
		"a.md:3 external-link link to " + srv.URL + "/gone: 404 Not Found",
		"b.md:9 external-link link to " + srv.URL + "/gone: 404 Not Found",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if requests["GET /ok"] != 0 || requests["HEAD /ok"] != 1 || requests["GET /no-head"] != 1 || requests["HEAD /gone"] != 1 {
		t.Errorf("requests: %v", requests)
	}
	for _, l := range links {
		if !l.Checked || l.Status == nil {
			t.Errorf("%s not marked checked: %+v", l.URL, l)
		}
	}
	if *links[1].Status != 200 || *links[2].Status != 404 || links[2].Error != "404 Not Found" {
		t.Errorf("statuses: %+v %+v", links[1], links[2])
	}
}

// TestCheckStrict: --strict fails on warnings but not on the notes about
// pages that are not translated yet (the site shows them on purpose).
func TestCheckStrict(t *testing.T) {
	dir := writeCourse(t, `
-- content/en/a.md --
---
title: A
---
Text.
-- content/en/b.md --
---
title: B
---
## One

#### Skips a level
-- content/fr/a.md --
---
title: A
---
Texte.
`)
	code, stdout, _ := runCLI(t, "check", "-s", dir, "--strict")
	if code != 1 || !strings.Contains(stdout, "heading level jumps") || !strings.Contains(stdout, "error: heading level") {
		t.Errorf("--strict with a warning: exit %d\n%s", code, stdout)
	}
	// A kind of warning the course means is allowed, in check and build.
	code, stdout, _ = runCLI(t, "check", "-s", dir, "--strict", "--allow", "heading-skip")
	if code != 0 || !strings.Contains(stdout, "warning: heading level") {
		t.Errorf("--strict --allow heading-skip: exit %d\n%s", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI(t, "build", "-s", dir, "-d", out, "--strict"); code != 1 {
		t.Errorf("build --strict with a warning: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "build", "-s", dir, "-d", out, "--strict", "--allow", "heading-skip"); code != 0 || !strings.Contains(stderr, "warning: heading level") {
		t.Errorf("build --strict --allow heading-skip: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/en/b.md"), []byte("---\ntitle: B\n---\n## One\n\n### Two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI(t, "check", "-s", dir, "--strict")
	if code != 0 || !strings.Contains(stdout, "note: 1 page of content/en/ not translated to fr") {
		t.Errorf("--strict with only a missing translation: exit %d\n%s", code, stdout)
	}
}

// TestVersion: a release can record what it was built with, from
// 'version' or '--version'.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := runCommand(t, args...)
		if code != 0 || !strings.HasPrefix(stdout, "fieldguide ") || !strings.Contains(stdout, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH) {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
}

// TestCheckGitHub: --format github writes workflow commands that GitHub
// shows on the lines of a pull request, with paths from the repository's
// folder to a course in a subfolder of it.
func TestCheckGitHub(t *testing.T) {
	repo := t.TempDir()
	writeArchive(t, filepath.Join(repo, "course"), txtar.Parse([]byte(baseCourse+`-- content/en/m1/a.md --
---
title: A
---
[Nowhere](nowhere.md), and a note: 100%.
-- content/en/m1/b,c.md --
[50%](nowhere%.md)
`)))
	t.Chdir(repo)
	code, stdout, _ := runCommand(t, "check", "-s", "course", "--format", "github")
	want := "::error file=course/content/en/m1/a.md,line=4,col=1,title=fieldguide broken-link::link to nowhere.md: no such page or file ("
	escaped := "::error file=course/content/en/m1/b%2Cc.md,line=1,col=1,title=fieldguide broken-link::link to nowhere%25.md"
	if code != 1 || !strings.Contains(stdout, want) || !strings.Contains(stdout, escaped) || !strings.HasSuffix(stdout, "2 errors, 0 warnings\n") {
		t.Errorf("exit %d, want 1 and %q in:\n%s", code, want, stdout)
	}
}

// TestCheckExternalLinksFailures: a server that never answers is asked
// once, not again with GET; failures are said in words, and the wait is
// announced.
func TestCheckExternalLinksFailures(t *testing.T) {
	var mu sync.Mutex
	requests := 0
	release := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		mu.Unlock()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer silent.Close()
	defer close(release)
	closed := httptest.NewServer(http.NotFoundHandler())
	refused := closed.URL + "/x"
	closed.Close()
	links := []externalLink{{File: "a.md", Line: 1, URL: silent.URL + "/slow"}, {File: "a.md", Line: 2, URL: refused}}
	var diags diag.List
	var progress bytes.Buffer
	client := &http.Client{Timeout: 200 * time.Millisecond}
	checkExternalLinks(context.Background(), client, links, &diags, &progress)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Message)
	}
	sort.Strings(got)
	want := []string{"link to " + refused + ": the server refused the connection", "link to " + silent.URL + "/slow: no answer within 200ms"}
	sort.Strings(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if requests != 1 {
		t.Errorf("the silent server was asked %d times, want once", requests)
	}
	if !strings.Contains(progress.String(), "checking 2 web addresses") {
		t.Errorf("progress: %q", progress.String())
	}
}

// TestCheckExternalOffline: on a computer without internet every lookup
// fails the same way. check --external says so in one line instead of
// telling trainers that every link is broken, and does not claim it
// fetched them; when only some names fail, those links are reported.
// The dialer is fake: the test never uses the network.
func TestCheckExternalOffline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(baseCourse+`-- content/en/m1/a.md --
---
title: A
---
See [the ILO](https://www.ilo.org/forced-labour) and <http://www.unodc.org/x>.

And [a page that works](http://works.example/ok).
`)))
	t.Cleanup(func() { linkTransport = nil })
	noName := func(host string) error { return &net.DNSError{Err: "no such host", Name: host, IsNotFound: true} }
	noRoute := func(string) error {
		return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}
	}
	offline := "content: warning: 3 external links not checked: no web address could be reached (no internet connection?) (run check --external again when online; if it is, check the address of the site the links name)\n\n0 errors, 1 warning\n"
	for _, tc := range []struct {
		name  string
		fail  func(host string) error
		works bool // works.example answers
		want  string
	}{
		{"no name can be looked up", noName, false, offline},
		{"the network is unreachable", noRoute, false, offline},
		{"some names are wrong", noName, true, "content/en/m1/a.md:4: warning: link to http://www.unodc.org/x: no site has the name www.unodc.org (update the address or remove the link; readers offline cannot follow it either way)\n" +
			"content/en/m1/a.md:4: warning: link to https://www.ilo.org/forced-labour: no site has the name www.ilo.org (update the address or remove the link; readers offline cannot follow it either way)\n" +
			"\n3 external links fetched\n0 errors, 2 warnings\n"},
	} {
		linkTransport = &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, _ := net.SplitHostPort(addr)
			if tc.works && host == "works.example" {
				return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
			}
			return nil, tc.fail(host)
		}}
		code, stdout, _ := runCommand(t, "check", "-s", dir, "--external")
		if code != 0 || stdout != tc.want {
			t.Errorf("%s: exit %d, stdout:\n%s\nwant:\n%s", tc.name, code, stdout, tc.want)
		}
		// Links asked to be checked and not checked fail --strict.
		if code, _, _ := runCommand(t, "check", "-s", dir, "--external", "--strict"); code != 1 {
			t.Errorf("%s: --strict: exit %d, want 1", tc.name, code)
		}
		if tc.works {
			continue
		}
		_, r := checkJSON(t, dir, "--external")
		for _, l := range r.ExternalLinks {
			if l.Checked || l.Status != nil || l.Error != "not checked: no internet connection" {
				t.Errorf("%s: JSON link %+v, want not checked", tc.name, l)
			}
		}
	}
}

// TestAllowUnknownCode: a misspelt --allow code would allow nothing, and
// --strict fail on the warnings it was meant to keep: it is a usage
// error with the code meant.
func TestAllowUnknownCode(t *testing.T) {
	dir := writeCourse(t, `
-- content/en/a.md --
---
title: A
---
## One

#### Skips a level
`)
	out := filepath.Join(t.TempDir(), "public")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-s", dir, "--strict", "--allow", "heading-skp"},
			`fieldguide: --allow heading-skp: no message has this code (did you mean "heading-skip"?)`},
		{[]string{"build", "-s", dir, "-d", out, "--strict", "--allow", "left-out-link,heading-skp"},
			`fieldguide: --allow heading-skp: no message has this code (did you mean "heading-skip"?)`},
		{[]string{"build", "-s", dir, "-d", out, "--strict", "--allow", "nonsense-code"},
			"fieldguide: --allow nonsense-code: no message has this code (the codes are absolute-url, active-file, "},
		// Without --strict, --allow has nothing to do.
		{[]string{"check", "-s", dir, "--allow", "heading-skip"},
			"fieldguide: --allow heading-skip: --allow keeps warnings from failing --strict, which is not given; add --strict"},
		{[]string{"build", "-s", dir, "-d", out, "--allow", "heading-skip"},
			"fieldguide: --allow heading-skip: --allow keeps warnings from failing --strict, which is not given; add --strict"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want 2 and %q in:\n%s", tc.args[:1], code, tc.want, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a build called wrongly wrote the site")
	}
	// Known codes pass, spaces after the commas too.
	code, stdout, stderr := runCLI(t, "check", "-s", dir, "--strict", "--allow", "left-out-link, heading-skip")
	if code != 0 {
		t.Errorf("--allow 'left-out-link, heading-skip': exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestStrictSaysWhy: when --strict fails on warnings, the summary says
// that --strict made them errors and how to accept a kind of them:
// without it a build that printed only warnings seems to fail for nothing.
func TestStrictSaysWhy(t *testing.T) {
	dir := writeCourse(t, `
-- content/en/a.md --
---
title: A
---
## One

#### Skips a level

See [the form]().
`)
	code, stdout, _ := runCLI(t, "check", "-s", dir, "--strict")
	want := "2 warnings count as errors under --strict (empty-link, heading-skip; to accept a kind of warning, add --allow with its code)\n2 errors, 0 warnings\n"
	if code != 1 || !strings.HasSuffix(stdout, want) {
		t.Errorf("check --strict: exit %d, want 1 and the end\n%s\nin:\n%s", code, want, stdout)
	}
	code, stdout, _ = runCLI(t, "check", "-s", dir, "--strict", "--allow", "empty-link")
	want = "1 warning counts as an error under --strict (to accept this kind of warning, add --allow heading-skip)\n1 error, 1 warning\n"
	if code != 1 || !strings.HasSuffix(stdout, want) {
		t.Errorf("check --strict --allow empty-link: exit %d, want 1 and the end\n%s\nin:\n%s", code, want, stdout)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "-s", dir, "-d", out, "--strict", "--allow", "empty-link")
	want = "1 warning counts as an error under --strict (to accept this kind of warning, add --allow heading-skip)\nbuild failed; nothing was written to " + out + "\n"
	if code != 1 || !strings.HasSuffix(stderr, want) || !strings.Contains(stderr, "a.md:6:6: heading level jumps") {
		t.Errorf("build --strict: exit %d, want 1 and the end\n%s\nin:\n%s", code, want, stderr)
	}
	// Without --strict the same warnings build, and say nothing of it.
	if code, _, stderr := runCLI(t, "build", "-s", dir, "-d", out); code != 0 || strings.Contains(stderr, "--strict") {
		t.Errorf("build: exit %d\n%s", code, stderr)
	}
}

// TestTranslationCountsSayWhatTheyCount: check's summary counts every
// page of the default language's folder, as i18n status does, drafts
// apart; the bundle counts the pages of the copy it wrote. The two
// numbers differ, and each line says what it counts.
func TestTranslationCountsSayWhatTheyCount(t *testing.T) {
	dir := newTranslatedCourse(t)
	_, stdout, _ := runCommand(t, "check", "-s", dir)
	want := "translations fr: 1 translated of 6 pages in content/en/ (drafts and trainer-only pages included), 1 outdated, 2 unmarked, 1 missing, 1 draft not translated (not published yet), 1 orphaned\n"
	if !strings.Contains(stdout, want) {
		t.Errorf("check's summary lacks %q:\n%s", want, stdout)
	}
	code, stdout, stderr := runCommand(t, "bundle", "-s", dir, "-o", filepath.Join(t.TempDir(), "copy.zip"))
	want = "  fr: 1 of the 7 pages of this copy (participant edition) are shown in English, not translated yet; i18n status counts the files of content/en/ instead, drafts and trainer-only pages included\n"
	if code != 0 || !strings.Contains(stdout, want) {
		t.Errorf("bundle: exit %d, output lacks %q:\n%s%s", code, want, stdout, stderr)
	}
}
