package blocks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

const glossarySource = `# Glossary

Trafficking
: The recruitment of people for exploitation.
: It is a crime.

Debt bondage
Bonded labour
: Work demanded as repayment of a debt.

Victim
: A person who has been trafficked.

victim
: The same word again, differently cased.

人口贩运
: 以剥削为目的招募、运送人员。

الاتجار بالبشر
: تجنيد الأشخاص أو نقلهم بغرض الاستغلال.

Child's *welfare* -- "best interest"
: Typographer-sensitive punctuation.

!!!
: Nothing but punctuation.

::: trainer
Secret term
: Only trainers see this.
:::
`

func TestParseGlossary(t *testing.T) {
	got := ParseGlossary([]byte(glossarySource))
	want := []Term{
		{"Trafficking", "term-trafficking", "The recruitment of people for exploitation. It is a crime."},
		{"Debt bondage", "term-debt-bondage", "Work demanded as repayment of a debt."},
		{"Bonded labour", "term-bonded-labour", "Work demanded as repayment of a debt."},
		{"Victim", "term-victim", "A person who has been trafficked."},
		{"victim", "term-victim-2", "The same word again, differently cased."},
		{"人口贩运", "term-人口贩运", "以剥削为目的招募、运送人员。"},
		{"الاتجار بالبشر", "term-الاتجار-بالبشر", "تجنيد الأشخاص أو نقلهم بغرض الاستغلال."},
		{`Child's welfare -- "best interest"`, "term-childs-welfare-best-interest", "Typographer-sensitive punctuation."},
		{"!!!", "term", "Nothing but punctuation."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ParseGlossary:\ngot  %q\nwant %q", got, want)
	}
	validID := regexp.MustCompile(`^[^\s]+$`)
	seen := map[string]bool{}
	for _, term := range got {
		if !validID.MatchString(term.ID) || seen[term.ID] {
			t.Errorf("id %q is not a valid unique HTML id", term.ID)
		}
		seen[term.ID] = true
	}
}

// The glossary page is rendered by the site's own goldmark, which may add a
// typographer; its <dt> ids must still be those ParseGlossary returned.
func TestGlossaryPageIDsMatchParseGlossary(t *testing.T) {
	terms := ParseGlossary([]byte(glossarySource))
	for _, typographer := range []bool{false, true} {
		exts := []goldmark.Extender{extension.GFM, extension.DefinitionList, New(Options{Audience: "trainer"})}
		if typographer {
			exts = append(exts, extension.Typographer)
		}
		md := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
		html, _ := convert(md, []byte(glossarySource), "")
		for _, term := range terms {
			if !strings.Contains(html, fmt.Sprintf(`<dt id="%s">`, term.ID)) {
				t.Errorf("typographer=%v: glossary page has no <dt id=%q>:\n%s", typographer, term.ID, html)
			}
		}
	}
}

func TestGlossaryLinksFirstUseAcrossTheDocument(t *testing.T) {
	md := newMarkdown(Options{Glossary: ParseGlossary([]byte(glossarySource))}, false)
	html, _ := convert(md, []byte("# Trafficking\n\nVictim one.\n\n- a victim\n\n> trafficking and debt bondage\n"), "/en/glossary/")
	if n := strings.Count(html, `class="term"`); n != 3 {
		t.Errorf("want 3 links (victim, trafficking, debt bondage), got %d:\n%s", n, html)
	}
	if strings.Contains(html, "<h1><span") {
		t.Errorf("heading linked:\n%s", html)
	}
	if strings.Contains(html, "Secret") || strings.Contains(html, "Only trainers") {
		t.Errorf("a trainer-only glossary entry reached a participant page:\n%s", html)
	}
}

// A longer term takes its words first, wherever it is: a shorter term
// inside it links at its own first use outside it, before or after.
func TestGlossaryLongerTermsFirstAcrossParagraphs(t *testing.T) {
	terms := []Term{{Term: "debt", ID: "debt"}, {Term: "debt bondage", ID: "bondage"}}
	md := newMarkdown(Options{Glossary: terms}, false)
	for _, tc := range []struct{ doc, want string }{
		{"A debt.\n\nDebt bondage.\n", `A <span class="term-wrap"><a class="term" href="g/#debt"`},
		{"Debt bondage.\n\nA debt.\n", `A <span class="term-wrap"><a class="term" href="g/#debt"`},
		{"Debt bondage and debt.\n", `and <span class="term-wrap"><a class="term" href="g/#debt"`},
	} {
		html, _ := convert(md, []byte(tc.doc), "g/")
		if strings.Count(html, `class="term"`) != 2 || !strings.Contains(html, `<a class="term" href="g/#bondage"`) || !strings.Contains(html, tc.want) {
			t.Errorf("%q: want both terms linked, debt at %q:\n%s", tc.doc, tc.want, html)
		}
	}
}

// BenchmarkGlossaryLongLesson: the matcher folds one paragraph at a time,
// so its memory does not grow with the lesson (it held 29 bytes a
// character of the whole lesson: 1.8 GB for a 10 MB lesson in 4 languages).
func BenchmarkGlossaryLongLesson(b *testing.B) {
	md := newMarkdown(Options{Glossary: ParseGlossary([]byte(glossarySource))}, false)
	doc := []byte(strings.Repeat("Officers look for indicators in every application they read.\n\n", 20000))
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		convert(md, doc, "g/")
	}
}

// An invalid byte reads as U+FFFD, one byte wide but three when re-encoded.
// The matcher once used the re-encoded width, cut a Text node past its end
// and made goldmark panic (found by FuzzGlossary).
func TestGlossaryInvalidUTF8(t *testing.T) {
	for _, tc := range []struct{ term, doc string }{
		{"\uFFFD", "\xff"},
		{"\uFFFD", "\xff\nb"},
		{"\uFFFD", "\xff\\\nb"},
		{"\uFFFD", "a \xff b"},
		{"a\uFFFD", "a\xff\xfe"},
		{"\uFFFDb", "x \xffb y"},
	} {
		md := newMarkdown(Options{Glossary: []Term{{Term: tc.term, ID: "t"}}}, false)
		html, _ := convert(md, []byte(tc.doc), "g/")
		if !strings.Contains(html, `class="term"`) {
			t.Errorf("term %q in %q: not linked:\n%s", tc.term, tc.doc, html)
		}
	}
}

func TestTooltipText(t *testing.T) {
	long := strings.Repeat("word ", 80)
	for _, c := range []struct{ in, want string }{
		{"Short.", "Short."},
		{"First sentence is here and is long enough to stand alone as a tooltip. Then " + long, "First sentence is here and is long enough to stand alone as a tooltip."},
		{strings.Repeat("剥削", 100) + "。" + strings.Repeat("字", 200), strings.Repeat("剥削", 100) + "。"},
		{strings.Repeat("字", 300), strings.Repeat("字", 280) + "…"},
		// Not at an abbreviation, nor inside brackets.
		{"Giving one's free and informed agreement, which is irrelevant once a means is used (Directive 2011/36/EU, Art. 2(4)). More " + long,
			"Giving one's free and informed agreement, which is irrelevant once a means is used (Directive 2011/36/EU, Art. 2(4))."},
		{"A long first sentence of the definition goes here, e.g. as officers meet it. Then " + long,
			"A long first sentence of the definition goes here, e.g. as officers meet it."},
	} {
		if got := tooltipText(c.in); got != c.want {
			t.Errorf("tooltipText(%.30q…) = %q, want %q", c.in, got, c.want)
		}
	}
	got := tooltipText(long)
	if n := len([]rune(got)); n > tooltipMax+1 || !strings.HasSuffix(got, "word…") {
		t.Errorf("tooltipText(long) = %q (%d characters), want whole words and an ellipsis", got, n)
	}
}

// TestGlossaryTermWithAGloss: a term ending in a gloss in parentheses,
// which lessons never write, is found without it and as its gloss when
// either is a name of its own (two words, or three Chinese characters),
// never as one ordinary word ("means", 手段) or a qualifier ("of
// trafficking").
func TestGlossaryTermWithAGloss(t *testing.T) {
	terms := ParseGlossary([]byte(`Means (of trafficking)
: Threat, force, deception.

Referral mechanism (national referral mechanism)
: Who does what for a presumed victim.

手段（人口贩运的手段）
: 威胁、武力、欺骗。

转介机制（国家转介机制）
: 谁为推定受害者做什么。

Mécanisme d'orientation (mécanisme national d'orientation)
: Qui fait quoi.

Exploitation
: The purpose.

Protocol (Palermo)
: A one-word gloss.
`))
	md := newMarkdown(Options{Glossary: terms}, false)
	for _, tc := range []struct {
		doc  string
		want []string // the linked text, in order
	}{
		{"This means that the referral mechanism applies.\n", []string{"referral mechanism"}},
		{"Call the national referral mechanism. The referral mechanism helps.\n", []string{"national referral mechanism"}},
		{"The referral mechanism, or national referral mechanism.\n", []string{"referral mechanism"}},
		{"Threats are means (of trafficking). Means (of trafficking) too.\n", []string{"means (of trafficking)"}},
		{"Of trafficking and exploitation.\n", []string{"exploitation"}},
		{"他采用欺骗手段。通过国家转介机制转介。\n", []string{"国家转介机制"}},
		{"采用人口贩运的手段。\n", []string{"人口贩运的手段"}},
		{"Le mécanisme national d'orientation et les moyens.\n", []string{"mécanisme national d'orientation"}},
		{"The Palermo protocol.\n", nil},
	} {
		html, _ := convert(md, []byte(tc.doc), "g/")
		var got []string
		for _, m := range regexp.MustCompile(`<a class="term"[^>]*><dfn>([^<]*)</dfn>`).FindAllStringSubmatch(html, -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: linked %q, want %q:\n%s", tc.doc, got, tc.want, html)
		}
	}
	for _, tc := range []struct {
		term string
		want []string
	}{
		{"Means (of trafficking)", []string{"Means (of trafficking)"}},
		{"Referral mechanism (national referral mechanism)", []string{"Referral mechanism (national referral mechanism)", "Referral mechanism", "national referral mechanism"}},
		{"转介机制（国家转介机制）", []string{"转介机制（国家转介机制）", "转介机制", "国家转介机制"}},
		{"手段（人口贩运的手段）", []string{"手段（人口贩运的手段）", "人口贩运的手段"}},
		{"الوسائل (وسائل الاتجار)", []string{"الوسائل (وسائل الاتجار)", "وسائل الاتجار"}},
		{"Moyens (de la traite)", []string{"Moyens (de la traite)"}},
		{"() ", []string{"() "}},
		{"(x)", []string{"(x)"}},
		{"a (b) c", []string{"a (b) c"}},
	} {
		if got := termForms(tc.term); !slices.Equal(got, tc.want) {
			t.Errorf("termForms(%q) = %q, want %q", tc.term, got, tc.want)
		}
	}
}
