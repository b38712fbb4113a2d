package browsertest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
	"github.com/fieldguide/fieldguide/generator/markdown"
	"github.com/fieldguide/fieldguide/generator/search"
)

// Search finds the words officers type, not only the forms the lessons
// use: plurals (generator/search/stem.go folds them to their singular) and
// Arabic words with a joined preposition or conjunction (filed under their
// bare form). These tests type such words in the real course's search box
// and look at what the results mark.

// markedWords returns the text of every <mark> in the search results, in
// order: the words of the results that the query matched.
func (tb *tab) markedWords() []string {
	tb.t.Helper()
	return eval[[]string](tb, `Array.prototype.map.call(document.querySelectorAll("[data-fg-search] [role=option] mark"), function (m) { return m.textContent; })`)
}

// firstSnippet types query in the English site's search box in a new tab,
// and returns the tab and the first result's snippet, as HTML (a match is
// in <mark>).
func firstSnippet(t *testing.T, query string) (*tab, string) {
	t.Helper()
	tb := newTab(t)
	tb.open(siteURL("en/"))
	tb.openSearch(query)
	return tb, eval[string](tb, `document.querySelector("[data-fg-search] [role=option] .fg-search-snippet").innerHTML`)
}

// enterLandsOn presses Enter in tb's search box, whose first result is
// word's, and checks that the page it opens is scrolled to section
// #target.anchor, which holds word.
func enterLandsOn(t *testing.T, tb *tab, word string, target indexedSection) {
	t.Helper()
	before := tb.location()
	tb.pressKey(kb.Enter)
	landed := tb.waitURLChange(before, 10*time.Second)
	tb.waitFor("the result page loaded", `document.readyState === "complete"`, 5*time.Second)
	if got := eval[searchTarget](tb, searchTargetJS+`(`+jsString(word)+`)`); got.Hash != target.anchor || !got.Contains || !got.InView {
		t.Errorf("%q: Enter led to %s (section %q, in view %v), want #%s of %s", word, landed, got.Hash, got.InView, target.anchor, target.url)
	}
}

// folded is a word as search compares it, near enough for these tests:
// lower case, without Arabic tashkeel, hamza and madda, ta marbuta as ha.
func folded(s string) string {
	s = strings.ToLower(s)
	s = regexp.MustCompile("[\u064B-\u065F\u0670\u0640]").ReplaceAllString(s, "")
	return strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ة", "ه", "ى", "ي").Replace(s)
}

// TestSearchArabicParticles types Arabic words with a joined preposition
// (ب with, ل for) in the offline copy, from file://: they find the
// sections that use the word in its other forms (with the article, bare,
// with another particle), mark only forms of that word, and Enter leads
// to a section that has it.
func TestSearchArabicParticles(t *testing.T) {
	for _, c := range []struct{ query, stem string }{
		{"بتأشيرة", "تاشير"}, // with a visa: تأشيرة, التأشيرة, تأشيرات...
		{"لضحايا", "ضحايا"},  // for victims: الضحايا, ضحايا...
	} {
		t.Run(c.query, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(fileURL("ar/" + sampleLesson + "index.html"))
			results := tb.openSearch(c.query)
			marks := tb.markedWords()
			other := 0
			for _, m := range marks {
				f := folded(m)
				if !strings.Contains(f, c.stem) {
					t.Errorf("%q: a result marks %q, which is not a form of %s", c.query, m, c.stem)
				}
				if f != folded(c.query) {
					other++
				}
			}
			if len(results) < 2 || other == 0 {
				t.Errorf("%q: %d results marking %q: want the word's other forms found too", c.query, len(results), marks)
			}
			// The reader goes to the first result: it has the word.
			before := tb.location()
			tb.pressKey(kb.Enter)
			landed := tb.waitURLChange(before, 10*time.Second)
			tb.waitFor("the result page loaded", `document.readyState === "complete"`, 5*time.Second)
			if got := eval[searchTarget](tb, searchTargetJS+`(`+jsString(c.stem)+`)`); !got.Found || !got.Contains {
				t.Errorf("%q: Enter led to %s, whose section does not have %s", c.query, landed, c.stem)
			}
			tb.checkRequestsStayInBuild(5)
			t.Logf("%q: %d results, marks %q", c.query, len(results), marks[:min(6, len(marks))])
		})
	}
}

// TestSearchPlurals types plurals over HTTP: "victims" finds the sections
// that say "victim", "indicateurs" those that say "indicateur"; and a word
// that only looks plural ("access") marks itself alone.
func TestSearchPlurals(t *testing.T) {
	for _, c := range []struct{ lang, query, singular string }{
		{"en", "victims", "victim"},
		{"en", "interviews", "interview"},
		{"fr", "indicateurs", "indicateur"},
	} {
		t.Run(c.lang+"/"+c.query, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(siteURL(c.lang + "/"))
			tb.openSearch(c.query)
			marks := tb.markedWords()
			singular := false
			for _, m := range marks {
				f := folded(m)
				singular = singular || f == c.singular
				if f != c.singular && f != c.query {
					t.Errorf("%q: a result marks %q, neither %q nor %q", c.query, m, c.query, c.singular)
				}
			}
			if !singular {
				t.Errorf("%q: no result marks the singular %q (marks: %q)", c.query, c.singular, marks)
			}
		})
	}
	t.Run("en/access", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t)
		tb.open(siteURL("en/"))
		tb.openSearch("access ")
		for _, m := range tb.markedWords() {
			if folded(m) != "access" {
				t.Errorf("“access”: a result marks %q", m)
			}
		}
	})
}

// indexedSection is a section as the search index's doc shards have it.
type indexedSection struct {
	url, anchor, heading, text string
	passages                   []string // the starts of its passages after the first (text)
	nth                        int      // its place in its page, from 0
}

// indexedSections reads the sections of a language's index in the built
// site, in site order.
func indexedSections(t *testing.T, dir, lang string) ([]indexedSection, []search.File) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "search", lang, "*.js"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no search index in %s: %v", dir, err)
	}
	var files []search.File
	shards := map[int][]indexedSection{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, search.File{Path: "search/" + lang + "/" + filepath.Base(p), Data: data})
		name := strings.TrimSuffix(filepath.Base(p), ".js")
		var n int
		if len(name) < 2 || name[0] != 'd' || json.Unmarshal([]byte(name[1:]), &n) != nil {
			continue
		}
		// window.__fieldguideSearch.add(lang, name, id, {...});
		args := bytes.TrimSuffix(bytes.TrimPrefix(data, []byte("window.__fieldguideSearch.add(")), []byte(");\n"))
		var call []json.RawMessage
		var shard struct {
			Pages [][]string `json:"pages"`
			Docs  [][]any    `json:"docs"`
		}
		if err := json.Unmarshal(append(append([]byte("["), args...), ']'), &call); err != nil || len(call) != 4 {
			t.Fatalf("%s: not an index file: %v", p, err)
		}
		if err := json.Unmarshal(call[3], &shard); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, d := range shard.Docs {
			page := shard.Pages[int(d[0].(float64))]
			s := indexedSection{url: page[0], heading: d[2].(string), text: d[3].(string)}
			if anchor, ok := d[1].(string); ok {
				s.anchor = anchor
			} else {
				s.anchor = markdown.Slug(s.heading) // written as 1: the heading's slug
			}
			for _, p := range d[4:] {
				s.passages = append(s.passages, p.(string))
			}
			shards[n] = append(shards[n], s)
		}
	}
	var sections []indexedSection
	nth := map[string]int{}
	for n := 0; n < len(shards); n++ {
		for _, s := range shards[n] {
			s.nth = nth[s.url]
			nth[s.url]++
			sections = append(sections, s)
		}
	}
	return sections, files
}

// TestSearchSnippetDeepInPage: a word found only in a section far down its
// page, past the start of that section, is shown in the result's snippet,
// marked, in a window that begins with … where it leaves the section's
// start out; Enter scrolls to that section. The word is chosen from the
// built index, so that the test follows the course as it changes.
func TestSearchSnippetDeepInPage(t *testing.T) {
	sections, files := indexedSections(t, siteDir, "en")
	ix, err := search.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	word, target := "", indexedSection{}
	reWord := regexp.MustCompile(`[a-z]{8,}`)
	for _, s := range sections {
		if s.nth < 2 || s.anchor == "" || len(s.text) < 180 {
			continue // deep in its page (its third section or later), and longer than a snippet
		}
		for _, loc := range reWord.FindAllStringIndex(s.text, -1) {
			w := s.text[loc[0]:loc[1]]
			if loc[0] < 90 || loc[0] > 160 || (loc[0] > 0 && s.text[loc[0]-1] != ' ') || strings.HasSuffix(w, "s") {
				continue // past the first half of the snippet's width, a whole word, not a plural
			}
			if r := ix.Query(w+" ", 0); len(r) == 1 && r[0].URL == s.url && r[0].Anchor == s.anchor {
				word, target = w, s
				break
			}
		}
		if word != "" {
			break
		}
	}
	if word == "" {
		t.Skip("no word of the course is found in one section alone, deep in its page and its section")
	}
	tb, snippet := firstSnippet(t, word+" ")
	if !strings.Contains(snippet, "<mark>"+word+"</mark>") {
		t.Errorf("%q (at column %d of section #%s of %s): the snippet %q does not show it marked", word, strings.Index(target.text, word), target.anchor, target.url, snippet)
	}
	if !strings.HasPrefix(snippet, "…") {
		t.Errorf("%q: the snippet %q shows the section's start, not a window around the word", word, snippet)
	}
	enterLandsOn(t, tb, word, target)
	t.Logf("%q, in section %d (#%s) of %s: %s", word, target.nth+1, target.anchor, target.url, snippet)
}

// TestSearchSnippetShowsThePassage: a word that a long section holds far
// past its start, in one of its later passages, is shown marked in the
// result's snippet, which then begins where that passage begins, and
// Enter scrolls to the section. The word is chosen from the built index,
// as in TestSearchSnippetDeepInPage. Then a glossary term: the glossary
// is one section per entry, and the search for a term shows its
// definition and leads to its entry.
func TestSearchSnippetShowsThePassage(t *testing.T) {
	sections, files := indexedSections(t, siteDir, "en")
	ix, err := search.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	word, target, passage := "", indexedSection{}, ""
	reWord := regexp.MustCompile(`[a-z]{8,}`)
	for _, s := range sections {
		if strings.HasPrefix(s.url, "en/glossary/") {
			continue
		}
		for _, p := range s.passages {
			for _, loc := range reWord.FindAllStringIndex(p, -1) {
				w := p[loc[0]:loc[1]]
				if loc[0] > 100 || (loc[0] > 0 && p[loc[0]-1] != ' ') || strings.HasSuffix(w, "s") || strings.Contains(strings.ToLower(s.text), w) {
					continue // near the passage's start, a whole word, not a plural, not in the section's first snippet
				}
				if r := ix.Query(w+" ", 0); len(r) == 1 && r[0].URL == s.url && r[0].Anchor == s.anchor && r[0].Text == p {
					word, target, passage = w, s, p
					break
				}
			}
			if word != "" {
				break
			}
		}
		if word != "" {
			break
		}
	}
	if word == "" {
		t.Fatal("no word of the course is found in one section alone, in a passage after its first")
	}
	tb, snippet := firstSnippet(t, word+" ")
	if !strings.Contains(snippet, "<mark>"+word+"</mark>") {
		t.Errorf("%q (in a later passage of #%s of %s): the snippet %q does not show it marked", word, target.anchor, target.url, snippet)
	}
	if first := strings.Fields(passage)[0]; !strings.HasPrefix(snippet, first) && !strings.HasPrefix(snippet, "…") {
		t.Errorf("%q: the snippet %q is not from the passage %.40q…", word, snippet, passage)
	}
	enterLandsOn(t, tb, word, target)
	t.Logf("%q, in #%s of %s: %s", word, target.anchor, target.url, snippet)

	// The glossary: a term's entry, its definition marked, and its <dt>.
	tb = newTab(t)
	tb.open(siteURL("en/"))
	results := tb.openSearch("debt bondage")
	first := eval[string](tb, `document.querySelector("[data-fg-search] [role=option] .fg-search-snippet").innerHTML`)
	if len(results) == 0 || !strings.Contains(results[0], "Glossary") || !strings.Contains(first, "<mark>debt</mark>") {
		t.Errorf("“debt bondage”: first result %q, snippet %q; want the glossary’s entry, its definition marked", results, first)
	}
	before := tb.location()
	tb.pressKey(kb.Enter)
	landed := tb.waitURLChange(before, 10*time.Second)
	if !strings.HasSuffix(landed, "/en/glossary/#term-debt-bondage") {
		t.Errorf("“debt bondage”: Enter led to %s, want the glossary's #term-debt-bondage", landed)
	}
}
