package decode

import (
	"bytes"
	"iter"
)

// KeyIndex is the index in lines, the lines of a front matter in format
// ("yaml" or "toml") without its delimiters, of the line where its
// top-level key is written, or -1. It is the one way every message about
// a key (TOML's here, content's), and i18n's rewriting of one, finds its
// line:
//
//   - YAML: "key:" at the start of the line, the key quoted or not
//     ("aliases":, 'aliases':); an indented key belongs to a value above.
//   - TOML: "key =", quoted or not, indented or not, before the first
//     [table] header, after which keys are the table's. Lines inside a
//     multi-line string (between three double or three single quotes)
//     are text, not keys or headers.
//
// YAML messages of package decode take their lines from the parser's
// tree instead, which knows the same.
func KeyIndex(lines [][]byte, format, key string) int {
	if format == "toml" {
		for i, line := range tomlCode(lines) {
			if len(line) > 0 && line[0] == '[' {
				return -1
			}
			if keyThen(line, key, '=') {
				return i
			}
		}
		return -1
	}
	for i, line := range lines {
		if keyThen(line, key, ':') {
			return i
		}
	}
	return -1
}

// TOMLFirstTable is the index in lines, the lines of a TOML document, of
// its first [table] or [[array]] header, or -1: where its top-level keys
// end, and where a key to add to them goes. A line inside a multi-line
// string is text, even when it starts with '['.
func TOMLFirstTable(lines [][]byte) int {
	for i, line := range tomlCode(lines) {
		if len(line) > 0 && line[0] == '[' {
			return i
		}
	}
	return -1
}

// tomlTableIndex is the index in lines, the lines of a TOML document, of
// the first line that makes the top-level key a table without writing
// "key =": a header [key], [key.sub] or [[key]], or a dotted key.sub =
// before the first header; or -1. It is where a message about such a key
// points when KeyIndex, which looks for "key =", finds none.
func tomlTableIndex(lines [][]byte, key string) int {
	header := false
	for i, line := range tomlCode(lines) {
		if len(line) > 0 && line[0] == '[' {
			header = true
			line = bytes.TrimLeft(bytes.TrimLeft(line, "["), " \t")
			if keyThen(line, key, '.') || keyThen(line, key, ']') {
				return i
			}
			continue
		}
		if !header && keyThen(line, key, '.') { // after a header, a dotted key is the table's
			return i
		}
	}
	return -1
}

// tomlCode yields the index of each line of a TOML document that does not
// start inside a multi-line string (between three double or three single
// quotes, which is text), and the line without its indent.
func tomlCode(lines [][]byte) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		open := "" // the multi-line string the line starts in
		for i, line := range lines {
			inString := open != ""
			open = tomlOpenString(line, open)
			if !inString && !yield(i, bytes.TrimLeft(line, " \t")) {
				return
			}
		}
	}
}

// keyThen reports whether line starts with key (see cutKey) followed,
// after spaces, by sep.
func keyThen(line []byte, key string, sep byte) bool {
	rest, ok := cutKey(line, key)
	rest = bytes.TrimLeft(rest, " \t")
	return ok && len(rest) > 0 && rest[0] == sep
}

// tomlOpenString reads a line of TOML that starts inside the multi-line
// string open (three double quotes, three single quotes, or "" for none) and returns the multi-line
// string still open at its end. Single-line strings and comments are
// skipped, so that quotes inside them open nothing.
func tomlOpenString(line []byte, open string) string {
	for i := 0; i < len(line); i++ {
		rest := line[i:]
		switch open {
		case `"""`:
			if rest[0] == '\\' {
				i++
			} else if bytes.HasPrefix(rest, []byte(`"""`)) {
				open, i = "", i+2
			}
		case `'''`:
			if bytes.HasPrefix(rest, []byte(`'''`)) {
				open, i = "", i+2
			}
		default:
			switch {
			case rest[0] == '#':
				return ""
			case bytes.HasPrefix(rest, []byte(`"""`)), bytes.HasPrefix(rest, []byte(`'''`)):
				open, i = string(rest[:3]), i+2
			case rest[0] == '"':
				for i++; i < len(line) && line[i] != '"'; i++ {
					if line[i] == '\\' {
						i++
					}
				}
			case rest[0] == '\'':
				if j := bytes.IndexByte(rest[1:], '\''); j >= 0 {
					i += j + 1
				} else {
					i = len(line)
				}
			}
		}
	}
	return open
}

// cutKey returns what follows key at the start of line, written bare or
// between a pair of the same quotes.
func cutKey(line []byte, key string) ([]byte, bool) {
	if len(line) > 0 && (line[0] == '"' || line[0] == '\'') {
		rest, ok := bytes.CutPrefix(line[1:], []byte(key))
		if !ok || len(rest) == 0 || rest[0] != line[0] {
			return nil, false
		}
		return rest[1:], true
	}
	return bytes.CutPrefix(line, []byte(key))
}
