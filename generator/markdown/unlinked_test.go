package markdown

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
)

// converted is what a conversion gives that the build uses.
type converted struct {
	HTML, Again, H1 string
	Headings        []Heading
	Sections        []Section
	IDs             []string
	Diags           []diag.Diagnostic
}

func convertAll(t *testing.T, c *Converter, file string, src []byte) converted {
	t.Helper()
	doc := &mdctx.Doc{File: file, Source: src, GlossaryURL: "../glossary/",
		Resolve: func(dest string) (string, bool) { return "/" + dest, dest != "missing.md" }}
	res, err := c.Convert(doc, true)
	if err != nil {
		t.Fatal(err)
	}
	again, err := res.RenderAgain("p-", 1, func(raw string) string { return "../" + raw }, "../../glossary/")
	if err != nil {
		t.Fatal(err)
	}
	return converted{res.HTML, again, res.H1, res.Headings, res.Sections, res.IDs, doc.Diags.Items()}
}

// linkedAndUnlinked are c parsing every document with linkify (behind
// its gate) and every document without it, both rendering with c's
// renderer.
func linkedAndUnlinked(c *Converter) (linked, unlinked *Converter) {
	l, u := *c, *c
	l.unlinked = nil
	u.md = goldmark.New(goldmark.WithParser(c.unlinked.Parser()), goldmark.WithRenderer(c.md.Renderer()))
	u.unlinked = nil
	return &l, &u
}

// TestUnlinkedIsLinkify checks, on every page of the bundled course and
// of the benchmark course when it is there, that a page unlinkedIsExact
// accepts converts, parsed without linkify, to the same HTML, text, ids
// and messages as parsed with it.
func TestUnlinkedIsLinkify(t *testing.T) {
	dirs := []string{"../../content"}
	if os.Getenv("FIELDGUIDE_C20") != "" {
		dirs = append(dirs, os.Getenv("FIELDGUIDE_C20"))
	}
	for _, dir := range dirs {
		docs, convs := loadCourse(t, dir, func(string) bool { return true })
		n := 0
		for _, d := range docs {
			if !unlinkedIsExact(d.body) {
				continue
			}
			n++
			linked, unlinked := linkedAndUnlinked(convs[d.lang])
			got, want := convertAll(t, unlinked, d.file, d.body), convertAll(t, linked, d.file, d.body)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: parsed without linkify:\n%+v\nwith:\n%+v", d.file, got, want)
			}
		}
		t.Logf("%s: %d of %d pages parsed without linkify", dir, n, len(docs))
	}
}

var unlinkedCases = []string{
	"# Title\n\nSome *text* with (parens) and ~~strike~~, a [link](x.md) and [^1].\n\n[^1]: Note.\n",
	"| a | b |\n|---|---|\n| human trafficking | `code` |\n\n- [x] done \n- [ ] not  \nhard\n",
	"::: scenario Title\nA victim of *human trafficking* here\\\nand there.\n:::\n\n> [!NOTE]\n> noted \n",
	"Term\n: definition\n\n![alt](img.png) <b>raw</b> [missing](missing.md) a  \nb\\\nc\n",
	"a    \nb\n", "a \t\nb", "a  ", "a \\\nb", "a   \nb", "a\t\nb\n", "a\u00a0 \nb\u00a0\u00a0\n",
	"## Heading *one* {#custom}\n\ntext &amp; &copy; \\* \\_ `code  span` end.\n",
	"- item one\n  continued human\n  trafficking here\n\n    indented code\n",
	"1. a\n   - b (c\n     d) _e_ ~f~\n",
	"| x |   |\n|---|---|\n|   | y |\n",
	"a\r\nb  \r\nc\r\n",
	"::: quiz\nWhat is *human trafficking*?\n- [x] a crime \n- [ ] nothing\n:::\n",
	"# Title #\n\nSetext\n===\n\n> quote\n> more (text)\n",
	"\t- tab item\n\tmore\n",
}

func FuzzUnlinked(f *testing.F) {
	for _, s := range unlinkedCases {
		f.Add(s)
	}
	var glossary []blocks.Term
	if src, err := os.ReadFile("../../content/en/glossary.md"); err == nil {
		glossary = blocks.ParseGlossary(src)
	}
	linked, unlinked := linkedAndUnlinked(New(Options{
		Extensions: []goldmark.Extender{blocks.New(blocks.Options{Glossary: glossary})},
		NoIndex:    []ast.NodeKind{blocks.KindQuizFeedback},
	}))
	f.Fuzz(func(t *testing.T, s string) {
		if !unlinkedIsExact([]byte(s)) {
			return
		}
		got, want := convertAll(t, unlinked, "f.md", []byte(s)), convertAll(t, linked, "f.md", []byte(s))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q parsed without linkify:\n%+v\nwith:\n%+v", s, got, want)
		}
	})
}

// unlinkedIsExactReference is unlinkedIsExact a byte at a time.
func unlinkedIsExactReference(src []byte) bool {
	if mayLinkify(src) || bytes.ContainsAny(src, "\r\t") {
		return false
	}
	for i := 0; i+1 < len(src); i++ {
		if src[i] != ' ' || src[i+1] != ' ' {
			continue
		}
		j := i + 2
		for j < len(src) && src[j] == ' ' {
			j++
		}
		lineStart := i == 0 || src[i-1] == '\n'
		if !lineStart || j == len(src) || src[j] == '\n' {
			return false
		}
		i = j
	}
	return true
}

func TestUnlinkedIsExact(t *testing.T) {
	for _, src := range append(unlinkedCases, linkifyCases...) {
		if got, want := unlinkedIsExact([]byte(src)), unlinkedIsExactReference([]byte(src)); got != want {
			t.Errorf("unlinkedIsExact(%q) = %v, want %v", src, got, want)
		}
	}
}

func FuzzUnlinkedIsExact(f *testing.F) {
	for _, src := range unlinkedCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := unlinkedIsExact([]byte(src)), unlinkedIsExactReference([]byte(src)); got != want {
			t.Errorf("unlinkedIsExact(%q) = %v, want %v", src, got, want)
		}
	})
}

// TestNextTwoSpaces holds nextTwoSpaces, eight bytes at a time, to
// bytes.Index from every place of every case.
func TestNextTwoSpaces(t *testing.T) {
	cases := append(append([]string{"", " ", "  ", "a  ", "1234567  ", "12345678  ", "1234567 x ", "       a", "a b c d e f g h  i"},
		unlinkedCases...), linkifyCases...)
	for _, src := range cases {
		checkNextTwoSpaces(t, []byte(src))
	}
}

func FuzzNextTwoSpaces(f *testing.F) {
	for _, src := range unlinkedCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) { checkNextTwoSpaces(t, []byte(src)) })
}

func checkNextTwoSpaces(t *testing.T, src []byte) {
	t.Helper()
	for i := 0; i <= len(src); i++ {
		want := bytes.Index(src[i:], []byte("  "))
		if want >= 0 {
			want += i
		}
		if got := nextTwoSpaces(src, i); got != want {
			t.Fatalf("nextTwoSpaces(%q, %d) = %d, want %d", src, i, got, want)
		}
	}
}
