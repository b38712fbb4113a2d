package markdown

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark"
)

const footnoteDoc = "Text.[^1] Again.[^1]\n\n[^1]: The Palermo Protocol, article 3.\n"

func TestFootnotesInThePageLanguage(t *testing.T) {
	words := map[string]string{"footnotes.title": "الحواشي", "footnotes.back": `العودة "إلى" النص`}
	c := New(Options{Label: func(key string) string { return words[key] }})
	res, err := c.Convert(&mdctx.Doc{File: "l.md", Source: []byte(footnoteDoc), Lang: "ar"}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<section class="footnotes" role="doc-endnotes">` + "\n" + `<h2 class="footnotes-title">الحواشي</h2>`,
		// Two references to one note: a back link to each, both named.
		`<a href="#fnref:1" class="footnote-backref" role="doc-backlink" aria-label="العودة &quot;إلى&quot; النص">`,
		`<a href="#fnref1:1" class="footnote-backref" role="doc-backlink" aria-label="العودة &quot;إلى&quot; النص">`,
		`<sup id="fnref:1"><a href="#fn:1"`,
		`<li id="fn:1">`,
		"</ol>\n</section>",
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("page HTML lacks %s\n%s", want, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "<hr") {
		t.Errorf("notes still open with a rule (the heading and the stylesheet's border do):\n%s", res.HTML)
	}

	// On the printable page the lesson's headings go down a level, and
	// the notes' heading with them; every id takes the lesson's prefix.
	again, err := res.RenderAgain("l-", 1, func(raw string) string { return raw }, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h3 class="footnotes-title">الحواشي</h3>`,
		`<a href="#l-fnref:1" class="footnote-backref"`,
		`<li id="l-fn:1">`,
		`<sup id="l-fnref:1"><a href="#l-fn:1"`,
	} {
		if !strings.Contains(again, want) {
			t.Errorf("printable HTML lacks %s\n%s", want, again)
		}
	}
}

func TestFootnotesDefaultToEnglish(t *testing.T) {
	// No Label, or a Label without the words (a site's own strings file
	// from before they existed): English, never a key.
	for _, label := range []func(string) string{nil, func(string) string { return "" }} {
		res, err := New(Options{Label: label}).Convert(&mdctx.Doc{Source: []byte(footnoteDoc)}, false)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.HTML, `<h2 class="footnotes-title">Notes</h2>`) || !strings.Contains(res.HTML, `aria-label="Back to the text"`) {
			t.Errorf("English words missing:\n%s", res.HTML)
		}
	}
}

// A reference to a note that does not exist is printed as written
// ("note[^b]"), and a note nothing cites is dropped: both are said, where
// they are. What is meant as written is not: a reference in code, escaped,
// or cited only where this build does not read it (trainer notes left out
// of a participant build); a pattern in prose is, with the backticks that
// keep it.
func TestFootnoteMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"reviewer", "Text with a note[^b].\n\n[^a]: An unused note.\n", []string{
			"l.md:4:17: warning: footnote [^b] has no text: add a line `[^b]: …` with the note, at the end of the page (did you mean [^a]? That note is cited nowhere) [footnote-missing]",
			"l.md:6:1: warning: footnote [^a] is not used in the text, so the page does not show it (write [^a] in the text where the note belongs, or delete the note) [footnote-unused]",
		}},
		{"cited", "A[^1] and b[^note].\n\n[^1]: One.\n[^note]: Two.\n", nil},
		{"code and escapes", "Code `[^x]`, escaped \\[^y], and\n\n    [^z] in a code block\n\n```\n[^w]\n```\n", nil},
		{"twice, emphasised, in a note", "*a[^gone]* and b[^gone].\n\n[^1]: Cites [^elsewhere].\n\nc[^1]\n", []string{
			"l.md:4:3: warning: footnote [^gone] has no text: add a line `[^gone]: …` with the note, at the end of the page (if [^…] is meant as it is written, put it between backticks: `[^gone]`) [footnote-missing]",
			"l.md:4:17: warning: footnote [^gone] has no text: add a line `[^gone]: …` with the note, at the end of the page (if [^…] is meant as it is written, put it between backticks: `[^gone]`) [footnote-missing]",
			"l.md:6:13: warning: footnote [^elsewhere] has no text: add a line `[^elsewhere]: …` with the note, at the end of the page (if [^…] is meant as it is written, put it between backticks: `[^elsewhere]`) [footnote-missing]",
		}},
		{"a pattern in prose", "Any letter but these: [^a-z].\n", []string{
			"l.md:4:23: warning: footnote [^a-z] has no text: add a line `[^a-z]: …` with the note, at the end of the page (if [^…] is meant as it is written, put it between backticks: `[^a-z]`) [footnote-missing]",
		}},
		// The reference is in trainer notes, which a participant build
		// leaves out before the text is read.
		{"cited where the build does not read", "Text.\n\n::: trainer\nSee[^t].\n:::\n\n[^t]: For trainers.\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Three lines of front matter: "---", "title: F", "---".
			doc := &mdctx.Doc{File: "l.md", Source: []byte(tc.src), LineOffset: 3}
			conv := New(Options{Extensions: []goldmark.Extender{blocks.New(blocks.Options{})}})
			if _, err := conv.Convert(doc, false); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range doc.Diags.Items() {
				if strings.HasPrefix(d.Code, "footnote") {
					got = append(got, d.Error()+" ["+d.Code+"]")
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
