package search

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// syntheticDocs makes a course large enough to need several index files,
// with words in several scripts and some supplementary-plane characters,
// which sort differently in UTF-8 and UTF-16.
func syntheticDocs(n int) []Doc {
	words := strings.Fields("victim officer interview passport employer debt shelter referral consent interpreter " +
		"victime entretien employeur жертва паспорт 受害者 人口贩卖 護照 피해자 الضحية 𠀀𠀁 𝒜lpha ｶﾞｲﾄﾞ")
	var docs []Doc
	for i := range n {
		var text strings.Builder
		for j := range 40 {
			text.WriteString(words[(i*7+j*j)%len(words)])
			fmt.Fprintf(&text, " w%d ", (i*31+j)%997)
		}
		docs = append(docs, Doc{
			URL:     fmt.Sprintf("en/m%d/l%d/", i/10, i/3),
			Anchor:  fmt.Sprintf("s%d", i%3),
			Title:   "Lesson " + words[i%len(words)],
			Section: "Part " + words[(i+3)%len(words)],
			Text:    text.String(),
		})
	}
	return docs
}

// TestBuildRoundTrip reads back a many-file index, online and offline,
// and checks every term's postings against what was indexed.
func TestBuildRoundTrip(t *testing.T) {
	for _, offline := range []bool{false, true} {
		t.Run(map[bool]string{false: "online", true: "offline"}[offline], func(t *testing.T) {
			testRoundTrip(t, Options{Offline: offline})
		})
	}
}

func testRoundTrip(t *testing.T, opts Options) {
	docs := syntheticDocs(6000)
	files, err := BuildWith("en", docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The offline meta file carries the first doc shards, a line each
	// before its own.
	termShards, docShards := 0, bytes.Count(files[0].Data, []byte("\n"))-1
	if !opts.Offline && docShards != 0 || opts.Offline && docShards < 2 {
		t.Errorf("the meta file carries %d doc shards", docShards)
	}
	for i, f := range files {
		name := strings.TrimSuffix(path.Base(f.Path), ".js")
		if want := "search/en/" + name + ".js"; f.Path != want || i == 0 && name != "meta" {
			t.Errorf("file %d is %s", i, f.Path)
		}
		limit := 0
		switch name[0] {
		case 't':
			if want := termShardName(termShards); name != want {
				t.Errorf("file %d is %s, want %s", i, name, want)
			}
			termShards++
			limit = termShardBytes
		case 'd':
			if want := docShardName(docShards); name != want {
				t.Errorf("file %d is %s, want %s", i, name, want)
			}
			docShards++
			limit = docShardBytes
			if opts.Offline {
				// The openers' shards are this large; the online run
				// holds the others to docShardBytes.
				limit = openerShardBytesOffline
			}
		}
		// A shard closes once it holds limit bytes; its last term's
		// postings or last section may take it over by one entry.
		if limit > 0 && len(f.Data) > limit+limit/2 {
			t.Errorf("%s is %d bytes, want about %d at most", f.Path, len(f.Data), limit)
		}
	}
	if termShards < 3 || docShards < 3 {
		t.Fatalf("got %d term shards and %d doc shards, want several: the test is about shards", termShards, docShards)
	}
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.docs) != len(docs) {
		t.Fatalf("read back %d sections, want %d", len(ix.docs), len(docs))
	}
	// The index numbers the sections in the order given, or offline the
	// one that opens each page first, then the others.
	var order, rest []Doc
	var opens, restOpens []bool // whether each opens its page
	opened := map[string]bool{}
	for _, d := range docs {
		if !opened[d.URL] || !opts.Offline {
			order = append(order, d)
			opens = append(opens, !opened[d.URL])
		} else {
			rest = append(rest, d)
			restOpens = append(restOpens, false)
		}
		opened[d.URL] = true
	}
	order, opens = append(order, rest...), append(opens, restOpens...)
	if opts.Offline && (len(rest) == 0 || len(order) == len(rest)) {
		t.Fatalf("%d sections after the openers of %d: the test needs both", len(rest), len(order))
	}
	want := newIndexer("en")
	for _, d := range order {
		tok := tokenizeDoc("en", d)
		want.add("", d, &tok)
	}
	if len(ix.terms) != len(want.terms) {
		t.Errorf("read back %d terms, want %d", len(ix.terms), len(want.terms))
	}
	if !slices.IsSortedFunc(ix.terms, compareUTF16) {
		t.Error("dictionary is not in UTF-16 order")
	}
	for i, term := range ix.terms {
		id, ok := want.termID(term)
		if !ok {
			t.Errorf("read back %q, which was not indexed", term)
			continue
		}
		if got, want := ix.read(i), want.postings(id); !slices.Equal(got, want) {
			t.Errorf("postings of %q: read %v, want %v", term, got, want)
		}
	}
	for i, d := range ix.docs {
		if d.url != order[i].URL || d.anchor != order[i].Anchor {
			t.Errorf("section %d reads back as %s#%s, want %s#%s", i, d.url, d.anchor, order[i].URL, order[i].Anchor)
		}
		if d.first != opens[i] {
			t.Errorf("section %d (%s#%s): first = %v", i, d.url, d.anchor, d.first)
		}
	}
}

// TestOfflineLayout checks the offline index: the same answers as the
// online one, from fewer, larger shards of the sections that open their
// pages, which share no shard with other sections.
func TestOfflineLayout(t *testing.T) {
	docs := syntheticDocs(6000)
	_, on := buildLoad(t, "en", docs, Options{})
	_, off := buildLoad(t, "en", docs, Options{Offline: true})
	// countOpenerShards counts the doc shards that hold openers.
	countOpenerShards := func(ix *Index, offline bool) (n int) {
		for s, start := range ix.docShardStart {
			end := len(ix.docs)
			if s+1 < len(ix.docShardStart) {
				end = ix.docShardStart[s+1]
			}
			openers := 0
			for d := start; d < end; d++ {
				if ix.docs[d].first {
					openers++
				}
			}
			if openers > 0 {
				n++
			}
			if offline && openers > 0 && openers < end-start {
				t.Errorf("doc shard %d holds %d openers and %d other sections", s, openers, end-start-openers)
			}
		}
		return n
	}
	nOn, nOff := countOpenerShards(on, false), countOpenerShards(off, true)
	if nOff < 1 || nOff*4 > nOn {
		t.Errorf("openers in %d shards offline, %d online: want a quarter as many at most", nOff, nOn)
	}
	// The section numbers differ; the answers do not.
	answers := func(results []Result) (out []string) {
		for _, r := range results {
			out = append(out, fmt.Sprintf("%s#%s %.6f", r.URL, r.Anchor, r.Score))
		}
		return out
	}
	for _, q := range []string{"alpha", "w11", "w110 alpha", "w1", "lesson", "victim"} {
		a, b := answers(on.Query(q, 20)), answers(off.Query(q, 20))
		if len(a) == 0 || !slices.Equal(a, b) {
			t.Errorf("%q: online %v, offline %v", q, a, b)
		}
		t.Logf("%q: online reads %v, offline %v", q, on.Needs(q, 20), off.Needs(q, 20))
	}
}

func TestBuildRejects(t *testing.T) {
	tests := []struct {
		name string
		lang string
		docs []Doc
		want string
	}{
		{"no language", "", nil, "not a language tag"},
		{"path in language", "../fr", nil, "not a language tag"},
		{"absolute URL", "fr", []Doc{{URL: "/fr/a/"}}, "without a leading slash"},
		{"fragment in URL", "fr", []Doc{{URL: "fr/a/#b"}}, "put the heading id in Anchor"},
		{"invalid UTF-8", "fr", []Doc{{URL: "fr/a/", Text: "\xff"}}, "not valid UTF-8"},
		// tokenize finds most texts valid on the way (tokenized.textValid):
		// invalid bytes among the characters it decodes.
		{"invalid UTF-8 after a letter", "fr", []Doc{{URL: "fr/a/", Text: "l'été \xe9t\xc3"}}, "not valid UTF-8"},
		{"truncated CJK character", "zh", []Doc{{URL: "zh/a/", Text: "债务 \xe5\x80"}}, "not valid UTF-8"},
		{"surrogate in Arabic", "ar", []Doc{{URL: "ar/a/", Text: "جواز\xed\xa0\x80سفر"}}, "not valid UTF-8"},
		{"overlong slash", "en", []Doc{{URL: "en/a/", Text: "and/or a\xc0\xafb"}}, "not valid UTF-8"},
		{"invalid heading", "en", []Doc{{URL: "en/a/", Section: "\xf0\x9f", Text: "ok"}}, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.lang, tt.docs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build: error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	files, err := Build("fr", nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Query("anything", 0); len(got) != 0 {
		t.Errorf("empty index found %v", got)
	}
}

func TestShorten(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := shorten(long, 50)
	if !strings.HasSuffix(got, "…") || len([]rune(got)) > 51 || strings.HasSuffix(got, " …") {
		t.Errorf("shorten = %q", got)
	}
	if got := shorten("短い", 50); got != "短い" {
		t.Errorf("shorten of a short text = %q", got)
	}
	cjk := strings.Repeat("人口贩卖", 30)
	if got := shorten(cjk, 20); got != "人口贩卖人口贩卖人口…" {
		t.Errorf("shorten CJK = %q", got)
	}
}

func TestSnippetTextMatchesCleaningEverything(t *testing.T) {
	long := strings.Repeat("Lorem  ipsum\n\n dolor sit amet, ", 400) + "end"
	cjk := strings.Repeat("人口贩运受害者，", 300)
	spaces := strings.Repeat(" ", 5000) + strings.Repeat("word ", 300)
	combining := strings.Repeat("e\u0301te\u0301 ", 500)
	mixed := strings.Repeat("a\u00a0\u3000b\t\u2028 人 \u0301x ", 400) // unusual spaces, a mark after a space
	for _, text := range []string{"", " ", "short", "  two\n words ", long[:300], cjk[:600], combining[:900], mixed[:1200],
		long, cjk, spaces, combining, mixed, strings.Repeat("x", 10000)} {
		for _, limit := range []int{10, 360} {
			if got, want := snippetText(text, limit), shorten(clean(text), limit); got != want {
				t.Errorf("snippetText(%.20q…, %d) = %.40q…, want %.40q…", text, limit, got, want)
			}
		}
	}
}

// TestSnippetTextRandom holds snippetText to shorten(clean(text)) on
// random strings of the characters that change a snippet: ASCII and other
// white space, wide characters, characters NFC changes, at limits small
// enough that most strings are cut. (Add takes only valid UTF-8.)
func TestSnippetTextRandom(t *testing.T) {
	pool := []string{"a", "bc", "Word", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\u0085", "人", "口", "，", "ａ",
		"é", "e", "\u0301", "ا", "\u064e", "가", "\u1100", "…", "😀",
		"受害者", "بالوثائق", "\u4dc0", "\u4e00", "\u9fff", "\ua000", "\u0620", "\u064a", "\u064b", "\u0653", "ء"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 30000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pool[r.IntN(len(pool))])
		}
		text, limit := b.String(), 2+r.IntN(24) // from 2, where a wide character fits
		if got, want := snippetText(text, limit), shorten(clean(text), limit); got != want {
			t.Fatalf("snippetText(%q, %d) = %q, want %q", text, limit, got, want)
		}
	}
}

// TestIndexerOrdersPages adds the pages of a course in a shuffled order,
// from several goroutines, as a parallel build does, and wants the files
// that Build gives for the docs in site order.
func TestIndexerOrdersPages(t *testing.T) {
	docs := syntheticDocs(3000)
	slices.SortStableFunc(docs, func(a, b Doc) int { return strings.Compare(a.URL, b.URL) })
	want, err := Build("en", docs)
	if err != nil {
		t.Fatal(err)
	}
	// Group the docs by page.
	var pages [][]Doc
	for i, d := range docs {
		if i == 0 || d.URL != docs[i-1].URL {
			pages = append(pages, nil)
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], d)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
	ix := NewIndexer("en", Options{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(pages); i += 4 {
				ix.Add(pages[i][0].URL, pages[i])
			}
		})
	}
	wg.Wait()
	got, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d files, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs from the index of the docs in order", got[i].Path)
		}
	}
}

func TestIndexerReportsBadDocs(t *testing.T) {
	ix := NewIndexer("en", Options{})
	ix.Add("a", []Doc{{URL: "/en/a/", Text: "x"}})
	ix.Add("b", []Doc{{URL: "en/b/", Text: "y"}})
	if _, err := ix.Files(); err == nil || !strings.Contains(err.Error(), "leading slash") {
		t.Errorf("Files() error = %v, want the leading slash reported", err)
	}
}

// BenchmarkIndexCorpus tokenizes and indexes the sections of a lesson-sized
// text in each script, as a build does for every page.
func BenchmarkIndexCorpus(b *testing.B) {
	texts := map[string]string{
		"en": strings.Repeat("Officers should listen to the applicant, note indicators of coercion such as debt bondage, and refer them to support services. ", 60),
		"fr": strings.Repeat("L'agent écoute le demandeur, note les indicateurs de contrainte comme la servitude pour dettes et l'oriente vers l'aide. ", 60),
		"zh": strings.Repeat("签证官应倾听申请人的陈述，记录债务奴役等胁迫迹象，并将其转介至支援服务。", 60),
		"ar": strings.Repeat("يستمع الموظف إلى مقدم الطلب، ويسجل مؤشرات الإكراه مثل عبودية الدين، ويحيله إلى خدمات الدعم. ", 60),
	}
	for lang, text := range texts {
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ix := NewIndexer(lang, Options{})
				ix.Add(lang+"/m/l/", []Doc{{URL: lang + "/m/l/", Title: "Lesson", Section: "Part one", Text: text}})
			}
		})
	}
}

// TestShardJSONMatchesEncodingJSON holds the hand-written JSON of the
// shards to what encoding/json writes (marshal, without HTML escaping), on
// strings full of what JSON escapes: quotes, backslashes, control
// characters, U+2028 and U+2029, invalid UTF-8.
func TestShardJSONMatchesEncodingJSON(t *testing.T) {
	pieces := []string{"a", "Z", " ", "\"", "\\", "/", "<", ">", "&", "\x00", "\x01", "\b", "\f", "\n", "\r", "\t", "\x1f", "\x7f",
		"é", "债务", "جواز", "\u2028", "\u2029", "\u2027", "\ufffd", "😀", "\xff", "\xc3", "\xed\xa0\x80", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(3, 4))
	randomString := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		s := randomString()
		want, _ := marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
	// The shards hold valid UTF-8 only (see appendValidJSONString).
	anyString := randomString
	randomString = func() string {
		for {
			if s := anyString(); utf8.ValidString(s) {
				return s
			}
		}
	}
	for range 200 {
		ts := termShardFile{Terms: randomString(), Postings: randomString()}
		want, _ := marshal(ts)
		if got := ts.appendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("term shard: got %s, want %s", got, want)
		}
		var ds docShardFile
		// encoding/json's view of a doc shard: an entry is a short array.
		var ref struct {
			Pages [][]string `json:"pages"`
			Docs  [][]any    `json:"docs"`
		}
		for range rng.IntN(4) {
			p := []string{randomString(), randomString()}
			if rng.IntN(2) == 0 {
				p = append(p, randomString(), randomString()) // a page in another language
			}
			ds.Pages, ref.Pages = append(ds.Pages, p), append(ref.Pages, p)
		}
		for range rng.IntN(5) {
			e := docEntry{page: rng.IntN(1000), anchor: randomString(), section: randomString()}
			row := []any{e.page, e.anchor, e.section}
			if rng.IntN(3) == 0 { // a heading with its slug as its anchor
				e.section = "Who holds the documents?"
				e.anchor, _ = headingSlug(e.section)
				row = []any{e.page, 1, e.section}
			}
			for range 1 + rng.IntN(3) { // a section's passages
				e.texts = append(e.texts, randomString())
				row = append(row, e.texts[len(e.texts)-1])
			}
			ds.Docs = append(ds.Docs, e)
			ref.Docs = append(ref.Docs, row)
		}
		want, _ = marshal(ref)
		if got := ds.appendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("doc shard: got %s, want %s", got, want)
		}
	}
}

// TestSortDocKeys holds sortDocKeys, a radix sort for long lists, to
// slices.Sort, for lists short and long, of a few docs or of more than a
// radix round can tell apart.
func TestSortDocKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var scratch []uint64
	for _, docs := range []int{300, 1000, 70000, 1 << 20} {
		for _, n := range []int{0, 1, 2, 255, 256, 257, 299, 300} {
			n = min(n, docs)
			var keys []uint64
			for _, doc := range rng.Perm(docs)[:n] {
				keys = append(keys, uint64(doc)<<32|uint64(rng.IntN(maxTF+1))<<8|uint64(rng.IntN(4)))
			}
			want := slices.Sorted(slices.Values(keys))
			scratch = sortDocKeys(keys, scratch, docs)
			if !slices.Equal(keys, want) {
				t.Fatalf("docs %d, %d keys: sortDocKeys gave another order than slices.Sort", docs, n)
			}
		}
	}
}

// TestAppendStreamPostings holds appendStreamPostings, which rewrites a
// term's stream as it is, to appendPostings of its decoded postings, for
// gaps and counts of one byte and of more.
func TestAppendStreamPostings(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ix := newIndexer("en")
	terms := make([]int32, 50)
	for i := range terms {
		terms[i] = ix.intern(fmt.Sprint("term", i))
	}
	doc := int32(0)
	for range 5000 {
		doc += 1 + int32(rng.IntN([]int{1, 40, 200, 100000}[rng.IntN(4)]))
		for _, term := range terms[:1+rng.IntN(len(terms))] {
			if rng.IntN(3) == 0 {
				continue
			}
			p := ix.at(term, doc)
			p.flags |= uint8(rng.IntN(4))
			p.tf = uint16(min(maxTF, 1+rng.IntN([]int{3, 40, 1000, maxTF + 5}[rng.IntN(4)])))
		}
	}
	for _, term := range terms {
		want := appendPostings(nil, ix.postings(term))
		if got := ix.appendStreamPostings(nil, term); !bytes.Equal(got, want) {
			t.Fatalf("term %d: appendStreamPostings = %.40s..., appendPostings = %.40s...", term, got, want)
		}
	}
}

// TestIsHeadingSlug holds isHeadingSlug to comparing with headingSlug.
func TestIsHeadingSlug(t *testing.T) {
	headings := []string{
		"Who holds the documents?", "Article 8: non-punishment", "The officer's role", "ILO  indicators (2012)",
		"C-1 and C_2", "الحالة", "مَن يحتفظ بالوثائق؟", "风险判断", "《通用数据保护条例》的要求", "Élève", "Straße", "",
		"--", "a", "A b", "'", "x'", " lead", "trail ", "\xff", "a\xffb", "风 险", "الحالة 2",
	}
	for _, h := range headings {
		slug, _ := headingSlug(h)
		anchors := []string{"", slug, slug + "-", slug + "x", "-" + slug, strings.ToUpper(slug)}
		for n := range len(slug) {
			anchors = append(anchors, slug[:n])
		}
		for _, other := range headings {
			s, _ := headingSlug(other)
			anchors = append(anchors, s, other)
		}
		for _, a := range anchors {
			checkIsHeadingSlug(t, h, a)
		}
	}
}

func checkIsHeadingSlug(t *testing.T, heading, anchor string) {
	t.Helper()
	slug, ok := headingSlug(heading)
	if want := ok && slug == anchor && slug != ""; isHeadingSlug(heading, anchor) != want {
		t.Errorf("isHeadingSlug(%q, %q) = %v, want %v", heading, anchor, !want, want)
	}
}

func FuzzIsHeadingSlug(f *testing.F) {
	f.Add("Who holds the documents?", "who-holds-the-documents")
	f.Add("风险判断", "风险判断")
	f.Add("الحالة 2", "الحالة-2")
	f.Fuzz(func(t *testing.T, heading, anchor string) {
		checkIsHeadingSlug(t, heading, anchor)
		slug, _ := headingSlug(heading)
		checkIsHeadingSlug(t, heading, slug)
	})
}

// TestPlainJSON holds plainJSON to asking each byte, for every byte
// value in every position among plain bytes.
func TestPlainJSON(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			var b [8]byte
			for i := range b {
				b[i] = "A\xe4 0~\x80z\xff"[i]
			}
			b[pos] = byte(c)
			want := true
			for _, c := range b {
				want = want && c >= 0x20 && c != '"' && c != '\\' && c != 0xE2
			}
			if got := plainJSON(binary.LittleEndian.Uint64(b[:])); got != want {
				t.Errorf("plainJSON(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

// FuzzAppendJSONString holds appendJSONString, and appendValidJSONString
// for valid UTF-8, to encoding/json.
func FuzzAppendJSONString(f *testing.F) {
	f.Add("plain text, long enough for a word or two")
	f.Add("quote \" backslash \\ tab \t newline \n \u2028 \u2029 é 债务 😀 \xff \xc3")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := marshal(s)
		if got := appendJSONString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
		}
		if got := appendValidJSONString([]byte("x"), s); utf8.ValidString(s) && (!bytes.Equal(got[1:], want) || got[0] != 'x') {
			t.Fatalf("appendValidJSONString(%q) = %s, want %s", s, got[1:], want)
		}
	})
}
