// Package site builds the immutable model of a course from its sources: a
// page tree per language, translation groups, fallback pages for missing
// translations, previous/next order, aliases, and the URL of everything.
//
// # Pages and URLs
//
// A page's URL is its path inside the language folder, with ".md",
// "_index.md" and "index.md" removed, a trailing slash added, and the last
// element replaced by the front matter's slug when it sets one:
//
//	content/fr/m1/intro.md         → fr/m1/intro/
//	content/fr/m1/intro/index.md   → fr/m1/intro/   (its files are copied beside it)
//	content/fr/m1/_index.md        → fr/m1/
//	content/fr/_index.md           → fr/
//	content/fr/glossary.md         → fr/glossary/
//
// Within a folder, pages are ordered by weight (pages without a weight come
// after those with one), then by file name.
//
// # Translations
//
// A page's translations are the pages at the same path in the other
// languages, or with the same translationKey. With missingTranslations:
// fallback, a language lacking a page of the default language gets a
// fallback page at the same URL, rendered from the default language's
// content; with omit it is left out.
//
// The model is built once per build and never changed afterwards; it holds
// no rendered HTML.
package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/output"
)

// Options select what a build includes.
type Options struct {
	Audience string // "participant" (default) or "trainer"
	Drafts   bool
	// Untouched reports whether tr, a translation of src, is still src's
	// copy, not translated yet (i18n.UntouchedCopy): it is then shown as
	// src untranslated, as if it were missing, with a warning. nil: none is.
	Untouched func(tr, src *content.Source) bool
}

// Trainer reports whether trainer-only material is included.
func (o Options) Trainer() bool { return o.Audience == "trainer" }

// Page is one page of one language.
type Page struct {
	Lang   string
	Kind   content.Kind
	Source *content.Source
	// Path is the page's URL relative to the site root: "fr/m1/intro/".
	Path        string
	Title       string
	Description string
	Weight      int
	// TitleFromH1 is true when the title was taken from the body's first
	// "# heading", which is then not rendered a second time.
	TitleFromH1 bool
	Parent      *Page
	Children    []*Page
	Prev, Next  *Page
	Group       *Group
	// Fallback is true for a page shown in Lang with the default
	// language's content because it is not translated yet.
	Fallback bool
	Glossary bool
	// TrainerOnly is true for pages with audience: trainer, in a section
	// with it or translating a page with it (present only in trainer
	// builds; see Filter).
	TrainerOnly bool
	// Aliases are extra paths (relative to the site root) that redirect here.
	Aliases []string
	// Files are the files copied beside the page (see File).
	Files []File
	// Depth is 0 for the home page, 1 for modules and top-level pages.
	Depth int
}

// A File is a file copied beside a page: one of its folder's (images,
// documents beside a module's _index.md or a lesson's index.md), or, for a
// translated folder, one of its source's folder that the translation's
// folder has no file of that name for. A translator translates the
// pictures that hold text and need not copy the others: the page, and an
// untranslated lesson of the module shown in that language, find them
// where a link of that language looks, as when the whole folder falls back.
type File struct {
	// Source is the course file copied: "content/en/m1/map.png".
	Source string
	// Rel is where links of the page's language find it, inside the
	// language folder: "m1/map.png".
	Rel string
	// Out is the output path: "fr/m1/map.png".
	Out string
}

// IsSection reports whether the page lists other pages (home or module).
func (p *Page) IsSection() bool { return p.Kind == content.Section || p.Kind == content.Home }

// Lessons are the non-section children of a section, in order.
func (p *Page) Lessons() []*Page {
	var out []*Page
	for _, c := range p.Children {
		if !c.IsSection() {
			out = append(out, c)
		}
	}
	return out
}

// Module is the page's ancestor at depth 1 (itself for a module), or nil.
func (p *Page) Module() *Page {
	for c := p; c != nil; c = c.Parent {
		if c.Depth == 1 {
			return c
		}
	}
	return nil
}

// ID is a language-independent identifier of the page, used to remember
// progress: the translation group's key.
func (p *Page) ID() string { return p.Group.Key }

// Group is a page and its translations.
type Group struct {
	Key   string
	Pages map[string]*Page // by language, fallback pages included
}

// Lang is one language's page tree.
type Lang struct {
	config.Language
	Home     *Page
	Pages    []*Page // home first, then depth-first in navigation order
	Glossary *Page
	// byRel finds a page by the path of its source inside the language folder.
	byRel  map[string]*Page
	byPath map[string]*Page
}

// Site is the whole course.
type Site struct {
	Config *config.Config
	Langs  []*Lang
	// Groups by key, for i18n status.
	Groups map[string]*Group
	// Sources of each language after filtering (drafts, audience).
	sources map[string][]*content.Source
	// Resources maps "lang/rel" of every copied file to its output path.
	Resources map[string]string
	// Filter is what the build includes.
	Filter *Filter
	// rendered are the languages the build writes (nil: all).
	rendered map[string]bool
	// weights are the weights translations take from their sources.
	weights map[*content.Source]int
	// leftOut and leftOutFiles find the sources the build leaves out by
	// "lang/rel" of the source and of its files, for LeftOut.
	leftOut, leftOutFiles map[string]*content.Source
	// files are the files of the included pages' folders ("lang/rel"),
	// and withheld those of them the build leaves out (see withhold).
	files, withheld map[string]bool
	// defSources are the default language's included sources by group
	// key: what a translation translates.
	defSources map[string]*content.Source
	// fileSources maps "lang/rel" of every copied file, as Resources, to
	// the course file copied there (another language's, for a fallback
	// page's files and those a translated folder takes from its source).
	fileSources map[string]string
}

// Lang returns the tree of language code.
func (s *Site) Lang(code string) *Lang {
	for _, l := range s.Langs {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// PageByRel finds a page of lang by the path of its source ("m1/intro.md").
func (l *Lang) PageByRel(rel string) *Page { return l.byRel[rel] }

// PageByPath finds a page by URL path ("fr/m1/intro/").
func (l *Lang) PageByPath(p string) *Page { return l.byPath[p] }

// GroupKey is the translation key of a source: its translationKey, else its
// path without extension and index file ("m1/intro").
func GroupKey(s *content.Source) string {
	if s.FM.TranslationKey != "" {
		return "key:" + s.FM.TranslationKey
	}
	return pageKey(s.Rel)
}

// isOrphan reports whether src, a page of another language than def, is
// no translation: the default language has no source of its group, in the
// build or not (a draft's translation is no orphan), and no page at its
// path (a translationKey that differs has a warning of its own). A home
// page or a module's _index.md is none either when the default language
// has the folder: a folder without _index.md is a page all the same.
func isOrphan(src *content.Source, sources []*content.Source, def string) bool {
	key, at := GroupKey(src), pageKey(src.Rel)
	if slices.ContainsFunc(sources, func(s *content.Source) bool {
		return s.Lang == def && (GroupKey(s) == key || pageKey(s.Rel) == at)
	}) {
		return false
	}
	if src.Kind == content.Home {
		return false
	}
	if src.Kind == content.Section {
		folder := path.Dir(src.Rel) + "/"
		return !slices.ContainsFunc(sources, func(s *content.Source) bool {
			return s.Lang == def && strings.HasPrefix(s.Rel, folder)
		})
	}
	return true
}

// orphanDiag warns about a page of another language with no source in the
// default language: a translation saved under a name of its own, or in a
// folder of its own, is published as a page of its own, and beside it, in
// the menu, the untranslated source it meant to replace. The hint names
// the sources in its folder still without a translation in its language.
func orphanDiag(src *content.Source, def string, defs, own []*content.Source) diag.Diagnostic {
	translated := map[string]bool{}
	for _, o := range own {
		translated[GroupKey(o)] = true
	}
	dir := path.Dir(src.Rel)
	var left []string
	for _, d := range defs {
		if path.Dir(d.Rel) == dir && !translated[GroupKey(d)] {
			left = append(left, path.Base(d.Rel))
		}
	}
	sort.Strings(left)
	hint := "if it translates a page, give it that page's file name or the same translationKey; a page for " + src.Lang + " readers only can stay as it is"
	switch {
	case len(left) > 0 && len(left) <= 5:
		hint = fmt.Sprintf("if it translates one of %s (pages of content/%s/ not yet translated to %s), give it that file's name; a page for %s readers only can stay as it is",
			strings.Join(left, ", "), path.Join(def, dir), src.Lang, src.Lang)
	case len(left) > 5:
		hint = fmt.Sprintf("if it translates a page of content/%s/ (%d have no %s translation yet), give it that page's file name; a page for %s readers only can stay as it is",
			path.Join(def, dir), len(left), src.Lang, src.Lang)
	case !slices.ContainsFunc(defs, func(d *content.Source) bool { return path.Dir(d.Rel) == dir }) && dir != ".":
		hint = fmt.Sprintf("content/%s/ does not exist: check the folder's name, or give the page the same translationKey as its source; a page for %s readers only can stay as it is", path.Join(def, dir), src.Lang)
	}
	return diag.Diagnostic{File: src.File, Line: 1, Severity: diag.Warning, Code: "translation-orphaned",
		Message: fmt.Sprintf("no page in content/%s/ has this page's path or translationKey, so it is published as a page of its own, and not as a translation", def),
		Hint:    hint}
}

// untouchedDiag warns that src, a translation of orig, is still orig's
// copy (see Options.Untouched), and is shown as orig untranslated (or
// left out, with missingTranslations: omit) until it is translated.
func untouchedDiag(src, orig *content.Source, missing string) diag.Diagnostic {
	shown := "so readers get that page, with the notice that it is not translated yet, as if this file were not there"
	if missing == "omit" {
		shown = "so the page is left out of this language, as a page not translated yet is"
	}
	return diag.Diagnostic{File: src.File, Line: 1, Severity: diag.Warning, Code: "untranslated-copy",
		Message: fmt.Sprintf("this page still has the title and text of %s, its source: it is not translated yet, %s", orig.File, shown),
		Hint:    "translate it; if it is meant to read the same as its source, say so with: fieldguide i18n mark --force " + src.File}
}

// pageKey is the path of the page a source at rel makes, without extension
// and index file ("m1/intro"), or "" for the home page.
func pageKey(rel string) string {
	rel = strings.TrimSuffix(rel, ".md")
	rel = strings.TrimSuffix(rel, "/_index")
	rel = strings.TrimSuffix(rel, "/index")
	if rel == "_index" {
		return ""
	}
	return rel
}

// Build makes the model. Mistakes (URL clashes, translationKey conflicts)
// are recorded in diags; the model is still returned for the rest.
func Build(cfg *config.Config, sources []*content.Source, opts Options, diags *diag.List) *Site {
	s := &Site{Config: cfg, Groups: map[string]*Group{}, sources: map[string][]*content.Source{}, Resources: map[string]string{},
		Filter: NewFilter(sources, opts), leftOut: map[string]*content.Source{}, leftOutFiles: map[string]*content.Source{},
		fileSources: map[string]string{}}
	s.Filter.warn(sources, diags)
	for _, src := range sources {
		if s.Filter.Include(src) {
			s.sources[src.Lang] = append(s.sources[src.Lang], src)
			if src.EmptyLine > 0 && !s.Filter.Draft(src) { // a draft is not ready, and says so
				diags.Add(diag.Diagnostic{File: src.File, Line: src.EmptyLine, Severity: diag.Warning, Code: "empty-page",
					Message: "the page has no text: it would be published as a title alone",
					Hint:    "write the lesson, or set draft: true until it is ready"})
			}
			continue
		}
		s.leftOut[src.Lang+"/"+src.Rel] = src
		for _, r := range src.Resources {
			s.leftOutFiles[src.Lang+"/"+r] = src
		}
	}
	s.withhold(sources)
	// Translation keys must be unique within a language.
	for lang, srcs := range s.sources {
		seen := map[string]*content.Source{}
		for _, src := range srcs {
			if src.FM.TranslationKey == "" {
				continue
			}
			if prev, ok := seen[src.FM.TranslationKey]; ok {
				diags.Add(diag.Diagnostic{File: src.File, Line: 1, Severity: diag.Error, Code: "translation-key",
					Message: fmt.Sprintf("translationKey %q is also used by %s (language %s)", src.FM.TranslationKey, prev.File, lang),
					Hint:    "each page of a language needs its own translationKey"})
				continue
			}
			seen[src.FM.TranslationKey] = src
		}
	}
	def := cfg.DefaultLanguage
	defKeys := map[string]*content.Source{}
	for _, src := range s.sources[def] {
		defKeys[GroupKey(src)] = src
	}
	s.defSources = defKeys
	// A translation is ordered as its source: without a weight of its own
	// it takes the source's, and a different one is warned about, since
	// the languages' lessons would then come in different orders.
	s.weights = map[*content.Source]int{}
	untouched := map[*content.Source]bool{}
	for _, lang := range cfg.Languages {
		if lang.Code == def {
			continue
		}
		for _, src := range s.sources[lang.Code] {
			orig := defKeys[GroupKey(src)]
			if orig == nil && isOrphan(src, sources, def) {
				diags.Add(orphanDiag(src, def, s.sources[def], s.sources[lang.Code]))
				continue
			}
			if orig != nil && opts.Untouched != nil && opts.Untouched(src, orig) {
				untouched[src] = true
				diags.Add(untouchedDiag(src, orig, cfg.MissingTranslations))
				continue
			}
			switch {
			case orig == nil || orig.FM.Weight == src.FM.Weight:
			case src.FM.Weight == 0:
				s.weights[src] = orig.FM.Weight
			case orig.FM.Weight != 0:
				diags.Add(diag.Diagnostic{File: src.File, Line: 1, Severity: diag.Warning, Code: "weight",
					Message: fmt.Sprintf("weight %d differs from its source's (%d in %s), so this language orders its pages differently", src.FM.Weight, orig.FM.Weight, orig.File),
					Hint:    "remove the weight line: a translation takes its source's weight"})
			}
		}
	}
	for _, lang := range cfg.Languages {
		own := s.sources[lang.Code]
		if len(untouched) > 0 {
			own = slices.DeleteFunc(slices.Clone(own), func(src *content.Source) bool { return untouched[src] })
		}
		var fallbacks []*content.Source
		if lang.Code != def {
			have := map[string]bool{}
			for _, src := range own {
				have[GroupKey(src)] = true
			}
			for _, src := range s.sources[def] {
				if have[GroupKey(src)] {
					continue
				}
				// The home page always exists; without a translation it falls
				// back even when pages are omitted.
				if cfg.MissingTranslations == "fallback" || src.Kind == content.Home {
					fallbacks = append(fallbacks, src)
				}
			}
		}
		s.Langs = append(s.Langs, s.buildLang(lang, own, fallbacks, diags))
	}
	s.addAliases(diags)
	s.linkGroups()
	s.warnOtherLanguageAliases(diags)
	return s
}

func (s *Site) buildLang(lang config.Language, own, fallbacks []*content.Source, diags *diag.List) *Lang {
	l := &Lang{Language: lang, byRel: map[string]*Page{}, byPath: map[string]*Page{}}
	sections := map[string]*Page{} // folder → section page
	var pages []*Page
	add := func(src *content.Source, fallback bool) {
		p := &Page{Lang: lang.Code, Kind: src.Kind, Source: src, Fallback: fallback,
			Title: src.FM.Title, Description: src.FM.Description, Weight: cmp.Or(s.weights[src], src.FM.Weight),
			TrainerOnly: s.Filter.TrainerOnly(src), Glossary: src.IsGlossary()}
		if p.Title == "" {
			if h := content.FirstHeading(src.Body); h != "" {
				p.Title, p.TitleFromH1 = h, true
			} else {
				p.Title = Humanize(src.Name())
			}
		}
		if p.Kind == content.Home {
			p.Title = src.FM.Title
			if p.Title == "" {
				p.Title = s.Config.SiteTitle(lang.Code)
			}
		}
		if prev, dup := l.byRel[src.Rel]; dup {
			if fallback && !prev.Fallback && src.FM.TranslationKey != "" && prev.Source.FM.TranslationKey != src.FM.TranslationKey {
				// The page at the same path is this one's translation, but
				// the source pairs by translationKey and the translation does not.
				diags.Add(diag.Diagnostic{File: prev.Source.File, Line: 1, Severity: diag.Warning, Code: "translation-key",
					Message: fmt.Sprintf("%s has translationKey %q; this page at the same path has none, so they are not paired", src.File, src.FM.TranslationKey),
					Hint:    fmt.Sprintf("add `translationKey: %s` to this page's front matter", src.FM.TranslationKey)})
			}
			return
		}
		l.byRel[src.Rel] = p
		if p.IsSection() {
			sections[src.Dir()] = p
		}
		pages = append(pages, p)
	}
	for _, src := range own {
		add(src, false)
	}
	for _, src := range fallbacks {
		add(src, true)
	}
	// The home page and folders without _index.md get a page of their own.
	if sections[""] == nil {
		home := &Page{Lang: lang.Code, Kind: content.Home, Title: s.Config.SiteTitle(lang.Code),
			Source: &content.Source{Lang: lang.Code, Rel: "_index.md", File: "content/" + lang.Code + "/_index.md", Kind: content.Home}}
		sections[""] = home
		pages = append(pages, home)
	}
	var ensure func(dir string) *Page
	ensure = func(dir string) *Page {
		if sec, ok := sections[dir]; ok {
			return sec
		}
		src := &content.Source{Lang: lang.Code, Rel: dir + "/_index.md", File: "content/" + lang.Code + "/" + dir, Kind: content.Section}
		sec := &Page{Lang: lang.Code, Kind: content.Section, Source: src, Title: Humanize(path.Base(dir))}
		sections[dir] = sec
		pages = append(pages, sec)
		ensure(parentDir(dir))
		return sec
	}
	for _, p := range append([]*Page(nil), pages...) {
		if p.Kind != content.Home {
			ensure(p.Source.Dir())
		}
	}
	l.Home = sections[""]
	for _, p := range pages {
		switch {
		case p.Kind == content.Home:
			continue
		case p.Kind == content.Section:
			p.Parent = sections[parentDir(p.Source.Dir())]
		default:
			p.Parent = sections[p.Source.Dir()]
		}
		p.Parent.Children = append(p.Parent.Children, p)
	}
	for _, p := range pages {
		if p.Glossary {
			l.Glossary = p
		}
		sort.SliceStable(p.Children, func(i, j int) bool { return less(p.Children[i], p.Children[j]) })
	}
	// Paths, depth-first, so a section's slug carries to its children.
	var walk func(p *Page, base string, depth int)
	walk = func(p *Page, base string, depth int) {
		p.Depth = depth
		if p.Kind == content.Home {
			p.Path = lang.Code + "/"
		} else {
			name := p.Source.Name()
			if p.Source.FM.Slug != "" {
				name = p.Source.FM.Slug
			}
			p.Path = base + name + "/"
			if strings.Contains(name, ":") && p.Source.FM.Slug == "" && !p.Fallback { // a slug's is reported at its line
				// A link to it would begin with "name:", which a browser
				// reads as a scheme (javascript:…), and Windows refuses
				// the colon in a file name.
				diags.Add(diag.Diagnostic{File: p.Source.File, Line: 1, Severity: diag.Error, Code: "url-colon",
					Message: fmt.Sprintf("the file name %q holds a colon, which browsers read as the start of a web address and Windows refuses in file names", name),
					Hint:    "rename the file, or give the page a `slug:` of letters, digits and dashes"})
			}
			if output.WindowsDeviceName(name) && !p.Fallback {
				diags.Add(diag.Diagnostic{File: p.Source.File, Line: 1, Severity: diag.Warning, Code: "windows-name",
					Message: fmt.Sprintf("%q is a reserved device name on Windows, so an offline copy (fieldguide bundle) cannot hold this page", name),
					Hint:    fmt.Sprintf("rename the file, or give the page another URL with `slug: %s-page`", name)})
			}
		}
		l.Pages = append(l.Pages, p)
		for _, c := range p.Children {
			walk(c, p.Path, depth+1)
		}
	}
	walk(l.Home, "", 0)
	// Previous/next: depth-first order without the home page and the glossary.
	var prev *Page
	for _, p := range l.Pages {
		if p.Kind == content.Home || p.Glossary {
			continue
		}
		if prev != nil {
			prev.Next, p.Prev = p, prev
		}
		prev = p
	}
	for _, p := range l.Pages {
		if other, clash := l.byPath[p.Path]; clash {
			if p.Fallback && other.Fallback {
				continue // the default language's pages clash, and say so there
			}
			diags.Add(diag.Diagnostic{File: p.Source.File, Line: p.Source.SlugLine, Severity: diag.Error, Code: "url-clash",
				Message: fmt.Sprintf("this page and %s both have the URL /%s", other.Source.File, p.Path),
				Hint:    "rename one of the files or give one a different slug"})
			continue
		}
		l.byPath[p.Path] = p
		if p.IsSection() && len(p.Lessons()) > 0 && p.Kind != content.Home {
			l.reservePrint(p, diags)
		}
	}
	for _, p := range l.Pages {
		p.Files = s.pageFiles(p)
		for _, f := range p.Files {
			s.Resources[lang.Code+"/"+f.Rel] = f.Out
			s.fileSources[lang.Code+"/"+f.Rel] = f.Source
		}
	}
	return l
}

// addAliases gives every page its aliases, once every language's pages
// have their URLs. An alias is one address of the whole site, whichever
// language's page names it: two pages with the same alias would write the
// same redirect, and the last one written would win. (A translation
// copied with its source's absolute aliases sent English readers of an
// old English address to the French page.) Such a clash is an error at
// both pages' aliases: lines, as is an alias that is a page's URL.
func (s *Site) addAliases(diags *diag.List) {
	taken := map[string]*Page{} // alias path → the page it leads to
	for _, l := range s.Langs {
		for _, p := range l.Pages {
			for _, a := range p.Source.FM.Aliases {
				if p.Fallback && strings.HasPrefix(strings.TrimSpace(a), "/") {
					// An absolute alias names one URL: it belongs to the page
					// in its own language, not to its fallback copies.
					continue
				}
				at := func(d diag.Diagnostic) diag.Diagnostic {
					d.File, d.Line, d.Severity = p.Source.File, aliasesLine(p.Source), diag.Error
					return d
				}
				ap := aliasPath(p, a)
				if ap == "" {
					diags.Add(at(diag.Diagnostic{Code: "alias",
						Message: fmt.Sprintf("alias %q is not a valid path", a), Hint: "write it like /fr/old-name/ or old-name"}))
					continue
				}
				if other := s.pageAt(ap); other != nil {
					diags.Add(at(diag.Diagnostic{Code: "alias-clash",
						Message: fmt.Sprintf("alias %q is the URL of %s", a, other.Source.File), Hint: "remove the alias or rename the page"}))
					continue
				}
				if prev, clash := taken[ap]; clash {
					if prev != p {
						diags.Add(at(diag.Diagnostic{Code: "alias-clash",
							Message: fmt.Sprintf("alias %q is also an alias of %s:%d, and an address can lead to one page only", a, prev.Source.File, aliasesLine(prev.Source)),
							Hint:    aliasClashHint(p, prev)}))
					}
					continue
				}
				taken[ap] = p
				l.byPath[ap] = p
				p.Aliases = append(p.Aliases, ap)
			}
		}
	}
}

// warnOtherLanguageAliases warns at a page's aliases: line about an alias
// it took under another language's folder: on a French page,
// /en/old-page/ sends English readers of that old address to the French
// page, with no notice. No other page has it (that is an alias-clash),
// so the build cannot tell a slip from a choice: most often the translator
// copied the source's aliases, or meant French readers' old address. The
// hint gives the address under the page's own language, and, when the
// other language has the page, the file whose alias it may have been.
func (s *Site) warnOtherLanguageAliases(diags *diag.List) {
	for _, l := range s.Langs {
		for _, p := range l.Pages {
			for _, ap := range p.Aliases {
				other, rest, _ := strings.Cut(ap, "/")
				if other == p.Lang || s.Lang(other) == nil {
					continue // its own language's, or an address of no language
				}
				own := p.Lang + "/" + rest
				hint := fmt.Sprintf("if it is an old address of this page for %s readers, write it %q", p.Lang, "/"+own)
				for _, lg := range s.Langs {
					switch to := lg.byPath[own]; {
					case to == p:
						hint = fmt.Sprintf("remove it: %s readers need no alias, /%s leads to this page already", p.Lang, own)
					case to != nil:
						hint = fmt.Sprintf("remove it: /%s, %s readers' address, leads to %s already", own, p.Lang, to.Source.File)
					}
				}
				if tr := p.Group.Pages[other]; tr != nil && !tr.Fallback {
					hint += fmt.Sprintf("; if it is the old address of %s, the page in %s, move it to that file's aliases", tr.Source.File, other)
				} else {
					hint += fmt.Sprintf("; if %s readers are to be sent to this page on purpose, keep it (check --strict --allow translation-alias)", other)
				}
				diags.Add(diag.Diagnostic{File: p.Source.File, Line: aliasesLine(p.Source), Severity: diag.Warning, Code: "translation-alias",
					Message: fmt.Sprintf("alias %q is an address of the %s pages (under /%s/): %s readers who follow an old link to it are sent to this %s page", "/"+ap, other, other, other, p.Lang),
					Hint:    hint})
			}
		}
	}
}

// aliasClashHint says what to do about p's alias that other has too.
func aliasClashHint(p, other *Page) string {
	if GroupKey(p.Source) == GroupKey(other.Source) {
		// A translation copied with its source's aliases.
		return fmt.Sprintf("an absolute alias is one address of one language: remove it from this translation, or write it under /%s/", p.Lang)
	}
	return "remove the alias from one of the pages"
}

// pageAt is the page whose URL is path p, in any language, or nil (an
// alias is not a page's URL).
func (s *Site) pageAt(p string) *Page {
	for _, l := range s.Langs {
		if pg := l.byPath[p]; pg != nil && pg.Path == p {
			return pg
		}
	}
	return nil
}

// aliasesLine is the line of src's aliases: key, or 1 (the front
// matter's start) when it cannot be found.
func aliasesLine(src *content.Source) int { return cmp.Or(src.AliasesLine, 1) }

// pageFiles are the files copied beside p: its folder's, and for a
// translated module, home page or lesson folder, those of its source's
// folder it has no file of that name for (see File). Files the build
// withholds (trainer-only) stay out, in either language.
func (s *Site) pageFiles(p *Page) []File {
	var files []File
	own := map[string]bool{}
	for _, r := range s.Files(p.Source) {
		files = append(files, File{Source: "content/" + p.Source.Lang + "/" + r, Rel: r, Out: p.Path + path.Base(r)})
	}
	for _, r := range p.Source.Resources {
		own[path.Base(r)] = true // a withheld file of its own is not replaced by its source's either
	}
	def := s.Config.DefaultLanguage
	if p.Fallback || p.Source.Lang == def || !holdsFiles(p.Source) {
		return files
	}
	src := s.defSources[GroupKey(p.Source)]
	if src == nil || !holdsFiles(src) {
		return files
	}
	dir := trimDot(path.Dir(p.Source.Rel))
	for _, r := range s.Files(src) {
		name := path.Base(r)
		if own[name] {
			continue
		}
		files = append(files, File{Source: "content/" + def + "/" + r, Rel: path.Join(dir, name), Out: p.Path + name})
	}
	return files
}

// holdsFiles reports whether src is a page whose folder's files are its
// own: a home page, a module's _index.md or a lesson's index.md.
func holdsFiles(src *content.Source) bool {
	return src.Kind == content.Home || src.Kind == content.Section || path.Base(src.Rel) == "index.md"
}

// PrintPath is the URL of a module's printable page.
func PrintPath(module *Page) string { return module.Path + "print/" }

func (l *Lang) reservePrint(p *Page, diags *diag.List) {
	pp := PrintPath(p)
	if other, clash := l.byPath[pp]; clash {
		diags.Add(diag.Diagnostic{File: other.Source.File, Severity: diag.Error, Code: "url-clash",
			Message: fmt.Sprintf("/%s is the printable page of the module %s", pp, p.Source.File), Hint: "rename this page or give it a slug"})
	}
}

func aliasPath(p *Page, alias string) string {
	a := strings.TrimSpace(alias)
	if a == "" || strings.Contains(a, "://") || strings.Contains(a, "..") {
		return ""
	}
	var full string
	if strings.HasPrefix(a, "/") {
		full = strings.Trim(a, "/")
	} else {
		base := p.Lang + "/"
		if p.Parent != nil {
			base = p.Parent.Path
		}
		full = strings.Trim(base+a, "/")
	}
	full = strings.TrimSuffix(full, "/index.html")
	if full == "" {
		return ""
	}
	return full + "/"
}

func (s *Site) linkGroups() {
	for _, l := range s.Langs {
		for _, p := range l.Pages {
			key := GroupKey(p.Source)
			if p.Kind == content.Home {
				key = ""
			}
			g := s.Groups[key]
			if g == nil {
				g = &Group{Key: key, Pages: map[string]*Page{}}
				s.Groups[key] = g
			}
			if _, dup := g.Pages[l.Code]; !dup {
				g.Pages[l.Code] = p
			}
			p.Group = g
		}
	}
}

func less(a, b *Page) bool {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		return wb == 0
	}
	if wa != wb {
		return wa < wb
	}
	return a.Source.Rel < b.Source.Rel
}

func parentDir(dir string) string {
	if dir == "" {
		return ""
	}
	d := path.Dir(dir)
	if d == "." {
		return ""
	}
	return d
}

// Humanize makes a title from a file or folder name: "first-steps" →
// "First steps"; a leading number ("01-intro") is dropped.
func Humanize(name string) string {
	name = strings.TrimLeftFunc(name, func(r rune) bool { return unicode.IsDigit(r) })
	name = strings.TrimLeft(name, "-_. ")
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	name = strings.TrimSpace(name)
	if name == "" {
		return "Untitled"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
