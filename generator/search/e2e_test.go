package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

type jsResult struct {
	Doc       int     `json:"doc"`
	URL       string  `json:"url"`
	Anchor    string  `json:"anchor"`
	Score     float64 `json:"score"`
	Title     string  `json:"title"`
	Section   string  `json:"section"`
	Snippet   string  `json:"snippet"`
	TitleHTML string  `json:"titleHTML"`
}

type jsAnswer struct {
	Total   int        `json:"total"`
	Results []jsResult `json:"results"`
}

// runJSSearch loads index files into the browser search in node and runs queries.
func runJSSearch(t *testing.T, lang string, files []File, queries []string, limit int) []jsAnswer {
	t.Helper()
	type file struct {
		Path string `json:"path"`
		Data string `json:"data"`
	}
	in := struct {
		Lang    string   `json:"lang"`
		Files   []file   `json:"files"`
		Queries []string `json:"queries"`
		Limit   int      `json:"limit"`
	}{Lang: lang, Queries: queries, Limit: limit}
	for _, f := range files {
		in.Files = append(in.Files, file{f.Path, string(f.Data)})
	}
	var answers []jsAnswer
	runNode(t, "search.js", in, &answers)
	if len(answers) != len(queries) {
		t.Fatalf("node answered %d queries of %d", len(answers), len(queries))
	}
	return answers
}

// queriesFor makes queries out of the docs' own words: whole words, pairs,
// prefixes of every length, CJK pairs, and words typed with different case
// and accents. Many of them tie, which tests the tie-breaking too.
func queriesFor(lang string, docs []Doc) []string {
	seen := map[string]bool{}
	var queries []string
	add := func(q string) {
		if q != "" && !seen[q] {
			seen[q] = true
			queries = append(queries, q)
		}
	}
	for _, d := range docs {
		words := strings.Fields(d.Title + " " + d.Section + " " + d.Text)
		for i, w := range words {
			if i%3 != 0 {
				continue
			}
			add(w)
			add(strings.ToUpper(w))
			if i+1 < len(words) {
				add(w + " " + words[i+1])
			}
			runes := []rune(w)
			for n := 1; n < len(runes) && n <= 4; n++ {
				add(string(runes[:n]))
			}
		}
		for _, term := range Tokenize(lang, d.Text) {
			if utf8.RuneCountInString(term) == 2 && isCJK([]rune(term)[0]) {
				add(term)
			}
		}
	}
	add("a")
	add("the interview ")
	add("xylophone")
	return queries
}

// TestSearchEndToEndInNode builds the fixture, runs the browser search on
// the files in node, and checks that it ranks as Query does.
func TestSearchEndToEndInNode(t *testing.T) {
	langs, docs, files := buildFixture(t)
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			queries := queriesFor(lang, docs[lang])
			compareWithGo(t, lang, files[lang], queries, 10)
		})
	}
}

// TestSearchEndToEndManyShards does the same on an index of many files,
// which the browser builds in several slices.
func TestSearchEndToEndManyShards(t *testing.T) {
	docs := syntheticDocs(6000)
	files, err := Build("en", docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("got %d files, want several: the test is about shards", len(files))
	}
	queries := []string{"victim", "vic", "v", "w1", "w12 victim", "人口", "贩卖", "受害者", "피해자", "الضحيه",
		"𠀀", "𝒜lpha", "ガイド", "жертва паспорт", "lesson passport", "part 人口", "w996 w5"}
	compareWithGo(t, "en", files, queries, 25)
}

func compareWithGo(t *testing.T, lang string, files []File, queries []string, limit int) {
	t.Helper()
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	answers := runJSSearch(t, lang, files, queries, limit)
	for i, q := range queries {
		want := ix.Query(q, 0)
		got := answers[i]
		if got.Total != len(want) {
			t.Errorf("%q: JS found %d sections, Go %d", q, got.Total, len(want))
		}
		if len(want) > limit {
			want = want[:limit]
		}
		var gotDocs, wantDocs []int
		for _, r := range got.Results {
			gotDocs = append(gotDocs, r.Doc)
		}
		for _, r := range want {
			wantDocs = append(wantDocs, r.Doc)
		}
		if !slices.Equal(gotDocs, wantDocs) {
			t.Errorf("%q: JS ranks %v, Go %v\nJS: %+v\nGo: %+v", q, gotDocs, wantDocs, got.Results, want)
			continue
		}
		for j, r := range got.Results {
			w := want[j]
			if r.URL != w.URL || r.Anchor != w.Anchor || r.Title != w.Title || r.Section != w.Section || r.Score != w.Score {
				t.Errorf("%q result %d: JS %+v, Go %+v", q, j, r, w)
			}
		}
	}
}

func TestSearchSnippetsInNode(t *testing.T) {
	_, _, files := buildFixture(t)
	tests := []struct {
		lang, query string
		want        []string // in the top result's snippet (or title, for "title:")
		notWant     []string
	}{
		{"en", "script alert", []string{"&lt;<mark>script</mark>&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; &quot;quotes&quot;"}, []string{"<script", "</script"}},
		{"en", "passport", []string{"whose <mark>passport</mark> is held"}, nil},
		{"en", "docum", []string{"keeps the <mark>documents</mark>"}, nil},
		{"en", "PRIVATE INTERVIEW ", []string{"<mark>private</mark> <mark>interview</mark> is"}, nil},
		{"en", "interview", []string{"title:<mark>Interviewing</mark> a possible victim"}, nil},
		{"fr", "employeur", []string{"par l’<mark>employeur</mark> n’est"}, nil},
		{"fr", "etres", []string{"des <mark>êtres</mark> humains"}, nil},
		{"de", "strasse", []string{"an der <mark>Straße</mark> vor"}, nil},
		{"ru", "еще", []string{"<mark>Ещё</mark> раз"}, nil},
		{"zh", "护照", []string{"申请人的<mark>护照</mark>由雇主"}, nil},
		{"zh", "签证柜台", []string{"在<mark>签证柜台</mark>遇到"}, nil},
		{"ja", "被害者", []string{"トラフィッキングの<mark>被害者</mark>は"}, nil},
		{"ko", "피해자", []string{"<mark>피해자</mark>를"}, nil},
		{"ar", "الوثائق", []string{"يحتفظ <mark>بالوثائق</mark>"}, nil},
		{"ar", "المدرسه", []string{"إلى <mark>المدرسة</mark>."}, nil},
		{"ar", "وثائق", []string{"يحتفظ <mark>بالوثائق</mark>"}, nil},
		{"ar", "ضحايا", []string{"<mark>بالضحايا</mark> عند"}, nil},
	}
	byLang := map[string][]int{}
	for i, tt := range tests {
		byLang[tt.lang] = append(byLang[tt.lang], i)
	}
	for lang, indexes := range byLang {
		var queries []string
		for _, i := range indexes {
			queries = append(queries, tests[i].query)
		}
		answers := runJSSearch(t, lang, files[lang], queries, 5)
		for k, i := range indexes {
			tt := tests[i]
			if len(answers[k].Results) == 0 {
				t.Errorf("%s %q: no result", lang, tt.query)
				continue
			}
			top := answers[k].Results[0]
			for _, w := range tt.want {
				where := top.Snippet
				if rest, ok := strings.CutPrefix(w, "title:"); ok {
					where, w = top.TitleHTML, rest
				}
				if !strings.Contains(where, w) {
					t.Errorf("%s %q: %q does not contain %q", lang, tt.query, where, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(top.Snippet, w) {
					t.Errorf("%s %q: snippet %q contains %q", lang, tt.query, top.Snippet, w)
				}
			}
		}
	}
}
