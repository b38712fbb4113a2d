package bundle

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/refscan"
)

// Problem is a reference in a bundled file that will not work when the
// bundle is opened from file:// without internet.
type Problem struct {
	File string
	// Line and Col (1-based, Col in characters) locate the reference in
	// File: its first character, inside a srcset or a style attribute too.
	Line, Col int
	// Ref is the reference as written (character references decoded).
	Ref string
	// Code names the kind of problem, for machines: "absolute-url",
	// "protocol-relative", "root-relative", "folder", "missing", "outside",
	// "case", "javascript", "file-url", "backslash", "bad-escape", "base".
	Code string
	// Reason says what is wrong and what to do.
	Reason string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %q: %s", p.File, p.Line, p.Col, p.Ref, p.Reason)
}

// Diagnostic presents p as a build error.
func (p Problem) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{
		File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
		Message: fmt.Sprintf("%q: %s", p.Ref, p.Reason), Code: p.Code,
	}
}

// ExternalLink is a link a reader may follow out of the bundle, such as
// a lesson's reference to a report online. It is not a problem (the page
// works without it) but officers offline cannot open it, so the bundle
// command lists them.
type ExternalLink struct {
	File      string
	Line, Col int
	URL       string
}

// SelfCheck looks at every HTML (.html, .htm), SVG, CSS and JavaScript
// (.js, .mjs) file for references that will not work offline, and returns
// them with the external links it found. It reads:
//
//   - in HTML: src, srcset, href, poster, data and background attributes of
//     the elements that load something (script, link with a rel that loads,
//     img, source, video, audio, track, embed, iframe, frame, object, input,
//     SVG image, use and feImage), links (a, area, meta refresh, and
//     where a form is sent: form action, formaction), other
//     <link> relations (canonical, alternate: checked when relative, and
//     absolute ones ignored, since no reader follows them), <base>, style
//     attributes and <style> elements (as CSS), and inline scripts (as
//     JavaScript);
//   - in CSS: url(...), @import and image-set();
//   - in JavaScript: string literals holding an absolute http(s) URL that is
//     evidently requested: passed to fetch, import, importScripts,
//     sendBeacon, EventSource, WebSocket or Worker, assigned to .src, a
//     module import, a ws: or wss: URL, or a URL of a script, stylesheet,
//     font or wasm file. Other URLs in scripts are left alone: a scanner
//     cannot know what a string is for, and false alarms teach people to
//     ignore the check.
//
// A reference is a problem when it is an absolute URL that the page loads
// (a link to one is an ExternalLink), "//host" or "/"-rooted, a
// javascript:, vbscript: or file: URL, when it names a folder rather than
// a file (offline, links must end in index.html), or when, relative, it
// resolves (after dropping ?query and #fragment and percent-decoding) to a
// path outside the bundle or to a file that is not in it. mailto:, tel:,
// data:, "#fragment" and other schemes' links are fine.
func SelfCheck(files []File) (problems []Problem, external []ExternalLink) {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Path
	}
	site := newSiteIndex(names)
	for _, f := range files {
		found := checkFile(site, f.Path, f.Data)
		problems = append(problems, found.problems...)
		external = append(external, found.external...)
	}
	sortFindings(problems, external)
	return problems, external
}

// sortFindings puts problems and external links in file, line and column order.
func sortFindings(problems []Problem, external []ExternalLink) {
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	slices.SortStableFunc(external, func(a, b ExternalLink) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// A reference is one URL found in a file (refscan reads them); its kind
// says what the browser does with it, which decides whether an absolute
// URL is a problem.
type (
	reference = refscan.Ref
	refKind   = refscan.Kind
)

const (
	// resourceRef is loaded with the page: it must be in the bundle.
	resourceRef = refscan.Resource
	// linkRef is followed when the reader asks: it may leave the bundle.
	linkRef = refscan.Link
	// relationRef is a <link> that loads nothing (canonical, alternate):
	// checked when relative, ignored when absolute, since no reader
	// clicks it and the online build is full of them.
	relationRef = refscan.Relation
	// baseRef is <base href>, which changes how every other reference resolves.
	baseRef = refscan.Base
	// scriptRequestRef is an absolute URL a script evidently requests.
	scriptRequestRef = refscan.ScriptRequest
	// submitRef is where a form is sent, when the reader sends it: as a
	// link, an external one is listed (a lesson's form in raw HTML that
	// posts to a web site sends what the officer typed there) and a
	// relative one must be a file of the bundle.
	submitRef = refscan.Submit
)

// siteIndex knows which files and folders a bundle has.
type siteIndex struct {
	files  map[string]bool
	folded map[string]string // foldKey(path) → path, to spot case mistakes
	dirs   map[string]bool
}

func newSiteIndex(names []string) *siteIndex {
	s := &siteIndex{files: map[string]bool{}, folded: map[string]string{}, dirs: map[string]bool{}}
	for _, name := range names {
		s.files[name] = true
		s.folded[foldKey(name)] = name
		for dir := range parents(name) {
			s.dirs[dir] = true
		}
	}
	return s
}

// classify returns the problem code and reason for ref found in file from,
// or reports that it is an external link, or neither (it is fine).
func (s *siteIndex) classify(from referrer, ref reference) (code, reason string, external bool) {
	code, reason, external, t, ok := precheck(from, ref)
	if !ok {
		return code, reason, external
	}
	return s.lookup(t)
}

// target is a relative reference resolved to a path in the bundle, which
// only the bundle's list of files can judge.
type target struct {
	path   string // resolved, slash-separated, relative to the bundle's root
	folder bool   // written as a folder ("x/", ".", "..")
	rel, u string // as written, without and with ?query#fragment
}

// precheck makes the checks of classify that need no list of files: it
// returns a verdict, or the target to look up (hasTarget).
func precheck(from referrer, ref reference) (code, reason string, external bool, t target, hasTarget bool) {
	code, reason, external = precheckURL(from, ref, &t, &hasTarget)
	return code, reason, external, t, hasTarget
}

func precheckURL(from referrer, ref reference, t *target, hasTarget *bool) (code, reason string, external bool) {
	u := cleanURL(ref.URL)
	if ref.Kind == submitRef {
		ref.Kind = linkRef
	}
	switch ref.Kind {
	case baseRef:
		return "base", "a <base> element changes where every relative link of the page points; offline pages must not use it", false
	case scriptRequestRef:
		return "absolute-url", "the script requests it, but an offline copy has no internet: bundle the file and load it with a relative URL", false
	}
	if u == "" || strings.HasPrefix(u, "#") {
		return "", "", false
	}
	if strings.Contains(u, `\`) {
		return "backslash", "a backslash in a URL (a Windows path?): use /", false
	}
	if strings.HasPrefix(u, "//") {
		return "protocol-relative", "from file:// a //host URL points at the local disk, and offline there is no host: bundle the file and use a relative path", false
	}
	if scheme, ok := refscan.Scheme(u); ok {
		switch scheme {
		case "http", "https", "ftp":
			switch ref.Kind {
			case linkRef:
				return "", "", true
			case relationRef:
				return "", "", false
			}
			return "absolute-url", "loaded from the internet, which an offline copy does not have: bundle the file and use a relative path", false
		case "ws", "wss":
			return "absolute-url", "a network connection, which an offline copy does not have", false
		case "javascript", "vbscript":
			return "javascript", "script in a URL: it does not work in every browser and hides code from review; use a script file", false
		case "file":
			return "file-url", "a file: URL points at one computer's disk: use a relative path", false
		case "mailto", "tel", "sms", "data", "about", "blob", "geo":
			return "", "", false
		}
		if ref.Kind == linkRef || ref.Kind == relationRef {
			return "", "", false // handed to another application (skype:, whatsapp:)
		}
		return "absolute-url", fmt.Sprintf("a %s: URL is not part of the bundle", scheme), false
	}
	if strings.HasPrefix(u, "/") {
		return "root-relative", "from file:// a /-rooted path points at the root of the disk: use a path relative to this file", false
	}

	rel := u
	if i := strings.IndexByte(rel, '#'); i >= 0 {
		rel = rel[:i]
	}
	if i := strings.IndexByte(rel, '?'); i >= 0 {
		rel = rel[:i]
	}
	if rel == "" {
		return "", "", false // "?x": this page again
	}
	decoded, err := url.PathUnescape(rel)
	if err != nil || !utf8.ValidString(decoded) {
		return "bad-escape", "malformed percent-encoding", false
	}
	resolved := from.resolve(decoded)
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		return "outside", "points outside the bundle", false
	}
	last := decoded[strings.LastIndexByte(decoded, '/')+1:]
	*t = target{path: resolved, folder: last == "" || last == "." || last == ".." || resolved == ".", rel: rel, u: u}
	*hasTarget = true
	return "", "", false
}

// lookup judges a target against the bundle's files.
func (s *siteIndex) lookup(t target) (code, reason string, external bool) {
	target, rel, u := t.path, t.rel, t.u
	if t.folder || s.dirs[target] {
		reason := "names a folder: offline, a browser shows a file listing or nothing; link to the folder's index.html"
		if s.files[path.Join(target, "index.html")] {
			suggestion := rel
			if !strings.HasSuffix(suggestion, "/") {
				suggestion += "/"
			}
			suggestion += "index.html" + u[len(rel):] // keep ?query#fragment
			reason = fmt.Sprintf("names a folder: offline, a browser shows a file listing or nothing; link to %q", suggestion)
		}
		return "folder", reason, false
	}
	if s.files[target] {
		return "", "", false
	}
	if actual, ok := s.folded[foldKey(target)]; ok {
		return "case", fmt.Sprintf("the bundle has %q: letter case matters outside Windows", actual), false
	}
	return "missing", fmt.Sprintf("%q is not in the bundle", target), false
}

// cleanURL does what browsers do before parsing a URL attribute: drop
// leading and trailing spaces and control characters, and tabs and
// newlines anywhere ("java\nscript:" is javascript:).
func cleanURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	return s
}

// lineIndex turns byte offsets into line and column.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of each line's start
	// The last answer: references come mostly in file order, so counting
	// characters from the previous one keeps a minified one-line file
	// linear instead of recounting its line for every reference.
	lastOffset, lastLine, lastCol int
}

func newLineIndex(src []byte) *lineIndex {
	l := &lineIndex{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// position returns the 1-based line and the 1-based column, counted in
// characters as editors show them.
func (l *lineIndex) position(offset int) (line, col int) {
	offset = min(max(offset, 0), len(l.src))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	from, col := l.starts[i], 1
	if l.lastLine == i+1 && l.lastOffset <= offset {
		from, col = l.lastOffset, l.lastCol
	}
	col += utf8.RuneCount(l.src[from:offset])
	l.lastOffset, l.lastLine, l.lastCol = offset, i+1, col
	return i + 1, col
}
