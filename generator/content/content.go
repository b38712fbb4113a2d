// Package content walks a course's content/ folder and splits every
// Markdown file into front matter and body, keeping line numbers so that
// every later message points at the real line of the file.
//
// # Layout
//
//	content/<lang>/_index.md                 the language's home page
//	content/<lang>/<module>/_index.md        a module (section)
//	content/<lang>/<module>/<lesson>.md      a lesson
//	content/<lang>/<module>/<lesson>/index.md  a lesson with its files beside it (leaf bundle)
//	content/<lang>/glossary.md               the glossary
//
// Folders nest to any depth. Files that are not Markdown are resources: they
// are copied next to the page of the folder they sit in. A page saved under
// another name ("lesson.markdown", Notepad's "lesson.md.txt", a text file
// that opens with front matter) is neither a page nor a resource: it is
// left out, with a warning, since copied it would publish its text, trainer
// notes and all.
//
// The package reads through fs.FS and never writes.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/decode"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/scaffold/placeholder"
)

// Kind says what a source file is in the course.
type Kind int

const (
	Page    Kind = iota // a lesson or a stand-alone page
	Section             // a module: a folder's _index.md
	Home                // content/<lang>/_index.md
)

// FrontMatter holds the keys a page may set. Its yaml tags are the list of
// known keys; anything else is warned about with the nearest known key.
type FrontMatter struct {
	Title          string   `yaml:"title" toml:"title"`
	Description    string   `yaml:"description" toml:"description"`
	Weight         int      `yaml:"weight" toml:"weight"`
	Draft          bool     `yaml:"draft" toml:"draft"`
	Slug           string   `yaml:"slug" toml:"slug"`
	Aliases        []string `yaml:"aliases" toml:"aliases"`
	TranslationKey string   `yaml:"translationKey" toml:"translationKey"`
	Audience       string   `yaml:"audience" toml:"audience"`
	Duration       int      `yaml:"duration" toml:"duration"`
	Objectives     []string `yaml:"objectives" toml:"objectives"`
	Keypoints      []string `yaml:"keypoints" toml:"keypoints"`
	Prerequisites  []string `yaml:"prerequisites" toml:"prerequisites"`
	TranslatedFrom string   `yaml:"translatedFrom" toml:"translatedFrom"`
}

// Source is one Markdown file of one language.
type Source struct {
	Lang string
	// Rel is the path inside the language folder: "m1/intro.md",
	// "m1/_index.md", "m1/lesson/index.md", "_index.md".
	Rel string
	// File is the path shown in messages: "content/en/m1/intro.md".
	File string
	Kind Kind
	FM   FrontMatter
	// HasFrontMatter is false for a file without a front matter block.
	HasFrontMatter bool
	// Unusable is set for a file Parse could not use (see Unusable): its
	// error fails the build, and nothing more is said about it.
	Unusable bool
	Body     []byte
	// BodyLine is the number of lines of the file before Body.
	BodyLine int
	// Resources are the files beside a leaf bundle's index.md or a section's
	// _index.md, as paths inside the language folder.
	Resources []string
	ModTime   time.Time
	Size      int64
	// SlugLine is the line of the slug key in the file, when it has one:
	// where a URL clash it causes is reported.
	SlugLine int
	// AliasesLine is the line of the aliases key in the file, when it has
	// one: where a mistake in an alias is reported (site.Build).
	AliasesLine int
	// EmptyLine is where a lesson with no text but its title is reported
	// (site.Build does, unless it is a draft), or 0.
	EmptyLine int
}

// Dir is the folder the page sits in (the module of a lesson): "m1" for
// "m1/intro.md", "m1/lesson/index.md" and "m1/_index.md"; "" at the top.
func (s *Source) Dir() string {
	switch {
	case s.Kind == Section || s.Kind == Home:
		return trimDot(path.Dir(s.Rel))
	case path.Base(s.Rel) == "index.md":
		return trimDot(path.Dir(path.Dir(s.Rel)))
	}
	return trimDot(path.Dir(s.Rel))
}

// Name is the page's own name, the last element of its URL before slug:
// "intro" for "m1/intro.md" and "m1/intro/index.md", "m1" for "m1/_index.md".
func (s *Source) Name() string {
	switch {
	case s.Kind == Home:
		return ""
	case s.Kind == Section, path.Base(s.Rel) == "index.md":
		return path.Base(path.Dir(s.Rel))
	}
	return strings.TrimSuffix(path.Base(s.Rel), path.Ext(s.Rel))
}

// IsGlossary reports whether s is content/<lang>/glossary.md.
func (s *Source) IsGlossary() bool { return s.Rel == "glossary.md" }

func trimDot(p string) string {
	if p == "." {
		return ""
	}
	return p
}

// MaxFileSize is the largest Markdown file read; larger ones are refused
// with a message rather than slowing every rebuild.
const MaxFileSize = 32 << 20

// LongFileSize is the size from which a Markdown file is built with a
// warning: its page is slow to open on a phone or a slow link. The longest
// page of the bundled course is 14 KB.
const LongFileSize = 1 << 20

// Walk reads every Markdown file of the given languages under content/.
func Walk(fsys fs.FS, langs []string, diags *diag.List) []*Source {
	// Languages are read in parallel (reading and parsing thousands of
	// files is a build's one long serial step otherwise), and their
	// sources and messages put together in the order of langs.
	sources := make([][]*Source, len(langs))
	lists := make([]diag.List, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Go(func() { sources[i] = walkLang(fsys, lang, &lists[i]) })
	}
	wg.Wait()
	var out []*Source
	for i := range langs {
		out = append(out, sources[i]...)
		diags.Merge(&lists[i])
	}
	return out
}

func walkLang(fsys fs.FS, lang string, diags *diag.List) []*Source {
	return WalkLang(fsys, lang, diags, func(p, lang, rel string, diags *diag.List) *Source {
		return read(fsys, p, lang, rel, diags)
	})
}

// Reader reads one Markdown file that WalkLang found: p is its path in the
// course folder, rel its path in the language folder. It returns nil when
// the file cannot be used (the reason is in diags).
type Reader func(p, lang, rel string, diags *diag.List) *Source

// WalkLang walks content/<lang>, reading each Markdown file with read (the
// live preview reads through a cache) and attaching resources to the pages
// whose folders hold them. The rules of what is skipped or refused are here
// once, for full and incremental builds alike.
func WalkLang(fsys fs.FS, lang string, diags *diag.List, read Reader) []*Source {
	root := "content/" + lang
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		// A language of site.yaml with no folder yet: every page of it is
		// the default language's, shown as a fallback (or omitted).
		return nil
	}
	var sources []*Source
	resources := map[string][]string{} // folder → non-Markdown files in it
	lowerSeen := map[string]string{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Add(diag.ReadError(p, err))
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || IsEditorTemp(name)) {
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
			if diag.LeavesCourse(err) {
				diags.Add(diag.ReadError(p, err))
				return nil
			}
			if err != nil {
				diags.Errorf(p, 0, 0, "broken symbolic link: %v", err)
				return nil
			}
			if info.IsDir() {
				diags.Add(diag.Diagnostic{File: p, Severity: diag.Warning, Code: "symlink",
					Message: "a symbolic link to a folder is not followed", Hint: "move the folder into the course"})
				return nil
			}
			if what := notAFile(info.Mode()); what != "" {
				diags.Add(notAFileError(p, what))
				return nil
			}
		}
		if what := notAFile(d.Type()); what != "" {
			diags.Add(notAFileError(p, what))
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		if prev, ok := lowerSeen[strings.ToLower(rel)]; ok {
			// Both are read all the same: the error fails the build, and
			// links to either are not reported broken as well.
			diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "case-clash",
				Message: fmt.Sprintf("%s and %s differ only in letter case", prev, p),
				Hint:    "rename one: they would overwrite each other on Windows and macOS"})
		}
		lowerSeen[strings.ToLower(rel)] = p
		if !strings.EqualFold(path.Ext(name), ".md") {
			if msg, hint, ok := misnamedPage(fsys, p, name); ok {
				// Not copied either: its text, trainer notes perhaps,
				// would be published as it is, audience: trainer or not.
				diags.Add(diag.Diagnostic{File: p, Severity: diag.Warning, Code: "markdown-extension", Message: msg, Hint: hint})
				return nil
			}
			dir := trimDot(path.Dir(rel))
			resources[dir] = append(resources[dir], rel)
			return nil
		}
		if src := read(p, lang, rel, diags); src != nil {
			sources = append(sources, src)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Add(diag.ReadError(root, err))
	}
	// Resources belong to the leaf bundle or section whose folder holds them.
	for _, s := range sources {
		if s.Kind == Section || s.Kind == Home || path.Base(s.Rel) == "index.md" {
			dir := trimDot(path.Dir(s.Rel))
			s.Resources = resources[dir]
			sort.Strings(s.Resources)
			delete(resources, dir)
		}
	}
	for dir, files := range resources {
		hint := fmt.Sprintf("put it in static/, or next to an index.md or _index.md (folder %q has neither)", dir)
		if dir == "" {
			hint = fmt.Sprintf("put it in static/, or write %s/_index.md, the language's home page, which takes the files beside it", root)
		}
		for _, f := range files {
			diags.Add(diag.Diagnostic{File: root + "/" + f, Severity: diag.Warning, Code: "orphan-file",
				Message: "this file is not part of any page and is not copied", Hint: hint})
		}
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].Rel < sources[j].Rel })
	return sources
}

// IsEditorTemp recognises the files editors, office programs and systems
// write beside the files they edit: swap and backup files (vim's .swp and
// 4913, name~, .bak, nano's .save), emacs's autosaves (#name#) and locks
// (.#name), JetBrains' and Kate's, Chrome's .crswap, the lock files of
// Word (~$name.docx) and LibreOffice (.~lock.name#), atomic-save
// temporaries, and Windows' Thumbs.db, desktop.ini and :Zone.Identifier.
// None is the course's: copied beside a lesson or from static/, such a
// file would publish a draft of the page (trainer notes and all) as raw
// text.
func IsEditorTemp(name string) bool {
	lower := strings.ToLower(name) // A.MD.BAK on Windows
	switch {
	case name == "4913", lower == "thumbs.db", lower == "desktop.ini",
		strings.HasPrefix(name, ".#"), strings.HasPrefix(name, ".~lock."), strings.HasPrefix(name, "~$"),
		strings.HasPrefix(name, ".goutputstream-"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.Contains(name, ":Zone.Identifier"), // Windows' download mark, copied by WSL
		nanoSave.MatchString(lower):
		return true
	}
	for _, suffix := range []string{"~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crswap", "___jb_tmp___", "___jb_old___", ".bak", ".orig"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return false
}

// nanoSave is nano's emergency save of a file it could not write:
// name.save, then name.save.1, …
var nanoSave = regexp.MustCompile(`\.save(\.\d+)?$`)

// checkSymlink refuses links whose target leaves the source folder.
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

func read(fsys fs.FS, p, lang, rel string, diags *diag.List) *Source {
	info, data, ok := ReadMarkdown(fsys, p, diags)
	if !ok {
		return nil
	}
	s := &Source{Lang: lang, Rel: rel, File: p, Kind: KindOf(rel), ModTime: info.ModTime(), Size: info.Size()}
	if !Parse(s, data, diags) {
		return Unusable(s)
	}
	return s
}

// Unusable empties s, a file Parse could not use (its error fails the
// build), which stays a page so that links to it, and to its headings, are
// not reported broken as well.
func Unusable(s *Source) *Source {
	return &Source{Lang: s.Lang, Rel: s.Rel, File: s.File, Kind: s.Kind, ModTime: s.ModTime, Size: s.Size, Unusable: true}
}

// KindOf says what the file at rel (inside a language folder) is.
func KindOf(rel string) Kind {
	switch {
	case rel == "_index.md":
		return Home
	case path.Base(rel) == "_index.md":
		return Section
	}
	return Page
}

// InfoReadFS is a file system that reads a file together with the info
// of the very file it read (a build's folder cache, build.Cached): it
// opens the file once and states what it opened, where fs.Stat and then
// fs.ReadFile go to the file twice, and may state one version of it and
// read another.
type InfoReadFS interface {
	fs.FS
	// ReadFileInfo returns name's info and, when its size is limit or
	// less, its bytes (nil otherwise). ok is false whenever it cannot
	// answer as fs.Stat and fs.ReadFile would (a link, a folder, an error
	// among others): the caller then asks them, and gets their answers and
	// their errors.
	ReadFileInfo(name string, limit int64) (info fs.FileInfo, data []byte, ok bool)
}

// readFileInfo is fsys's ReadFileInfo, when it has one.
func readFileInfo(fsys fs.FS, name string, limit int64) (fs.FileInfo, []byte, bool) {
	if r, ok := fsys.(InfoReadFS); ok {
		return r.ReadFileInfo(name, limit)
	}
	return nil, nil, false
}

// ReadMarkdown stats and reads a Markdown file, and refuses one too large
// to read; what went wrong is in diags.
func ReadMarkdown(fsys fs.FS, p string, diags *diag.List) (fs.FileInfo, []byte, bool) {
	info, data, read := readFileInfo(fsys, p, MaxFileSize)
	if !read {
		var err error
		if info, err = fs.Stat(fsys, p); err != nil {
			diags.Add(diag.ReadError(p, err))
			return nil, nil, false
		}
		if what := notAFile(info.Mode()); what != "" {
			diags.Add(notAFileError(p, what))
			return nil, nil, false
		}
	}
	if info.Size() > MaxFileSize {
		diags.Add(diag.Diagnostic{File: p, Severity: diag.Error, Code: "too-large",
			Message: fmt.Sprintf("file is %.1f MB; the limit is %d MB", float64(info.Size())/(1<<20), MaxFileSize>>20),
			Hint:    "split it into several lessons"})
		return nil, nil, false
	}
	if info.Size() > LongFileSize {
		diags.Add(diag.Diagnostic{File: p, Severity: diag.Warning, Code: "long-page",
			Message: fmt.Sprintf("file is %.1f MB: its page is slow to open on a phone or a slow link", float64(info.Size())/(1<<20)),
			Hint:    "split it into several lessons"})
	}
	if !read {
		var err error
		if data, err = fs.ReadFile(fsys, p); err != nil {
			diags.Add(diag.ReadError(p, err))
			return nil, nil, false
		}
	}
	return info, data, true
}

// notAFile says what mode is when it is neither a regular file, nor a
// folder, nor a link: a named pipe, a socket or a device. Opening one to
// read it would wait (a pipe, for a writer that may never come) or read
// without end, and hang the build. "" otherwise.
func notAFile(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	case mode&fs.ModeIrregular != 0:
		return "something other than a file or a folder"
	}
	return ""
}

// notAFileError refuses p, what notAFile says it is.
func notAFileError(p, what string) diag.Diagnostic {
	return diag.Diagnostic{File: p, Severity: diag.Error, Code: "not-a-file",
		Message: "this is " + what + ", not a regular file: the build cannot read it",
		Hint:    "delete it, or put a regular file in its place"}
}

// ReadBody reads s's body from its file again, for a build that let go of
// it after the walk (see build.Options.DropSources). The file must be as
// the walk saw it: a file saved since is an error, so that no page is
// built from two versions of it.
func ReadBody(fsys fs.FS, s *Source) ([]byte, error) {
	// Read only if it has the size it had: one of another size has
	// changed, and is not needed.
	info, data, read := readFileInfo(fsys, s.File, s.Size)
	if !read {
		var err error
		if info, err = fs.Stat(fsys, s.File); err != nil {
			return nil, err
		}
	}
	if info.Size() != s.Size || !info.ModTime().Equal(s.ModTime) || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s changed during the build; build again", s.File)
	}
	if !read {
		var err error
		if data, err = fs.ReadFile(fsys, s.File); err != nil {
			return nil, err
		}
	}
	data = normalizeNewlines(data)
	_, body, _, _ := Split(data)
	return body, nil
}

// normalizeNewlines drops a UTF-8 BOM and turns CRLF and CR into LF.
func normalizeNewlines(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// Parse fills s's front matter and body from data: a UTF-8 BOM is dropped,
// CRLF line ends become LF, invalid UTF-8 is reported at its position, and a
// body nested deeper than MaxNesting is refused (see CheckNesting).
// It returns false when the file cannot be used at all.
func Parse(s *Source, data []byte, diags *diag.List) bool {
	data = normalizeNewlines(data)
	if utf16, _ := isUTF16(data); utf16 {
		// Windows editors' "Unicode": every other byte is zero, which is
		// valid UTF-8 where the text is ASCII, and the position of the
		// first invalid byte would mean nothing.
		diags.Add(diag.Diagnostic{File: s.File, Line: 1, Col: 1, Severity: diag.Error, Code: "invalid-utf8",
			Message: "the file is saved as UTF-16 (\"Unicode\" in some Windows editors), not UTF-8",
			Hint:    saveAsUTF8})
		return false
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		line, col := diag.Position(data, off)
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "invalid-utf8",
			Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", data[off]),
			Hint:    saveAsUTF8})
		return false
	}
	fm, body, bodyLine, format := Split(data)
	s.Body, s.BodyLine = body, bodyLine
	if format == "" {
		if bytes.HasPrefix(data, []byte("---")) || bytes.HasPrefix(data, []byte("+++")) {
			diags.Add(diag.Diagnostic{File: s.File, Line: 1, Col: 1, Severity: diag.Error, Code: "front-matter",
				Message: "front matter is not closed", Hint: "end it with a line of three dashes: ---"})
			return false
		}
		if line, msg, hint := misplacedFrontMatter(data); line > 0 {
			// Read as the page's text, it would publish every key (an
			// audience: trainer among them) to readers.
			diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: 1, Severity: diag.Error, Code: "front-matter",
				Message: msg, Hint: hint})
			return false
		}
		return checkBody(s, nil, diags)
	}
	s.HasFrontMatter = true
	doc := decode.Doc{File: s.File, LineOffset: 1, Data: fm, Guarded: []string{"audience", "draft"}}
	if format == "yaml" {
		if !simpleYAML(fm, &s.FM) {
			decode.YAML(doc, &s.FM, diags)
		}
	} else {
		decode.TOML(doc, &s.FM, diags)
	}
	checkFrontMatter(s, fm, format, diags)
	return checkBody(s, fm, diags)
}

// checkBody refuses a body nested too deep (CheckNesting) and warns about
// a lesson whose title shows twice or that has nothing else, a glossary
// that defines nothing, and the placeholders of `fieldguide new` left in
// the page (fm is its front matter, nil when it has none).
func checkBody(s *Source, fm []byte, diags *diag.List) bool {
	if !CheckNesting(s, diags) {
		return false
	}
	if s.Kind == Page && !s.IsGlossary() {
		warnTitleAndText(s, diags)
	}
	if s.IsGlossary() {
		checkGlossary(s, diags)
	}
	warnPlaceholders(s, fm, diags)
	return true
}

// warnPlaceholders warns about the text `fieldguide new` wrote for the
// author to replace ("Write the lesson here.") and the example objective
// and key point it wrote commented out, uncommented as they are: left in,
// participants read them. A draft is not published, and may hold them.
func warnPlaceholders(s *Source, fm []byte, diags *diag.List) {
	if s.FM.Draft {
		return
	}
	for _, m := range placeholder.Find(s.Body) {
		line, col := diag.Position(s.Body, m.Offset)
		diags.Add(diag.Diagnostic{File: s.File, Line: s.BodyLine + line, Col: col, Severity: diag.Warning, Code: "placeholder",
			Message: "this is the placeholder text `fieldguide new` wrote: participants would read it as it is",
			Hint:    m.Hint})
	}
	for _, list := range []struct {
		key   string
		items []string
	}{{"objectives", s.FM.Objectives}, {"keypoints", s.FM.Keypoints}} {
		for _, item := range list.items {
			if !placeholder.IsExample(item) {
				continue
			}
			line := 1
			for i, l := range strings.Split(string(fm), "\n") {
				if !strings.HasPrefix(strings.TrimSpace(l), "#") && strings.Contains(l, item) {
					line = i + 2 // after the line that opens the front matter
					break
				}
			}
			diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: 1, Severity: diag.Warning, Code: "placeholder",
				Message: fmt.Sprintf("%q is the example `fieldguide new` wrote under %s: participants would read it as it is", item, list.key),
				Hint:    "write your own in its place, or put the # back in front of the line"})
		}
	}
}

// checkGlossary warns about a glossary whose text is not the definition
// list the build reads terms from (blocks.CheckGlossary): what is written
// otherwise is shown as it is, and no lesson links to it.
func checkGlossary(s *Source, diags *diag.List) {
	blocks.CheckGlossary(s.Body, func(off int, msg, hint string) {
		d := diag.Diagnostic{File: s.File, Severity: diag.Warning, Code: "glossary", Message: msg, Hint: hint}
		if off >= 0 {
			line, col := diag.Position(s.Body, off)
			d.Line, d.Col = s.BodyLine+line, col
		}
		diags.Add(d)
	})
}

// FirstHeading returns the text of a "# heading" that opens the body (after
// blank lines), or "".
func FirstHeading(body []byte) string {
	h, _, _ := firstHeading(body)
	return h
}

// firstHeading is FirstHeading, with the heading's line in the body
// (counted from 1) and the offset of the body after that line. It reads
// the body where it is: every lesson goes through it.
func firstHeading(body []byte) (h string, line, end int) {
	for start := 0; start < len(body) && line < 50; {
		line++
		end = len(body)
		if i := bytes.IndexByte(body[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		t := bytes.TrimSpace(body[start:end])
		start = end
		if len(t) == 0 {
			continue
		}
		if !bytes.HasPrefix(t, []byte("# ")) {
			return "", 0, 0
		}
		h = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(string(t[2:])), "#"))
		if i := strings.Index(h, " {"); i >= 0 && strings.HasSuffix(h, "}") {
			h = strings.TrimSpace(h[:i])
		}
		return h, line, end
	}
	return "", 0, 0
}

// warnTitleAndText warns about a lesson that would show its title twice
// (a title: key and a "# heading" that opens the body: two <h1>), and
// notes in EmptyLine one that would show nothing but its title (an empty
// file, or a heading alone). A heading
// that opens a page without a title: key is its title, and not shown
// again.
func warnTitleAndText(src *Source, diags *diag.List) {
	h, line, end := firstHeading(src.Body)
	if h != "" && src.FM.Title != "" {
		diags.Add(diag.Diagnostic{File: src.File, Line: src.BodyLine + line, Col: 1, Severity: diag.Warning, Code: "title-twice",
			Message: fmt.Sprintf("the page has a title (%q) and opens with the heading \"# %s\": it shows two titles", src.FM.Title, h),
			Hint:    "remove the # line, or remove title: from the front matter to take the heading as the title"})
	}
	// What the page shows below its title: after the heading, if one
	// opens it. Whether to warn is the site's to say: a page in a draft
	// module is not published.
	if len(bytes.TrimSpace(src.Body[end:])) == 0 {
		// The first line of the body, or the last of the front matter
		// when the file ends with it.
		src.EmptyLine = src.BodyLine + 1
		if len(src.Body) == 0 {
			src.EmptyLine = max(src.BodyLine, 1)
		}
	}
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// Split separates front matter ("---" YAML or "+++" TOML) from the body.
// bodyLine is the number of file lines before the body; format is "yaml",
// "toml", or "" when there is no (closed) front matter.
func Split(data []byte) (fm, body []byte, bodyLine int, format string) {
	var delim string
	switch {
	case hasDelimLine(data, "---"):
		delim, format = "---", "yaml"
	case hasDelimLine(data, "+++"):
		delim, format = "+++", "toml"
	default:
		return nil, data, 0, ""
	}
	rest := data[len(delim):]
	rest = bytes.TrimLeft(rest, " \t")
	rest = bytes.TrimPrefix(rest, []byte("\n"))
	start := len(data) - len(rest)
	for off := start; off <= len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		lineEnd := len(data)
		if end >= 0 {
			lineEnd = off + end
		}
		line := bytes.TrimRight(data[off:lineEnd], " \t")
		if string(line) == delim {
			fm = data[start:off]
			bodyStart := lineEnd
			if bodyStart < len(data) {
				bodyStart++
			}
			return fm, data[bodyStart:], bytes.Count(data[:lineEnd], []byte{'\n'}) + 1, format
		}
		if end < 0 {
			break
		}
		off = lineEnd + 1
	}
	return nil, data, 0, ""
}

// saveAsUTF8 is the hint of a file in another encoding than UTF-8.
const saveAsUTF8 = "save the file as UTF-8 in your editor (File → Save with encoding → UTF-8)"

// isUTF16 reports whether data looks like UTF-16 text, and whether it is
// big-endian: it starts with UTF-16's byte order mark, or a NUL is every
// other byte of its start, as in Latin-script text (the NULs on the
// high byte's side).
func isUTF16(data []byte) (utf16, bigEndian bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return true, false
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return true, true
	}
	n := min(len(data), 64) &^ 1
	if n < 8 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	return even >= n/4 || odd >= n/4, even > odd
}

// misplacedFrontMatter finds front matter that Split does not see as
// such, because it does not start on the first line: after blank lines,
// or opened by dashes a word processor changed ("—-" for "---"). line is
// the line that opens it, 0 when there is none.
func misplacedFrontMatter(data []byte) (line int, msg, hint string) {
	lines := strings.SplitN(string(data), "\n", 64)
	first := 0
	for first < len(lines)-1 && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	open := strings.TrimSpace(lines[first])
	// The line right after the opening one must be a front matter key as
	// written (title:, weight =…), and a line like the opening one must
	// close it, for this to be front matter, not rules around a paragraph
	// of the text ("---", "Title: The Protocol", "---").
	known := decode.KnownKeys(&FrontMatter{})
	closes := func(isDelim func(string) bool) bool {
		if first+1 >= len(lines) {
			return false
		}
		k, _, ok := strings.Cut(lines[first+1], ":")
		if !ok || !slices.Contains(known, k) {
			k, _, ok = strings.Cut(lines[first+1], "=") // TOML
			if !ok || !slices.Contains(known, strings.TrimSpace(k)) {
				return false
			}
		}
		return slices.ContainsFunc(lines[first+2:], func(l string) bool { return isDelim(strings.TrimSpace(l)) })
	}
	switch {
	case first > 0 && (open == "---" || open == "+++") && closes(func(t string) bool { return t == open }):
		blank := "a blank line"
		if first > 1 {
			blank = strconv.Itoa(first) + " blank lines"
		}
		return first + 1, fmt.Sprintf("the front matter starts on line %d, after %s, so it would be shown as the page's text", first+1, blank),
			fmt.Sprintf("delete the blank lines above %s: front matter must start on the first line", open)
	case isDashLike(open) && open != "---" && closes(isDashLike):
		return first + 1, fmt.Sprintf("line %d, %q, is meant to open the front matter, but it is not three hyphens", first+1, open),
			"a word processor may have turned them into a dash: type --- on the line that opens the front matter and on the line that closes it, or turn off automatic dashes"
	}
	return 0, "", ""
}

// isDashLike reports whether t is two to four hyphens or dashes, as a
// word processor may have left "---": "—-", "–-", "——".
func isDashLike(t string) bool {
	n := 0
	for _, r := range t {
		switch r {
		case '-', '‐', '‑', '‒', '–', '—', '―', '−':
			n++
		default:
			return false
		}
	}
	return n >= 2 && n <= 4
}

func hasDelimLine(data []byte, delim string) bool {
	if !bytes.HasPrefix(data, []byte(delim)) {
		return false
	}
	rest := bytes.TrimLeft(data[len(delim):], " \t")
	return len(rest) == 0 || rest[0] == '\n'
}

func checkFrontMatter(s *Source, fm []byte, format string, diags *diag.List) {
	var lines [][]byte // split when a key's line is first needed: most pages need none
	at := func(key string) (int, int) {
		if lines == nil {
			lines = bytes.Split(fm, []byte("\n"))
		}
		if i := decode.KeyIndex(lines, format, key); i >= 0 {
			return i + 2, 1 // the opening delimiter is line 1
		}
		return 1, 1
	}
	switch s.FM.Audience {
	case "", "all", "participant", "trainer":
	default:
		line, col := at("audience")
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "front-matter",
			Message: fmt.Sprintf("audience must be all or trainer, not %q", s.FM.Audience),
			Hint:    diag.DidYouMean(s.FM.Audience, []string{"all", "trainer"})})
	}
	if s.FM.Duration < 0 {
		line, col := at("duration")
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "front-matter",
			Message: "duration must be a number of minutes (0 or more)"})
	}
	if s.FM.Slug != "" {
		s.SlugLine, _ = at("slug")
	}
	if len(s.FM.Aliases) > 0 {
		s.AliasesLine, _ = at("aliases")
	}
	switch slug := s.FM.Slug; {
	case strings.ContainsAny(slug, "/\\?#%") || slug == "." || slug == "..":
		line, col := at("slug")
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "front-matter",
			Message: fmt.Sprintf("slug %q may not contain / \\ ? # %% or be . or ..", slug), Hint: "use letters, digits and dashes"})
	case strings.Contains(slug, ":"):
		line, col := at("slug")
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "url-colon",
			Message: fmt.Sprintf("slug %q holds a colon, which browsers read as the start of a web address and Windows refuses in file names", slug),
			Hint:    "use letters, digits and dashes"})
	case strings.ContainsFunc(slug, unicode.IsControl):
		line, col := at("slug")
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "front-matter",
			Message: fmt.Sprintf("slug %q holds a control character", slug), Hint: "use letters, digits and dashes"})
	case len(slug) > maxSlug:
		line, col := at("slug")
		diags.Add(diag.Diagnostic{File: s.File, Line: line, Col: col, Severity: diag.Error, Code: "front-matter",
			Message: fmt.Sprintf("slug is %d bytes long, more than %d: file systems refuse such names", len(slug), maxSlug),
			Hint:    "a few words are enough: the title says the rest"})
	}
}

// maxSlug is the longest slug: a file name has 255 bytes at most, and
// index.html or a language's suffix may come with it.
const maxSlug = 200

// KnownFrontMatterKeys lists the keys a page may use.
func KnownFrontMatterKeys() []string { return decode.KnownKeys(&FrontMatter{}) }
