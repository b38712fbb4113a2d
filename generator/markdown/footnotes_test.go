package markdown

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/mdctx"
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
