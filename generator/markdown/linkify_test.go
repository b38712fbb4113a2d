package markdown

import (
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

// withLinkify is c parsing every document with linkify.
func withLinkify(c *Converter) *Converter {
	full := *c
	full.unlinked = c.md
	return &full
}

// TestUnlinkedIsLinkify checks, on every page of the bundled course
// (none has anything linkify links), that parsing without linkify gives
// the same HTML, text, ids and messages as parsing with it.
func TestUnlinkedIsLinkify(t *testing.T) {
	docs, convs := loadCourse(t, "../../content", func(string) bool { return true })
	for _, d := range docs {
		if mayLinkify(d.body) {
			continue
		}
		c := convs[d.lang]
		got, want := convertAll(t, c, d.file, d.body), convertAll(t, withLinkify(c), d.file, d.body)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: parsed without linkify:\n%+v\nwith:\n%+v", d.file, got, want)
		}
	}
}

func FuzzUnlinked(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nSome *text* with (parens) and ~~strike~~, a [link](x.md) and [^1].\n\n[^1]: Note.\n",
		"| a | b |\n|---|---|\n| human trafficking | `code` |\n\n- [x] done \n- [ ] not  \nhard\n",
		"::: scenario Title\nA victim of *human trafficking* here\\\nand there.\n:::\n\n> [!NOTE]\n> noted \n",
		"Term\n: definition\n\n![alt](img.png) <b>raw</b> [missing](missing.md) a  \nb\\\nc\n",
	} {
		f.Add(s)
	}
	var glossary []blocks.Term
	if src, err := os.ReadFile("../../content/en/glossary.md"); err == nil {
		glossary = blocks.ParseGlossary(src)
	}
	c := New(Options{
		Extensions: []goldmark.Extender{blocks.New(blocks.Options{Glossary: glossary})},
		NoIndex:    []ast.NodeKind{blocks.KindQuizFeedback},
	})
	full := withLinkify(c)
	f.Fuzz(func(t *testing.T, s string) {
		if mayLinkify([]byte(s)) {
			return
		}
		got, want := convertAll(t, c, "f.md", []byte(s)), convertAll(t, full, "f.md", []byte(s))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q parsed without linkify:\n%+v\nwith:\n%+v", s, got, want)
		}
	})
}
