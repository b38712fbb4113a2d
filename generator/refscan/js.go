package refscan

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"
)

// scanJS returns the absolute URLs a script evidently requests (see
// literal for which), each at its first character (after the quote).
// Offsets are relative to src plus base.
//
// It is a lexer, not a parser: it skips comments, reads string and
// template literals, and tells a regular expression from a division by the
// token before the slash, which is right for the code people write. When
// it guesses wrong, a string or regular expression cannot run past the end
// of its line, so the damage stays local.
func scanJS(src []byte, base int) []Ref {
	s := &jsScanner{src: src, base: base}
	s.code(0)
	return s.refs
}

type jsScanner struct {
	src  []byte
	base int
	i    int
	refs []Ref
	// recent holds the last significant tokens, oldest first: identifiers
	// and punctuation as written, "\"" for a string or template, "/" for a
	// regular expression or division.
	recent [3]string
}

// maxTemplateNesting bounds the recursion of `${`...`}` inside templates;
// beyond it the rest is skipped, which only costs missed references.
const maxTemplateNesting = 64

// code scans JavaScript. At nesting 0 it runs to the end of input; inside
// a template substitution it stops after the "}" that closes it.
func (s *jsScanner) code(nesting int) {
	braces := 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.i++
		case c == '/' && s.peek(1) == '/':
			if end := bytes.IndexByte(s.src[s.i:], '\n'); end >= 0 {
				s.i += end
			} else {
				s.i = len(s.src)
			}
		case c == '/' && s.peek(1) == '*':
			if end := bytes.Index(s.src[s.i+2:], []byte("*/")); end >= 0 {
				s.i += end + 4
			} else {
				s.i = len(s.src)
			}
		case c == '/':
			if s.regexAllowed() {
				s.skipRegex()
			} else {
				s.i++
			}
			s.push("/")
		case c == '"' || c == '\'':
			start := s.i
			if raw, ok := s.plainStr(c); ok {
				// Most strings hold no escape: their value is their text,
				// and a string that cannot be an absolute URL is not made.
				if bytes.Contains(raw, []byte("://")) {
					s.literal(string(raw), start+1)
				}
			} else {
				s.literal(s.str(c), start+1)
			}
			s.push(`"`)
		case c == '`':
			start := s.i
			value := s.template(nesting)
			s.literal(value, start+1)
			s.push(`"`)
		case isJSIdentByte(c):
			start := s.i
			for s.i < len(s.src) && isJSIdentByte(s.src[s.i]) {
				s.i++
			}
			s.push(jsWord(s.src[start:s.i]))
		case c == '{':
			braces++
			s.i++
			s.push("{")
		case c == '}':
			s.i++
			if nesting > 0 && braces == 0 {
				return
			}
			braces--
			s.push("}")
		default:
			s.i++
			s.push(punctuation[c])
		}
	}
}

func (s *jsScanner) peek(n int) byte {
	if s.i+n < len(s.src) {
		return s.src[s.i+n]
	}
	return 0
}

func (s *jsScanner) push(token string) {
	s.recent[0], s.recent[1], s.recent[2] = s.recent[1], s.recent[2], token
}

// regexAllowed reports whether a slash here starts a regular expression:
// after an operator, an opening bracket or a keyword that takes an
// expression, but not after a value (a name, a number, a literal, ")" or "]").
func (s *jsScanner) regexAllowed() bool {
	prev := s.recent[2]
	switch prev {
	case "", "}":
		return true
	case ")", "]", `"`, "/":
		return false
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
		"throw", "case", "do", "else", "yield", "await":
		return true
	}
	return !isJSIdentByte(prev[0])
}

func (s *jsScanner) skipRegex() {
	inClass := false
	for s.i++; s.i < len(s.src); s.i++ {
		switch s.src[s.i] {
		case '\\':
			s.i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '\n':
			return // not a regular expression after all
		case '/':
			if !inClass {
				s.i++
				for s.i < len(s.src) && isJSIdentByte(s.src[s.i]) {
					s.i++ // flags
				}
				return
			}
		}
	}
}

// plainStr reads the string literal starting at the quote at s.i when it
// holds no escape, as str would, and returns its text; ok is false, and
// nothing read, when it holds one. It looks for the closing quote, then
// for an escape or a line break before it, with IndexByte: the strings of
// a search index are kilobytes long.
func (s *jsScanner) plainStr(quote byte) (text []byte, ok bool) {
	from := s.i + 1
	end := bytes.IndexByte(s.src[from:], quote)
	closed := end >= 0
	if !closed {
		end = len(s.src) - from
	}
	text = s.src[from : from+end]
	lineEnd := bytes.IndexByte(text, '\n')
	if r := bytes.IndexByte(text, '\r'); r >= 0 && (lineEnd < 0 || r < lineEnd) {
		lineEnd = r
	}
	if lineEnd >= 0 {
		text = text[:lineEnd]
	}
	if bytes.IndexByte(text, '\\') >= 0 {
		return nil, false
	}
	switch {
	case lineEnd >= 0:
		s.i = from + lineEnd
	case closed:
		s.i = from + end + 1
	default:
		s.i = len(s.src)
	}
	return text, true
}

// jsWord is the token recent keeps for an identifier, keyword or number:
// itself when regexAllowed or requestContext looks for it, else "x", which
// they take as they take any name. Making a string of every name was most
// of the allocations of scanning a search index.
func jsWord(word []byte) string {
	switch string(word) {
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
		"throw", "case", "do", "else", "yield", "await",
		"fetch", "import", "importScripts", "sendBeacon", "EventSource", "WebSocket", "Worker", "SharedWorker",
		"src", "srcset", "from":
		return string(word)
	}
	return "x"
}

// str reads the string literal starting at the quote at s.i and returns
// its value. An unescaped line break ends it (a syntax error in
// JavaScript), which keeps a mistaken guess local.
func (s *jsScanner) str(quote byte) string {
	var b strings.Builder
	for s.i++; s.i < len(s.src); {
		c := s.src[s.i]
		switch c {
		case quote:
			s.i++
			return b.String()
		case '\n', '\r':
			return b.String()
		case '\\':
			s.escape(&b)
		default:
			b.WriteByte(c)
			s.i++
		}
	}
	return b.String()
}

// template reads the template literal starting at the backquote at s.i and
// returns its text up to the first substitution: the part that can be
// checked as a URL.
func (s *jsScanner) template(nesting int) string {
	var b strings.Builder
	prefixDone := false
	for s.i++; s.i < len(s.src); {
		c := s.src[s.i]
		switch {
		case c == '`':
			s.i++
			return b.String()
		case c == '\\':
			if prefixDone {
				s.i += 2
				continue
			}
			s.escape(&b)
		case c == '$' && s.peek(1) == '{':
			s.i += 2
			prefixDone = true
			if nesting >= maxTemplateNesting {
				s.i = len(s.src)
				return b.String()
			}
			saved := s.recent
			s.recent = [3]string{}
			s.code(nesting + 1)
			s.recent = saved
		default:
			if !prefixDone {
				b.WriteByte(c)
			}
			s.i++
		}
	}
	return b.String()
}

// escape decodes the escape sequence at s.i into b.
func (s *jsScanner) escape(b *strings.Builder) {
	s.i++ // the backslash
	if s.i >= len(s.src) {
		return
	}
	c := s.src[s.i]
	s.i++
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b', 'f', 'v', '0':
		// Not in URLs; keep the string's shape.
		b.WriteByte(' ')
	case '\r', '\n':
		// A line continuation.
		if c == '\r' && s.peek(0) == '\n' {
			s.i++
		}
	case 'x':
		if r, ok := s.hexRune(2); ok {
			b.WriteRune(r)
		}
	case 'u':
		if s.peek(0) == '{' {
			// Look for the "}" nearby only: a code point has at most six
			// digits, and searching further would rescan the file per escape.
			window := s.src[s.i:min(s.i+8, len(s.src))]
			end := bytes.IndexByte(window, '}')
			if end > 1 && end <= 7 {
				var r rune
				for _, h := range s.src[s.i+1 : s.i+end] {
					if !isHexDigit(h) {
						return
					}
					r = r<<4 | rune(hexValue(h))
				}
				s.i += end + 1
				if r > utf8.MaxRune {
					r = utf8.RuneError
				}
				b.WriteRune(r)
			}
			return
		}
		if r, ok := s.hexRune(4); ok {
			b.WriteRune(r)
		}
	default:
		// "\/" in JSON, "\'" and the like: the character itself. Put back a
		// byte of a multi-byte character so it is copied whole.
		s.i--
		_, size := utf8.DecodeRune(s.src[s.i:])
		b.Write(s.src[s.i : s.i+size])
		s.i += size
	}
}

func (s *jsScanner) hexRune(digits int) (rune, bool) {
	if s.i+digits > len(s.src) {
		return 0, false
	}
	var r rune
	for _, h := range s.src[s.i : s.i+digits] {
		if !isHexDigit(h) {
			return 0, false
		}
		r = r<<4 | rune(hexValue(h))
	}
	s.i += digits
	return r, true
}

// literal records value, a string found at offset, when it is an absolute
// URL the script evidently requests.
func (s *jsScanner) literal(value string, offset int) {
	v := strings.TrimSpace(value)
	scheme, ok := Scheme(v)
	if !ok || !strings.HasPrefix(v[len(scheme)+1:], "//") {
		return
	}
	switch scheme {
	case "ws", "wss":
	case "http", "https":
		if !s.requestContext() && !isScriptResource(v) {
			return
		}
	default:
		return
	}
	s.refs = append(s.refs, Ref{URL: v, Offset: s.base + offset, Kind: ScriptRequest})
}

// requestFunctions take a URL to load as their first argument.
var requestFunctions = map[string]bool{
	"fetch": true, "import": true, "importScripts": true, "sendBeacon": true,
	"EventSource": true, "WebSocket": true, "Worker": true, "SharedWorker": true,
}

// requestContext reports whether the string just read is loaded by the
// code around it: fetch("…"), x.src = "…", import "…", from "…".
func (s *jsScanner) requestContext() bool {
	r := s.recent
	switch {
	case r[2] == "(" && requestFunctions[r[1]]:
		return true
	case r[2] == "=" && (r[1] == "src" || r[1] == "srcset") && r[0] == ".":
		return true
	case r[2] == "import" || r[2] == "from":
		return true
	}
	return false
}

// isScriptResource reports whether u names a file that a script loads
// rather than a page it links to.
func isScriptResource(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	switch strings.ToLower(path.Ext(u)) {
	case ".js", ".mjs", ".cjs", ".css", ".wasm", ".woff", ".woff2", ".ttf", ".otf", ".eot":
		return true
	}
	return false
}

// punctuation holds the one-byte strings of ASCII: string(c) of a byte
// allocates, and scripts are mostly punctuation.
var punctuation = func() (p [0x80]string) {
	for c := range p {
		p[c] = string(rune(c))
	}
	return p
}()

func isJSIdentByte(c byte) bool { return jsIdentBytes[c] }

// jsIdentBytes are the bytes of names and numbers (any non-ASCII byte
// is taken for part of a name): a table, for the loops over every byte
// of a script.
var jsIdentBytes = func() (t [256]bool) {
	for c := range 256 {
		b := byte(c)
		t[c] = b == '_' || b == '$' || b >= 0x80 || isASCIILetter(b) || '0' <= b && b <= '9'
	}
	return t
}()
