package search

import (
	"math/rand/v2"
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
