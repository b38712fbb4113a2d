package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// The index of a language is split so that a query loads only what it
// needs (see the package comment, # Index files): a small meta file that
// every query reads, term shards that each hold the dictionary and postings
// of a range of terms, and doc shards that each hold what is shown of a
// range of sections. Measured in Chromium from file:// on gencorpus.py's
// 4,000-page course, loading every file of a language (6 MB in 256 KB
// files) before the first answer took 300–600 ms; a query now reads the
// meta file, one or two term shards and the doc shards of the results it
// shows.
const (
	// formatVersion changes with any change to the files' layout, so that
	// an engine from another build does not misread the index.
	formatVersion = 4
	// termShardBytes is about how much dictionary and postings go in one
	// term shard. A query reads the shard of each word, and for the last
	// word, a prefix, every shard its completions reach: smaller shards
	// waste fewer bytes per word, larger ones fewer files per prefix. A
	// term's postings are never split, so a frequent term may make its
	// shard larger.
	termShardBytes = 32 << 10
	// docShardBytes is about how much of the sections' display text (page
	// title and URL, anchor, heading, snippet) goes in one doc shard. The
	// results of a query are spread over the whole site, so showing 20 of
	// them reads nearly 20 doc shards unless a shard holds a large part of
	// the site: small shards keep the bytes read small (readers on a phone
	// over a slow link), and the search box shows the first 5 results as
	// soon as their shards have come.
	docShardBytes = 8 << 10
	// openerShardBytesOffline is docShardBytes for the sections that open
	// their pages, in an offline index (Options.Offline): from disk a file
	// costs about the same up to hundreds of KB, and a query's results
	// are mostly openers, so a few large shards, which the meta file
	// carries, hold most first screens. On gencorpus.py's 4,000-page
	// course a language has 4 of them.
	openerShardBytesOffline = 128 << 10
)

// metaCarryBytes bounds what the offline meta file carries (the openers'
// shards, in order), which the browser parses on the main thread when the
// search box gets the focus: a course four times the size of gencorpus.py's
// would otherwise make it 2 MB. The openers' shards beyond it are files of
// their own, still large. (A variable for the tests.)
var metaCarryBytes = 1 << 20

// metaFile is search/<lang>/meta.js: what every query needs before it can
// look up a word.
type metaFile struct {
	Version int `json:"v"`
	// Docs is the number of sections, for BM25's idf.
	Docs int `json:"n"`
	// Lengths holds a number per section: its number of terms (for
	// BM25's length normalization) times two, plus one if it opens its
	// page (for the title boost). It is a JSON array, not a varint
	// string as elsewhere: the browser's parser reads it, where decoding
	// a string took a first query's JS 11 ms for 12,600 sections in
	// node's profiler (code that runs once is never compiled), for 1–2
	// bytes more each.
	Lengths []int `json:"len"`
	// TermShards is the first term of each term shard, front-coded as the
	// dictionary is: a term is in the last shard whose first term is not
	// greater than it.
	TermShards string `json:"terms"`
	// DocShards holds a varint per doc shard: how many sections it has,
	// in order.
	DocShards string `json:"docs"`
}

// termShardFile is search/<lang>/t<n>.js: a range of the dictionary, in
// UTF-16 order, each term followed by the length of its postings, and the
// postings.
type termShardFile struct {
	Terms    string `json:"terms"`
	Postings string `json:"post"`
}

// docShardFile is search/<lang>/d<n>.js: a range of the sections, with
// the pages they belong to.
type docShardFile struct {
	// Pages are [URL, title], or [URL, title, lang, dir] for a page in
	// another language than the index's (see Doc.Lang).
	Pages [][]string `json:"pages"`
	Docs  []docEntry `json:"docs"`
}

// docEntry is a section in a doc shard; it is written as a short array,
// [page, anchor, heading, text, ...], where page is the position of its
// page in the shard's pages, and the texts are the starts of its passages.
// An anchor that is its heading's slug (see headingSlug) is written as 1.
type docEntry struct {
	page            int
	anchor, section string
	texts           []string
}

// headingSlug returns the id that package markdown gives a heading (see
// markdown.Slug), for headings of ASCII, Arabic letters and CJK
// ideographs, which have no case or one case rule, so that the browser
// computes it alike (slugOf in search-engine.js); ok is false for others.
// Most anchors are their heading's slug: writing them as 1 saves about 6%
// of a language's index, room for the passages' text.
func headingSlug(heading string) (slug string, ok bool) {
	var b strings.Builder
	dash := false
	for i := 0; i < len(heading); {
		r, size := rune(heading[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(heading[i:])
		}
		i += size
		switch r, what := slugRune(r); what {
		case slugKeep:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case slugBreak:
			dash = true
		case slugOther:
			return "", false
		}
	}
	return b.String(), true
}

// What headingSlug does with a character (slugRune).
const (
	slugKeep  = iota // write it (lowered)
	slugDrop         // leave it out, as markdown.Slug drops an apostrophe
	slugBreak        // a dash before the next character kept
	slugOther        // a character whose slug headingSlug does not know
)

// slugRune says what headingSlug does with r, and gives r lowered.
func slugRune(r rune) (rune, int) {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A', slugKeep
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9', 0x621 <= r && r <= 0x64A, 0x4E00 <= r && r <= 0x9FFF:
		return r, slugKeep
	case r == '\'':
		return r, slugDrop
	case r < utf8.RuneSelf:
		return r, slugBreak
	}
	return r, slugOther
}

// isHeadingSlug reports whether anchor is the slug of heading (see
// headingSlug), and not "", comparing as it goes: building each
// section's slug to compare it took a fifth of writing the doc shards.
func isHeadingSlug(heading, anchor string) bool {
	n, dash := 0, false // anchor[:n] is the slug so far
	for i := 0; i < len(heading); {
		r, size := rune(heading[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(heading[i:])
		}
		i += size
		switch r, what := slugRune(r); what {
		case slugKeep:
			if dash && n > 0 {
				if n >= len(anchor) || anchor[n] != '-' {
					return false
				}
				n++
			}
			dash = false
			if r < utf8.RuneSelf {
				if n >= len(anchor) || anchor[n] != byte(r) {
					return false
				}
				n++
				continue
			}
			a, m := utf8.DecodeRuneInString(anchor[n:])
			if a != r {
				return false
			}
			n += m
		case slugBreak:
			dash = true
		case slugOther:
			return false
		}
	}
	return n > 0 && n == len(anchor)
}

// The shards are written by hand rather than with encoding/json: a doc
// shard holds tens of entries, and encoding/json, with a MarshalJSON per
// entry that it then checks and compacts, took 0.3 CPU-s of a 4,000-page
// build. The bytes are the same (TestShardJSONMatchesEncodingJSON).

func (t termShardFile) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"terms":`...)
	dst = appendValidJSONString(dst, t.Terms)
	dst = append(dst, `,"post":`...)
	dst = appendValidJSONString(dst, t.Postings)
	return append(dst, '}')
}

func (d docShardFile) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"pages":`...)
	if d.Pages == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, p := range d.Pages {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '[')
			for k, s := range p {
				if k > 0 {
					dst = append(dst, ',')
				}
				dst = appendValidJSONString(dst, s)
			}
			dst = append(dst, ']')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"docs":`...)
	if d.Docs == nil {
		return append(dst, "null}"...)
	}
	dst = append(dst, '[')
	for i, e := range d.Docs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = e.appendJSON(dst)
	}
	return append(dst, "]}"...)
}

func (e docEntry) appendJSON(dst []byte) []byte {
	dst = append(dst, '[')
	dst = strconv.AppendInt(dst, int64(e.page), 10)
	if isHeadingSlug(e.section, e.anchor) {
		dst = append(dst, ",1"...)
	} else {
		dst = append(dst, ',')
		dst = appendValidJSONString(dst, e.anchor)
	}
	dst = append(dst, ',')
	dst = appendValidJSONString(dst, e.section)
	for _, s := range e.texts {
		dst = append(dst, ',')
		dst = appendValidJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendJSONString appends s as encoding/json writes it with SetEscapeHTML
// (false): quotes, backslashes and control characters escaped, U+2028 and
// U+2029 too (JavaScript before ES2019 ends a line there), invalid UTF-8 as
// U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return appendJSONStringInvalid(dst, s)
	}
	return appendValidJSONString(dst, s)
}

// appendValidJSONString is appendJSONString for s in valid UTF-8, as
// every string of the index is: Add checks the docs' text, and what the
// index keeps of it is cut at characters. The shards are written with it:
// checking every string again took half of the cost of writing the doc
// shards. The bytes of characters but U+2028 and U+2029 are copied as
// they come, 8 at a time where none needs a look (see plainJSON).
func appendValidJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plainJSON(binary.LittleEndian.Uint64([]byte(s[i:i+8]))) {
			i += 8
			continue
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xE2 {
			i++
			continue
		}
		if c == 0xE2 {
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9; other
			// characters that begin with E2 are plain.
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', '8'+s[i+2]-0xA8)
				start = i + 3
				i += 3
				continue
			}
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = appendJSONEscape(dst, c)
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainJSON reports whether none of the 8 bytes of w, part of valid
// UTF-8, needs a look from appendValidJSONString: none is a control
// character, " or \, or E2, which begins U+2028 and U+2029. Each test
// finds whether any byte is so, without telling which (see lowerWord): a
// byte below 0x20 sets its high bit, which it did not have, when 0x20 is
// subtracted, and a byte equal to ", \ or E2 is zero once xored with it,
// which sets that bit when 1 is subtracted.
func plainJSON(w uint64) bool {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	quote, backslash, e2 := w^('"'*ones), w^('\\'*ones), w^(0xE2*ones)
	look := (w-0x20*ones)&^w | (quote-ones)&^quote | (backslash-ones)&^backslash | (e2-ones)&^e2
	return look&high == 0
}

// appendJSONEscape appends the escape of an ASCII byte that JSON escapes:
// a quote, a backslash or a control character.
func appendJSONEscape(dst []byte, c byte) []byte {
	const hex = "0123456789abcdef"
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
}

// appendJSONStringInvalid is appendJSONString for a string that is not
// valid UTF-8, decoding each character to find the bytes that are not.
func appendJSONStringInvalid(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendJSONEscape(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', "0123456789abcdef"[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func (ix *indexer) files() []File {
	// Each file's data is encoded after room for the call that wraps it
	// (see appendCall), written in once the index's id is known: copying
	// every file's data behind its call took a tenth of Files.
	lang, _ := marshal(ix.lang)
	withRoom := func(name string, size int) []byte {
		room := callLen(lang, name)
		return make([]byte, room, room+size+len(callEnd))
	}
	// The doc shards and the term shards read separate parts of the
	// index: they are cut and encoded at once, on two cores. The last
	// language's index is built after every page is done, while the
	// other workers wait, so both cores share the larger part, encoding
	// the doc shards, and this goroutine hashes each shard once it is
	// encoded, as encoding the others goes on (hashing them all at the
	// end was a sixth of Files, on one core).
	var (
		docShards    []docShardFile
		docData      [][]byte
		counts       []int
		openerShards int
		claimed      atomic.Int64  // doc shards claimed to encode
		encoded      []atomic.Bool // by doc shard
		cut          = make(chan struct{})
		helper       sync.WaitGroup // the goroutine that cuts the doc shards
	)
	// encodeDoc claims the next doc shard not claimed and encodes it, or
	// reports that none is left.
	encodeDoc := func() bool {
		i := int(claimed.Add(1) - 1)
		if i >= len(docShards) {
			return false
		}
		docData[i] = docShards[i].appendJSON(withRoom(docShardName(i), docShardBytes+docShardBytes/4))
		encoded[i].Store(true)
		return true
	}
	helper.Go(func() {
		docShards, counts, openerShards = ix.docShards()
		docData, encoded = make([][]byte, len(docShards)), make([]atomic.Bool, len(docShards))
		close(cut)
		for encodeDoc() {
		}
	})
	termShards, firsts := ix.termShards()
	termData := make([][]byte, len(termShards))
	for i, s := range termShards {
		termData[i] = s.appendJSON(withRoom(termShardName(i), len(s.Terms)+len(s.Postings)+32))
	}
	<-cut

	m := metaFile{Version: formatVersion, Docs: len(ix.docs)}
	m.Lengths = make([]int, len(ix.docs))
	seen := make([]bool, len(ix.pages))
	for i, d := range ix.docs {
		first := 0
		if !seen[d.page] {
			first = 1
		}
		seen[d.page] = true
		m.Lengths[i] = d.length<<1 | first
	}
	var b strings.Builder
	previous := ""
	for _, t := range firsts {
		writeTerm(&b, previous, t)
		previous = t
	}
	m.TermShards = b.String()
	b.Reset()
	for _, n := range counts {
		writeVarint(&b, n)
	}
	m.DocShards = b.String()
	meta, err := marshal(m)
	if err != nil {
		panic(err) // strings and ints only: cannot fail
	}

	// Every file carries the id of the whole index, a digest of every
	// file's data, so that the engine notices a file of another build
	// (the site was deployed again, or the live preview rebuilt the
	// index, between the meta file and a shard) instead of misreading it.
	names := []string{"meta"}
	for i := range termShards {
		names = append(names, termShardName(i))
	}
	for i := range docShards {
		names = append(names, docShardName(i))
	}
	data := append([][]byte{append(withRoom("meta", len(meta)), meta...)}, termData...)
	digest := sha256.New()
	hash := func(i int, d []byte) {
		digest.Write(d[callLen(lang, names[i]):])
		digest.Write([]byte{0})
	}
	for i, d := range data {
		hash(i, d)
	}
	hashed := 0 // doc shards hashed
	for {
		for hashed < len(docShards) && encoded[hashed].Load() {
			hash(len(data)+hashed, docData[hashed])
			hashed++
		}
		if !encodeDoc() { // rather than wait for the next to hash
			break
		}
	}
	helper.Wait()
	for ; hashed < len(docShards); hashed++ {
		hash(len(data)+hashed, docData[hashed])
	}
	data = append(data, docData...)
	id := hex.EncodeToString(digest.Sum(nil))[:idLen]

	files := make([]File, 0, len(data))
	var carried []byte
	carrying := true
	for i, f := range data {
		appendCall(f[:0], lang, names[i], id)
		f = append(f, callEnd...)
		// The offline meta file carries the openers' doc shards, a call
		// each before its own: the first files every query loads, in one.
		// The engine keeps them until the meta call, which it needs to
		// read them, comes last.
		if doc := i - 1 - len(termShards); doc >= 0 && doc < openerShards && carrying {
			if carrying = len(carried)+len(f) <= metaCarryBytes; carrying {
				carried = append(carried, f...)
				continue
			}
		}
		files = append(files, File{Path: filePath(ix.lang, names[i]), Data: f})
	}
	if carried != nil {
		files[0].Data = append(carried, files[0].Data...)
	}
	return files
}

// idLen is the length of an index's id (see files).
const idLen = 12

// callEnd ends every file, after its data.
const callEnd = ");\n"

// appendCall appends the start of the call that wraps the data of the
// file name of the index of lang, a JSON string, whose id is id: what
// the engine needs to file the data it is given.
func appendCall(dst, lang []byte, name, id string) []byte {
	dst = append(dst, "window.__fieldguideSearch.add("...)
	dst = append(dst, lang...)
	dst = append(dst, `,"`...)
	dst = append(dst, name...)
	dst = append(dst, `","`...)
	dst = append(dst, id...)
	return append(dst, `",`...)
}

// callLen is the length of appendCall's call for an id of idLen.
func callLen(lang []byte, name string) int {
	return len("window.__fieldguideSearch.add(") + len(lang) + len(`,"`) + len(name) + len(`","`) + idLen + len(`",`)
}

// docShards cuts the sections, in order, into shards of about
// docShardBytes, and returns them with the number of sections of each.
// Offline, the openers (the first ix.openers sections) go in shards of
// openerShardBytesOffline, which hold no other section and which the meta
// file carries (up to metaCarryBytes), and it returns how many (0 online).
func (ix *indexer) docShards() ([]docShardFile, []int, int) {
	var shards []docShardFile
	var counts []int
	var current *docShardFile
	local := map[int]int{} // page → its position in current.Pages
	size, limit := 0, docShardBytes
	if ix.offline {
		limit = openerShardBytesOffline
	}
	for i, d := range ix.docs {
		if i == ix.openers && ix.offline {
			current, limit = nil, docShardBytes
		}
		if current == nil || size >= limit {
			shards = append(shards, docShardFile{})
			counts = append(counts, 0)
			current = &shards[len(shards)-1]
			clear(local)
			size = 0
		}
		p, ok := local[d.page]
		if !ok {
			p = len(current.Pages)
			local[d.page] = p
			page := ix.pages[d.page]
			row := []string{page.url, page.title}
			if page.lang != "" {
				row = append(row, page.lang, page.dir)
			}
			current.Pages = append(current.Pages, row)
			size += len(page.url) + len(page.title) + len(page.lang) + len(page.dir) + 8
		}
		current.Docs = append(current.Docs, docEntry{page: p, anchor: d.anchor, section: d.section, texts: d.texts})
		counts[len(counts)-1]++
		size += len(d.anchor) + len(d.section) + 16
		for _, t := range d.texts {
			size += len(t) + 3
		}
	}
	openerShards := 0
	if ix.offline {
		for n := 0; n < ix.openers; openerShards++ {
			n += counts[openerShards]
		}
	}
	return shards, counts, openerShards
}

// termShards cuts the dictionary, in UTF-16 order, into shards of about
// termShardBytes, and returns them with the first term of each.
func (ix *indexer) termShards() ([]termShardFile, []string) {
	order := make([]int32, len(ix.terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareUTF16(ix.terms[a], ix.terms[b]) })
	merges := ix.procliticMerges()
	var shards []termShardFile
	var firsts []string
	var dict, post strings.Builder
	var postings []posting // a term's postings
	var encoded []byte     // and their encoding
	previous := ""
	flush := func() {
		if dict.Len() > 0 {
			shards = append(shards, termShardFile{Terms: dict.String(), Postings: post.String()})
			dict.Reset()
			post.Reset()
		}
	}
	for _, t := range order {
		if dict.Len()+post.Len() >= termShardBytes {
			flush()
		}
		term := ix.terms[t]
		if dict.Len() == 0 {
			firsts = append(firsts, term)
			previous = ""
		}
		// The length of a term's postings follows it in the dictionary,
		// so that reading a shard finds where each term's postings start
		// without reading them all.
		writeTerm(&dict, previous, term)
		start := post.Len()
		if ix.newID == nil && len(merges[t]) == 0 {
			encoded = ix.appendStreamPostings(encoded[:0], t)
		} else {
			postings = ix.postingsInto(postings, t)
			for _, other := range merges[t] {
				postings = unionPostings(postings, ix.postings(other))
			}
			encoded = appendPostings(encoded[:0], postings)
		}
		post.Write(encoded)
		writeVarint(&dict, post.Len()-start)
		previous = term
	}
	flush()
	return shards, firsts
}

// appendStreamPostings is appendPostings(dst, ix.postings(term)) for an
// index whose docs keep the numbers they came with (newID nil, as online
// where pages come in order): term's stream holds the very numbers that
// appendPostings writes, each doc gap and tf<<2|flags, as uvarints, and
// they are written again one at a time, without decoding the postings
// into structs first (which was most of the cost of the term shards).
func (ix *indexer) appendStreamPostings(dst []byte, term int32) []byte {
	ix.close(term)
	s := ix.streams[term]
	const ones = 0x0101010101010101
	ends, i := 0, 0 // bytes that end a number: two a posting
	for ; i+8 <= len(s); i += 8 {
		ends += 8 - bits.OnesCount64(binary.LittleEndian.Uint64(s[i:])&(0x80*ones))
	}
	for _, c := range s[i:] {
		if c < 0x80 {
			ends++
		}
	}
	dst = appendVarint(dst, ends/2)
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight numbers below 32 in a row, as in most of a frequent
			// term's stream (gaps of a few sections, counts below 8):
			// a character each.
			if w := binary.LittleEndian.Uint64(s[i:]); w&(0xE0*ones) == 0 {
				dst = append(dst, varintLast[s[i]], varintLast[s[i+1]], varintLast[s[i+2]], varintLast[s[i+3]],
					varintLast[s[i+4]], varintLast[s[i+5]], varintLast[s[i+6]], varintLast[s[i+7]])
				i += 8
				continue
			}
		}
		switch c := s[i]; {
		case c < 32: // most numbers: one byte in, one character out
			dst = append(dst, varintLast[c])
			i++
		case c < 0x80:
			dst = append(dst, varintMore[c&31], varintLast[c>>5])
			i++
		default:
			v, n := binary.Uvarint(s[i:])
			dst = appendVarint(dst, int(v))
			i += n
		}
	}
	return dst
}

func termShardName(i int) string { return "t" + strconv.Itoa(i) }
func docShardName(i int) string  { return "d" + strconv.Itoa(i) }

// filePath is where the file of an index named name ("meta", "t3", "d12")
// goes: the engine (layouts/assets/lazy/search-engine.js) asks for it by
// that name, and 40-search.js loads it from this path.
func filePath(lang, name string) string {
	return "search/" + lang + "/" + name + ".js"
}
