package blocks

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestWalkBlocksIsWalk holds walkBlocks, which does not go into inline
// nodes, to the blocks walk finds, over the pages of the bundled course
// and, when it is there, of the generated benchmark course (see .team):
// a block is never inside an inline node, nor inside a paragraph,
// heading, text block or table cell.
func TestWalkBlocksIsWalk(t *testing.T) {
	md := newMarkdown(Options{}, true)
	pages := 0
	for _, dir := range []string{"../../content", "/tmp/c20/content"} {
		fsys := os.DirFS(dir)
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			if strings.Contains(p, "/module-") && !strings.Contains(p, "/module-001/") {
				return nil
			}
			src, err := fs.ReadFile(fsys, p)
			if err != nil {
				t.Fatal(err)
			}
			pc := parser.NewContext()
			mdctx.Set(pc, &mdctx.Doc{File: p, Source: src, Diags: &diag.List{}})
			root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
			var want, got []ast.Node
			walk(root, func(n ast.Node) bool {
				if n.Type() != ast.TypeInline {
					want = append(want, n)
					for a := n.Parent(); a != nil; a = a.Parent() {
						switch a.(type) {
						case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.TableCell:
							t.Errorf("%s: a %s inside a %s", p, n.Kind(), a.Kind())
						}
						if a.Type() == ast.TypeInline {
							t.Errorf("%s: a %s inside a %s", p, n.Kind(), a.Kind())
						}
					}
				}
				return true
			})
			walkBlocks(root, func(n ast.Node) { got = append(got, n) })
			if len(got) != len(want) {
				t.Errorf("%s: walkBlocks finds %d blocks, walk %d", p, len(got), len(want))
				return nil
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s: block %d is a %s, walk's a %s", p, i, got[i].Kind(), want[i].Kind())
					return nil
				}
			}
			pages++
			return nil
		})
	}
	if pages == 0 {
		t.Skip("no course")
	}
	t.Log(pages, "pages")
}
