package search

import (
	"slices"
	"strconv"
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
		{"en", "taxes", "tax"},
		{"en", "axes", "axe"}, // 4 letters: only the s goes
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

// TestStemsInNode runs queries with plurals and Arabic particles in the
// browser's engine, on indexes of many term shards (so that a word and
// its singular or bare form are often in different ones), and wants the
// ranking and the files read that Go gives, and every form marked in the
// snippets.
func TestStemsInNode(t *testing.T) {
	corpus := map[string][]string{
		"en": {"victims of trafficking", "a victim spoke", "countries of origin", "her country", "the bus and us",
			"witnesses were heard", "a witness", "news of the day", "a new form", "interviews with applicants"},
		"fr": {"les indicateurs de la traite", "un indicateur isolé", "des travaux forcés", "le travail forcé",
			"les journaux locaux", "un journal", "le pays d'origine", "le cours commence", "la cour a jugé"},
		"ar": {"يتقدم بتأشيرة سياحية", "التأشيرة وثيقة", "الدعم لضحايا الاتجار", "حماية الضحايا", "وضحايا العمل القسري",
			"كضحية محتملة", "فالضحية تخاف", "سؤال بسيط", "وسيط التوظيف", "كانت خائفة", "أنت في أمان"},
	}
	queries := map[string][]string{
		"en": {"victims ", "victims", "victim", "countries ", "countries", "countri", "country ", "witnesses ", "bus ", "us ", "news ", "new "},
		"fr": {"indicateurs ", "indicateurs", "indicateur", "travaux ", "travail ", "journaux", "pays ", "cours ", "cour "},
		"ar": {"بتأشيرة ", "بتأشيرة", "تأشيرة ", "لضحايا ", "وضحايا", "كضحية ", "فالضحية ", "ضحايا ", "ضحية ", "بسيط ", "وسيط ", "كانت ", "انت "},
	}
	marked := map[string][][2]string{ // query → a marked word in the top result's snippet
		"en": {{"victims ", "<mark>victims</mark>"}, {"countries ", "<mark>countries</mark>"}, {"witnesses ", "<mark>witnesses</mark>"}},
		"fr": {{"indicateurs ", "<mark>indicateurs</mark>"}, {"travail ", "<mark>travaux</mark>"}},
		"ar": {{"تأشيرة ", "<mark>بتأشيرة</mark>"}, {"ضحايا ", "<mark>لضحايا</mark>"}, {"لضحايا ", "<mark>الضحايا</mark>"}},
	}
	for lang, texts := range corpus {
		var docs []Doc
		for i := range 400 { // many sections, so the dictionary has many shards
			text := texts[i%len(texts)]
			docs = append(docs, Doc{URL: lang + "/p" + strconv.Itoa(i) + "/", Title: "p" + strconv.Itoa(i), Text: text + " w" + strconv.Itoa(i) + " x" + strconv.Itoa(i*7)})
		}
		files, err := Build(lang, docs)
		if err != nil {
			t.Fatal(err)
		}
		compareWithGo(t, lang, files, queries[lang], 5, true)
		var markQueries []string
		for _, m := range marked[lang] {
			markQueries = append(markQueries, m[0])
		}
		answers := runJSSearch(t, lang, files, markQueries, 0, false, 0)
		for i, m := range marked[lang] {
			a := answers[i]
			found := false
			for _, r := range a.Results {
				found = found || strings.Contains(r.Snippet, m[1])
			}
			if !found {
				t.Errorf("%s %q: no snippet of its %d results marks %s", lang, m[0], len(a.Results), m[1])
			}
		}
	}
}

// TestSnippetWindowInNode: the snippet under a result is a window of the
// section's stored text around the first match, in every script: it
// begins at a word (in Chinese, after a punctuation mark if one is near),
// says with … where it cuts, and when the match is near the end shows as
// much as fits before it.
func TestSnippetWindowInNode(t *testing.T) {
	en := "Officers at the counter often meet applicants who travel with a companion. The companion may answer every question, hold the documents and pay for the ticket. Ask to continue the interview alone, with a professional interpreter."
	zh := "签证官在柜台常常会遇到与同伴一起旅行的申请人。同伴可能回答所有问题，保管证件并支付机票费用。请要求单独继续面谈，并使用专业口译员。随后说明接下来会发生什么，以及谁会看到面谈记录，用当事人能理解的话。"
	ar := "يلتقي الموظفون عند الشباك غالبًا بمقدمي طلبات يسافرون مع مرافق. قد يجيب المرافق عن كل سؤال ويحتفظ بالوثائق ويدفع ثمن التذكرة. اطلب مواصلة المقابلة على انفراد، بحضور مترجم محترف. ثم اشرح ما سيحدث بعد ذلك."
	type tc struct {
		Lang  string `json:"lang"`
		Text  string `json:"text"`
		Query string `json:"query"`
		Width int    `json:"width"`
	}
	tests := []struct {
		in   tc
		want string
	}{
		// The match near the end: the window ends with the text and is full.
		{tc{"en", en, "interpreter ", 160}, "…The companion may answer every question, hold the documents and pay for the ticket. Ask to continue the interview alone, with a professional <mark>interpreter</mark>."},
		// In the middle: a third of the window before it, cut at spaces.
		{tc{"en", en, "documents ", 80}, "…every question, hold the <mark>documents</mark> and pay for the ticket. Ask to continue the…"},
		// Plurals and singulars marked alike.
		{tc{"en", en, "applicant ", 80}, "…at the counter often meet <mark>applicants</mark> who travel with a companion. The companion…"},
		// Near the start: from the start, ending at a space.
		{tc{"en", en, "counter ", 60}, "Officers at the <mark>counter</mark> often meet applicants who travel…"},
		// No match (a word of the title, say): the start.
		{tc{"en", en, "xylophone ", 40}, "Officers at the counter often meet…"},
		// Chinese: two columns a character, after a punctuation mark.
		{tc{"zh", zh, "口译员", 60}, "…并使用专业<mark>口译员</mark>。随后说明接下来会发生什么，以及谁…"},
		// Arabic: at spaces, the particle's word marked.
		{tc{"ar", ar, "مترجم ", 80}, "…اطلب مواصلة المقابلة على انفراد، بحضور <mark>مترجم</mark> محترف. ثم اشرح ما سيحدث بعد ذلك."},
		{tc{"ar", ar, "الوثائق ", 60}, "…عن كل سؤال ويحتفظ <mark>بالوثائق</mark> ويدفع ثمن التذكرة. اطلب مواصلة…"},
	}
	var in []tc
	for _, tt := range tests {
		in = append(in, tt.in)
	}
	var got []string
	runNode(t, "highlight.js", in, &got)
	for i, tt := range tests {
		if got[i] != tt.want {
			t.Errorf("%s %q in %d columns:\n got %s\nwant %s", tt.in.Lang, tt.in.Query, tt.in.Width, got[i], tt.want)
		}
	}
}
