package search

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/markdown"
)

// paragraph returns a sentence-ending paragraph of about n columns, of
// words that begin with tag so that a test can find them.
func paragraph(tag string, n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tag + "word")
	}
	return b.String() + "."
}

func TestPassageStarts(t *testing.T) {
	const p = passageColumns
	short := paragraph("a", p/4)
	long := paragraph("l", 2*p+100) // ends past twice p
	tests := []struct {
		name string
		text string
		want []string // the start of each passage
	}{
		{"one block", short, []string{"aword"}},
		{"short blocks", short + "\n" + short, []string{"aword"}},
		{"a new block once the passage is long enough",
			strings.Join([]string{paragraph("a", p/3), paragraph("b", p/3), paragraph("c", p/3), paragraph("d", p/3), paragraph("e", p/3)}, "\n"),
			[]string{"aword", "dword"}},
		{"blank lines and indents between blocks",
			paragraph("a", p+50) + "\n\n  \n" + paragraph("b", 50) + "\n",
			[]string{"aword", "bword"}},
		{"no empty passage at the end", paragraph("a", p+50) + "\n\n", []string{"aword"}},
		{"a long paragraph is cut at a sentence",
			strings.Repeat(paragraph("s", p/2)+" ", 3) + "Next sentence. " + paragraph("t", p/2) + " Then 3.14 e. g. stays",
			[]string{"sword", "Then"}},
		{"a very long paragraph, again and again", long + " " + long + " " + long, []string{"lword", "lword", "lword"}},
		{"CJK sentences", strings.Repeat("人口贩运受害者需要保护和援助。", 2*p/30+5) + "最后一句。",
			[]string{"人口贩运受害者需要保护和援助。", "人口贩运受害者需要保护和援助。"}},
		{"Arabic question mark",
			strings.Repeat("هل تعرف أين ستقيم؟ ", 2*p/19+5) + "سؤال أخير",
			[]string{"هل", "هل"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			starts := passageStarts(tc.text, []int{0})
			var got []string
			for i, s := range starts {
				if i > 0 && s <= starts[i-1] || s >= len(tc.text) {
					t.Fatalf("starts %v: not increasing, or at the end of a text of %d bytes", starts, len(tc.text))
				}
				rest := tc.text[s:]
				if i > 0 && (rest[0] == ' ' || rest[0] == '\n') {
					t.Errorf("passage %d begins with white space: %q", i, rest[:10])
				}
				got = append(got, strings.TrimSpace(strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\n' })[0]))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("passages begin with %q, want %q", got, tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("passage %d begins with %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestPassageStartsBounded: whatever the text, every passage but the
// last is at least passageColumns long, and none is longer than three
// times as long (a word more), so that a long section keeps a snippet per
// passageColumns to three times as many columns.
func TestPassageStartsBounded(t *testing.T) {
	texts := []string{
		strings.Repeat(paragraph("a", 120)+"\n", 40),
		strings.Repeat(paragraph("b", 3000)+"\n", 3),
		strings.Repeat("受害者需要保护。", 200),
		strings.Repeat("يحتاج الضحايا إلى الحماية. ", 150),
	}
	for _, text := range texts {
		starts := passageStarts(text, []int{0})
		if len(starts) < 3 {
			t.Errorf("%.20q…: %d passages", text, len(starts))
		}
		for i, s := range starts {
			end := len(text)
			if i+1 < len(starts) {
				end = starts[i+1]
			}
			columns := 0
			for _, r := range text[s:end] {
				columns++
				if isWide(r) {
					columns++
				}
			}
			if i+1 < len(starts) && columns < passageColumns || columns > 3*passageColumns+10 {
				t.Errorf("%.20q…: passage %d has %d columns", text, i, columns)
			}
		}
	}
}

func TestBestPassage(t *testing.T) {
	snippets := []string{
		"Officers meet victims at the visa counter.",
		"A debt owed to the recruiter is an indicator.",
		"Debt bondage: the debt can never be repaid.",
		"Bondage and debt, again.",
	}
	tests := []struct {
		query string
		want  int
	}{
		{"victims", 0},
		{"debt", 1},              // the first that shows it
		{"debt bondage", 2},      // the first that shows both
		{"bondage", 2},           // plural folding and case: as the index files words
		{"debts", 1},             // a plural typed: its singular
		{"bond", 2},              // the last word as a prefix
		{"bond ", 0},             // finished: a whole word that none shows
		{"passport", 0},          // none: the section's start
		{"recruiter counter", 0}, // one each: the first
	}
	none := func(string) bool { return false } // no bare form is a term
	for _, tc := range tests {
		if got := bestPassage("en", snippets, queryTerms("en", tc.query), none); got != tc.want {
			t.Errorf("bestPassage(%q) = %d, want %d", tc.query, got, tc.want)
		}
	}
	if got := bestPassage("en", snippets[:1], queryTerms("en", "debt"), none); got != 0 {
		t.Errorf("one passage: %d", got)
	}
}

// TestBestPassageFilesWordsAsTheIndex: a passage shows a query word when
// it holds a word that the index files under it: its plural (Tokenize
// gives the singular), the word with the article, and an Arabic word with
// a particle when its bare form is a term of the index, as the ranking
// found the section through it (procliticMerges), and not otherwise.
func TestBestPassageFilesWordsAsTheIndex(t *testing.T) {
	terms := map[string]bool{"ضحايا": true, "تاشيره": true} // تأشيرة folded
	isTerm := func(s string) bool { return terms[s] }
	tests := []struct {
		lang, query string
		snippets    []string
		want        int
	}{
		{"en", "victim ", []string{"Officers at the counter.", "Identified victims are referred."}, 1},
		{"en", "victim", []string{"Officers at the counter.", "Identified victims are referred."}, 1},
		{"en", "victims", []string{"Officers at the counter.", "One victim is referred."}, 1},
		{"en", "country ", []string{"Officers at the counter.", "Countries of origin."}, 1},
		{"fr", "journal ", []string{"Au guichet.", "Les journaux en parlent."}, 1},
		// The particles ل ب و, alone or with the article.
		{"ar", "ضحايا", []string{"يقابل الموظفون المتقدمين.", "خدمات لضحايا الاتجار."}, 1},
		{"ar", "ضحايا ", []string{"يقابل الموظفون المتقدمين.", "يتصل الموظف بضحايا الاتجار."}, 1},
		{"ar", "ضحايا", []string{"يقابل الموظفون المتقدمين.", "حماية والضحايا."}, 1},
		{"ar", "ضحايا", []string{"يقابل الموظفون المتقدمين.", "اتصل بالضحايا."}, 1},
		// A query with a particle, a passage with another one.
		{"ar", "لضحايا ", []string{"يقابل الموظفون المتقدمين.", "يتصل الموظف بضحايا الاتجار."}, 1},
		// The first passage that shows both words, one of them by its bare form.
		{"ar", "تأشيرة ضحايا", []string{"تأشيرة فقط.", "ضحايا فقط.", "لضحايا بتأشيرة."}, 2},
		// Not filed so: the bare form is no term of the index (سيط), so
		// وسيط "broker" is not و + سيط, which بسيط "simple" is looked up as.
		{"ar", "بسيط ", []string{"يقابل الموظفون المتقدمين.", "دور وسيط آخر."}, 0},
	}
	for _, tc := range tests {
		if got := bestPassage(tc.lang, tc.snippets, queryTerms(tc.lang, tc.query), isTerm); got != tc.want {
			t.Errorf("%s %q: passage %d, want %d", tc.lang, tc.query, got, tc.want)
		}
	}
	// The same passages with a bare form that is a term: now filed under it.
	terms["سيط"] = true
	if got := bestPassage("ar", []string{"يقابل الموظفون المتقدمين.", "دور وسيط آخر."}, queryTerms("ar", "بسيط "), isTerm); got != 1 {
		t.Errorf("بسيط with سيط a term: passage %d, want 1", got)
	}
}

// TestQueryShowsTheWordsPassage: a word far down a long section is shown
// in the result's snippet, from the passage that holds it; the section is
// one result however many of its passages hold the word, and its score
// is the section's, whatever its passages (its text cut into other lines
// ranks the same), so that a long section is never outranked by a short
// one for its length in passages, nor floods the list.
func TestQueryShowsTheWordsPassage(t *testing.T) {
	blocks := []string{
		paragraph("intro", 300) + " Debt is mentioned here.",
		paragraph("middle", 300) + " Debt again.",
		"Ombudsman: complaints about an authority go to the national ombudsman, and debt advice to a counsellor.",
		paragraph("tail", 300) + " Debt once more.",
	}
	docs := func(sep string) []Doc {
		return []Doc{
			{URL: "en/a/", Title: "Support", Section: "", Text: "Officers refer victims."},
			{URL: "en/a/", Anchor: "rights", Title: "Support", Section: "Rights", Text: strings.Join(blocks, sep)},
			{URL: "en/b/", Title: "Debt", Text: "Debt bondage is a means of control."},
			{URL: "en/c/", Title: "Other", Text: "A short note on debt."},
		}
	}
	ix := load(t, "en", docs("\n"))
	flat := load(t, "en", docs(" "))
	for _, q := range []string{"ombudsman", "debt", "debt ombudsman", "national ombudsman", "tail", "counsel"} {
		got, want := ix.Query(q, 0), flat.Query(q, 0)
		if len(got) != len(want) {
			t.Fatalf("%q: %d results with passages, %d without", q, len(got), len(want))
		}
		seen := map[int]bool{}
		for i := range got {
			if got[i].Doc != want[i].Doc || got[i].Score != want[i].Score {
				t.Errorf("%q: result %d is section %d (%v) with passages, %d (%v) without", q, i, got[i].Doc, got[i].Score, want[i].Doc, want[i].Score)
			}
			if seen[got[i].Doc] {
				t.Errorf("%q: section %d twice", q, got[i].Doc)
			}
			seen[got[i].Doc] = true
		}
	}
	r := ix.Query("ombudsman", 0)
	if len(r) != 1 || r[0].Anchor != "rights" || !strings.HasPrefix(r[0].Text, "Ombudsman: complaints") {
		t.Errorf("ombudsman: %+v, want the third passage of #rights", r)
	}
	// The second passage begins with the short block, and its snippet
	// shows the start of the next.
	if r := ix.Query("tail", 0); len(r) != 1 || !strings.HasPrefix(r[0].Text, "Ombudsman") || !strings.Contains(r[0].Text, "tailword") {
		t.Errorf("tail: %+v, want the second passage", r)
	}
	// A word of the section's start: the start, as without passages.
	if r := ix.Query("intro", 0); len(r) != 1 || !strings.HasPrefix(r[0].Text, "introword") {
		t.Errorf("intro: %+v, want the section's start", r)
	}
	// Both passages have debt, but only the second's snippet shows it.
	for _, r := range ix.Query("debt", 0) {
		if r.Anchor == "rights" && !strings.HasPrefix(r.Text, "Ombudsman") {
			t.Errorf("debt: #rights shows %.30q, want the passage whose snippet shows debt", r.Text)
		}
	}
	if r := ix.Query("debt ombudsman", 0); len(r) != 1 || !strings.HasPrefix(r[0].Text, "Ombudsman") {
		t.Errorf("debt ombudsman: %+v, want the passage with both", r)
	}
}

// TestQueryShortSectionsRankAsBefore: short sections, as a glossary's
// entries are, rank by BM25 as any section: a page titled with the words
// first, then a short section headed with them, then a long section
// that holds them once.
func TestQueryShortSectionsRankAsBefore(t *testing.T) {
	docs := []Doc{
		{URL: "en/g/", Title: "Glossary", Text: "Key terms."},
		{URL: "en/g/", Anchor: "term-debt-bondage", Title: "Glossary", Section: "Debt bondage", Text: "Work to repay a debt that can never be repaid."},
		{URL: "en/l/", Title: "Forced labour", Text: paragraph("x", 500) + " Debt bondage is one indicator.\n" + paragraph("y", 500)},
		{URL: "en/d/", Title: "Debt bondage", Text: "What it is."},
	}
	ix := load(t, "en", docs)
	var order []string
	for _, r := range ix.Query("debt bondage", 0) {
		order = append(order, r.URL+"#"+r.Anchor)
	}
	want := []string{"en/d/#", "en/g/#term-debt-bondage", "en/l/#"}
	if !slices.Equal(order, want) {
		t.Errorf("debt bondage ranks %q, want %q", order, want)
	}
}

// TestHeadingSlug: where headingSlug answers, it gives the id package
// markdown gives the heading, which the doc shards then write as 1.
func TestHeadingSlug(t *testing.T) {
	for _, h := range []string{
		"Who holds the documents?", "Article 8: non-punishment", "The officer's role", "ILO  indicators (2012)",
		"C-1 and C_2", "الحالة", "مَن يحتفظ بالوثائق؟", "风险判断", "《通用数据保护条例》的要求", "Élève", "Straße", "",
	} {
		slug, ok := headingSlug(h)
		if ok && slug != markdown.Slug(h) {
			t.Errorf("headingSlug(%q) = %q, markdown gives %q", h, slug, markdown.Slug(h))
		}
		if want := !strings.ContainsAny(h, "َ؟《》Éß") || h == ""; ok != want {
			t.Errorf("headingSlug(%q): ok = %v", h, ok)
		}
	}
}

// TestWordColumns: counting 8 bytes at once gives what counting them one
// by one gives, whatever the bytes.
func TestWordColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		want := 0
		for _, c := range b {
			want += byteColumns(c)
		}
		if got := wordColumns(binary.LittleEndian.Uint64(b[:])); got != want {
			t.Fatalf("wordColumns(% x) = %d, want %d", b, got, want)
		}
	}
	if got := textColumns("ab 人口, مرحبا…"); got != 3+4+2+5+2 {
		t.Errorf("textColumns = %d", got)
	}
}

// TestLetterRunLetters: the letters letterRun copies without checking are
// those the checks it skips would pass, at the width they would count.
func TestLetterRunLetters(t *testing.T) {
	for r := rune(0x80); r <= 0xFFFF; r++ {
		s := string(r)
		end, columns := letterRun(s+"!", 0, 2)
		if end == 0 {
			continue
		}
		if !nfcInert(r) || isSpace(r) || isMark(r) || (columns == 2) != isWide(r) || end != len(s) {
			t.Errorf("U+%04X: letterRun copies it as %d columns; nfcInert %v, isSpace %v, isWide %v", r, columns, nfcInert(r), isSpace(r), isWide(r))
		}
	}
	if end, _ := letterRun("بالوثائق 受害者", 0, 100); end != len("بالوثائق") {
		t.Errorf("letterRun ends at %d", end)
	}
}
