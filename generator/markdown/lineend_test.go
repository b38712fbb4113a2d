package markdown

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var lineEndCases = []string{
	"a paragraph", "a paragraph\n", "a paragraph\n\n", "two\nlines\n",
	"ends in a [link](x.md)\n", "ends in *emphasis*\n", "ends in `code`\n", "ends in _emph_",
	"ends in **strong** text\n", "![image](i.png)\n", "an unclosed *star\n", "star *\n", "a *\n",
	"a backslash \\\n", "two backslashes \\\\\n", "escaped \\*\n", "a <b>tag</b>\n", "a <b\n",
	"an <http://auto.link>\n", "a [^1] note\n\n[^1]: The note.\n", "[^1]\n\n[^1]: Note [x](y)\n",
	"- [ ]\n- [x] done\n- [ ] \n- [ ]  x\n", "- item\n- *item*\n  more\n",
	"Setext\n===\n", "Setext *em*\n---\n\ntext\n", "Title {#id .c}\n===\n",
	"[foo]: /url\n===\n", "[foo]: /url 'title'\n\n[foo]\n", "[foo]: /url\n[foo]\n",
	"Term\n: definition\n", "Term one\nTerm two\n: definition\n\n: another\n",
	"| a | b |\n|---|---|\n| c | d |\n", "a\n| a | b |\n|---|---|\n-\n", "0\n-:\n-\n",
	"> quote *x*\n> more [l](m)\n", "> lazy\ncontinuation\n", "trailing  \n", "trailing \t\n",
	"crlf\r\n", "crlf\r\nlines\r\n", "hard  \nbreak\n", "hard\\\nbreak\n", "~~struck~~\n", "~one~\n",
	"::: note\nin a *note*\n:::\n", "::: trainer\ntrainer [x](y)\n:::\n\nafter\n",
	"::: quiz\nWhat *is* it?\n- [x] a crime\n  > right\n- [ ] nothing\n:::\n",
	"> [!NOTE]\n> noted [l](m)\n", "1. a\n   - b (c\n     d) _e_\n", "    code\n", "```\nfenced\n```\n",
	"<div>\nhtml\n</div>\n", "# Heading *one*\n\ntext\n", "text &amp;\n", "text &amp\n", "`open code\n",
	"a\n\n\n", "x\u00a0\n", "para\n    indented continuation\n", "***\n", "a\n***\n", "[a\n", "[a](\n",
	// Link reference definitions, where linkReferenceGate lets them in.
	"   [a]: /b\n\n[a]\n", "\t[a]: /b\n[a]\n", "text\n[a]: /b\n\n[a]\n", "[a]: /b\n[c]: /d 'e'\ntext [c]\n",
	"> [a]: /b\n\n[a]\n", "- [a]: /b\n\n[a]\n", "[a]\n[b]: /c\n", " x [a]: /b\n",
}

// treeOf is a parsed document as text: every node, its kind, what it
// says of itself (its exported fields), its lines, its attributes and,
// for a text, its segment and its breaks. Two documents with the same
// tree render the same and read the same to every walk of ours.
func treeOf(root ast.Node) string {
	var b strings.Builder
	var dump func(n ast.Node, depth int)
	dump = func(n ast.Node, depth int) {
		fmt.Fprintf(&b, "%s%s pos=%d", strings.Repeat("  ", depth), n.Kind(), nodePos(n))
		if t, ok := n.(*ast.Text); ok {
			fmt.Fprintf(&b, " seg=%v soft=%v hard=%v raw=%v", t.Segment, t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw())
		}
		v := reflect.ValueOf(n).Elem()
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Anonymous || !f.IsExported() {
				continue
			}
			switch fv := v.Field(i); fv.Kind() {
			case reflect.Interface, reflect.Pointer, reflect.Func, reflect.Map, reflect.Chan:
			default:
				fmt.Fprintf(&b, " %s=%v", f.Name, fv.Interface())
			}
		}
		if n.Type() == ast.TypeBlock {
			fmt.Fprintf(&b, " blank=%v lines=%v", n.HasBlankPreviousLines(), n.Lines().Sliced(0, n.Lines().Len()))
		}
		for _, a := range n.Attributes() {
			fmt.Fprintf(&b, " %s=%v", a.Name, a.Value)
		}
		b.WriteByte('\n')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			dump(c, depth+1)
		}
	}
	dump(root, 0)
	return b.String()
}

func nodePos(n ast.Node) int {
	if p, ok := n.(interface{ Pos() int }); ok {
		return p.Pos()
	}
	return -1
}

// parsedWith parses src with md as Convert does, and gives the tree and
// the messages.
func parsedWith(md goldmark.Markdown, src []byte) (string, []diag.Diagnostic) {
	doc := &mdctx.Doc{File: "f.md", Source: src, GlossaryURL: "../glossary/",
		Resolve: func(dest string) (string, bool) { return "/" + dest, dest != "missing.md" }}
	doc.Diags = &diag.List{}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	mdctx.Set(pc, doc)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return treeOf(root), doc.Diags.Items()
}

// lineEndParsers are, for each audience, the parsers Convert uses
// (without linkify with lineEnds, and with linkify), each beside the same
// built on goldmark's own parser and without lineEnds: they must make
// the same trees.
func lineEndParsers(tb testing.TB) [][2]goldmark.Markdown {
	var glossary []blocks.Term
	if src, err := os.ReadFile("../../content/en/glossary.md"); err == nil {
		glossary = blocks.ParseGlossary(src)
	}
	var pairs [][2]goldmark.Markdown
	for _, audience := range []string{"participant", "trainer"} {
		opts := Options{
			Extensions: []goldmark.Extender{blocks.New(blocks.Options{Audience: audience, Glossary: glossary})},
			NoIndex:    []ast.NodeKind{blocks.KindQuizFeedback},
		}
		pairs = append(pairs,
			[2]goldmark.Markdown{
				newGoldmark(opts, append(gfmUnlinked(), lineEnds{})),
				newGoldmarkWith(opts, gfmUnlinked(), goldmark.DefaultParser()),
			},
			[2]goldmark.Markdown{
				newGoldmark(opts, gfm()),
				newGoldmarkWith(opts, gfm(), goldmark.DefaultParser()),
			})
	}
	return pairs
}

func checkLineEnds(t *testing.T, pairs [][2]goldmark.Markdown, name string, src []byte) {
	t.Helper()
	for _, p := range pairs {
		gotTree, gotDiags := parsedWith(p[0], src)
		wantTree, wantDiags := parsedWith(p[1], src)
		if gotTree != wantTree || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: parsed as Convert does:\n%s%v\nby goldmark's parser:\n%s%v", name, gotTree, gotDiags, wantTree, wantDiags)
			return
		}
	}
}

// TestLineEndsAreInvisible holds the trees parsed as Convert parses
// (with lineEnds and linkReferenceGate) to those goldmark's own parser
// makes, node for node, on the cases above and every page of the bundled
// course (and of the benchmark course, when FIELDGUIDE_C20 names its
// content folder).
func TestLineEndsAreInvisible(t *testing.T) {
	pairs := lineEndParsers(t)
	for _, s := range append(append(lineEndCases, unlinkedCases...), linkifyCases...) {
		checkLineEnds(t, pairs, fmt.Sprintf("%q", s), []byte(s))
	}
	dirs := []string{"../../content"}
	if os.Getenv("FIELDGUIDE_C20") != "" {
		dirs = append(dirs, os.Getenv("FIELDGUIDE_C20"))
	}
	for _, dir := range dirs {
		docs, _ := loadCourse(t, dir, func(string) bool { return true })
		for _, d := range docs {
			checkLineEnds(t, pairs, d.file, d.body)
		}
	}
}

func FuzzLineEnds(f *testing.F) {
	for _, s := range lineEndCases {
		f.Add(s)
	}
	for _, s := range unlinkedCases {
		f.Add(s)
	}
	pairs := lineEndParsers(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkLineEnds(t, pairs, fmt.Sprintf("%q", s), []byte(s))
	})
}
