// Package build runs the whole pipeline once: configuration, content, site
// model, Markdown, templates, search index, and hands every output file to
// a Sink. It is the one place that knows the order of the stages; each
// stage lives in its own package and receives only what it needs.
//
// Pages are rendered in parallel, one module at a time per worker (a module,
// its lessons and its printable page), with at most GOMAXPROCS workers.
// Rendered HTML is handed to the sink and dropped, so memory does not grow
// with the course beyond the sources and the search text.
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/layout"
	"github.com/fieldguide/fieldguide/generator/markdown"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/generator/search"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/fieldguide/fieldguide/layouts"
	"github.com/yuin/goldmark"
	"golang.org/x/sync/errgroup"
)

// Options select what is built.
type Options struct {
	// FS is the course folder (site.yaml, content/, layouts/, static/).
	FS fs.FS
	// Audience is "participant" (default) or "trainer".
	Audience string
	Drafts   bool
	// Strict turns warnings into errors.
	Strict bool
	// Offline builds the variant opened from disk: links end in index.html,
	// no absolute URL to the site, no sitemap.
	Offline bool
	// Languages limits the languages written (nil: all).
	Languages []string
	// BaseURL overrides site.yaml's baseURL.
	BaseURL string
	// BuildDate and Version are shown in the footer of offline copies.
	BuildDate time.Time
	Version   string
}

// Result describes a finished build.
type Result struct {
	Config  *config.Config
	Site    *site.Site
	Catalog *i18n.Catalog
	// Diagnostics holds every warning (and, for a failed build, the errors).
	Diagnostics []diag.Diagnostic
	Pages       int
	Files       int
	// Sources are the Markdown files read, for tools like i18n status.
	Sources []*content.Source
}

// Build runs the pipeline and writes every file to sink. When the build has
// errors it returns a *diag.Errors; what was already put in sink must then
// be thrown away by the caller (output.Dir.Abort).
func Build(ctx context.Context, opts Options, sink output.Sink) (*Result, error) {
	if opts.Audience == "" {
		opts.Audience = "participant"
	}
	if opts.Audience != "participant" && opts.Audience != "trainer" {
		return nil, fmt.Errorf("audience must be participant or trainer, not %q", opts.Audience)
	}
	diags := &diag.List{}
	b := &builder{opts: opts, diags: diags, sink: &countingSink{Sink: sink}}
	res, err := b.run(ctx)
	if opts.Strict {
		diags.Strict()
	}
	if res == nil {
		res = &Result{}
	}
	res.Diagnostics = diags.Items()
	res.Files = b.sink.count()
	if err != nil {
		return res, err
	}
	if err := diags.Err(); err != nil {
		return res, err
	}
	return res, nil
}

type builder struct {
	opts  Options
	diags *diag.List
	sink  *countingSink

	cfg       *config.Config
	site      *site.Site
	catalog   *i18n.Catalog
	theme     *layout.Theme
	siteFS    fs.FS // the course's layouts/ folder, or nil
	static    map[string]bool
	rendered  []config.Language
	cssPath   string
	jsPath    string
	defLang   config.Language
	sourceFor map[string]*content.Source // default-language source by group key

	mu      sync.Mutex
	anchors []anchorRef
	ids     map[string]map[string]bool // page path → ids on that page
	docs    map[string][]search.Doc
	pages   int
}

type anchorRef struct {
	from   *content.Source
	dest   string
	target string // page path
	anchor string
}

func (b *builder) run(ctx context.Context) (*Result, error) {
	fsys := b.opts.FS
	b.cfg = config.Load(fsys, b.diags)
	if b.opts.BaseURL != "" {
		b.cfg.BaseURL = strings.TrimSuffix(b.opts.BaseURL, "/") + "/"
	}
	if b.diags.HasErrors() {
		return &Result{Config: b.cfg}, nil
	}
	var codes []string
	for _, l := range b.cfg.Languages {
		codes = append(codes, l.Code)
	}
	sources := content.Walk(fsys, codes, b.diags)
	b.site = site.Build(b.cfg, sources, site.Options{Audience: b.opts.Audience, Drafts: b.opts.Drafts}, b.diags)
	b.defLang, _ = b.cfg.Language(b.cfg.DefaultLanguage)
	b.sourceFor = map[string]*content.Source{}
	for _, src := range sources {
		if src.Lang == b.cfg.DefaultLanguage && site.Include(src, site.Options{Audience: b.opts.Audience, Drafts: b.opts.Drafts}) {
			b.sourceFor[site.GroupKey(src)] = src
		}
	}
	if sub, err := fs.Sub(fsys, "layouts"); err == nil {
		if _, err := fs.Stat(fsys, "layouts"); err == nil {
			b.siteFS = sub
		}
	}
	b.catalog = i18n.Load(layouts.FS, b.siteFS, codes, b.diags)
	b.theme = layout.LoadTheme(layouts.FS, b.siteFS, b.diags)
	res := &Result{Config: b.cfg, Site: b.site, Catalog: b.catalog, Sources: sources}
	if err := b.languagesToRender(); err != nil {
		return res, err
	}
	// Content errors do not stop here: every page is still rendered so the
	// build reports all its mistakes at once. The caller throws the output away.
	if err := b.copyStatic(); err != nil {
		return res, err
	}
	if err := b.writeAssets(); err != nil {
		return res, err
	}
	b.ids = map[string]map[string]bool{}
	b.docs = map[string][]search.Doc{}
	if err := b.renderLanguages(ctx); err != nil {
		return res, err
	}
	b.checkAnchors()
	if err := b.writeSearch(); err != nil {
		return res, err
	}
	if err := b.writeRootPages(); err != nil {
		return res, err
	}
	res.Pages = b.pages
	return res, nil
}

func (b *builder) languagesToRender() error {
	if len(b.opts.Languages) == 0 {
		b.rendered = b.cfg.Languages
		return nil
	}
	for _, code := range b.opts.Languages {
		l, ok := b.cfg.Language(code)
		if !ok {
			var known []string
			for _, l := range b.cfg.Languages {
				known = append(known, l.Code)
			}
			return fmt.Errorf("language %q is not in this course (languages: %s)", code, strings.Join(known, ", "))
		}
		b.rendered = append(b.rendered, l)
	}
	return nil
}

// copyStatic copies static/ as is.
func (b *builder) copyStatic() error {
	b.static = map[string]bool{}
	err := fs.WalkDir(b.opts.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return fs.SkipDir
			}
			b.diags.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := fs.ReadLink(b.opts.FS, p)
			if err == nil && (path.IsAbs(target) || strings.HasPrefix(path.Join(path.Dir(p), target), "..")) {
				b.diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "symlink",
					Message: fmt.Sprintf("symbolic link to %s points outside the course folder and is refused", target),
					Hint:    "copy the file into static/ instead"})
				return nil
			}
		}
		data, err := fs.ReadFile(b.opts.FS, p)
		if err != nil {
			b.diags.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		rel := strings.TrimPrefix(p, "static/")
		b.static[rel] = true
		return b.sink.Put(rel, data)
	})
	return err
}

// writeAssets concatenates the theme's stylesheets and scripts (overridden
// file by file by the course's layouts/assets) into one fingerprinted file
// each, so a page costs two requests and caches forever.
func (b *builder) writeAssets() error {
	css := &bytes.Buffer{}
	css.Write(markdown.ChromaCSS())
	js := &bytes.Buffer{}
	for _, kind := range []struct {
		dir string
		buf *bytes.Buffer
	}{{"assets/css", css}, {"assets/js", js}} {
		files := map[string][]byte{}
		for _, src := range []fs.FS{layouts.FS, b.siteFS} {
			if src == nil {
				continue
			}
			entries, _ := fs.ReadDir(src, kind.dir)
			for _, e := range entries {
				if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
					continue
				}
				data, err := fs.ReadFile(src, kind.dir+"/"+e.Name())
				if err != nil {
					return err
				}
				files[e.Name()] = data
			}
		}
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(kind.buf, "/* %s */\n", n)
			kind.buf.Write(files[n])
			kind.buf.WriteByte('\n')
		}
	}
	b.cssPath = "assets/fieldguide." + shortHash(css.Bytes()) + ".css"
	b.jsPath = "assets/fieldguide." + shortHash(js.Bytes()) + ".js"
	if err := b.sink.Put(b.cssPath, css.Bytes()); err != nil {
		return err
	}
	return b.sink.Put(b.jsPath, js.Bytes())
}

func shortHash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])[:10]
}

// langPlan is what rendering one language needs.
type langPlan struct {
	lang      *site.Lang
	templates *layout.Templates
	converter *markdown.Converter
	// fallbackConverter renders default-language text shown in this language.
	fallbackConverter *markdown.Converter
	glossary          []blocks.Term
	defGlossary       []blocks.Term
	totalDuration     int
	lessonCount       int
	doneLabel         string
}

func (b *builder) renderLanguages(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	defGlossary := b.glossaryTerms(b.site.Lang(b.cfg.DefaultLanguage))
	for _, lc := range b.rendered {
		l := b.site.Lang(lc.Code)
		if l == nil {
			continue
		}
		templateErrs := &diag.List{}
		plan := &langPlan{lang: l, templates: b.theme.Parse(b.catalog, l.Code, templateErrs)}
		b.diags.Merge(templateErrs)
		if templateErrs.HasErrors() {
			return nil
		}
		plan.doneLabel = b.catalog.T(l.Code, "progress.completed")
		plan.glossary = b.glossaryTerms(l)
		plan.defGlossary = defGlossary
		plan.converter = b.converter(l.Code, plan.glossary)
		plan.fallbackConverter = b.converter(b.cfg.DefaultLanguage, plan.defGlossary)
		for _, p := range l.Pages {
			if p.Kind == content.Page && !p.Glossary {
				plan.lessonCount++
				plan.totalDuration += p.Source.FM.Duration
			}
		}
		for _, p := range l.Pages {
			if !p.IsSection() {
				continue
			}
			g.Go(func() error {
				if err := ctx.Err(); err != nil {
					return err
				}
				return b.renderSection(plan, p)
			})
		}
		g.Go(func() error { return b.render404(plan) })
	}
	return g.Wait()
}

func (b *builder) glossaryTerms(l *site.Lang) []blocks.Term {
	if l == nil || l.Glossary == nil {
		return nil
	}
	return blocks.ParseGlossary(l.Glossary.Source.Body)
}

func (b *builder) converter(lang string, glossary []blocks.Term) *markdown.Converter {
	return markdown.New(markdown.Options{
		UnsafeHTML: b.cfg.UnsafeHTML,
		Extensions: []goldmark.Extender{blocks.New(blocks.Options{
			Audience: b.opts.Audience,
			T:        func(key string) string { return b.catalog.T(lang, key) },
			Glossary: glossary,
		})},
	})
}

// renderSection renders a section, its direct lessons and its printable
// page. A lesson is parsed once: its printable copy re-renders the same tree.
func (b *builder) renderSection(plan *langPlan, sec *site.Page) error {
	var prints []layout.PrintSection
	if _, err := b.renderPage(plan, sec); err != nil {
		return err
	}
	for _, c := range sec.Children {
		if c.IsSection() {
			continue
		}
		res, err := b.renderPage(plan, c)
		if err != nil {
			return err
		}
		if sec.Kind == content.Section && !c.Glossary {
			ps, err := b.printSection(sec, c, res)
			if err != nil {
				return err
			}
			prints = append(prints, ps)
		}
	}
	if len(prints) > 0 {
		return b.renderPrint(plan, sec, prints)
	}
	return nil
}

// resolver turns link destinations written in p's Markdown into URLs
// relative to fromPath; record keeps links to anchors for checkAnchors.
func (b *builder) resolver(p *site.Page, fromPath string, record bool) func(string) (string, bool) {
	return func(dest string) (string, bool) {
		t, ok := b.site.Resolve(p, dest, func(s string) bool { return b.static[s] })
		if !ok {
			return dest, false
		}
		if t.Path == "" {
			return dest, true
		}
		if record && t.Anchor != "" && t.Page != nil {
			b.mu.Lock()
			b.anchors = append(b.anchors, anchorRef{from: p.Source, dest: dest, target: t.Page.Path, anchor: t.Anchor})
			b.mu.Unlock()
		}
		if t.Page == p && t.Anchor != "" && fromPath == p.Path {
			return "#" + t.Anchor, true
		}
		u := site.RelURL(fromPath, t.Path, b.opts.Offline)
		if t.Anchor != "" {
			u += "#" + t.Anchor
		}
		return u, true
	}
}

// convert renders a page's Markdown.
func (b *builder) convert(plan *langPlan, p *site.Page) (*markdown.Result, error) {
	src := p.Source
	if len(src.Body) == 0 {
		return &markdown.Result{}, nil
	}
	conv := plan.converter
	if p.Fallback {
		conv = plan.fallbackConverter
	}
	glossaryURL := ""
	if plan.lang.Glossary != nil && !p.Glossary {
		glossaryURL = site.RelURL(p.Path, plan.lang.Glossary.Path, b.opts.Offline)
	}
	doc := &mdctx.Doc{
		File: src.File, Source: src.Body, LineOffset: src.BodyLine, Lang: src.Lang,
		Diags: b.diags, GlossaryURL: glossaryURL,
		Resolve: b.resolver(p, p.Path, true),
	}
	if p.Glossary {
		for _, t := range blocks.ParseGlossary(src.Body) {
			doc.TermIDs = append(doc.TermIDs, t.ID)
		}
	}
	return conv.Convert(doc, p.TitleFromH1)
}

func (b *builder) renderPage(plan *langPlan, p *site.Page) (*markdown.Result, error) {
	res, err := b.convert(plan, p)
	if err != nil {
		return nil, err
	}
	if !p.Fallback {
		ids := map[string]bool{}
		for _, h := range res.Headings {
			ids[h.ID] = true
		}
		for _, id := range res.IDs {
			ids[id] = true
		}
		b.mu.Lock()
		b.ids[p.Path] = ids
		b.mu.Unlock()
	}
	kind := "page"
	switch {
	case p.Kind == content.Home:
		kind = "home"
	case p.Kind == content.Section:
		kind = "section"
	case p.Glossary:
		kind = "glossary"
	}
	d := b.pageData(plan, p, p.Path)
	d.Kind = kind
	d.Content = template.HTML(res.HTML)
	for _, h := range res.Headings {
		if h.Level == 2 || h.Level == 3 {
			d.TOC = append(d.TOC, layout.TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if len(d.TOC) < 2 {
		d.TOC = nil
	}
	if err := b.execute(plan, kind, d, p.Path+"index.html"); err != nil {
		return nil, err
	}
	b.addSearchDocs(p, res)
	for _, a := range p.Aliases {
		ad := b.pageData(plan, p, a)
		ad.Redirect = site.RelURL(a, p.Path, b.opts.Offline)
		if err := b.execute(plan, "alias", ad, a+"index.html"); err != nil {
			return nil, err
		}
	}
	for _, r := range p.Source.Resources {
		data, err := fs.ReadFile(b.opts.FS, "content/"+p.Source.Lang+"/"+r)
		if err != nil {
			b.diags.Errorf("content/"+p.Source.Lang+"/"+r, 0, 0, "cannot read: %v", err)
			continue
		}
		if err := b.sink.Put(p.Path+path.Base(r), data); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func (b *builder) addSearchDocs(p *site.Page, res *markdown.Result) {
	if p.Kind == content.Home && len(res.Sections) == 0 {
		return
	}
	u := p.Path
	if b.opts.Offline {
		u += "index.html"
	}
	var docs []search.Doc
	for _, s := range res.Sections {
		docs = append(docs, search.Doc{URL: u, Anchor: s.Anchor, Title: p.Title, Section: s.Heading, Text: s.Text})
	}
	if len(docs) == 0 {
		docs = append(docs, search.Doc{URL: u, Title: p.Title, Text: p.Description})
	}
	b.mu.Lock()
	b.docs[p.Lang] = append(b.docs[p.Lang], docs...)
	b.mu.Unlock()
}

func (b *builder) printSection(sec, lesson *site.Page, res *markdown.Result) (layout.PrintSection, error) {
	from := site.PrintPath(sec)
	prefix := markdown.Slug(lesson.Source.Name())
	if prefix == "" {
		prefix = "lesson"
	}
	resolve := b.resolver(lesson, from, false)
	html, err := res.RenderAgain(prefix+"-", func(raw string) string {
		u, _ := resolve(raw)
		return u
	})
	if err != nil {
		return layout.PrintSection{}, err
	}
	ps := layout.PrintSection{Title: lesson.Title, ID: prefix, Content: template.HTML(html),
		Duration: lesson.Source.FM.Duration, Objectives: lesson.Source.FM.Objectives, Keypoints: lesson.Source.FM.Keypoints}
	if lesson.Fallback {
		ps.ContentLang = b.cfg.DefaultLanguage
	}
	return ps, nil
}

func (b *builder) renderPrint(plan *langPlan, sec *site.Page, sections []layout.PrintSection) error {
	from := site.PrintPath(sec)
	d := b.pageData(plan, sec, from)
	d.Kind = "print"
	d.Sections = sections
	d.TOC = nil
	d.Prev, d.Next = nil, nil
	d.Canonical = ""
	d.Alternates = nil
	d.Content = ""
	d.Breadcrumbs = append(d.Breadcrumbs, layout.Link{Title: sec.Title, URL: d.Rel(sec.Path)})
	return b.execute(plan, "print", d, from+"index.html")
}

func (b *builder) render404(plan *langPlan) error {
	if plan.lang.Code != b.rendered[0].Code {
		return nil
	}
	d := b.pageData(plan, plan.lang.Home, "")
	d.Kind = "404"
	d.Page = nil
	d.Title = b.catalog.T(plan.lang.Code, "notFoundTitle")
	d.Description = ""
	d.Breadcrumbs, d.TOC, d.Notices, d.Prev, d.Next = nil, nil, nil, nil, nil
	d.Canonical, d.Alternates = "", nil
	d.ProgressID, d.IsLesson = "", false
	if !b.opts.Offline {
		// Served for any missing URL, so its links cannot be relative.
		d.SetAbsolute(basePath(b.cfg.BaseURL))
		d.Root = basePath(b.cfg.BaseURL)
		d.HomeURL = d.Rel(plan.lang.Home.Path)
		d.CSS, d.JS = d.Rel(b.cssPath), d.Rel(b.jsPath)
		d.Nav = b.nav(plan.lang, nil, d)
		d.NavHTML = layout.RenderNav(d.Nav, plan.doneLabel)
		d.Languages = b.switcher(plan.lang.Home, d)
		if plan.lang.Glossary != nil {
			d.GlossaryURL = d.Rel(plan.lang.Glossary.Path)
		}
	}
	return b.execute(plan, "404", d, "404.html")
}

func basePath(baseURL string) string {
	if i := strings.Index(baseURL, "://"); i >= 0 {
		rest := baseURL[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	if !strings.HasPrefix(baseURL, "/") {
		return "/" + baseURL
	}
	return baseURL
}

func (b *builder) execute(plan *langPlan, kind string, d *layout.Data, out string) error {
	var buf bytes.Buffer
	buf.Grow(len(d.Content) + len(d.NavHTML) + 8<<10)
	if err := plan.templates.Execute(&buf, kind, d); err != nil {
		file := "layouts/" + kind + ".html"
		if d.Page != nil {
			file = d.Page.Source.File
		}
		b.diags.Add(diag.Diagnostic{File: file, Severity: diag.Error, Code: "template",
			Message: "rendering failed: " + err.Error(), Hint: "check the templates in layouts/"})
		return nil
	}
	b.mu.Lock()
	b.pages++
	b.mu.Unlock()
	return b.sink.Put(out, buf.Bytes())
}

// checkAnchors reports links to headings that do not exist.
func (b *builder) checkAnchors() {
	for _, a := range b.anchors {
		ids, ok := b.ids[a.target]
		if !ok || ids[a.anchor] {
			continue
		}
		line, col := 0, 0
		if i := bytes.Index(a.from.Body, []byte(a.dest)); i >= 0 {
			line, col = diag.Position(a.from.Body, i)
			line += a.from.BodyLine
		}
		var known []string
		for id := range ids {
			known = append(known, id)
		}
		hint := diag.DidYouMean(a.anchor, known)
		if hint == "" {
			hint = "link to a heading that exists on that page"
		}
		b.diags.Add(diag.Diagnostic{File: a.from.File, Line: line, Col: col, Severity: diag.Warning, Code: "broken-anchor",
			Message: fmt.Sprintf("link %s: no heading #%s on that page", a.dest, a.anchor), Hint: hint})
	}
}

func (b *builder) writeSearch() error {
	for _, l := range b.rendered {
		docs := b.docs[l.Code]
		sort.SliceStable(docs, func(i, j int) bool {
			if docs[i].URL != docs[j].URL {
				return docs[i].URL < docs[j].URL
			}
			return false
		})
		files, err := search.Build(l.Code, docs)
		if err != nil {
			return fmt.Errorf("search index for %s: %w", l.Code, err)
		}
		for _, f := range files {
			if err := b.sink.Put(f.Path, f.Data); err != nil {
				return err
			}
		}
	}
	return nil
}

// countingSink counts the files written.
type countingSink struct {
	output.Sink
	mu sync.Mutex
	n  int
}

func (c *countingSink) Put(name string, data []byte) error {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.Sink.Put(name, data)
}

func (c *countingSink) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// DirFS is os.DirFS, named here so commands need not import os for it.
func DirFS(dir string) fs.FS { return os.DirFS(dir) }
