package site

import (
	"net/url"
	"path"
	"regexp"
	"strings"
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
}

// Resolve finds what dest (as written in from's Markdown) points at. The
// boolean is false when dest names a page or file that does not exist.
// External URLs and bare "#anchors" resolve to themselves (Target.Path "").
func (s *Site) Resolve(from *Page, dest string, staticFile func(string) bool) (Target, bool) {
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
				return Target{Page: pg, Path: pg.Path, Anchor: frag}, true
			}
		}
		return Target{}, false
	}
	// Relative to the source file, inside content/: "../m2/a.md" may also
	// reach another language ("../../fr/m1/a.md").
	lang := from.Lang
	full := path.Clean(path.Join(from.Source.Lang, path.Dir(from.Source.Rel), p))
	if strings.HasPrefix(full, "..") {
		return Target{}, false
	}
	code, rel, _ := strings.Cut(full, "/")
	if code != from.Source.Lang {
		if s.Lang(code) == nil {
			return Target{}, false
		}
		lang = code
	}
	l := s.Lang(lang)
	if l == nil {
		return Target{}, false
	}
	if pg := l.lookupPage(rel, code == from.Source.Lang); pg != nil {
		return Target{Page: pg, Path: pg.Path, Anchor: frag}, true
	}
	if out, ok := s.Resources[code+"/"+rel]; ok {
		return Target{Path: out, Anchor: frag}, true
	}
	return Target{}, false
}

// lookupPage finds the page for a source path inside the language folder:
// "m1/a.md", "m1/a/index.md" (as "m1/a/" or "m1/a.md"), "m1/" or "m1/_index.md".
func (l *Lang) lookupPage(rel string, sameLang bool) *Page {
	if rel == "" || rel == "." {
		return l.Home
	}
	candidates := []string{rel}
	switch {
	case strings.HasSuffix(rel, ".md"):
		base := strings.TrimSuffix(rel, ".md")
		candidates = append(candidates, base+"/index.md")
		if strings.HasSuffix(rel, "/index.md") || path.Base(rel) == "index.md" {
			candidates = append(candidates, path.Dir(rel)+".md")
		}
	case path.Ext(rel) == "":
		candidates = append(candidates, rel+"/_index.md", rel+"/index.md", rel+".md")
	default:
		return nil
	}
	if rel == "_index.md" {
		return l.Home
	}
	for _, c := range candidates {
		if p := l.byRel[c]; p != nil {
			return p
		}
	}
	return nil
}
