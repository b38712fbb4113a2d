package build

import (
	"encoding/binary"
	"hash/maphash"
	"sort"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/site"
)

// digest names the inputs of one piece of output. Two renders with the
// same digest give the same bytes, so a digest equal to the previous
// build's means the previous bytes can be served again.
//
// Digests live only in memory, for one process, so they are made with
// maphash (two seeds, 128 bits): fast on the many small strings a rebuild
// hashes, and not predictable from outside the process.
type digest [16]byte

var seedA, seedB = maphash.MakeSeed(), maphash.MakeSeed()

// hasher writes values into a digest without ambiguity: every string is
// length-prefixed, so ("ab","c") and ("a","bc") differ.
type hasher struct {
	a, b maphash.Hash
	buf  [binary.MaxVarintLen64]byte
}

func newHasher(kind string) *hasher {
	h := &hasher{}
	h.a.SetSeed(seedA)
	h.b.SetSeed(seedB)
	h.str(kind)
	return h
}

func (h *hasher) raw(p []byte) {
	h.a.Write(p)
	h.b.Write(p)
}

func (h *hasher) str(s string) {
	n := binary.PutUvarint(h.buf[:], uint64(len(s)))
	h.raw(h.buf[:n])
	h.a.WriteString(s)
	h.b.WriteString(s)
}

func (h *hasher) bytes(b []byte) {
	n := binary.PutUvarint(h.buf[:], uint64(len(b)))
	h.raw(h.buf[:n])
	h.raw(b)
}

func (h *hasher) int(v int) {
	n := binary.PutVarint(h.buf[:], int64(v))
	h.raw(h.buf[:n])
}

func (h *hasher) bool(v bool) {
	if v {
		h.raw([]byte{1})
	} else {
		h.raw([]byte{0})
	}
}

func (h *hasher) strs(list []string) {
	h.int(len(list))
	for _, s := range list {
		h.str(s)
	}
}

func (h *hasher) dig(d digest) { h.raw(d[:]) }

func (h *hasher) sum() digest {
	var d digest
	binary.LittleEndian.PutUint64(d[:8], h.a.Sum64())
	binary.LittleEndian.PutUint64(d[8:], h.b.Sum64())
	return d
}

// sumBytes is the digest of a file's bytes.
func sumBytes(b []byte) digest {
	h := newHasher("bytes")
	h.raw(b)
	return h.sum()
}

// signatures are the digests of the parts of the site model that pages
// read from each other, computed once per build. A page's keys combine
// the signatures of what it shows: the language's module list, its own
// module's tree, its neighbours, its translations.
//
// The rule that keeps rebuilds correct: whatever pageData, the nav, the
// switcher or the converter read about a page other than the one being
// rendered must be in that page's nodeSig, or in a signature built from it.
type signatures struct {
	// global is everything every page depends on: options, site.yaml,
	// UI strings and templates. convert is the part Markdown conversion
	// depends on (templates are not), so a template edit re-executes
	// templates without parsing Markdown again.
	global   digest
	convert  digest
	sources  map[*content.Source]digest
	node     map[*site.Page]digest
	module   map[*site.Page]digest
	nav      map[string]digest // by language
	home     map[string]digest // by language
	group    map[*site.Group]digest
	glossary map[string]digest // by language: its glossary's source
	// resolve names everything a link's answer depends on but the page it
	// is written in: every page's source path and URL, the aliases, the
	// files beside pages and in static/. While it is unchanged, every link
	// of an unchanged page resolves as before.
	resolve digest
	// sitemap names what the sitemap lists.
	sitemap digest
}

// source is the digest of a source: its place and its bytes.
func (sg *signatures) source(src *content.Source) digest { return sg.sources[src] }

// nodeSig is what other pages show of p: in the nav, the breadcrumbs,
// prev/next links, module listings and the language switcher.
func (sg *signatures) nodeSig(p *site.Page) digest {
	h := newHasher("node")
	h.str(p.Lang)
	h.int(int(p.Kind))
	h.str(p.Path)
	h.str(p.Title)
	h.bool(p.TitleFromH1)
	h.bool(p.Fallback)
	h.bool(p.Glossary)
	h.bool(p.TrainerOnly)
	h.int(p.Depth)
	h.str(p.Group.Key)
	h.str(p.Description)
	h.str(p.Source.FM.Description)
	h.int(p.Source.FM.Duration)
	lessons := 0
	for _, c := range p.Children {
		if !c.IsSection() {
			lessons++
		}
	}
	h.int(len(p.Children))
	h.int(lessons)
	return h.sum()
}

// computeSignatures fills the signatures of a site model.
func (b *builder) computeSignatures(global, convert digest, sources map[*content.Source]digest) *signatures {
	pages := 0
	for _, l := range b.site.Langs {
		pages += len(l.Pages)
	}
	sg := &signatures{
		global: global, convert: convert, sources: sources,
		node: make(map[*site.Page]digest, pages), module: map[*site.Page]digest{},
		nav: map[string]digest{}, home: map[string]digest{},
		group: make(map[*site.Group]digest, len(b.site.Groups)), glossary: map[string]digest{},
	}
	for _, l := range b.site.Langs {
		for _, p := range l.Pages {
			sg.node[p] = sg.nodeSig(p)
		}
	}
	for _, l := range b.site.Langs {
		// The module list every page's nav shows, and the links around it.
		nav := newHasher("nav")
		nav.str(l.Code)
		nav.str(l.Name)
		nav.str(l.Dir)
		nav.dig(sg.node[l.Home])
		if l.Glossary != nil {
			nav.str(l.Glossary.Path)
			sg.glossary[l.Code] = sg.source(l.Glossary.Source)
		}
		for _, m := range l.Home.Children {
			nav.dig(sg.node[m])
			sg.module[m] = sg.subtree(m)
		}
		sg.nav[l.Code] = nav.sum()
		// The home page lists every module with its lessons and totals.
		home := newHasher("home")
		home.dig(sg.nav[l.Code])
		count, total := 0, 0
		for _, p := range l.Pages {
			if p.Kind == content.Page && !p.Glossary {
				count++
				total += p.Source.FM.Duration
			}
		}
		home.int(count)
		home.int(total)
		for _, m := range l.Home.Children {
			home.dig(sg.module[m])
		}
		sg.home[l.Code] = home.sum()
	}
	res, smap := newHasher("resolve"), newHasher("sitemap")
	res.dig(global)
	smap.dig(global)
	for _, l := range b.site.Langs {
		res.str(l.Code)
		for _, p := range l.Pages {
			res.str(p.Source.Rel)
			res.str(p.Path)
			res.int(int(p.Kind))
			res.bool(p.Fallback)
			// Folders without _index.md get a page that links cannot
			// name; its File is the folder's path, not an .md file's.
			res.str(p.Source.File)
			res.strs(p.Aliases)
			smap.str(p.Path)
			smap.bool(p.Fallback)
			smap.str(p.Group.Key)
		}
	}
	resources := make([]string, 0, len(b.site.Resources))
	for k, v := range b.site.Resources {
		resources = append(resources, k+"\x00"+v)
	}
	sort.Strings(resources)
	res.strs(resources)
	static := make([]string, 0, len(b.static))
	for k := range b.static {
		static = append(static, k)
	}
	sort.Strings(static)
	res.strs(static)
	// A link to a page left out is text, with a warning saying why.
	res.strs(b.site.LeftOutList())
	sg.resolve = res.sum()
	for _, g := range b.site.Groups {
		h := newHasher("group")
		h.str(g.Key)
		langs := make([]string, 0, len(g.Pages))
		for code := range g.Pages {
			langs = append(langs, code)
		}
		sort.Strings(langs)
		for _, code := range langs {
			p := g.Pages[code]
			h.str(code)
			h.str(p.Path)
			h.bool(p.Fallback)
			h.int(int(p.Kind))
		}
		sg.group[g] = h.sum()
	}
	// Groups in a fixed order: the map's is random.
	keys := make([]string, 0, len(b.site.Groups))
	for k := range b.site.Groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		smap.dig(sg.group[b.site.Groups[k]])
	}
	sg.sitemap = smap.sum()
	return sg
}

// subtree is the signature of a module: every page under it, in order,
// with where it hangs. Pages of a module show its whole tree (nav, module
// listing, breadcrumbs, printable page), so they share this signature.
func (sg *signatures) subtree(m *site.Page) digest {
	h := newHasher("module")
	var walk func(p *site.Page)
	walk = func(p *site.Page) {
		h.dig(sg.node[p])
		h.int(len(p.Children))
		for _, c := range p.Children {
			walk(c)
		}
	}
	walk(m)
	return h.sum()
}

// contentKey names the inputs of converting p's Markdown: its source, the
// converter (global), the glossaries whose terms get linked and where the
// page sits. Links are not in it: their answers are recorded and checked
// one by one (linkDep), so a page is converted again only when a link it
// has now resolves differently.
func (b *builder) contentKey(sg *signatures, plan *langPlan, p *site.Page) digest {
	h := newHasher("content")
	h.dig(sg.convert)
	h.dig(sg.source(p.Source))
	h.str(p.Lang)
	h.str(p.Path)
	h.bool(p.Fallback)
	h.bool(p.TitleFromH1)
	h.bool(p.Glossary)
	// The terms linked are those of the language of the text.
	if p.Fallback {
		h.dig(sg.glossary[b.cfg.DefaultLanguage])
	} else {
		h.dig(sg.glossary[p.Lang])
	}
	if g := b.glossaryFor(plan, p); g != nil {
		h.str(g.Path)
	}
	return h.sum()
}

// dataKey names everything pageData reads for p written at path at,
// besides its converted content.
func (b *builder) dataKey(sg *signatures, p *site.Page, at string) digest {
	h := newHasher("data")
	h.dig(sg.global)
	h.str(at)
	h.dig(sg.node[p])
	h.dig(sg.source(p.Source))
	h.dig(sg.nav[p.Lang])
	if p.Kind == content.Home {
		h.dig(sg.home[p.Lang])
	}
	if m := p.Module(); m != nil {
		h.dig(sg.module[m])
	}
	for _, n := range []*site.Page{p.Prev, p.Next} {
		if n != nil {
			h.dig(sg.node[n])
		} else {
			h.str("-")
		}
	}
	h.dig(sg.group[p.Group])
	h.bool(b.outdatedSource(p) != nil)
	h.strs(p.Aliases)
	return h.sum()
}

// printKey names the inputs of lesson's part of its module's printable page.
func printKey(contentKey digest, sg *signatures, lesson *site.Page, from string) digest {
	h := newHasher("print")
	h.dig(contentKey)
	h.dig(sg.node[lesson])
	h.str(from)
	return h.sum()
}
