package blocks

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
)

// Node kinds of a quiz. A valid "::: quiz" Div becomes:
//
//	Quiz
//	  DivTitle             only when the fence line has a title
//	  …                    paragraphs, lists, images before the question
//	  QuizFieldset
//	    QuizLegend         the question: the paragraph just before the options
//	    QuizOption …
//	      QuizLabel        the option's text
//	      …                further blocks of the option
//	      QuizFeedback     the blockquote(s) under the option
//	  …                    blocks after the options
var (
	KindQuiz         = ast.NewNodeKind("Quiz")
	KindQuizFieldset = ast.NewNodeKind("QuizFieldset")
	KindQuizLegend   = ast.NewNodeKind("QuizLegend")
	KindQuizOption   = ast.NewNodeKind("QuizOption")
	KindQuizLabel    = ast.NewNodeKind("QuizLabel")
	KindQuizFeedback = ast.NewNodeKind("QuizFeedback")
)

// Quiz is a knowledge check.
type Quiz struct {
	ast.BaseBlock
	// The form's id attribute, unique in the document, names its inputs.
	// Multiple is true when several options are correct (checkboxes).
	Multiple bool
	// Salt varies the answer hashes from quiz to quiz (see QuizOption.Key).
	Salt string
}

// QuizFieldset groups the question and the options.
type QuizFieldset struct{ ast.BaseBlock }

// QuizLegend is the question; it holds inline nodes.
type QuizLegend struct{ ast.BaseBlock }

// QuizOption is one answer.
type QuizOption struct {
	ast.BaseBlock
	// Index counts options from 1.
	Index int
	// Correct is true for options written "[x]".
	Correct  bool
	Multiple bool
	// Key is what the page's script compares to recognise a correct option:
	// answerKey(salt, index, correct).
	Key string
}

// QuizLabel is an option's text; it holds inline nodes.
type QuizLabel struct{ ast.BaseBlock }

// QuizFeedback is shown when its option is checked. Search indexing should
// skip it: feedback gives the answers away.
type QuizFeedback struct{ ast.BaseBlock }

func (n *Quiz) Kind() ast.NodeKind         { return KindQuiz }
func (n *QuizFieldset) Kind() ast.NodeKind { return KindQuizFieldset }
func (n *QuizLegend) Kind() ast.NodeKind   { return KindQuizLegend }
func (n *QuizOption) Kind() ast.NodeKind   { return KindQuizOption }
func (n *QuizLabel) Kind() ast.NodeKind    { return KindQuizLabel }
func (n *QuizFeedback) Kind() ast.NodeKind { return KindQuizFeedback }

func (n *Quiz) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Multiple": fmt.Sprint(n.Multiple)}, nil)
}
func (n *QuizFieldset) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *QuizLegend) Dump(src []byte, level int)   { ast.DumpHelper(n, src, level, nil, nil) }
func (n *QuizOption) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Index": fmt.Sprint(n.Index), "Correct": fmt.Sprint(n.Correct)}, nil)
}
func (n *QuizLabel) Dump(src []byte, level int)    { ast.DumpHelper(n, src, level, nil, nil) }
func (n *QuizFeedback) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// answerKey is the value of an input's data-k. 20-blocks.js computes the same
// FNV-1a hash of salt:index:correct to tell right from wrong; the strings are
// ASCII, so its UTF-16 code units are our bytes.
func answerKey(salt string, index int, correct bool) string {
	verdict := "wrong"
	if correct {
		verdict = "correct"
	}
	return fnv32(fmt.Sprintf("%s:%d:%s", salt, index, verdict))
}

func fnv32(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// transformQuiz checks a "::: quiz" Div and replaces it with a Quiz. A quiz
// with mistakes is reported and left as a plain block.
func transformQuiz(div *Div, source []byte, doc *mdctx.Doc, pc parser.Context) {
	var title *DivTitle
	var blocks []ast.Node
	for c := div.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*DivTitle); ok {
			title = t
			continue
		}
		blocks = append(blocks, c)
	}
	valid := true
	report := func(n ast.Node, msg, hint string) {
		doc.Report(n.Pos(), diag.Error, "quiz", msg, hint)
		valid = false
	}

	optionsAt := -1
	for i, b := range blocks {
		if l, ok := b.(*ast.List); ok && isTaskList(l) {
			optionsAt = i
			break
		}
	}
	if optionsAt < 0 {
		report(div, "quiz has no options",
			`write the options as a task list after the question: "- [ ] a wrong answer", "- [x] the right one"`)
		return
	}
	var question *ast.Paragraph
	if optionsAt > 0 {
		question, _ = blocks[optionsAt-1].(*ast.Paragraph)
	}
	if question == nil {
		report(div, "quiz has no question", "write the question as a paragraph just before the options")
	}
	for _, b := range blocks[optionsAt+1:] {
		switch b := b.(type) {
		case *ast.Blockquote:
			report(b, "feedback is not attached to an option",
				`indent the "> " line under the option it answers, level with the option's text`)
		case *ast.List:
			if isTaskList(b) {
				report(b, "quiz has a second list of options",
					"keep the options together in one list, with feedback indented under each option")
			}
		}
	}

	list := blocks[optionsAt].(*ast.List)
	var items []*ast.ListItem
	correct := 0
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		item, ok := c.(*ast.ListItem)
		if !ok {
			continue
		}
		items = append(items, item)
		n := len(items)
		box := checkBox(item)
		if box == nil {
			report(item, fmt.Sprintf("option %d has no [ ] or [x]", n),
				"start every option with [ ] (a wrong answer) or [x] (a right one)")
			continue
		}
		if box.IsChecked {
			correct++
		}
		if !hasLabel(item.FirstChild(), source) {
			report(item, fmt.Sprintf("option %d has no text", n), "write the answer after the [ ] or [x]")
		}
	}
	if correct == 0 && valid {
		report(list, "quiz has no correct option", "mark the right answers with [x]")
	}
	if !valid {
		return
	}

	quiz := &Quiz{Multiple: correct > 1}
	quiz.SetPos(div.Pos())
	id := idOf(div)
	if id != "" {
		pc.IDs().Put([]byte(id))
	} else {
		id = string(pc.IDs().Generate([]byte("quiz"), KindQuiz))
	}
	quiz.SetAttributeString("id", []byte(id))
	if v, ok := div.AttributeString("class"); ok {
		quiz.SetAttributeString("class", v)
	}
	quiz.Salt = fnv32(id + "\x00" + plainText(question, source))

	if title != nil && title.Lines().Len() > 0 {
		quiz.AppendChild(quiz, title)
	}
	for _, b := range blocks[:optionsAt-1] {
		quiz.AppendChild(quiz, b)
	}
	fieldset := &QuizFieldset{}
	quiz.AppendChild(quiz, fieldset)
	legend := &QuizLegend{}
	legend.SetPos(question.Pos())
	legend.SetLines(question.Lines())
	moveChildren(legend, question)
	fieldset.AppendChild(fieldset, legend)

	for i, item := range items {
		opt := &QuizOption{Index: i + 1, Multiple: quiz.Multiple}
		opt.SetPos(item.Pos())
		first := item.FirstChild()
		box := checkBox(item)
		opt.Correct = box.IsChecked
		opt.Key = answerKey(quiz.Salt, opt.Index, opt.Correct)
		first.RemoveChild(first, box)
		label := &QuizLabel{}
		label.SetPos(first.Pos())
		label.SetLines(first.Lines())
		moveChildren(label, first)
		opt.AppendChild(opt, label)
		var feedback *QuizFeedback
		for c := first.NextSibling(); c != nil; {
			next := c.NextSibling()
			if q, ok := c.(*ast.Blockquote); ok {
				if feedback == nil {
					feedback = &QuizFeedback{}
					feedback.SetPos(q.Pos())
				}
				moveChildren(feedback, q)
			} else {
				opt.AppendChild(opt, c)
			}
			c = next
		}
		if feedback != nil {
			opt.AppendChild(opt, feedback)
		}
		pc.IDs().Put([]byte(optionID(id, opt.Index)))
		pc.IDs().Put([]byte(feedbackID(id, opt.Index)))
		fieldset.AppendChild(fieldset, opt)
	}
	for _, b := range blocks[optionsAt+1:] {
		quiz.AppendChild(quiz, b)
	}
	div.Parent().ReplaceChild(div.Parent(), div, quiz)
}

func optionID(quiz string, index int) string   { return fmt.Sprintf("%s-option-%d", quiz, index) }
func feedbackID(quiz string, index int) string { return fmt.Sprintf("%s-feedback-%d", quiz, index) }

// isTaskList reports whether any item of l starts with a [ ] or [x] box.
func isTaskList(l *ast.List) bool {
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		if checkBox(c) != nil {
			return true
		}
	}
	return false
}

// checkBox returns the task box that starts a list item, or nil.
func checkBox(item ast.Node) *extast.TaskCheckBox {
	first := item.FirstChild()
	if first == nil {
		return nil
	}
	switch first.(type) {
	case *ast.TextBlock, *ast.Paragraph:
	default:
		return nil
	}
	box, _ := first.FirstChild().(*extast.TaskCheckBox)
	return box
}

// hasLabel reports whether a block holds something to read besides its task box.
func hasLabel(block ast.Node, source []byte) bool {
	for c := block.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *extast.TaskCheckBox:
			continue
		case *ast.Image:
			return true
		}
		if strings.TrimSpace(plainText(c, source)) != "" {
			return true
		}
	}
	return false
}

func moveChildren(dst, src ast.Node) {
	for c := src.FirstChild(); c != nil; {
		next := c.NextSibling()
		dst.AppendChild(dst, c)
		c = next
	}
}
