package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading ids that are stable across rebuilds, valid in HTML and
// readable in every script: "为什么要面谈" stays Chinese, "Qu'est-ce que"
// becomes "quest-ce-que", duplicates get "-1", "-2".
type ids struct {
	used map[string]bool
	// next is the next suffix to try for a base id, so a page repeating
	// one heading a thousand times stays linear.
	next map[string]int
	// hidden counts the open blocks the build drops (trainer notes in a
	// participant build; see blocks.HiddenIDs), whose headings take ids
	// from aside, so the ids of the page's other headings are those the
	// page would have without them.
	hidden int
	aside  *ids
}

func newIDs() *ids {
	return &ids{used: map[string]bool{}, next: map[string]int{}}
}

// Hide sets ids aside while a dropped block is parsed (blocks.HiddenIDs).
func (s *ids) Hide(on bool) {
	if on {
		s.hidden++
		if s.aside == nil {
			s.aside = newIDs()
		}
	} else if s.hidden > 0 {
		s.hidden--
	}
}

// Slug turns heading text into an id fragment.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	letter := func(r rune) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII: the general case below, without decoding and
			// Unicode tables.
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				letter(rune(c))
			case 'A' <= c && c <= 'Z':
				letter(rune(c + 'a' - 'A'))
			case c == '\'':
				// drop apostrophes: "officer's" → "officers"
			default:
				dash = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if plainLetter(r) {
			letter(r)
			continue
		}
		// As strings.ToLower would lower it (an invalid byte reads as
		// U+FFFD either way).
		r = unicode.ToLower(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			letter(r)
		case r == '\'' || r == '’':
			// drop apostrophes
		default:
			dash = true
		}
	}
	return b.String()
}

// plainLetter reports whether r is in a range of the scripts headings
// are most often written in beyond ASCII whose every rune Slug keeps as
// it is (a letter, digit or mark that lowers to itself): French's
// lowercase accented letters, Arabic's letters, marks and digits, and
// the common Chinese characters. These skip the Unicode tables, which
// the general case asks four times a rune (TestPlainLetter holds the
// ranges to them).
func plainLetter(r rune) bool {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF:
		return true
	case 0x0621 <= r && r <= 0x0669:
		return true
	case 0xDF <= r && r <= 0xFF:
		return r != 0xF7 // ÷
	}
	return false
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	if s.hidden > 0 {
		return s.aside.Generate(value, kind)
	}
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	i := s.next[base]
	for s.used[id] {
		i++
		id = base + "-" + strconv.Itoa(i)
	}
	s.next[base] = i
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
