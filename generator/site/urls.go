package site

import (
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"golang.org/x/text/unicode/norm"
)

// RelURL is the relative URL from the page at fromPath (a folder path like
// "fr/m1/intro/", "" for the site root) to target (a path relative to the
// site root: a page folder "fr/m2/" or a file "assets/site.css").
//
// Every link of the site is relative, so the same HTML works under any
// baseURL and from file://. In offline builds a link to a folder ends in
// "index.html", because browsers do not open a folder's index from disk.
func RelURL(fromPath, target string, offline bool) string {
	from := splitPath(fromPath)
	isDir := target == "" || strings.HasSuffix(target, "/")
	to := splitPath(target)
	i := 0
	for i < len(from) && i < len(to) && from[i] == to[i] {
		i++
	}
	var b strings.Builder
	for range len(from) - i {
		b.WriteString("../")
	}
	if b.Len() == 0 && i < len(to) && strings.Contains(to[i], ":") {
		// "javascript:x/" would be read as a URL of that scheme: a
		// relative path's first segment may not hold a colon (RFC 3986).
		b.WriteString("./")
	}
	for j, seg := range to[i:] {
		if j > 0 {
			b.WriteByte('/')
		}
		b.WriteString(url.PathEscape(seg))
	}
	if isDir && len(to) > i {
		b.WriteByte('/')
	}
	if isDir && offline {
		b.WriteString("index.html")
	}
	if b.Len() == 0 {
		return "./"
	}
	return b.String()
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// IsExternal reports whether dest names another site or a scheme (mailto:).
func IsExternal(dest string) bool {
	return scheme.MatchString(dest) || strings.HasPrefix(dest, "//")
}

// Target is what a link in a page's Markdown points at.
type Target struct {
	Page   *Page  // the page linked to, or nil for a file
	Path   string // site-root-relative path of the page folder or the file
	Anchor string // without '#'
	lang   string // of the page or file, "" for static files
}

// Resolve finds what dest (as written in from's Markdown) points at. The
// boolean is false when dest names a page or file that does not exist, or
// that is in a language the build does not render (see SetRendered).
// External URLs and bare "#anchors" resolve to themselves (Target.Path "").
func (s *Site) Resolve(from *Page, dest string, staticFile func(string) bool) (Target, bool) {
	t, ok := s.resolve(from, dest, staticFile)
	if ok && t.lang != "" && !s.isRendered(t.lang) {
		return Target{}, false
	}
	return t, ok
}

// SetRendered names the languages the build writes (an offline copy of
// some); links into the others are left out. Without it, all are written.
func (s *Site) SetRendered(codes []string) {
	s.rendered = map[string]bool{}
	for _, c := range codes {
		s.rendered[c] = true
	}
}

func (s *Site) isRendered(code string) bool { return s.rendered == nil || s.rendered[code] }

func (s *Site) resolve(from *Page, dest string, staticFile func(string) bool) (Target, bool) {
	if IsExternal(dest) {
		return Target{}, true
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if p == "" {
		return Target{Page: from, Path: from.Path, Anchor: frag}, true
	}
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if strings.HasPrefix(p, "/") {
		clean := strings.TrimPrefix(path.Clean(p), "/")
		if staticFile != nil && staticFile(clean) {
			return Target{Path: clean, Anchor: frag}, true
		}
		for _, l := range s.Langs {
			if pg := l.byPath[strings.TrimSuffix(clean, "/")+"/"]; pg != nil {
				return Target{Page: pg, Path: pg.Path, Anchor: frag, lang: pg.Lang}, true
			}
		}
		return Target{}, false
	}
	code, rel, ok := s.sourcePath(from.Source, p)
	if !ok {
		return Target{}, false
	}
	// A fallback page's links stay in the language it is shown in.
	l := s.Lang(from.Lang)
	if code != from.Source.Lang {
		l = s.Lang(code)
	}
	if l == nil {
		return Target{}, false
	}
	if pg := l.lookupPage(rel); pg != nil {
		return Target{Page: pg, Path: pg.Path, Anchor: frag, lang: pg.Lang}, true
	}
	// A file of the page's own bundle, in the language it is shown in
	// (a page untranslated has its copy there too).
	if out, ok := s.Resources[l.Code+"/"+rel]; ok {
		return Target{Path: out, Anchor: frag, lang: l.Code}, true
	}
	if t, ok := s.resolveAccented(l, rel, frag); ok {
		return t, true
	}
	// With missingTranslations: omit, a page not translated yet is only
	// in the default language, and a translation's link to it goes there.
	if def := s.Config.DefaultLanguage; code == from.Source.Lang && code != def && s.Config.MissingTranslations == "omit" {
		if pg := s.Lang(def).lookupPage(rel); pg != nil {
			return Target{Page: pg, Path: pg.Path, Anchor: frag, lang: def}, true
		}
		if out, ok := s.Resources[def+"/"+rel]; ok {
			return Target{Path: out, Anchor: frag, lang: def}, true
		}
	}
	return Target{}, false
}

// resolveAccented finds the page or bundle file rel names in l when an
// accented name is written in the other of Unicode's two forms: "á" as one
// character (as most keyboards type it) or as "a" and an accent (as macOS
// names files), each folder and file of the path in either. Both name the
// same file. It compares every name, so it runs only once the exact
// lookups have failed.
func (s *Site) resolveAccented(l *Lang, rel, frag string) (Target, bool) {
	if norm.NFC.IsNormalString(rel) && norm.NFD.IsNormalString(rel) {
		return Target{}, false // nothing accented
	}
	want := map[string]bool{}
	for _, c := range sourceCandidates(rel) {
		want[norm.NFC.String(c)] = true
	}
	for _, c := range slices.Sorted(maps.Keys(l.byRel)) {
		if want[norm.NFC.String(c)] {
			pg := l.byRel[c]
			return Target{Page: pg, Path: pg.Path, Anchor: frag, lang: pg.Lang}, true
		}
	}
	prefix, file := l.Code+"/", norm.NFC.String(rel)
	for _, key := range slices.Sorted(maps.Keys(s.Resources)) {
		if strings.HasPrefix(key, prefix) && norm.NFC.String(key[len(prefix):]) == file {
			return Target{Path: s.Resources[key], Anchor: frag, lang: l.Code}, true
		}
	}
	return Target{}, false
}

// sourcePath is the language and the path inside its folder that p, a
// path relative to the source file from, names: "../m2/a.md" may also
// reach another language ("../../fr/m1/a.md"). ok is false outside
// content/ or in a language the course does not have. It asks the
// configuration, not the model, so that it serves while the model is built.
func (s *Site) sourcePath(from *content.Source, p string) (code, rel string, ok bool) {
	full := path.Clean(path.Join(from.Lang, path.Dir(from.Rel), p))
	if strings.HasPrefix(full, "..") {
		return "", "", false
	}
	code, rel, _ = strings.Cut(full, "/")
	if _, ok := s.Config.Language(code); !ok {
		return "", "", false
	}
	return code, rel, true
}

// lookupPage finds the page for a source path inside the language folder:
// "m1/a.md", "m1/a/index.md" (as "m1/a/" or "m1/a.md"), "m1/" or "m1/_index.md".
func (l *Lang) lookupPage(rel string) *Page {
	if rel == "" || rel == "." || rel == "_index.md" {
		return l.Home
	}
	for _, c := range sourceCandidates(rel) {
		if p := l.byRel[c]; p != nil {
			return p
		}
	}
	return nil
}

// sourceCandidates are the source files a link to rel may mean.
func sourceCandidates(rel string) []string {
	switch {
	case strings.HasSuffix(rel, ".md"):
		candidates := []string{rel, strings.TrimSuffix(rel, ".md") + "/index.md"}
		if path.Base(rel) == "index.md" {
			candidates = append(candidates, path.Dir(rel)+".md")
		}
		return candidates
	case path.Ext(rel) == "":
		return []string{rel, rel + "/_index.md", rel + "/index.md", rel + ".md"}
	}
	return nil
}

// relativeLinkPath is a relative link of a page's Markdown, taken apart.
type relativeLinkPath struct {
	path, frag string // the path as written (unescaped), the fragment
	code, rel  string // the language and the path inside its folder it names
}

// relativeLink takes apart dest, a link in from's Markdown, when it is a
// relative path into content/ (not an anchor alone, an absolute path or
// another site).
func (s *Site) relativeLink(from *content.Source, dest string) (relativeLinkPath, bool) {
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if p == "" || IsExternal(dest) || strings.HasPrefix(p, "/") {
		return relativeLinkPath{}, false
	}
	code, rel, ok := s.sourcePath(from, p)
	return relativeLinkPath{path: p, frag: frag, code: code, rel: rel}, ok
}

// ResourceFile is the course file ("content/fr/m1/a/map.png") of the
// page's own files that dest, a relative link in from's Markdown, names,
// or "".
func (s *Site) ResourceFile(from *Page, dest string) string {
	t, ok := s.relativeLink(from.Source, dest)
	if !ok {
		return ""
	}
	// Where Resolve looks: a fallback page's files are its language's copies.
	lang := t.code
	if t.code == from.Source.Lang {
		lang = from.Lang
	}
	if file, ok := s.fileSources[lang+"/"+t.rel]; ok {
		return file
	}
	if def := s.Config.DefaultLanguage; lang == from.Lang && s.Config.MissingTranslations == "omit" {
		return s.fileSources[def+"/"+t.rel] // as Resolve, for a module not translated
	}
	return ""
}

// LeftOutList names every page and file the build leaves out, with why,
// sorted: what LeftOut answers depends on it.
func (s *Site) LeftOutList() []string {
	var out []string
	for key, src := range s.leftOut {
		out = append(out, key+"\x00"+s.Filter.why(src))
	}
	for key, src := range s.leftOutFiles {
		out = append(out, key+"\x00file\x00"+s.Filter.why(src))
	}
	slices.Sort(out)
	return out
}

// SuggestLink is dest with its last part replaced by the nearest name of a
// page or file in the folder it names ("ilo-indicator.md" →
// "ilo-indicators.md", "../indicator/" → "../indicators/"), for a link
// Resolve did not find; "" when nothing is near.
func (s *Site) SuggestLink(from *Page, dest string) string {
	if file := s.pageAtURL(from, dest); file != "" {
		return file
	}
	t, ok := s.relativeLink(from.Source, dest)
	if !ok {
		return ""
	}
	// A lesson turned into a folder (lesson/index.md, to keep its images
	// beside it) sits one folder deeper: its links to its neighbours now
	// need a "../" they did not.
	if path.Base(from.Source.Rel) == "index.md" && from.Source.Rel != "index.md" && !strings.HasPrefix(dest, "/") {
		if _, found := s.resolve(from, "../"+dest, nil); found {
			return "../" + dest
		}
	}
	p, code, rel := t.path, t.code, t.rel
	frag, hasFrag := t.frag, strings.Contains(dest, "#")
	l := s.Lang(code)
	if code == from.Source.Lang {
		l = s.Lang(from.Lang)
	}
	slash := strings.HasSuffix(p, "/")
	dir := path.Dir(strings.TrimSuffix(rel, "/"))
	base := path.Base(strings.TrimSuffix(rel, "/"))
	var names []string
	for r, pg := range l.byRel {
		if pg == from {
			continue // not the page the link is on
		}
		switch {
		case pg.Kind == content.Section && parentDir(path.Dir(r)) == trimDot(dir):
			names = append(names, path.Base(path.Dir(r))) // a module's folder
		case path.Base(r) == "index.md" && parentDir(path.Dir(r)) == trimDot(dir):
			names = append(names, path.Base(path.Dir(r))) // a lesson's folder
		case path.Dir(r) == dir && pg.Kind != content.Section:
			names = append(names, path.Base(r))
		}
	}
	// The files of the language Resolve looked in (the page's own for a
	// fallback page): a name only another language has would be
	// suggested as the very name written.
	for key := range s.Resources {
		if r, ok := strings.CutPrefix(key, l.Code+"/"); ok && path.Dir(r) == dir {
			names = append(names, path.Base(r))
		}
	}
	// Sorted: the names come from maps, and of two names as near the
	// same one is to be suggested every build.
	slices.Sort(names)
	best := diag.Suggest(base, names)
	if best == "" || best == base {
		// The name written is no suggestion: Resolve did not find it.
		return ""
	}
	fixed := strings.TrimSuffix(p, "/")
	fixed = fixed[:strings.LastIndex("/"+fixed, "/")] + best
	if slash {
		fixed += "/"
	}
	if hasFrag {
		fixed += "#" + frag
	}
	return fixed
}

// pageAtURL is the path of the .md file, relative to from's, of the page
// whose URL dest is when read relative to from's URL ("../fees/" from
// /en/m/red-flags/ is /en/m/fees/, whose file is fees.md beside from's),
// with dest's #fragment, or "". Links name files, but a link copied from
// the browser's address bar names a URL, a folder deeper than a lesson's
// file.
func (s *Site) pageAtURL(from *Page, dest string) string {
	p, frag, hasFrag := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if p == "" || IsExternal(dest) || strings.HasPrefix(p, "/") || from.Path == "" {
		return ""
	}
	at := path.Join(from.Path, p) + "/"
	var target *Page
	for _, l := range s.Langs {
		if pg := l.byPath[at]; pg != nil && pg.Path == at { // a page, not an alias
			target = pg
			break
		}
	}
	if target == nil || target == from || target.Source == nil || !strings.HasSuffix(target.Source.File, ".md") {
		return ""
	}
	// A link in a source stays in the language its page is shown in:
	// the target's file is named in the source's language folder.
	toLang := target.Source.Lang
	if target.Lang == from.Lang {
		toLang = from.Source.Lang
	}
	file := relativePath(path.Join(from.Source.Lang, path.Dir(from.Source.Rel)), path.Join(toLang, target.Source.Rel))
	if hasFrag {
		file += "#" + frag
	}
	return file
}

// relativePath is the path of the file to relative to the folder dir, both
// relative to the same root: "fees.md", "../m2/_index.md".
func relativePath(dir, to string) string {
	from, parts := splitPath(dir), splitPath(to)
	i := 0
	for i < len(from) && i < len(parts)-1 && from[i] == parts[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(parts[i:], "/")
}

func trimDot(dir string) string {
	if dir == "." {
		return ""
	}
	return dir
}

// LeftOut says why dest, a link in from's Markdown that Resolve did not
// find, names a page or a file of a page that this build leaves out ("is
// for trainers only", "is a draft"), or "" when it names nothing.
func (s *Site) LeftOut(from *Page, dest string) string {
	if t, ok := s.resolve(from, dest, nil); ok && t.lang != "" && !s.isRendered(t.lang) {
		name := t.lang
		if l := s.Lang(t.lang); l != nil && l.Name != "" {
			name = l.Name + " (" + t.lang + ")"
		}
		return "is in " + name + ", which this build leaves out"
	}
	t, ok := s.relativeLink(from.Source, dest)
	if !ok {
		return ""
	}
	code, rel := t.code, t.rel
	var src *content.Source
	for _, c := range sourceCandidates(rel) {
		if src = s.leftOut[code+"/"+c]; src != nil {
			break
		}
	}
	if src == nil {
		src = s.leftOutFiles[code+"/"+rel]
	}
	if src == nil {
		return ""
	}
	return s.Filter.why(src)
}
