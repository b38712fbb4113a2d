package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
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

// checkFootnotes reports what goldmark's footnotes leave unsaid: a
// reference with no note ("a note[^b]" and no line "[^b]: …"), which it
// prints as it is, and a note no reference cites, which it drops.

// footnoteRef is a footnote reference as written: "[^label]".
var footnoteRef = regexp.MustCompile(`\[\^([^\s\[\]][^\[\]\n]*)\]`)

func checkFootnotes(root *ast.Document, src []byte, doc *mdctx.Doc) {
	// Both a note and a reference are written "[^": a page without one
	// (most pages) has nothing to check, and is not walked twice more.
	if !bytes.Contains(src, []byte("[^")) {
		return
	}
	var uncited []*extast.Footnote
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*extast.Footnote); ok && entering && f.Index < 0 {
			uncited = append(uncited, f)
		}
		return ast.WalkContinue, nil
	})
	var labels []string
	for _, f := range uncited {
		label := string(f.Ref)
		// Cited where this build does not read it (trainer notes left
		// out of a participant build) or in code: not a stray note.
		if bytes.Count(src, []byte("[^"+label+"]")) > 1 {
			continue
		}
		labels = append(labels, "[^"+label+"]")
		doc.Report(f.Pos(), diag.Warning, "footnote-unused",
			fmt.Sprintf("footnote [^%s] is not used in the text, so the page does not show it", label),
			fmt.Sprintf("write [^%s] in the text where the note belongs, or delete the note", label))
	}
	for _, run := range textRuns(root) {
		start, stop := run[0].Segment.Start, run[len(run)-1].Segment.Stop
		for _, m := range footnoteRef.FindAllSubmatchIndex(src[start:stop], -1) {
			at := start + m[0]
			if escaped(src, at) {
				continue
			}
			ref := string(src[at : start+m[1]])
			hint := fmt.Sprintf("if [^…] is meant as it is written, put it between backticks: `%s`", ref)
			if s := diag.Suggest(ref, labels); s != "" {
				hint = fmt.Sprintf("did you mean %s? That note is cited nowhere", s)
			}
			doc.Report(at, diag.Warning, "footnote-missing",
				fmt.Sprintf("footnote %s has no text: add a line `%s: …` with the note, at the end of the page", ref, ref), hint)
		}
	}
}

// textRuns are the runs of plain text of a document, each a sequence of
// Text nodes that follow one another in the source: where a reference to
// a footnote that has no note stays, as text, once goldmark is done (its
// "[" is a node of its own). Code and raw HTML are not text.
func textRuns(root ast.Node) [][]*ast.Text {
	var runs [][]*ast.Text
	var cur []*ast.Text
	end := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		t, ok := n.(*ast.Text)
		if !ok || t.IsRaw() {
			end()
			if _, code := n.(*ast.CodeSpan); code {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		if len(cur) > 0 && cur[len(cur)-1].Segment.Stop != t.Segment.Start {
			end()
		}
		cur = append(cur, t)
		return ast.WalkContinue, nil
	})
	end()
	return runs
}

// escaped reports whether the byte at i is escaped by a backslash: "\[^b]"
// is meant as it is written.
func escaped(src []byte, i int) bool {
	n := 0
	for i-n > 0 && src[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}
