package build

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/search"
)

// TestGlossarySearchEntries: each glossary entry is a section of the search
// index of its own, headed by its term and linked to its <dt>, so that a
// search for a term shows its definition, on the glossary in the page's
// language and on one shown untranslated; a trainer's entry stays out of
// a participant's index.
func TestGlossarySearchEntries(t *testing.T) {
	archive := `
-- site.yaml --
languages: {en: {}, fr: {}}
-- content/en/glossary.md --
---
title: Glossary
---
The definitions below are written in plain language.

Trafficking in persons
: The recruitment, transport or harbouring of a person by force, fraud or coercion, for exploitation.

Forced labour
: Work that a person is made to do under the threat of a penalty.

Debt bondage
Bonded labour
: Work to repay a debt whose value is not fairly counted against it.

::: trainer
Trainer term
: TRAINERONLY a note for the session.
:::

Child
: Any person under 18 years of age.
-- content/fr/_index.md --
Accueil.
`
	s := buildTxtar(t, archive, Options{}).ok()
	for _, lang := range []string{"en", "fr"} {
		var files []search.File
		for name, data := range s.files {
			if strings.HasPrefix(name, "search/"+lang+"/") {
				files = append(files, search.File{Path: name, Data: data})
			}
		}
		ix, err := search.Load(files)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ query, anchor, section, text string }{
			{"debt bondage", "term-debt-bondage", "Debt bondage, Bonded labour", "Work to repay a debt"},
			{"bonded", "term-debt-bondage", "Debt bondage, Bonded labour", "Work to repay a debt"},
			{"penalty", "term-forced-labour", "Forced labour", "Work that a person"},
			{"child", "term-child", "Child", "Any person under 18"},
			{"plain language", "", "", "The definitions below"},
		} {
			r := ix.Query(c.query, 1)
			if len(r) == 0 || r[0].Anchor != c.anchor || r[0].Section != c.section || !strings.HasPrefix(r[0].Text, c.text) {
				t.Errorf("%s: %q finds %+v, want #%s %q %q…", lang, c.query, r, c.anchor, c.section, c.text)
			}
		}
		if r := ix.Query("traineronly", 0); len(r) != 0 {
			t.Errorf("%s: the trainer's entry is indexed: %+v", lang, r)
		}
	}
	s.contains("en/glossary/index.html", `<dt id="term-debt-bondage">`, `<dt id="term-child">`)
}

// TestGlossaryEntriesKeepUnknownLines: lines that name no term (a term
// the glossary's parser left out, text before the first term) stay with
// the entry before them, and terms found in order are used once.
func TestGlossaryEntriesKeepUnknownLines(t *testing.T) {
	terms := []blocks.Term{{Term: "Consent", ID: "term-consent"}, {Term: "Child", ID: "term-child"}}
	d := search.Doc{URL: "en/glossary/", Title: "Glossary", Anchor: "a", Section: "A", Text: "Intro.\nConsent\nAgreeing freely.\n\nExtra term\nNot in the list.\n\nChild\nUnder 18.\nConsent\n"}
	entries, rest := glossaryEntries(d, terms)
	want := []search.Doc{
		{URL: "en/glossary/", Title: "Glossary", Anchor: "a", Section: "A", Text: "Intro."},
		{URL: "en/glossary/", Title: "Glossary", Anchor: "term-consent", Section: "Consent", Text: "Agreeing freely.\n\nExtra term\nNot in the list."},
		{URL: "en/glossary/", Title: "Glossary", Anchor: "term-child", Section: "Child", Text: "Under 18.\nConsent"},
	}
	if len(rest) != 0 || len(entries) != len(want) {
		t.Fatalf("entries %+v, rest %v", entries, rest)
	}
	for i := range want {
		if entries[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v", i, entries[i], want[i])
		}
	}
}
