package markdown

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// plainTextReference is plainText by appendText alone.
func plainTextReference(n ast.Node, src []byte) string {
	var b strings.Builder
	appendText(&b, n, src)
	return strings.TrimSpace(b.String())
}

// TestPlainTextIsReference holds plainText to appendText on every node of
// every page of the bundled course and of the cases of this package.
func TestPlainTextIsReference(t *testing.T) {
	docs, convs := loadCourse(t, "../../content", func(string) bool { return true })
	check := func(c *Converter, name string, src []byte) {
		for _, md := range []interface{ Parser() parser.Parser }{c.md, c.unlinked} {
			pc := parser.NewContext(parser.WithIDs(newIDs()))
			mdctx.Set(pc, &mdctx.Doc{File: name, Source: src, Diags: &diag.List{}})
			root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering {
					if got, want := plainText(n, src), plainTextReference(n, src); got != want {
						t.Errorf("%s: plainText(%s) = %q, want %q", name, n.Kind(), got, want)
					}
				}
				return ast.WalkContinue, nil
			})
		}
	}
	for _, d := range docs {
		check(convs[d.lang], d.file, d.body)
	}
	for _, s := range append(append(lineEndCases, unlinkedCases...), "# a  \\\n", "#  x \n", "Title\\\nnext\n===\n") {
		check(convs["en"], "case", []byte(s))
	}
}
