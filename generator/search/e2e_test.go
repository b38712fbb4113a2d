package search

import (
	"bytes"
	"fmt"
	"maps"
	"path"
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
	Lang      string  `json:"lang"`
	Dir       string  `json:"dir"`
	Text      string  `json:"text"` // the passage shown, before highlighting
	Snippet   string  `json:"snippet"`
	TitleHTML string  `json:"titleHTML"`
}

type jsAnswer struct {
	Total  int      `json:"total"`
	Error  string   `json:"error"`
	Files  []string `json:"files"`  // the files the answer read
	Loaded []string `json:"loaded"` // the files loaded while it ran (fresh only)
	Early  int      `json:"early"`  // results in the early answer, 0 without one
	// EarlyLoaded are the files asked for before the early answer (fresh only).
	EarlyLoaded []string   `json:"earlyLoaded"`
	Results     []jsResult `json:"results"`
}

// file is an index file as the node drivers read it.
type file struct {
	Path string `json:"path"`
	Data string `json:"data"`
}

// runJSSearch runs queries on the browser search in node, which loads the
// index files as it needs them. With fresh, each query runs in a new
// window, which has loaded nothing yet. With first > 0, the engine may
// answer with the first results before all of them (the driver checks
// that they are the start of the whole answer).
func runJSSearch(t *testing.T, lang string, files []File, queries []string, limit int, fresh bool, first int) []jsAnswer {
	t.Helper()
	in := struct {
		Lang    string   `json:"lang"`
		Files   []file   `json:"files"`
		Queries []string `json:"queries"`
		Limit   int      `json:"limit"`
		Fresh   bool     `json:"fresh"`
		First   int      `json:"first"`
	}{Lang: lang, Queries: queries, Limit: limit, Fresh: fresh, First: first}
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
			answers := compareWithGo(t, lang, files[lang], queries, 10, false)
			// The fixture's long sections of en, zh and ar have passages:
			// some results show one after the first, chosen alike.
			starts := map[string]string{}
			for _, d := range docs[lang] {
				starts[d.URL+"#"+d.Anchor] = clean(d.Text)
			}
			later := 0
			for _, a := range answers {
				for _, r := range a.Results {
					if !strings.HasPrefix(starts[r.URL+"#"+r.Anchor], strings.TrimSuffix(r.Text, "…")) {
						later++
					}
				}
			}
			if want := lang == "en" || lang == "zh" || lang == "ar"; want != (later > 0) {
				t.Errorf("%d results show a passage after their section's first", later)
			}
		})
	}
}

// TestSearchPassageWordFormsInNode: a long section shows the passage
// that holds the query's word in another form that the index files under
// it, in the browser as in Go: a plural (victims for victim), an Arabic
// word with a particle (لضحايا, بضحايا for ضحايا; the ranking found the
// section through them) when the bare form is a term of the index, and
// not when it is not (وسيط "broker" is not و + سيط, a form that بسيط
// "simple" is looked up as).
func TestSearchPassageWordFormsInNode(t *testing.T) {
	arFiller := strings.Repeat("يقابل الموظفون المتقدمين في القنصلية كل يوم. ", 15)
	tests := []struct {
		lang    string
		docs    []Doc
		queries []string
		want    string // the start of the passage every query shows
	}{
		{"en", []Doc{
			{URL: "en/a/", Title: "Referral", Text: paragraph("intro", 600) + "\nIdentified victims are referred to specialised services.\n" + paragraph("tail", 300)},
			{URL: "en/b/", Title: "Rights", Text: "A victim has rights."},
		}, []string{"victim", "victim ", "victims", "specialised victim"}, "Identified"},
		{"ar", []Doc{
			{URL: "ar/a/", Title: "الخدمات", Text: arFiller + "\nتقدم القنصلية خدمات لضحايا الاتجار بالبشر.\n" + arFiller},
			{URL: "ar/b/", Title: "الحماية", Text: "الضحايا بحاجة إلى الحماية."},
		}, []string{"ضحايا", "ضحايا ", "بضحايا ", "ضحاي", "خدمات ضحايا"}, "تقدم"},
		{"ar", []Doc{
			{URL: "ar/a/", Title: "الإجراءات", Text: arFiller + "\nدور وسيط في التوظيف. " + arFiller + "\nإجراء بسيط للإحالة."},
		}, []string{"بسيط ", "بسيط"}, "إجراء"},
	}
	for _, tc := range tests {
		files, err := Build(tc.lang, tc.docs)
		if err != nil {
			t.Fatal(err)
		}
		answers := compareWithGo(t, tc.lang, files, tc.queries, 10, false)
		for i, q := range tc.queries {
			found := false
			for _, r := range answers[i].Results {
				if r.URL != "en/a/" && r.URL != "ar/a/" {
					continue
				}
				found = true
				if !strings.HasPrefix(r.Text, tc.want) {
					t.Errorf("%s %q: shows %.40q…, want the passage %q…", tc.lang, q, r.Text, tc.want)
				}
			}
			if !found {
				t.Errorf("%s %q: the long section is not found", tc.lang, q)
			}
		}
	}
}

// TestSearchTiesInNode: the browser breaks ties as Query does, a page's
// top before another page's later section whatever their order, in both
// layouts.
func TestSearchTiesInNode(t *testing.T) {
	docs := []Doc{
		{URL: "en/0/", Title: "Zero", Text: "opening words"},
		{URL: "en/0/", Title: "Zero", Anchor: "two", Section: "Two", Text: "identical text"},
		{URL: "en/1/", Title: "One", Text: "identical text"},
		{URL: "en/1/", Title: "One", Anchor: "more", Section: "More", Text: "identical text"},
		{URL: "en/2/", Title: "Two", Text: "identical text"},
	}
	for _, offline := range []bool{false, true} {
		files, err := BuildWith("en", docs, Options{Offline: offline})
		if err != nil {
			t.Fatal(err)
		}
		got := compareWithGo(t, "en", files, []string{"identical", "identical text"}, 3, false)
		var order []string
		for _, r := range got[0].Results {
			order = append(order, r.URL+"#"+r.Anchor)
		}
		if want := []string{"en/1/#", "en/2/#", "en/0/#two"}; !slices.Equal(order, want) {
			t.Errorf("offline %v: JS ranks %v, want %v", offline, order, want)
		}
	}
}

// TestSearchMarksPagesInOtherLanguages: a page not yet translated, indexed
// with the default language's text, comes back marked with that language
// and direction, in Go and in the browser, online and offline; the
// others come back unmarked.
func TestSearchMarksPagesInOtherLanguages(t *testing.T) {
	docs := []Doc{
		{URL: "ar/m/a/", Title: "الدرس أ", Text: "نص الدرس عن الإحالة"},
		{URL: "ar/m/b/", Title: "Lesson B", Text: "Referral of a possible victim", Lang: "en", Dir: "ltr"},
		{URL: "ar/m/b/", Title: "Lesson B", Anchor: "next", Section: "Next steps", Text: "Referral again", Lang: "en", Dir: "ltr"},
	}
	for _, offline := range []bool{false, true} {
		files, err := BuildWith("ar", docs, Options{Offline: offline})
		if err != nil {
			t.Fatal(err)
		}
		got := compareWithGo(t, "ar", files, []string{"referral", "الدرس"}, 10, false)
		if n := len(got[0].Results); n != 2 {
			t.Fatalf("offline %v: %d results for referral, want 2", offline, n)
		}
		for _, r := range got[0].Results {
			if r.Lang != "en" || r.Dir != "ltr" {
				t.Errorf("offline %v: result %s#%s has lang %q, dir %q, want en, ltr", offline, r.URL, r.Anchor, r.Lang, r.Dir)
			}
		}
		for _, r := range got[1].Results {
			if r.URL == "ar/m/a/" && (r.Lang != "" || r.Dir != "") {
				t.Errorf("offline %v: the Arabic page has lang %q, dir %q", offline, r.Lang, r.Dir)
			}
		}
	}
	if _, err := BuildWith("ar", []Doc{{URL: "ar/x/", Title: "x", Text: "y", Lang: "en"}}, Options{}); err == nil {
		t.Error("a language without a direction was taken")
	}
	if _, err := BuildWith("ar", []Doc{{URL: "ar/x/", Title: "x", Text: "y", Lang: "en", Dir: "up"}}, Options{}); err == nil {
		t.Error("a direction other than ltr and rtl was taken")
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
	compareWithGo(t, "en", files, queries, 25, false)
}

// smallStep is SMALL_STEP in search-engine.js: how many doc shards a
// query asks for with those of its first screen rather than after them.
const smallStep = 4

// TestSearchLoadsOnlyWhatItNeeds runs each query in a new window, on an
// index of many shards, and wants the browser to load exactly the files Go
// says the query needs, rank as Go does, and load few files in all: the
// meta file, the term shards of its words, the doc shards of its results.
// Online, the results of most queries are in many small doc shards, and
// the first screen's are asked for first; offline, most come with the
// meta file, and the rest are asked for at once.
func TestSearchLoadsOnlyWhatItNeeds(t *testing.T) {
	for _, offline := range []bool{false, true} {
		t.Run(map[bool]string{false: "online", true: "offline"}[offline], func(t *testing.T) {
			testSearchLoads(t, Options{Offline: offline})
		})
	}
}

func testSearchLoads(t *testing.T, opts Options) {
	files, ix := buildLoad(t, "en", syntheticDocs(6000), opts)
	if len(ix.shardFirsts) < 10 || len(ix.docShardStart) < 100 {
		t.Fatalf("got %d term shards and %d doc shards, want many: the test is about loading some of them", len(ix.shardFirsts), len(ix.docShardStart))
	}
	const limit = 20
	queries := []string{"victim", "vic", "w12 victim", "人口", "受害者", "𝒜lpha", "ｶﾞｲﾄﾞ", "interview passport", "xylophone", "w"}
	answers := compareWithGo(t, "en", files, queries, limit, true)
	split := 0
	for i, q := range queries {
		loaded, needs := answers[i].Loaded, ix.Needs(q, limit)
		if !slices.Equal(loaded, needs) {
			t.Errorf("%q: a new window loaded %v, want %v", q, loaded, needs)
		}
		termShards, docShards := 0, 0
		for _, name := range loaded {
			switch name[0] {
			case 't':
				termShards++
			case 'd':
				docShards++
			}
		}
		// A word is in one shard, or two when a term it begins starts the
		// next; only a short prefix ("w") reaches many.
		if q != "w" && termShards > 2*len(queryTerms("en", q)) {
			t.Errorf("%q: loaded %d term shards %v", q, termShards, loaded)
		}
		if docShards > min(limit, answers[i].Total) {
			t.Errorf("%q: loaded %d doc shards for %d results", q, docShards, min(limit, answers[i].Total))
		}
		// The first screen of results comes before the doc shards of the
		// others, unless it needs none (the meta file carries them) or
		// the others are only a few more files.
		firstFiles := len(ix.Needs(q, 5)) - (len(needs) - docShards)
		wantEarly := 0
		if answers[i].Total > 5 && firstFiles > 0 && docShards-firstFiles > smallStep {
			wantEarly = 5
			split++
		}
		if answers[i].Early != wantEarly {
			t.Errorf("%q: an early answer of %d results for %d in all, want %d", q, answers[i].Early, answers[i].Total, wantEarly)
		}
		// Only then are the others asked for: the files the first screen
		// needs load faster alone (see query in search-engine.js).
		if wantEarly > 0 {
			if got, want := answers[i].EarlyLoaded, ix.Needs(q, wantEarly); !slices.Equal(got, want) {
				t.Errorf("%q: asked for %v before the early answer, want %v", q, got, want)
			}
		}
	}
	t.Logf("%d of %d queries answered their first screen early", split, len(queries))
	// Online, most queries' results are in more than a first screen's
	// shards and a small step; offline, the results of the queries that
	// match the synthetic pages' titles come with the meta file.
	if opts.Offline && split > len(queries)/2 || !opts.Offline && split < len(queries)/2 {
		t.Errorf("%d of %d queries answered their first screen early", split, len(queries))
	}
	if got := answers[len(queries)-2].Loaded; len(got) != 2 || got[0] != "meta" {
		t.Errorf("a word that is nowhere loaded %v, want the meta file and one term shard", got)
	}
	if got := answers[len(queries)-1].Loaded; len(got) < 1+10 {
		t.Errorf("the prefix \"w\", which begins terms of most shards, loaded only %v", got)
	}
}

// TestSearchPrefetch: what the search box prefetches at each key is the
// meta file and the term shards the query will read, unless its last word
// is a prefix of fewer than 3 characters, which may begin terms of many
// shards.
func TestSearchPrefetch(t *testing.T) {
	files, err := Build("en", syntheticDocs(6000))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"vic", "victim", "w12 victim", "人口", "w12 v", "w", ""}
	var in struct {
		Lang     string   `json:"lang"`
		Files    []file   `json:"files"`
		Queries  []string `json:"queries"`
		Prefetch bool     `json:"prefetch"`
	}
	in.Lang, in.Queries, in.Prefetch = "en", queries, true
	for _, f := range files {
		in.Files = append(in.Files, file{f.Path, string(f.Data)})
	}
	var answers []jsAnswer
	runNode(t, "search.js", in, &answers)
	for i, q := range queries {
		var want []string
		for _, name := range ix.Needs(q, 20) {
			if name[0] != 'd' {
				want = append(want, name)
			}
		}
		switch q {
		case "w12 v": // the shards of w12 only
			want = []string{"meta", termShardName(ix.termShardsOf(queryTerm{text: "w12"})[0])}
		case "w":
			want = []string{"meta"}
		}
		if got := answers[i].Loaded; !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("prefetching %q loaded %v, want %v", q, got, want)
		}
	}
}

// openerShards names the doc shards that begin with a section that opens
// its page: offline, the openers' shards.
func openerShards(ix *Index) []string {
	var names []string
	for s, start := range ix.docShardStart {
		if ix.docs[start].first {
			names = append(names, docShardName(s))
		}
	}
	return names
}

// TestOfflineMetaCarriesOpeners: the offline meta file carries the doc
// shards of the sections that open their pages (all of them, here: they
// are under metaCarryBytes), which are then not files of their own, so
// that the file the search box loads when it gets the focus brings most
// first screens with it; online it carries none.
func TestOfflineMetaCarriesOpeners(t *testing.T) {
	for _, offline := range []bool{false, true} {
		files, ix := buildLoad(t, "en", syntheticDocs(6000), Options{Offline: offline})
		var openers []string
		if offline {
			openers = openerShards(ix)
		}
		if offline && len(openers) < 2 {
			t.Fatalf("openers in %v: the test wants several shards of them", openers)
		}
		carried := slices.Sorted(maps.Keys(ix.carried))
		slices.Sort(openers)
		if !slices.Equal(carried, openers) {
			t.Errorf("offline %v: the meta file carries %v, want the openers' %v", offline, carried, openers)
		}
		for _, f := range files {
			if name := strings.TrimSuffix(path.Base(f.Path), ".js"); ix.carried[name] {
				t.Errorf("%s is a file of its own too", f.Path)
			}
		}
		// In the browser, the box's preload loads the meta file alone,
		// which brings the openers' shards.
		var in struct {
			Lang    string `json:"lang"`
			Files   []file `json:"files"`
			Preload bool   `json:"preload"`
		}
		in.Lang, in.Preload = "en", true
		for _, f := range files {
			in.Files = append(in.Files, file{f.Path, string(f.Data)})
		}
		var answers []jsAnswer
		runNode(t, "search.js", in, &answers)
		if got := answers[0].Loaded; !slices.Equal(got, []string{"meta"}) {
			t.Errorf("offline %v: preload loaded %v, want [meta]", offline, got)
		}
	}
}

// TestOfflineMetaCarriesAtMost: the offline meta file carries the openers'
// shards up to metaCarryBytes, in order; the others are files of their
// own, and queries read them as Go says.
func TestOfflineMetaCarriesAtMost(t *testing.T) {
	defer func(n int) { metaCarryBytes = n }(metaCarryBytes)
	metaCarryBytes = 200 << 10
	files, ix := buildLoad(t, "en", syntheticDocs(6000), Options{Offline: true})
	openers := openerShards(ix)
	carried := 0
	for carried < len(openers) && ix.carried[openers[carried]] {
		carried++
	}
	if carried == 0 || carried == len(openers) || len(ix.carried) != carried {
		t.Errorf("the meta file carries %v of the openers' %v: want a first part of them", slices.Sorted(maps.Keys(ix.carried)), openers)
	}
	if n := bytes.Count(files[0].Data, []byte("\n")) - 1; n != carried || len(files[0].Data) > metaCarryBytes+4<<10 {
		t.Errorf("the meta file holds %d shards in %d bytes", n, len(files[0].Data))
	}
	compareWithGo(t, "en", files, []string{"victim", "alpha", "w12 victim", "lesson"}, 20, true)
}

// TestOfflineEveryDocCarried: in an offline index of one-section pages,
// every doc shard is an opener's, the meta file carries them all, and a
// query reads the meta file and its term shard only.
func TestOfflineEveryDocCarried(t *testing.T) {
	var docs []Doc
	for i := range 40 {
		docs = append(docs, Doc{URL: fmt.Sprintf("en/m/p%d/", i), Title: fmt.Sprintf("Page %d", i), Text: "victim interview " + strings.Repeat("w", i%7+1)})
	}
	files, err := BuildWith("en", docs, Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.Contains(f.Path, "/d") {
			t.Errorf("%s: the meta file should carry every doc shard", f.Path)
		}
	}
	answers := compareWithGo(t, "en", files, []string{"victim", "page 3", "www"}, 20, true)
	if got := answers[0].Loaded; !slices.Equal(got, []string{"meta", "t0"}) || answers[0].Total != 40 {
		t.Errorf("victim: %d results, loaded %v, want 40 from [meta t0]", answers[0].Total, got)
	}
}

// TestSearchCarriedOfOtherIndex: an offline meta file that carries a shard
// of another build is an error the search box can show, as a shard file
// of another build is.
func TestSearchCarriedOfOtherIndex(t *testing.T) {
	docs := syntheticDocs(600)
	files, err := BuildWith("en", docs, Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Text = "changed " + docs[0].Text
	other, err := BuildWith("en", docs, Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(files[0].Data, []byte("\n"))
	otherLines := bytes.SplitAfter(other[0].Data, []byte("\n"))
	if len(lines) < 3 || len(otherLines) != len(lines) {
		t.Fatalf("meta files of %d and %d lines: the test wants the same carried shards", len(lines), len(otherLines))
	}
	mixed := slices.Clone(files)
	mixed[0].Data = slices.Concat(otherLines[0], bytes.Join(lines[1:], nil))
	got := runJSSearch(t, "en", mixed, []string{"victim"}, 10, true, 0)
	if want := "the search index changed while it loaded"; !strings.Contains(got[0].Error, want) || len(got[0].Results) != 0 {
		t.Errorf("error %q and %d results, want an error saying %q", got[0].Error, len(got[0].Results), want)
	}
}

// TestSearchIndexErrors: a file that does not load, or that comes from
// another build of the index, is an error the search box can show, never a
// wrong answer.
func TestSearchIndexErrors(t *testing.T) {
	docs := syntheticDocs(600)
	files, err := Build("en", docs)
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Text = "changed " + docs[0].Text
	other, err := Build("en", docs)
	if err != nil {
		t.Fatal(err)
	}
	var missing, mixed []File
	for i, f := range files {
		if f.Path != "search/en/t1.js" {
			missing = append(missing, f)
		}
		if strings.Contains(f.Path, "/meta.") {
			mixed = append(mixed, f)
		} else {
			mixed = append(mixed, other[i])
		}
	}
	if other[0].Path != files[0].Path || string(other[0].Data) == string(files[0].Data) {
		t.Fatal("the second build should have the same files with another id")
	}
	for _, tt := range []struct {
		name  string
		files []File
		want  string
	}{
		{"missing", missing, "cannot load search/en/t1.js"},
		{"mixed", mixed, "the search index changed while it loaded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Load(files)
			if err != nil {
				t.Fatal(err)
			}
			var q string
			for _, c := range []string{"victim", "interview", "passport", "w5", "人口"} {
				if slices.Contains(ix.Needs(c, 10), "t1") {
					q = c
				}
			}
			if q == "" {
				t.Fatal("no query reads t1")
			}
			got := runJSSearch(t, "en", tt.files, []string{q, "victim"}, 10, true, 0)
			if !strings.Contains(got[0].Error, tt.want) || len(got[0].Results) != 0 {
				t.Errorf("%q: error %q and %d results, want an error saying %q", q, got[0].Error, len(got[0].Results), tt.want)
			}
		})
	}
}

// compareWithGo runs queries in node and wants the answers and the files
// read that Go gives; it returns the answers.
func compareWithGo(t *testing.T, lang string, files []File, queries []string, limit int, fresh bool) []jsAnswer {
	t.Helper()
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	// The search box asks for the first 5 results early: ask for them so
	// in fresh windows, where the early answer always comes, and for 3 in
	// the others, where it comes when some of their doc shards are not
	// loaded yet.
	first := 3
	if fresh {
		first = 5
	}
	answers := runJSSearch(t, lang, files, queries, limit, fresh, first)
	for i, q := range queries {
		want := ix.Query(q, 0)
		got := answers[i]
		if got.Error != "" {
			t.Errorf("%q: JS failed: %s", q, got.Error)
			continue
		}
		if needs := ix.Needs(q, limit); !slices.Equal(got.Files, needs) && !(len(got.Files) == 0 && len(needs) == 0) {
			t.Errorf("%q: JS read %v, Go says it needs %v", q, got.Files, needs)
		}
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
			if r.URL != w.URL || r.Anchor != w.Anchor || r.Title != w.Title || r.Section != w.Section || r.Score != w.Score ||
				r.Lang != w.Lang || r.Dir != w.Dir || r.Text != w.Text {
				t.Errorf("%q result %d: JS %+v, Go %+v", q, j, r, w)
			}
		}
	}
	return answers
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
		{"fr", "etres humains", []string{"des <mark>êtres</mark> <mark>humains</mark>"}, nil},
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
		answers := runJSSearch(t, lang, files[lang], queries, 5, false, 0)
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
