package search

import (
	"slices"
	"strings"
	"testing"
)

func TestSingular(t *testing.T) {
	tests := []struct {
		lang, word string
		want       string // "" if left alone; "+" after it if the word is indexed too
	}{
		// English: what the S-stemmer folds...
		{"en", "victims", "victim"},
		{"en", "interviews", "interview"},
		{"en", "indicators", "indicator"},
		{"en", "visas", "visa"},
		{"en", "ngos", "ngo"},
		{"en", "countries", "country+"},
		{"en", "agencies", "agency+"},
		{"en", "witnesses", "witness"},
		{"en", "approaches", "approach"},
		{"en", "boxes", "box"},
		{"en", "ties", "tie"},
		{"en", "employees", "employee"},
		// ...and what it leaves alone.
		{"en", "is", ""},
		{"en", "us", ""},
		{"en", "was", ""},
		{"en", "has", ""},
		{"en", "its", ""},
		{"en", "this", ""},
		{"en", "his", ""},
		{"en", "access", ""},
		{"en", "process", ""},
		{"en", "bus", ""},
		{"en", "status", ""},
		{"en", "analysis", ""},
		{"en", "news", ""},
		{"en", "customs", ""},
		{"en", "series", ""},
		{"en", "always", ""},
		{"en", "1990s", ""},
		{"en", "victim", ""},
		// French.
		{"fr", "indicateurs", "indicateur"},
		{"fr", "victimes", "victime"},
		{"fr", "employees", "employee"}, // employées, accents folded
		{"fr", "droits", "droit"},
		{"fr", "visas", "visa"},
		{"fr", "travaux", "travail+"},
		{"fr", "journaux", "journal+"},
		{"fr", "bureaux", "bureau"},
		{"fr", "lieux", "lieu"},
		{"fr", "genoux", "genou"},
		{"fr", "pays", ""},
		{"fr", "fois", ""},
		{"fr", "prix", ""},
		{"fr", "choix", ""},
		{"fr", "cours", ""},
		{"fr", "stress", ""},
		{"fr", "indicateur", ""},
		// Other languages: no folding.
		{"de", "victims", ""},
		{"ar", "victims", ""},
		{"en-GB", "victims", "victim"},
		{"fr-CA", "victimes", "victime"},
	}
	for _, tt := range tests {
		stem, alone := singular(pluralsOf(tt.lang), tt.word)
		got := stem
		if stem != "" && !alone {
			got += "+"
		}
		if got != tt.want {
			t.Errorf("singular(%s, %q) = %q, %v; want %q", tt.lang, tt.word, stem, alone, tt.want)
		}
	}
}

func TestProcliticForms(t *testing.T) {
	tests := []struct {
		word string // folded, as the index has it
		want string // the forms, apart by spaces
	}{
		{"بتاشيره", "تاشيره"},
		{"لضحايا", "ضحايا"},
		{"وضحايا", "ضحايا"},
		{"كضحيه", "ضحيه"},
		{"فبموجب", "بموجب موجب"},
		{"وللمخاطر", "للمخاطر مخاطر لمخاطر"},
		{"وبالتاشيره", "بالتاشيره تاشيره التاشيره"},
		// With an article, withoutArticle's: left to it.
		{"فالضحيه", ""},
		{"والضحايا", ""},
		{"للضحايا", ""},
		// Too short once cut: short words stay whole.
		{"بعد", ""},
		{"ومن", ""},
		{"كما", ""},
		{"فيه", ""},
		{"وهو", ""},
		// Words whose first letter is their own.
		{"كانت", ""},
		{"فيها", ""},
		{"واحد", ""},
		// Not a particle, not Arabic.
		{"ضحايا", ""},
		{"victims", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(procliticForms(tt.word), " "); got != tt.want {
			t.Errorf("procliticForms(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestProcliticMerges builds an index and checks that a word with a
// particle is filed under its bare form when the course has that form,
// and only then.
func TestProcliticMerges(t *testing.T) {
	docs := []Doc{
		{URL: "ar/a/", Title: "أ", Text: "يتقدم بتأشيرة سياحية"},      // with a visa
		{URL: "ar/b/", Title: "ب", Text: "التأشيرة وثيقة"},            // the visa: the bare form is a word of the course
		{URL: "ar/c/", Title: "ج", Text: "الدعم لضحايا الاتجار"},      // for victims: ضحايا is nowhere alone
		{URL: "ar/d/", Title: "د", Text: "سؤال بسيط"},                 // a simple question
		{URL: "ar/e/", Title: "ه", Text: "وسيط التوظيف"},              // a recruitment broker
		{URL: "ar/f/", Title: "و", Text: "كانت خائفة. أنت في أمان"},   // she was afraid. you are safe
		{URL: "ar/g/", Title: "ز", Text: "بتأشيرة، بتأشيرة وبتأشيرة"}, // three times
	}
	files, err := Build("ar", docs)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	urls := func(q string) []string {
		var out []string
		for _, r := range ix.Query(q, 0) {
			out = append(out, r.URL)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"تأشيرة ", []string{"ar/a/", "ar/b/", "ar/g/"}},
		{"التأشيرة ", []string{"ar/a/", "ar/b/", "ar/g/"}},
		{"بتأشيرة ", []string{"ar/a/", "ar/b/", "ar/g/"}},
		{"وبالتأشيرة ", []string{"ar/a/", "ar/b/", "ar/g/"}},
		{"لضحايا ", []string{"ar/c/"}},
		{"ضحايا ", nil}, // the course has no ضحايا alone: لضحايا is not filed under it
		{"بسيط ", []string{"ar/d/"}},
		{"وسيط ", []string{"ar/e/"}}, // not بسيط: "سيط" is no word of the course
		{"انت ", []string{"ar/f/"}},  // كانت is not ك + انت
		{"كانت ", []string{"ar/f/"}},
	}
	for _, tt := range tests {
		if got := urls(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("Query(%q) found %q, want %q", tt.query, got, tt.want)
		}
	}
	// Three occurrences of the form with a particle count three times
	// under the bare form, as they do under their own.
	var whole, bare float64
	for _, r := range ix.Query("بتأشيرة ", 0) {
		if r.URL == "ar/g/" {
			whole = r.Score
		}
	}
	for _, r := range ix.Query("تأشيرة ", 0) {
		if r.URL == "ar/g/" {
			bare = r.Score
		}
	}
	if whole == 0 || bare == 0 {
		t.Errorf("ar/g/ scores %v for بتأشيرة and %v for تأشيرة, want both found", whole, bare)
	}
}

// TestPluralsPrecision checks that folding plurals finds the singular and
// plural of a word, and nothing else: common short words and words that
// only look like plurals keep to their own pages.
func TestPluralsPrecision(t *testing.T) {
	docs := map[string][]Doc{
		"en": {
			{URL: "en/victims/", Title: "Victims", Text: "Identifying victims of trafficking in many countries."},
			{URL: "en/victim/", Title: "One case", Text: "The victim spoke to an officer about her country."},
			{URL: "en/bus/", Title: "Travel", Text: "She came by bus."},
			{URL: "en/us/", Title: "Contact", Text: "Write to us."},
			{URL: "en/news/", Title: "Updates", Text: "The news from the embassy."},
			{URL: "en/new/", Title: "Changes", Text: "A new form."},
			{URL: "en/customs/", Title: "Border", Text: "Customs officers at the airport."},
			{URL: "en/custom/", Title: "Tradition", Text: "A local custom."},
			{URL: "en/this/", Title: "Other", Text: "This is it."},
			{URL: "en/access/", Title: "Rights", Text: "Access to a lawyer."},
		},
		"fr": {
			{URL: "fr/indicateurs/", Title: "Indicateurs", Text: "Les indicateurs de la traite."},
			{URL: "fr/indicateur/", Title: "Un signe", Text: "Un indicateur isolé ne suffit pas."},
			{URL: "fr/cours/", Title: "Formation", Text: "Le cours commence."},
			{URL: "fr/cour/", Title: "Justice", Text: "La cour a jugé."},
			{URL: "fr/travaux/", Title: "Emploi", Text: "Des travaux forcés."},
			{URL: "fr/travail/", Title: "Emploi", Text: "Le travail forcé."},
			{URL: "fr/pays/", Title: "Voyage", Text: "Le pays d'origine."},
		},
	}
	tests := []struct {
		lang, query string
		want        []string
	}{
		{"en", "victims ", []string{"en/victim/", "en/victims/"}},
		{"en", "victim ", []string{"en/victim/", "en/victims/"}},
		{"en", "victims", []string{"en/victim/", "en/victims/"}}, // still being typed
		{"en", "countries ", []string{"en/victim/", "en/victims/"}},
		{"en", "country ", []string{"en/victim/", "en/victims/"}},
		{"en", "countri", []string{"en/victims/"}}, // typing "countries"
		{"en", "bus ", []string{"en/bus/"}},
		{"en", "us ", []string{"en/us/"}},
		{"en", "news ", []string{"en/news/"}},
		{"en", "new ", []string{"en/new/"}},
		{"en", "customs ", []string{"en/customs/"}},
		{"en", "custom ", []string{"en/custom/"}},
		{"en", "this ", []string{"en/this/"}},
		{"en", "access ", []string{"en/access/"}},
		{"fr", "indicateurs ", []string{"fr/indicateur/", "fr/indicateurs/"}},
		{"fr", "indicateur ", []string{"fr/indicateur/", "fr/indicateurs/"}},
		{"fr", "cours ", []string{"fr/cours/"}},
		{"fr", "cour ", []string{"fr/cour/"}},
		{"fr", "travaux ", []string{"fr/travail/", "fr/travaux/"}},
		{"fr", "travail ", []string{"fr/travail/", "fr/travaux/"}},
		{"fr", "pays ", []string{"fr/pays/"}},
		{"fr", "pay ", nil},
	}
	indexes := map[string]*Index{}
	for lang, d := range docs {
		files, err := Build(lang, d)
		if err != nil {
			t.Fatal(err)
		}
		if indexes[lang], err = Load(files); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range tests {
		var got []string
		for _, r := range indexes[tt.lang].Query(tt.query, 0) {
			got = append(got, r.URL)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Query(%q) found %q, want %q", tt.lang, tt.query, got, tt.want)
		}
	}
}
