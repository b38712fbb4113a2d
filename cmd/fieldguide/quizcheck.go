package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// quizShape is what a quiz asks, whatever its language: how many options
// it has and which are correct (numbered from 1).
type quizShape struct {
	options int
	correct []int
}

func (q quizShape) String() string {
	if len(q.correct) == 0 {
		return countOf(q.options, "option", "options") + ", none correct"
	}
	var n []string
	for _, c := range q.correct {
		n = append(n, strconv.Itoa(c))
	}
	word := "option"
	if len(n) > 1 {
		word = "options"
	}
	return fmt.Sprintf("%s, %s %s correct", countOf(q.options, "option", "options"), word, strings.Join(n, " and "))
}

// quizMarkdown parses quizzes as every audience sees them (trainer-only
// ones too), for their shape only.
var quizMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM, blocks.New(blocks.Options{Audience: "trainer"})))

// quizFence finds the line that opens a quiz.
var quizFence = regexp.MustCompile(`(?m)^[ \t]*:{3,}[ \t]*(?:quiz\b|\{\.quiz\b)`)

// quizShapes are the quizzes of a page's body, in order, with the line
// (in the file) of each: that of the fence before its first text, so
// that a quiz shown as an example in a code block is not counted.
func quizShapes(src *content.Source) (shapes []quizShape, lines []int) {
	root := quizMarkdown.Parser().Parse(text.NewReader(src.Body))
	fences := quizFence.FindAllIndex(src.Body, -1)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*blocks.Quiz); ok && entering {
			var s quizShape
			first := -1 // offset of the quiz's first text
			_ = ast.Walk(q, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if o, ok := n.(*blocks.QuizOption); ok && entering {
					s.options++
					if o.Correct {
						s.correct = append(s.correct, o.Index)
					}
				}
				if t, ok := n.(*ast.Text); ok && entering && first < 0 {
					first = t.Segment.Start
				}
				return ast.WalkContinue, nil
			})
			line := 0
			if first >= 0 {
				at := first
				for _, f := range fences {
					if f[0] < first {
						at = f[0]
					}
				}
				line = bytes.Count(src.Body[:at], []byte{'\n'}) + 1 + src.BodyLine
			}
			shapes, lines = append(shapes, s), append(lines, line)
		}
		return ast.WalkContinue, nil
	})
	return shapes, lines
}

// quizWarnings warns about translations whose quizzes do not ask what
// their source's ask: a quiz or an option left out or added, or other
// options marked correct. Readers of the translation would be told
// another answer is right.
func quizWarnings(l *diag.List, cfg *config.Config, sources []*content.Source) {
	var defaults []*content.Source
	for _, s := range sources {
		if s.Lang == cfg.DefaultLanguage {
			defaults = append(defaults, s)
		}
	}
	index := i18n.SourceIndex(defaults)
	hasQuiz := func(s *content.Source) bool { return quizFence.Match(s.Body) }
	for _, tr := range sources {
		if tr.Lang == cfg.DefaultLanguage {
			continue
		}
		src := index[site.GroupKey(tr)]
		if src == nil || !hasQuiz(src) && !hasQuiz(tr) {
			continue
		}
		want, _ := quizShapes(src)
		got, lines := quizShapes(tr)
		if len(got) != len(want) {
			line := 0
			if len(got) > len(want) {
				line = lines[len(want)] // the first quiz too many
			}
			l.Add(diag.Diagnostic{File: tr.File, Line: line, Severity: diag.Warning, Code: "quiz",
				Message: fmt.Sprintf("%s, where its source %s has %s", countOf(len(got), "quiz", "quizzes"), src.File, countOf(len(want), "quiz", "quizzes")),
				Hint:    "translate every quiz of the source, in its order, and no other"})
			continue
		}
		for i := range want {
			if got[i].String() == want[i].String() {
				continue
			}
			l.Add(diag.Diagnostic{File: tr.File, Line: lines[i], Severity: diag.Warning, Code: "quiz",
				Message: fmt.Sprintf("quiz %d has %s, where its source's has %s", i+1, got[i], want[i]),
				Hint:    fmt.Sprintf("keep the options of %s, in their order, with [x] on the same ones, so that readers in every language are told the same answer", src.File)})
		}
	}
}
