// Package layout turns a page of the site model and its rendered Markdown
// into a complete HTML document with html/template.
//
// # Template lookup
//
// One rule: a page of kind K is rendered with the template file K.html
// (home.html, section.html, page.html, glossary.html, print.html, 404.html,
// root.html, alias.html) inside base.html, which calls {{block "main" .}}.
// Partials live in partials/ and are called by path:
// {{template "partials/nav.html" .}}. A course's own layouts/ folder
// overrides any of these files one by one; everything it does not override
// comes from the theme embedded in the binary.
//
// Templates receive a *Data and these functions: T (UI string in the page's
// language, with "name", value pairs for placeholders), rel (a site-root
// path to a URL relative to the current page), dateFormat, and add.
// The lists every page carries are also given written in Go (NavHTML,
// LanguagesHTML, AlternatesHTML, TOCHTML); see nav.go and lists.go.
//
// # Execution
//
// Once html/template has escaped a kind's templates, they are compiled
// into Go closures that write the same bytes without text/template's
// reflection (compile.go, escape.go). A set of templates that uses what
// the compiler does not know, and a page whose rendering meets an error,
// are rendered by html/template itself.
//
// The package renders; it never writes files.
package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/site"
)

// Kinds are the page templates a theme provides.
var Kinds = []string{"home", "section", "page", "glossary", "print", "404", "root", "alias"}

// Templates holds the parsed templates of one language.
type Templates struct {
	byKind map[string]*template.Template
	// compiled are the kinds' templates compiled (compile.go), for the
	// kinds whose templates the compiler knows.
	compiled map[string]*program
	// sources are the templates' texts by name, for messages.
	sources map[string]string
}

// Theme is the set of template sources: the embedded theme overlaid with
// a course's own layouts/ folder.
type Theme struct {
	files map[string]string // name ("partials/nav.html") → source
	// Origin says where each file came from, for messages.
	origin map[string]string
}

// LoadTheme reads *.html from theme and overrides them with the files of
// site. Both are rooted at a layouts folder (the embedded theme, and the
// course's own layouts/, which may be nil).
func LoadTheme(theme, site fs.FS, diags *diag.List) *Theme {
	t := &Theme{files: map[string]string{}, origin: map[string]string{}}
	for i, src := range []fs.FS{theme, site} {
		if src == nil {
			continue
		}
		_ = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			data, err := fs.ReadFile(src, p)
			if err != nil {
				diags.Add(diag.ReadError("layouts/"+p, err))
				return nil
			}
			if i == 1 { // the course's own
				for _, d := range RootedRefs("layouts/"+p, data) {
					diags.Add(d)
				}
			}
			t.files[p] = string(data)
			t.origin[p] = "layouts/" + p
			return nil
		})
	}
	return t
}

// templateFuncs are the functions templates of lang get, T bound to catalog.
func templateFuncs(catalog *i18n.Catalog, lang string) (template.FuncMap, func(string, ...any) string) {
	tr := func(key string, args ...any) string { return catalog.T(lang, key, args...) }
	return template.FuncMap{
		"T": tr,
		"rel": func(d *Data, target string) string {
			return d.Rel(target)
		},
		"dateFormat": func(tm time.Time) string { return i18n.FormatDate(lang, tm) },
		"number":     func(n any) string { return i18n.FormatNumber(lang, n) },
		"numbering":  func() string { return i18n.Numbering(lang) },
		"add":        func(a, b int) int { return a + b },
		"join":       strings.Join,
	}, tr
}

// funcNames are the names of templateFuncs, for messages.
var funcNames = func() []string {
	funcs, _ := templateFuncs(nil, "")
	return slices.Sorted(maps.Keys(funcs))
}()

// Parse builds the templates for one language, T bound to catalog and lang.
func (t *Theme) Parse(catalog *i18n.Catalog, lang string, diags *diag.List) *Templates {
	funcs, tr := templateFuncs(catalog, lang)
	base := template.New("").Funcs(funcs)
	names := make([]string, 0, len(t.files))
	for name := range t.files {
		names = append(names, name)
	}
	sort.Strings(names)
	// Partials and the base go into one set that every kind clones.
	for _, name := range names {
		if name == "base.html" || strings.HasPrefix(name, "partials/") {
			if _, err := base.New(name).Parse(t.files[name]); err != nil {
				diags.Add(templateError(err, t.origin[name], t.files))
			}
		}
	}
	out := &Templates{byKind: map[string]*template.Template{}, compiled: map[string]*program{}, sources: t.files}
	for _, kind := range Kinds {
		name := kind + ".html"
		src, ok := t.files[name]
		if !ok {
			diags.Add(diag.Diagnostic{File: "layouts/" + name, Severity: diag.Error, Code: "template", Message: "template missing"})
			continue
		}
		set, err := base.Clone()
		if err != nil {
			diags.Add(diag.Diagnostic{File: t.origin[name], Severity: diag.Error, Code: "template", Message: err.Error()})
			continue
		}
		if _, err := set.New(name).Parse(src); err != nil {
			diags.Add(templateError(err, t.origin[name], t.files))
			continue
		}
		entry := "base.html"
		if kind == "alias" || kind == "root" {
			// Stand-alone documents: no navigation, no assets but the stylesheet.
			entry = name
		}
		out.byKind[kind] = set.Lookup(entry)
		if !escapeSet(out.byKind[kind]) {
			continue
		}
		foldConstants(out.byKind[kind], tr)
		if p, err := compileTemplates(out.byKind[kind], funcs, reflect.TypeFor[*Data]()); err == nil {
			out.compiled[kind] = p
		}
	}
	return out
}

// checkCompiled, set by tests, is given every page the compiled templates
// rendered (or the error that has html/template render it).
var checkCompiled func(t *template.Template, data *Data, compiled []byte, err error)

// Execute renders data with the template of kind into w.
func (ts *Templates) Execute(w *bytes.Buffer, kind string, data *Data) error {
	t := ts.byKind[kind]
	if t == nil {
		return fmt.Errorf("no template for %s pages", kind)
	}
	if p := ts.compiled[kind]; p != nil && compiledExecution {
		start := w.Len()
		err := p.execute(w, data)
		if checkCompiled != nil {
			data.fillNav()
			checkCompiled(t, data, w.Bytes()[start:], err)
		}
		if err == nil {
			return nil
		}
		// html/template gives the page, or its error, as it always did.
		w.Truncate(start)
	}
	data.fillNav()
	if err := t.Execute(w, data); err != nil {
		return &executeError{err, ts.sources}
	}
	return nil
}

// Link is a titled URL for navigation.
type Link struct {
	Title string
	URL   string
	// ID identifies the page for progress tracking ("" for non-lessons).
	ID      string
	Current bool
	// Children are shown under the link (the current module's lessons).
	Children []Link
	// Lessons are the progress ids of a module's lessons (home page).
	Lessons     []string
	Description string
	Duration    int
	LessonCount int
	Fallback    bool
	Section     bool
}

// LangLink is one entry of the language switcher.
type LangLink struct {
	Code, Name, Dir, URL string
	Current              bool
	// Missing is true when the page is not translated into this language
	// and the link leads to the fallback or the language's home.
	Missing bool
	// Note says so, in the link's language, for screen readers (the theme
	// shows a missing language greyed).
	Note string
	// Title is the course's title in this language, on the root page
	// (empty when it is the same as a title shown before it).
	Title string
	// TitleLang and TitleDir are the language Title is written in: this
	// one's, or the default language's when this one has no title of its
	// own and shows the course's.
	TitleLang, TitleDir string
}

// Alternate is a <link rel="alternate" hreflang> entry.
type Alternate struct{ Lang, URL string }

// Data is what a template receives.
type Data struct {
	// Lang is the page's language code; Language its details.
	Lang      string
	Dir       string
	Language  LangLink
	SiteTitle string
	// CourseID names the course among others in one browser (progress
	// kept from file://, where every copy shares one origin): the slug of
	// site.yaml's title.
	CourseID string
	// Root is the relative URL to the site root ("../../").
	Root string
	// Path is the page's path from the site root.
	Path string
	Kind string
	Page *site.Page // nil for generated pages (404, root, print)

	Title       string
	Description string
	Content     template.HTML
	// FallbackLang and FallbackDir are the default language's, for titles
	// of untranslated pages listed on this page (Link.Fallback).
	FallbackLang, FallbackDir string
	// ContentLang is set when the body is in another language than the page
	// (a fallback page shows the default language's text).
	ContentLang string
	ContentDir  string
	TOC         []TOCEntry

	Nav         []Link
	NavHTML     template.HTML
	Breadcrumbs []Link
	Prev, Next  *Link
	Children    []Link // a module's lessons, the home page's modules
	Languages   []LangLink
	Alternates  []Alternate
	Canonical   string
	// Notices are shown above the content (not translated, outdated).
	Notices []Notice

	Duration      int
	Objectives    []string
	Keypoints     []string
	Prerequisites []string
	TotalDuration int
	LessonCount   int
	ProgressID    string
	IsLesson      bool

	GlossaryURL string
	PrintURL    string
	HomeURL     string
	CSS, JS     string
	// CodeCSS is the code-highlighting stylesheet, for pages showing code.
	CodeCSS string
	// SearchJS is the search engine, which the search box loads on first use.
	SearchJS    string
	Trainer     bool
	TrainerOnly bool
	Offline     bool
	Footer      string
	// Sections holds the lessons of a printable module page.
	Sections []PrintSection
	// Redirect is the target of an alias page.
	Redirect string

	offline bool
	// sharedNav, when set, is the page's navigation, with the lesson at
	// navItem current at navURL; Nav and NavHTML are empty until read
	// (ShareNav, fillNav).
	sharedNav *SharedNav
	navItem   int
	navURL    string
	// absolute, when set, makes Rel return absolute paths under it (the
	// 404 page is served at any URL, so relative links would break).
	absolute string
}

// TOCEntry is one heading of the on-page table of contents.
type TOCEntry struct {
	Level int
	ID    string
	Text  string
}

// Notice is a message shown above a page's content.
type Notice struct {
	Kind     string // "fallback" or "outdated"
	Text     string
	LinkText string
	URL      string
}

// PrintSection is one lesson in a printable module.
type PrintSection struct {
	Title   string
	ID      string
	Content template.HTML
	// ContentLang and ContentDir are set when the lesson is shown in the
	// default language (it is not translated): its title, objectives,
	// text and key points.
	ContentLang string
	ContentDir  string
	Duration    int
	Objectives  []string
	Keypoints   []string
}

// Rel is the URL of target (a path from the site root) relative to this page.
func (d *Data) Rel(target string) string {
	if d.absolute != "" {
		return d.absolute + strings.TrimPrefix(site.RelURL("", target, d.offline), "./")
	}
	return site.RelURL(d.Path, target, d.offline)
}

// SetAbsolute makes every link of the page absolute under base ("/training/").
func (d *Data) SetAbsolute(base string) { d.absolute = base }

// SetOffline makes links end in index.html.
func (d *Data) SetOffline(offline bool) { d.offline = offline; d.Offline = offline }
