package content

import (
	"bytes"
	"fmt"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// MaxNesting is the deepest nesting of blocks (fenced divs, blockquotes and
// list items inside one another) a page may have.
//
// goldmark keeps every open block on a stack and revisits the stack on each
// line, and our fenced divs are resolved by AST transformers that walk the
// tree; both get slow far before the Go stack overflows: ten thousand
// nested "::: note" blocks take minutes, ten thousand ">" on many lines tens
// of seconds. No course nests more than a handful of blocks, so a page beyond
// this depth is a mistake (a runaway ">" or list marker, or hundreds of
// "::: name" lines never closed) and is refused before it reaches the parser.
const MaxNesting = 200

// CheckNesting scans s.Body for blocks nested deeper than MaxNesting and
// reports the first line where that happens. It returns false when the page
// must be skipped. The scan is a line-by-line estimate, linear in the size of
// the file; it never under-counts what goldmark would nest by more than the
// indentation of list items it cannot see.
func CheckNesting(s *Source, diags *diag.List) bool {
	line, depth := nestingExceeded(s.Body, MaxNesting)
	if line == 0 {
		return true
	}
	diags.Add(diag.Diagnostic{File: s.File, Line: s.BodyLine + line, Col: 1, Severity: diag.Error, Code: "too-deep",
		Message: fmt.Sprintf("blocks are nested %d levels deep here; the limit is %d, so this file is skipped", depth, MaxNesting),
		Hint:    "look for \"::: name\" lines without their closing \":::\", or a long run of > or list markers"})
	return false
}

// nestingExceeded returns the 1-based line of body where the estimated
// nesting first exceeds limit, and the depth there; 0 when it never does.
//
// The depth of a line is the number of fenced divs open around it plus the
// container markers it starts with ("> > - 1. text" is four) plus, for a
// list item, the list items it is indented under. Lines inside fenced code
// are not counted.
func nestingExceeded(body []byte, limit int) (line, depth int) {
	divs := 0
	var fence []byte // the opening fence of the code block we are in
	var listIndents []int
	n := 0
	for start := 0; start < len(body); {
		end := len(body)
		if i := bytes.IndexByte(body[start:], '\n'); i >= 0 {
			end = start + i // found by IndexByte's vector loop: paragraphs are long lines
		}
		text := body[start:end]
		start = end + 1
		n++

		markers, rest, indent, isItem := containerPrefix(text)
		if fence != nil {
			if closesFence(rest, fence) {
				fence = nil
			}
			continue
		}
		if f := openingFence(rest); f != nil {
			fence = f
		}
		switch {
		case isItem:
			for len(listIndents) > 0 && listIndents[len(listIndents)-1] >= indent {
				listIndents = listIndents[:len(listIndents)-1]
			}
			listIndents = append(listIndents, indent)
		case len(trimSpace(text)) > 0 && indent == 0 && markers == 0:
			listIndents = listIndents[:0]
		}
		d := divs + markers
		if isItem {
			d += len(listIndents) - 1
		}
		if colons := leadingColons(rest); colons >= 3 {
			if len(trimSpace(rest[colons:])) == 0 {
				if divs > 0 {
					divs--
				}
			} else {
				divs++
				d++
			}
		}
		if d > limit {
			return n, d
		}
	}
	return 0, 0
}

// containerPrefix counts the blockquote and list markers that open line and
// returns what follows them, the indentation of the line's first list
// marker, and whether the line starts a list item.
func containerPrefix(line []byte) (markers int, rest []byte, indent int, isItem bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	indent = i
	for i < len(line) {
		switch c := line[i]; {
		case c == '>':
			markers++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			if !isItem {
				indent = i
			}
			isItem = true
			markers++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				if !isItem {
					indent = i
				}
				isItem = true
				markers++
				i = j + 2
				continue
			}
			return markers, line[i:], indent, isItem
		default:
			return markers, line[i:], indent, isItem
		}
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	return markers, line[i:], indent, isItem
}

func leadingColons(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ':' {
		n++
	}
	return n
}

// openingFence returns the fence ("```", "~~~~") a line opens, or nil.
func openingFence(b []byte) []byte {
	if len(b) < 3 || (b[0] != '`' && b[0] != '~') {
		return nil
	}
	n := 0
	for n < len(b) && b[n] == b[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return b[:n]
}

func closesFence(b, fence []byte) bool {
	n := 0
	for n < len(b) && b[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(trimSpace(b[n:])) == 0
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
