// Package placeholder holds the text `fieldguide new` writes into a new
// module or lesson for its author to replace, and finds it where it was
// left: published, it would show participants a note meant for the
// author ("Write the lesson here.").
//
// It is a package of its own, importing nothing of ours, so that package
// content, which reads every page, can look for the very sentences that
// package scaffold, which writes the pages (and imports content), writes.
// A sentence changed here changes in both.
package placeholder

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// The sentences `new` writes. They are in English whatever the course's
// language, and a translation started with `new --lang` copies them.
const (
	// ModuleIntro opens a new module's _index.md.
	ModuleIntro = "Introduce the module here: what participants will learn and why it matters."
	// ModuleLessons follows it, with the module's folder and NAME:
	// "Add lessons with: fieldguide new lesson interviews/NAME".
	ModuleLessons = "Add lessons with: fieldguide new lesson"
	// Lesson is a new lesson's text, under its first heading.
	Lesson = "Write the lesson here."
	// Objective and Keypoint are the examples under objectives: and
	// keypoints: in a new lesson's front matter, commented out.
	Objective = "Explain who pays recruitment fees."
	Keypoint  = "Workers never pay recruitment fees."
)

// texts are the sentences of a page's body, each with what to do with it.
var texts = []struct {
	text, hint string
}{
	{ModuleIntro, "replace it with the module's introduction: what participants will learn and why it matters"},
	{ModuleLessons, "delete this line: it is a note for you, not for participants"},
	{Lesson, "replace it with the lesson's text"},
}

// patterns find each of texts at the start of a line, its words as `new`
// wrote them, though an editor may have wrapped them onto other lines.
var patterns = func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, t := range texts {
		words := strings.Fields(t.text)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		out = append(out, regexp.MustCompile(`(?m)^[ \t]*(`+strings.Join(words, `\s+`)+`)`))
	}
	return out
}()

// firstWords are the first word of each of texts.
var firstWords = func() [][]byte {
	var out [][]byte
	for _, t := range texts {
		out = append(out, []byte(strings.Fields(t.text)[0]))
	}
	return out
}()

// startsALine reports whether a line of body starts with word (which
// holds no newline), after spaces and tabs. It looks for word itself and
// then back along its line, rather than at every line's start: every page
// of a build is looked at, and the word is seldom there at all.
func startsALine(body, word []byte) bool {
	for from := 0; ; {
		i := bytes.Index(body[from:], word)
		if i < 0 {
			return false
		}
		i += from
		j := i
		for j > 0 && (body[j-1] == ' ' || body[j-1] == '\t') {
			j--
		}
		if j == 0 || body[j-1] == '\n' {
			return true
		}
		from = i + 1
	}
}

// Match is a placeholder left in a page: Offset is where it starts in the
// body, Hint what to do with it.
type Match struct {
	Offset int
	Hint   string
}

// Find returns the placeholders left in a page's Markdown body, in order.
// Those on lines that follow one another (the two sentences of a new
// module's paragraph) are one: the first.
func Find(body []byte) []Match {
	type found struct {
		start, end int
		hint       string
	}
	var all []found
	for i, re := range patterns {
		// Every page is read: a regular expression anchored at each line's
		// start is slow to run over all of them (a fifth of a build's
		// time), and hardly any line starts with the sentence's first word.
		if !startsALine(body, firstWords[i]) {
			continue
		}
		for _, m := range re.FindAllSubmatchIndex(body, -1) {
			all = append(all, found{m[2], m[3], texts[i].hint})
		}
	}
	slices.SortFunc(all, func(a, b found) int { return cmp.Compare(a.start, b.start) })
	var out []Match
	for i, f := range all {
		if i > 0 && bytes.Count(body[all[i-1].end:f.start], []byte("\n")) == 1 {
			continue
		}
		out = append(out, Match{Offset: f.start, Hint: f.hint})
	}
	return out
}

// IsExample reports whether item, an objective or a key point, is the
// example a new lesson's front matter holds, uncommented but not
// rewritten.
func IsExample(item string) bool {
	item = strings.Join(strings.Fields(item), " ")
	return item == Objective || item == Keypoint
}
