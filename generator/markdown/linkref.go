package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newParser is goldmark's default parser (goldmark.DefaultParser) with
// linkReferenceGate in place of its link reference transformer.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(util.Prioritized(linkReferenceGate{}, 100)),
	)
}

// linkReferenceGate is goldmark's LinkReferenceParagraphTransformer,
// asked only about a paragraph that starts with "[": a link reference
// definition ("[label]: url") starts so, after blanks, and the
// transformer reads none in any other paragraph. It made a reader of
// every paragraph's lines to find that out, 1.5% of converting a page.
type linkReferenceGate struct{}

func (linkReferenceGate) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lines := node.Lines(); lines.Len() > 0 {
		first := lines.At(0)
		for _, c := range first.Value(reader.Source()) {
			if !util.IsSpace(c) {
				if c != '[' {
					return
				}
				break
			}
		}
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}
