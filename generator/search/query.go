package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"
)

// Index is an index read back from the files Build wrote, the way the
// browser reads it. It exists for tests: the JS is the production ranker,
// and Query ranks exactly as it does.
type Index struct {
	lang   string
	pages  [][2]string
	docs   []docRow
	first  []bool // the section opens its page
	avgLen float64
	terms  []string // sorted by compareUTF16
	df     []int
	// postings[i] is where term i's postings start: the shard's postings
	// string, at the offset just past the count.
	postings []postingsRef
}

type postingsRef struct {
	data   string
	offset int
}

// Result is one section found by a query.
type Result struct {
	Doc     int // position of the section in the docs given to Build
	URL     string
	Anchor  string
	Title   string
	Section string
	Score   float64 // rounded to 6 decimals, as ranked
}

// Load reads the files of one language's index.
func Load(files []File) (*Index, error) {
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	var ix Index
	for i, n := 0, 1; i < n; i++ {
		var path string
		if i == 0 {
			for p := range byPath {
				if strings.HasSuffix(p, "/0.js") {
					path = p
				}
			}
		} else {
			path = shardPath(ix.lang, i)
		}
		data, ok := byPath[path]
		if !ok {
			return nil, fmt.Errorf("search: missing index file %d of %d", i, n)
		}
		lang, id, s, err := parseShard(data)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", path, err)
		}
		if i == 0 {
			if s.Version != formatVersion {
				return nil, fmt.Errorf("search: %s: format version %d, want %d", path, s.Version, formatVersion)
			}
			ix.lang, n, ix.pages = lang, s.Shards, s.Pages
		}
		if id != i || lang != ix.lang {
			return nil, fmt.Errorf("search: %s registers itself as %s shard %d", path, lang, id)
		}
		ix.docs = append(ix.docs, s.Docs...)
		if err := ix.addTerms(s.Terms, s.Postings); err != nil {
			return nil, fmt.Errorf("search: %s: %w", path, err)
		}
	}
	seen := map[int]bool{}
	total := 0.0
	for _, d := range ix.docs {
		if d.page < 0 || d.page >= len(ix.pages) {
			return nil, fmt.Errorf("search: section of page %d: no such page", d.page)
		}
		ix.first = append(ix.first, !seen[d.page])
		seen[d.page] = true
		total += float64(d.length)
	}
	if len(ix.docs) > 0 {
		ix.avgLen = total / float64(len(ix.docs))
	}
	return &ix, nil
}

// parseShard reads `window.__fieldguideSearch.add(lang, id, data);`.
func parseShard(data []byte) (lang string, id int, s shard, err error) {
	const prefix, suffix = "window.__fieldguideSearch.add(", ");\n"
	if !bytes.HasPrefix(data, []byte(prefix)) || !bytes.HasSuffix(data, []byte(suffix)) {
		return "", 0, s, fmt.Errorf("not an index file")
	}
	args := append(append([]byte("["), data[len(prefix):len(data)-len(suffix)]...), ']')
	var fields []json.RawMessage
	if err := json.Unmarshal(args, &fields); err != nil || len(fields) != 3 {
		return "", 0, s, fmt.Errorf("cannot read the arguments of add(): %v", err)
	}
	if err := json.Unmarshal(fields[0], &lang); err != nil {
		return "", 0, s, err
	}
	if err := json.Unmarshal(fields[1], &id); err != nil {
		return "", 0, s, err
	}
	err = json.Unmarshal(fields[2], &s)
	return lang, id, s, err
}

func (ix *Index) addTerms(dict, post string) error {
	var previous []uint16
	d := varintReader{s: dict}
	p := varintReader{s: post}
	for d.pos < len(dict) {
		shared := d.next()
		end := strings.IndexByte(dict[d.pos:], ' ')
		if end < 0 || shared > len(previous) {
			return fmt.Errorf("corrupt dictionary at %d", d.pos)
		}
		term := append(previous[:shared:shared], utf16.Encode([]rune(dict[d.pos:d.pos+end]))...)
		d.pos += end + 1
		previous = term
		ix.terms = append(ix.terms, string(utf16.Decode(term)))
		df := p.next()
		ix.df = append(ix.df, df)
		ix.postings = append(ix.postings, postingsRef{data: post, offset: p.pos})
		for i := 0; i < 2*df; i++ {
			p.next()
		}
		if p.err {
			return fmt.Errorf("corrupt postings for %q", ix.terms[len(ix.terms)-1])
		}
	}
	return nil
}

type varintReader struct {
	s   string
	pos int
	err bool
}

func (r *varintReader) next() int {
	v, shift := 0, 0
	for r.pos < len(r.s) {
		c := r.s[r.pos]
		r.pos++
		if i := strings.IndexByte(varintLast, c); i >= 0 {
			return v | i<<shift
		}
		i := strings.IndexByte(varintMore, c)
		if i < 0 {
			break
		}
		v |= i << shift
		shift += 5
	}
	r.err = true
	return 0
}

// Ranking. The browser computes the same numbers in the same order (see
// scoreTerm in 40-search.js); these are variables, not constants, so that
// Go does not fold constant expressions with more precision than JS has.
var (
	bm25K1         = 1.2
	bm25B          = 0.75
	titleBoost     = 3.5 // a title word, in the section that opens its page
	titleBoostRest = 0.5 // a title word, in the page's other sections
	headingBoost   = 2.0 // a word of the section's own heading
	prefixWeight   = 0.7 // a term that only starts with the last word typed
)

// maxExpansions bounds the terms a prefix stands for (the most frequent
// ones), so that typing one letter stays fast.
const maxExpansions = 30

// Query returns the sections that hold every word of q, best first, at most
// limit of them (all if limit <= 0).
//
// A section's score is the sum over the query's words of the word's idf
// times its weight in the section: BM25 of its frequency in the text
// (k1=1.2, b=0.75), which stays below 2.2, plus headingBoost if it is in
// the section heading and titleBoost if it is in the page title
// (titleBoostRest in the page's other sections, so that a query naming a
// page lands on its top, while a title word and a word of a later section
// still find that section). The last word, unless followed by a space, also matches
// the terms it begins, at prefixWeight. Scores are rounded to 6 decimals
// and ties go to the section that comes first in the site, so that Go and
// JS, whose logarithms may differ in the last bit, rank alike.
func (ix *Index) Query(q string, limit int) []Result {
	terms := queryTerms(ix.lang, q)
	if len(terms) == 0 || len(ix.docs) == 0 {
		return nil
	}
	var scores map[int]float64
	for i, t := range terms {
		termScores := map[int]float64{}
		for _, c := range ix.candidates(t) {
			for _, p := range ix.read(c.term) {
				if scores != nil && i > 0 {
					if _, ok := scores[int(p.doc)]; !ok {
						continue
					}
				}
				s := c.weight * ix.scoreTerm(c.term, p)
				if s > termScores[int(p.doc)] {
					termScores[int(p.doc)] = s
				}
			}
		}
		if i == 0 {
			scores = termScores
			continue
		}
		for doc := range scores {
			if s, ok := termScores[doc]; ok {
				scores[doc] += s
			} else {
				delete(scores, doc)
			}
		}
	}
	results := make([]Result, 0, len(scores))
	for doc, s := range scores {
		d := ix.docs[doc]
		results = append(results, Result{
			Doc:     doc,
			URL:     ix.pages[d.page][0],
			Anchor:  d.anchor,
			Title:   ix.pages[d.page][1],
			Section: d.section,
			Score:   math.Round(s*1e6) / 1e6,
		})
	}
	sort.Slice(results, func(i, j int) bool {
		if results[i].Score != results[j].Score {
			return results[i].Score > results[j].Score
		}
		return results[i].Doc < results[j].Doc
	})
	if limit > 0 && len(results) > limit {
		results = results[:limit]
	}
	return results
}

type candidate struct {
	term   int
	weight float64
}

// candidates are the dictionary terms a query term stands for: itself, and
// for a prefix the terms it begins, most frequent first.
func (ix *Index) candidates(t queryTerm) []candidate {
	var out []candidate
	i, found := slices.BinarySearchFunc(ix.terms, t.text, compareUTF16)
	if found {
		out = append(out, candidate{term: i, weight: 1})
		i++
	}
	if !t.prefix {
		return out
	}
	var expansions []int
	for ; i < len(ix.terms) && strings.HasPrefix(ix.terms[i], t.text); i++ {
		expansions = append(expansions, i)
	}
	// Stable: among equally frequent terms, dictionary order.
	slices.SortStableFunc(expansions, func(a, b int) int { return ix.df[b] - ix.df[a] })
	if len(expansions) > maxExpansions {
		expansions = expansions[:maxExpansions]
	}
	for _, e := range expansions {
		out = append(out, candidate{term: e, weight: prefixWeight})
	}
	return out
}

func (ix *Index) read(term int) []posting {
	ref := ix.postings[term]
	r := varintReader{s: ref.data, pos: ref.offset}
	out := make([]posting, ix.df[term])
	doc := 0
	for i := range out {
		doc += r.next()
		flags := r.next()
		out[i] = posting{doc: int32(doc), tf: uint16(min(flags>>2, maxTF)), flags: uint8(flags & 3)}
	}
	return out
}

func (ix *Index) scoreTerm(term int, p posting) float64 {
	n := float64(len(ix.docs))
	df := float64(ix.df[term])
	idf := math.Log(1 + (n-df+0.5)/(df+0.5))
	// BM25 on the text, which saturates below k1+1 however often the word
	// occurs, plus fixed weights for the title and the heading, so that a
	// word in the title or the heading outweighs any number of mentions in
	// the text. The conversions stop the compiler from fusing a multiply
	// and an add into one FMA instruction (as it may on arm64), which JS
	// never does.
	lengthRatio := 1.0
	if ix.avgLen > 0 {
		lengthRatio = float64(ix.docs[p.doc].length) / ix.avgLen
	}
	tf := float64(p.tf)
	weight := float64(tf*(bm25K1+1)) / (tf + float64(bm25K1*float64(1-bm25B+float64(bm25B*lengthRatio))))
	if p.flags&inTitle != 0 {
		if ix.first[p.doc] {
			weight += titleBoost
		} else {
			weight += titleBoostRest
		}
	}
	if p.flags&inHeading != 0 {
		weight += headingBoost
	}
	return float64(idf * weight)
}
