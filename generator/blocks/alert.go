package blocks

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
)

// alertNames are GitHub's alert markers, "> [!NOTE]" and so on.
var alertNames = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// alertMeant reports whether name, inside "[!…]" but not one word, looks
// like a block meant: it holds a word for trainers, or letters other than
// Latin ones.
func alertMeant(name string) bool {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if trainerLike(w) {
			return true
		}
	}
	return strings.IndexFunc(name, func(r rune) bool { return r >= utf8.RuneSelf && unicode.IsLetter(r) }) >= 0
}

// transformAlert turns a GitHub alert (a blockquote whose first line is only
// "[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]" or "[!CAUTION]") into the
// same callout as "::: note". Other blockquotes are left alone, as GitHub does;
// one whose first line is an alert marker of another name ("[!WARN]"), which
// is shown as it is, is reported to doc.
func transformAlert(q *ast.Blockquote, source []byte, doc *mdctx.Doc) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	marker := bytes.TrimSpace(first.Value(source))
	if len(marker) < 4 || !bytes.HasPrefix(marker, []byte("[!")) || marker[len(marker)-1] != ']' {
		return
	}
	name := strings.ToLower(string(marker[2 : len(marker)-1]))
	if !alertNames[name] {
		if doc != nil && !isName(name) && alertMeant(name) {
			// "[!Trainer Notes]", "[!Trainer:]", "[!培训师]": a block
			// meant, which the quote shows with all it holds.
			doc.Report(first.Start, diag.Error, "block-name",
				fmt.Sprintf("%s is not an alert, so this quote is shown as it is", marker),
				`GitHub's alerts are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] and [!CAUTION]; for trainer notes, write a "::: trainer" block`)
		} else if isName(name) && doc != nil && trainerLike(name) {
			// As a misspelt trainer block: shown as a quote, its notes
			// would reach participants.
			doc.Report(first.Start, diag.Error, "trainer-block-name",
				fmt.Sprintf("unknown alert %s: if it holds notes for trainers, participants would see them", marker),
				`write the notes in a "::: trainer" block, which only the trainer edition shows`)
		} else if isName(name) && doc != nil {
			hint := "GitHub's alerts are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] and [!CAUTION]"
			kinds := []string{"note", "tip", "important", "warning", "caution"}
			meant := diag.Suggest(name, kinds)
			for _, k := range kinds {
				if strings.HasPrefix(k, name) || strings.HasPrefix(name, k) { // WARN, NOTES
					meant = k
				}
			}
			if meant != "" {
				hint = fmt.Sprintf("did you mean [!%s]?", strings.ToUpper(meant))
			}
			doc.Report(first.Start, diag.Warning, "unknown-alert",
				fmt.Sprintf("unknown alert %s: the quote shows it as it is", marker), hint)
		}
		return
	}
	// Drop the inline nodes of the marker line; the line break after it
	// belongs to the last of them.
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		if c.Pos() >= first.Stop {
			break
		}
		para.RemoveChild(para, c)
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
		c = next
	}
	if n := para.Lines().Len(); n > 1 {
		para.Lines().SetSliced(1, n)
	}
	if para.ChildCount() == 0 {
		q.RemoveChild(q, para)
	}

	div := &Div{Name: name, closed: true}
	div.SetPos(q.Pos())
	div.AppendChild(div, &DivTitle{})
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		div.AppendChild(div, c)
		c = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, div)
}
