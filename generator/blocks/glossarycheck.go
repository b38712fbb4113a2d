package blocks

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// glossaryCheckParser reads a glossary page as a trainer build does, so
// that terms written in trainer notes count as terms.
var glossaryCheckParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.DefinitionList, extension.TaskList, New(Options{Audience: "trainer"}))).Parser()
})

// CheckGlossary reports what keeps a glossary page's text (src, its body)
// from being the definition list that ParseGlossary reads terms from:
// whatever else it holds is a paragraph or a list, shown as it is, and no
// lesson links to it. report is called with the offset in src of the line
// to fix, or -1 for the page as a whole, and what to say.
//
// A glossary with no term at all is reported once, at the first line that
// looks like a term written otherwise ("- **Term**: definition", or
// "**Term:** definition"), or for the whole page. A definition whose
// colon has no space after it (":Definition", or the wide "：" of Chinese
// and Japanese input) is reported wherever it is: it loses the term above
// it from a glossary that may have many others.
func CheckGlossary(src []byte, report func(off int, msg, hint string)) {
	root := glossaryCheckParser().Parse(text.NewReader(src))
	terms := 0
	var firstBold *termAttempt
	walk(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *extast.DefinitionTerm:
			terms++
			return false
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.Heading:
			return false
		case *ast.Paragraph, *ast.TextBlock:
			for _, a := range colonLines(n, src) {
				report(a.off, a.msg, a.hint)
			}
			if a := boldTerm(n, src); a != nil && firstBold == nil {
				firstBold = a
			}
			return false
		}
		return true
	})
	if terms > 0 {
		return
	}
	msg := "glossary.md defines no terms: write each term on its own line, then its definition on the next line starting with `: `"
	if firstBold != nil {
		report(firstBold.off, msg, firstBold.hint)
		return
	}
	report(-1, msg, "for example, a line `Case scenario`, then a line `: A short, fictional situation.`")
}

// termAttempt is a line written as a glossary term, not in the form of one.
type termAttempt struct {
	off       int
	msg, hint string
}

// colonLines finds the lines of a paragraph that start with a colon not
// followed by a space: meant as a definition, they are text of the
// paragraph, the term above them with it.
func colonLines(n ast.Node, src []byte) []termAttempt {
	var out []termAttempt
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := bytes.TrimRight(seg.Value(src), "\n")
		trimmed := bytes.TrimLeft(line, " \t")
		off := seg.Start + len(line) - len(trimmed)
		var rest []byte
		switch {
		case bytes.HasPrefix(trimmed, []byte("：")):
			rest = bytes.TrimSpace(trimmed[len("："):])
			out = append(out, termAttempt{off,
				"this line is meant as a glossary definition, but it starts with the wide colon ：, so the term above it is not in the glossary",
				fmt.Sprintf("write the colon as : followed by a space: `: %s`", excerpt(rest))})
		case len(trimmed) > 1 && trimmed[0] == ':' && trimmed[1] != ':' && trimmed[1] != ' ' && trimmed[1] != '\t':
			rest = bytes.TrimSpace(trimmed[1:])
			out = append(out, termAttempt{off,
				"this line is meant as a glossary definition, but a definition starts with a colon and a space, so the term above it is not in the glossary",
				fmt.Sprintf("put a space after the colon: `: %s`", excerpt(rest))})
		}
	}
	return out
}

// boldTerm recognises a paragraph or list item written as a term and its
// definition on one line, the term in bold: "**Term**: definition" or
// "**Term:** definition".
func boldTerm(n ast.Node, src []byte) *termAttempt {
	bold, ok := n.FirstChild().(*ast.Emphasis)
	if !ok || bold.Level != 2 || n.Lines().Len() == 0 {
		return nil
	}
	term := collapseSpace(plainText(bold, src))
	var def string
	switch after := bold.NextSibling(); {
	case strings.HasSuffix(term, ":"):
		term = strings.TrimSpace(strings.TrimSuffix(term, ":"))
		def = restText(after, src)
	case after != nil:
		rest := restText(after, src)
		if !strings.HasPrefix(rest, ":") {
			return nil
		}
		def = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
	default:
		return nil
	}
	if term == "" {
		return nil
	}
	return &termAttempt{off: n.Lines().At(0).Start,
		hint: fmt.Sprintf("this line holds a term and its definition: write `%s` alone on a line, then `: %s` on the next", term, excerpt([]byte(def)))}
}

// restText is the text of n and the nodes after it, up to the end of the
// line.
func restText(n ast.Node, src []byte) string {
	var b strings.Builder
	for ; n != nil; n = n.NextSibling() {
		b.WriteString(plainText(n, src))
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
	}
	return collapseSpace(b.String())
}

// excerpt shortens a definition quoted in a hint.
func excerpt(def []byte) string {
	const max = 40
	s := collapseSpace(string(def))
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}
