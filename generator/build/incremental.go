package build

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/layout"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/generator/search"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/fieldguide/fieldguide/layouts"
)

// Incremental builds one course again and again, for the live preview:
// after an edit it re-renders only the pages whose inputs changed.
//
// # What it promises
//
// After Build and then Finish, Output holds exactly the files, byte for
// byte, that Build(ctx, opts, sink) writes for the course as it is on disk
// at that moment. TestIncrementalMatchesClean edits a course in many ways
// and checks this after each edit.
//
// # How
//
// It keeps the course's files in memory (a snapshot refreshed path by
// path), each file's parsed front matter, and for every page the digests
// of its inputs with what rendering them gave. Each Build refreshes the
// paths it is told about, rebuilds the cheap model (config, site tree)
// completely, and then, page by page:
//
//   - the content key (source bytes, converter, glossary, place) and the
//     answers its links got decide whether its Markdown is converted again;
//   - the data key (what the page shows of other pages: the module tree,
//     the language's module list, neighbours, translations, outdated
//     status) decides whether its templates are executed again.
//
// Files not produced any more disappear because every Build collects a
// complete new file set. The search index is the slow part of a build;
// Build keeps a language's previous index when its text is unchanged and
// otherwise leaves it to Finish, so the edited page is served first.
//
// Methods are safe for concurrent use; builds run one at a time.
type Incremental struct {
	opts Options

	mu     sync.Mutex
	loaded bool
	snap   *snapshot
	parsed map[string]*parsedSource
	// stopped are the inputs of builds that were stopped before they
	// finished: the snapshot has them already, so the next build would
	// not see them change, but its Update names them.
	stopped map[string]bool

	cfgKey   digest
	cfg      *config.Config
	cfgDiags []diag.Diagnostic

	// themeKey names the course's layouts/ files that are read as
	// templates or UI strings; stringsKey the UI strings alone.
	themeKey   digest
	stringsKey digest
	catalog    *i18n.Catalog
	theme      *layout.Theme
	themeDiags []diag.Diagnostic
	tmpl       map[string]*parsedTemplates

	pages map[string]*pageEntry

	// walked is each language's content walk, reused while nothing under
	// content/<lang>/ changed (contentGen counts those changes).
	walked     map[string]*walkedLang
	contentGen map[string]int

	sitemapKey  digest
	sitemapData []byte

	// searchFiles are each language's index in out, with the digest of
	// the docs it was built from; pending are the languages whose docs
	// changed since, waiting for Finish.
	searchFiles map[string]searchIndex
	pending     map[string]*searchJob

	out *Output
	seq uint64

	// last is the previous build that ran to its end, for the fast path;
	// fastParsed are the parses fastSources made, for fastBuild to keep.
	last       *lastBuild
	fastParsed []*parsedSource
}

type parsedTemplates struct {
	templates *layout.Templates
	diags     []diag.Diagnostic
}

type searchIndex struct {
	key   digest
	files []search.File
}

type searchJob struct {
	lang string
	key  digest
	// pages are the language's pages' docs, in site order.
	pages []pageDocs
}

// Output is one complete built site in memory. It is never changed once
// returned; a rebuild makes a new one sharing the unchanged files' bytes.
type Output struct {
	// Seq increases with every Output an Incremental returns.
	Seq   uint64
	Files map[string][]byte
}

// Update says what one Build or Finish did.
type Update struct {
	// Result holds the build's diagnostics (the errors, when it failed).
	Result *Result
	// Err is set when the build failed: *diag.Errors for mistakes in the
	// course, context.Canceled when a newer edit stopped it, or another
	// error. The previous Output stays the one to serve.
	Err error
	// Output is the new site; nil when Err is set.
	Output *Output
	// Changed and Removed are the output files that differ from the
	// previous Output, sorted.
	Changed, Removed []string
	// Inputs are the course files whose presence or bytes changed.
	Inputs []string
	// SearchPending is true when some language's search index in Output
	// is older than its pages; Finish brings it up to date.
	SearchPending bool
	// Converted counts the pages whose Markdown was converted, Rendered
	// the pages whose templates were executed; the others were reused.
	Converted, Rendered int
	// Fast is set when only the edited pages' sections were looked at.
	Fast     bool
	Duration time.Duration
}

// NewIncremental prepares incremental builds of opts.FS. Nothing is read
// before the first Build.
func NewIncremental(opts Options) (*Incremental, error) {
	if opts.Audience == "" {
		opts.Audience = "participant"
	}
	if opts.Audience != "participant" && opts.Audience != "trainer" {
		return nil, fmt.Errorf("audience must be participant or trainer, not %q", opts.Audience)
	}
	return &Incremental{
		opts: opts, snap: newSnapshot(opts.FS), parsed: map[string]*parsedSource{},
		pages: map[string]*pageEntry{}, walked: map[string]*walkedLang{}, contentGen: map[string]int{}, searchFiles: map[string]searchIndex{}, pending: map[string]*searchJob{},
	}, nil
}

// Build brings the site up to date. changed names the course paths
// (slash-separated, relative to the course folder) known to have changed
// since the previous Build; files and folders under them are read again.
// With changed nil, the whole course is compared with the snapshot by size
// and time. The first Build reads everything.
func (inc *Incremental) Build(ctx context.Context, changed []string) *Update {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	start := time.Now()
	var inputs map[string]bool
	switch {
	case !inc.loaded:
		inputs = inc.snap.update(trackedRoots, true)
		inc.loaded = true
	case changed == nil:
		inputs = inc.snap.update(diff(inc.snap.disk, inc.snap.view()), true)
	default:
		inputs = inc.snap.update(changed, true)
	}
	for p := range inputs {
		if rest, ok := strings.CutPrefix(p, "content/"); ok {
			lang, _, _ := strings.Cut(rest, "/")
			inc.contentGen[lang]++
		}
	}
	if inputs == nil {
		inputs = map[string]bool{}
	}
	maps.Copy(inputs, inc.stopped)
	u := &Update{Inputs: slices.Sorted(maps.Keys(inputs))}
	defer func() {
		inc.stopped = nil
		if ctx.Err() != nil {
			inc.stopped = inputs
		}
	}()
	var (
		b    *builder
		ib   *incBuild
		sink *mapSink
	)
	inc.fastParsed = nil
	if repl := inc.fastSources(u.Inputs); repl != nil {
		b, ib, sink, u.Result, u.Err = inc.fastBuild(ctx, repl)
		u.Fast = true
	} else {
		ib = &incBuild{inc: inc, fsys: memFS{inc.snap}, prev: inc.pages, next: make(map[string]*pageEntry, len(inc.pages)),
			pending: map[string]*searchJob{}}
		sink = &mapSink{files: make(map[string][]byte, len(inc.pageFiles()))}
		b = &builder{opts: inc.opts, diags: &diag.List{}, sink: &countingSink{Sink: sink}, fsys: ib.fsys, inc: ib}
		u.Result, u.Err = finishRun(ctx, b)
	}
	u.Duration = time.Since(start)
	u.Converted, u.Rendered = int(ib.converted.Load()), int(ib.rendered.Load())
	// The model of an Incremental changes with later builds (fastBuild):
	// it is not handed out.
	u.Result.Site, u.Result.Sources = nil, nil
	u.Result.Files = len(sink.files)
	// Entries are keyed by their inputs, so those of a failed or stopped
	// build are as good as any; a complete pass also drops the entries of
	// pages that are gone.
	if ib.complete {
		inc.pages = ib.next
	} else {
		maps.Copy(inc.pages, ib.next)
	}
	prevLast := inc.last
	if ib.finished && ctx.Err() == nil {
		inc.last = &lastBuild{b: b, ib: ib, files: sink.files}
	} else {
		inc.last = nil
	}
	if u.Err == nil && ctx.Err() != nil {
		u.Err = ctx.Err()
	}
	if u.Err != nil {
		return u
	}
	inc.pending = ib.pending
	inc.seq++
	next := &Output{Seq: inc.seq, Files: sink.files}
	if u.Fast && inc.out != nil && prevLast.out == inc.out {
		// The files are the previous build's but for those put again.
		u.Changed, u.Removed = diffPut(inc.out, next, sink.put, prevLast.ib.searchPaths)
	} else {
		u.Changed, u.Removed = diffFiles(inc.out, next)
	}
	u.Output = next
	u.SearchPending = len(inc.pending) > 0
	inc.out = next
	if inc.last != nil {
		inc.last.out = next
	}
	return u
}

// Finish builds the search indexes that Build left pending, and returns
// the Output with them (nil when there was nothing to do, or when newer
// builds made the work moot). A Build may run while it works: the index
// is built outside the lock and only installed if its docs are still the
// latest.
func (inc *Incremental) Finish(ctx context.Context) (*Update, error) {
	inc.mu.Lock()
	jobs := slices.SortedFunc(maps.Values(inc.pending), func(a, b *searchJob) int { return strings.Compare(a.lang, b.lang) })
	inc.mu.Unlock()
	if len(jobs) == 0 {
		return nil, nil
	}
	start := time.Now()
	built := map[*searchJob][]search.File{}
	for _, job := range jobs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var docs []search.Doc
		for _, p := range job.pages {
			docs = append(docs, p.docs...)
		}
		files, err := search.Build(job.lang, docs)
		if err != nil {
			return nil, fmt.Errorf("search index for %s: %w", job.lang, err)
		}
		built[job] = files
	}
	inc.mu.Lock()
	defer inc.mu.Unlock()
	if inc.out == nil {
		return nil, nil
	}
	files := maps.Clone(inc.out.Files)
	installed := false
	for job, index := range built {
		if inc.pending[job.lang] != job {
			continue
		}
		for _, f := range inc.searchFiles[job.lang].files {
			delete(files, f.Path)
		}
		for _, f := range index {
			files[f.Path] = f.Data
		}
		inc.searchFiles[job.lang] = searchIndex{key: job.key, files: index}
		delete(inc.pending, job.lang)
		installed = true
	}
	if !installed {
		return nil, nil
	}
	inc.seq++
	next := &Output{Seq: inc.seq, Files: files}
	u := &Update{Output: next, SearchPending: len(inc.pending) > 0, Duration: time.Since(start)}
	u.Changed, u.Removed = diffFiles(inc.out, next)
	inc.out = next
	return u, nil
}

// SearchPending reports whether some language's search index is older
// than its pages (Finish brings it up to date).
func (inc *Incremental) SearchPending() bool {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	return len(inc.pending) > 0
}

// Scan compares the course on disk with what the last Build read and
// lists the paths that differ: changes a file watcher missed. The disk is
// read without holding up builds.
func (inc *Incremental) Scan() []string {
	inc.mu.Lock()
	if !inc.loaded {
		inc.mu.Unlock()
		return nil
	}
	view := inc.snap.view()
	inc.mu.Unlock()
	return diff(inc.snap.disk, view)
}

// Output is the last successful build, or nil before the first one.
func (inc *Incremental) Output() *Output {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	return inc.out
}

// ReadSource returns a course file's bytes as the last Build read them
// (for showing the lines a message is about).
func (inc *Incremental) ReadSource(name string) ([]byte, bool) {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	if e := inc.snap.entries[name]; e != nil && e.mode.IsRegular() {
		return e.data, true
	}
	return nil, false
}

func (inc *Incremental) pageFiles() map[string][]byte {
	if inc.out == nil {
		return nil
	}
	return inc.out.Files
}

// finishRun runs a builder and turns its messages into the error Build
// returns.
func finishRun(ctx context.Context, b *builder) (*Result, error) {
	res, err := b.run(ctx)
	if b.opts.Strict {
		b.diags.Strict(b.opts.Allow...)
	}
	if res == nil {
		res = &Result{}
	}
	res.Diagnostics = b.diags.Items()
	res.Files = b.sink.count()
	if err != nil {
		return res, err
	}
	if err := b.diags.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// diffFiles lists the files of next that are new or different from prev,
// and those of prev that next lacks.
func diffFiles(prev, next *Output) (changed, removed []string) {
	var old map[string][]byte
	if prev != nil {
		old = prev.Files
	}
	for name, data := range next.Files {
		if o, ok := old[name]; !ok || !sameBytes(o, data) {
			changed = append(changed, name)
		}
	}
	for name := range old {
		if _, ok := next.Files[name]; !ok {
			removed = append(removed, name)
		}
	}
	sort.Strings(changed)
	sort.Strings(removed)
	return changed, removed
}

func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// diffPut is diffFiles for a next made from prev's files by putting some
// again and dropping some of them (the previous search index): only those
// can differ.
func diffPut(prev, next *Output, put, dropped []string) (changed, removed []string) {
	seen := map[string]bool{}
	for _, name := range put {
		if seen[name] {
			continue
		}
		seen[name] = true
		if o, ok := prev.Files[name]; !ok || !sameBytes(o, next.Files[name]) {
			changed = append(changed, name)
		}
	}
	for _, name := range dropped {
		if _, ok := next.Files[name]; !ok {
			removed = append(removed, name)
		}
	}
	sort.Strings(changed)
	sort.Strings(removed)
	return changed, removed
}

// mapSink collects a build's files; with track, it also lists the names put.
type mapSink struct {
	mu    sync.Mutex
	files map[string][]byte
	track bool
	put   []string
}

func (s *mapSink) Put(name string, data []byte) error {
	if err := output.CheckPath(name); err != nil {
		return err
	}
	s.mu.Lock()
	s.files[name] = data
	if s.track {
		s.put = append(s.put, name)
	}
	s.mu.Unlock()
	return nil
}

// incBuild is one Build of an Incremental: the builder's view of what the
// previous build left and what this one keeps.
type incBuild struct {
	inc        *Incremental
	fsys       memFS
	parsedNext map[string]*parsedSource
	sg         *signatures
	// changed are the entries a fast build remembered; agg is what the
	// build gathered from all entries.
	changed map[string]*pageEntry
	agg     *aggregate
	// complete is set when every page was rendered (or reused), finished
	// when the whole build ran to its end.
	complete, finished bool
	// fast is set for a build that re-rendered only the sections of
	// edited pages (see fastBuild).
	fast bool
	// base are the build's messages but those of pages and anchors, for
	// the next fast build; searchPaths the search files it put.
	base        []diag.Diagnostic
	searchPaths []string
	rootPages   int
	// converted and rendered count the work done, for Update.
	converted, rendered atomic.Int64

	prev    map[string]*pageEntry
	mu      sync.Mutex
	next    map[string]*pageEntry
	pending map[string]*searchJob
}

// pageEntry is what rendering one page (or a printable or 404 page) gave,
// with the keys of its inputs.
type pageEntry struct {
	contentKey, dataKey, printKey digest
	conv                          *converted
	outputs                       []outFile
	// diags are the messages of executing its templates.
	diags  []diag.Diagnostic
	docs   []search.Doc
	docSum digest
	// css and js are the asset paths the outputs link to.
	css, js string
	reused  bool
	// lang, path and fallback are those of the page (not set for
	// printable and 404 pages, which have no conversion).
	lang, path string
	fallback   bool
}

// pageKey is the key of a page's entry. Two pages may claim one URL (a
// mistake the build reports); the source file tells them apart.
func pageKey(p *site.Page) string { return "page:" + p.Path + "\x00" + p.Source.File }

// reuseOutputs takes prev's rendered files. When the stylesheet or script
// changed since, the only difference a fresh render would make is their
// fingerprinted names in the links, so those are replaced rather than the
// page rendered again: a CSS edit then costs a replace per page instead
// of a whole build. (It assumes no page's text contains the old
// fingerprinted name itself.)
func (e *pageEntry) reuseOutputs(b *builder, prev *pageEntry) {
	e.outputs, e.diags, e.docs, e.docSum, e.css, e.js = prev.outputs, prev.diags, prev.docs, prev.docSum, prev.css, prev.js
	e.reused = true
	if e.css == b.cssPath && e.js == b.jsPath {
		return
	}
	outputs := make([]outFile, len(e.outputs))
	for i, f := range e.outputs {
		data := f.data
		if e.css != b.cssPath {
			data = bytes.ReplaceAll(data, []byte(e.css), []byte(b.cssPath))
		}
		if e.js != b.jsPath {
			data = bytes.ReplaceAll(data, []byte(e.js), []byte(b.jsPath))
		}
		outputs[i] = outFile{f.name, data}
	}
	e.outputs, e.css, e.js = outputs, b.cssPath, b.jsPath
}

// previous is the entry the previous build made under key, to reuse. A
// page with a broken link is not reused once pages or files were added,
// removed or moved (the resolve signature): the link's message suggests
// the nearest page or file (SuggestLink), an answer its recorded linkDep
// does not hold, so linksHold cannot tell that the suggestion changed.
// Such a page fails the build; converting it again costs nothing that
// matters.
func (ib *incBuild) previous(key string) *pageEntry {
	e := ib.prev[key]
	if e != nil && e.conv != nil && e.conv.resolve != ib.sg.resolve &&
		slices.ContainsFunc(e.conv.links, func(l linkDep) bool { return !l.ok && l.leftOut == "" }) {
		return nil
	}
	return e
}

func (ib *incBuild) remember(key string, e *pageEntry) {
	ib.mu.Lock()
	ib.next[key] = e
	if ib.fast {
		ib.changed[key] = e
	}
	ib.mu.Unlock()
}

// config reuses the previous configuration while site.yaml and the list
// of language folders are unchanged.
func (ib *incBuild) config(b *builder) *config.Config {
	inc := ib.inc
	h := newHasher("config")
	if e := inc.snap.entries[config.File]; e != nil {
		h.int(int(e.mode))
		h.dig(e.sum)
	}
	if e := inc.snap.entries["content"]; e != nil {
		for _, name := range e.children {
			h.str(name)
			if c := inc.snap.entries["content/"+name]; c != nil {
				h.int(int(c.mode))
			}
		}
	}
	key := h.sum()
	if inc.cfg == nil || key != inc.cfgKey {
		list := &diag.List{}
		inc.cfg = config.Load(ib.fsys, list)
		inc.cfgKey, inc.cfgDiags = key, list.Items()
	}
	for _, d := range inc.cfgDiags {
		b.diags.Add(d)
	}
	cfg := *inc.cfg
	return &cfg
}

// theme reuses the UI strings and templates while the course's layouts/
// (but for its stylesheets and scripts) and the languages are unchanged.
func (ib *incBuild) theme(b *builder, codes []string) {
	inc := ib.inc
	h := newHasher("theme")
	h.strs(codes)
	uiStrings := newHasher("strings")
	uiStrings.strs(codes)
	var names []string
	for name, e := range inc.snap.entries {
		if strings.HasPrefix(name, "layouts/") && !e.isDir() && !isAssetSource(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		e := inc.snap.entries[name]
		h.str(name)
		h.int(int(e.mode))
		h.dig(e.sum)
		if strings.HasPrefix(name, "layouts/i18n/") {
			uiStrings.str(name)
			uiStrings.int(int(e.mode))
			uiStrings.dig(e.sum)
		}
	}
	key := h.sum()
	inc.stringsKey = uiStrings.sum()
	if inc.catalog == nil || key != inc.themeKey {
		list := &diag.List{}
		inc.catalog = i18n.Load(layouts.FS, b.siteFS, codes, list)
		inc.theme = layout.LoadTheme(layouts.FS, b.siteFS, list)
		inc.themeKey, inc.themeDiags = key, list.Items()
		inc.tmpl = map[string]*parsedTemplates{}
	}
	for _, d := range inc.themeDiags {
		b.diags.Add(d)
	}
	b.catalog, b.theme = inc.catalog, inc.theme
}

// isAssetSource reports whether a course file is concatenated into the
// stylesheet or script rather than read as a template.
func isAssetSource(name string) bool {
	return (strings.HasPrefix(name, "layouts/assets/css/") || strings.HasPrefix(name, "layouts/assets/js/")) &&
		!strings.HasSuffix(name, ".html")
}

func (ib *incBuild) templates(code string, diags *diag.List) *layout.Templates {
	inc := ib.inc
	t := inc.tmpl[code]
	if t == nil {
		list := &diag.List{}
		t = &parsedTemplates{templates: inc.theme.Parse(inc.catalog, code, list), diags: list.Items()}
		inc.tmpl[code] = t
	}
	for _, d := range t.diags {
		diags.Add(d)
	}
	return t.templates
}

// signatures computes this build's signatures, before pages are rendered.
func (ib *incBuild) signatures(b *builder) {
	h := newHasher("options")
	o := b.opts
	h.str(o.Audience)
	h.bool(o.Drafts)
	h.bool(o.Offline)
	h.strs(o.Languages)
	h.str(o.BaseURL)
	h.str(o.BuildDate.UTC().Format(time.RFC3339Nano))
	h.str(o.Version)
	cfg, _ := json.Marshal(b.cfg)
	h.bytes(cfg)
	for _, l := range b.rendered {
		h.str(l.Code)
	}
	options := h.sum()
	global, convert := newHasher("global"), newHasher("convert")
	global.dig(options)
	global.dig(ib.inc.themeKey)
	convert.dig(options)
	convert.dig(ib.inc.stringsKey)
	sources := map[*content.Source]digest{}
	for _, l := range b.site.Langs {
		for _, p := range l.Pages {
			if _, done := sources[p.Source]; !done {
				sources[p.Source] = ib.sourceDigest(b.site, p.Source)
			}
		}
	}
	ib.sg = b.computeSignatures(global.sum(), convert.sum(), sources)
}

// sourceDigest names a source: where it is, its bytes and the files s
// copies beside it.
func (ib *incBuild) sourceDigest(s *site.Site, src *content.Source) digest {
	h := newHasher("source")
	h.str(src.File)
	h.str(src.Lang)
	h.str(src.Rel)
	h.int(int(src.Kind))
	h.strs(s.Files(src))
	if ps := ib.parsedNext[src.File]; ps != nil {
		h.dig(ps.sum)
	}
	// The images beside it: their sizes are written into its HTML.
	for _, r := range src.Resources {
		if sizedImage(r) {
			if e := ib.inc.snap.entries["content/"+src.Lang+"/"+r]; e != nil {
				h.dig(e.sum)
			}
		}
	}
	return h.sum()
}

func (ib *incBuild) pageKeys(b *builder, plan *langPlan, p *site.Page) (contentKey, dataKey digest) {
	return b.contentKey(ib.sg, plan, p), b.dataKey(ib.sg, p, p.Path)
}

// dataKey names what a printable page or a 404 page shows besides the
// parts it is given. A module's printable page (at is its print path)
// shows its pages as converted for it, and their parts' keys (printKey)
// name their Markdown, not the answers their links got: when a page they
// link to moves (a slug, a rename) the lesson is converted again
// (linksHold) under the same key, and the printable page would keep the
// old link. So the key of a printable page also takes the answers the
// print links of its pages got in this build (renderPrint asks once they
// are all rendered).
func (ib *incBuild) dataKey(b *builder, p *site.Page, at string) digest {
	key := b.dataKey(ib.sg, p, at)
	if at == "" || at != site.PrintPath(p) {
		return key
	}
	h := newHasher("print links")
	h.dig(key)
	ib.mu.Lock()
	defer ib.mu.Unlock()
	for _, q := range append([]*site.Page{p}, p.Children...) {
		// The pages whose parts renderSection puts on p's printable page.
		if q != p && (q.IsSection() || q.Glossary) {
			continue
		}
		e := ib.next[pageKey(q)]
		if e == nil || e.conv == nil {
			continue
		}
		h.int(len(e.conv.printLinks))
		for _, l := range e.conv.printLinks {
			h.str(l.dest)
			h.str(l.url)
			h.bool(l.ok)
			h.str(l.leftOut)
		}
	}
	return h.sum()
}

// sitemap returns the previous sitemap while what it lists is unchanged,
// or nil for the builder to make one (which it keeps). On a nil incBuild
// (a one-off build) it returns nil.
func (ib *incBuild) sitemap(b *builder) []byte {
	if ib == nil || ib.sg == nil {
		return nil
	}
	inc := ib.inc
	if inc.sitemapData == nil || inc.sitemapKey != ib.sg.sitemap {
		inc.sitemapData, inc.sitemapKey = b.sitemap(), ib.sg.sitemap
	}
	return inc.sitemapData
}

// search puts a language's index when its docs are those of the previous
// index; otherwise it puts the previous index for now and leaves the new
// one to Finish. The docs are b.pageDocs[lang], in URL order, each page's
// docs together: what sorting all docs by URL, as a one-off build does,
// gives.
func (ib *incBuild) search(b *builder, lang string) error {
	key, ok := ib.agg.searchKey[lang]
	if !ok {
		pages := b.pageDocs[lang]
		h := newHasher("search")
		h.str(lang)
		for _, p := range pages {
			h.str(p.url)
			h.dig(p.sum)
		}
		key = h.sum()
		ib.agg.searchKey[lang] = key
	}
	index, ok := ib.inc.searchFiles[lang]
	if !ok || index.key != key {
		if job := ib.inc.pending[lang]; job != nil && job.key == key {
			ib.pending[lang] = job
		} else {
			ib.pending[lang] = &searchJob{lang: lang, key: key, pages: b.pageDocs[lang]}
		}
	}
	for _, f := range index.files {
		ib.searchPaths = append(ib.searchPaths, f.Path)
		if err := b.sink.Put(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// finishPages ends a build once its pages are rendered: it gathers what
// the pages' entries hold (messages, anchors, ids, search docs), checks
// anchors, writes the search index and the site's root pages.
func (ib *incBuild) finishPages(b *builder, res *Result) (*Result, error) {
	agg := ib.aggregate()
	b.ids, b.pages = agg.ids, agg.pages
	for _, docs := range agg.docs {
		if len(docs) > 0 {
			b.pageDocs[docs[0].lang] = docs
		}
	}
	pageDiags := &diag.List{}
	for _, items := range agg.diags {
		for _, d := range items {
			pageDiags.Add(d)
		}
	}
	for _, anchors := range agg.anchors {
		b.anchors = append(b.anchors, anchors...)
	}
	b.checkAnchors(pageDiags)
	if err := b.writeSearch(); err != nil {
		return res, err
	}
	if ib.fast {
		b.pages += ib.rootPages
	} else {
		before := b.pages
		if err := b.writeRootPages(nil); err != nil {
			return res, err
		}
		ib.rootPages = b.pages - before
	}
	ib.base = b.diags.Items()
	b.diags.Merge(pageDiags)
	res.Pages = b.pages
	ib.finished = true
	return res, nil
}
