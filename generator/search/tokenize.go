package search

import (
	"encoding/binary"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// Tokenize returns the index terms of text, in order and with repeats: one
// per word, and for Chinese, Japanese and Korean a unigram and a bigram per
// character (see the package comment for the rules).
//
// The rules depend on the script of each character, not on lang, so an
// English word quoted in a Chinese lesson is found the same way as in an
// English one. lang is taken so that a language-specific rule (Turkish
// dotless i, say) can be added without changing every caller.
//
// lang also chooses the plural folding of English and French words (see
// pluralsOf), so the index and the queries of a language fold alike.
//
// layouts/assets/lazy/search-engine.js implements the same function; the
// parity test holds the two to the same output.
func Tokenize(lang, text string) []string {
	return appendTokens(make([]string, 0, len(text)/6), lang, text) // about a word per 6 bytes in every script
}

// appendTokens appends the terms of Tokenize to terms.
func appendTokens(terms []string, lang, text string) []string {
	terms, _ = tokenize(terms, lang, text)
	return terms
}

// piecePool holds the slices tokenize cuts text into, which would
// otherwise be most of the garbage indexing makes.
var piecePool = sync.Pool{New: func() any { return new([]piece) }}

// tokenize appends the terms of Tokenize to terms, in order. A term may
// point into text: copy it to keep it beyond the call.
//
// Normalization and UAX #29 both break at ASCII white space (see
// scanInto), so text is taken a chunk between white space at a time. A
// chunk of ASCII alone, most of a Latin-script text, is cut into words
// (of the text lowered) as it is read, by appendASCIIWords, which gives
// up on meeting any other byte; such a chunk, and the ones after it that
// are not ASCII, with the white space between them, are normalized and
// scanned together. TestTokenizeMatchesWholeText and FuzzTokenize hold
// this to normalizing and scanning the whole text.
//
// valid reports that text is valid UTF-8, which tokenize finds on the way
// for most texts: ASCII chunks are, and normalizeInert decodes every
// character of the others (false: not known).
func tokenize(terms []string, lang, text string) (_ []string, valid bool) {
	plurals := pluralsOf(lang)
	buf := piecePool.Get().(*[]piece)
	pieces := (*buf)[:0]
	defer func() {
		clear(pieces) // no text kept alive from the pool
		*buf = pieces[:0]
		piecePool.Put(buf)
	}()
	words := text // text, or once a chunk needs it, text lowered (see lowerASCII)
	other := -1   // where the chunks not yet scanned begin, or -1
	valid = true
	for start := 0; start < len(text); {
		if isASCIISpace(text[start]) {
			start++
			continue
		}
		if other < 0 {
			// Most chunks are ASCII: cut them into words at once, rather
			// than find where they end and what they hold first.
			var end int
			var stop uint8
			terms, end, stop = appendASCIIWords(terms, words, start, plurals)
			switch stop {
			case wbSpace:
				start = end
				continue
			case wbUpper:
				words = lowerASCII(text) // and cut the chunk again
				continue
			}
			other = start
		}
		end, kinds := start, uint8(0)
		for ; end < len(text); end++ {
			k := byteKinds[text[end]]
			if k&kindSpace != 0 {
				break
			}
			kinds |= k
		}
		if kinds&kindNonASCII == 0 {
			// The end of a run of other chunks: scan them, then cut this
			// one as above.
			normalized, inert := normalizeInert(text[other:start])
			valid = valid && inert // inert text was decoded whole, and valid
			pieces = scanInto(pieces[:0], normalized)
			terms = appendPieces(terms, pieces, plurals, inert)
			other = -1
			continue
		}
		start = end
	}
	if other >= 0 {
		normalized, inert := normalizeInert(text[other:])
		valid = valid && inert
		pieces = scanInto(pieces[:0], normalized)
		terms = appendPieces(terms, pieces, plurals, inert)
	}
	return terms, valid
}

// appendPieces appends the terms of pieces, cut from normalized text.
// With inert, the text is made of characters that leave any text in NFC
// (see normalizeInert), so that every piece is composed already.
func appendPieces(terms []string, pieces []piece, plurals plurals, inert bool) []string {
	for _, p := range pieces {
		if !p.cjk {
			word := p.text
			if !inert {
				word = composed(word)
			}
			if stem := withoutArticle(word); stem != "" {
				terms = append(terms, word, stem)
				continue
			}
			terms = appendWord(terms, word, plurals)
			continue
		}
		// Every unit (a character with its marks), and every pair of
		// adjacent units. A pair of units that normalization left as
		// they were is the run's own bytes, which saves building a string.
		run := p.text
		previous, previousStart, previousAsIs := "", 0, false
		unit := func(start, end int) {
			u, asIs := run[start:end], true
			if !inert {
				u = composed(u)
				asIs = u == run[start:end]
			}
			if previous != "" {
				if previousAsIs && asIs {
					terms = append(terms, run[previousStart:end])
				} else {
					terms = append(terms, previous+u)
				}
			}
			terms = append(terms, u)
			previous, previousStart, previousAsIs = u, start, asIs
		}
		start := 0
		for i, r := range run {
			if i > 0 && !isMark(r) {
				unit(start, i)
				start = i
			}
		}
		if start < len(run) {
			unit(start, len(run))
		}
	}
	return terms
}

// lowerASCII is s with A-Z lowered and every other byte as it is. It
// lowers 8 bytes at a time (see lowerWord): a text with a capital letter
// in it is lowered whole, and a byte at a time that took as long as
// cutting the English and French text into words. The bytes are put in
// a slice, then copied into the string: writing each 8 to a
// strings.Builder took three times as many instructions.
func lowerASCII(s string) string {
	b := make([]byte, len(s))
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// []byte(s[i:i+8]), converted to read it, does not allocate.
		binary.LittleEndian.PutUint64(b[i:], lowerWord(binary.LittleEndian.Uint64([]byte(s[i:i+8]))))
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// lowerWord lowers the bytes A-Z of w, 8 bytes, and leaves the others.
// With each byte's high bit set (x), subtracting 'A' or 'Z'+1 from a byte
// borrows from no other, and leaves its high bit set exactly when the
// byte's low 7 bits are at least that much; a byte of A-Z is one where the
// first is set and the second is not, and whose own high bit is clear.
// Its bit 0x20, clear in A-Z, then lowers it.
func lowerWord(w uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	x := w | high
	upper := (x - 'A'*ones) &^ (x - ('Z'+1)*ones) &^ w & high
	return w | upper>>2
}

// appendASCIIWords appends the words of the chunk of text that begins at
// start, up to the next ASCII white space, and returns where it ends,
// and wbSpace, if it is ASCII without A-Z: what scanFast and
// appendPieces make of it, in one pass, with the plural folding of
// appendWord. It gives up, and returns terms as they were, on meeting a
// capital letter (wbUpper: the chunk must be lowered first) or a byte of
// another character (wbNonASCII: normalized). Letters, digits and _ join;
// a : . or ' between two letters joins them, and a , ; . or ' between two
// digits; a word is split at apostrophes, and a part without a letter or
// a digit (_ alone, say) is dropped.
func appendASCIIWords(terms []string, text string, start int, plurals plurals) (_ []string, end int, stop uint8) {
	before := len(terms)
	i := start
	for i < len(text) {
		c := chunkWordBreak[text[i]]
		if !isWordClass(c) {
			switch c {
			case wbSpace:
				return terms, i, wbSpace
			case wbUpper, wbNonASCII:
				return terms[:before], i, c
			}
			i++
			continue
		}
		// The loop over a word's characters asks only whether each is
		// of a word's class, the work of most bytes of the site: the
		// class of the character before a separator is looked up again
		// (a joined separator is followed by one of a word's class),
		// and whether the word has a letter or a digit is asked at its
		// end.
		wordStart, apostrophe := i, false
		for i++; i < len(text); {
			c := chunkWordBreak[text[i]]
			if isWordClass(c) {
				i++
				continue
			}
			if i+1 < len(text) {
				previous, after := chunkWordBreak[text[i-1]], chunkWordBreak[text[i+1]]
				if previous == wbLetter && after == wbLetter && (c == wbMidLetter || c == wbMidNumLetQ) ||
					previous == wbNumeric && after == wbNumeric && (c == wbMidNum || c == wbMidNumLetQ) {
					apostrophe = apostrophe || text[i] == '\''
					i += 2
					continue
				}
			}
			break
		}
		word := text[wordStart:i]
		if !apostrophe {
			// A word has a letter or a digit unless it is all _: what
			// joins two characters joins letters or digits.
			if word[0] != '_' || strings.Trim(word, "_") != "" {
				// appendWord, written out: most words end in neither s
				// nor x, and this loop runs for every word of the site.
				if n := len(word); plurals == noPlurals || n < 4 || word[n-1] != 's' && word[n-1] != 'x' {
					terms = append(terms, word)
				} else {
					terms = appendPlural(terms, word, plurals)
				}
			}
			continue
		}
		for part := range strings.SplitSeq(word, "'") {
			if hasLetterOrDigit(part) {
				terms = appendWord(terms, part, plurals)
			}
		}
	}
	return terms, i, wbSpace
}

// chunkWordBreak is asciiWordBreak for every byte, with what
// appendASCIIWords stops at: white space, where a chunk ends, capital
// letters and the bytes of other characters.
var chunkWordBreak = func() (t [256]uint8) {
	copy(t[:], asciiWordBreak[:])
	for c := range t {
		switch k := byteKinds[c]; {
		case k&kindSpace != 0:
			t[c] = wbSpace
		case k&kindUpper != 0:
			t[c] = wbUpper
		case k&kindNonASCII != 0:
			t[c] = wbNonASCII
		}
	}
	return t
}()

// isMark reports whether r is a combining mark (Mn, Me or Mc).
func isMark(r rune) bool {
	if r < 0x300 || 0x4E00 <= r && r <= 0x9FFF { // Latin-1, CJK ideographs: the common case
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

// queryTerm is one word of a query: all of them must match a section.
type queryTerm struct {
	text string
	// prefix is set on the last word when the user may still be typing it:
	// it then matches every term that starts with it.
	prefix bool
	// alts are other terms the word matches as they are (never as
	// prefixes): the singular of a plural still being typed ("victims" →
	// "victim"), the bare forms of an Arabic word with a particle
	// (بتأشيرة → تأشيرة). A prefix of a bare form would match far more
	// than the reader means ("وسيط" is not "سيطرة"), so only the word
	// typed is a prefix.
	alts []string
}

// queryTerms turns what the user typed into the terms to look up.
// A CJK run of two or more characters becomes its bigrams (each one a
// required term, so "人口贩卖" needs 人口, 口贩 and 贩卖 in the section);
// a single CJK character is looked up as a unigram. The last word is a
// prefix unless the query ends with a space or punctuation, which says
// the word is finished. Repeated terms count once.
//
// A word is looked up as the index files it: without its Arabic article;
// as its singular (see singular), or, while it is still being typed, as
// itself (a prefix) or its singular; an Arabic word that may begin with a
// particle as itself (a prefix if last) or any of its bare forms (see
// procliticForms), which the index has only if the course uses them.
func queryTerms(lang, query string) []queryTerm {
	plurals := pluralsOf(lang)
	normalized := normalize(query)
	pieces := scanNormalized(normalized)
	var terms []queryTerm
	seen := map[string]bool{}
	add := func(t queryTerm) {
		if seen[t.text] {
			// A repeat of the prefix word as a whole word is still a prefix
			// only if the last one is; keep the first and move on.
			return
		}
		seen[t.text] = true
		terms = append(terms, t)
	}
	for i, p := range pieces {
		if p.cjk {
			units := cjkUnits(p.text)
			if len(units) == 1 {
				add(queryTerm{text: units[0]})
				continue
			}
			for j := 0; j+1 < len(units); j++ {
				add(queryTerm{text: units[j] + units[j+1]})
			}
			continue
		}
		prefix := i == len(pieces)-1 && p.end == len(normalized)
		word := composed(p.text)
		if stem := withoutArticle(word); stem != "" {
			add(queryTerm{text: stem, prefix: prefix})
			continue
		}
		if forms := procliticForms(word); forms != nil {
			add(queryTerm{text: word, prefix: prefix, alts: forms})
			continue
		}
		if stem, _ := singular(plurals, word); stem != "" {
			if prefix {
				add(queryTerm{text: word, prefix: true, alts: []string{stem}})
			} else {
				add(queryTerm{text: stem})
			}
			continue
		}
		add(queryTerm{text: word, prefix: prefix})
	}
	return terms
}

// arabicArticles are the definite article and the prepositions and
// conjunctions written joined to it (وال and the, بال with the, كال like
// the, فال so the, لل for the), longest first.
var arabicArticles = []string{"وال", "بال", "كال", "فال", "ال", "لل"}

// withoutArticle returns an Arabic word without its article, or "" if it
// has none. Arabic writes the article and these particles as part of the
// word, so "the victims" (الضحايا) and "with the documents" (بالوثائق) would
// never match "victims" (ضحايا) or "the documents" (الوثائق). A word is
// indexed both whole and without its article, and a query looks it up
// without, so every form finds every other. Two letters at least must
// remain, so that short words are left alone.
func withoutArticle(word string) string {
	if len(word) < 4 || word[0] != 0xD8 && word[0] != 0xD9 {
		// Not Arabic (every article begins with a letter in U+0600–U+067F).
		return ""
	}
	for _, article := range arabicArticles {
		if rest, ok := strings.CutPrefix(word, article); ok {
			if utf8.RuneCountInString(rest) >= 2 {
				return rest
			}
			return ""
		}
	}
	return ""
}

// piece is a word (or a run of CJK characters) of normalized text.
type piece struct {
	text       string
	cjk        bool
	start, end int // byte offsets in the normalized text
}

// scan normalizes text and cuts it into pieces.
func scan(text string) []piece { return scanNormalized(normalize(text)) }

// scanNormalized cuts normalized text into pieces; see scanInto.
func scanNormalized(s string) []piece { return scanInto(nil, s) }

// scanInto appends to pieces the pieces of normalized text s: the words on the word boundaries of
// Unicode UAX #29 (uniseg), keeps the segments that hold a letter or a digit,
// splits them at apostrophes so that French elisions ("l'homme") give the
// word itself, and joins adjacent CJK characters into runs.
//
// UAX #29 always breaks before and after ASCII white space, so the text is
// cut there first. A chunk made only of characters whose word-break class
// is known here (ASCII, the common Latin and Arabic letters, the CJK
// ideographs, everyday punctuation: most of a folded text in the course's
// languages) is segmented by scanFast; any other chunk by uniseg.
// TestScanMatchesUniseg and FuzzScanMatchesUniseg hold the two paths to
// the same pieces.
func scanInto(pieces []piece, s string) []piece {
	for start := 0; start < len(s); {
		if isASCIISpace(s[start]) {
			start++
			continue
		}
		end := start
		for end < len(s) && !isASCIISpace(s[end]) {
			end++
		}
		var ok bool
		if pieces, ok = scanFast(pieces, s[start:end], start); !ok {
			pieces = scanUniseg(pieces, s[start:end], start)
		}
		start = end
	}
	return pieces
}

func isASCIISpace(c byte) bool { return byteKinds[c]&kindSpace != 0 }

// byteKinds says what each byte is to tokenize, which looks at every
// byte of the site's text to cut it into chunks: one table lookup per
// byte in place of the six comparisons of a white space test and two
// more for the chunk's kinds (the chunk loop was a tenth of indexing's
// instructions).
var byteKinds = func() (t [256]uint8) {
	for _, c := range []byte(" \t\n\r\v\f") {
		t[c] = kindSpace
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = kindUpper
	}
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = kindNonASCII
	}
	return t
}()

const (
	kindSpace    = 1 << iota // ASCII white space, where chunks end
	kindUpper                // A-Z: the chunk must be lowered
	kindNonASCII             // a byte of a multi-byte character: the chunk is normalized
)

// scanUniseg appends the pieces of s, which starts at offset in the
// normalized text, segmented by uniseg.
func scanUniseg(pieces []piece, s string, offset int) []piece {
	state := -1
	for len(s) > 0 {
		var segment string
		segment, s, state = uniseg.FirstWordInString(s, state)
		start := offset
		offset += len(segment)
		if !hasLetterOrDigit(segment) {
			continue
		}
		partStart := start
		for _, part := range splitApostrophes(segment) {
			pieces = appendScriptRuns(pieces, part, partStart)
			partStart += len(part) + len("'")
		}
	}
	return pieces
}

// Classes of UAX #29's word break property, for scanFast.
const (
	wbOther = iota
	wbLetter
	wbNumeric
	wbExtendNumLet // _
	wbMidLetter    // :
	wbMidNum       // , ; ،
	wbMidNumLetQ   // . '
	wbIdeograph    // a CJK ideograph: Other, and a piece of its own
	wbUnknown      // not known here: the chunk goes to uniseg
	wbSpace        // ASCII white space (appendASCIIWords only)
	wbUpper        // A-Z (likewise: the chunk must be lowered)
	wbNonASCII     // a byte of a character that is not ASCII (likewise)
)

var asciiWordBreak = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = wbLetter, wbLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wbNumeric
	}
	t['_'] = wbExtendNumLet
	t[':'] = wbMidLetter
	t[','], t[';'] = wbMidNum, wbMidNum
	t['.'], t['\''] = wbMidNumLetQ, wbMidNumLetQ
	return t
}()

// wordBreakClass is the class of r if scanFast knows it. The ranges are
// those of Unicode's WordBreakProperty.txt (as in uniseg's tables): no
// character here is Extend, Format or ZWJ, so rule WB4 never applies, and
// none but the ideographs is a CJK character.
func wordBreakClass(r rune) uint8 {
	switch {
	case r < utf8.RuneSelf:
		return asciiWordBreak[r]
	case 0x4E00 <= r && r <= 0x9FFF: // CJK Unified Ideographs
		return wbIdeograph
	case 0x00C0 <= r && r <= 0x01BA && r != 0x00D7 && r != 0x00F7, // Latin-1 and Extended-A letters
		0x0620 <= r && r <= 0x064A, 0x066E <= r && r <= 0x066F, 0x0671 <= r && r <= 0x06D3: // Arabic letters
		return wbLetter
	case r == 0x060C || r == 0x060D: // Arabic comma and date separator
		return wbMidNum
	case r == 0x00AB || r == 0x00BB, // « »
		0x2010 <= r && r <= 0x2017,                             // hyphens and dashes
		0x201A <= r && r <= 0x2023,                             // quotation marks, daggers, bullet
		r == 0x2025 || r == 0x2026,                             // ‥ …
		0x3001 <= r && r <= 0x3004, 0x3008 <= r && r <= 0x3011, // 、。 and CJK brackets
		r == 0x061B || r == 0x061F: // Arabic semicolon and question mark
		return wbOther
	}
	return wbUnknown
}

func classAt(s string, i int) (class uint8, size int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return asciiWordBreak[c], 1
	}
	// Two- and three-byte characters (accented Latin, Arabic, CJK) are
	// decoded here: utf8.DecodeRuneInString takes its slow path for every
	// one of them (8% of BenchmarkIndexCorpus in English and Arabic).
	if 0xC2 <= c && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return wordBreakClass(rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)), 2
	}
	if 0xE1 <= c && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		// E1-EC lead only to well-formed U+1000-U+CFFF with any continuation.
		return wordBreakClass(rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)), 3
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return wordBreakClass(r), size
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) for a character that is
// not ASCII, with those of two and three bytes (accented Latin, Arabic,
// CJK) decoded inline, as classAt does.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if 0xC2 <= c && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	if 0xE1 <= c && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		// E1-EC lead only to well-formed U+1000-U+CFFF with any continuation.
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordClass(c uint8) bool { return c == wbLetter || c == wbNumeric || c == wbExtendNumLet }

// scanFast appends the pieces of s, a chunk without ASCII white space that
// starts at offset in the normalized text, or reports false if s holds a
// character whose class it does not know. Letters, digits and _ join (WB5,
// WB8-10, WB13a-b); a : or . or ' between two letters joins them (WB6-7),
// and a , ; . or ' between two digits (WB11-12); everything else breaks.
// An ideograph is a segment of its own and extends the CJK run before it.
func scanFast(pieces []piece, s string, offset int) ([]piece, bool) {
	// Every character is looked at here, or joined below as a letter, a
	// digit or a separator between two: an unknown one is met here, and
	// what s added is taken back.
	before := len(pieces)
	for i := 0; i < len(s); {
		c, size := classAt(s, i)
		if c == wbUnknown {
			return pieces[:before], false
		}
		if c == wbIdeograph {
			p := piece{text: s[i : i+size], cjk: true, start: offset + i, end: offset + i + size}
			if n := len(pieces); n > 0 && pieces[n-1].cjk && pieces[n-1].end == p.start {
				pieces[n-1].text = s[pieces[n-1].start-offset : i+size]
				pieces[n-1].end = p.end
			} else {
				pieces = append(pieces, p)
			}
			i += size
			continue
		}
		if !isWordClass(c) {
			i += size
			continue
		}
		// A word has a letter or a digit if it has a character of either
		// class, all of them letters or digits to unicode too
		// (TestWordBreakClassLetters): asking unicode.IsLetter of each
		// Arabic or accented word's first letter took a tenth of
		// scanning.
		start, previous := i, c
		letterOrDigit, apostrophe := c != wbExtendNumLet, false
		i += size
		for i < len(s) {
			c, size := classAt(s, i)
			if isWordClass(c) {
				previous = c
				letterOrDigit = letterOrDigit || c != wbExtendNumLet
				i += size
				continue
			}
			if i+size < len(s) {
				after, afterSize := classAt(s, i+size)
				if previous == wbLetter && after == wbLetter && (c == wbMidLetter || c == wbMidNumLetQ) ||
					previous == wbNumeric && after == wbNumeric && (c == wbMidNum || c == wbMidNumLetQ) {
					apostrophe = apostrophe || s[i] == '\''
					previous, letterOrDigit = after, true
					i += size + afterSize
					continue
				}
			}
			break
		}
		word := s[start:i]
		if !apostrophe {
			if letterOrDigit {
				pieces = append(pieces, piece{text: word, start: offset + start, end: offset + i})
			}
			continue
		}
		partStart := offset + start
		for _, part := range strings.Split(word, "'") {
			if hasLetterOrDigit(part) {
				pieces = append(pieces, piece{text: part, start: partStart, end: partStart + len(part)})
			}
			partStart += len(part) + len("'")
		}
	}
	return pieces, true
}

// splitApostrophes cuts a word at apostrophes. Normalization has already
// turned ’ and ‘ into ', so the only apostrophe left is one byte long,
// which keeps the offsets of scanNormalized simple.
func splitApostrophes(word string) []string {
	if !strings.Contains(word, "'") {
		return []string{word}
	}
	return strings.Split(word, "'")
}

// appendScriptRuns splits a word into runs of CJK and other characters.
// A CJK run that starts where the previous piece ended extends it, since
// UAX #29 puts every ideograph and kana in a segment of its own.
// A combining mark belongs to the run of the character before it.
func appendScriptRuns(pieces []piece, word string, start int) []piece {
	runStart := 0
	runCJK := false
	flush := func(end int) {
		text := word[runStart:end]
		if text == "" || !hasLetterOrDigit(text) {
			return
		}
		p := piece{text: text, cjk: runCJK, start: start + runStart, end: start + end}
		if n := len(pieces); p.cjk && n > 0 && pieces[n-1].cjk && pieces[n-1].end == p.start {
			pieces[n-1].text += p.text
			pieces[n-1].end = p.end
			return
		}
		pieces = append(pieces, p)
	}
	for i, r := range word {
		if i == 0 {
			runCJK = isCJK(r)
			continue
		}
		if isMark(r) {
			continue
		}
		if c := isCJK(r); c != runCJK {
			flush(i)
			runStart, runCJK = i, c
		}
	}
	flush(len(word))
	return pieces
}

// cjkUnits splits a CJK run into characters, each with the marks that follow it.
func cjkUnits(run string) []string {
	var units []string
	start := 0
	for i, r := range run {
		if i > 0 && !isMark(r) {
			units = append(units, composed(run[start:i]))
			start = i
		}
	}
	if start < len(run) {
		units = append(units, composed(run[start:]))
	}
	return units
}

// composed puts a term in NFC. Folding works one code point at a time, so
// a mark that was a character of its own (the half-width voicing mark of
// ｶﾞ) is still apart from its letter; the term must equal the one typed
// as ガ.
func composed(term string) string {
	return toNFC(term)
}

func isCJK(r rune) bool {
	if r < 0x1100 { // below Hangul Jamo: Latin, Cyrillic, Arabic… (the common case)
		return false
	}
	return r == 'ー' || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// normalize folds text for matching: see the package comment. It works one
// code point at a time (after NFC), so that the browser can map every
// folded character back to the text it shows when it highlights a match.
func normalize(text string) string {
	s, _ := normalizeInert(text)
	return s
}

// normalizeInert is normalize, and reports whether its result is made
// only of characters that leave a text in NFC whatever surrounds them
// (ASCII, and those of nfcInert but U+FFFD), as most folded text is: then
// every piece cut from it is in NFC, and tokenize need not ask toNFC
// about each (which took a tenth of indexing's instructions). Text whose
// characters are all so is folded in the pass that checks them. It is
// inert only if that pass decoded every character of text, without
// meeting invalid UTF-8 (tokenize relies on it).
func normalizeInert(text string) (string, bool) {
	// Most characters fold to themselves (Arabic letters, CJK
	// ideographs, lower case): they are copied in runs, and text that
	// none changes is its own folding.
	var b strings.Builder
	kept := 0 // text[kept:i] folds to itself and is not written yet
	inert := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if b.Cap() == 0 {
					b.Grow(len(text))
				}
				b.WriteString(text[kept:i])
				b.WriteByte(c + 'a' - 'A')
				kept = i + 1
			}
			i++
			continue
		}
		r, size := decodeRune(text, i)
		block, j := foldBlock(r), r&0xFF
		if r == utf8.RuneError || !block.nfcInert[j] {
			// NFC may change this character or the one before: toNFC
			// would have normalized the whole text.
			return normalizeNFC(text), false
		}
		inert = inert && block.inert[j]
		if !block.same[j] {
			if b.Cap() == 0 {
				b.Grow(len(text))
			}
			b.WriteString(text[kept:i])
			b.WriteString(block.folded[j])
			kept = i + size
		}
		i += size
	}
	if b.Cap() == 0 {
		return text, inert
	}
	b.WriteString(text[kept:])
	return b.String(), inert
}

// normalizeNFC is normalize for text that NFC may change.
func normalizeNFC(text string) string {
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteString(foldRune(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// foldBlocks hold foldRune's answers by blocks of 256 code points: the same
// few hundred characters come back in every section, and normalization is
// the slow part of indexing. A block is filled on first use; two
// goroutines may both fill one, with the same answers.
var foldBlocks [(unicode.MaxRune + 1) / 256]atomic.Pointer[foldedBlock]

type foldedBlock struct {
	folded [256]string
	// inert says that every character of the folding is ASCII or one of
	// nfcInert's but U+FFFD (see normalizeInert).
	inert [256]bool
	same  [256]bool // the character folds to itself
	// nfcInert is nfcInert of the character, here too so that
	// normalizeInert looks up one block per character, not two.
	nfcInert [256]bool
}

// foldRune is the folding of one code point:
//
//	NFKD → lower case → NFKD → drop diacritics and invisible format
//	characters → special mappings → NFC.
//
// NFKD turns compatibility forms (full-width Ａ, ligatures ﬁ, Arabic
// presentation forms, no-break spaces) into their plain letters and
// separates accents; NFC then puts back what must stay whole: Hangul
// syllables, kana with their voicing marks, and й.
func foldRune(r rune) string {
	if r < 0 || r > unicode.MaxRune {
		r = utf8.RuneError
	}
	return foldBlock(r).folded[r&0xFF]
}

// foldBlock returns the block of foldBlocks that holds r, a valid code point.
func foldBlock(r rune) *foldedBlock {
	block := foldBlocks[r>>8].Load()
	if block == nil {
		block = new(foldedBlock)
		for i := range block.folded {
			f := foldRuneSlow(r&^0xFF | rune(i))
			block.folded[i] = f
			block.same[i] = f == string(r&^0xFF|rune(i))
			block.nfcInert[i] = nfcInert(r&^0xFF | rune(i))
			block.inert[i] = true
			for _, c := range f {
				if c >= utf8.RuneSelf && (c == utf8.RuneError || !nfcInert(c)) {
					block.inert[i] = false
				}
			}
		}
		foldBlocks[r>>8].Store(block)
	}
	return block
}

func foldRuneSlow(r rune) string {
	var b strings.Builder
	if r == 'й' || r == 'Й' {
		// й is a letter of its own (мой ≠ мои), never written as и; ё is
		// commonly written е, so ё folds and й does not.
		b.WriteString("й")
	} else {
		for _, c := range norm.NFKD.String(string(r)) {
			lower := unicode.ToLower(c)
			if lower != c {
				for _, d := range norm.NFKD.String(string(lower)) {
					writeFolded(&b, d)
				}
				continue
			}
			writeFolded(&b, c)
		}
	}
	return norm.NFC.String(b.String())
}

func writeFolded(b *strings.Builder, r rune) {
	if isDroppedMark(r) {
		return
	}
	if r == 0x200B {
		// A zero-width space separates words (Thai, Khmer, some CJK text).
		b.WriteByte(' ')
		return
	}
	if unicode.Is(unicode.Cf, r) {
		// Soft hyphens, joiners, direction marks, the byte-order mark: invisible,
		// and they would split or glue words differently in the index and the query.
		return
	}
	if s, ok := specialFold[r]; ok {
		b.WriteString(s)
		return
	}
	b.WriteRune(r)
}

// specialFold maps letters that NFKD leaves alone but that readers type
// without their stroke or as two letters, and the Arabic forms that
// search engines for Arabic treat as one letter.
var specialFold = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ı': "i",
	'ð': "d", 'þ': "th",
	'\u2019': "'", '\u2018': "'", // typographic apostrophes, so l’homme splits like l'homme
	'\u0671': "\u0627", // ٱ alef wasla → ا (أ إ آ fold to ا by dropping their hamza and madda)
	'\u0649': "\u064A", // ى alef maksura → ي
	'\u0629': "\u0647", // ة teh marbuta → ه
	'\u0640': "",       // ـ tatweel, a stretching stroke
	// Arabic-Indic and Eastern Arabic-Indic digits → ASCII, so ٣ finds 3.
	'٠': "0", '١': "1", '٢': "2", '٣': "3", '٤': "4", '٥': "5", '٦': "6", '٧': "7", '٨': "8", '٩': "9",
	'۰': "0", '۱': "1", '۲': "2", '۳': "3", '۴': "4", '۵': "5", '۶': "6", '۷': "7", '۸': "8", '۹': "9",
}

// droppedMarks are the combining marks removed after NFKD: Latin, Greek and
// Cyrillic diacritics (é→e, ü→u, ё→е), Hebrew points, and Arabic tashkeel
// (harakat, shadda, sukun, the superscript alef, and the hamza and madda
// that NFKD splits off أ إ آ ؤ ئ). Marks of other scripts stay: the
// voicing marks of kana change the word, and Indic vowel signs are letters.
var droppedMarks = []struct{ lo, hi rune }{
	{0x0300, 0x036F}, // Combining Diacritical Marks
	{0x0483, 0x0489}, // Cyrillic combining marks
	{0x0591, 0x05C7}, // Hebrew points and cantillation
	{0x0610, 0x061A}, // Arabic honorifics and small letters
	{0x064B, 0x065F}, // Arabic harakat, shadda, sukun, hamza above and below, madda
	{0x0670, 0x0670}, // Arabic superscript alef
	{0x06D6, 0x06ED}, // Arabic Quranic annotation marks
	{0x08CA, 0x08FF}, // Arabic Extended-A marks
	{0x1AB0, 0x1AFF}, // Combining Diacritical Marks Extended
	{0x1DC0, 0x1DFF}, // Combining Diacritical Marks Supplement
	{0x20D0, 0x20FF}, // Combining Diacritical Marks for Symbols
	{0xFE00, 0xFE0F}, // variation selectors
	{0xFE20, 0xFE2F}, // Combining Half Marks
}

func isDroppedMark(r rune) bool {
	if !unicode.In(r, unicode.Mn, unicode.Me) {
		return false
	}
	for _, m := range droppedMarks {
		if m.lo <= r && r <= m.hi {
			return true
		}
	}
	return false
}

// nfcInertBlocks say, by blocks of 256 code points, which characters leave
// a text in NFC whatever surrounds them: in NFC already, with no canonical
// combining class, and never composing with the character before. A text
// made only of those is in NFC, which toNFC can then tell with a table
// lookup per character instead of normalization's tries. A block is filled
// on first use; two goroutines may both fill one, with the same answers.
var nfcInertBlocks [0x10000 / 256]atomic.Pointer[[256]bool]

func nfcInert(r rune) bool {
	if r >= 0x10000 {
		return false
	}
	block := nfcInertBlocks[r>>8].Load()
	if block == nil {
		block = new([256]bool)
		for i := range block {
			c := r&^0xFF | rune(i)
			if utf8.ValidRune(c) {
				s := string(c)
				p := norm.NFC.PropertiesString(s)
				block[i] = p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.String(s) == s
			}
		}
		nfcInertBlocks[r>>8].Store(block)
	}
	return block[r&0xFF]
}

// toNFC is norm.NFC.String, faster on the common text that is in NFC and
// made of characters that cannot change it.
func toNFC(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !nfcInert(r) {
			return norm.NFC.String(s)
		}
		i += size
	}
	return s
}
