package markdown

import (
	"strconv"
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
	return string(appendSlug(make([]byte, 0, len(s)), []byte(s)))
}

// appendSlug appends Slug of s to dst: Generate makes an id in the
// bytes it returns, where a string was made, copied to the bytes, and
// made from them again.
func appendSlug(dst, s []byte) []byte {
	start := len(dst)
	dash := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII: the general case below, without decoding and
			// Unicode tables.
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				// drop apostrophes: "officer's" → "officers"
				continue
			default:
				dash = true
				continue
			}
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		if !plainLetter(r) {
			// As strings.ToLower would lower it (an invalid byte reads
			// as U+FFFD either way).
			r = unicode.ToLower(r)
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			case r == '\'' || r == '’':
				// drop apostrophes
				continue
			default:
				dash = true
				continue
			}
		}
		if dash && len(dst) > start {
			dst = append(dst, '-')
		}
		dash = false
		dst = utf8.AppendRune(dst, r)
	}
	return dst
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
	id := appendSlug(make([]byte, 0, len(value)), value)
	if len(id) == 0 {
		id = append(id, "section"...)
	}
	// Most ids are new: an id not used yet was never a base that took a
	// suffix either (the base itself is used first), so it is the id,
	// with next left at 0.
	if !s.used[string(id)] {
		s.used[string(id)] = true
		return id
	}
	base := string(id)
	i := s.next[base]
	for s.used[string(id)] {
		i++
		id = strconv.AppendInt(append(append(id[:0], base...), '-'), int64(i), 10)
	}
	s.next[base] = i
	s.used[string(id)] = true
	return id
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
