package blocks

import (
	"strings"
	"testing"
)

// The fuzz targets check that no input makes the extension panic, and that a
// participant build never prints a trainer note's text.

var fuzzGlossary = []Term{
	{Term: "victim", ID: "term-victim", Definition: "a person"},
	{Term: "human trafficking", ID: "term-human-trafficking", Definition: "exploitation"},
	{Term: "贩运", ID: "term-贩运", Definition: "运送"},
}

func fuzzRender(t *testing.T, src string) {
	for _, audience := range []string{"participant", "trainer"} {
		md := newMarkdown(Options{Audience: audience, Glossary: fuzzGlossary}, true)
		html, _ := convert(md, []byte(src), "../glossary/")
		if audience == "participant" && strings.Contains(html, "trainer-note") {
			t.Errorf("participant build printed a trainer note for %q:\n%s", src, html)
		}
	}
}

func FuzzFencedDiv(f *testing.F) {
	for _, seed := range []string{
		"::: note\ntext\n:::\n",
		":::: scenario Title\n::: discussion\nx\n:::\n::::\n",
		"::: scenario\n::: discussion\n:::\n",
		"::: {.warning #id}\nx\n:::\n",
		"::: trainer\n```\n:::\n```\n:::\n",
		"- ::: tip\n  x\n:::\n",
		"> ::: note\n> x\n:::\n",
		"> [!NOTE]\n> x\n",
		"::: scenaro\n:::\n",
		":::\n:::\n::: x :::\n",
		"::: trainer\n[^1]: x\n:::\ny[^1]\n",
		"::: {.\n",
		"\t::: note\n\t:::\n",
		"::: note\n\tx\n:::",
	} {
		f.Add(seed)
	}
	f.Fuzz(fuzzRender)
}

func FuzzQuiz(f *testing.F) {
	for _, seed := range []string{
		"::: quiz\nQ?\n\n- [ ] a\n  > no\n- [x] b\n  > yes\n:::\n",
		"::: quiz\nQ?\n\n- [x] a\n- [x] b\n:::\n",
		"::: quiz\n- [ ]\n:::\n",
		"::: quiz\nQ?\n\n- [ ] a\n\n> fb\n:::\n",
		"::: quiz\nQ?\n\n1. [x] a\n2. [ ] b\n\n- [ ] c\n:::\n",
		"::: quiz\n::: quiz\nQ\n- [x] a\n:::\n:::\n",
		"::: quiz title\nvictim?\n\n- [x] human trafficking\n  > 贩运\n:::\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(fuzzRender)
}

func FuzzGlossary(f *testing.F) {
	f.Add(glossarySource, "Trafficking of a victim, 人口贩运.")
	f.Add("a\n: b\n", "a a a")
	f.Add("\xff\n: b\n", "\xff\nb") // an invalid byte before a line break
	f.Add("- **a**: b\n\nc\n:d\n\ne\n：f\n", "a")
	f.Add("Referral mechanism (national referral mechanism)\n: b\n\n转介机制（国家转介机制）\n: c\n", "the national referral mechanism, 国家转介机制")
	f.Fuzz(func(t *testing.T, glossary, doc string) {
		terms := ParseGlossary([]byte(glossary))
		CheckGlossary([]byte(glossary), func(off int, msg, hint string) {
			if off < -1 || off > len(glossary) || msg == "" || hint == "" {
				t.Errorf("report(%d, %q, %q)", off, msg, hint)
			}
		})
		md := newMarkdown(Options{Glossary: terms}, false)
		convert(md, []byte(doc), "g/")
	})
}
