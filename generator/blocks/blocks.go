// Package blocks is the goldmark extension for fieldguide's training blocks:
// fenced divs (callouts, scenarios, discussions, trainer notes, Carpentries
// exercises), GitHub alerts, quizzes and glossary links.
//
// # Fenced divs
//
// A block opens with a line of three or more colons and a name, optionally
// followed by a title, and closes with a line of three or more colons and
// nothing else:
//
//	:::: scenario The visa line
//	An applicant arrives with an employer who holds her passport.
//
//	::: discussion
//	What do you ask first?
//	:::
//	::::
//
// This is Pandoc's rule: a closing line closes the innermost open block,
// whatever its length, so nested blocks may use the same fence length as their
// parent or a different one. Trailing colons after a title are ignored
// ("::: warning Careful :::"), and Pandoc's attribute form "::: {.note #id}"
// is accepted. A closing line inside a fenced code block belongs to the code.
// A block left open at the end of its container is an error; an unknown name
// renders as <div class="NAME"> with a warning suggesting the nearest known
// name (KnownBlocks).
//
// # Other tools' syntax
//
// GitHub's alerts ("> [!NOTE]" alone on the first line of a blockquote, for
// NOTE, TIP, IMPORTANT, WARNING and CAUTION) become the same callouts.
// Carpentries Workbench lessons build unchanged: "instructor" is a trainer
// note, "challenge" an exercise whose "solution" and "hint" collapse, and
// "objectives", "questions", "keypoints", "prereq" labelled boxes; Quarto's
// "callout-note" and friends are callouts.
//
// # Audience
//
// Trainer notes ("trainer", and Carpentries' "instructor") are removed from
// the syntax tree while parsing a participant build, so none of their text
// reaches the HTML, the plain text used for the search index, or a glossary
// tooltip. Quizzes in trainer builds show their answer key.
//
// # Quizzes
//
// "::: quiz" holds a question, then a task list whose [x] items are the
// correct options, each with an optional blockquote of feedback indented under
// it. A quiz without a question, without options, without a correct option,
// with an option lacking its box or its text, or with feedback not indented
// under an option is an error, and is then shown as a plain block.
// The answer key travels in the page so quizzes work offline from file://:
// each input carries data-k, a hash of the quiz's salt, the option's number and
// "correct" or "wrong". It is invisible to a reader, to print, to copy and paste
// and to the search index, and not secret: whoever reads the script can
// recover it. Quizzes are for self-checking, not for assessment.
//
// # Glossary
//
// When the document has a glossary (mdctx.Doc.GlossaryURL), the first use of
// each term of Options.Glossary links to its entry, with the definition as a
// tooltip. Terms in alphabetic scripts match whole words, ignoring case;
// terms written in Chinese or Japanese (no spaces between words) match
// anywhere. Longer terms win over shorter ones they contain. Headings, links,
// code, quiz options and feedback, and block titles are never linked.
// A match must lie within one run of plain text: a term split by emphasis is
// not found.
//
// This package renders and reports; it never reads files, never knows the
// site, and keeps no state between documents: per-document state lives in the
// parser.Context (see package mdctx).
package blocks

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Options configures the extension for one language and one audience. Build
// one goldmark per (language, audience): the labels and the glossary differ.
type Options struct {
	// Audience is "participant" (the default) or "trainer". Anything else is
	// treated as "participant", so a typo never exposes trainer notes.
	Audience string
	// T returns the translated UI label for key in the page's language (keys
	// are listed in Labels). nil, or an empty result, or the key itself
	// (a missing translation) falls back to English.
	T func(key string) string
	// Glossary holds this language's glossary terms (see ParseGlossary).
	Glossary []Term
}

// Term is one glossary entry.
type Term struct {
	// Term is the term as written in the glossary ("Human trafficking").
	Term string
	// ID is the id of the term's <dt> on the glossary page.
	ID string
	// Definition is the definition as plain text, shown as a tooltip.
	Definition string
}

// KnownBlocks lists every block name we understand, for "did you mean"
// suggestions elsewhere in the build.
var KnownBlocks = []string{
	"note", "tip", "important", "warning", "caution",
	"scenario", "discussion", "trainer", "quiz",
	// Carpentries Workbench.
	"instructor", "challenge", "solution", "hint",
	"objectives", "keypoints", "questions", "callout", "prereq",
	// Quarto's callouts, so lessons converted from Quarto build unchanged.
	"callout-note", "callout-tip", "callout-important", "callout-warning", "callout-caution",
}

// Labels holds the English text of every UI string the renderer and the
// scripts use, by key. layouts/i18n/<lang>.yaml translates them; keys in
// progress.* are used by the theme's templates for 30-progress.js.
var Labels = map[string]string{
	"block.note":            "Note",
	"block.tip":             "Tip",
	"block.important":       "Important",
	"block.warning":         "Warning",
	"block.caution":         "Caution",
	"block.scenario":        "Scenario",
	"block.discussion":      "Discussion",
	"block.trainerNote":     "Trainer note",
	"block.challenge":       "Exercise",
	"block.solution":        "Solution",
	"block.hint":            "Hint",
	"block.objectives":      "Objectives",
	"block.keypoints":       "Key points",
	"block.questions":       "Questions",
	"block.prereq":          "Prerequisites",
	"quiz.selectAll":        "Select all that apply.",
	"quiz.check":            "Check",
	"quiz.tryAgain":         "Try again",
	"quiz.correct":          "Correct",
	"quiz.incorrect":        "Incorrect",
	"quiz.partlyCorrect":    "Partly correct",
	"quiz.selectAnswer":     "Select an answer first.",
	"quiz.answerKey":        "Answer key",
	"quiz.correctAnswer":    "Correct answer",
	"progress.markComplete": "Mark as complete",
	"progress.completed":    "Completed",
	// Filled in by the script; worded so that no plural form is needed.
	"progress.summary":      "Lessons completed: {done} of {total}",
	"progress.reset":        "Reset progress",
	"progress.resetConfirm": "Reset your progress?",
}

// config is Options resolved once per goldmark instance and shared,
// read-only, by the parsers, transformers and renderers.
type config struct {
	trainer  bool
	t        func(string) string
	glossary *glossaryMatcher
}

func newConfig(opts Options) *config {
	return &config{
		trainer:  opts.Audience == "trainer",
		t:        opts.T,
		glossary: newGlossaryMatcher(opts.Glossary),
	}
}

// label returns the translated UI string for key.
func (c *config) label(key string) string {
	if c.t != nil {
		if s := strings.TrimSpace(c.t(key)); s != "" && s != key {
			return s
		}
	}
	return Labels[key]
}

type extender struct{ cfg *config }

// New returns the extension. It needs goldmark's task lists (extension.GFM or
// extension.TaskList) for quizzes and extension.DefinitionList for glossary
// anchors.
func New(opts Options) goldmark.Extender { return &extender{cfg: newConfig(opts)} }

func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			// Before the definition list (101), which also starts at ':'.
			util.Prioritized(&divParser{cfg: e.cfg}, 100),
		),
		parser.WithASTTransformers(
			util.Prioritized(&transformer{cfg: e.cfg}, 500),
			// After the footnote transformer (999), which moves definitions.
			util.Prioritized(&footnoteGuard{}, 1000),
		),
	)
	if !e.cfg.trainer {
		m.Parser().AddOptions(parser.WithParagraphTransformers(
			// Before link reference definitions (100).
			util.Prioritized(trainerParagraphs{}, 50),
		))
	}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&htmlRenderer{cfg: e.cfg}, 500),
	))
}
