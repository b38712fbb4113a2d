package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"
)

// Index is an index read back from the files Build wrote, the way the
// browser reads it. It exists for tests: the JS is the production ranker,
// and Query ranks exactly as it does. It reads every file at once; Needs
// says which of them the browser reads for a query.
type Index struct {
	lang   string
	docs   []docInfo
	avgLen float64
	terms  []string // sorted by compareUTF16
	df     []int
	// postings[i] is where term i's postings start: the shard's postings
	// string, at the offset just past the count.
	postings []postingsRef
	// shardFirsts is the first term of each term shard, as the meta file
	// says; docShardStart the first section of each doc shard.
	shardFirsts   []string
	docShardStart []int
	// carried are the doc shards the meta file holds (offline, the
	// openers'), which a query reads with it.
	carried map[string]bool
}

// docInfo is a section as the meta file (length, first) and its doc shard
// (the rest) describe it.
type docInfo struct {
	length          int
	first           bool // the section opens its page
	url, title      string
	lang, dir       string
	anchor, section string
	texts           []string // the start of each passage
}

type postingsRef struct {
	data   string
	offset int
}

// Result is one section found by a query.
type Result struct {
	Doc     int // the section's number in the index (see indexer.sortDocs)
	URL     string
	Anchor  string
	Title   string
	Section string
	// Text is the snippet shown under it: the start of the section's
	// passage that shows the most of the query's words (see bestPassage).
	Text string
	// Lang and Dir are set for a page in another language than the
	// index's (see Doc.Lang).
	Lang, Dir string
	Score     float64 // rounded to 6 decimals, as ranked
}

// Load reads the files of one language's index: the meta file and every
// shard it names, all of the same build.
func Load(files []File) (*Index, error) {
	byPath := map[string][]byte{}
	metaPath := ""
	for _, f := range files {
		byPath[f.Path] = f.Data
		if strings.HasSuffix(f.Path, "/meta.js") {
			metaPath = f.Path
		}
	}
	if metaPath == "" {
		return nil, fmt.Errorf("search: no meta.js among the index files")
	}
	// The calls of the doc shards the meta file carries, then its own, a
	// line each.
	calls := bytes.SplitAfter(byPath[metaPath], []byte("\n"))
	if len(calls[len(calls)-1]) == 0 {
		calls = calls[:len(calls)-1]
	}
	if len(calls) == 0 {
		return nil, fmt.Errorf("search: %s is empty", metaPath)
	}
	lang, name, id, raw, err := parseFile(calls[len(calls)-1])
	if err != nil {
		return nil, fmt.Errorf("search: %s: %w", metaPath, err)
	}
	carried := map[string]json.RawMessage{}
	for _, call := range calls[:len(calls)-1] {
		l, n, i, raw, err := parseFile(call)
		if err != nil {
			return nil, fmt.Errorf("search: %s: %w", metaPath, err)
		}
		if l != lang || i != id || !strings.HasPrefix(n, "d") {
			return nil, fmt.Errorf("search: %s carries %s %s of index %s, want doc shards of %s %s", metaPath, l, n, i, lang, id)
		}
		if _, twice := carried[n]; twice {
			return nil, fmt.Errorf("search: %s carries %s twice", metaPath, n)
		}
		carried[n] = raw
	}
	var m metaFile
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("search: %s: %w", metaPath, err)
	}
	if name != "meta" || m.Version != formatVersion {
		return nil, fmt.Errorf("search: %s: file %q of format version %d, want meta of version %d", metaPath, name, m.Version, formatVersion)
	}
	ix := Index{lang: lang, carried: map[string]bool{}}
	// read reads the shard named want, which must be of this index.
	read := func(want string, into any) error {
		if raw, ok := carried[want]; ok {
			ix.carried[want] = true
			return json.Unmarshal(raw, into)
		}
		path := filePath(lang, want)
		data, ok := byPath[path]
		if !ok {
			return fmt.Errorf("search: missing index file %s", path)
		}
		l, n, i, raw, err := parseFile(data)
		if err != nil {
			return fmt.Errorf("search: %s: %w", path, err)
		}
		if l != lang || n != want || i != id {
			return fmt.Errorf("search: %s registers itself as %s %s of index %s, want %s %s of %s", path, l, n, i, lang, want, id)
		}
		if err := json.Unmarshal(raw, into); err != nil {
			return fmt.Errorf("search: %s: %w", path, err)
		}
		return nil
	}

	if len(m.Lengths) != m.Docs {
		return nil, fmt.Errorf("search: %s: %d lengths for %d sections", metaPath, len(m.Lengths), m.Docs)
	}
	total := 0.0
	for _, v := range m.Lengths {
		if v < 0 {
			return nil, fmt.Errorf("search: %s: lengths of %d sections are corrupt", metaPath, m.Docs)
		}
		ix.docs = append(ix.docs, docInfo{length: v >> 1, first: v&1 == 1})
		total += float64(v >> 1)
	}
	if len(ix.docs) > 0 {
		ix.avgLen = total / float64(len(ix.docs))
	}
	if err := readTerms(m.TermShards, false, func(t string, _ int) { ix.shardFirsts = append(ix.shardFirsts, t) }); err != nil {
		return nil, fmt.Errorf("search: %s: first terms: %w", metaPath, err)
	}
	for i := range ix.shardFirsts {
		var s termShardFile
		if err := read(termShardName(i), &s); err != nil {
			return nil, err
		}
		before := len(ix.terms)
		if err := ix.addTerms(s.Terms, s.Postings); err != nil {
			return nil, fmt.Errorf("search: %s: %w", filePath(lang, termShardName(i)), err)
		}
		if len(ix.terms) == before || ix.terms[before] != ix.shardFirsts[i] {
			return nil, fmt.Errorf("search: %s does not start with %q, as the meta file says", filePath(lang, termShardName(i)), ix.shardFirsts[i])
		}
	}
	if !slices.IsSortedFunc(ix.terms, compareUTF16) {
		return nil, fmt.Errorf("search: the dictionary is not in UTF-16 order")
	}
	r := varintReader{s: m.DocShards}
	for shard, doc := 0, 0; r.pos < len(m.DocShards); shard++ {
		n := r.next()
		var s docShardFile
		if err := read(docShardName(shard), &s); err != nil {
			return nil, err
		}
		if len(s.Docs) != n || doc+n > len(ix.docs) {
			return nil, fmt.Errorf("search: %s has %d sections, want %d", filePath(lang, docShardName(shard)), len(s.Docs), n)
		}
		ix.docShardStart = append(ix.docShardStart, doc)
		for _, e := range s.Docs {
			if e.page < 0 || e.page >= len(s.Pages) || len(s.Pages[e.page]) < 2 {
				return nil, fmt.Errorf("search: %s: section of page %d: no such page", filePath(lang, docShardName(shard)), e.page)
			}
			d := &ix.docs[doc]
			d.url, d.title = s.Pages[e.page][0], s.Pages[e.page][1]
			if p := s.Pages[e.page]; len(p) >= 4 {
				d.lang, d.dir = p[2], p[3]
			}
			d.anchor, d.section, d.texts = e.anchor, e.section, e.texts
			doc++
		}
	}
	if r.err {
		return nil, fmt.Errorf("search: %s: doc shards are corrupt", metaPath)
	}
	if n := len(ix.docShardStart); n == 0 && len(ix.docs) > 0 || n > 0 && ix.docShardStart[n-1] >= len(ix.docs) {
		return nil, fmt.Errorf("search: the doc shards do not hold the %d sections", len(ix.docs))
	}
	if len(ix.carried) != len(carried) {
		return nil, fmt.Errorf("search: %s carries %d doc shards the index does not have", metaPath, len(carried)-len(ix.carried))
	}
	return &ix, nil
}

// parseFile reads `window.__fieldguideSearch.add(lang, name, id, data);`.
func parseFile(data []byte) (lang, name, id string, raw json.RawMessage, err error) {
	const prefix, suffix = "window.__fieldguideSearch.add(", ");\n"
	if !bytes.HasPrefix(data, []byte(prefix)) || !bytes.HasSuffix(data, []byte(suffix)) {
		return "", "", "", nil, fmt.Errorf("not an index file")
	}
	args := append(append([]byte("["), data[len(prefix):len(data)-len(suffix)]...), ']')
	var fields []json.RawMessage
	if err := json.Unmarshal(args, &fields); err != nil || len(fields) != 4 {
		return "", "", "", nil, fmt.Errorf("cannot read the 4 arguments of add(): %v", err)
	}
	for i, into := range []*string{&lang, &name, &id} {
		if err := json.Unmarshal(fields[i], into); err != nil {
			return "", "", "", nil, err
		}
	}
	return lang, name, id, fields[3], nil
}

func (e *docEntry) UnmarshalJSON(data []byte) error {
	var fields []json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	if len(fields) < 4 {
		return fmt.Errorf("section has %d fields, want 4 or more", len(fields))
	}
	for i, into := range []any{&e.page, &e.section} {
		if err := json.Unmarshal(fields[2*i], into); err != nil {
			return err
		}
	}
	if string(fields[1]) == "1" {
		e.anchor, _ = headingSlug(e.section) // written so only if it is the anchor
	} else if err := json.Unmarshal(fields[1], &e.anchor); err != nil {
		return err
	}
	e.texts = make([]string, len(fields)-3)
	for i := range e.texts {
		if err := json.Unmarshal(fields[3+i], &e.texts[i]); err != nil {
			return err
		}
	}
	return nil
}

// readTerms calls add with each term of a front-coded list and, with
// lengths, the number that follows each term (a term shard's dictionary
// gives the length of the term's postings).
func readTerms(dict string, lengths bool, add func(term string, length int)) error {
	var previous []uint16
	d := varintReader{s: dict}
	for d.pos < len(dict) {
		shared := d.next()
		end := strings.IndexByte(dict[d.pos:], ' ')
		if d.err || end < 0 || shared > len(previous) {
			return fmt.Errorf("corrupt dictionary at %d", d.pos)
		}
		term := append(previous[:shared:shared], utf16.Encode([]rune(dict[d.pos:d.pos+end]))...)
		d.pos += end + 1
		previous = term
		length := 0
		if lengths {
			if length = d.next(); d.err {
				return fmt.Errorf("corrupt dictionary at %d", d.pos)
			}
		}
		add(string(utf16.Decode(term)), length)
	}
	return nil
}

func (ix *Index) addTerms(dict, post string) error {
	p := varintReader{s: post}
	var bad string
	err := readTerms(dict, true, func(term string, length int) {
		start := p.pos
		ix.terms = append(ix.terms, term)
		df := p.next()
		ix.df = append(ix.df, df)
		ix.postings = append(ix.postings, postingsRef{data: post, offset: p.pos})
		for i := 0; i < 2*df; i++ {
			p.next()
		}
		if (p.err || p.pos-start != length) && bad == "" {
			bad = term
		}
	})
	if err != nil {
		return err
	}
	if bad != "" || p.pos != len(post) {
		return fmt.Errorf("corrupt postings for %q", bad)
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
// rank in search-engine.js); these are variables, not constants, so that
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
// and ties go to a section that opens its page before one that does not,
// then to the one that comes first in the site, so that Go and JS, whose
// logarithms may differ in the last bit, rank alike, and the online and
// offline indexes too (the offline one numbers openers first).
//
// A section is ranked on its whole text; its result shows the start of
// the passage that shows the most of the query's words (see bestPassage).
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
			URL:     d.url,
			Anchor:  d.anchor,
			Title:   d.title,
			Section: d.section,
			Lang:    d.lang,
			Dir:     d.dir,
			Score:   math.Round(s*1e6) / 1e6,
		})
	}
	sort.Slice(results, func(i, j int) bool {
		if results[i].Score != results[j].Score {
			return results[i].Score > results[j].Score
		}
		if a, b := ix.docs[results[i].Doc].first, ix.docs[results[j].Doc].first; a != b {
			return a
		}
		return results[i].Doc < results[j].Doc
	})
	if limit > 0 && len(results) > limit {
		results = results[:limit]
	}
	for i := range results {
		texts := ix.docs[results[i].Doc].texts
		results[i].Text = texts[bestPassage(ix.lang, texts, terms, ix.hasTerm)]
	}
	return results
}

// hasTerm reports whether term is a term of the dictionary.
func (ix *Index) hasTerm(term string) bool {
	_, found := slices.BinarySearchFunc(ix.terms, term, compareUTF16)
	return found
}

type candidate struct {
	term   int
	weight float64
}

// candidates are the dictionary terms a query term stands for: itself,
// for a prefix the terms it begins, most frequent first, and its
// alternatives (see queryTerm.alts). A section is scored by the best of
// them, so one that two of them find counts once.
func (ix *Index) candidates(t queryTerm) []candidate {
	var out []candidate
	for _, alt := range t.alts {
		if i, found := slices.BinarySearchFunc(ix.terms, alt, compareUTF16); found {
			out = append(out, candidate{term: i, weight: 1})
		}
	}
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

// Needs returns the files that the browser reads to answer q with at most
// limit results, by name ("meta", "t3", "d12"), sorted: the meta file, the
// term shards of the query's words, and the doc shards of the results that
// the meta file does not carry.
func (ix *Index) Needs(q string, limit int) []string {
	terms := queryTerms(ix.lang, q)
	if len(terms) == 0 {
		return nil
	}
	need := map[string]bool{"meta": true}
	for _, t := range terms {
		for _, s := range ix.termShardsOf(t) {
			need[termShardName(s)] = true
		}
	}
	for _, r := range ix.Query(q, limit) {
		shard := sort.Search(len(ix.docShardStart), func(i int) bool { return ix.docShardStart[i] > r.Doc }) - 1
		if name := docShardName(shard); !ix.carried[name] {
			need[name] = true
		}
	}
	return slices.Sorted(maps.Keys(need))
}

// termShardsOf returns the term shards that may hold t: the last one whose
// first term is not greater than t and, if t is a prefix, the ones after it
// whose first term t begins (the terms t begins are contiguous in the
// dictionary, from t on); and the shard of each of its alternatives.
func (ix *Index) termShardsOf(t queryTerm) []int {
	shardOf := func(term string) int {
		return sort.Search(len(ix.shardFirsts), func(i int) bool { return compareUTF16(ix.shardFirsts[i], term) > 0 })
	}
	i := shardOf(t.text)
	var out []int
	if i > 0 {
		out = append(out, i-1)
	}
	for ; t.prefix && i < len(ix.shardFirsts) && strings.HasPrefix(ix.shardFirsts[i], t.text); i++ {
		out = append(out, i)
	}
	for _, alt := range t.alts {
		if i := shardOf(alt); i > 0 && !slices.Contains(out, i-1) {
			out = append(out, i-1)
		}
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
		if ix.docs[p.doc].first {
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
