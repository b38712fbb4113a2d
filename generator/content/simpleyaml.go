package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// simpleYAML decodes the front matter nearly every page has — `key: value`
// lines of known keys whose values are plain words, quoted text without
// escapes, small integers, true or false, and lists of such text — without
// the YAML library, whose lexer, parser and reflection cost more than the
// rest of reading a page. It returns false, having touched nothing, for
// anything else and anything it is not sure of (comments, anchors, tags,
// escapes, text YAML could read as another type, multi-line values, odd
// indentation, duplicate or unknown keys): decode.YAML reads those, and
// reports their mistakes. What it accepts, decode.YAML reads to the same
// FrontMatter with no message (TestSimpleYAMLMatchesDecoder,
// FuzzSimpleYAML).
func simpleYAML(fm []byte, into *FrontMatter) bool {
	if bytes.IndexByte(fm, '\t') >= 0 || bytes.IndexByte(fm, '#') >= 0 {
		return false
	}
	var out FrontMatter
	var seen uint16
	var list *[]string // the block list being read, after a `key:` line
	listIndent := -1   // its items' indentation, once the first is read
	keys := 0
	for rest := fm; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimRight(line, " ")
		if list != nil {
			indent := len(line) - len(bytes.TrimLeft(line, " "))
			if indent < len(line) && line[indent] == '-' {
				if listIndent >= 0 && indent != listIndent || !bytes.HasPrefix(line[indent:], []byte("- ")) {
					return false
				}
				listIndent = indent
				item, ok := simpleText(bytes.TrimLeft(line[indent+2:], " "), false)
				if !ok {
					return false
				}
				*list = append(*list, item)
				continue
			}
			if listIndent < 0 {
				return false // `key:` with no item: null, left to the library
			}
			list, listIndent = nil, -1
		}
		if len(line) == 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || !isASCIILetters(line[:colon]) {
			return false
		}
		key := string(line[:colon])
		value := line[colon+1:]
		if len(value) > 0 && value[0] != ' ' {
			return false
		}
		value = bytes.TrimLeft(value, " ")
		bit := uint16(0)
		switch key {
		case "title", "description", "slug", "translationKey", "audience", "translatedFrom":
			s, ok := simpleText(value, false)
			if !ok {
				return false
			}
			bit = setString(&out, key, s)
		case "weight", "duration":
			n, ok := simpleInt(value)
			if !ok {
				return false
			}
			if key == "weight" {
				out.Weight, bit = n, 1<<8
			} else {
				out.Duration, bit = n, 1<<9
			}
		case "draft":
			switch string(value) {
			case "true":
				out.Draft = true
			case "false":
			default:
				return false
			}
			bit = 1 << 10
		case "aliases", "objectives", "keypoints", "prerequisites":
			target := listField(&out, key)
			bit = 1 << (11 + listIndex(key))
			if len(value) == 0 {
				list, listIndent = target, -1
			} else if items, ok := simpleFlowList(value); ok {
				*target = items
			} else {
				return false
			}
		default:
			return false // unknown: the library says what it may be
		}
		if seen&bit != 0 {
			return false // given twice: the library's message says where
		}
		seen |= bit
		keys++
	}
	if list != nil && listIndent < 0 || keys == 0 {
		return false
	}
	*into = out
	return true
}

func setString(fm *FrontMatter, key, s string) uint16 {
	switch key {
	case "title":
		fm.Title = s
		return 1 << 0
	case "description":
		fm.Description = s
		return 1 << 1
	case "slug":
		fm.Slug = s
		return 1 << 2
	case "translationKey":
		fm.TranslationKey = s
		return 1 << 3
	case "audience":
		fm.Audience = s
		return 1 << 4
	}
	fm.TranslatedFrom = s
	return 1 << 5
}

func listIndex(key string) int {
	switch key {
	case "aliases":
		return 0
	case "objectives":
		return 1
	case "keypoints":
		return 2
	}
	return 3
}

func listField(fm *FrontMatter, key string) *[]string {
	switch key {
	case "aliases":
		return &fm.Aliases
	case "objectives":
		return &fm.Objectives
	case "keypoints":
		return &fm.Keypoints
	}
	return &fm.Prerequisites
}

func isASCIILetters(b []byte) bool {
	for _, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// simpleInt reads 0 or an integer of at most nine digits with no leading
// zero (012 is octal to YAML 1.1) and no sign but a minus.
func simpleInt(v []byte) (int, bool) {
	neg := len(v) > 0 && v[0] == '-'
	if neg {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 9 || v[0] == '0' && (len(v) > 1 || neg) {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// simpleText reads a value that YAML can only read as text: quoted with no
// escape and no quotation mark inside, or plain, opening with a letter,
// made of letters, digits, spaces and a few punctuation marks, and not one
// of the words YAML reads as true, false or null. inFlow is for an item
// of a [flow, list], where a comma ends it.
func simpleText(v []byte, inFlow bool) (string, bool) {
	if len(v) == 0 {
		return "", false
	}
	if q := v[0]; q == '"' || q == '\'' {
		if len(v) < 2 || v[len(v)-1] != q {
			return "", false
		}
		inner := v[1 : len(v)-1]
		for _, c := range inner {
			if c == '"' || c == '\'' || c == '\\' || inFlow && c == ',' {
				return "", false
			}
		}
		if !printable(inner) {
			return "", false
		}
		return string(inner), true
	}
	r, _ := utf8.DecodeRune(v)
	if !unicode.IsLetter(r) {
		return "", false
	}
	for _, c := range v {
		if c < 0x80 && !plainASCII[c] {
			return "", false
		}
	}
	if !printable(v) || yamlWord(v) {
		return "", false
	}
	return string(v), true
}

// plainASCII are the ASCII bytes a plain value may hold here: none of
// YAML's indicators (: # , [ ] { } & * ! | > % @ `) nor quotes.
var plainASCII = func() (ok [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		ok[c], ok[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		ok[c] = true
	}
	for _, c := range " .;?()-_/+=" {
		ok[c] = true
	}
	return ok
}()

// printable reports whether the non-ASCII runes of b are all printable and
// none is a space or line break YAML might treat as one (NBSP, U+2028).
func printable(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			if b[i] < 0x20 || b[i] == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// yamlWord reports whether YAML (1.1 or 1.2) reads v as a boolean or null.
func yamlWord(v []byte) bool {
	if len(v) > 5 {
		return false
	}
	switch strings.ToLower(string(v)) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return true
	}
	return false
}

// simpleFlowList reads [a, "b", c]: one or more items simpleText accepts.
func simpleFlowList(v []byte) ([]string, bool) {
	if len(v) < 3 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil, false
	}
	var items []string
	for part := range bytes.SplitSeq(v[1:len(v)-1], []byte(",")) {
		item, ok := simpleText(bytes.Trim(part, " "), true)
		if !ok {
			return nil, false
		}
		items = append(items, item)
	}
	return items, true
}
