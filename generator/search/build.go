package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Doc is one section of a page: the text between two headings.
type Doc struct {
	URL     string // page URL relative to the site root, no leading slash: "fr/module/lesson/" (or "fr/module/lesson/index.html" in offline builds)
	Anchor  string // heading id without '#', "" for the text before the first heading
	Title   string // page title
	Section string // section heading text, "" for the first section
	Text    string // plain text of the section
	// Lang and Dir are the language and direction of the page's text when
	// it is not the index's: a page not yet translated, shown in the
	// default language. Results from it are marked so ("" otherwise).
	Lang, Dir string
}

// File is one file of the index, for package output to write.
type File struct {
	Path string // relative to the site root, e.g. "search/fr/meta.js"
	Data []byte
}

// textLimit is how many columns of each passage of a section's text are
// kept for the snippet under a result (see shorten and passageStarts).
// The text is the larger part of the index (four fifths at 360 columns); a
// section is found by all its words, but shown by the start of a passage,
// and the box shows 160 columns of it. (It was 200 before sections had
// passages: the passages' text took the place of the 20 columns.)
const textLimit = 180

// Build returns the index files of one language: search/<lang>/meta.js,
// t0.js, t1.js, ... and d0.js, d1.js, ... (see shards.go). Deterministic:
// the same docs in the same order give the same bytes. The order of docs
// is the order of the site, and breaks ties in ranking (after the sections
// that open their pages: see Index.Query).
func Build(lang string, docs []Doc) ([]File, error) {
	return BuildWith(lang, docs, Options{})
}

// BuildWith is Build with options.
func BuildWith(lang string, docs []Doc, opts Options) ([]File, error) {
	ix := NewIndexer(lang, opts) // Add checks the docs, Files reports what it found
	ix.Add("", docs)
	return ix.Files()
}

// An Indexer builds the index of one language from pages that arrive in
// any order, from any goroutine, as a parallel build renders them. Each
// page's text is tokenized as it arrives and can then be dropped: the
// indexer keeps only the postings and the snippets.
type Indexer struct {
	lang string
	mu   sync.Mutex
	ix   *indexer // nil once Files has run
	errs []error
}

// Options say how the index files are cut.
type Options struct {
	// Offline lays the index out for a copy opened from disk: the
	// sections that open their pages, which hold the title boost and so
	// most results, are numbered first and go in a few large doc shards,
	// which the meta file carries, rather than many small ones. From
	// file:// a file costs Chromium
	// about the same whatever its size (a 150 KB script loaded as fast as
	// an 8 KB one, and 18 small ones took three times as long as 4
	// large), while over a network the bytes count: the online index
	// keeps the sections in site order, a page's together, in small
	// shards. Both rank alike.
	Offline bool
}

// NewIndexer returns an empty index of lang.
func NewIndexer(lang string, opts Options) *Indexer {
	ix := newIndexer(lang)
	ix.offline = opts.Offline
	return &Indexer{lang: lang, ix: ix}
}

// Add indexes the sections of one page. Files puts pages in the order of
// their key (a page's URL, say), and pages of equal keys in the order they
// were added; the sections of a page stay in the order given.
func (x *Indexer) Add(key string, docs []Doc) {
	// Tokenize outside the lock: it is most of the work. It is done
	// before the input is checked, since it finds most texts valid UTF-8
	// on the way (see tokenized.textValid).
	t := make([]tokenized, len(docs))
	for i, d := range docs {
		t[i] = tokenizeDoc(x.lang, d)
	}
	if err := checkInput(x.lang, docs, t); err != nil {
		for i := range t {
			releaseTerms(t[i].text)
			releaseTerms(t[i].heading)
		}
		x.mu.Lock()
		x.errs = append(x.errs, err)
		x.mu.Unlock()
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ix == nil {
		x.errs = append(x.errs, errors.New("search: page added after Files"))
		return
	}
	for i, d := range docs {
		x.ix.add(key, d, &t[i])
		releaseTerms(t[i].text)
		releaseTerms(t[i].heading)
	}
}

// Files returns the index files, or the errors of the docs added. The
// indexer then lets go of its data: Files is called once, at the end.
func (x *Indexer) Files() ([]File, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.errs) > 0 {
		return nil, errors.Join(x.errs...)
	}
	if x.ix == nil {
		return nil, errors.New("search: Files called twice")
	}
	x.ix.sortDocs()
	files := x.ix.files()
	x.ix = nil
	return files, nil
}

// checkInput reports what is wrong with docs, the sections of a page of
// lang, and t, their tokenized texts, say which texts are known to be
// valid UTF-8 already.
func checkInput(lang string, docs []Doc, t []tokenized) error {
	var errs []error
	if lang == "" || strings.Trim(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != "" {
		errs = append(errs, fmt.Errorf("search: language %q is not a language tag: the index goes in search/%s/", lang, lang))
	}
	for i, d := range docs {
		switch {
		case strings.HasPrefix(d.URL, "/"):
			errs = append(errs, fmt.Errorf("search: section %d (%q): URL must be relative to the site root, without a leading slash, so that offline copies work", i, d.URL))
		case strings.Contains(d.URL, "#"):
			errs = append(errs, fmt.Errorf("search: section %d (%q): URL has a fragment; put the heading id in Anchor", i, d.URL))
		}
		if d.Lang != "" && strings.Trim(d.Lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" ||
			d.Dir != "" && d.Dir != "ltr" && d.Dir != "rtl" || (d.Lang == "") != (d.Dir == "") {
			errs = append(errs, fmt.Errorf("search: section %d (%q): language %q and direction %q: want a language tag and ltr or rtl, or neither", i, d.URL, d.Lang, d.Dir))
		}
		text := d.Text
		if t[i].textValid {
			text = "" // checking it again took 3% of indexing's instructions
		}
		for _, s := range []string{d.URL, d.Anchor, d.Title, d.Section, text} {
			if !utf8.ValidString(s) {
				errs = append(errs, fmt.Errorf("search: section %d (%q): text is not valid UTF-8", i, d.URL))
				break
			}
		}
	}
	return errors.Join(errs...)
}

// posting says that a term occurs in a section. It takes 8 bytes: a
// large course has millions.
type posting struct {
	doc   int32
	tf    uint16 // occurrences in the text, up to maxTF
	flags uint8  // inTitle | inHeading
}

// maxTF caps a term's count in one section: BM25 has long stopped telling
// counts apart there, and the cap keeps a posting small.
const maxTF = 1<<16 - 1

const (
	inHeading = 1 // the term is in the section heading
	inTitle   = 2 // the term is in the page title
)

// pageRow is a page of the index: its sections are docRows.
type pageRow struct {
	url, title string
	lang, dir  string // see Doc.Lang
}

type docRow struct {
	page    int
	anchor  string
	section string
	texts   []string // the start of each passage, shortened, for the snippet (see passageStarts)
	length  int      // number of terms in the full text, for BM25's length normalization
	key     string   // the order key of its page (see Indexer.Add)
}

type indexer struct {
	lang   string
	pages  []pageRow
	pageOf map[string]int
	docs   []docRow
	// Terms are interned: termIDs gives each its number (see termID),
	// terms, streams and open are indexed by it.
	termIDs termTable
	terms   []string
	// A term's postings are kept as a stream of varints, (doc gap,
	// tf<<2|flags) each, a quarter of their size as structs: a large
	// language has millions. The posting of the doc being added stays
	// open until the term shows up in a later doc (or postings is called).
	streams [][]byte
	open    []openPosting
	// newID renumbers the docs once sortDocs has put them in the index's
	// order (nil until then, and if arrival order is that order).
	newID         []int32
	keys, scratch []uint64 // postings's scratch for sorting
	// titleTerms caches each page's tokenized title.
	titleTerms map[int][]int32
	sorted     bool // docs are in key order
	// openers is how many docs open their pages, which sortDocs puts
	// first in an offline index (0 online).
	openers int
	offline bool // see Options.Offline
}

func newIndexer(lang string) *indexer {
	return &indexer{lang: lang, pageOf: map[string]int{}, titleTerms: map[int][]int32{}, sorted: true}
}

// tokenized is a section's text and heading, tokenized and cleaned.
type tokenized struct {
	text, heading []string
	textValid     bool // tokenize found the text valid UTF-8 (false: not known)
	snippets      []string
	section       string
}

// termsPool holds the slices of terms that Add hands from tokenizing,
// outside its lock, to indexing, inside it.
var termsPool = sync.Pool{New: func() any { return new([]string) }}

func pooledTerms() []string { return (*termsPool.Get().(*[]string))[:0] }

func releaseTerms(terms []string) {
	clear(terms) // no text kept alive from the pool
	terms = terms[:0]
	termsPool.Put(&terms)
}

func tokenizeDoc(lang string, d Doc) tokenized {
	text, valid := tokenize(pooledTerms(), lang, d.Text)
	return tokenized{
		text:      text,
		textValid: valid,
		heading:   appendTokens(pooledTerms(), lang, d.Section),
		snippets:  passageSnippets(d.Text, textLimit),
		section:   clean(d.Section),
	}
}

// openPosting is a term's last posting, still counting, and the doc of the
// one before it (for the gap).
type openPosting struct {
	posting
	previous int32
}

// intern returns the number of term, a string the caller may not keep.
func (ix *indexer) intern(term string) int32 {
	hash := termHash(term)
	if ix.termIDs.n > 0 {
		if id, _ := ix.termIDs.find(ix.terms, term, hash); id >= 0 {
			return id
		}
	}
	id := int32(len(ix.terms))
	ix.terms = append(ix.terms, strings.Clone(term)) // it may point into a whole section's text
	ix.termIDs.insert(ix.terms, id, hash)
	ix.streams = append(ix.streams, nil)
	ix.open = append(ix.open, openPosting{posting: posting{doc: -1}})
	return id
}

// termID returns the number of term, if the index has it.
func (ix *indexer) termID(term string) (int32, bool) {
	id := ix.termIDs.lookup(ix.terms, term)
	return id, id >= 0
}

// at returns the posting of term in doc, adding it if it is the term's
// first occurrence there. A doc's terms are all added before the next
// doc's, so the posting is the term's open one if anywhere.
func (ix *indexer) at(term int32, doc int32) *posting {
	o := &ix.open[term]
	if o.doc != doc {
		ix.reopen(term, doc)
	}
	return &o.posting
}

// reopen closes term's open posting and opens one in doc: at's less
// common case.
func (ix *indexer) reopen(term int32, doc int32) {
	ix.close(term)
	ix.open[term].doc = doc
}

// close moves a term's open posting into its stream.
func (ix *indexer) close(term int32) {
	o := &ix.open[term]
	if o.doc < 0 {
		return
	}
	gap, v := uint64(o.doc-o.previous), uint64(o.tf)<<2|uint64(o.flags)
	stream := &ix.streams[term] // indexed once, not for each read and write
	if gap < 0x80 && v < 0x80 {
		// One byte each, as most are: binary.AppendUvarint's loop is not inlined.
		*stream = append(*stream, byte(gap), byte(v))
	} else {
		*stream = binary.AppendUvarint(binary.AppendUvarint(*stream, gap), v)
	}
	*o = openPosting{posting: posting{doc: -1}, previous: o.doc}
}

// postings returns term's postings, in doc order (after sortDocs).
func (ix *indexer) postings(term int32) []posting { return ix.postingsInto(nil, term) }

// postingsInto is postings, in dst's array if it is large enough:
// termShards reads every term's postings, and a new slice for each was a
// fifth of what Files allocated.
func (ix *indexer) postingsInto(dst []posting, term int32) []posting {
	ix.close(term)
	s := ix.streams[term]
	if ix.newID == nil {
		out := slices.Grow(dst[:0], len(s)/2) // a posting takes two bytes or more
		doc := int32(0)
		for i := 0; i < len(s); {
			var gap, v uint64
			if i+1 < len(s) && (s[i]|s[i+1])&0x80 == 0 {
				gap, v, i = uint64(s[i]), uint64(s[i+1]), i+2 // as in the loop below
			} else {
				gap, v, i = nextPosting(s, i)
			}
			doc += int32(gap)
			out = append(out, posting{doc: doc, tf: uint16(v >> 2), flags: uint8(v & 3)})
		}
		return out
	}
	// Renumbered and sorted as packed integers: a term's docs are
	// distinct, so the doc in the high bits decides the order. SortFunc
	// with a comparison function was 5% of a build's CPU.
	keys := ix.keys[:0]
	doc, sorted := int32(0), true
	for i := 0; i < len(s); {
		var gap, v uint64
		if i+1 < len(s) && (s[i]|s[i+1])&0x80 == 0 {
			// Two one-byte numbers, as most postings are, read here:
			// decoding each number with a slice of the rest of the stream
			// took 100 instructions a posting, and Files reads millions.
			gap, v, i = uint64(s[i]), uint64(s[i+1]), i+2
		} else {
			gap, v, i = nextPosting(s, i)
		}
		doc += int32(gap)
		k := uint64(ix.newID[doc])<<32 | v>>2<<8 | v&3
		sorted = sorted && (len(keys) == 0 || keys[len(keys)-1] < k)
		keys = append(keys, k)
	}
	if !sorted {
		ix.scratch = sortDocKeys(keys, ix.scratch, len(ix.docs))
	}
	out := slices.Grow(dst[:0], len(keys))[:len(keys)]
	for i, k := range keys {
		out[i] = posting{doc: int32(k >> 32), tf: uint16(k >> 8), flags: uint8(k)}
	}
	ix.keys = keys
	return out
}

// nextPosting reads the posting at s[i:], a stream of close's, and
// returns its doc gap and tf<<2|flags, and where the next one begins.
// The loops that read streams take a posting of two one-byte numbers, as
// most are, themselves (see postingsInto).
func nextPosting(s []byte, i int) (gap, v uint64, next int) {
	gap, n := binary.Uvarint(s[i:])
	v, m := binary.Uvarint(s[i+n:])
	return gap, v, i + n + m
}

// sortDocKeys sorts keys, a term's postings packed with the doc, below
// docs, in the high 32 bits, and returns scratch, grown if need be. A long
// list is sorted by radix, a byte of the doc at a time (two rounds for
// up to 65,536 sections): pdqsort took n log n comparisons for each,
// most of the cost of sorting on a large course, whose pages come in a
// few interleaved runs that it does not take as sorted. The order is
// the same as slices.Sort's: the docs, and so the keys, are distinct.
func sortDocKeys(keys, scratch []uint64, docs int) []uint64 {
	if len(keys) < 256 {
		slices.Sort(keys)
		return scratch
	}
	scratch = slices.Grow(scratch[:0], len(keys))[:len(keys)]
	from, to := keys, scratch
	rounds := 0
	for shift := 32; docs-1 >= 1<<(shift-32); shift += 8 {
		var count [256]int
		for _, k := range from {
			count[k>>shift&0xFF]++
		}
		start := 0
		for i, n := range count {
			count[i] = start
			start += n
		}
		for _, k := range from {
			b := k >> shift & 0xFF
			to[count[b]] = k
			count[b]++
		}
		from, to = to, from
		rounds++
	}
	if rounds%2 == 1 {
		copy(keys, from)
	}
	return scratch
}

func (ix *indexer) add(key string, d Doc, t *tokenized) {
	page, ok := ix.pageOf[d.URL]
	if !ok {
		page = len(ix.pages)
		ix.pageOf[d.URL] = page
		ix.pages = append(ix.pages, pageRow{url: d.URL, title: clean(d.Title), lang: d.Lang, dir: d.Dir})
	}
	id := int32(len(ix.docs))
	if n := len(ix.docs); n > 0 && ix.docs[n-1].key > key {
		ix.sorted = false
	}
	ix.docs = append(ix.docs, docRow{
		page:    page,
		anchor:  d.Anchor,
		section: t.section,
		texts:   t.snippets,
		length:  len(t.text),
		key:     key,
	})

	// A section carries its page's title, so a query that names the page
	// and a word of the section finds the section.
	titleTerms, ok := ix.titleTerms[page]
	if !ok {
		// Every section of a page carries the page's title: tokenize it once.
		for _, term := range Tokenize(ix.lang, ix.pages[page].title) {
			titleTerms = append(titleTerms, ix.intern(term))
		}
		ix.titleTerms[page] = titleTerms
	}
	for _, term := range titleTerms {
		ix.at(term, id).flags |= inTitle
	}
	for _, term := range t.heading {
		ix.at(ix.intern(term), id).flags |= inHeading
	}
	for _, term := range t.text {
		// ix.at, written out: the compiler does not inline it, and this
		// loop runs for every word of the course.
		number := ix.intern(term)
		o := &ix.open[number]
		if o.doc != id {
			ix.reopen(number, id)
		}
		if o.tf < maxTF {
			o.tf++
		}
	}
}

// sortDocs numbers the docs as the index does: in the order of their
// pages' keys (stable; a page's sections in the order given), and offline
// with the section that opens each page first, then the others. It
// renumbers the pages in the order they now first appear, and the postings
// with the docs (as postings reads them).
//
// Offline, openers come first because the title boost makes them most
// results of most queries: together, a query's results sit in fewer doc
// shards.
func (ix *indexer) sortDocs() {
	if ix.sorted && !ix.offline {
		return
	}
	order := make([]int32, len(ix.docs)) // new position → old id
	for i := range order {
		order[i] = int32(i)
	}
	if !ix.sorted {
		slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(ix.docs[a].key, ix.docs[b].key) })
	}
	if ix.offline {
		opens := make([]bool, len(ix.pages)) // by old page number: its opener is placed
		rest := make([]int32, 0, len(order))
		n := 0
		for _, old := range order {
			if p := ix.docs[old].page; !opens[p] {
				opens[p] = true
				order[n] = old
				n++
			} else {
				rest = append(rest, old)
			}
		}
		copy(order[n:], rest)
		ix.openers = n
	}

	identity := true
	newID := make([]int32, len(ix.docs))
	for pos, old := range order {
		newID[old] = int32(pos)
		identity = identity && int(old) == pos
	}
	pageID := make([]int, len(ix.pages))
	for i := range pageID {
		pageID[i] = -1
	}
	var pages []pageRow
	docs := make([]docRow, len(ix.docs))
	for pos, old := range order {
		d := ix.docs[old]
		if pageID[d.page] < 0 {
			pageID[d.page] = len(pages)
			pages = append(pages, ix.pages[d.page])
		}
		d.page = pageID[d.page]
		docs[pos] = d
	}
	if !identity {
		ix.newID = newID // postings renumbers as it reads
	}
	for u, p := range ix.pageOf {
		ix.pageOf[u] = pageID[p]
	}
	titleTerms := make(map[int][]int32, len(ix.titleTerms))
	for p, t := range ix.titleTerms {
		titleTerms[pageID[p]] = t
	}
	ix.pages, ix.docs, ix.titleTerms, ix.sorted = pages, docs, titleTerms, true
}

// snippetText is shorten(clean(text), limit) without cleaning all of a
// section. Text whose characters NFC leaves as they are (most text) is
// cleaned and cut in one pass, which stops at the character that would
// not fit; other text goes to snippetPrefix.
func snippetText(text string, limit int) string {
	var buf [4*textLimit + 8]byte // limit columns of Latin, Arabic or CJK text: the string is the one allocation
	return string(appendSnippet(buf[:0], text, limit))
}

// appendSnippet appends snippetText(text, limit) to dst, which may hold
// other snippets before it: a section's passages share one buffer.
func appendSnippet(dst []byte, text string, limit int) []byte {
	base := len(dst)
	columns, space := 0, false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && isASCIISpace(c) {
			space = len(dst) > base
			i++
			continue
		}
		if '!' <= c && c <= '~' {
			// A run of printable ASCII, copied at once: since sections
			// have passages, a long one makes several snippets.
			end := i + 1
			for end < len(text) && '!' <= text[end] && text[end] <= '~' {
				end++
			}
			if space {
				if columns+1 > limit {
					return cutSnippet(dst, base)
				}
				dst = append(dst, ' ')
				columns++
				space = false
			}
			n := min(end-i, limit-columns)
			if n <= 0 && len(dst) == base {
				return append(dst, snippetPrefix(text, limit)...)
			}
			dst = append(dst, text[i:i+n]...)
			if columns += n; n < end-i {
				return cutSnippet(dst, base)
			}
			i = end
			continue
		}
		if c >= 0xD8 {
			if end, cols := letterRun(text, i, limit-columns-btoi(space)); end > i {
				// Arabic letters or CJK ideographs, copied at once likewise.
				if space {
					dst = append(dst, ' ')
					columns++
					space = false
				}
				dst = append(dst, text[i:end]...)
				columns += cols
				i = end
				continue
			}
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			if r, size = utf8.DecodeRuneInString(text[i:]); r == utf8.RuneError || !nfcInert(r) {
				return append(dst[:base], snippetPrefix(text, limit)...) // NFC could change this character or the one before
			}
		}
		i += size
		if r < utf8.RuneSelf && isASCIISpace(byte(r)) || r >= utf8.RuneSelf && isSpace(r) {
			space = len(dst) > base
			continue
		}
		w := 1
		if r >= utf8.RuneSelf && isWide(r) {
			w = 2
		}
		if space {
			if columns+1 > limit {
				return cutSnippet(dst, base)
			}
			dst = append(dst, ' ')
			columns++
			space = false
		}
		if columns+w > limit {
			if len(dst) == base {
				return append(dst, snippetPrefix(text, limit)...) // shorten keeps a first character that does not fit, and all after it
			}
			return cutSnippet(dst, base)
		}
		dst = append(dst, text[i-size:i]...) // r, as written
		columns += w
	}
	return dst
}

// isSpace is unicode.IsSpace for r >= utf8.RuneSelf, without looking up
// a table for most letters: the only white space below U+1680 is U+0085
// and U+00A0, and none is above U+3000. Every snippet's letters are
// asked, and a table lookup per CJK character was a fifth of the cost
// of a Chinese section's snippets.
func isSpace(r rune) bool {
	if r < 0x1680 {
		return r == 0x85 || r == 0xA0
	}
	return r <= 0x3000 && unicode.IsSpace(r)
}

// letterRun returns where the run of Arabic letters (U+0621 to U+064A,
// a column each) and CJK ideographs (U+4E00 to U+9FFF, two) that begins
// at text[i] ends, at most limit columns long, and its columns: letters
// that are neither space nor marks, and that NFC leaves alone, so that a
// snippet copies them as they are, without decoding and checking each
// (which took Arabic and Chinese snippets three times as long as
// English ones).
func letterRun(text string, i, limit int) (end, columns int) {
	for end = i; end+1 < len(text); {
		c0, c1 := text[end], text[end+1]
		switch {
		case (c0 == 0xD8 && 0xA1 <= c1 && c1 <= 0xBF || c0 == 0xD9 && 0x80 <= c1 && c1 <= 0x8A) && columns+1 <= limit:
			end, columns = end+2, columns+1
		case (0xE5 <= c0 && c0 <= 0xE9 || c0 == 0xE4 && c1 >= 0xB8) && 0x80 <= c1 && c1 <= 0xBF &&
			end+2 < len(text) && 0x80 <= text[end+2] && text[end+2] <= 0xBF && columns+2 <= limit:
			end, columns = end+3, columns+2
		default:
			return end, columns
		}
	}
	return end, columns
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cutSnippet ends the snippet that begins at dst[base:], which goes on
// past it, as shorten does: at a space in its last quarter if there is
// one, with an ellipsis.
func cutSnippet(dst []byte, base int) []byte {
	s := dst[base:]
	if space := bytes.LastIndexByte(s, ' '); space > len(s)*3/4 {
		dst = dst[:base+space]
	}
	return append(dst, "…"...)
}

// snippetPrefix is shorten(clean(text), limit) without cleaning all of a
// section: it cleans a prefix, collapsing white space as clean does and
// counting columns as it goes, and stops once it holds more than limit
// columns (doubling the prefix until it does, up to the whole text), which
// gives the same result. Cleaning every section whole with strings.Fields
// was 5% of a build's CPU.
func snippetPrefix(text string, limit int) string {
	// limit columns are at most 4*limit bytes (a wide character is 3 bytes
	// for 2 columns; a letter with its accents, more): start just above
	// that, since cleaning only shrinks what it keeps.
	for n := 5 * limit; ; n *= 2 {
		n = min(n, len(text))
		for n < len(text) && !utf8.RuneStart(text[n]) {
			n++
		}
		var b strings.Builder
		b.Grow(n)
		columns, space := 0, false
		for _, r := range toNFC(text[:n]) {
			if unicode.IsSpace(r) {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				columns++
				space = false
			}
			b.WriteRune(r)
			if columns++; isWide(r) {
				columns++
			}
			if columns > limit+8 {
				return shorten(b.String(), limit)
			}
		}
		if n == len(text) {
			return shorten(b.String(), limit) // all of it: b is clean(text)
		}
	}
}

// clean puts text in NFC, as the browser's highlighter expects, and
// collapses runs of white space (the text of paragraphs and list items is
// separated by newlines) into one space.
func clean(s string) string {
	return strings.Join(strings.Fields(toNFC(s)), " ")
}

// shorten cuts s to about limit columns, at a space if one is near, and
// marks the cut with an ellipsis. A Chinese, Japanese or Korean character
// takes two columns, as on screen, and says as much as a short word.
func shorten(s string, limit int) string {
	cut, width := 0, 0
	for i, r := range s {
		w := 1
		if isWide(r) {
			w = 2
		}
		if width+w > limit {
			cut = i
			break
		}
		width += w
	}
	if cut == 0 {
		return s
	}
	if space := strings.LastIndexByte(s[:cut], ' '); space > cut*3/4 {
		cut = space
	}
	return s[:cut] + "…"
}

func isWide(r rune) bool {
	if 0x4E00 <= r && r <= 0x9FFF {
		return true // the CJK Unified Ideographs, all Han, without isCJK's tables
	}
	return isCJK(r) || (0x3000 <= r && r <= 0x303F) || (0xFF00 <= r && r <= 0xFF60) || (0xFFE0 <= r && r <= 0xFFE6)
}

// marshal is json.Marshal without HTML escaping: the files are scripts,
// never inlined in HTML, and \u003c would only make them larger.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// The dictionary and the postings are strings of variable-length numbers
// written with 64 characters that need no escaping in a JS string: each
// character holds 5 bits, least significant first, and the characters of
// the second half of the alphabet say that more follow.
const (
	varintLast = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
	varintMore = "ghijklmnopqrstuvwxyz0123456789-_"
)

func writeVarint(b *strings.Builder, v int) {
	for v >= 32 {
		b.WriteByte(varintMore[v&31])
		v >>= 5
	}
	b.WriteByte(varintLast[v])
}

// writeTerm writes a dictionary entry: how many UTF-16 units it shares with
// the term before it, the rest of the term, and a space (terms never hold
// one). Lengths are UTF-16 units because JS strings are.
func writeTerm(b *strings.Builder, previous, term string) {
	shared := commonPrefixUTF16(previous, term)
	writeVarint(b, shared)
	b.WriteString(string(utf16.Decode(utf16.Encode([]rune(term))[shared:])))
	b.WriteByte(' ')
}

// commonPrefixUTF16 is the length in UTF-16 units of the longest common
// prefix of a and b that does not end inside a surrogate pair.
func commonPrefixUTF16(a, b string) int {
	n := 0
	for {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if sa == 0 || sb == 0 || ra != rb {
			return n
		}
		n += utf16.RuneLen(ra)
		a, b = a[sa:], b[sb:]
	}
}

// appendVarint is writeVarint for a byte slice.
func appendVarint(dst []byte, v int) []byte {
	for v >= 32 {
		dst = append(dst, varintMore[v&31])
		v >>= 5
	}
	return append(dst, varintLast[v])
}

// appendPostings appends the number of sections that hold the term, then
// for each section the gap from the previous one and (tf<<2 | title<<1 |
// heading). (To a byte slice, which the caller writes at once: a
// strings.Builder's WriteByte for each character took twice as long.)
func appendPostings(dst []byte, postings []posting) []byte {
	dst = appendVarint(dst, len(postings))
	previous := 0
	for _, p := range postings {
		dst = appendVarint(dst, int(p.doc)-previous)
		previous = int(p.doc)
		dst = appendVarint(dst, int(p.tf)<<2|int(p.flags))
	}
	return dst
}

// compareUTF16 orders strings as JS compares them, by UTF-16 code units,
// so that the browser can binary-search the dictionary with < and >.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ka, kb := utf16Key(ra), utf16Key(rb)
			if ka < kb {
				return -1
			}
			return 1
		}
		a, b = a[sa:], b[sb:]
	}
	return len(a) - len(b)
}

func utf16Key(r rune) uint32 {
	if r >= 0x10000 {
		hi, lo := utf16.EncodeRune(r)
		return uint32(hi)<<16 | uint32(lo)
	}
	return uint32(r) << 16
}
