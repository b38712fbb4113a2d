// The scanner as it was before it was made faster (commit 3c257ca), kept
// verbatim as the oracle of differential_test.go: the fast one must find
// exactly what this one finds.

package refscan_test

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// appendCSS appends the URLs a style sheet loads to refs: url(...) in any
// form, the string of @import "x", and the strings of image-set(). Offsets
// are those of the URLs themselves (inside the quotes) in src, plus base
// (the sheet's offset in an HTML file); attr is the attribute the sheet is
// written in, if any. In a template, a {{ … }} action is read as a whole.
//
// It tokenizes as CSS Syntax Level 3 does where it matters here (comments,
// strings, escapes, identifiers followed by "("), so that a url( inside a
// comment or a string is not taken for one, and font names in local("...")
// or format("woff2") are not URLs.
func appendCSS(refs []Ref, src []byte, base int, template bool, attr attrName) []Ref {
	emit := func(u string, at int) {
		refs = append(refs, Ref{URL: u, Offset: base + at, Kind: Resource, attr: attr})
	}
	importPending := false // after @import, until its first string or url()
	depth := 0             // parentheses
	var imageSets []int    // depths of the open image-set( functions
	inImageSet := func() bool { return len(imageSets) > 0 && imageSets[len(imageSets)-1] == depth }
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return refs
			}
			i += end + 4
		case template && c == '{' && i+1 < len(src) && src[i+1] == '{':
			i = skipAction(src, i)
		case c == '"' || c == '\'':
			value, next := cssString(src, i, template)
			if importPending || inImageSet() {
				emit(value, i+1)
				importPending = false
			}
			i = next
		case c == '@':
			name, next := cssIdent(src, i+1)
			importPending = strings.EqualFold(name, "import")
			i = max(next, i+1)
		case isCSSIdentStart(src, i):
			name, next := cssIdent(src, i)
			if next < len(src) && src[next] == '(' {
				fn := strings.ToLower(name)
				if fn == "url" {
					value, at, after, ok := cssURL(src, next+1, template)
					if ok {
						emit(value, at)
						importPending = false
						i = after
						continue
					}
				}
				depth++
				if fn == "image-set" || fn == "-webkit-image-set" {
					imageSets = append(imageSets, depth)
				}
				i = next + 1
				continue
			}
			i = max(next, i+1)
		case c == '(':
			depth++
			i++
		case c == ')':
			if inImageSet() {
				imageSets = imageSets[:len(imageSets)-1]
			}
			depth = max(depth-1, 0)
			i++
		case c == ';' || c == '{' || c == '}':
			importPending = false
			i++
		case c == '\\':
			i += 2 // an escaped character outside an identifier
		default:
			i++
		}
	}
	return refs
}

// cssString decodes the string starting with the quote at i and returns it
// with the offset after it. An unescaped newline ends it, as in CSS. In a
// template, an action is part of the string, quotes in it included.
func cssString(src []byte, i int, template bool) (string, int) {
	quote := src[i]
	var b strings.Builder
	for i++; i < len(src); {
		c := src[i]
		switch {
		case template && c == '{' && i+1 < len(src) && src[i+1] == '{':
			end := skipAction(src, i)
			b.Write(src[i:end])
			i = end
		case c == quote:
			return b.String(), i + 1
		case c == '\n':
			return b.String(), i
		case c == '\\':
			if i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r' || src[i+1] == '\f') {
				i += 2 // a line continuation
				continue
			}
			r, next := cssEscape(src, i)
			b.WriteRune(r)
			i = next
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), i
}

// cssURL reads the argument of url( starting at i, quoted or not, and
// returns it with its offset (inside the quotes) and the offset after the
// closing parenthesis. ok is false when there is no argument.
func cssURL(src []byte, i int, template bool) (value string, at, next int, ok bool) {
	for i < len(src) && isCSSSpace(src[i]) {
		i++
	}
	if i >= len(src) {
		return "", i, i, false
	}
	at = i
	if src[i] == '"' || src[i] == '\'' {
		at = i + 1
		value, i = cssString(src, i, template)
	} else {
		var b strings.Builder
		for i < len(src) && src[i] != ')' && !isCSSSpace(src[i]) {
			if template && isAction(src, i) {
				end := skipAction(src, i)
				b.Write(src[i:end])
				i = end
				continue
			}
			if src[i] == '\\' {
				r, n := cssEscape(src, i)
				b.WriteRune(r)
				i = n
				continue
			}
			b.WriteByte(src[i])
			i++
		}
		value = b.String()
	}
	for i < len(src) && isCSSSpace(src[i]) {
		i++
	}
	if i < len(src) && src[i] == ')' {
		i++
	}
	return value, at, i, true
}

// cssIdent reads an identifier (escapes decoded) starting at i.
func cssIdent(src []byte, i int) (string, int) {
	var b strings.Builder
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && src[i+1] != '\n':
			r, n := cssEscape(src, i)
			b.WriteRune(r)
			i = n
		case c == '-' || c == '_' || c >= 0x80 || isASCIILetter(c) || '0' <= c && c <= '9':
			b.WriteByte(c)
			i++
		default:
			return b.String(), i
		}
	}
	return b.String(), i
}

func isCSSIdentStart(src []byte, i int) bool {
	c := src[i]
	return c == '-' || c == '_' || c >= 0x80 || isASCIILetter(c) ||
		c == '\\' && i+1 < len(src) && src[i+1] != '\n'
}

// cssEscape decodes the escape whose backslash is at i: up to six hex
// digits and one white space, or the next character as itself.
func cssEscape(src []byte, i int) (rune, int) {
	i++ // the backslash
	if i >= len(src) {
		return utf8.RuneError, i
	}
	if isHexDigit(src[i]) {
		var r rune
		n := 0
		for ; n < 6 && i < len(src) && isHexDigit(src[i]); n, i = n+1, i+1 {
			r = r<<4 | rune(hexValue(src[i]))
		}
		if i < len(src) && isCSSSpace(src[i]) {
			i++
		}
		if r == 0 || r > utf8.MaxRune || 0xD800 <= r && r <= 0xDFFF {
			r = utf8.RuneError
		}
		return r, i
	}
	r, size := utf8.DecodeRune(src[i:])
	return r, i + size
}

func isCSSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexValue(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
