package build

import (
	"bytes"
	"context"
	"maps"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/site"
	"golang.org/x/sync/errgroup"
)

// lastBuild is what the fast path starts from: the previous build that ran
// to its end (successful or not), its model and every file it made.
type lastBuild struct {
	b     *builder
	ib    *incBuild
	files map[string][]byte
	// out is the Output it gave, when it succeeded.
	out *Output
}

// The fast path handles the edit trainers make all day: the body of one
// or a few pages changes and nothing else, not even their front matter or
// first heading. The site model is then the previous one with those
// sources swapped, and only what shows a page's body can change: the page
// and its fallback copies, its module's printable page, the "outdated"
// notice of its translations, the search index and the anchor checks.
// So only the sections holding those pages are rendered again (each with
// the usual key checks), instead of checking four thousand pages' keys on
// a model rebuilt from scratch.
//
// Anything else, or any doubt, takes the full path.

// fastSources decides whether the changed inputs allow the fast path and
// returns the new source for each edited one (empty when the edits touch
// only files the build ignores), or nil for the full path.
func (inc *Incremental) fastSources(inputs []string) map[*content.Source]*content.Source {
	if inc.last == nil {
		return nil
	}
	ib := &incBuild{inc: inc}
	repl := map[*content.Source]*content.Source{}
	for _, p := range inputs {
		rest, ok := strings.CutPrefix(p, "content/")
		if !ok {
			return nil
		}
		lang, rel, ok := strings.Cut(rest, "/")
		if !ok {
			return nil
		}
		if ignoredByWalk(rel) {
			continue
		}
		w := inc.walked[lang]
		if w == nil || !strings.EqualFold(path.Ext(rel), ".md") {
			return nil
		}
		old := w.byFile()[p]
		e := inc.snap.entries[p]
		oldPS := w.parsed[p]
		if old == nil || e == nil || oldPS == nil || !e.mode.IsRegular() || e.size > content.MaxFileSize || old.IsGlossary() {
			return nil
		}
		ps := ib.parse(p, lang, rel, old.Kind, e.data, e.sum, oldPS)
		src := *old
		src.Body, src.BodyLine, src.ModTime, src.Size = ps.body, ps.bodyLine, e.modTime, e.size
		// Which files a page links to decides which files are withheld.
		if !ps.ok || !oldPS.ok || ps.hasFM != oldPS.hasFM || !reflect.DeepEqual(ps.fm, oldPS.fm) || ps.slugLine != oldPS.slugLine || ps.aliasLine != oldPS.aliasLine || ps.emptyLine != oldPS.emptyLine ||
			!reflect.DeepEqual(ps.diags, oldPS.diags) || content.FirstHeading(ps.body) != content.FirstHeading(oldPS.body) ||
			!slices.Equal(inc.last.b.site.FilesLinked(&src), inc.last.b.site.FilesLinked(old)) {
			return nil
		}
		if inc.untouchedChanges(old, &src) {
			return nil
		}
		repl[old] = &src
		inc.fastParsed = append(inc.fastParsed, ps)
	}
	return repl
}

// untouchedChanges reports whether src, the new version of old, changes
// whether a translation is its source's untouched copy
// (i18n.UntouchedCopy): that decides whether the translation's page is
// itself or its source shown untranslated, which is the model's to say.
func (inc *Incremental) untouchedChanges(old, src *content.Source) bool {
	def := inc.last.b.cfg.DefaultLanguage
	key := site.GroupKey(src)
	for lang, w := range inc.walked {
		if (lang == def) == (src.Lang == def) {
			continue // a translation of src is in another language than src
		}
		for _, other := range w.sources {
			if site.GroupKey(other) != key {
				continue
			}
			if src.Lang == def && i18n.UntouchedCopy(other, old) != i18n.UntouchedCopy(other, src) ||
				src.Lang != def && i18n.UntouchedCopy(old, other) != i18n.UntouchedCopy(src, other) {
				return true
			}
		}
	}
	return false
}

// sectionOf is the section whose rendering renders p.
func sectionOf(p *site.Page) *site.Page {
	if p.IsSection() || p.Parent == nil {
		return p
	}
	return p.Parent
}

// ignoredByWalk reports whether the content walk skips a path inside a
// language folder: it or a folder above it is hidden or an editor's file.
func ignoredByWalk(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") || content.IsEditorTemp(seg) {
			return true
		}
	}
	return false
}

// fastBuild renders the sections of the edited pages on the previous
// model. repl maps each edited page's previous source to its new one.
func (inc *Incremental) fastBuild(ctx context.Context, repl map[*content.Source]*content.Source) (*builder, *incBuild, *mapSink, *Result, error) {
	last := inc.last
	// The walk and parse caches learn the new sources, so that a later
	// full build finds them as a walk would make them.
	for old, src := range repl {
		w := inc.walked[src.Lang]
		i := slices.Index(w.sources, old)
		w.sources[i] = src
		w.files[src.File] = src
		w.gen = inc.contentGen[src.Lang]
	}
	for _, ps := range inc.fastParsed {
		inc.walked[ps.lang].parsed[ps.file] = ps
		inc.parsed[ps.file] = ps
	}
	inc.fastParsed = nil
	ib := &incBuild{inc: inc, fsys: memFS{inc.snap}, sg: last.ib.sg, parsedNext: inc.parsed,
		prev: inc.pages, next: maps.Clone(inc.pages), pending: map[string]*searchJob{},
		fast: true, rootPages: last.ib.rootPages, changed: map[string]*pageEntry{}}
	// The model changes in place: the previous build is over, and Update
	// hands out no model of an Incremental (Result.Site is nil).
	sections := map[*site.Page]bool{}
	for _, l := range last.b.site.Langs {
		for _, p := range l.Pages {
			src, ok := repl[p.Source]
			if !ok {
				continue
			}
			p.Source = src
			sections[sectionOf(p)] = true
			// A default-language body decides whether its translations
			// show the "outdated" notice (their fallback copies share the
			// source and are found by this loop).
			if p.Lang != last.b.cfg.DefaultLanguage || p.Fallback {
				continue
			}
			for _, q := range p.Group.Pages {
				if q != p && !q.Fallback && q.Source.FM.TranslatedFrom != "" {
					sections[sectionOf(q)] = true
				}
			}
		}
	}
	for old, src := range repl {
		delete(ib.sg.sources, old)
		ib.sg.sources[src] = ib.sourceDigest(last.b.site, src)
	}
	sink := &mapSink{files: maps.Clone(last.files), track: true}
	for _, p := range last.ib.searchPaths {
		delete(sink.files, p)
	}
	// The previous builder carries the model, theme, plans and asset
	// paths over; only what a build accumulates starts afresh.
	b := last.b
	b.diags, b.sink, b.fsys, b.inc = &diag.List{}, &countingSink{Sink: sink}, ib.fsys, ib
	b.ids, b.anchors, b.pageDocs, b.pages = map[string]map[string]bool{}, nil, map[string][]pageDocs{}, 0
	for _, d := range last.ib.base {
		b.diags.Add(d)
	}
	res := &Result{Config: b.cfg, Catalog: b.catalog}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, sec := range slices.SortedFunc(maps.Keys(sections), func(a, b *site.Page) int { return strings.Compare(a.Path, b.Path) }) {
		plan := b.plans[sec.Lang]
		if plan == nil {
			continue
		}
		g.Go(func() error { return b.renderSection(gctx, plan, sec) })
	}
	err := g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		ib.complete = true
		res, err = ib.finishPages(b, res)
	}
	if b.opts.Strict {
		b.diags.Strict(b.opts.Allow...)
	}
	res.Diagnostics = b.diags.Items()
	if err == nil {
		err = b.diags.Err()
	}
	return b, ib, sink, res, err
}

// aggregate is what a build gathers from all its pages' entries: their
// ids and anchors (for checkAnchors), messages, search docs and page
// count. A full build gathers it from every entry; a fast build takes the
// previous one and replaces what the entries it rendered contribute,
// instead of going over four thousand entries again.
type aggregate struct {
	ids     map[string]map[string]bool
	anchors map[string][]anchorRef       // by entry key, entries with anchors only
	diags   map[string][]diag.Diagnostic // by entry key, entries with messages only
	docs    map[string][]pageDocs        // by language, in URL order
	at      map[string]int               // entry key → index in docs[lang]
	// searchKey is each language's docs digest, dropped when they change.
	searchKey map[string]digest
	pages     int
	// entries is what each entry contributed, to take it out again.
	entries map[string]*pageEntry
}

func (ib *incBuild) aggregate() *aggregate {
	if ib.fast {
		return ib.patchAggregate()
	}
	agg := &aggregate{ids: map[string]map[string]bool{}, anchors: map[string][]anchorRef{}, diags: map[string][]diag.Diagnostic{},
		docs: map[string][]pageDocs{}, at: map[string]int{}, searchKey: map[string]digest{}, entries: ib.next}
	for key, e := range ib.next {
		agg.add(key, e)
	}
	for lang, docs := range agg.docs {
		// Two pages share a URL only in a build that fails (url-clash);
		// the digest then still makes the order fixed.
		slices.SortFunc(docs, func(a, b pageDocs) int {
			if c := strings.Compare(a.url, b.url); c != 0 {
				return c
			}
			return bytes.Compare(a.sum[:], b.sum[:])
		})
		for i, d := range docs {
			agg.at[d.key] = i
		}
		agg.docs[lang] = docs
	}
	ib.agg = agg
	return agg
}

// add counts an entry in; for its docs it only appends (aggregate sorts).
func (agg *aggregate) add(key string, e *pageEntry) {
	agg.pages += len(e.outputs)
	agg.keep(key, e)
	if e.conv != nil {
		agg.docs[e.lang] = append(agg.docs[e.lang], pageDocs{key: key, lang: e.lang, url: e.path, sum: e.docSum, docs: e.docs})
	}
}

// keep records an entry's messages, links to headings and heading ids
// (its docs are for the caller: add appends them, patchAggregate replaces).
func (agg *aggregate) keep(key string, e *pageEntry) {
	var diags []diag.Diagnostic
	diags = append(diags, e.diags...)
	if e.conv != nil {
		diags = append(diags, e.conv.diags...)
		if len(e.conv.anchors) > 0 {
			agg.anchors[key] = e.conv.anchors
		}
		if !e.fallback && e.conv.ids != nil { // nil: headings unknown (convert)
			agg.ids[e.path] = e.conv.ids
		}
	}
	if len(diags) > 0 {
		agg.diags[key] = diags
	}
}

// patchAggregate updates the previous build's aggregate with the entries
// this fast build remembered. The pages are the same (a fast build
// changes no page's place), so each entry replaces its predecessor.
func (ib *incBuild) patchAggregate() *aggregate {
	agg := ib.inc.last.ib.agg
	cloned := map[string]bool{}
	for key, e := range ib.changed {
		old := agg.entries[key]
		if old != nil {
			agg.pages -= len(old.outputs)
		}
		agg.pages += len(e.outputs)
		delete(agg.anchors, key)
		delete(agg.diags, key)
		agg.keep(key, e)
		if e.conv != nil {
			i, ok := agg.at[key]
			if !ok {
				// Cannot happen: a fast build renders only known pages.
				panic("fast build rendered a page the previous build did not: " + key)
			}
			// The slice may be a pending search job's: copy before changing.
			if !cloned[e.lang] {
				agg.docs[e.lang] = slices.Clone(agg.docs[e.lang])
				cloned[e.lang] = true
			}
			if d := agg.docs[e.lang][i]; d.sum != e.docSum || d.url != e.path {
				delete(agg.searchKey, e.lang)
			}
			agg.docs[e.lang][i] = pageDocs{key: key, lang: e.lang, url: e.path, sum: e.docSum, docs: e.docs}
		}
	}
	agg.entries = ib.next
	ib.agg = agg
	return agg
}
