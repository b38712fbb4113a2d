package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// lineEnds lends a paragraph's last line its line end while goldmark
// parses the paragraph's inline content, and takes it back after, so that
// the tree comes out as it would without it.
//
// Why: goldmark's block reader moves over the text after a line's last
// inline trigger in one step only when that text is followed by more
// (text.blockReader.Advance wants n below the bytes left); otherwise it
// moves a byte at a time, with three tests a byte. A paragraph's last line
// never ends in '\n' (goldmark's paragraph Close trims it), and without
// linkify's trigger at every space the text after the last trigger is
// most of a paragraph: a twelfth of converting a page went there. With
// its '\n' the line's text ends before the line does, and goldmark takes
// the fast step.
//
// What the '\n' changes, and what CloseBlock puts back: the line's last
// text is marked as ending in a soft line break, or, when an inline node
// (a link, emphasis, code) ended the line, an empty text with that mark
// follows it. The lent line end is only one right after the trimmed line,
// and never after a backslash: "a\" + '\n' would be a hard line break.
// Trailing blanks and "\r\n" leave the line as it is (the byte after it
// is not '\n'). TestLineEndsAreInvisible and FuzzLineEnds hold the trees
// equal, node for node, with and without it.
type lineEnds struct{}

func (lineEnds) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Ahead of goldmark's own paragraph parser (1000), which it wraps:
		// that one is then never asked.
		parser.WithBlockParsers(util.Prioritized(paragraphLineEnd{parser.NewParagraphParser()}, 990)),
		// Last of the close blockers, after the link parser's.
		parser.WithInlineParsers(util.Prioritized(lineEndReturn{}, 10000)),
	)
}

var lineEndsKey = parser.NewContextKey()

// lentLineEnds has a bit for each byte of the source: set for a '\n'
// lent to the last line of a paragraph. Several nodes may hold that line
// by the time its inline content is parsed (a paragraph becomes a list
// item's text block, or a setext heading's text), so the mark is on the
// byte, not on a node.
type lentLineEnds []uint64

func (l lentLineEnds) has(i int) bool { return i>>6 < len(l) && l[i>>6]&(1<<(i&63)) != 0 }

// paragraphLineEnd is goldmark's paragraph parser, which lends the
// paragraph's last line its '\n' once it has closed the paragraph.
type paragraphLineEnd struct{ parser.BlockParser }

func (p paragraphLineEnd) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	lines := node.Lines()
	n := lines.Len()
	if node.Parent() == nil || n == 0 {
		return
	}
	last := lines.At(n - 1)
	src := reader.Source()
	if last.Stop <= last.Start || last.Stop >= len(src) || src[last.Stop] != '\n' {
		return
	}
	// After a '\n' the line has one already (Close ran twice on it); after
	// a backslash, the '\n' would make a hard line break.
	if c := src[last.Stop-1]; c == '\n' || c == '\\' {
		return
	}
	lent, _ := pc.Get(lineEndsKey).(lentLineEnds)
	if lent == nil {
		lent = make(lentLineEnds, len(src)>>6+1)
		pc.Set(lineEndsKey, lent)
	}
	lent[last.Stop>>6] |= 1 << (last.Stop & 63)
	last.Stop++
	lines.Set(n-1, last)
}

// lineEndReturn takes a lent '\n' back from a block once its inline
// content is parsed. It is an inline parser for its CloseBlock only: it
// has no trigger, so goldmark never asks it to parse.
type lineEndReturn struct{}

func (lineEndReturn) Trigger() []byte { return nil }

func (lineEndReturn) Parse(ast.Node, text.Reader, parser.Context) ast.Node { return nil }

func (lineEndReturn) CloseBlock(parent ast.Node, _ text.Reader, pc parser.Context) {
	lent, _ := pc.Get(lineEndsKey).(lentLineEnds)
	if lent == nil {
		return
	}
	lines := parent.Lines()
	n := lines.Len()
	if n == 0 {
		return
	}
	last := lines.At(n - 1)
	if last.Stop == 0 || !lent.has(last.Stop-1) {
		return
	}
	last.Stop--
	lines.Set(n-1, last)
	t, ok := parent.LastChild().(*ast.Text)
	if !ok || !t.SoftLineBreak() || t.HardLineBreak() {
		// The line's end went to an inline node (a task's box takes
		// the blanks after it): no text was made for it.
		return
	}
	if t.Segment.IsEmpty() {
		parent.RemoveChild(parent, t)
		return
	}
	t.SetSoftLineBreak(false)
}
