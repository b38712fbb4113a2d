package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestTermTable holds termTable, through indexer.intern and termID, to a
// map[string]int32 numbering terms in the order they first come: on terms
// of every length around the hash's 4- and 8-byte steps, terms that differ
// in one byte only, and enough of them to grow the table several times.
func TestTermTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"a", "b", "é", "债", "ج", "\x00", "\xff", "😀"}
	var terms []string
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		terms = append(terms, b.String())
	}
	for n := range 40 { // one byte apart
		terms = append(terms, strings.Repeat("x", n), strings.Repeat("x", n)+"y", "y"+strings.Repeat("x", n))
	}
	ix := newIndexer("en")
	want := map[string]int32{}
	for range 3 { // each term again, found this time
		for _, term := range terms {
			if _, ok := want[term]; !ok {
				want[term] = int32(len(want))
			}
			// A term that points into a longer string, as tokenize's do.
			if got := ix.intern((term + "!")[:len(term)]); got != want[term] {
				t.Fatalf("intern(%q) = %d, want %d", term, got, want[term])
			}
		}
	}
	for term, id := range want {
		if got, ok := ix.termID(term); !ok || got != id || ix.terms[id] != term {
			t.Fatalf("termID(%q) = %d, %v, want %d", term, got, ok, id)
		}
	}
	for _, term := range []string{"zz", "债务务", "\xfe"} {
		if got, ok := ix.termID(term); ok {
			t.Errorf("termID(%q) = %d, true: not a term", term, got)
		}
	}
	if got, ok := newIndexer("en").termID("a"); ok {
		t.Errorf("termID of an empty index = %d, true", got)
	}
}

// TestPostingsReadBack holds what postings reads back from the streams
// close writes, its one-byte fast path and the varints of long gaps and
// large counts alike, to the postings counted directly, for pages added
// in key order and out of it (renumbered and sorted).
func TestPostingsReadBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	type page struct {
		key  string
		docs []Doc
	}
	var pages []page
	for p := range 300 {
		pg := page{key: fmt.Sprintf("en/p%03d/", p)}
		for s := range 1 + rng.IntN(3) {
			var text []string
			for w := range 6 {
				if rng.IntN(4) == 0 {
					// 0 to 200 occurrences: tf<<2|flags of two bytes from 32 on.
					text = append(text, strings.Repeat(fmt.Sprintf("w%d ", w), rng.IntN(200)))
				}
			}
			if p%150 == 0 {
				text = append(text, "rare") // gaps of 150 pages, more than a byte holds
			}
			pg.docs = append(pg.docs, Doc{URL: pg.key, Anchor: fmt.Sprintf("s%d", s), Title: "T", Text: strings.Join(text, " ")})
		}
		pages = append(pages, pg)
	}
	// want[term][i]: the posting of the i-th doc in key order.
	want := map[string][]posting{}
	doc := int32(0)
	for _, pg := range pages {
		for _, d := range pg.docs {
			tfs := map[string]int{}
			for _, term := range Tokenize("en", d.Text) {
				tfs[term]++
			}
			tfs["t"] += 0 // the title's term
			for term, tf := range tfs {
				want[term] = append(want[term], posting{doc: doc, tf: uint16(tf)})
			}
			doc++
		}
	}
	for term := range want {
		slices.SortFunc(want[term], func(a, b posting) int { return int(a.doc - b.doc) })
		for i := range want[term] {
			want[term][i].flags = uint8(inTitle * btoi(term == "t"))
		}
	}
	for _, shuffle := range []bool{false, true} {
		order := slices.Clone(pages)
		if shuffle {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		ix := NewIndexer("en", Options{})
		for _, pg := range order {
			ix.Add(pg.key, pg.docs)
		}
		ix.ix.sortDocs()
		if len(ix.ix.terms) != len(want) {
			t.Fatalf("shuffled %v: %d terms, want %d", shuffle, len(ix.ix.terms), len(want))
		}
		for id, term := range ix.ix.terms {
			if got := ix.ix.postings(int32(id)); !slices.Equal(got, want[term]) {
				t.Errorf("shuffled %v: postings of %q = %v, want %v", shuffle, term, got, want[term])
			}
		}
	}
}
