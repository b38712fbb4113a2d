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
	"image"
	_ "image/gif" // image sizes (imageSize)
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	"github.com/yuin/goldmark/ast"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"
)

// Options select what is built.
type Options struct {
	// FS is the course folder (site.yaml, content/, layouts/, static/).
	FS fs.FS
	// Audience is "participant" (default) or "trainer".
	Audience string
	Drafts   bool
	// Strict turns warnings into errors, except those whose code is in
	// Allow: a course may mean what one kind of warning says.
	Strict bool
	Allow  []string
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
	// DropSources lets a full build forget the pages' Markdown once the
	// site's model is built, and read each file again when it renders the
	// page (a course's sources are most of a build's memory).
	// Result.Sources then lacks those bodies: set it only when the caller
	// does not read them.
	DropSources bool
	// Walked, if set, is told the total size of the Markdown files the
	// build read, as soon as it has read them: a command sizes its memory
	// to the course with it (cmd/fieldguide's tuneGC) without stating
	// every file again.
	Walked func(markdownBytes int64)
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
	// Languages are the codes of the languages written, in the course's
	// order (Options.Languages, or all).
	Languages []string
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
	b := &builder{opts: opts, diags: &diag.List{}, sink: &countingSink{Sink: sink}, fsys: opts.FS}
	_, b.reuseOutputs = sink.(output.Transient)
	if c, ok := opts.FS.(*courseFS); ok {
		folders := c.cache()
		defer folders.Close()
		b.fsys = folders
	}
	return finishRun(ctx, b)
}

type builder struct {
	opts  Options
	diags *diag.List
	sink  *countingSink
	// fsys is where the course is read: opts.FS, or the in-memory image of
	// it that an Incremental keeps up to date.
	fsys fs.FS
	// inc is set when rendering for an Incremental: pages whose inputs did
	// not change since its previous build are taken from it. nil for a
	// one-off Build, which remembers nothing.
	inc *incBuild
	// footers holds offlineFooter's footer of each language.
	footers sync.Map
	// reuseOutputs says the sink is done with a page's bytes when it has
	// put them (output.Transient): a one-off build then renders the next
	// pages into the same buffers (outputBuffers), which were 13% of the
	// bytes it allocated. An Incremental keeps its pages' bytes.
	reuseOutputs  bool
	outputBuffers sync.Pool // *bytes.Buffer

	cfg      *config.Config
	site     *site.Site
	catalog  *i18n.Catalog
	theme    *layout.Theme
	siteFS   fs.FS // the course's layouts/ folder, or nil
	static   map[string]bool
	rendered []config.Language
	// plans are the languages' plans, kept for an Incremental's next build.
	plans   map[string]*langPlan
	cssPath string
	jsPath  string
	// codeCSSPath is linked only from pages with highlighted code.
	codeCSSPath string
	// searchJSPath is the search engine, loaded when the box is first used.
	searchJSPath string
	defLang      config.Language
	sourceFor    map[string]*content.Source // default-language source by group key
	// dropped are the sources whose body was let go (Options.DropSources):
	// they are read again when rendered. sourceHashes are the SourceHash and
	// BodyHash of the default-language ones that translations name.
	dropped      map[*content.Source]bool
	sourceHashes map[*content.Source][2]string

	imageSizes sync.Map // course path → [2]int, see imageSize

	mu      sync.Mutex
	anchors []anchorRef
	ids     map[string]map[string]bool // page path → ids on that page
	// indexers index each language's pages as they are rendered (in full
	// builds), so that a page's text is dropped once it is written;
	// searchOrders hand them the pages in key order.
	indexers     map[string]*search.Indexer
	searchOrders map[string]*searchOrder
	// searchWritten are the languages whose index is written: in full
	// builds, by the worker that finished the language's last section.
	searchWritten map[string]bool
	// pageDocs are each page's search docs with their digest, by language:
	// an Incremental tells from the digests whether a language's index must
	// be rebuilt without hashing all its text, and gathers the docs only
	// when it must. (docs is not filled then.)
	pageDocs map[string][]pageDocs
	pages    int
	// rootQueued says that renderLanguages queued writeRootPages after
	// the sections (full builds), for run not to write them again.
	rootQueued bool
}

type pageDocs struct {
	key, lang, url string
	sum            digest
	docs           []search.Doc
}

type anchorRef struct {
	from   *content.Source
	dest   string
	target string // page path
	anchor string
}

func (b *builder) run(ctx context.Context) (*Result, error) {
	fsys := b.fsys
	b.cfg = b.loadConfig()
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
	sources := b.walkContent(codes)
	if b.opts.Walked != nil {
		var size int64
		for _, src := range sources {
			size += src.Size
		}
		b.opts.Walked(size)
	}
	b.cfg = withHomeTitles(b.cfg, sources, site.NewFilter(sources, site.Options{Audience: b.opts.Audience, Drafts: b.opts.Drafts}))
	b.site = site.Build(b.cfg, sources, site.Options{Audience: b.opts.Audience, Drafts: b.opts.Drafts,
		Untouched: i18n.UntouchedCopy}, b.diags)
	b.defLang, _ = b.cfg.Language(b.cfg.DefaultLanguage)
	b.sourceFor = map[string]*content.Source{}
	for _, src := range sources {
		if src.Lang == b.cfg.DefaultLanguage && b.site.Filter.Include(src) {
			b.sourceFor[site.GroupKey(src)] = src
		}
	}
	if b.opts.DropSources && b.inc == nil {
		b.dropSources(sources)
	}
	if sub, err := fs.Sub(fsys, "layouts"); err == nil {
		if _, err := fs.Stat(fsys, "layouts"); err == nil {
			b.siteFS = sub
		}
	}
	b.loadTheme(codes)
	res := &Result{Config: b.cfg, Site: b.site, Catalog: b.catalog, Sources: sources}
	if err := b.languagesToRender(); err != nil {
		return res, err
	}
	for _, l := range b.rendered {
		res.Languages = append(res.Languages, l.Code)
	}
	if len(b.opts.Languages) > 0 {
		b.site.SetRendered(res.Languages)
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
	b.indexers = map[string]*search.Indexer{}
	b.searchOrders = map[string]*searchOrder{}
	for _, l := range b.rendered {
		b.indexers[l.Code] = search.NewIndexer(l.Code, search.Options{Offline: b.opts.Offline})
		if sl := b.site.Lang(l.Code); sl != nil && b.inc == nil {
			b.searchOrders[l.Code] = b.newSearchOrder(b.indexers[l.Code], sl)
		}
	}
	b.searchWritten = map[string]bool{}
	b.pageDocs = map[string][]pageDocs{}
	if err := b.renderLanguages(ctx); err != nil {
		return res, err
	}
	if b.inc != nil {
		return b.inc.finishPages(b, res)
	}
	b.checkAnchors(b.diags)
	if err := b.writeSearch(); err != nil {
		return res, err
	}
	if !b.rootQueued {
		if err := b.writeRootPages(nil); err != nil {
			return res, err
		}
	}
	res.Pages = b.pages
	return res, nil
}

// dropSources lets go of the bodies of the pages (see
// Options.DropSources), after hashing the default-language ones that
// translations name in translatedFrom, for their outdated notices. A
// glossary stays: every page of its language reads it.
func (b *builder) dropSources(sources []*content.Source) {
	b.sourceHashes = map[*content.Source][2]string{}
	for _, src := range sources {
		mark := src.FM.TranslatedFrom
		if src.Lang == b.cfg.DefaultLanguage || mark == "" {
			continue
		}
		if def := b.sourceFor[site.GroupKey(src)]; def != nil {
			// Only the hash the mark is compared with (see i18n.Current).
			h := b.sourceHashes[def]
			if len(mark) == 12 && h[1] == "" {
				h[1] = i18n.BodyHash(def.Body)
			} else if len(mark) != 12 && h[0] == "" {
				h[0] = i18n.SourceHash(def)
			}
			b.sourceHashes[def] = h
		}
	}
	b.dropped = map[*content.Source]bool{}
	for _, src := range sources {
		if !src.IsGlossary() && len(src.Body) > 0 {
			b.dropped[src] = true
			src.Body = nil
		}
	}
}

// body is src's Markdown, read again from its file if it was dropped.
func (b *builder) body(src *content.Source) ([]byte, error) {
	if b.dropped[src] {
		return content.ReadBody(b.fsys, src)
	}
	return src.Body, nil
}

// loadConfig reads site.yaml (an Incremental reuses the previous answer
// while site.yaml and the language folders are unchanged). The Config is
// the builder's own copy: run changes its BaseURL.
func (b *builder) loadConfig() *config.Config {
	if b.inc != nil {
		return b.inc.config(b)
	}
	return config.Load(b.fsys, b.diags)
}

// withHomeTitles gives each language without a title of its own in
// site.yaml its home page's title, when the default language's home page
// has the course's title: that page's translation then is the title's.
// A translator who adds es: { name: Español } and translates the home
// page gets a Spanish course title without knowing about title:. cfg is
// left as it is (an incremental build keeps it): the answer is a copy,
// or cfg when there is nothing to add. Only home pages the build includes
// count: a draft's or a trainer page's title is not for participants.
func withHomeTitles(cfg *config.Config, sources []*content.Source, include *site.Filter) *config.Config {
	homes := map[string]string{}
	for _, src := range sources {
		if src.Kind == content.Home && src.Rel == "_index.md" && src.FM.Title != "" && include.Include(src) {
			homes[src.Lang] = src.FM.Title
		}
	}
	if homes[cfg.DefaultLanguage] != cfg.SiteTitle(cfg.DefaultLanguage) {
		return cfg
	}
	var out *config.Config
	for i, l := range cfg.Languages {
		// A home page with the default language's title is a copy not
		// translated yet: its title is not this language's.
		if l.Title != "" || homes[l.Code] == "" || l.Code == cfg.DefaultLanguage || homes[l.Code] == homes[cfg.DefaultLanguage] {
			continue
		}
		if out == nil {
			c := *cfg
			c.Languages = slices.Clone(cfg.Languages)
			out = &c
		}
		out.Languages[i].Title = homes[l.Code]
	}
	if out == nil {
		return cfg
	}
	return out
}

// walkContent reads the Markdown sources of the languages.
func (b *builder) walkContent(codes []string) []*content.Source {
	if b.inc != nil {
		return b.inc.walk(codes, b.diags)
	}
	return content.Walk(b.fsys, codes, b.diags)
}

// loadTheme reads the UI strings and the templates (the embedded theme
// and the course's layouts/).
func (b *builder) loadTheme(codes []string) {
	if b.inc != nil {
		b.inc.theme(b, codes)
		return
	}
	b.catalog = i18n.Load(layouts.FS, b.siteFS, codes, b.diags)
	b.theme = layout.LoadTheme(layouts.FS, b.siteFS, b.diags)
}

// templates are the parsed templates of one language; their mistakes go
// to diags.
func (b *builder) templates(code string, diags *diag.List) *layout.Templates {
	if b.inc != nil {
		return b.inc.templates(code, diags)
	}
	return b.theme.Parse(b.catalog, code, diags)
}

func (b *builder) languagesToRender() error {
	if len(b.opts.Languages) == 0 {
		b.rendered = b.cfg.Languages
		return nil
	}
	// Tags ignore letter case (ZH is zh), and a language named twice is
	// one. The languages go in the course's order, whatever the order
	// asked: the same copy whichever way its languages are named.
	asked := map[string]bool{}
	for _, code := range b.opts.Languages {
		l, ok := b.cfg.LanguageNamed(code)
		if !ok {
			var known []string
			for _, l := range b.cfg.Languages {
				known = append(known, l.Code)
			}
			return fmt.Errorf("language %q is not in this course (languages: %s)", code, strings.Join(known, ", "))
		}
		asked[l.Code] = true
	}
	for _, l := range b.cfg.Languages {
		if asked[l.Code] {
			b.rendered = append(b.rendered, l)
		}
	}
	return nil
}

// copyStatic copies static/ as is.
func (b *builder) copyStatic() error {
	b.static = map[string]bool{}
	err := fs.WalkDir(b.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return fs.SkipDir
			}
			b.diags.Add(diag.ReadError(p, err))
			return nil
		}
		if d.IsDir() {
			// A hidden folder (.git, .drafts) is not the site's; but
			// .well-known is, for hosts that look for files in it.
			if p != "static" && strings.HasPrefix(d.Name(), ".") && d.Name() != ".well-known" {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || content.IsEditorTemp(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := fs.ReadLink(b.fsys, p)
			if err == nil && (path.IsAbs(target) || strings.HasPrefix(path.Join(path.Dir(p), target), "..")) {
				b.diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "symlink",
					Message: fmt.Sprintf("symbolic link to %s points outside the course folder and is refused", target),
					Hint:    "copy the file into static/ instead"})
				return nil
			}
		}
		data, err := fs.ReadFile(b.fsys, p)
		if err != nil {
			b.diags.Add(diag.ReadError(p, err))
			return nil
		}
		b.warnActive(p, data, false)
		rel := strings.TrimPrefix(p, "static/")
		b.static[rel] = true
		return b.sink.Put(rel, data)
	})
	return err
}

// svgScript finds what runs in an SVG image opened on its own: a script
// element (svg:script too), an on…= event attribute or a javascript: link.
var svgScript = regexp.MustCompile(`(?i)<(?:[a-z]+:)?script[\s>/]|\son[a-z]+\s*=|javascript:`)

// warnActive warns, while unsafeHTML is off, about a file that is copied as
// it is and can run a script in the site: unsafeHTML keeps raw HTML out of
// the Markdown, and a page or an SVG beside a lesson (often from a
// translator) would bring it back. An HTML file in static/ is the site's own
// on purpose (a search engine's verification page, say): only a lesson's is
// warned about.
func (b *builder) warnActive(file string, data []byte, lessonFile bool) {
	if b.cfg.UnsafeHTML {
		return
	}
	why := ""
	switch strings.ToLower(path.Ext(file)) {
	case ".html", ".htm", ".xhtml":
		if lessonFile {
			why = "an HTML file is served as a page of the site, with any script it holds"
		}
	case ".svg":
		if svgScript.Match(data) {
			why = "this SVG image holds a script, an on…= handler or a javascript: link, which runs when the image is opened on its own"
		}
	}
	if why != "" {
		b.diags.Add(diag.Diagnostic{File: file, Severity: diag.Warning, Code: "active-file",
			Message: why + ", although unsafeHTML is off",
			Hint:    "remove the script (an SVG editor's \"optimise\" or \"plain SVG\" export does), or make it a PDF; set unsafeHTML: true if every author is trusted"})
	}
}

// writeAssets concatenates the theme's stylesheets and scripts (overridden
// file by file by the course's layouts/assets) into one fingerprinted file
// each, so a page costs two requests and caches forever.
func (b *builder) writeAssets() error {
	a, err := buildAssets(b.siteFS, b.diags)
	if err != nil {
		return err
	}
	b.cssPath, b.jsPath, b.codeCSSPath, b.searchJSPath = a.cssPath, a.jsPath, a.codeCSSPath, a.searchJSPath
	for _, f := range []struct {
		path string
		data []byte
	}{{a.cssPath, a.css}, {a.jsPath, a.js}, {a.codeCSSPath, a.codeCSS}, {a.searchJSPath, a.searchJS}} {
		if err := b.sink.Put(f.path, f.data); err != nil {
			return err
		}
	}
	return nil
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
	// navs holds, for each section, the navigation its lessons share
	// (*site.Page → *layout.SharedNav; see lessonNav).
	navs sync.Map
}

func (b *builder) renderLanguages(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	// Twice as many workers as cores: a worker waiting for the disk to
	// take a page leaves its core to another.
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	defGlossary := b.glossaryTerms(b.site.Lang(b.cfg.DefaultLanguage))
	if b.inc != nil {
		b.inc.signatures(b)
		b.plans = map[string]*langPlan{}
	}
	var rootCode string
	var rootTemplates *layout.Templates
	if len(b.rendered) > 0 {
		rootCode = b.rootLanguage().Code
	}
	for _, lc := range b.renderOrder() {
		l := b.site.Lang(lc.Code)
		if l == nil {
			continue
		}
		templateErrs := &diag.List{}
		plan := &langPlan{lang: l, templates: b.templates(l.Code, templateErrs)}
		b.diags.Merge(templateErrs)
		if templateErrs.HasErrors() {
			return nil
		}
		if b.inc != nil {
			b.plans[l.Code] = plan
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
		var sections []*site.Page
		for _, p := range l.Pages {
			if p.IsSection() {
				sections = append(sections, p)
			}
		}
		// In a full build, the worker that renders a language's last
		// section goes on to build its search index, so the index of one
		// language is built while others still render, and its text is
		// dropped early. (The live preview schedules its index itself.)
		remaining := &atomic.Int32{}
		remaining.Store(int32(len(sections)))
		for _, p := range sections {
			g.Go(func() error {
				if err := b.renderSection(ctx, plan, p); err != nil {
					return err
				}
				if b.inc == nil && remaining.Add(-1) == 0 {
					return b.buildSearch(l.Code)
				}
				return nil
			})
		}
		g.Go(func() error { return b.render404(plan) })
		if b.inc == nil && l.Code == rootCode {
			rootTemplates = plan.templates
		}
	}
	// The root pages (index.html, the sitemap of every page: some 10-20 ms
	// on the benchmark course) read the site, not what the sections
	// render. Queued after every section, they take the core that the
	// last sections and the last language's index leave idle, instead of
	// running alone after them.
	if rootTemplates != nil {
		b.rootQueued = true
		g.Go(func() error { return b.writeRootPages(rootTemplates) })
	}
	err := g.Wait()
	if err == nil && b.inc != nil {
		b.inc.complete = true
	}
	return err
}

// renderOrder is the order in which renderLanguages queues the languages'
// sections: the order of the output does not depend on it, only how busy
// the cores are at the end. A language's search index is built once its
// last section is rendered, while the next languages render, except the
// last one's, which the build waits for alone. So a full build queues the
// languages whose index costs most first: Chinese, Japanese and Korean
// (a term for every character and pair of characters), then Arabic-script
// ones (each word also without its article), then the others, each group
// in the course's order. On the 20x50 course, the last index then takes
// 8 ms (French) instead of 31 ms (Chinese). The live preview keeps the
// course's order.
func (b *builder) renderOrder() []config.Language {
	order := slices.Clone(b.rendered)
	if b.inc == nil {
		slices.SortStableFunc(order, func(x, y config.Language) int { return indexCost(y.Code) - indexCost(x.Code) })
	}
	return order
}

// indexCost ranks what a language's search index costs, for renderOrder:
// 2 for the scripts indexed by character, 1 for Arabic script, else 0.
func indexCost(code string) int {
	tag, err := language.Parse(code)
	if err != nil {
		return 0
	}
	script, _ := tag.Script()
	switch script.String() {
	case "Hans", "Hant", "Hani", "Jpan", "Kore", "Hira", "Kana", "Hang":
		return 2
	case "Arab":
		return 1
	}
	return 0
}

func (b *builder) glossaryTerms(l *site.Lang) []blocks.Term {
	if l == nil || l.Glossary == nil {
		return nil
	}
	return blocks.ParseGlossary(l.Glossary.Source.Body)
}

func (b *builder) converter(lang string, glossary []blocks.Term) *markdown.Converter {
	t := func(key string) string { return b.catalog.T(lang, key) }
	return markdown.New(markdown.Options{
		UnsafeHTML: b.cfg.UnsafeHTML,
		Extensions: []goldmark.Extender{blocks.New(blocks.Options{
			Audience: b.opts.Audience,
			T:        t,
			Glossary: glossary,
		})},
		NoIndex: []ast.NodeKind{blocks.KindQuizFeedback},
		Label:   t,
	})
}

// renderSection renders a section, its direct lessons and its printable
// page. A lesson is parsed once: its printable copy re-renders the same tree.
func (b *builder) renderSection(ctx context.Context, plan *langPlan, sec *site.Page) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// A module with lessons has a printable page, which begins with the
	// module's own introduction.
	printFrom := ""
	if sec.Kind == content.Section && slices.ContainsFunc(sec.Children, func(c *site.Page) bool { return !c.IsSection() && !c.Glossary }) {
		printFrom = site.PrintPath(sec)
	}
	intro, err := b.renderPage(plan, sec, printFrom)
	if err != nil {
		return err
	}
	var prints []printPart
	for _, c := range sec.Children {
		if c.IsSection() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		from := ""
		if sec.Kind == content.Section && !c.Glossary {
			from = site.PrintPath(sec)
		}
		part, err := b.renderPage(plan, c, from)
		if err != nil {
			return err
		}
		if from != "" {
			prints = append(prints, part)
		}
	}
	if len(prints) > 0 {
		return b.renderPrint(plan, sec, intro, prints)
	}
	return nil
}

// converted is what converting a page's Markdown gives, kept by an
// Incremental while the page's inputs stay the same.
type converted struct {
	html     string
	headings []markdown.Heading
	sections []markdown.Section
	ids      map[string]bool
	anchors  []anchorRef
	// links are the answers the resolver gave while converting; the
	// conversion is reused only while every link still gets the same one.
	links []linkDep
	// resolve is the signature under which links last resolved as
	// recorded; while it holds, they need not be checked one by one.
	resolve digest
	diags   []diag.Diagnostic
	// print is the lesson as part of its module's printable page, when asked.
	print      layout.PrintSection
	printLinks []linkDep
	// images are the sizes written into the HTML of the images it shows,
	// by file: replaced by an image of another size, the page is
	// converted again, wherever the image is (another lesson's folder).
	images []imageDep
}

// imageDep is an image whose size a conversion wrote into its HTML: its
// destination as written, the file it named and that file's size.
type imageDep struct {
	dest, file string
	size       [2]int
}

// imagesHold reports whether every image of p still names the same file,
// with the size recorded. (The same link may name another file once a
// translator adds a folder's own copy of a file its source's folder has:
// see site.File.)
func (b *builder) imagesHold(p *site.Page, images []imageDep) bool {
	for _, im := range images {
		if b.site.ResourceFile(p, im.dest) != im.file {
			return false
		}
		if w, h := b.imageSize(im.file); [2]int{w, h} != im.size {
			return false
		}
	}
	return true
}

// linkDep is one link destination and what it resolved to.
type linkDep struct {
	dest, url string
	ok        bool
	// leftOut is why a link not found names a page the build leaves out
	// (site.LeftOut): the link is then text, with a warning saying why.
	leftOut string
}

// printPart is a lesson's part of its module's printable page.
type printPart struct {
	section layout.PrintSection
	key     digest
}

// outFile is one file a page writes (the page, its aliases).
type outFile struct {
	name string
	data []byte
}

// resolver turns link destinations written in p's Markdown into URLs
// relative to fromPath; links to anchors are added to anchors (when not
// nil) for checkAnchors.
func (b *builder) resolver(p *site.Page, fromPath string, anchors *[]anchorRef) func(string) (string, bool) {
	return func(dest string) (string, bool) {
		t, ok := b.site.Resolve(p, dest, func(s string) bool { return b.static[s] })
		if !ok {
			return dest, false
		}
		if t.Path == "" {
			return dest, true
		}
		if anchors != nil && t.Anchor != "" && t.Page != nil {
			*anchors = append(*anchors, anchorRef{from: p.Source, dest: dest, target: t.Page.Path, anchor: t.Anchor})
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

// linkDep records how a link of p resolved, for linksHold.
func (b *builder) linkDep(p *site.Page, dest, url string, ok bool) linkDep {
	dep := linkDep{dest: dest, url: url, ok: ok}
	if !ok {
		dep.leftOut = b.site.LeftOut(p, dest)
	}
	return dep
}

// linksHold reports whether every link still resolves as recorded.
func (b *builder) linksHold(p *site.Page, fromPath string, links []linkDep) bool {
	resolve := b.resolver(p, fromPath, nil)
	for _, l := range links {
		if u, ok := resolve(l.dest); u != l.url || ok != l.ok {
			return false
		}
		if !l.ok && b.site.LeftOut(p, l.dest) != l.leftOut {
			return false
		}
	}
	return true
}

// convert renders a page's Markdown, and with printFrom its part of the
// module's printable page at that path.
func (b *builder) convert(plan *langPlan, p *site.Page, printFrom string) (*converted, error) {
	src := p.Source
	out := &converted{ids: map[string]bool{}}
	body, err := b.body(src)
	if err != nil {
		b.diags.Errorf(src.File, 0, 0, "%v", err)
	}
	if len(body) == 0 {
		if printFrom != "" {
			out.print = b.printSection(p, "")
		}
		if src.Unusable {
			// A file the build could not read (its error says so): its
			// headings are unknown, not absent, and links to them are
			// not checked (checkAnchors).
			out.ids = nil
		}
		return out, nil
	}
	conv := plan.converter
	if p.Fallback {
		conv = plan.fallbackConverter
	}
	glossaryURL := ""
	if g := b.glossaryFor(plan, p); g != nil && !p.Glossary {
		glossaryURL = site.RelURL(p.Path, g.Path, b.opts.Offline)
	}
	diags := &diag.List{}
	resolve := b.resolver(p, p.Path, &out.anchors)
	doc := &mdctx.Doc{
		File: src.File, Source: body, LineOffset: src.BodyLine, Lang: src.Lang,
		Diags: diags, GlossaryURL: glossaryURL, Offline: b.opts.Offline,
		Resolve: func(dest string) (string, bool) {
			u, ok := resolve(dest)
			out.links = append(out.links, b.linkDep(p, dest, u, ok))
			return u, ok
		},
		// Asked right after Resolve failed for dest, which linkDep
		// answered already.
		LeftOut: func(dest string) string {
			if n := len(out.links); n > 0 && out.links[n-1].dest == dest && !out.links[n-1].ok {
				return out.links[n-1].leftOut
			}
			return b.site.LeftOut(p, dest)
		},
		Suggest: func(dest string) string { return b.site.SuggestLink(p, dest) },
		ImageSize: func(dest string) (int, int) {
			file := b.site.ResourceFile(p, dest)
			w, h := b.imageSize(file)
			if file != "" && sizedImage(file) {
				out.images = append(out.images, imageDep{dest, file, [2]int{w, h}})
			}
			return w, h
		},
	}
	res, err := conv.Convert(doc, p.TitleFromH1)
	if err != nil {
		return nil, err
	}
	out.html, out.headings, out.sections = res.HTML, res.Headings, res.Sections
	for _, h := range res.Headings {
		out.ids[h.ID] = true
	}
	for _, id := range res.IDs {
		out.ids[id] = true
	}
	if printFrom != "" {
		// After the page's own HTML is taken: RenderAgain changes the tree.
		printResolve := b.resolver(p, printFrom, nil)
		// The lesson's headings go one level down, under the title the
		// printable page gives it (h2); the module's introduction stays
		// under the page's title (h1).
		down := 1
		if p.IsSection() {
			down = 0
		}
		printGlossary := ""
		if g := b.glossaryFor(plan, p); g != nil {
			printGlossary = site.RelURL(printFrom, g.Path, b.opts.Offline)
		}
		html, err := res.RenderAgain(printPrefix(p)+"-", down, func(raw string) string {
			u, ok := printResolve(raw)
			out.printLinks = append(out.printLinks, b.linkDep(p, raw, u, ok))
			return u
		}, printGlossary)
		if err != nil {
			return nil, err
		}
		out.print = b.printSection(p, html)
	}
	out.diags = diags.Items()
	return out, nil
}

// imageSize is the width and height of the PNG, JPEG or GIF image at
// file (a course path), read from its header once per build; 0, 0 for
// other formats and for anything unreadable.
func (b *builder) imageSize(file string) (int, int) {
	if file == "" || !sizedImage(file) {
		return 0, 0
	}
	if v, ok := b.imageSizes.Load(file); ok {
		wh := v.([2]int)
		return wh[0], wh[1]
	}
	var wh [2]int
	if f, err := b.fsys.Open(file); err == nil {
		if cfg, _, err := image.DecodeConfig(f); err == nil {
			wh = [2]int{cfg.Width, cfg.Height}
		}
		f.Close()
	}
	b.imageSizes.Store(file, wh)
	return wh[0], wh[1]
}

// sizedImage reports whether imageSize reads the size of the image name:
// PNG, JPEG and GIF, whose decoders the standard library has.
func sizedImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif":
		return true
	}
	return false
}

// glossaryFor is the glossary page p's terms link to: its language's, or,
// for a page shown untranslated while its language's glossary is
// translated, the default language's, whose terms the page's text uses
// (nil when that language is not written, as in an offline copy of
// others).
func (b *builder) glossaryFor(plan *langPlan, p *site.Page) *site.Page {
	g := plan.lang.Glossary
	if g == nil || !p.Fallback || g.Fallback {
		return g
	}
	if !b.isRendered(b.cfg.DefaultLanguage) {
		return nil
	}
	return b.site.Lang(b.cfg.DefaultLanguage).Glossary
}

// renderPage renders p (and its aliases) and returns its part of the
// printable page when printFrom, the printable page's path, is set.
func (b *builder) renderPage(plan *langPlan, p *site.Page, printFrom string) (printPart, error) {
	e := &pageEntry{}
	var prev *pageEntry
	if b.inc != nil {
		e.contentKey, e.dataKey = b.inc.pageKeys(b, plan, p)
		if printFrom != "" {
			e.printKey = printKey(e.contentKey, b.inc.sg, p, printFrom)
		}
		prev = b.inc.previous(pageKey(p))
	}
	if prev != nil && prev.contentKey == e.contentKey && prev.printKey == e.printKey && b.imagesHold(p, prev.conv.images) {
		if prev.conv.resolve == b.inc.sg.resolve {
			e.conv = prev.conv
		} else if b.linksHold(p, p.Path, prev.conv.links) && (printFrom == "" || b.linksHold(p, printFrom, prev.conv.printLinks)) {
			conv := *prev.conv
			conv.resolve = b.inc.sg.resolve
			e.conv = &conv
		}
		if e.conv != nil && prev.dataKey == e.dataKey {
			e.reuseOutputs(b, prev)
		}
	}
	if e.conv == nil {
		conv, err := b.convert(plan, p, printFrom)
		if err != nil {
			return printPart{}, err
		}
		e.conv = conv
		if b.inc != nil {
			b.inc.converted.Add(1)
			conv.resolve = b.inc.sg.resolve
		}
	}
	if b.inc == nil {
		// An Incremental gathers these from its entries once all pages are done.
		for _, d := range e.conv.diags {
			b.diags.Add(d)
		}
		b.mu.Lock()
		b.anchors = append(b.anchors, e.conv.anchors...)
		if !p.Fallback && e.conv.ids != nil {
			b.ids[p.Path] = e.conv.ids
		}
		b.mu.Unlock()
	}
	if !e.reused {
		if b.inc != nil {
			b.inc.rendered.Add(1)
		}
		e.css, e.js = b.cssPath, b.jsPath
		diags := &diag.List{}
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
		d.Content = template.HTML(e.conv.html)
		if hasCode(string(d.Content)) {
			d.CodeCSS = d.Rel(b.codeCSSPath)
		}
		for _, h := range e.conv.headings {
			if h.Level == 2 || h.Level == 3 {
				d.TOC = append(d.TOC, layout.TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		if len(d.TOC) < 2 {
			d.TOC = nil
		}
		if out, ok := b.execute(plan, kind, d, diags); ok {
			e.outputs = append(e.outputs, outFile{p.Path + "index.html", out})
		}
		for _, a := range p.Aliases {
			ad := b.pageData(plan, p, a)
			ad.Redirect = site.RelURL(a, p.Path, b.opts.Offline)
			if out, ok := b.execute(plan, "alias", ad, diags); ok {
				e.outputs = append(e.outputs, outFile{a + "index.html", out})
			}
		}
		e.diags = diags.Items()
		e.docs = b.searchDocs(plan, p, e.conv.sections)
		if b.inc != nil {
			e.docSum = docsDigest(e.docs)
		}
	}
	if err := b.putEntry(e); err != nil {
		return printPart{}, err
	}
	if b.inc == nil {
		b.searchOrders[p.Lang].deliver(p, e.docs)
	}
	for _, f := range p.Files {
		data, err := fs.ReadFile(b.fsys, f.Source)
		if err != nil {
			b.diags.Add(diag.ReadError(f.Source, err))
			continue
		}
		b.warnActive(f.Source, data, true)
		if err := b.sink.Put(f.Out, data); err != nil {
			return printPart{}, err
		}
	}
	if b.inc != nil {
		e.lang, e.path, e.fallback = p.Lang, p.Path, p.Fallback
		b.inc.remember(pageKey(p), e)
	}
	return printPart{section: e.conv.print, key: e.printKey}, nil
}

// putEntry writes a rendered (or remembered) entry's files and reports
// its template messages.
func (b *builder) putEntry(e *pageEntry) error {
	if b.inc == nil {
		for _, d := range e.diags {
			b.diags.Add(d)
		}
		b.mu.Lock()
		b.pages += len(e.outputs)
		b.mu.Unlock()
	}
	for _, f := range e.outputs {
		if err := b.sink.Put(f.name, f.data); err != nil {
			return err
		}
	}
	if b.reuseOutputs && b.inc == nil {
		for i, f := range e.outputs {
			// Once each: the 404 page is written under two names.
			if cap(f.data) > 0 && (i == 0 || cap(e.outputs[i-1].data) == 0 || &f.data[:1][0] != &e.outputs[i-1].data[:1][0]) {
				b.outputBuffers.Put(bytes.NewBuffer(f.data[:0]))
			}
		}
		e.outputs = nil
	}
	return nil
}

// searchDocs are the search index entries of a page: one per section,
// and on a glossary one per entry (see glossaryEntries).
func (b *builder) searchDocs(plan *langPlan, p *site.Page, sections []markdown.Section) []search.Doc {
	if p.Kind == content.Home && len(sections) == 0 {
		return nil
	}
	u := b.searchURL(p)
	var lang, dir string
	if p.Fallback {
		lang, dir = b.defLang.Code, b.defLang.Dir
	}
	var terms []blocks.Term // the glossary's, on the glossary page
	if p.Glossary {
		terms = plan.glossary
		if p.Fallback {
			terms = plan.defGlossary
		}
	}
	var docs []search.Doc
	for _, s := range sections {
		d := search.Doc{URL: u, Anchor: s.Anchor, Title: p.Title, Section: s.Heading, Text: s.Text, Lang: lang, Dir: dir}
		if len(terms) > 0 {
			var entries []search.Doc
			entries, terms = glossaryEntries(d, terms)
			docs = append(docs, entries...)
			continue
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		docs = append(docs, search.Doc{URL: u, Title: p.Title, Text: p.Description, Lang: lang, Dir: dir})
	}
	return docs
}

// searchURL is the URL of p in the search index, and its key there.
func (b *builder) searchURL(p *site.Page) string {
	if b.opts.Offline {
		return p.Path + "index.html"
	}
	return p.Path
}

// A searchOrder hands the pages of a language to its indexer in the
// order of their keys, their URLs (the order the index files list them
// in), whatever order the workers render them in: then Files has no docs
// to sort and renumber (online; offline it puts the sections that open
// pages first anyway). A worker whose page is the next to index indexes
// it, and the pages after it that others left, until it finds one not
// rendered yet; a worker whose page comes later leaves it in its slot.
// No worker waits for another's page: slots only buffer.
//
// A slot holds a page's docs, not their tokens, and the worker that
// indexes the slot tokenizes them: tokenizing each page as it came and
// buffering its tokens (tried, as terms or packed in one string) cost
// more, in allocation and collection near the build's memory limit,
// than the sorting saved. Pages wait in slots for up to a few hundred
// pages when a worker falls behind.
type searchOrder struct {
	indexer *search.Indexer
	slot    map[*site.Page]int // position of a page in key order
	keys    []string           // by position

	mu         sync.Mutex
	done       *sync.Cond // signalled when committing ends
	pending    [][]search.Doc
	filled     []bool
	next       int  // first slot not indexed
	committing bool // a worker indexes slots outside mu
}

// newSearchOrder numbers the pages of l that renderSection renders by
// their search keys.
func (b *builder) newSearchOrder(ix *search.Indexer, l *site.Lang) *searchOrder {
	var pages []*site.Page
	for _, sec := range l.Pages {
		if !sec.IsSection() {
			continue
		}
		pages = append(pages, sec)
		for _, c := range sec.Children {
			if !c.IsSection() {
				pages = append(pages, c)
			}
		}
	}
	keys := make([]string, len(pages))
	order := make([]int, len(pages))
	for i, p := range pages {
		keys[i], order[i] = b.searchURL(p), i
	}
	slices.SortStableFunc(order, func(x, y int) int { return strings.Compare(keys[x], keys[y]) })
	o := &searchOrder{indexer: ix, slot: make(map[*site.Page]int, len(pages)), keys: make([]string, len(pages)),
		pending: make([][]search.Doc, len(pages)), filled: make([]bool, len(pages))}
	o.done = sync.NewCond(&o.mu)
	for pos, i := range order {
		o.slot[pages[i]] = pos
		o.keys[pos] = keys[i]
	}
	return o
}

// deliver indexes docs, the search docs of p (none: p only fills its
// slot), once the pages before p are indexed.
func (o *searchOrder) deliver(p *site.Page, docs []search.Doc) {
	pos, ok := o.slot[p]
	if !ok || len(docs) > 0 && docs[0].URL != o.keys[pos] {
		// Not a page newSearchOrder foresaw: Files sorts it into place.
		if len(docs) > 0 {
			o.indexer.Add(docs[0].URL, docs)
		}
		return
	}
	o.mu.Lock()
	o.pending[pos], o.filled[pos] = docs, true
	if o.committing || pos != o.next {
		o.mu.Unlock()
		return
	}
	o.committing = true
	for o.next < len(o.filled) && o.filled[o.next] {
		docs, key := o.pending[o.next], o.keys[o.next]
		o.pending[o.next] = nil
		o.next++
		o.mu.Unlock()
		if len(docs) > 0 {
			o.indexer.Add(key, docs)
		}
		o.mu.Lock()
	}
	o.committing = false
	o.done.Broadcast()
	o.mu.Unlock()
}

// flush indexes the pages left in slots behind one never delivered
// (rendering stopped), once no worker indexes any more.
func (o *searchOrder) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for o.committing {
		o.done.Wait()
	}
	for ; o.next < len(o.filled); o.next++ {
		if docs := o.pending[o.next]; len(docs) > 0 {
			o.indexer.Add(o.keys[o.next], docs)
			o.pending[o.next] = nil
		}
	}
}

// glossaryEntries cuts a section of the glossary page at its terms: each
// entry becomes a section of its own, headed by its term (the terms of a
// shared definition, joined) and linked to its <dt>, so that a search for
// a term finds its definition and shows it, where the glossary as one long
// section showed its first lines and, being long, ranked low. A term's
// <dt> is a line of the section's text (package markdown ends each block
// with one), the same text as blocks.ParseGlossary reads from the same
// Markdown, with the ids the page has; terms come in that order. Text
// before the first term stays under the section's own heading and
// anchor. It returns the terms still to find, in later sections (a term
// not found, such as a trainer's term in the trainers' edition, leaves its
// lines to the entry before it).
func glossaryEntries(d search.Doc, terms []blocks.Term) ([]search.Doc, []blocks.Term) {
	var entries []search.Doc
	current, text := d, []string(nil)
	headed := false // current is an entry whose definition has not begun
	flush := func() {
		current.Text = strings.TrimSpace(strings.Join(text, "\n"))
		if current.Text != "" || current.Section != "" || current.Anchor != "" {
			entries = append(entries, current)
		}
		text = nil
	}
	for line := range strings.SplitSeq(d.Text, "\n") {
		term := strings.Join(strings.Fields(line), " ")
		found := -1
		if term != "" {
			found = slices.IndexFunc(terms, func(t blocks.Term) bool { return t.Term == term })
		}
		if found < 0 {
			headed = headed && strings.TrimSpace(line) == ""
			text = append(text, line)
			continue
		}
		if headed {
			current.Section += ", " + terms[found].Term // another term of the same definition
		} else {
			flush()
			current = d
			current.Anchor, current.Section = terms[found].ID, terms[found].Term
			headed = true
		}
		terms = terms[found+1:]
	}
	flush()
	return entries, terms
}

func docsDigest(docs []search.Doc) digest {
	h := newHasher("docs")
	for _, d := range docs {
		h.str(d.URL)
		h.str(d.Anchor)
		h.str(d.Title)
		h.str(d.Section)
		h.str(d.Text)
		h.str(d.Lang)
		h.str(d.Dir)
	}
	return h.sum()
}

// printPrefix is put before the ids of a lesson on its module's printable
// page, so that lessons joined on one page keep unique ids.
func printPrefix(lesson *site.Page) string {
	prefix := markdown.Slug(lesson.Source.Name())
	if prefix == "" {
		prefix = "lesson"
	}
	return prefix
}

func (b *builder) printSection(lesson *site.Page, html string) layout.PrintSection {
	ps := layout.PrintSection{Title: lesson.Title, ID: printPrefix(lesson), Content: template.HTML(html),
		Duration: lesson.Source.FM.Duration, Objectives: lesson.Source.FM.Objectives, Keypoints: lesson.Source.FM.Keypoints}
	if lesson.Fallback {
		ps.ContentLang, ps.ContentDir = b.defLang.Code, b.defLang.Dir
	}
	return ps
}

func (b *builder) renderPrint(plan *langPlan, sec *site.Page, intro printPart, parts []printPart) error {
	from := site.PrintPath(sec)
	e := &pageEntry{}
	if b.inc != nil {
		h := newHasher("print page")
		h.dig(b.inc.dataKey(b, sec, from))
		h.dig(intro.key)
		for _, part := range parts {
			h.dig(part.key)
		}
		e.dataKey = h.sum()
		if prev := b.inc.previous("print:" + from + "\x00" + sec.Source.File); prev != nil && prev.dataKey == e.dataKey {
			e.reuseOutputs(b, prev)
		}
	}
	if !e.reused {
		if b.inc != nil {
			b.inc.rendered.Add(1)
		}
		e.css, e.js = b.cssPath, b.jsPath
		sections := make([]layout.PrintSection, len(parts))
		for i, part := range parts {
			sections[i] = part.section
		}
		d := b.pageData(plan, sec, from)
		d.Kind = "print"
		d.Sections = sections
		d.Content = intro.section.Content
		if hasCode(string(d.Content)) || slices.ContainsFunc(sections, func(s layout.PrintSection) bool { return hasCode(string(s.Content)) }) {
			d.CodeCSS = d.Rel(b.codeCSSPath)
		}
		d.TOC = nil
		d.Prev, d.Next = nil, nil
		d.Canonical = ""
		d.Alternates = nil
		d.Breadcrumbs = append(d.Breadcrumbs, layout.Link{Title: sec.Title, URL: d.Rel(sec.Path)})
		diags := &diag.List{}
		if out, ok := b.execute(plan, "print", d, diags); ok {
			e.outputs = []outFile{{from + "index.html", out}}
		}
		e.diags = diags.Items()
	}
	if b.inc != nil {
		b.inc.remember("print:"+from+"\x00"+sec.Source.File, e)
	}
	return b.putEntry(e)
}

// render404 renders a language's "page not found" page: <lang>/404.html,
// for a server (the live preview, Cloudflare Pages, nginx with a location
// per language) to answer a missing URL under that language with, and
// the first rendered language's also as the site's 404.html. An offline
// copy has no server, and only the site's one.
func (b *builder) render404(plan *langPlan) error {
	var names []string
	if plan.lang.Code == b.rendered[0].Code {
		names = append(names, "404.html")
	}
	if !b.opts.Offline {
		names = append(names, plan.lang.Code+"/404.html")
	}
	if len(names) == 0 {
		return nil
	}
	key := "404:" + plan.lang.Code
	e := &pageEntry{}
	if b.inc != nil {
		h := newHasher("404")
		h.dig(b.inc.dataKey(b, plan.lang.Home, ""))
		h.str(strings.Join(names, " "))
		e.dataKey = h.sum()
		if prev := b.inc.previous(key); prev != nil && prev.dataKey == e.dataKey {
			e.reuseOutputs(b, prev)
		}
	}
	if !e.reused {
		if b.inc != nil {
			b.inc.rendered.Add(1)
		}
		e.css, e.js = b.cssPath, b.jsPath
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
			d.CSS, d.JS, d.SearchJS = d.Rel(b.cssPath), d.Rel(b.jsPath), d.Rel(b.searchJSPath)
			d.Nav = b.nav(plan.lang, nil, d)
			d.NavHTML = layout.RenderNav(d.Nav, plan.doneLabel, layout.FallbackLangAttrs(b.defLang.Code, b.defLang.Dir))
			d.Languages = b.switcher(plan.lang.Home, d)
			if plan.lang.Glossary != nil {
				d.GlossaryURL = d.Rel(plan.lang.Glossary.Path)
			}
			// Each language's own 404 page, for a server that answers
			// every missing URL with the site's one (in the first
			// language): the theme's script sends a reader who mistyped
			// a URL under /ar/ to the Arabic page.
			// Absolute under a full baseURL, as every page's alternates.
			if len(b.rendered) > 1 {
				for _, lc := range b.rendered {
					u := d.Rel(lc.Code + "/404.html")
					if strings.Contains(b.cfg.BaseURL, "://") {
						u = b.cfg.BaseURL + lc.Code + "/404.html"
					}
					d.Alternates = append(d.Alternates, layout.Alternate{Lang: lc.Code, URL: u})
				}
			}
		}
		diags := &diag.List{}
		if out, ok := b.execute(plan, "404", d, diags); ok {
			for _, name := range names {
				e.outputs = append(e.outputs, outFile{name, out})
			}
		}
		e.diags = diags.Items()
	}
	if b.inc != nil {
		b.inc.remember(key, e)
	}
	return b.putEntry(e)
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

// execute renders d with the template of kind. A template that fails is
// reported to diags and gives no file.
func (b *builder) execute(plan *langPlan, kind string, d *layout.Data, diags *diag.List) ([]byte, bool) {
	buf := &bytes.Buffer{}
	if b.reuseOutputs && b.inc == nil {
		if v := b.outputBuffers.Get(); v != nil {
			buf = v.(*bytes.Buffer)
		}
	}
	size := len(d.Content) + d.NavSize() + 8<<10
	for _, s := range d.Sections {
		size += len(s.Content) + 1<<10 // a printable page: each lesson and its header
	}
	buf.Grow(size)
	if err := plan.templates.Execute(buf, kind, d); err != nil {
		// At the template: the same message from every page that fails
		// there is one message.
		diags.Add(layout.TemplateError(err, "layouts/"+kind+".html"))
		return nil, false
	}
	return buf.Bytes(), true
}

// checkAnchors reports links to headings that do not exist to diags.
func (b *builder) checkAnchors(diags *diag.List) {
	// Headings a translation lost, by its file and the anchor: each is
	// told once, naming the first page (by file name, so that every build
	// says the same) of those whose links need it.
	type lost struct {
		a      anchorRef
		t, src *site.Page
	}
	losts := map[string]lost{}
	for _, a := range b.anchors {
		ids, ok := b.ids[a.target]
		if !ok || ids[a.anchor] {
			continue
		}
		if t, src := b.lostAnchor(a); t != nil {
			// The translation dropped or translated the heading id its
			// source has: the translator, not the link's author, can mend it.
			key := t.Source.File + "#" + a.anchor
			if l, seen := losts[key]; !seen || a.from.File < l.a.from.File {
				losts[key] = lost{a, t, src}
			}
			continue
		}
		line, col := 0, 0
		body, _ := b.body(a.from) // no position if the file cannot be read
		if i := bytes.Index(body, []byte(a.dest)); i >= 0 {
			line, col = diag.Position(body, i)
			line += a.from.BodyLine
		}
		// Sorted: of two ids as near, the same one every build.
		hint := diag.DidYouMean(a.anchor, slices.Sorted(maps.Keys(ids)))
		if hint == "" {
			hint = "link to a heading that exists on that page"
		}
		diags.Add(diag.Diagnostic{File: a.from.File, Line: line, Col: col, Severity: diag.Warning, Code: "broken-anchor",
			Message: fmt.Sprintf("link %s: no heading #%s on that page", a.dest, a.anchor), Hint: hint})
	}
	for _, key := range slices.Sorted(maps.Keys(losts)) {
		l := losts[key]
		diags.Add(b.lostAnchorDiag(l.a, l.t, l.src, b.ids[l.a.target]))
	}
}

// lostAnchor returns the translation a's link lands on and its source,
// when the source has the heading a links to and the translation has
// not; nil otherwise.
func (b *builder) lostAnchor(a anchorRef) (t, src *site.Page) {
	code, _, _ := strings.Cut(a.target, "/")
	l := b.site.Lang(code)
	if l == nil || code == b.cfg.DefaultLanguage {
		return nil, nil
	}
	t = l.PageByPath(a.target)
	if t == nil || t.Fallback || t.Source == nil || t.Group == nil {
		return nil, nil
	}
	src = t.Group.Pages[b.cfg.DefaultLanguage]
	if src == nil || src.Fallback || src.Source == nil || !b.ids[src.Path][a.anchor] {
		return nil, nil
	}
	return t, src
}

// lostAnchorDiag tells the translator of t to give back the heading id
// its source src has and a's link needs, at the heading that probably
// translates it.
func (b *builder) lostAnchorDiag(a anchorRef, t, src *site.Page, ids map[string]bool) diag.Diagnostic {
	d := diag.Diagnostic{File: t.Source.File, Severity: diag.Warning, Code: "broken-anchor",
		Message: fmt.Sprintf("no heading #%s: %s links to it, and the source, %s, has it", a.anchor, a.from.File, src.Source.File)}
	// Sorted: of two ids as near, the same one every build.
	known := slices.Sorted(maps.Keys(ids))
	d.Hint = fmt.Sprintf("end the heading that translates it with {#%s}: a heading keeps its source's id in every language, so links work in all of them", a.anchor)
	// The translated id, when the translator wrote it: a heading's own
	// id (from its words) is in no {#…} to replace.
	if meant := diag.Suggest(a.anchor, known); meant != "" {
		if body, err := b.body(t.Source); err == nil {
			if i := bytes.Index(body, []byte("{#"+meant+"}")); i >= 0 {
				d.Hint = fmt.Sprintf("write {#%s} instead of {#%s}: a heading keeps its source's id in every language, so links work in all of them", a.anchor, meant)
				d.Line, d.Col = diag.Position(body, i)
				d.Line += t.Source.BodyLine
			}
		}
	}
	return d
}

func (b *builder) writeSearch() error {
	if b.inc != nil {
		for _, l := range b.rendered {
			if err := b.inc.search(b, l.Code); err != nil {
				return err
			}
		}
		return nil
	}
	for _, l := range b.rendered {
		b.mu.Lock()
		built := b.searchWritten[l.Code]
		b.mu.Unlock()
		if !built {
			// Rendering stopped early (a template error): build it here.
			if err := b.buildSearch(l.Code); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildSearch builds the index of lang, whose pages were indexed as they
// were rendered. A full build writes it at once, so that only one
// language's index files are held at a time.
func (b *builder) buildSearch(lang string) error {
	if o := b.searchOrders[lang]; o != nil {
		o.flush()
	}
	files, err := b.indexers[lang].Files()
	if err != nil {
		return fmt.Errorf("search index for %s: %w", lang, err)
	}
	b.mu.Lock()
	b.searchWritten[lang] = true
	b.mu.Unlock()
	for _, f := range files {
		if err := b.sink.Put(f.Path, f.Data); err != nil {
			return err
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
