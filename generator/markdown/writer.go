package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter writes text as goldmark's html.DefaultWriter does, byte for
// byte, but cheaper: most text has nothing to escape, resolve or unescape,
// and DefaultWriter still looks at every byte twice (once for entities and
// backslashes, once more for the HTML escapes) and writes a slice per
// escape. textWriter finds the first byte that may need any of that and
// hands only the rest to DefaultWriter. That is the same output because
// DefaultWriter never looks back past such a byte: its only state is "the
// previous byte was a backslash", and entities are read forwards from "&".
type textWriter struct{}

// special are the bytes DefaultWriter.Write may change or read as the
// start of something: the HTML escapes (NUL becomes U+FFFD), "&" of an
// entity and "\" of an escape.
var special = [256]uint8{0: 1, '"': 1, '&': 1, '<': 1, '>': 1, '\\': 1}

// rawSpecial are the bytes DefaultWriter.RawWrite changes.
var rawSpecial = [256]uint8{0: 1, '"': 1, '&': 1, '<': 1, '>': 1}

// firstOf is the index of the first byte of s that set has, or len(s).
// It looks at eight bytes at a time, their table entries or-ed without a
// branch: a byte at a time, the loop's own compare and branch cost more
// than the look-up (a twentieth of converting a page went here).
func firstOf(s []byte, set *[256]uint8) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8 : i+8]
		if set[b[0]]|set[b[1]]|set[b[2]]|set[b[3]]|set[b[4]]|set[b[5]]|set[b[6]]|set[b[7]] != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if set[s[i]] != 0 {
			return i
		}
	}
	return len(s)
}

func (textWriter) Write(w util.BufWriter, source []byte) {
	if i := firstOf(source, &special); i < len(source) {
		_, _ = w.Write(source[:i])
		html.DefaultWriter.Write(w, source[i:])
		return
	}
	_, _ = w.Write(source)
}

func (textWriter) RawWrite(w util.BufWriter, source []byte) {
	if i := firstOf(source, &rawSpecial); i < len(source) {
		_, _ = w.Write(source[:i])
		html.DefaultWriter.RawWrite(w, source[i:])
		return
	}
	_, _ = w.Write(source)
}

func (textWriter) SecureWrite(w util.BufWriter, source []byte) {
	html.DefaultWriter.SecureWrite(w, source)
}

var _ html.Writer = textWriter{}
