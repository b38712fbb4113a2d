package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// footnoteRenderer renders the list of footnotes and its back links in
// the page's language, which goldmark's footnote extension cannot (its
// words are one per converter option, and it has none for the list):
// the list opens with a heading ("Notes", "注释"), so that it is found
// by heading and read as what it is, and a back link is named ("Back to
// the text") rather than read out as an arrow. The extension still
// renders the references and the notes themselves, with the same ids.
type footnoteRenderer struct {
	label func(key string) string
}

// The document attribute that holds the level of the notes' heading: 2
// on a page, lower on the printable page, whose lessons' headings go down
// (see RenderAgain).
const footnoteLevelAttr = "fieldguide-footnote-level"

func (r footnoteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindFootnoteList, r.renderList)
	reg.Register(extast.KindFootnoteBacklink, r.renderBacklink)
}

func (r footnoteRenderer) renderList(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</ol>\n</section>\n")
		return ast.WalkContinue, nil
	}
	level := "2"
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.AttributeString(footnoteLevelAttr); ok {
			if l, ok := v.(int); ok {
				level = strconv.Itoa(l)
			}
		}
	}
	_, _ = w.WriteString(`<section class="footnotes" role="doc-endnotes">` + "\n<h" + level + ` class="footnotes-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(r.label("footnotes.title"))))
	_, _ = w.WriteString("</h" + level + ">\n<ol>\n")
	return ast.WalkContinue, nil
}

func (r footnoteRenderer) renderBacklink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*extast.FootnoteBacklink)
	_, _ = w.WriteString(`&#160;<a href="#`)
	_, _ = w.Write(footnotePrefix(node))
	_, _ = w.WriteString("fnref")
	if n.RefIndex > 0 {
		_, _ = w.WriteString(strconv.Itoa(n.RefIndex))
	}
	_, _ = w.WriteString(":" + strconv.Itoa(n.Index) + `" class="footnote-backref" role="doc-backlink" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(r.label("footnotes.back"))))
	// U+FE0E asks for the arrow as text, not as an emoji; the stylesheet
	// mirrors it in right-to-left text.
	_, _ = w.WriteString(`">&#x21a9;&#xfe0e;</a>`)
	return ast.WalkContinue, nil
}

// footnoteWords are the English words, for a converter given no Label.
var footnoteWords = map[string]string{
	"footnotes.title": "Notes",
	"footnotes.back":  "Back to the text",
}
