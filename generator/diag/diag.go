// Package diag holds the messages a build reports to trainers: errors and
// warnings that name a file, a line and a column, say what is wrong and what
// to do next.
//
// A build collects every message instead of stopping at the first one, so a
// trainer fixes all the mistakes of a save in one go. List is safe for
// concurrent use because pages are rendered in parallel.
//
// This package formats and collects; it writes only to the writer Print is
// given, and never exits.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/rivo/uniseg"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a message stops the build.
type Severity int

const (
	// Error makes the build fail (exit code 1).
	Error Severity = iota
	// Warning is reported but the build goes on; --strict turns it into an Error.
	Warning
	// Info is a note about a state the site handles on purpose (pages shown
	// in the default language until translated); --strict leaves it alone.
	Info
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "error"
}

// MarshalText makes the JSON form of a Diagnostic say "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one message about one place in one file.
// Line and Col are 1-based; 0 means unknown (a message about a whole file).
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Hint says what to do next ("did you mean `title`?", "add alt text").
	Hint string `json:"hint,omitempty"`
	// Code is a short stable identifier for CI ("broken-link", "unknown-key").
	Code string `json:"code,omitempty"`
	// Excerpt holds the offending source lines, for the terminal and the
	// live-preview overlay. It is filled by List.Resolve when the source is known.
	Excerpt []ExcerptLine `json:"excerpt,omitempty"`
}

// ExcerptLine is one line of source shown under a message.
type ExcerptLine struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// Error formats the message the way compilers do:
// content/fr/m1/intro.md:14:3: unknown block "scenaro" (did you mean "scenario"?)
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Position())
	b.WriteString(": ")
	if d.Severity != Error {
		b.WriteString(d.Severity.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Position is "file:line:col", leaving out what is unknown.
func (d Diagnostic) Position() string {
	switch {
	case d.File == "":
		return "fieldguide"
	case d.Line == 0:
		return d.File
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
}

// List collects the messages of one build. The zero value is ready to use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// ReadError is the error for a course file that could not be read. The
// course is read through an os.Root, which refuses a symbolic link that
// leads out of the course folder (however many links it takes) with "path
// escapes from parent": that is said in a trainer's words.
func ReadError(file string, err error) Diagnostic {
	if LeavesCourse(err) {
		return Diagnostic{File: file, Severity: Error, Code: "symlink",
			Message: "a symbolic link on this path leads outside the course folder, so the file is not read",
			Hint:    "copy the file into the course instead of linking to it"}
	}
	return Diagnostic{File: file, Severity: Error, Message: "cannot read: " + err.Error()}
}

// LeavesCourse reports whether err is os.Root's refusal of a path that
// leads out of the course folder (its error is not exported).
func LeavesCourse(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}

// Warnf records a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Merge appends every message of other.
func (l *List) Merge(other *List) {
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// Items returns the messages sorted by file, line and column, without
// duplicates (a page rendered for several languages may report one mistake
// several times).
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		// Of one message said twice with different hints (a page shown in
		// several languages, each giving its own suggestion or none), the
		// one kept below is the same in every build, whatever order they
		// came in: one with a hint rather than none.
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		if (a.Hint == "") != (b.Hint == "") {
			return a.Hint != ""
		}
		return a.Hint < b.Hint
	})
	out := items[:0]
	for i, d := range items {
		if i > 0 {
			p := out[len(out)-1]
			if p.File == d.File && p.Line == d.Line && p.Col == d.Col && p.Message == d.Message && p.Severity == d.Severity {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// Len is the number of messages recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// HasErrors reports whether any message is an Error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Strict turns every warning into an error (fieldguide build --strict),
// except those whose code is allowed. It returns how many it turned, each
// once as Items lists it (a check's builds report the same message), and
// their codes in the order first met, for a line that says why a build
// that printed only warnings failed.
func (l *List) Strict(allowed ...string) (turned int, codes []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	type key struct {
		file, message string
		line, col     int
	}
	seen := map[key]bool{}
	for i := range l.items {
		if d := &l.items[i]; d.FailsStrict(allowed) {
			d.Severity = Error
			if k := (key{d.File, d.Message, d.Line, d.Col}); !seen[k] {
				seen[k] = true
				turned++
			}
			if d.Code != "" && !slices.Contains(codes, d.Code) {
				codes = append(codes, d.Code)
			}
		}
	}
	return turned, codes
}

// FailsStrict reports whether --strict turns d into an error: d is a
// warning whose code is not allowed.
func (d Diagnostic) FailsStrict(allowed []string) bool {
	return d.Severity == Warning && !slices.Contains(allowed, d.Code)
}

// Err returns nil when no message is an Error, else an *Errors holding all
// messages (warnings included, so they are printed together).
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &Errors{Items: l.Items()}
}

// Errors is the error a failed build returns.
type Errors struct{ Items []Diagnostic }

func (e *Errors) Error() string {
	var b strings.Builder
	n := 0
	for _, d := range e.Items {
		if d.Severity == Error {
			n++
		}
	}
	for i, d := range e.Items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	if n > 1 {
		fmt.Fprintf(&b, "\n%d errors", n)
	}
	return b.String()
}

// AsList extracts the diagnostics from err: those of an *Errors, or err
// itself as one message without position.
func AsList(err error) []Diagnostic {
	var es *Errors
	if errors.As(err, &es) {
		return es.Items
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return []Diagnostic{d}
	}
	if err == nil {
		return nil
	}
	return []Diagnostic{{Severity: Error, Message: err.Error()}}
}

// Position converts a byte offset in src to a 1-based line and a 1-based
// column counted in characters (not bytes), which is what editors show for
// Chinese and Arabic text.
func Position(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	before := src[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(before[start:]) + 1
	return line, col
}

// Excerpt returns up to one line of context either side of line (1-based) in src.
func Excerpt(src []byte, line int) []ExcerptLine {
	if line <= 0 {
		return nil
	}
	lines := bytes.Split(src, []byte{'\n'})
	var out []ExcerptLine
	for n := line - 1; n <= line+1; n++ {
		if n >= 1 && n <= len(lines) {
			text := strings.TrimRight(string(lines[n-1]), "\r")
			if !utf8.ValidString(text) {
				text = strings.ToValidUTF8(text, "\uFFFD")
			}
			out = append(out, ExcerptLine{Number: n, Text: text})
		}
	}
	return out
}

// Suggest returns the candidate nearest to word when it is close enough to
// be a typo ("scenaro" → "scenario"), or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		d := levenshtein(lw, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if n := utf8.RuneCountInString(word); n > 6 {
		limit = n / 3
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// DidYouMean formats Suggest's answer as a hint, or "" when there is none.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}

// Distance is the number of letters to add, remove or change to turn a
// into b, ignoring letter case: "fra" is 1 from "fr".
func Distance(a, b string) int {
	return levenshtein(strings.ToLower(a), strings.ToLower(b))
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Print writes messages the way compilers do, each with the
// source lines under it and a caret under the column:
//
//	content/fr/m1/intro.md:3:8: did not find expected ',' or ']'
//	   2 | ---
//	 > 3 | title: [Introduction
//	     |        ^
//	   4 | ---
func Print(w io.Writer, items []Diagnostic) {
	for _, d := range items {
		fmt.Fprintln(w, d.Error())
		if len(d.Excerpt) == 0 {
			continue
		}
		width := len(fmt.Sprint(d.Excerpt[len(d.Excerpt)-1].Number))
		for _, x := range d.Excerpt {
			marker := "  "
			if x.Number == d.Line {
				marker = "> "
			}
			fmt.Fprintf(w, " %s%*d | %s\n", marker, width, x.Number, strings.ReplaceAll(x.Text, "\t", "    "))
			if x.Number == d.Line && d.Col > 0 {
				// The caret sits under the column's character, counting
				// the width of wide (Chinese) characters as a terminal does.
				before := []rune(x.Text)
				if col := min(d.Col-1, len(before)); col >= 0 {
					pad := uniseg.StringWidth(strings.ReplaceAll(string(before[:col]), "\t", "    "))
					fmt.Fprintf(w, "   %*s | %s^\n", width, "", strings.Repeat(" ", pad))
				}
			}
		}
	}
}
