package blocks

import (
	"fmt"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer finishes what needs inline content or the whole document:
// GitHub alerts, quizzes, scenario heading levels, glossary anchors and links.
type transformer struct{ cfg *config }

func (t *transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	doc := mdctx.Get(pc)

	// One walk finds what the steps below change, where there was a walk
	// per step: the alerts, the quizzes, and the headings, scenarios and
	// definition terms the last step numbers. An alert becomes a callout
	// around the same nodes, so the last step's nodes stay as they are;
	// a quiz is rebuilt, so after one the last step's are looked up again.
	var quotes []*ast.Blockquote
	var quizzes []*Div
	var outline []ast.Node
	walkBlocks(root, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Blockquote:
			quotes = append(quotes, n)
		case *Div:
			switch specOf(n.Name).shape {
			case shapeQuiz:
				quizzes = append(quizzes, n)
			case shapeScenario:
				outline = append(outline, n)
			}
		case *ast.Heading, *extast.DefinitionTerm:
			outline = append(outline, n)
		}
	})
	for _, q := range quotes {
		transformAlert(q, source, doc)
	}
	for _, d := range quizzes {
		transformQuiz(d, source, doc, pc)
	}
	if len(quizzes) > 0 {
		outline = outline[:0]
		walkBlocks(root, func(n ast.Node) {
			switch n := n.(type) {
			case *Div:
				if specOf(n.Name).shape == shapeScenario {
					outline = append(outline, n)
				}
			case *ast.Heading, *extast.DefinitionTerm:
				outline = append(outline, n)
			}
		})
	}

	// Scenario titles are headings one level below the section they sit in,
	// so the page's outline stays right for screen reader users.
	section := 1
	usedTermIDs := map[string]bool{}
	for _, n := range outline {
		switch n := n.(type) {
		case *ast.Heading:
			section = n.Level
		case *Div:
			if specOf(n.Name).shape == shapeScenario {
				n.Level = min(max(section+1, 2), 6)
				if title, ok := n.FirstChild().(*DivTitle); ok {
					title.SetAttributeString("id", pc.IDs().Generate([]byte(n.Name), KindDiv))
				}
			}
		case *extast.DefinitionTerm:
			// Anchors for glossary links; ParseGlossary computes the same ids.
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					usedTermIDs[string(b)] = true
				}
				break
			}
			id := termID(plainText(n, source), usedTermIDs)
			n.SetAttributeString("id", []byte(id))
			pc.IDs().Put([]byte(id))
		}
	}

	if doc.GlossaryURL != "" {
		t.cfg.glossary.link(root, source, doc.GlossaryURL, pc)
	}
}

// footnoteGuard keeps trainer-only footnotes out of participant builds.
// Footnote definitions leave their block when parsed (goldmark moves them to
// one list), so removing a trainer note does not remove them; a participant
// paragraph citing one would publish it.
type footnoteGuard struct{}

func (g *footnoteGuard) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	removed, _ := pc.Get(removedKey).([]span)
	if len(removed) == 0 {
		return
	}
	inRemoved := func(pos int) bool {
		for _, s := range removed {
			if s.start <= pos && pos < s.stop {
				return true
			}
		}
		return false
	}
	var drop []*extast.Footnote
	dropped := map[int]bool{}
	walk(root, func(n ast.Node) bool {
		if f, ok := n.(*extast.Footnote); ok && inRemoved(f.Pos()) {
			drop = append(drop, f)
			dropped[f.Index] = true
			return false
		}
		return true
	})
	if len(drop) == 0 {
		return
	}
	doc := mdctx.Get(pc)
	for _, f := range drop {
		doc.Report(f.Pos(), diag.Error, "trainer-footnote",
			fmt.Sprintf("footnote [^%s] is written inside trainer notes but cited outside them", f.Ref),
			"move the footnote out of the trainer block, or cite it only from trainer notes")
		list := f.Parent()
		list.RemoveChild(list, f)
		if list.ChildCount() == 0 && list.Parent() != nil {
			list.Parent().RemoveChild(list.Parent(), list)
		}
	}
	var links []ast.Node
	walk(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *extast.FootnoteLink:
			if dropped[n.Index] {
				links = append(links, n)
			}
		case *extast.FootnoteBacklink:
			if dropped[n.Index] {
				links = append(links, n)
			}
		}
		return true
	})
	for _, l := range links {
		l.Parent().RemoveChild(l.Parent(), l)
	}
}

// walkBlocks calls fn for n and the blocks in it, in document order. It
// does not go into inline nodes, which hold no blocks: they are most of a
// document's nodes (each text of each paragraph), and the walk finds
// only blocks. Nor does it look among the children of paragraphs,
// headings and table cells, which are all inline (TestWalkBlocksIsWalk).
func walkBlocks(n ast.Node, fn func(ast.Node)) {
	fn(n)
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.TableCell:
		// Their children are all inline: goldmark's inline parsers
		// make nothing else.
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			walkBlocks(c, fn)
		}
	}
}

// walk calls fn for n and its descendants in document order, skipping the
// children of a node for which fn returns false.
func walk(n ast.Node, fn func(ast.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		walk(c, fn)
		c = next
	}
}
