package blocks

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The printable module renders each lesson's tree a second time after
// putting a prefix before every id attribute (markdown.Result.RenderAgain).
// Every id the blocks print, and every reference to one, must follow.
func TestIDsFollowIDAttributes(t *testing.T) {
	src := []byte(`Intro about a victim.

:::: scenario The visa line
Story.

::: quiz
Now what?

- [x] Interview alone.
  > Yes.
- [ ] Refuse.
:::
::::

Term
: Definition.
`)
	for _, audience := range []string{"participant", "trainer"} {
		md := newMarkdown(Options{Audience: audience, Glossary: []Term{{Term: "victim", ID: "term-victim", Definition: "d"}}}, true)
		pc := parser.NewContext()
		mdctx.Set(pc, &mdctx.Doc{File: "t.md", Source: src, Diags: &diag.List{}, GlossaryURL: "g/"})
		root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if id := idOf(n); entering && id != "" {
				n.SetAttributeString("id", []byte("p-"+id))
			}
			return ast.WalkContinue, nil
		})
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, src, root); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		refs := regexp.MustCompile(` (id|for|name|aria-labelledby|aria-describedby)="([^"]*)"`).FindAllStringSubmatch(html, -1)
		if len(refs) < 10 {
			t.Fatalf("%s: only %d ids and references in\n%s", audience, len(refs), html)
		}
		for _, r := range refs {
			if r[2][:2] != "p-" {
				t.Errorf("%s: %s=%q does not follow the prefixed id attributes", audience, r[1], r[2])
			}
		}
	}
}
