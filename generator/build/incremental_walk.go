package build

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"

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

// walkLang mirrors content.walkLang.
func (ib *incBuild) walkLang(lang string, parsed map[string]*parsedSource, diags *diag.List) []*content.Source {
	fsys := ib.fsys
	root := "content/" + lang
	var sources []*content.Source
	resources := map[string][]string{}
	lowerSeen := map[string]string{}
	if _, err := fs.Stat(fsys, root); err != nil {
		// The message names the error as the disk words it.
		if _, diskErr := fs.Stat(ib.inc.snap.disk, root); diskErr != nil {
			err = diskErr
		}
		diags.Errorf(root, 0, 0, "cannot read: %v", err)
		return nil
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || isEditorTemp(name)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if msg := checkSymlink(fsys, p); msg != "" {
				diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "symlink", Message: msg,
					Hint: "copy the file into the course instead of linking to it"})
				return nil
			}
			info, err := fs.Stat(fsys, p)
			if err != nil {
				diags.Errorf(p, 0, 0, "broken symbolic link: %v", err)
				return nil
			}
			if info.IsDir() {
				diags.Add(diag.Diagnostic{File: p, Severity: diag.Warning, Code: "symlink",
					Message: "a symbolic link to a folder is not followed", Hint: "move the folder into the course"})
				return nil
			}
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		if prev, ok := lowerSeen[strings.ToLower(rel)]; ok {
			diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "case-clash",
				Message: fmt.Sprintf("%s and %s differ only in letter case", prev, p),
				Hint:    "rename one: they would overwrite each other on Windows and macOS"})
			return nil
		}
		lowerSeen[strings.ToLower(rel)] = p
		if !strings.EqualFold(path.Ext(name), ".md") {
			dir := trimDot(path.Dir(rel))
			resources[dir] = append(resources[dir], rel)
			return nil
		}
		if src := ib.read(p, lang, rel, parsed, diags); src != nil {
			sources = append(sources, src)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(root, 0, 0, "cannot read: %v", err)
	}
	for _, s := range sources {
		if s.Kind == content.Section || s.Kind == content.Home || path.Base(s.Rel) == "index.md" {
			dir := trimDot(path.Dir(s.Rel))
			s.Resources = resources[dir]
			sort.Strings(s.Resources)
			delete(resources, dir)
		}
	}
	for dir, files := range resources {
		for _, f := range files {
			diags.Add(diag.Diagnostic{File: root + "/" + f, Severity: diag.Warning, Code: "orphan-file",
				Message: "this file is not part of any page and is not copied",
				Hint:    fmt.Sprintf("put it in static/, or next to an index.md or _index.md (folder %q has neither)", dir)})
		}
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].Rel < sources[j].Rel })
	return sources
}

// read mirrors content.read, parsing only bytes it has not seen.
func (ib *incBuild) read(p, lang, rel string, parsed map[string]*parsedSource, diags *diag.List) *content.Source {
	fsys := ib.fsys
	info, err := fs.Stat(fsys, p)
	if err != nil {
		diags.Errorf(p, 0, 0, "cannot read: %v", err)
		return nil
	}
	if info.Size() > content.MaxFileSize {
		diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "too-large",
			Message: fmt.Sprintf("file is %d MB; the limit is %d MB", info.Size()>>20, content.MaxFileSize>>20),
			Hint:    "split it into several lessons"})
		return nil
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		diags.Errorf(p, 0, 0, "cannot read: %v", err)
		return nil
	}
	var kind content.Kind
	switch {
	case rel == "_index.md":
		kind = content.Home
	case path.Base(rel) == "_index.md":
		kind = content.Section
	default:
		kind = content.Page
	}
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
	if !ps.ok {
		return nil
	}
	return &content.Source{Lang: lang, Rel: rel, File: p, Kind: kind, FM: ps.fm, HasFrontMatter: ps.hasFM,
		Body: ps.body, BodyLine: ps.bodyLine, ModTime: info.ModTime(), Size: info.Size()}
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
		body: s.Body, bodyLine: s.BodyLine, diags: list.Items()}
}

// isEditorTemp mirrors content.isEditorTemp.
func isEditorTemp(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, ".#") || name == "4913" || strings.HasSuffix(name, ".tmp")
}

// checkSymlink mirrors content.checkSymlink.
func checkSymlink(fsys fs.FS, p string) string {
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		return ""
	}
	if path.IsAbs(target) || strings.HasPrefix(target, "/") {
		return fmt.Sprintf("symbolic link to %s points outside the course folder and is refused", target)
	}
	joined := path.Join(path.Dir(p), target)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return fmt.Sprintf("symbolic link to %s points outside the course folder and is refused", target)
	}
	return ""
}

func trimDot(p string) string {
	if p == "." {
		return ""
	}
	return p
}
