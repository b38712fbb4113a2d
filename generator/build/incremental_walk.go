package build

import (
	"errors"
	"io/fs"
	"maps"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// parsedSource is content.Parse's answer for one version of one file.
type parsedSource struct {
	file, lang string
	sum        digest
	ok         bool
	fm         content.FrontMatter
	hasFM      bool
	body       []byte
	bodyLine   int
	slugLine   int
	aliasLine  int
	emptyLine  int
	diags      []diag.Diagnostic
}

// walkedLang is one language's walk: its sources, what parsing them gave,
// and the walk's messages.
type walkedLang struct {
	gen     int
	sources []*content.Source
	parsed  map[string]*parsedSource
	diags   []diag.Diagnostic
	files   map[string]*content.Source // sources by File, made when asked
}

func (w *walkedLang) byFile() map[string]*content.Source {
	if w.files == nil {
		w.files = make(map[string]*content.Source, len(w.sources))
		for _, s := range w.sources {
			w.files[s.File] = s
		}
	}
	return w.files
}

// walk is content.Walk over the snapshot, with each file's front matter
// parsed only when its bytes changed, and a language walked again only
// when something under content/<lang>/ changed: decoding four thousand
// front matters costs more than the rest of a rebuild.
//
// It must give exactly what content.Walk gives (sources, order and
// messages); TestIncrementalMatchesClean compares every build's messages
// with a clean build's. Sources are not changed after the walk, so a
// language's sources are shared by the builds that reuse its walk.
func (ib *incBuild) walk(langs []string, diags *diag.List) []*content.Source {
	inc := ib.inc
	ib.parsedNext = map[string]*parsedSource{}
	walked := map[string]*walkedLang{}
	var out []*content.Source
	for _, lang := range langs {
		w := inc.walked[lang]
		if w == nil || w.gen != inc.contentGen[lang] {
			list := &diag.List{}
			w = &walkedLang{gen: inc.contentGen[lang], parsed: map[string]*parsedSource{}}
			w.sources = ib.walkLang(lang, w.parsed, list)
			w.diags = list.Items()
		}
		walked[lang] = w
		out = append(out, w.sources...)
		for _, d := range w.diags {
			diags.Add(d)
		}
		maps.Copy(ib.parsedNext, w.parsed)
	}
	inc.walked = walked
	inc.parsed = ib.parsedNext
	return out
}

// walkLang is content.WalkLang reading through the cache of parsed files.
func (ib *incBuild) walkLang(lang string, parsed map[string]*parsedSource, diags *diag.List) []*content.Source {
	root := "content/" + lang
	if _, err := fs.Stat(ib.fsys, root); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// The message names the error as the disk words it.
		if _, diskErr := fs.Stat(ib.inc.snap.disk, root); diskErr != nil {
			err = diskErr
		}
		diags.Add(diag.ReadError(root, err))
		return nil
	}
	return content.WalkLang(ib.fsys, lang, diags, func(p, lang, rel string, diags *diag.List) *content.Source {
		return ib.read(p, lang, rel, parsed, diags)
	})
}

// read mirrors content.read, parsing only bytes it has not seen.
func (ib *incBuild) read(p, lang, rel string, parsed map[string]*parsedSource, diags *diag.List) *content.Source {
	info, data, ok := content.ReadMarkdown(ib.fsys, p, diags)
	if !ok {
		return nil
	}
	kind := content.KindOf(rel)
	var sum digest
	if e := ib.inc.snap.entries[p]; e != nil && e.mode.IsRegular() {
		sum = e.sum
	} else {
		sum = sumBytes(data)
	}
	ps := ib.parse(p, lang, rel, kind, data, sum, ib.inc.parsed[p])
	parsed[p] = ps
	for _, d := range ps.diags {
		diags.Add(d)
	}
	src := &content.Source{Lang: lang, Rel: rel, File: p, Kind: kind, FM: ps.fm, HasFrontMatter: ps.hasFM,
		Body: ps.body, BodyLine: ps.bodyLine, SlugLine: ps.slugLine, AliasesLine: ps.aliasLine, EmptyLine: ps.emptyLine, ModTime: info.ModTime(), Size: info.Size()}
	if !ps.ok {
		return content.Unusable(src)
	}
	return src
}

// parse is content.Parse of one version of a file, or cached when its
// digest is that of the version cached.
func (ib *incBuild) parse(p, lang, rel string, kind content.Kind, data []byte, sum digest, cached *parsedSource) *parsedSource {
	if cached != nil && cached.sum == sum {
		return cached
	}
	s := &content.Source{Lang: lang, Rel: rel, File: p, Kind: kind}
	list := &diag.List{}
	ok := content.Parse(s, data, list)
	return &parsedSource{file: p, lang: lang, sum: sum, ok: ok, fm: s.FM, hasFM: s.HasFrontMatter,
		body: s.Body, bodyLine: s.BodyLine, slugLine: s.SlugLine, aliasLine: s.AliasesLine, emptyLine: s.EmptyLine, diags: list.Items()}
}
