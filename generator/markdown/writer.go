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
var special = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// rawSpecial are the bytes DefaultWriter.RawWrite changes.
var rawSpecial = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true}

func (textWriter) Write(w util.BufWriter, source []byte) {
	for i, c := range source {
		if special[c] {
			_, _ = w.Write(source[:i])
			html.DefaultWriter.Write(w, source[i:])
			return
		}
	}
	_, _ = w.Write(source)
}

func (textWriter) RawWrite(w util.BufWriter, source []byte) {
	for i, c := range source {
		if rawSpecial[c] {
			_, _ = w.Write(source[:i])
			html.DefaultWriter.RawWrite(w, source[i:])
			return
		}
	}
	_, _ = w.Write(source)
}

func (textWriter) SecureWrite(w util.BufWriter, source []byte) {
	html.DefaultWriter.SecureWrite(w, source)
}

var _ html.Writer = textWriter{}
