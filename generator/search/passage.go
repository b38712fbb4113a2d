package search

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
)

// A section is found by all its words, but an index that kept its whole
// text would be too large (see textLimit): a result shows the start of the
// section, and a word further down was found but not shown. So a long
// section is cut into passages, at the start of a paragraph, a list item
// or a table row (the text's lines: package markdown ends every block
// with one), and the index keeps the start of each passage. The section
// stays the unit that is ranked and linked: a query finds sections as
// before, and shows each by the passage whose start holds the most of the
// query's words (Index.Query, show in search-engine.js). Splitting it into
// documents of their own would let one section fill the list with its
// passages, and a short passage outrank a section by its length alone.

// passageColumns is how long a passage is at least before the next block
// starts another. With snippets of textLimit columns, about a third of a
// long section is kept, which keeps every language's index of
// gencorpus.py's course within Pagefind's (issue 6): 400 columns, with
// snippets of 200, made the Arabic index 16% larger than Pagefind's. A
// paragraph that goes on past twice as much is cut at the end of a
// sentence, and past three times as much, between words.
const passageColumns = 500

// passageStarts appends to starts where the passages of text begin after
// the first, as byte offsets (none for text of one passage): at the first
// line (block) that begins once the current passage has passageColumns
// columns, at the first sentence that begins once it has twice as many,
// or at the first word (CJK character) once it has three times as many.
// It runs on every section a build indexes, so it counts columns from
// bytes, 8 at a time (see byteColumns), and finds lines with
// strings.IndexByte: a first version decoded every rune, which made
// BenchmarkIndexCorpus 25 to 37% slower.
func passageStarts(text string, starts []int) []int {
	if len(text) <= passageColumns {
		return starts // a column takes a byte at least
	}
	columns := 0 // in the current passage
	for i := 0; i < len(text); {
		end := strings.IndexByte(text[i:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += i
		}
		if i, columns = advance(text[:end], i, columns, 2*passageColumns); i < end {
			starts, columns = cutBlock(starts, text[:end], i, columns)
		}
		i = end
		for i < len(text) && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t') {
			i++
		}
		if columns >= passageColumns && i < len(text) {
			starts = append(starts, i)
			columns = 0
		}
	}
	return starts
}

// cutBlock cuts the rest of a block, text from i, where the current
// passage has twice passageColumns, at the start of the next sentence, or
// of the next word once it has three times as many, and so on, and
// returns the starts with those it adds and the columns of the passage
// the block ends in.
func cutBlock(starts []int, text string, i, columns int) ([]int, int) {
	for i < len(text) {
		if columns < 2*passageColumns {
			i, columns = advance(text, i, columns, 2*passageColumns)
			continue
		}
		c := text[i]
		switch {
		case c == ' ' && (text[i-1] == '.' || text[i-1] == '!' || text[i-1] == '?' ||
			strings.HasSuffix(text[:i], "؟") || strings.HasSuffix(text[:i], "۔")):
			// A sentence ends, and the next begins after the spaces.
		case c >= 0xE3 && (strings.HasPrefix(text[i:], "。") || strings.HasPrefix(text[i:], "！") || strings.HasPrefix(text[i:], "？")):
			i += len("。") // CJK sentences end without a space
		case columns >= 3*passageColumns && (c == ' ' || c >= 0xE0):
			// Between words, or before a CJK character.
		default:
			columns += byteColumns(c)
			i++
			continue
		}
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		if i < len(text) {
			starts = append(starts, i)
			columns = 0
		}
	}
	return starts, columns
}

// advance returns where in text, from i, a passage of columns so far
// reaches target columns (or the end), and its columns there.
func advance(text string, i, columns, target int) (int, int) {
	for i+8 <= len(text) && columns+8 < target { // 8 bytes take 8 columns at most
		if w := binary.LittleEndian.Uint64([]byte(text[i : i+8])); w&highBits == 0 {
			columns += 8 // ASCII
		} else {
			columns += wordColumns(w)
		}
		i += 8
	}
	for i < len(text) && columns < target {
		columns += byteColumns(text[i])
		i++
	}
	return i, columns
}

// byteColumns is how many columns the character that byte c begins
// takes, about: a character of one or two bytes (Latin, Greek, Cyrillic,
// Arabic, Hebrew) one, one of three or four (CJK and others) two, as
// CJK characters do on screen; 0 for the bytes that continue a character.
func byteColumns(c byte) int {
	switch {
	case c < 0x80:
		return 1
	case c < 0xC0:
		return 0
	case c < 0xE0:
		return 1
	}
	return 2
}

// highBits is the high bit of each byte of a uint64.
const highBits = 0x8080808080808080

// wordColumns is the sum of byteColumns over the 8 bytes of w, counted
// all at once: a byte 10xxxxxx continues a character, 111xxxxx begins
// one of three or four bytes. ([]byte(s) of 8 bytes, converted to read
// them, does not allocate.)
func wordColumns(w uint64) int {
	top, second, third := w&highBits, w<<1&highBits, w<<2&highBits
	return 8 - bits.OnesCount64(top&^second) + bits.OnesCount64(top&second&third)
}

// textColumns is the sum of byteColumns over s.
func textColumns(s string) int {
	_, columns := advance(s, 0, 0, len(s)+1)
	return columns
}

// passageSnippets returns the snippet of each passage of text: its start,
// cleaned and shortened to limit columns (see snippetText).
func passageSnippets(text string, limit int) []string {
	var startsBuf, endsBuf [16]int // most sections have fewer passages: no allocation
	starts := append(passageStarts(text, startsBuf[:1]), len(text))
	if len(starts) == 2 {
		return []string{snippetText(text, limit)}
	}
	// One string for them all, which the snippets share: a snippet of
	// Latin, Arabic or CJK text takes at most 2*limit+8 bytes, and never
	// more than its passage (the builder grows for others).
	var b strings.Builder
	size := 0
	for i := range starts[1:] {
		size += min(starts[i+1]-starts[i], 2*limit+8)
	}
	b.Grow(size)
	var buf [4*textLimit + 8]byte
	ends := endsBuf[:0]
	for i := range starts[1:] {
		b.Write(appendSnippet(buf[:0], text[starts[i]:], limit))
		ends = append(ends, b.Len())
	}
	all := b.String()
	snippets := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		snippets[i], start = all[start:end], end
	}
	return snippets
}

// matches reports whether t finds the indexed term token: it is t, one of
// its alternatives, or, for a prefix, begins with it.
func (t queryTerm) matches(token string) bool {
	return token == t.text || t.prefix && strings.HasPrefix(token, t.text) || slices.Contains(t.alts, token)
}

// bestPassage returns which of a section's passage snippets to show for
// a query: the first of those that show the most of its terms, as the
// index files the snippet's words (so the first, the section's start,
// when none shows any). The search box marks them in it.
//
// Tokenize gives a word's terms but for one rule: an Arabic word with a
// particle (لضحايا) is filed under its bare form (ضحايا) only once the
// whole course is in, when that form is a term of the index
// (indexer.procliticMerges), which isTerm says. The ranking found the
// section through such a word, and the search box marks it; counting it
// here too keeps the snippet from showing a passage without it. (Plurals
// and the article need nothing more: Tokenize gives the singular and the
// word without its article.) Only the shown results' passages are
// looked at, and a word's bare forms only when it may have a particle.
func bestPassage(lang string, snippets []string, terms []queryTerm, isTerm func(string) bool) int {
	best, most := 0, 0
	if len(snippets) < 2 {
		return 0
	}
	found := make([]bool, len(terms))
	for p, s := range snippets {
		clear(found)
		count := 0
		for _, token := range Tokenize(lang, s) {
			var forms []string // token's bare forms, once a term needs them
			for i, t := range terms {
				if found[i] {
					continue
				}
				if !t.matches(token) {
					if !mayHaveProclitic(token) {
						continue
					}
					if forms == nil {
						forms = procliticForms(token)
					}
					if !slices.ContainsFunc(forms, func(form string) bool { return t.matches(form) && isTerm(form) }) {
						continue
					}
				}
				found[i] = true
				count++
			}
		}
		if count > most {
			best, most = p, count
		}
	}
	return best
}
