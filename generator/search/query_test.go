package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// load builds and reads back an index, as the browser would.
func load(t *testing.T, lang string, docs []Doc) *Index {
	t.Helper()
	_, ix := buildLoad(t, lang, docs, Options{})
	return ix
}

// buildLoad builds the index of docs with opts, and returns its files and
// the index read back from them.
func buildLoad(t *testing.T, lang string, docs []Doc, opts Options) ([]File, *Index) {
	t.Helper()
	files, err := BuildWith(lang, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	return files, ix
}

// found lists the results as "url#anchor".
func found(results []Result) []string {
	var out []string
	for _, r := range results {
		out = append(out, r.URL+"#"+r.Anchor)
	}
	return out
}

func TestQueryRanking(t *testing.T) {
	filler := strings.Repeat("The officer reads the file and writes a short note. ", 3)
	docs := []Doc{
		{URL: "en/a/", Title: "Working with interpreters", Text: filler + "An interpreter may mention debt bondage once."},
		{URL: "en/b/", Title: "Debt bondage", Text: filler},
		{URL: "en/c/", Title: "Referral", Anchor: "shelters", Section: "Shelters", Text: "Shelters offer a safe room and legal advice about bondage."},
		{URL: "en/c/", Title: "Referral", Anchor: "debt", Section: "When debt is used as control", Text: "A debt that grows is a sign of control."},
		{URL: "en/d/", Title: "Trafficking in persons", Text: "Trafficked people are often moved across borders."},
		{URL: "en/e/", Title: "Élève et école", Text: "Les élèves de l'école."},
	}
	ix := load(t, "en", docs)

	tests := []struct {
		name, query string
		want        []string // the results, in order; a trailing "..." allows more
	}{
		{"title match beats body match", "bondage", []string{"en/b/#", "..."}},
		{"heading match beats body match", "debt", []string{"en/b/#", "en/c/#debt", "en/a/#"}},
		{"all words required", "debt interpreter", []string{"en/a/#"}},
		{"a missing word finds nothing", "debt xylophone", nil},
		{"prefix on the last word", "traff", []string{"en/d/#"}},
		{"prefix on the last word only", "traff persons", nil},
		{"a finished word is not a prefix", "traff ", nil},
		{"prefix also matches the whole word", "shelters", []string{"en/c/#shelters"}},
		{"accents folded in the query", "eleve", []string{"en/e/#"}},
		{"accents folded in the text", "ÉCOLE", []string{"en/e/#"}},
		{"case folded", "DEBT BONDAGE", []string{"en/b/#", "en/a/#"}},
		{"no words", " ... ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := found(ix.Query(tt.query, 0))
			want := tt.want
			if n := len(want); n > 0 && want[n-1] == "..." {
				want = want[:n-1]
				if len(got) > len(want) {
					got = got[:len(want)]
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Query(%q) = %q, want %q\nscores: %v", tt.query, got, tt.want, ix.Query(tt.query, 0))
			}
		})
	}
}

func TestQueryTitleLandsOnPageTop(t *testing.T) {
	// Every section carries the page title, but a query that only names the
	// page must lead to the top of the page, not to its shortest section.
	ix := load(t, "en", []Doc{
		{URL: "en/p/", Title: "Interviewing a victim", Text: strings.Repeat("A long opening paragraph about the setting. ", 8)},
		{URL: "en/p/", Title: "Interviewing a victim", Anchor: "room", Section: "The room", Text: "Quiet."},
		{URL: "en/q/", Title: "Safety", Anchor: "victim-care", Section: "Care", Text: "The victim needs water."},
	})
	got := found(ix.Query("interviewing", 0))
	if len(got) == 0 || got[0] != "en/p/#" {
		t.Errorf("Query(interviewing) = %q, want en/p/# first", got)
	}
	// And a title word with a word of a later section finds that section.
	if got := found(ix.Query("interviewing quiet", 0)); !slices.Equal(got, []string{"en/p/#room"}) {
		t.Errorf("Query(interviewing quiet) = %q, want [en/p/#room]", got)
	}
}

func TestQueryTiesFollowSiteOrder(t *testing.T) {
	var docs []Doc
	for i := range 5 {
		docs = append(docs, Doc{URL: fmt.Sprintf("en/%d/", i), Title: "Same", Text: "identical text"})
	}
	ix := load(t, "en", docs)
	got := found(ix.Query("identical", 3))
	if want := []string{"en/0/#", "en/1/#", "en/2/#"}; !slices.Equal(got, want) {
		t.Errorf("Query = %q, want %q (ties in site order, cut at the limit)", got, want)
	}
	// A page's top wins a tie with an earlier page's later section,
	// online as offline (where the index numbers openers first).
	ix = load(t, "en", []Doc{
		{URL: "en/0/", Title: "Zero", Text: "opening words"},
		{URL: "en/0/", Title: "Zero", Anchor: "two", Section: "Two", Text: "identical text"},
		{URL: "en/1/", Title: "One", Text: "identical text"},
	})
	if got, want := found(ix.Query("identical", 0)), []string{"en/1/#", "en/0/#two"}; !slices.Equal(got, want) {
		t.Errorf("Query = %q, want %q (openers first in ties)", got, want)
	}
}

func TestQueryScripts(t *testing.T) {
	tests := []struct {
		lang  string
		docs  []Doc
		query string
		want  []string
	}{
		{"zh", []Doc{
			{URL: "zh/a/", Title: "指标", Text: "人口贩卖是一种严重犯罪。"},
			{URL: "zh/b/", Title: "支持", Text: "人们需要口粮和卖场。"}, // 人, 口 and 卖 but not the words
		}, "贩卖", []string{"zh/a/#"}},
		{"zh", []Doc{
			{URL: "zh/a/", Title: "指标", Text: "人口贩卖是一种严重犯罪。"},
			{URL: "zh/b/", Title: "支持", Text: "人们需要口粮和卖场。"},
		}, "人口贩卖", []string{"zh/a/#"}},
		{"zh", []Doc{
			{URL: "zh/a/", Title: "指标", Text: "人口贩卖是一种严重犯罪。"},
			{URL: "zh/b/", Title: "支持", Text: "人们需要口粮和卖场。"},
		}, "卖", []string{"zh/a/#", "zh/b/#"}}, // single characters match as unigrams
		{"ja", []Doc{{URL: "ja/a/", Title: "指標", Text: "人身取引の被害者を特定する。"}}, "被害者", []string{"ja/a/#"}},
		{"ja", []Doc{{URL: "ja/a/", Title: "指標", Text: "ｶﾞｲﾄﾞを読む"}}, "ガイド", []string{"ja/a/#"}},
		{"ko", []Doc{{URL: "ko/a/", Title: "지표", Text: "피해자를 식별하기"}}, "피해자", []string{"ko/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "يلتقي الموظفون الضَّحايا في المَدرسة"}}, "الضحايا", []string{"ar/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "يلتقي الموظفون بالضحايا في المدرسه"}}, "المَدْرَسَة", []string{"ar/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "إسلام أحمد آمن"}}, "اسلام احمد امن", []string{"ar/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "اسلام احمد امن على"}}, "إِسلام أَحمد آمن علي", []string{"ar/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "المادة ٣ من البروتوكول"}}, "الماده 3", []string{"ar/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "يحتفظ بالوثائق"}}, "الوثائق", []string{"ar/a/#"}},
		{"ar", []Doc{{URL: "ar/a/", Title: "مؤشرات", Text: "يلتقي بالضحايا"}}, "ضحايا", []string{"ar/a/#"}},
		{"ru", []Doc{{URL: "ru/a/", Title: "Признаки", Text: "Ещё раз: объём работы"}}, "еще объем", []string{"ru/a/#"}},
		{"ru", []Doc{{URL: "ru/a/", Title: "Признаки", Text: "мои документы"}}, "мой", nil},
		{"de", []Doc{{URL: "de/a/", Title: "Indikatoren", Text: "an der Straße"}}, "strasse", []string{"de/a/#"}},
		{"fr", []Doc{{URL: "fr/a/", Title: "Indices", Text: "l’employeur garde le passeport"}}, "employeur", []string{"fr/a/#"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.query, func(t *testing.T) {
			ix := load(t, tt.lang, tt.docs)
			got := found(ix.Query(tt.query, 0))
			slices.Sort(got) // order is TestQueryRanking's business
			if !slices.Equal(got, tt.want) {
				t.Errorf("Query(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

// TestLoadRejectsBrokenMeta: an empty or cut meta file, or one that
// carries a shard of another index, is an error, never a panic.
func TestLoadRejectsBrokenMeta(t *testing.T) {
	files, err := BuildWith("en", syntheticDocs(600), Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	other, err := BuildWith("en", syntheticDocs(500), Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	meta := files[0].Data
	lines := bytes.SplitAfter(meta, []byte("\n"))
	if len(lines) < 3 {
		t.Fatalf("the meta file has %d lines: the test wants carried shards", len(lines))
	}
	for name, data := range map[string][]byte{
		"empty":         nil,
		"newline":       []byte("\n"),
		"cut":           meta[:len(meta)/2],
		"shard only":    lines[0],
		"other index":   append(slices.Clone(bytes.SplitAfter(other[0].Data, []byte("\n"))[0]), lines[len(lines)-2]...),
		"carried twice": append(append([]byte{}, lines[0]...), meta...),
	} {
		broken := slices.Clone(files)
		broken[0].Data = data
		if _, err := Load(broken); err == nil {
			t.Errorf("%s: Load accepted it", name)
		}
	}
}
