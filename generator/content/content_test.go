package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/diag"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, in, fm, body, format string
		bodyLine                   int
	}{
		{"yaml", "---\ntitle: A\n---\nBody\n", "title: A\n", "Body\n", "yaml", 3},
		{"toml", "+++\ntitle = \"A\"\n+++\nBody", "title = \"A\"\n", "Body", "toml", 3},
		{"none", "# Title\n\nText", "", "# Title\n\nText", "", 0},
		{"only front matter", "---\ntitle: A\n---", "title: A\n", "", "yaml", 3},
		{"empty front matter", "---\n---\nBody", "", "Body", "yaml", 2},
		{"unclosed", "---\ntitle: A\nBody", "", "---\ntitle: A\nBody", "", 0},
		{"dashes in body are not front matter", "Text\n---\nMore", "", "Text\n---\nMore", "", 0},
		{"trailing spaces on delimiters", "--- \ntitle: A\n---  \nB", "title: A\n", "B", "yaml", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, line, format := Split([]byte(tt.in))
			if string(fm) != tt.fm || string(body) != tt.body || line != tt.bodyLine || format != tt.format {
				t.Errorf("Split(%q) = %q, %q, %d, %q; want %q, %q, %d, %q", tt.in, fm, body, line, format, tt.fm, tt.body, tt.bodyLine, tt.format)
			}
		})
	}
}

func parse(t *testing.T, text string) (*Source, []diag.Diagnostic) {
	t.Helper()
	// A module page: these cases are about the front matter, and a lesson
	// without text would add a warning of its own (TestTitleTwiceAndEmptyPages).
	s := &Source{File: "content/en/a.md", Kind: Section}
	var l diag.List
	Parse(s, []byte(text), &l)
	return s, l.Items()
}

func TestParseRobustness(t *testing.T) {
	t.Run("BOM and CRLF", func(t *testing.T) {
		s, d := parse(t, "\xef\xbb\xbf---\r\ntitle: Bonjour\r\n---\r\nLigne\r\n")
		if s.FM.Title != "Bonjour" || string(s.Body) != "Ligne\n" || len(d) != 0 {
			t.Errorf("got %q %q %v", s.FM.Title, s.Body, d)
		}
	})
	t.Run("invalid UTF-8 reported at its position", func(t *testing.T) {
		_, d := parse(t, "---\ntitle: A\n---\nok\nbad \xff here\n")
		if len(d) != 1 || d[0].Line != 5 || d[0].Col != 5 || d[0].Code != "invalid-utf8" {
			t.Fatalf("got %v", d)
		}
	})
	t.Run("UTF-16 named, with or without its byte order mark", func(t *testing.T) {
		utf16 := func(s string, bom []byte) string {
			b := append([]byte{}, bom...)
			for _, r := range s {
				b = append(b, byte(r), 0) // little-endian, Latin letters
			}
			return string(b)
		}
		for _, bom := range [][]byte{{0xff, 0xfe}, nil} {
			_, d := parse(t, utf16("---\ntitle: Hola\n---\nTexto.\n", bom))
			if len(d) != 1 || d[0].Line != 1 || !strings.Contains(d[0].Message, "saved as UTF-16") {
				t.Errorf("BOM %x: got %v", bom, d)
			}
		}
		// Latin-1 is not UTF-16: the bad byte's position is the message.
		if _, d := parse(t, "---\ntitle: Se\xf1ales\n---\n"); len(d) != 1 || d[0].Line != 2 || strings.Contains(d[0].Message, "UTF-16") {
			t.Errorf("Latin-1: got %v", d)
		}
	})
	t.Run("unknown key with suggestion", func(t *testing.T) {
		_, d := parse(t, "---\ntitel: A\n---\n")
		if len(d) != 1 || d[0].Line != 2 || !strings.Contains(d[0].Hint, `"title"`) || d[0].Severity != diag.Warning {
			t.Fatalf("got %v", d)
		}
	})
	t.Run("wrong type", func(t *testing.T) {
		_, d := parse(t, "---\nweight: two\n---\n")
		if len(d) != 1 || d[0].Severity != diag.Error || !strings.Contains(d[0].Message, "weight must be a number") {
			t.Fatalf("got %v", d)
		}
	})
	t.Run("malformed YAML", func(t *testing.T) {
		_, d := parse(t, "---\ntitle: [a\n---\n")
		if len(d) == 0 || d[0].Severity != diag.Error || d[0].Line < 2 {
			t.Fatalf("got %v", d)
		}
	})
	t.Run("TOML unknown key", func(t *testing.T) {
		s, d := parse(t, "+++\ntitle = \"T\"\nwieght = 2\n+++\n")
		if s.FM.Title != "T" || len(d) != 1 || d[0].Line != 3 || !strings.Contains(d[0].Hint, "weight") {
			t.Fatalf("got %q %v", s.FM.Title, d)
		}
	})
	t.Run("translated draft stops the build", func(t *testing.T) {
		// borrador: true does not hold the page back: an error, as a
		// misspelt draft: is.
		_, d := parse(t, "---\ntitle: A\nborrador: true\n---\n")
		if len(d) != 1 || d[0].Severity != diag.Error || d[0].Line != 3 || !strings.Contains(d[0].Hint, "write draft:") {
			t.Fatalf("got %v", d)
		}
	})
	t.Run("bad audience", func(t *testing.T) {
		_, d := parse(t, "---\naudience: trainers\n---\n")
		if len(d) != 1 || !strings.Contains(d[0].Hint, "trainer") {
			t.Fatalf("got %v", d)
		}
	})
	t.Run("slug with a control character, or too long", func(t *testing.T) {
		for fm, want := range map[string]string{
			"slug: \"x\\u0000y\"":               "control character",
			"slug: " + strings.Repeat("a", 201): "201 bytes long",
			"slug: " + strings.Repeat("a", 200): "",
		} {
			_, d := parse(t, "---\n"+fm+"\n---\n")
			if want == "" && len(d) != 0 || want != "" && (len(d) != 1 || d[0].Line != 2 || !strings.Contains(d[0].Message, want)) {
				t.Errorf("%.30s: got %v", fm, d)
			}
		}
	})
	// Front matter not on the first line would be the page's text, its
	// keys (audience: trainer too) published: an error at the line that
	// opens it. Rules around a paragraph are text.
	t.Run("front matter not where it is read", func(t *testing.T) {
		for data, want := range map[string]string{
			"\n---\ntitle: A\naudience: trainer\n---\nBody\n":        "2: the front matter starts on line 2, after a blank line",
			"\n\n+++\ntitle = \"A\"\n+++\nBody\n":                    "",
			"\n \n---\ntitle: A\n---\n":                              "3: the front matter starts on line 3, after 2 blank lines",
			"—-\ntitle: A\ntranslatedFrom: 8eff\n—-\nBody\n":         `1: line 1, "—-", is meant to open the front matter, but it is not three hyphens`,
			"–––\ntitle: A\n–––\n":                                   `1: line 1, "–––", is meant`,
			"Text.\n\n---\n\nNote: a rule above and below.\n\n---\n": "",
			"\n---\n\nMore text: here.\n\n---\n":                     "",
			"\n---\n\nTitle: The Palermo Protocol\n\n---\nText\n":    "",
			"\n---\nTitle: The Palermo Protocol\n---\nText\n":        "",
		} {
			_, d := parse(t, data)
			got := ""
			for _, x := range d {
				got += fmt.Sprintf("%d: %s\n", x.Line, x.Message)
			}
			// +++ front matter is TOML: the same check, its own delimiter.
			if strings.HasPrefix(data, "\n\n+++") {
				want = "3: the front matter starts on line 3, after 2 blank lines"
			}
			if want == "" && got != "" || want != "" && (len(d) != 1 || d[0].Severity != diag.Error || d[0].Code != "front-matter" || !strings.HasPrefix(got, want)) {
				t.Errorf("%q:\n got %s want %s", data, got, want)
			}
		}
	})
	t.Run("empty file", func(t *testing.T) {
		s, d := parse(t, "")
		if len(d) != 0 || len(s.Body) != 0 {
			t.Fatalf("got %v", d)
		}
	})
}

func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"content/en/_index.md":          {Data: []byte("---\ntitle: Home\n---\n")},
		"content/en/m1/_index.md":       {Data: []byte("")},
		"content/en/m1/a.md":            {Data: []byte("A")},
		"content/en/m1/b/index.md":      {Data: []byte("B")},
		"content/en/m1/b/diagram.png":   {Data: []byte("png")},
		"content/en/m1/.a.md.swp":       {Data: []byte("swap")},
		"content/en/m1/a.md~":           {Data: []byte("backup")},
		"content/en/m1/4913":            {Data: []byte("vim probe")},
		"content/en/m2/Intro.md":        {Data: []byte("x")},
		"content/en/m2/intro.md":        {Data: []byte("y")},
		"content/en/名 with space/页面.md": {Data: []byte("z")},
	}
	var l diag.List
	srcs := Walk(fsys, []string{"en"}, &l)
	var rels []string
	for _, s := range srcs {
		rels = append(rels, s.Rel)
	}
	// Both files differing in letter case are read (the clash is an
	// error), so that links to either are not reported broken too.
	want := "_index.md m1/_index.md m1/a.md m1/b/index.md m2/Intro.md m2/intro.md 名 with space/页面.md"
	if strings.Join(rels, " ") != want {
		t.Errorf("sources %q, want %q", strings.Join(rels, " "), want)
	}
	var clash bool
	for _, d := range l.Items() {
		if d.Code == "case-clash" {
			clash = true
		}
	}
	if !clash {
		t.Errorf("no case-clash diagnostic: %v", l.Items())
	}
	for _, s := range srcs {
		if s.Rel == "m1/b/index.md" && (len(s.Resources) != 1 || s.Resources[0] != "m1/b/diagram.png") {
			t.Errorf("bundle resources %v", s.Resources)
		}
		if s.Rel == "m1/b/index.md" && (s.Name() != "b" || s.Dir() != "m1") {
			t.Errorf("bundle name %q dir %q", s.Name(), s.Dir())
		}
	}
}

// TestWalkWarnsAboutOtherMarkdownNames: a lesson saved as .markdown is
// not a page, and not copied either (its text may be a trainer's); the
// walk says to rename it; a file at the top of
// a language folder belongs to its home page, and without one is told
// where to go.
func TestWalkWarnsAboutOtherMarkdownNames(t *testing.T) {
	fsys := fstest.MapFS{
		"content/en/_index.md":         {Data: []byte("Home\n")},
		"content/en/m/_index.md":       {Data: []byte("Module\n")},
		"content/en/m/lesson.markdown": {Data: []byte("# Lesson\n")},
		"content/en/m/Notes.MKD":       {Data: []byte("# Notes\n")},
		"content/en/m/diagram.png":     {Data: []byte("png")},
		"content/en/beside-home.pdf":   {Data: []byte("%PDF")},
	}
	var l diag.List
	for _, src := range Walk(fsys, []string{"en"}, &l) {
		for _, r := range src.Resources {
			if ext := path.Ext(r); ext != ".png" && ext != ".pdf" {
				t.Errorf("%s is copied with %s", r, src.Rel)
			}
		}
	}
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Error())
	}
	want := []string{
		"content/en/m/Notes.MKD: warning: this file looks like Markdown, but only .md files become pages: a .mkd file is left out of the site (rename it to Notes.md)",
		"content/en/m/lesson.markdown: warning: this file looks like Markdown, but only .md files become pages: a .markdown file is left out of the site (rename it to lesson.md)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without a home page, a file beside where it would be is told so.
	delete(fsys, "content/en/_index.md")
	l = diag.List{}
	Walk(fsys, []string{"en"}, &l)
	if d := l.Items(); len(d) != 3 || d[0].Error() != "content/en/beside-home.pdf: warning: this file is not part of any page and is not copied (put it in static/, or write content/en/_index.md, the language's home page, which takes the files beside it)" {
		t.Errorf("without a home page: %v", d)
	}
}

// A page over LongFileSize builds with a warning; one over MaxFileSize is
// refused, and neither message is lost: whether the file system reads a
// file with its info (InfoReadFS) or the file is stated, then read.
func TestReadMarkdownSizes(t *testing.T) {
	files := fstest.MapFS{
		"long.md":  {Data: []byte(strings.Repeat("a", LongFileSize+1))},
		"huge.md":  {Data: []byte(strings.Repeat("a", MaxFileSize+1))},
		"short.md": {Data: []byte("a")},
	}
	withInfo := infoFS{files, new(int)}
	for _, fsys := range []fs.FS{files, withInfo} {
		for name, want := range map[string]string{
			"short.md": "",
			"long.md":  "long.md: warning: file is 1.0 MB: its page is slow to open on a phone or a slow link (split it into several lessons)",
			"huge.md":  "huge.md: file is 32.0 MB; the limit is 32 MB (split it into several lessons)",
			"none.md":  "none.md: cannot read: open none.md: file does not exist",
		} {
			var l diag.List
			_, data, ok := ReadMarkdown(fsys, name, &l)
			var got []string
			for _, d := range l.Items() {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != want {
				t.Errorf("%T: %s: %q, want %q", fsys, name, got, want)
			}
			if wantOK := name == "short.md" || name == "long.md"; ok != wantOK || ok && !bytes.Equal(data, files[name].Data) {
				t.Errorf("%T: %s: read %d bytes, ok %v", fsys, name, len(data), ok)
			}
		}
	}
	if *withInfo.reads != 3 {
		t.Errorf("ReadFileInfo read %d files, not 3", *withInfo.reads)
	}
}

// TestReadBody: a page's body read again at render time is the one the
// walk read, and a file changed since (size or time) is an error: whether
// the file system reads a file with its info (InfoReadFS) or not.
func TestReadBody(t *testing.T) {
	then := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	page := "---\r\ntitle: A\r\n---\r\nText.\r\n"
	for _, tc := range []struct {
		name, data string
		modTime    time.Time
		want       string
	}{
		{"same", page, then, "Text.\n"},
		{"later", page, then.Add(time.Second), "p.md changed during the build; build again"},
		{"longer", page + "More.\n", then, "p.md changed during the build; build again"},
		{"shorter", "Text.\n", then, "p.md changed during the build; build again"},
		{"gone", "", time.Time{}, "open p.md: file does not exist"},
	} {
		files := fstest.MapFS{}
		if tc.name != "gone" {
			files["p.md"] = &fstest.MapFile{Data: []byte(tc.data), ModTime: tc.modTime}
		}
		src := &Source{File: "p.md", Size: int64(len(page)), ModTime: then}
		for _, fsys := range []fs.FS{files, infoFS{files, new(int)}} {
			body, err := ReadBody(fsys, src)
			got := string(body)
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("%s, %T: %q, want %q", tc.name, fsys, got, tc.want)
			}
		}
	}
}

// infoFS is an InfoReadFS over a MapFS, counting its reads.
type infoFS struct {
	fstest.MapFS
	reads *int
}

func (f infoFS) ReadFileInfo(name string, limit int64) (fs.FileInfo, []byte, bool) {
	info, err := fs.Stat(f.MapFS, name)
	if err != nil {
		return nil, nil, false
	}
	*f.reads++
	if info.Size() > limit {
		return info, nil, true
	}
	data, err := f.MapFS.ReadFile(name)
	return info, data, err == nil
}

func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: A\nweight: 2\n---\nBody",
		"+++\ntitle = \"A\"\n+++\n",
		"---\naliases: [a, b]\nobjectives:\n  - x\n---\n",
		"---\n: :\n---",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n",
		"---\ntitle: &a [*a]\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &Source{File: "f.md"}
		var l diag.List
		if Parse(s, data, &l) && !utf8.Valid(s.Body) {
			t.Errorf("accepted invalid UTF-8 body")
		}
		for _, d := range l.Items() {
			if d.Line < 0 || d.Col < 0 {
				t.Errorf("bad position %v", d)
			}
		}
	})
}

func TestFirstHeading(t *testing.T) {
	for in, want := range map[string]string{"\n# Title {#x}\n": "Title", "# A #\ntext": "A", "text\n# B": "", "## Sub": ""} {
		if got := FirstHeading([]byte(in)); got != want {
			t.Errorf("FirstHeading(%q) = %q, want %q", in, got, want)
		}
	}
}

// A glossary that is not a definition list is said to define no terms, at
// the line of the file that looks like one; a lesson's text is its own.
func TestParseChecksTheGlossary(t *testing.T) {
	const text = "---\ntitle: \"Glossary\"\n---\n\n- **Case scenario**: A short, fictional situation.\n- **Trainer note**: Guidance for the person leading a session.\n"
	for rel, want := range map[string]string{
		"glossary.md":        "content/en/glossary.md:5:3: warning: glossary.md defines no terms: write each term on its own line, then its definition on the next line starting with `: ` (this line holds a term and its definition: write `Case scenario` alone on a line, then `: A short, fictional situation.` on the next) [glossary]",
		"m/glossary.md":      "",
		"getting-started.md": "",
	} {
		s := &Source{Lang: "en", Rel: rel, File: "content/en/" + rel, Kind: KindOf(rel)}
		var l diag.List
		Parse(s, []byte(text), &l)
		var got []string
		for _, d := range l.Items() {
			got = append(got, d.Error()+" ["+d.Code+"]")
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: got %q\nwant %q", rel, got, want)
		}
	}
}

// TestFrontMatterKeyLines: messages about a key point at the line where
// the front matter's own key is written, quoted or not, in YAML and in
// TOML; a key of the same name inside another value (indented in YAML,
// under a [table] in TOML) or one that only begins with the name is not it.
func TestFrontMatterKeyLines(t *testing.T) {
	tests := []struct {
		name, text         string
		slug, aliases, bad int // SlugLine, AliasesLine, the line of the audience error
	}{
		{"yaml", "---\ntitle: A\nslug: a\naliases: [/en/old/]\naudience: trainers\n---\n", 3, 4, 5},
		{"yaml quoted keys", "---\n\"slug\": a\n'aliases':\n  - /en/old/\n\"audience\" : trainers\n---\n", 2, 3, 5},
		{"yaml nested and longer keys first", "---\nparams:\n  slug: x\n  aliases: y\n  audience: z\nslug: a\naliases: [old]\naudience: trainers\n---\n", 6, 7, 8},
		{"toml", "+++\ntitle = \"A\"\n\"aliases\" = [\"/en/old/\"]\n  slug = 'a'\naudience = \"trainers\"\n+++\n", 4, 3, 5},
		{"toml keys of a table are the table's", "+++\nslug = \"a\"\naliases = [\"old\"]\naudience = \"trainers\"\n[params]\nslug = \"b\"\n+++\n", 2, 3, 4},
		{"toml text of a multi-line string is not a key", "+++\ndescription = '''\nslug = \"b\"\n[not a table]\n'''\nslug = \"a\"\naliases = [\"old\"]\naudience = \"trainers\"\n+++\n", 6, 7, 8},
		{"CRLF", "---\r\ntitle: A\r\naliases: [old]\r\n---\r\n", 0, 3, 0},
	}
	for _, tt := range tests {
		s, d := parse(t, tt.text)
		bad := 0
		for _, m := range d {
			if strings.Contains(m.Message, "audience") {
				bad = m.Line
			}
		}
		if s.SlugLine != tt.slug || s.AliasesLine != tt.aliases || bad != tt.bad {
			t.Errorf("%s: slug at %d, aliases at %d, audience error at %d; want %d, %d, %d (%v)", tt.name, s.SlugLine, s.AliasesLine, bad, tt.slug, tt.aliases, tt.bad, d)
		}
	}
}
