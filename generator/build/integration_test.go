package build

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/output"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// built is a built fixture: its files and diagnostics.
type built struct {
	t     *testing.T
	files map[string][]byte
	res   *Result
	err   error
}

// buildTxtar builds a whole course given as a txtar archive, in memory.
func buildTxtar(t *testing.T, archive string, opts Options) *built {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	opts.FS = fsys
	mem := output.NewMemory()
	res, err := Build(context.Background(), opts, mem)
	s := &built{t: t, files: map[string][]byte{}, res: res, err: err}
	for _, n := range mem.Names() {
		b, _ := mem.Get(n)
		s.files[n] = b
	}
	if !opts.DropSources {
		// The build command drops sources as it goes: every fixture is
		// also built that way, and must come out the same; and into a
		// sink that, like output.Dir, is done with the bytes it is given,
		// which the build then renders other pages into.
		opts.DropSources = true
		lean := output.NewMemory()
		_, leanErr := Build(context.Background(), opts, copyingSink{lean})
		if (leanErr == nil) != (err == nil) {
			t.Fatalf("with DropSources the build gave %v, without %v", leanErr, err)
		}
		if err == nil && !slices.Equal(lean.Names(), mem.Names()) {
			t.Fatalf("with DropSources the build wrote %v, without %v", lean.Names(), mem.Names())
		}
		for _, n := range lean.Names() {
			if b, _ := lean.Get(n); err == nil && !bytes.Equal(b, s.files[n]) {
				t.Errorf("with DropSources %s differs", n)
			}
		}
	}
	return s
}

// copyingSink keeps a copy of each file in a Memory: as output.Dir, it is
// done with the bytes it is given when Put returns.
type copyingSink struct{ *output.Memory }

func (c copyingSink) Put(name string, data []byte) error {
	return c.Memory.Put(name, bytes.Clone(data))
}

func (copyingSink) KeepsNoData() {}

func (s *built) ok() *built {
	s.t.Helper()
	if s.err != nil {
		s.t.Fatalf("build failed:\n%v", s.err)
	}
	return s
}

// contains asserts that file holds every one of the given snippets.
func (s *built) contains(file string, snippets ...string) {
	s.t.Helper()
	b, ok := s.files[file]
	if !ok {
		s.t.Fatalf("%s not written; have:\n%s", file, strings.Join(s.names(), "\n"))
	}
	for _, want := range snippets {
		if !bytes.Contains(b, []byte(want)) {
			s.t.Errorf("%s lacks %q", file, want)
		}
	}
}

func (s *built) lacks(file string, snippets ...string) {
	s.t.Helper()
	b := s.files[file]
	for _, bad := range snippets {
		if bytes.Contains(b, []byte(bad)) {
			s.t.Errorf("%s should not contain %q", file, bad)
		}
	}
}

func (s *built) absent(files ...string) {
	s.t.Helper()
	for _, f := range files {
		if _, ok := s.files[f]; ok {
			s.t.Errorf("%s should not be written", f)
		}
	}
}

func (s *built) names() []string {
	var out []string
	for n := range s.files {
		out = append(out, n)
	}
	return out
}

// diagnostic asserts that a message at position (prefix of "file:line:col")
// contains text.
func (s *built) diagnostic(position, text string) {
	s.t.Helper()
	var all []string
	for _, d := range s.res.Diagnostics {
		all = append(all, d.Error())
		if strings.HasPrefix(d.Error(), position) && strings.Contains(d.Error(), text) {
			return
		}
	}
	s.t.Errorf("no diagnostic %q at %s; got:\n%s", text, position, strings.Join(all, "\n"))
}

const basicCourse = `
-- site.yaml --
title: Test course
baseURL: https://example.org/training/
languages:
  en: { name: English }
  fr: { name: Français }
  ar: { name: العربية }
-- content/en/_index.md --
---
title: Welcome
---
Start here.
-- content/en/m1/_index.md --
---
title: Module one
weight: 1
description: The first module.
---
Intro to module one.
-- content/en/m1/b.md --
---
title: Lesson B
weight: 2
duration: 10
---
## Second

Back to [A](a.md#first-steps).
-- content/en/m1/a.md --
---
title: Lesson A
weight: 1
duration: 15
objectives: [Know the act, Know the means]
keypoints: [Consent is irrelevant once means are used]
---
## First steps

Text of A. See [B](./b.md) and [module two](../m2/_index.md).

## 为什么要面谈

Chinese heading.

## لماذا المقابلة

Arabic heading.
-- content/en/m2/_index.md --
---
title: Module two
weight: 2
---
-- content/en/m2/c.md --
# Lesson C from heading

No front matter here.
-- content/fr/_index.md --
---
title: Bienvenue
---
-- content/fr/m1/_index.md --
---
title: Module un
weight: 1
---
-- content/fr/m1/a.md --
---
title: Leçon A
weight: 1
---
## Premiers pas

Texte.
-- content/ar/m1/a.md --
---
title: الدرس أ
weight: 1
---
## الخطوات الأولى
`

func TestBasicCourse(t *testing.T) {
	s := buildTxtar(t, basicCourse, Options{}).ok()
	s.contains("en/m1/a/index.html",
		`<html lang="en" dir="ltr" data-nu="latn" data-root="../../../" data-course="test-course">`,
		`<h1>Lesson A</h1>`,
		`id="first-steps"`, `id="为什么要面谈"`, `id="لماذا-المقابلة"`,
		`href="../b/"`, `href="../../m2/"`,
		`rel="next"`, `Lesson B`,
		`<link rel="canonical" href="https://example.org/training/en/m1/a/">`,
		`hreflang="fr" href="https://example.org/training/fr/m1/a/"`,
		`hreflang="x-default"`,
		`Know the act`, `Consent is irrelevant`, `15 minutes`,
	)
	s.contains("en/m1/b/index.html", `href="../a/#first-steps"`, `rel="prev"`)
	// Titles from the first heading or the file name; the heading is not repeated.
	s.contains("en/m2/c/index.html", `<h1>Lesson C from heading</h1>`)
	s.lacks("en/m2/c/index.html", `<h1 id=`)
	// The module page lists its lessons with durations and totals.
	s.contains("en/m1/index.html", `2 lessons`, `25 minutes`, `href="a/"`, `href="print/"`)
	s.contains("en/m1/print/index.html", `id="a-first-steps"`, `id="b-second"`, `Text of A.`,
		`<p>Intro to module one.</p>`) // the module's introduction first
	// The printable page says what it is (its title, its breadcrumb) and
	// has a button to print, which a script shows.
	s.contains("en/m1/print/index.html", `<title>Module one · Printable version · Test course</title>`,
		`<li><span aria-current="page">Printable version</span></li>`,
		`<p class="print-action" data-print hidden><button type="button">Print this module</button></p>`)
	s.lacks("en/m1/print/index.html", `<li><span aria-current="page">Module one</span></li>`)
	// The home page lists modules with descriptions; the root chooses a language.
	s.contains("en/index.html", `The first module.`, `href="m1/"`)
	s.contains("index.html", `href="en/"`, `href="fr/"`, `href="ar/"`, `العربية`, `data-language-chooser`)
	// One heading, the course's title; the languages are the links.
	if n := bytes.Count(s.files["index.html"], []byte("<h1")); n != 1 {
		t.Errorf("the root page has %d h1, want 1", n)
	}
	s.contains("sitemap.xml", `<loc>https://example.org/training/en/m1/a/</loc>`, `xhtml:link rel="alternate" hreflang="fr"`)
	s.contains("404.html", `href="/training/assets/fieldguide.`)
	// Each language has its own, for a server to answer a missing URL
	// under it: in the reader's language and direction.
	s.contains("en/404.html", `<html lang="en" dir="ltr"`, `href="/training/assets/fieldguide.`)
	s.contains("ar/404.html", `<html lang="ar" dir="rtl"`, `href="/training/ar/"`)
	s.contains("fr/404.html", `<html lang="fr" dir="ltr"`)
	s.lacks("sitemap.xml", "404")
	s.contains("robots.txt", "Sitemap: https://example.org/training/sitemap.xml")
	s.contains("_headers", "Content-Security-Policy: default-src 'none'; script-src 'self'")
	// Navigation: modules, and only the current module's lessons.
	s.contains("en/m1/a/index.html", `aria-current="page">Lesson A</a>`)
	s.lacks("en/m1/a/index.html", `>Lesson C from heading</a>`)
}

func TestFallbackAndRTL(t *testing.T) {
	s := buildTxtar(t, basicCourse, Options{}).ok()
	// The switcher says, in the language's own words, that a link leads
	// to a page not translated yet: not by its grey colour alone.
	s.contains("en/m1/b/index.html", `hreflang="fr" class="missing">Français<span class="visually-hidden"> (pas encore traduite)</span></a>`)
	// fr lacks b.md: a fallback page in French with English text and a notice.
	s.contains("fr/m1/b/index.html", `<html lang="fr" dir="ltr"`, `lang="en" dir="ltr"`,
		"n’est pas encore disponible en français ; affichage en anglais.", `Lesson B`)
	// Its canonical URL is the English original's; it has no hreflang set.
	s.contains("fr/m1/b/index.html", `<link rel="canonical" href="https://example.org/training/en/m1/b/">`)
	s.lacks("fr/m1/b/index.html", `rel="alternate"`)
	// ar has no home and no m1/_index.md: both fall back; pages are rtl.
	s.contains("ar/m1/a/index.html", `<html lang="ar" dir="rtl"`, `id="الخطوات-الأولى"`)
	s.contains("ar/index.html", `dir="rtl"`)
	// Everything of a fallback page in the default language says so, in
	// an RTL page above all: its title, its breadcrumbs, links to it, and
	// its part of the printable module.
	s.contains("ar/m1/b/index.html", `<h1 lang="en" dir="ltr">Lesson B</h1>`,
		`<li><a href="../" lang="en" dir="ltr">Module one</a></li>`,
		`<li><span aria-current="page" lang="en" dir="ltr">Lesson B</span></li>`)
	s.contains("fr/m1/a/index.html", `<span class="prev-next-title" lang="en" dir="ltr">Lesson B</span>`)
	s.lacks("fr/m1/a/index.html", `<h1 lang=`, `aria-current="page" lang=`)
	s.contains("ar/m1/print/index.html", `<h1 lang="en" dir="ltr">Module one</h1>`,
		`<h2 lang="en" dir="ltr">Lesson B</h2>`, `<h2>الدرس أ</h2>`)
	s.contains("ar/m1/index.html", `<a href="b/" lang="en" dir="ltr" data-progress-id="m1/b"`)
	// The switcher on a lesson goes to the same lesson in each language.
	s.contains("fr/m1/a/index.html", `href="../../../en/m1/a/" lang="en"`, `href="../../../ar/m1/a/" lang="ar"`)
	// Fallback pages stay out of the sitemap.
	b := s.files["sitemap.xml"]
	if bytes.Contains(b, []byte("/fr/m1/b/")) {
		t.Error("sitemap lists a fallback page")
	}
}

func TestOmitMissingTranslations(t *testing.T) {
	archive := strings.Replace(basicCourse, "title: Test course\n", "title: Test course\nmissingTranslations: omit\n", 1)
	// A translated page links to one not translated yet: the link goes to
	// the default language's page, as the French page is omitted.
	archive = strings.Replace(archive, "## Premiers pas\n\nTexte.\n", "## Premiers pas\n\nTexte. Voir [la leçon B](b.md).\n", 1)
	s := buildTxtar(t, archive, Options{}).ok()
	s.absent("fr/m1/b/index.html", "fr/m2/c/index.html")
	s.contains("fr/m1/a/index.html", `Leçon A`, `<a href="../../../en/m1/b/">la leçon B</a>`)
	s.lacks("fr/m1/a/index.html", `rel="next"`)
	s.contains("en/m1/b/index.html", `class="missing">Français<span class="visually-hidden"> (pas encore traduite : ouvre la page d’accueil)</span>`)
	// An offline copy of French alone has no English page to link to:
	// the link is its text, with a warning.
	s = buildTxtar(t, archive, Options{Languages: []string{"fr"}, Offline: true}).ok()
	s.contains("fr/m1/a/index.html", `Voir la leçon B.`)
	s.diagnostic("content/fr/m1/a.md:", "link to b.md: the page is in English (en), which this build leaves out")
}

func TestOfflineLinksEndInIndexHTML(t *testing.T) {
	s := buildTxtar(t, basicCourse, Options{Offline: true, Version: "abc123"}).ok()
	s.contains("en/m1/a/index.html", `href="../b/index.html"`, `href="../../m2/index.html"`, `href="../../../assets/fieldguide.`, "Offline copy")
	s.lacks("en/m1/a/index.html", `https://example.org`, `href="/`)
	s.absent("sitemap.xml", "robots.txt", "_headers", "en/404.html", "fr/404.html")
	for name, b := range s.files {
		if strings.HasSuffix(name, ".html") {
			for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllSubmatch(b, -1) {
				u := string(m[1])
				if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "http") || strings.HasPrefix(u, "mailto:") {
					continue
				}
				if strings.HasSuffix(strings.SplitN(u, "#", 2)[0], "/") {
					t.Errorf("%s: offline link to a folder: %s", name, u)
				}
			}
		}
	}
}

func TestLanguageSubset(t *testing.T) {
	s := buildTxtar(t, basicCourse, Options{Languages: []string{"fr"}}).ok()
	s.absent("en/m1/a/index.html")
	s.contains("fr/m1/b/index.html", "Lesson B")
	s.lacks("fr/m1/a/index.html", `lang="en" dir="ltr" hreflang="en"`)
}

func TestErrorsNamePositions(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/m1/a.md --
---
title: A
wieght: 3
---
Some text.

A [broken link](missing.md) here.
-- content/en/m1/b.md --
---
title: B
weight: "two"
---
`, Options{})
	if s.err == nil {
		t.Fatal("build with a broken link succeeded")
	}
	s.diagnostic("content/en/m1/a.md:3:1", `unknown key "wieght" (did you mean "weight"?)`)
	s.diagnostic("content/en/m1/a.md:7:3", "link to missing.md: no such page or file")
	s.diagnostic("content/en/m1/b.md:3", "weight must be a number")
}

func TestSiteYAMLErrors(t *testing.T) {
	s := buildTxtar(t, `
-- site.yaml --
title: X
languges:
  en: {}
-- content/en/_index.md --
`, Options{})
	s.diagnostic("site.yaml:2:1", `unknown key "languges" (did you mean "languages"?)`)
	s = buildTxtar(t, `
-- site.yaml --
languages:
  english: { name: English }
-- content/english/_index.md --
`, Options{})
	s.diagnostic("site.yaml:2", `"english" is not a valid BCP 47 language tag`)
	s = buildTxtar(t, "-- site.yaml --\ntitle: [unclosed\n-- content/en/_index.md --\n", Options{})
	if s.err == nil || !strings.Contains(s.err.Error(), "site.yaml:") {
		t.Errorf("malformed YAML: %v", s.err)
	}
}

func TestTranslationKeyConflict(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/a.md --
---
translationKey: intro
---
-- content/en/b.md --
---
translationKey: intro
---
`, Options{})
	s.diagnostic("content/en/b.md:1", `translationKey "intro" is also used by content/en/a.md`)
}

func TestURLClashesAndAliases(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/m/a.md --
-- content/en/m/b.md --
---
slug: a
---
`, Options{})
	s.diagnostic("content/en/m/", "both have the URL /en/m/a/")
	// Once, not again for each language showing them untranslated.
	s = buildTxtar(t, `
-- site.yaml --
languages: {en: {}, fr: {}, ar: {}}
-- content/en/m/a.md --
A.
-- content/en/m/a/index.md --
A too.
`, Options{})
	if n := len(s.res.Diagnostics); n != 1 {
		t.Errorf("%d messages for one clash:\n%v", n, s.res.Diagnostics)
	}
	s.diagnostic("content/en/m/a", "both have the URL /en/m/a/")
	s = buildTxtar(t, `
-- content/en/m/a.md --
---
aliases: [/en/old-a/, older]
---
Moved here.
-- content/en/m/c.md --
---
aliases: [a]
---
`, Options{})
	s.diagnostic("content/en/m/c.md:2:", `alias "a" is the URL of content/en/m/a.md`)
	s = buildTxtar(t, `
-- content/en/m/a.md --
---
aliases: [/en/old-a/, older]
---
`, Options{}).ok()
	s.contains("en/old-a/index.html", `http-equiv="refresh" content="0; url=../m/a/"`)
	s.contains("en/m/older/index.html", `url=../a/"`)
}

// TestAliasesAreTheWholeSites: an alias is one address of the site,
// whichever language's page names it. A translation copied with its
// source's absolute alias wrote the same redirect, and the last one
// written won: English readers of the old address got the French page.
// Both pages are named, each at its aliases: line.
func TestAliasesAreTheWholeSites(t *testing.T) {
	s := buildTxtar(t, `
-- site.yaml --
languages: {en: {}, fr: {}}
-- content/en/getting-started/contract.md --
---
title: Contract
weight: 2
aliases:
  - /en/getting-started/old-contract/
---
Text.
-- content/fr/getting-started/contract.md --
---
title: Contrat
weight: 2
aliases:
  - /en/getting-started/old-contract/
---
Texte.
-- content/fr/getting-started/other.md --
+++
title = "Autre"
"aliases" = ["/en/getting-started/contract/"]
+++
Texte.
`, Options{})
	if s.err == nil {
		t.Fatal("the build succeeded")
	}
	s.diagnostic("content/fr/getting-started/contract.md:4:", `alias "/en/getting-started/old-contract/" is also an alias of content/en/getting-started/contract.md:4`)
	s.diagnostic("content/fr/getting-started/contract.md:4:", "remove it from this translation, or write it under /fr/")
	// An alias that is another language's page.
	s.diagnostic("content/fr/getting-started/other.md:3:", `alias "/en/getting-started/contract/" is the URL of content/en/getting-started/contract.md`)
}

func TestDraftsBundlesStaticAndAudience(t *testing.T) {
	archive := `
-- content/en/m/draft.md --
---
draft: true
title: Draft page
---
-- content/en/m/trainer.md --
---
audience: trainer
title: For trainers only
---
TRAINERSECRET
-- content/en/d/_index.md --
---
title: A module being written
draft: true
---
-- content/en/d/deeper/lesson.md --
---
title: A lesson in a draft module
---
-- content/en/m/bundle/index.md --
---
title: Bundle
---
![A diagram](diagram.svg) and [the handout](handout.pdf).
-- content/en/m/bundle/diagram.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/en/m/bundle/handout.pdf --
%PDF-1.4
-- static/img/logo.svg --
<svg/>
`
	s := buildTxtar(t, archive, Options{}).ok()
	s.absent("en/m/draft/index.html", "en/m/trainer/index.html", "en/d/index.html", "en/d/deeper/lesson/index.html", "en/d/deeper/index.html")
	s.contains("en/m/bundle/index.html", `src="diagram.svg" alt="A diagram"`, `href="handout.pdf"`)
	s.contains("en/m/bundle/diagram.svg", "<svg")
	s.contains("img/logo.svg", "<svg/>")
	for name, b := range s.files {
		if bytes.Contains(b, []byte("TRAINERSECRET")) || bytes.Contains(b, []byte("For trainers only")) {
			t.Errorf("%s leaks a trainer-only page", name)
		}
	}
	s = buildTxtar(t, archive, Options{Drafts: true, Audience: "trainer"}).ok()
	s.contains("en/m/draft/index.html", "Draft page")
	s.contains("en/d/deeper/lesson/index.html", "A lesson in a draft module")
	s.contains("en/m/trainer/index.html", "TRAINERSECRET")
}

func TestRawHTMLEscapedUnlessUnsafe(t *testing.T) {
	archive := "-- content/en/a.md --\nHello <b>bold</b>\n\n<div class=\"x\">block</div>\n"
	s := buildTxtar(t, archive, Options{}).ok()
	s.contains("en/a/index.html", "&lt;b&gt;bold&lt;/b&gt;", "&lt;div class=&quot;x&quot;&gt;")
	s.diagnostic("content/en/a.md:1", "raw HTML is shown as text")
	s = buildTxtar(t, "-- site.yaml --\nunsafeHTML: true\n"+archive, Options{}).ok()
	s.contains("en/a/index.html", "<b>bold</b>", `<div class="x">block</div>`)
}

// TestTablesTakeTheFocus: a table, which scrolls sideways when wider than
// the screen, can be scrolled from the keyboard.
func TestTablesTakeTheFocus(t *testing.T) {
	s := buildTxtar(t, "-- content/en/a.md --\n| Need | Who |\n|---|---|\n| Shelter | [local NGO] |\n", Options{}).ok()
	s.contains("en/a/index.html", `<table tabindex="0">`)
}

func TestCodeHighlightingUsesClasses(t *testing.T) {
	s := buildTxtar(t, "-- content/en/a.md --\n```go\nfunc main() {}\n```\n", Options{}).ok()
	s.contains("en/a/index.html", `<pre class="chroma" tabindex="0"><code class="language-go" data-lang="go">`, `<span class="kd">func</span>`)
	var css []byte
	for n, b := range s.files {
		if strings.HasPrefix(n, "assets/code.") && strings.HasSuffix(n, ".css") {
			css = b
			s.contains("en/a/index.html", `<link rel="stylesheet" href="../../`+n+`">`)
		}
	}
	if !bytes.Contains(css, []byte(".chroma .kd")) || !bytes.Contains(css, []byte("prefers-color-scheme:dark")) {
		t.Error("code stylesheet lacks the light and dark chroma styles")
	}
	// A page without code does not load the code stylesheet.
	s = buildTxtar(t, "-- content/en/a.md --\nNo code.\n", Options{}).ok()
	s.lacks("en/a/index.html", "assets/code.")
}

func TestOutdatedTranslationNotice(t *testing.T) {
	archive := `
-- content/en/a.md --
Source text, version two.
-- content/fr/a.md --
---
translatedFrom: 000000000000
---
Texte.
`
	s := buildTxtar(t, archive, Options{}).ok()
	s.contains("fr/a/index.html", "a changé depuis cette traduction", `href="../../en/a/"`)
}

// TestGoldenLesson compares a whole lesson page with testdata/lesson.golden.html.
// Run `go test ./generator/build -run Golden -update` and review the diff.
func TestGoldenLesson(t *testing.T) {
	s := buildTxtar(t, basicCourse, Options{}).ok()
	got := s.files["en/m1/a/index.html"]
	got = regexp.MustCompile(`fieldguide\.[0-9a-f]{10}\.`).ReplaceAll(got, []byte("fieldguide.HASH."))
	golden := filepath.Join("testdata", "lesson.golden.html")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("lesson page differs from %s; run with -update and review the diff", golden)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a := buildTxtar(t, basicCourse, Options{}).ok()
	b := buildTxtar(t, basicCourse, Options{}).ok()
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files, then %d", len(a.files), len(b.files))
	}
	for n, x := range a.files {
		if !bytes.Equal(x, b.files[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// TestFailedBuildKeepsPreviousSite writes a good build to disk, then a
// broken one, and checks the destination still holds the good one.
func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	write := func(name, text string) {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	buildTo := func() error {
		out, err := output.NewDir(src, dest)
		if err != nil {
			return err
		}
		if _, err := Build(context.Background(), Options{FS: os.DirFS(src)}, out); err != nil {
			out.Abort()
			return err
		}
		return out.Commit()
	}
	write("content/en/a.md", "Good text.\n")
	write("content/en/old.md", "Old page.\n")
	if err := buildTo(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "content/en/old.md")); err != nil {
		t.Fatal(err)
	}
	write("content/en/a.md", "Broken [link](nowhere.md).\n")
	err := buildTo()
	var errs *diag.Errors
	if err == nil || !errorsAs(err, &errs) {
		t.Fatalf("broken build: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "en/a/index.html")); err != nil || !bytes.Contains(b, []byte("Good text.")) {
		t.Fatalf("previous site lost: %v", err)
	}
	write("content/en/a.md", "Fixed.\n")
	if err := buildTo(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "en/old/index.html")); !os.IsNotExist(err) {
		t.Error("a page no longer produced is still in the destination")
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.tmp") || e.Name() == "public.old" {
			t.Errorf("left behind %s", e.Name())
		}
	}
	if _, err := output.NewDir(src, src); err == nil {
		t.Error("destination equal to the source was accepted")
	}
	if _, err := output.NewDir(filepath.Join(src, "content"), src); err == nil {
		t.Error("destination above the source was accepted")
	}
	if _, err := output.NewDir(src, filepath.Join(src, "content", "out")); err == nil {
		t.Error("destination inside content/ was accepted")
	}
}

// TestTrainerTextNeverLeaks builds a course full of trainer-only marker
// strings as a participant and scans every byte of every output file,
// search index included, for them.
func TestTrainerTextNeverLeaks(t *testing.T) {
	archive := `
-- site.yaml --
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/glossary.md --
---
title: Glossary
---
Referral
: Passing a person on to a service. LEAKMARK-GLOSSARY-OK
-- content/en/m/_index.md --
---
title: Module
---
::: trainer
LEAKMARK-1 module trainer note
:::
-- content/en/m/a.md --
---
title: Lesson A
---
## Public heading

Public text about referral.

::: trainer
LEAKMARK-2 trainer note with [a link](b.md)
:::

::: instructor
LEAKMARK-3 carpentries instructor note
:::

:::: scenario A case
Public case text.

::: trainer
LEAKMARK-4 nested trainer note
:::
::::

::: quiz
Which is right?

- [x] This one.
  > Yes.
- [ ] That one.
  > No.
:::
-- content/en/m/b.md --
---
title: Lesson B
---
Text. See [the trainer's notes](notes.md) and [the trainer module](../tm/l.md).

Print [the map](<map sheet.txt>) and bring ids.txt.
-- content/en/m/notes.md --
---
title: Notes
audience: trainer
---
Notes.
-- content/fr/m/notes.md --
---
title: Notes
---
LEAKMARK-11 a translator left out the audience
-- content/en/m/keyed.md --
---
title: Keyed notes
audience: trainer
translationKey: keyed
---
Keyed.
-- content/fr/m/keyed.md --
LEAKMARK-17 at the path of a page with a translationKey, without one
-- content/en/tm/_index.md --
---
title: Trainer module
audience: trainer
---
Trainer module.
-- content/en/tm/l.md --
---
title: LEAKMARK-12 lesson of a trainer module
---
LEAKMARK-13
-- content/en/tm/b/index.md --
---
title: Bundle
---
[Handout](handout.txt)
-- content/en/tm/b/handout.txt --
LEAKMARK-14
-- content/fr/tm/_index.md --
---
title: LEAKMARK-15 module formateur
---
-- content/fr/tm/l.md --
---
title: Leçon
---
LEAKMARK-16
-- content/en/m/secret.md --
---
title: LEAKMARK-5 trainer page title
audience: trainer
description: LEAKMARK-6 description
---
## LEAKMARK-7 heading

LEAKMARK-8 body. [Answers](answers.txt), [the map](map%20sheet.txt), [ids](ids.txt), [roles][r].

[r]: ./roles.txt
-- content/en/m/answers.txt --
LEAKMARK-18 a module's file that only a trainer page links
-- content/en/m/map sheet.txt --
A module's file that a lesson links too.
-- content/en/m/ids.txt --
LEAKMARK-19 a module's file a lesson names without a link
-- content/en/m/roles.txt --
LEAKMARK-20 a file of the same name as another module's
-- content/en/m2/_index.md --
---
title: Module two
---
[Its own roles](roles.txt)
-- content/en/m2/roles.txt --
Module two's roles, which its page links.
-- content/en/m/a-answers.txt --
A module's file no page links to: it is copied.
-- content/fr/m/secret.md --
---
title: LEAKMARK-9 page formateur
audience: trainer
---
LEAKMARK-10
`
	for _, offline := range []bool{false, true} {
		s := buildTxtar(t, archive, Options{Offline: offline}).ok()
		if len(s.files) < 10 {
			t.Fatalf("only %d files built", len(s.files))
		}
		for name, b := range s.files {
			b = bytes.ReplaceAll(b, []byte("LEAKMARK-GLOSSARY-OK"), nil)
			if i := bytes.Index(b, []byte("LEAKMARK-")); i >= 0 {
				t.Errorf("offline=%v: %s leaks %q", offline, name, b[i:min(len(b), i+40)])
			}
		}
		s.absent("en/m/secret/index.html", "fr/m/notes/index.html", "en/tm/index.html", "fr/tm/l/index.html", "en/tm/b/handout.txt",
			"en/m/answers.txt", "fr/m/answers.txt", "en/m/ids.txt", "en/m/roles.txt")
		s.contains("en/m/map sheet.txt", "a lesson links too")
		s.contains("en/m2/roles.txt", "which its page links")
		s.contains("en/m/a-answers.txt", "no page links to")
		// A link to a page left out is its text alone, with a warning.
		s.contains("en/m/b/index.html", "See the trainer's notes and the trainer module.")
		s.diagnostic("content/en/m/b.md:4:11", "link to notes.md: the page is for trainers only (audience: trainer)")
		s.diagnostic("content/en/m/b.md:4:47", "the page is in a section for trainers only (content/en/tm/_index.md has audience: trainer)")
		// The translator is told why the page is left out.
		s.diagnostic("content/fr/m/notes.md:1", "its translation content/en/m/notes.md is for trainers only")
		s.diagnostic("content/fr/tm/_index.md:1", "its translation content/en/tm/_index.md is for trainers only")
	}
	s := buildTxtar(t, archive, Options{Audience: "trainer"}).ok()
	for _, mark := range []string{"LEAKMARK-1", "LEAKMARK-2", "LEAKMARK-3", "LEAKMARK-4"} {
		found := false
		for _, b := range s.files {
			if bytes.Contains(b, []byte(mark)) {
				found = true
			}
		}
		if !found {
			t.Errorf("trainer build lacks %s", mark)
		}
	}
	s.contains("en/m/secret/index.html", "LEAKMARK-8")
	s.contains("fr/tm/l/index.html", "LEAKMARK-16")
	s.contains("en/tm/b/handout.txt", "LEAKMARK-14")
	s.contains("en/m/answers.txt", "LEAKMARK-18")
	s.contains("fr/m/answers.txt", "LEAKMARK-18")
	s.contains("en/m/roles.txt", "LEAKMARK-20")
	s.contains("en/m/b/index.html", `<a href="../notes/">the trainer's notes</a>`, `<a href="../../tm/l/">the trainer module</a>`)
}

func TestTranslationKeyOnlyOnSource(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/m/a.md --
---
translationKey: intro
---
English.
-- content/fr/m/a.md --
Français.
`, Options{}).ok()
	s.contains("fr/m/a/index.html", "Français.")
	s.diagnostic("content/fr/m/a.md:1", "add `translationKey: intro`")
	for _, d := range s.res.Diagnostics {
		if d.Code == "url-clash" {
			t.Errorf("unexpected %v", d)
		}
	}
}

// TestAbsoluteAliasOnlyOnce: a page with an absolute alias that also
// appears as a fallback in other languages writes its alias once.
func TestAbsoluteAliasOnlyOnce(t *testing.T) {
	archive := `
-- site.yaml --
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/m/a.md --
---
aliases: [/en/old-a/, older]
---
Text.
`
	first := buildTxtar(t, archive, Options{}).ok()
	first.contains("en/old-a/index.html", `url=../m/a/"`)
	first.contains("fr/m/older/index.html", `url=../a/"`)
	for range 5 {
		again := buildTxtar(t, archive, Options{}).ok()
		if !bytes.Equal(again.files["en/old-a/index.html"], first.files["en/old-a/index.html"]) {
			t.Fatal("the alias page differs between builds")
		}
	}
}

// TestSharedNavIsEachPages builds the bundled course, whose modules,
// glossary, trainer pages and translations with fallbacks exercise the
// navigation, with the navigation shared by a section's lessons
// (lessonNav) and made for each page, online and offline, and wants the
// same bytes. Every language of the course is translated now: the copy
// built here lacks the Arabic case scenarios, so that a module and its
// lessons fall back to English.
func TestSharedNavIsEachPages(t *testing.T) {
	course := fstest.MapFS{}
	const untranslated = "content/ar/case-scenarios/"
	root := os.DirFS("../..")
	for _, top := range []string{"site.yaml", "content", "layouts", "static"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(p, untranslated) {
				return err
			}
			data, err := fs.ReadFile(root, p)
			course[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	for _, opts := range []Options{{}, {Offline: true, Audience: "trainer", Drafts: true}} {
		var sites [2]*output.Memory
		for i, share := range []bool{true, false} {
			shareNav = share
			opts.FS = course
			sites[i] = output.NewMemory()
			if _, err := Build(context.Background(), opts, sites[i]); err != nil {
				shareNav = true
				t.Fatal(err)
			}
		}
		shareNav = true
		label := fmt.Sprintf("offline %v, audience %q", opts.Offline, opts.Audience)
		names := sites[0].Names()
		if !slices.Equal(names, sites[1].Names()) || len(names) < 50 {
			t.Fatalf("%s: %d files shared, %d each", label, len(names), len(sites[1].Names()))
		}
		fallbacks := 0
		for _, n := range names {
			if page, _ := sites[0].Get(n); strings.HasPrefix(n, "ar/case-scenarios/") && bytes.Contains(page, []byte("notice-fallback")) {
				fallbacks++
			}
		}
		if fallbacks < 4 {
			t.Fatalf("%s: %d Arabic pages shown in English, want the module's lessons", label, fallbacks)
		}
		for _, n := range names {
			a, _ := sites[0].Get(n)
			b, _ := sites[1].Get(n)
			if !bytes.Equal(a, b) {
				t.Errorf("%s: %s differs", label, n)
			}
		}
	}
}

// TestIDsAreUniqueAndAnchorsResolve builds lessons that share heading
// texts, hand-set ids, footnotes, quizzes, scenarios and glossary terms,
// and checks every page, the printable module page above all (which puts
// both lessons in one document): no id is used twice, and every link to
// an anchor of the same page has its target.
func TestIDsAreUniqueAndAnchorsResolve(t *testing.T) {
	lesson := func(name string) string {
		return `---
title: Lesson ` + name + `
---
## Overview {#same}

Text with a note[^n] and a [link to the overview](#same) and to [the next part](#next-steps).
Asking about referral comes later.[^other]

::: note
A callout.
:::

:::: scenario A case
Case text.

::: discussion
What next?
:::
::::

::: quiz
Which is right?

- [x] This one.
  > Yes.
- [ ] That one.
  > No.
:::

## Next steps

Term
: Its definition.

[^n]: The note of ` + name + `.
[^other]: Another note.
`
	}
	course := `
-- site.yaml --
languages:
  en: { name: English }
-- content/en/glossary.md --
---
title: Glossary
---
Referral
: Passing a person on to a service.
-- content/en/m/_index.md --
---
title: Module
---
-- content/en/m/a.md --
` + lesson("A") + `
-- content/en/m/b.md --
` + lesson("B")
	for _, offline := range []bool{false, true} {
		s := buildTxtar(t, course, Options{Offline: offline}).ok()
		s.contains("en/m/print/index.html", `The note of A.`, `The note of B.`)
		// Under the lesson's title (h2), its headings go one level down.
		s.contains("en/m/print/index.html", `<h2>Lesson A</h2>`, `<h3 id="a-same">Overview</h3>`,
			`<h3 id="b-next-steps">Next steps</h3>`)
		s.contains("en/m/a/index.html", `<h2 id="same">Overview</h2>`, `<h3 class="scenario-title" id="scenario">`)
		s.contains("en/m/print/index.html", `<h4 class="scenario-title" id="a-scenario">`)
		checkIDsAndAnchors(t, s)
	}
}

// checkIDsAndAnchors checks every HTML page of s: no id used twice, and a
// target for every link to an anchor of the same page and every id that a
// label or an ARIA attribute names.
func checkIDsAndAnchors(t *testing.T, s *built) {
	t.Helper()
	idAttr := regexp.MustCompile(`\sid="([^"]*)"`)
	anchor := regexp.MustCompile(`href="#([^"]*)"`)
	idRefs := regexp.MustCompile(`\s(for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"`)
	for _, name := range s.names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := s.files[name]
		ids := map[string]int{}
		for _, m := range idAttr.FindAllSubmatch(page, -1) {
			ids[html.UnescapeString(string(m[1]))]++
		}
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%s: id %q is used %d times", name, id, n)
			}
		}
		for _, m := range anchor.FindAllSubmatch(page, -1) {
			target, err := url.PathUnescape(html.UnescapeString(string(m[1])))
			if err != nil || target != "" && ids[target] == 0 {
				t.Errorf("%s: link to #%s has no target", name, m[1])
			}
		}
		for _, m := range idRefs.FindAllSubmatch(page, -1) {
			for _, id := range strings.Fields(html.UnescapeString(string(m[2]))) {
				if ids[id] == 0 {
					t.Errorf("%s: %s names id %q, which is not on the page", name, m[1], id)
				}
			}
		}
	}
}

// TestTemplateErrorsPointAtTheTemplate: a mistake in a course's own
// template is one message at the template's line and column, not one per
// page at the page's Markdown, and a misspelt field gets a suggestion.
func TestTemplateErrorsPointAtTheTemplate(t *testing.T) {
	course := `
-- content/en/_index.md --
Home.
-- content/en/m/_index.md --
Module.
-- content/en/m/a.md --
Lesson.
`
	s := buildTxtar(t, course+"-- layouts/partials/footer.html --\n<footer>\n  {{.SiteTitel}}</footer>\n", Options{})
	if s.err == nil {
		t.Fatal("a template that fails to execute built")
	}
	if n := len(s.res.Diagnostics); n != 1 {
		t.Errorf("%d messages, want one:\n%v", n, s.res.Diagnostics)
	}
	s.diagnostic("layouts/partials/footer.html:2:5", `the page has no field SiteTitel; did you mean .SiteTitle?`)
	if d := s.res.Diagnostics[0]; !strings.Contains(d.Hint, `write .SiteTitle`) {
		t.Errorf("hint %q, want a suggestion", d.Hint)
	}

	s = buildTxtar(t, course+"-- layouts/partials/footer.html --\n<footer>\n\n{{.SiteTitle}</footer>\n", Options{})
	if s.err == nil {
		t.Fatal("a template that does not parse built")
	}
	s.diagnostic("layouts/partials/footer.html:3:", "a {{ … }} on this line closes with one brace")
}

// TestOneMistakeOneMessage: a file that cannot be used (front matter not
// closed, invalid UTF-8) or that clashes with another in letter case is
// an error of its own, and the links to it are not reported broken too.
func TestOneMistakeOneMessage(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/m/_index.md --
See [a](a.md), [b](b.md), [c](c.md) and [d](d.md).
-- content/en/m/a.md --
---
title: A
`+"-- content/en/m/b.md --\nBad byte \xff here.\n"+`-- content/en/m/c.md --
C.
-- content/en/m/C.md --
Also C.
-- content/en/m/d.md --
D.
`, Options{})
	if s.err == nil {
		t.Fatal("built")
	}
	var got []string
	for _, d := range s.res.Diagnostics {
		got = append(got, d.Error())
		if d.Code == "broken-link" {
			t.Errorf("a link reported broken: %s", d.Error())
		}
	}
	if len(got) != 3 {
		t.Errorf("want one message for each of a.md, b.md and c.md; got:\n%s", strings.Join(got, "\n"))
	}
}

// TestBrokenLinksSuggest: a mistyped link is answered with the page or
// folder it was probably meant for, anchor kept.
func TestBrokenLinksSuggest(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/indicators/_index.md --
Module.
-- content/en/indicators/ilo-indicators.md --
ILO.
-- content/en/indicators/bundle/index.md --
Bundle. ![A map](map.png)
-- content/en/indicators/bundle/map.png --
png
-- content/en/other/_index.md --
[a](../indicators/ilo-indicator.md#a), [b](../indicator/), [c](../indicators/bundel/), [d](../indicators/bundle/maps.png), [e](/img/x.png)
`, Options{})
	s.diagnostic("content/en/other/_index.md:1:1", "did you mean ../indicators/ilo-indicators.md#a?")
	s.diagnostic("content/en/other/_index.md:1:", "did you mean ../indicators/?")
	s.diagnostic("content/en/other/_index.md:1:", "did you mean ../indicators/bundle/?")
	s.diagnostic("content/en/other/_index.md:1:", "did you mean ../indicators/bundle/map.png?")
	s.diagnostic("content/en/other/_index.md:1:", "a link starting with / names a file of static/")
	// A lesson turned into a folder (to keep an image beside it): its
	// links to its neighbours need a "../" now.
	s = buildTxtar(t, "-- content/en/m/_index.md --\nM.\n-- content/en/m/b.md --\nB.\n-- content/en/m/a/index.md --\n[b](b.md#x) ![A map](map.png)\n-- content/en/m/a/map.png --\npng\n", Options{})
	s.diagnostic("content/en/m/a/index.md:1:1", "did you mean ../b.md#x?")
	// Never the page the link is on.
	s = buildTxtar(t, "-- content/en/m/a.md --\n[b](b.md)\n", Options{})
	for _, d := range s.res.Diagnostics {
		if strings.Contains(d.Hint, "a.md") {
			t.Errorf("suggests the page itself: %s", d.Error())
		}
	}
}

// TestLinksWrittenAsURLsSuggestTheFile: a link copied from the address
// bar names the page's URL, a folder deeper than the lesson's file: the
// hint names the file it means, not a generic "check the path".
func TestLinksWrittenAsURLsSuggestTheFile(t *testing.T) {
	s := buildTxtar(t, `
-- site.yaml --
languages: {en: {}, fr: {}}
-- content/en/recruitment-agencies/_index.md --
Module.
-- content/en/recruitment-agencies/fees.md --
## Costs
Fees.
-- content/en/recruitment-agencies/passport/index.md --
Passport.
-- content/en/other/_index.md --
Other.
-- content/en/recruitment-agencies/red-flags.md --
[fees](../fees/) [costs](../fees/#costs) [passport](../passport/) [other](../../other/) [absolute](/en/recruitment-agencies/fees/)
`, Options{})
	s.diagnostic("content/en/recruitment-agencies/red-flags.md:1:1", "link to ../fees/: no such page or file (did you mean fees.md?)")
	s.diagnostic("content/en/recruitment-agencies/red-flags.md:1:", "link to ../fees/#costs: no such page or file (did you mean fees.md#costs?)")
	s.diagnostic("content/en/recruitment-agencies/red-flags.md:1:", "link to ../passport/: no such page or file (did you mean passport/index.md?)")
	s.diagnostic("content/en/recruitment-agencies/red-flags.md:1:", "link to ../../other/: no such page or file (did you mean ../other/_index.md?)")
	// Once: the French copy of the page shown untranslated says nothing more.
	n := 0
	for _, d := range s.res.Diagnostics {
		if strings.Contains(d.Message, "link to ../fees/:") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d messages for ../fees/:\n%v", n, s.res.Diagnostics)
	}
}

// TestTranslationsTakeTheSourcesWeight: a translation without a weight is
// ordered as its source; a different weight is warned about.
func TestTranslationsTakeTheSourcesWeight(t *testing.T) {
	s := buildTxtar(t, `
-- site.yaml --
languages: {en: {}, fr: {}}
-- content/en/m/_index.md --
-- content/en/m/a.md --
---
title: A
weight: 2
---
Text.
-- content/en/m/b.md --
---
title: B
weight: 1
---
Text.
-- content/fr/m/_index.md --
-- content/fr/m/a.md --
---
title: A fr
---
Texte.
-- content/fr/m/b.md --
---
title: B fr
---
Texte.
`, Options{}).ok()
	// B comes first in French too: it links to A as the next lesson.
	s.contains("fr/m/b/index.html", `href="../a/" rel="next"`)
	s.contains("fr/m/a/index.html", `href="../b/" rel="prev"`)
	if len(s.res.Diagnostics) != 0 {
		t.Errorf("messages: %v", s.res.Diagnostics)
	}
	s = buildTxtar(t, `
-- site.yaml --
languages: {en: {}, fr: {}}
-- content/en/m/a.md --
---
weight: 2
---
-- content/fr/m/a.md --
---
weight: 7
---
`, Options{})
	s.diagnostic("content/fr/m/a.md:1", "weight 7 differs from its source's (2 in content/en/m/a.md)")
}

// TestNoticeInOneLanguage: a language without UI strings of its own gets
// the English notice, with the languages named in English too.
func TestNoticeInOneLanguage(t *testing.T) {
	s := buildTxtar(t, `
-- site.yaml --
languages: {en: {}, sw: {name: Kiswahili}}
-- content/en/m/a.md --
A.
`, Options{}).ok()
	s.contains("sw/m/a/index.html", "This page is not yet available in Swahili; showing English.")
}

// TestUntranslatedPagesLinkTheirOwnCopies: a page shown untranslated
// links to its files' copies in the language it is shown in, and its
// (default-language) terms to the glossary that has them.
func TestUntranslatedPagesLinkTheirOwnCopies(t *testing.T) {
	archive := `
-- site.yaml --
languages: {en: {}, ar: {}}
-- content/en/glossary.md --
Consent
: Agreeing freely.
-- content/ar/glossary.md --
الموافقة
: القبول بحرية.
-- content/en/m/_index.md --
This module is about consent.
-- content/en/m/doc/index.md --
Ask for consent. ![A form](form.png)
-- content/en/m/doc/form.png --
png
`
	s := buildTxtar(t, archive, Options{}).ok()
	s.contains("ar/m/doc/index.html", `src="form.png"`, `href="../../../en/glossary/#term-consent"`)
	s.contains("ar/m/doc/form.png", "png")
	// The printable page opens with the module's introduction, whose
	// glossary term links from the printable page's own place.
	s.contains("en/m/print/index.html", `This module is about <span class="term-wrap"><a class="term" href="../../glossary/#term-consent"`)
	s.contains("en/m/index.html", `This module is about <span class="term-wrap"><a class="term" href="../glossary/#term-consent"`)
	// An offline copy of Arabic alone: no English glossary to link to, and
	// the file is the Arabic copy's.
	s = buildTxtar(t, archive, Options{Languages: []string{"ar"}, Offline: true}).ok()
	s.contains("ar/m/doc/index.html", `src="form.png"`)
	s.lacks("ar/m/doc/index.html", `#term-consent`, `en/`)
}

// TestImagesLoadLazilyWithTheirSize: an image loads as it is scrolled to,
// with its width and height from the file, so the text does not jump on
// a slow link; a live preview follows a new size of the file.
func TestImagesLoadLazilyWithTheirSize(t *testing.T) {
	var png bytes.Buffer
	if err := pngEncode(&png, 3, 2); err != nil {
		t.Fatal(err)
	}
	archive := "-- content/en/m/a/index.md --\n![A map](map.png)\n-- content/en/m/a/map.png --\n" + png.String()
	s := buildTxtar(t, archive, Options{}).ok()
	s.contains("en/m/a/index.html", `<img src="map.png" alt="A map" loading="lazy" decoding="async" width="3" height="2" />`)
}

func pngEncode(w io.Writer, width, height int) error {
	return png.Encode(w, image.NewGray(image.Rect(0, 0, width, height)))
}

// TestWindowsDeviceNames: a page named as a Windows device (aux, con,
// nul, com1) builds for the web, with a warning at its file that an
// offline copy cannot hold it, and what to do.
func TestWindowsDeviceNames(t *testing.T) {
	s := buildTxtar(t, "-- site.yaml --\nlanguages: {en: {}, fr: {}}\n-- content/en/m/aux.md --\nA.\n-- content/en/m/b.md --\n---\nslug: con\n---\nB.\n", Options{}).ok()
	s.diagnostic("content/en/m/aux.md:1", `"aux" is a reserved device name on Windows`)
	s.diagnostic("content/en/m/b.md:1", `"con" is a reserved device name on Windows`)
	if n := len(s.res.Diagnostics); n != 2 {
		t.Errorf("%d messages, want one a page (not one a language): %v", n, s.res.Diagnostics)
	}
}

// TestBareURLsPrintOnce: a link whose text is its address is marked, so
// that print, which adds a link's address after its text, does not
// print it twice.
func TestBareURLsPrintOnce(t *testing.T) {
	s := buildTxtar(t, "-- content/en/a.md --\nSee <https://example.org/a>, https://example.org/b and [the site](https://example.org/c).\n", Options{}).ok()
	s.contains("en/a/index.html", `<a href="https://example.org/a" class="url">https://example.org/a</a>`,
		`<a href="https://example.org/b" class="url">https://example.org/b</a>`, `<a href="https://example.org/c">the site</a>`)
	for name, b := range s.files {
		if strings.HasPrefix(name, "assets/fieldguide.") && strings.HasSuffix(name, ".css") && !bytes.Contains(b, []byte(`:not(.url)::after`)) {
			t.Errorf("%s prints the address of every link", name)
		}
	}
}

// TestRemoteImage: an image from another site is fetched by every
// reader's browser, and the offline copy has no internet: a warning on
// the web, an error offline, both at the Markdown.
func TestRemoteImage(t *testing.T) {
	const course = `
-- content/en/m/a.md --
Text.

![A map](https://example.org/map.png) and ![a logo](//cdn.example/logo.png)
`
	s := buildTxtar(t, course, Options{}).ok()
	s.diagnostic("content/en/m/a.md:3:1: warning", "image loaded from example.org")
	s.diagnostic("content/en/m/a.md:3:43: warning", "image loaded from cdn.example")
	s.contains("en/m/a/index.html", `src="https://example.org/map.png"`)
	if s := buildTxtar(t, course, Options{Offline: true}); s.err == nil {
		t.Error("the offline copy built with images from other sites")
	} else {
		s.diagnostic("content/en/m/a.md:3:1: image loaded from example.org", "offline copy cannot show it")
	}
}

// TestColonInURL: a slug or file name with a colon would make the module
// menu's link to it a javascript: URL; it is refused where it is written.
func TestColonInURL(t *testing.T) {
	s := buildTxtar(t, `
-- content/en/m/a.md --
---
slug: "javascript:void(document.title='x')<!--"
---
Text.
-- content/en/m/b:c.md --
Text.
`, Options{})
	if s.err == nil {
		t.Fatal("a URL with a colon was built")
	}
	s.diagnostic("content/en/m/a.md:2:1", "slug \"javascript:void(document.title='x')<!--\" holds a colon")
	s.diagnostic("content/en/m/b:c.md:1", "the file name \"b:c\" holds a colon")
}

// TestDirFSStaysInside: links that each look local but chain out of the
// course (sub → a folder elsewhere) bring nothing from outside into the
// site, from static/, layouts/ or content/; links inside it are followed.
func TestDirFSStaysInside(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("OUTSIDE-SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{
		"content/en/_index.md": "Welcome.\n", "content/en/m/_index.md": "Module.\n", "static/css/ok.css": "p{}\n",
		"layouts/assets/css/90-ok.css": "p{}\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(links map[string]string) {
		for link, target := range links {
			if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
				t.Fatal(err)
			}
		}
	}
	build := func() (*output.Memory, *Result, error) {
		mem := output.NewMemory()
		res, err := Build(context.Background(), Options{FS: DirFS(dir)}, mem)
		return mem, res, err
	}
	link(map[string]string{"sub": outside, "content/en/m/inside.md": "../../en/m/_index.md", "static/same.css": "css/ok.css"})
	mem, _, err := build()
	if b, ok := mem.Get("en/m/inside/index.html"); err != nil || !ok || !bytes.Contains(b, []byte("Module.")) {
		t.Fatalf("a link inside the course was not followed: %v", err)
	}
	if _, ok := mem.Get("same.css"); !ok {
		t.Error("a static link inside the course was not copied")
	}
	if err := os.MkdirAll(filepath.Join(dir, "layouts/partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, links := range [][][2]string{
		{{"static/p.txt", "../sub/secret.md"}},
		{{"static/.h", filepath.Join(outside, "secret.md")}, {"static/p2.txt", ".h"}},
		{{"content/en/m/host.md", "../../../sub/secret.md"}},
		{{"layouts/assets/css/zz.css", "../../../sub/secret.md"}},
		{{"layouts/partials/footer.html", "../../sub/secret.md"}},
	} {
		last := links[len(links)-1][0]
		t.Run(last, func(t *testing.T) {
			for _, l := range links {
				if err := os.Symlink(l[1], filepath.Join(dir, l[0])); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(filepath.Join(dir, l[0]))
			}
			mem, res, err := build()
			for _, n := range mem.Names() {
				if b, _ := mem.Get(n); bytes.Contains(b, []byte("OUTSIDE-SECRET")) {
					t.Errorf("%s holds a file from outside the course", n)
				}
			}
			if err == nil {
				t.Errorf("built, with %v", res.Diagnostics)
			}
		})
	}
}

// TestHeadingAttributes: a heading keeps {#id .class}; other attributes are
// raw HTML by another name and are left out, with a warning, while
// unsafeHTML is off.
func TestHeadingAttributes(t *testing.T) {
	const course = `
-- content/en/m/a.md --
## Cover {#top .wide style="position:fixed;inset:0;background:url(https://evil.example/t.png)" contenteditable="true" tabindex="1"}

Text.
`
	s := buildTxtar(t, course, Options{}).ok()
	s.contains("en/m/a/index.html", `<h2 id="top" class="wide">`)
	s.lacks("en/m/a/index.html", "evil.example", "contenteditable", `tabindex="1"`)
	s.diagnostic("content/en/m/a.md:1:4: warning", "attribute style on a heading is left out")
	s = buildTxtar(t, "-- site.yaml --\nunsafeHTML: true\n"+course, Options{}).ok()
	s.contains("en/m/a/index.html", `contenteditable="true"`)
}

// TestActiveFilesWarned: with unsafeHTML off, an HTML page beside a lesson
// or an SVG with a script would run script in the site: warned about, and
// copied (links to them must still work); a plain SVG and the site's own
// HTML in static/ are not.
func TestActiveFilesWarned(t *testing.T) {
	const course = `
-- content/en/m/b/index.md --
[Handout](handout.html) ![Map](map.svg) ![Plain](plain.svg) ![NS](ns.svg) ![Link](link.svg)
-- content/en/m/b/handout.html --
<script>alert(1)</script>
-- content/en/m/b/map.svg --
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>
-- content/en/m/b/ns.svg --
<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>
-- content/en/m/b/link.svg --
<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>
-- content/en/m/b/plain.svg --
<svg xmlns="http://www.w3.org/2000/svg"><title>onion = layers</title></svg>
-- static/google123.html --
google-site-verification: google123.html
-- static/img/x.svg --
<svg><script>alert(1)</script></svg>
`
	s := buildTxtar(t, course, Options{}).ok()
	s.diagnostic("content/en/m/b/handout.html: warning", "an HTML file is served as a page of the site")
	s.diagnostic("content/en/m/b/map.svg: warning", "holds a script")
	s.diagnostic("content/en/m/b/ns.svg: warning", "holds a script")
	s.diagnostic("content/en/m/b/link.svg: warning", "holds a script")
	s.diagnostic("static/img/x.svg: warning", "holds a script")
	for _, d := range s.res.Diagnostics {
		if strings.Contains(d.File, "plain.svg") || strings.Contains(d.File, "google123") {
			t.Errorf("warned about %s: %s", d.File, d.Message)
		}
	}
	s.contains("en/m/b/handout.html", "alert")
	s = buildTxtar(t, "-- site.yaml --\nunsafeHTML: true\n"+course, Options{}).ok()
	for _, d := range s.res.Diagnostics {
		if d.Code == "active-file" {
			t.Errorf("warned with unsafeHTML: %s", d.Error())
		}
	}
}

// TestTrainerHeadingsTakeNoIDs: a participant heading gets the id it would
// have without the trainer notes before it, which would otherwise tell
// participants that a trainer heading of the same words exists.
func TestTrainerHeadingsTakeNoIDs(t *testing.T) {
	const course = `
-- content/en/m/a.md --
::: trainer
## Secret plan

::: trainer
### Deeper
:::
:::

## Secret plan

### Deeper
`
	s := buildTxtar(t, course, Options{}).ok()
	s.contains("en/m/a/index.html", `<h2 id="secret-plan">`, `<h3 id="deeper">`)
	s.lacks("en/m/a/index.html", "secret-plan-1", "deeper-1")
	s = buildTxtar(t, course, Options{Audience: "trainer"}).ok()
	s.contains("en/m/a/index.html", `<h2 id="secret-plan">`, `<h2 id="secret-plan-1">`, `<h3 id="deeper-1">`)
}

// TestTitleTwiceAndEmptyPages: a lesson with a title: key that opens with
// a # heading shows two titles, and one with no text but its title is
// published blank: both are warned about at their lines, and only for the
// page's own language (not again for its fallback copies). A title taken
// from the heading, a module page without text, a draft or a page of a
// draft module (not ready, and saying so) and a lesson with text are not.
func TestTitleTwiceAndEmptyPages(t *testing.T) {
	s := buildTxtar(t, `
-- site.yaml --
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/_index.md --
Welcome.
-- content/en/m/_index.md --
---
title: Module
---
-- content/en/m/twice.md --
---
title: Reading indicators
---

# Reading indicators

Text.
-- content/en/m/empty.md --
-- content/en/m/heading-only.md --
# Only a heading
-- content/en/m/blank-body.md --
---
title: Blank
---

-- content/en/m/fine.md --
# From the heading

Text.
-- content/en/m/soon.md --
---
title: Soon
draft: true
---
-- content/en/d/_index.md --
---
title: A draft module
draft: true
---
-- content/en/d/later.md --
---
title: Later
---
`, Options{Drafts: true}).ok()
	s.diagnostic("content/en/m/twice.md:5:1", `the page has a title ("Reading indicators") and opens with the heading "# Reading indicators": it shows two titles`)
	s.diagnostic("content/en/m/empty.md:1", "the page has no text")
	s.diagnostic("content/en/m/heading-only.md:1", "the page has no text")
	s.diagnostic("content/en/m/blank-body.md:4", "the page has no text")
	counts := map[string]int{}
	for _, d := range s.res.Diagnostics {
		counts[d.File+" "+d.Code]++
	}
	for key, n := range counts {
		if n > 1 {
			t.Errorf("%s reported %d times", key, n)
		}
		if strings.HasPrefix(key, "content/en/m/fine.md") || strings.HasPrefix(key, "content/en/m/_index.md") || strings.HasPrefix(key, "content/en/m/soon.md") ||
			strings.HasPrefix(key, "content/en/d/") {
			t.Errorf("unexpected %s", key)
		}
	}
	if len(counts) != 4 {
		t.Errorf("%d messages, want 4: %v", len(counts), counts)
	}
}

// TestOutdatedNoticeReadsOldAndNewMarks: a translation marked with the
// 12-digit hash of earlier versions is compared with its source's body,
// one marked today with its body and front matter; each shows the
// outdated notice exactly when its source changed in what its mark covers.
func TestOutdatedNoticeReadsOldAndNewMarks(t *testing.T) {
	en := map[string]*content.Source{
		"old-same":    {FM: content.FrontMatter{Title: "Retitled"}, Body: []byte("Body.\n")},
		"old-changed": {FM: content.FrontMatter{Title: "A"}, Body: []byte("Body changed.\n")},
		"new-same":    {FM: content.FrontMatter{Title: "A"}, Body: []byte("Body.\n")},
		"new-title":   {FM: content.FrontMatter{Title: "Retitled"}, Body: []byte("Body.\n")},
	}
	marks := map[string]string{
		"old-same":    i18n.BodyHash([]byte("Body.\n")),
		"old-changed": i18n.BodyHash([]byte("Body.\n")),
		"new-same":    i18n.SourceHash(&content.Source{FM: content.FrontMatter{Title: "A"}, Body: []byte("Body.\n")}),
		"new-title":   i18n.SourceHash(&content.Source{FM: content.FrontMatter{Title: "A"}, Body: []byte("Body.\n")}),
	}
	archive := "-- site.yaml --\nlanguages: {en: {weight: 1}, fr: {weight: 2}}\n-- content/en/m/_index.md --\nM.\n-- content/fr/m/_index.md --\nM.\n"
	for name, src := range en {
		archive += fmt.Sprintf("-- content/en/m/%s.md --\n---\ntitle: %s\n---\n%s", name, src.FM.Title, src.Body)
		archive += fmt.Sprintf("-- content/fr/m/%s.md --\n---\ntitle: Fr\ntranslatedFrom: %s\n---\nCorps.\n", name, marks[name])
	}
	s := buildTxtar(t, archive, Options{}).ok()
	for name, outdated := range map[string]bool{"old-same": false, "old-changed": true, "new-same": false, "new-title": true} {
		page := "fr/m/" + name + "/index.html"
		if got := bytes.Contains(s.files[page], []byte("notice-outdated")); got != outdated {
			t.Errorf("%s: outdated notice %v, want %v", page, got, outdated)
		}
	}
}

// TestRootTitlesSayTheirLanguage: the language chooser shows each title
// once, tagged with the language it is written in. A language without a
// title of its own shows the course's, in the default language: an
// offline copy without the default language tagged it as Spanish, and
// screen readers read English words with Spanish sounds.
func TestRootTitlesSayTheirLanguage(t *testing.T) {
	archive := `
-- site.yaml --
title: A6
languages:
  en: { name: English, weight: 1 }
  fr: { name: Français, weight: 2, title: "Recrutement sûr" }
  es: { name: Español, weight: 3 }
  de: { name: Deutsch, weight: 4 }
  ar: { name: العربية, weight: 5 }
-- content/en/m/a.md --
A.
`
	s := buildTxtar(t, archive, Options{Languages: []string{"fr", "es", "de", "ar"}, Offline: true}).ok()
	s.contains("index.html", `<h1 lang="fr" dir="ltr">Recrutement sûr</h1>`, `<p lang="en" dir="ltr" class="other-title">A6</p>`)
	s.lacks("index.html", `lang="es" dir="ltr" class="other-title"`, `lang="ar" dir="rtl" class="other-title"`)
	if n := bytes.Count(s.files["index.html"], []byte(">A6</p>")); n != 1 {
		t.Errorf("the course's title shows %d times, want once", n)
	}
	// The web root: the default language's heading, and a title apart
	// only where it differs.
	s = buildTxtar(t, archive, Options{}).ok()
	s.contains("index.html", `<h1 lang="en" dir="ltr">A6</h1>`, `<p lang="fr" dir="ltr" class="other-title">Recrutement sûr</p>`)
	s.lacks("index.html", `>A6</p>`)
	// A first language without a title of its own: its heading is the
	// course's title, in English.
	s = buildTxtar(t, archive, Options{Languages: []string{"es", "de"}, Offline: true}).ok()
	s.contains("index.html", `<h1 lang="en" dir="ltr">A6</h1>`)
	s.lacks("index.html", `class="other-title"`)
	// A home page copied for translation keeps the course's title, which
	// is not yet Spanish.
	s = buildTxtar(t, archive+"-- content/en/_index.md --\n---\ntitle: A6\n---\nWelcome.\n-- content/es/_index.md --\n---\ntitle: A6\n---\nWelcome.\n",
		Options{Languages: []string{"es"}, Offline: true}).ok()
	s.contains("index.html", `<h1 lang="en" dir="ltr">A6</h1>`)
}

// TestHomeTitleIsTheCourseTitle: a language added to site.yaml without a
// title of its own takes its home page's title as the course's title when
// the default language's home page has the course's title, so that a
// translator who translates the home page sees the site's header and
// every <title> in Spanish. A title in site.yaml still wins, and a course
// whose home page is titled otherwise is left alone.
func TestHomeTitleIsTheCourseTitle(t *testing.T) {
	course := func(siteTitle, fr string) string {
		return `-- site.yaml --
title: ` + siteTitle + `
languages:
  en: { name: English, weight: 1 }
  es: { name: Español, weight: 2 }
  fr: { name: Français, weight: 3` + fr + ` }
-- content/en/_index.md --
---
title: Identifying Victims
---
Welcome.
-- content/es/_index.md --
---
title: Identificar a las víctimas
---
Bienvenida.
-- content/en/m1/a.md --
---
title: Lesson A
---
Text.
`
	}
	s := buildTxtar(t, course("Identifying Victims", `, title: "Identifier les victimes"`), Options{}).ok()
	s.contains("es/m1/a/index.html", `<title>Lesson A · Identificar a las víctimas</title>`, `<a class="site-title" href="../../">Identificar a las víctimas</a>`)
	s.contains("fr/m1/a/index.html", `<a class="site-title" href="../../">Identifier les victimes</a>`)
	s.contains("en/m1/a/index.html", `<a class="site-title" href="../../">Identifying Victims</a>`)
	s = buildTxtar(t, course("Training", ""), Options{}).ok()
	s.contains("es/m1/a/index.html", `<a class="site-title" href="../../">Training</a>`)
	// A home page the build leaves out gives no title: a trainer's draft
	// title is not for participants.
	for _, fm := range []string{"draft: true", "audience: trainer"} {
		archive := strings.Replace(course("Identifying Victims", ""), "title: Identificar a las víctimas\n", "title: Borrador para formadores\n"+fm+"\n", 1)
		s = buildTxtar(t, archive, Options{}).ok()
		s.contains("es/m1/a/index.html", `<a class="site-title" href="../../">Identifying Victims</a>`)
		for name, b := range s.files {
			if strings.Contains(string(b), "Borrador") {
				t.Errorf("%s: the left-out home page's title is in %s", fm, name)
			}
		}
	}
}

// TestEditorFilesStayOut: the files editors and office programs leave
// beside the files they edit are not the course's. An emacs autosave of a
// lesson holds its trainer notes: published, it would show them to
// participants as raw text.
func TestEditorFilesStayOut(t *testing.T) {
	const lesson = "---\ntitle: A\n---\nText.\n\n::: trainer\nSECRET\n:::\n"
	archive := "-- content/en/m1/_index.md --\n---\ntitle: M\n---\nIntro.\n-- content/en/m1/a.md --\n" + strings.Replace(lesson, "Text.", "Text and [a handout](handout.pdf).", 1)
	left := []string{"#a.md#", "a.md___jb_old___", "a.md___jb_tmp___", "~$handout.docx", "a.md.crswap", "a.md.kate-swp", "a.md.swo", "a.md.bak",
		"A.MD.BAK", "a.md.save", "a.md.save.1", "handout.pdf:Zone.Identifier", "Thumbs.db"}
	for _, name := range left {
		archive += "-- content/en/m1/" + name + " --\n" + lesson
		archive += "-- static/" + name + " --\n" + lesson
	}
	// A hidden folder of static/ is not the site's either; .well-known is.
	archive += "-- static/.drafts/a.md --\n" + lesson + "-- static/.well-known/security.txt --\nContact: mailto:security@example.org\n"
	archive += "-- content/en/m1/handout.pdf --\nPDF\n-- static/logo.svg --\n<svg/>\n"
	s := buildTxtar(t, archive, Options{}).ok()
	for name, b := range s.files {
		if strings.Contains(string(b), "SECRET") {
			t.Errorf("%s holds the trainer notes", name)
		}
	}
	for _, name := range left {
		s.absent("en/m1/"+name, name)
	}
	if s.files["en/m1/handout.pdf"] == nil || s.files["logo.svg"] == nil || s.files[".well-known/security.txt"] == nil {
		t.Errorf("the course's own files were left out too: %v", s.names())
	}
}
