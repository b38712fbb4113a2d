package markdown

import (
	"bytes"
	"encoding/binary"
	"math/bits"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM, its parts in the same order, with
// linkify behind linkifyGate.
func gfm() []goldmark.Extender {
	return []goldmark.Extender{linkifyGate{}, extension.Table, extension.Strikethrough, extension.TaskList}
}

// gfmUnlinked is gfm() without linkify, for the documents
// unlinkedIsExact accepts.
func gfmUnlinked() []goldmark.Extender {
	return []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList}
}

// unlinkedIsExact reports whether src parses to the same output without
// linkify as with it (Converter.unlinked). Linkify must link nothing in
// it (mayLinkify), and its triggers must not matter: with them goldmark
// cuts a line's text at every blank and trims only the last piece, so a
// line ending in two blanks or more ("a    " before a hard break, "a \t"
// at the end) keeps all but its last blank with linkify and none without.
// So src has no run of two spaces but the indentation that starts a line
// and goes on after it, and, to stay far from every other end of a line
// and from tabs, no '\r' and no tab. The text nodes come out cut
// differently ("foo bar" is two with linkify, one without): what reads
// them (glossary runs, search text, ids) joins neighbours, which
// TestUnlinkedIsLinkify and FuzzUnlinked hold.
func unlinkedIsExact(src []byte) bool {
	if mayLinkify(src) || bytes.IndexByte(src, '\r') >= 0 || bytes.IndexByte(src, '\t') >= 0 {
		return false
	}
	// Without tabs, a run of blanks is one of spaces; look for two at a
	// time rather than at every byte.
	for i := 0; ; {
		k := nextTwoSpaces(src, i)
		if k < 0 {
			return true
		}
		j := k + 2
		for j < len(src) && src[j] == ' ' {
			j++
		}
		if (k > 0 && src[k-1] != '\n') || j == len(src) || src[j] == '\n' {
			return false
		}
		i = j
	}
}

// nextTwoSpaces is the index of the first "  " in src[i:], or -1. It
// reads eight bytes at a time, for the pairs that start in the first
// seven of them: bytes.Index, given "  ", stops at every space of the
// page to look at the next byte (spaces are too frequent for its
// IndexByte to pay), then goes a byte at a time, a twentieth of
// converting a page.
func nextTwoSpaces(src []byte, i int) int {
	const (
		ones   = 0x0101010101010101
		spaces = ' ' * ones
		byte7  = 0xff << 56
	)
	s := src[i:]
	for ; len(s) >= 8; s = s[7:] {
		x := binary.LittleEndian.Uint64(s) ^ spaces
		// Byte k of y is zero where bytes k and k+1 were both spaces;
		// byte 7, whose next is the next round's byte 0, is not.
		y := x | x>>8 | byte7
		// The high bits of y's zero bytes, and maybe of bytes above
		// one: the lowest is the first pair.
		if z := (y - ones) &^ y & (0x80 * ones); z != 0 {
			return len(src) - len(s) + bits.TrailingZeros64(z)/8
		}
	}
	for i = len(src) - len(s); i+1 < len(src); i++ {
		if src[i] == ' ' && src[i+1] == ' ' {
			return i
		}
	}
	return -1
}

// linkifyGate is GFM's linkify (bare URLs and e-mail addresses become
// links), asked only in documents where it can find something. goldmark
// asks it at every space of every text, and it looks each time (the
// next word for an e-mail address above all): a tenth of parsing a page.
// It links nothing but what starts with "http:", "https:", "ftp:" or
// "www.", or an address with "@": a document that has none of these
// anywhere gets nil at once, as linkify would have answered, and a
// document that has one gets linkify.
type linkifyGate struct{}

func (linkifyGate) Extend(m goldmark.Markdown) {
	// The priority extension.Linkify gives it.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(&linkifyGateParser{extension.NewLinkifyParser()}, 999)))
}

// linkifyGateParser is a pointer in goldmark's table of inline parsers:
// as a value, each call at each space went through a wrapper that copied
// it.
type linkifyGateParser struct{ parser.InlineParser }

var linkifyKey = parser.NewContextKey()

func (p *linkifyGateParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	may, known := pc.Get(linkifyKey).(bool)
	if !known {
		may = mayLinkify(block.Source())
		pc.Set(linkifyKey, may)
	}
	if !may {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// mayLinkify reports whether linkify may find something in src: an "@",
// "www.", or a ":" after "http", "https" or "ftp". It looks for the
// colons rather than for each scheme: "h" and "f" are in every other
// word, and a look for "http:" stopped at each to compare, over the
// whole page, once for each scheme.
func mayLinkify(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("www.")) {
		return true
	}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], ':')
		if j < 0 {
			return false
		}
		i += j
		before := src[:i]
		if bytes.HasSuffix(before, []byte("http")) || bytes.HasSuffix(before, []byte("https")) || bytes.HasSuffix(before, []byte("ftp")) {
			return true
		}
		i++
	}
}
