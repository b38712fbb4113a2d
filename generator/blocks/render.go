package blocks

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes the HTML of our nodes. The markup is a contract with
// layouts/assets/css/20-blocks.css and layouts/assets/js/20-blocks.js.
type htmlRenderer struct{ cfg *config }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiv, r.renderDiv)
	reg.Register(KindDivTitle, r.renderDivTitle)
	reg.Register(KindQuiz, r.renderQuiz)
	reg.Register(KindQuizFieldset, r.renderQuizFieldset)
	reg.Register(KindQuizLegend, r.renderQuizLegend)
	reg.Register(KindQuizOption, r.renderQuizOption)
	reg.Register(KindQuizLabel, r.renderQuizLabel)
	reg.Register(KindQuizFeedback, r.renderQuizFeedback)
	reg.Register(KindGlossaryTerm, r.renderGlossaryTerm)
}

func tagOf(shape blockShape) string {
	switch shape {
	case shapeScenario, shapeChallenge:
		return "section"
	case shapeDetails:
		return "details"
	case shapeTrainer:
		return "aside"
	}
	return "div"
}

func (r *htmlRenderer) renderDiv(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Div)
	spec := specOf(n.Name)
	if spec.shape == shapeTrainer && !r.cfg.trainer {
		// The parser already dropped it; never print one that slipped through.
		return ast.WalkSkipChildren, nil
	}
	tag := tagOf(spec.shape)
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		return ast.WalkContinue, nil
	}
	class, extra := spec.class, ""
	switch spec.shape {
	case shapeUnknown:
		class = n.Name
	case shapeCallout:
		class, extra = "callout callout-"+spec.class, ` role="note"`
	case shapeBox:
		class = "box box-" + spec.class
	case shapeScenario:
		if id := idOf(n.FirstChild()); id != "" {
			extra = ` aria-labelledby="` + escape(id) + `"`
		}
	}
	openTag(w, tag, class, n, extra)
	return ast.WalkContinue, nil
}

// openTag writes <tag class="class …" id="…"extra>, adding the classes and
// id written in Pandoc's "::: {.name .more #id}".
func openTag(w util.BufWriter, tag, class string, n ast.Node, extra string) {
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok && len(b) > 0 {
			class += " " + string(b)
		}
	}
	fmt.Fprintf(w, `<%s class="%s"`, tag, escape(class))
	if id := idOf(n); id != "" {
		fmt.Fprintf(w, ` id="%s"`, escape(id))
	}
	fmt.Fprintf(w, "%s>\n", extra)
}

// idOf returns n's id attribute. Ids are read from attributes when
// rendering, never kept elsewhere, because the printable module renders the
// same tree again after prefixing every id attribute.
func idOf(n ast.Node) string {
	if n == nil {
		return ""
	}
	switch v, _ := n.AttributeString("id"); v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// quizOf returns the id of the quiz n belongs to.
func quizOf(n ast.Node) string {
	for ; n != nil; n = n.Parent() {
		if q, ok := n.(*Quiz); ok {
			return idOf(q)
		}
	}
	return ""
}

func (r *htmlRenderer) renderDivTitle(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	hasTitle := node.HasChildren()
	if _, ok := node.Parent().(*Quiz); ok {
		if entering {
			w.WriteString(`<p class="quiz-title">`)
		} else {
			w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	}
	div, ok := node.Parent().(*Div)
	if !ok {
		return ast.WalkContinue, nil
	}
	spec := specOf(div.Name)
	var open, closing string
	switch spec.shape {
	case shapeCallout:
		open = `<p class="callout-title">` + icons[spec.class] + `<span class="callout-label">` + escape(r.cfg.label(spec.label)) + `</span>`
		if hasTitle {
			open += ` <span class="callout-heading">`
			closing = `</span>`
		}
		closing += "</p>\n"
	case shapeScenario:
		h := "h" + strconv.Itoa(max(div.Level, 2))
		open = `<` + h + ` class="scenario-title"`
		if id := idOf(node); id != "" {
			open += ` id="` + escape(id) + `"`
		}
		open += `>` + labelSpan(r.cfg.label(spec.label), hasTitle)
		closing = titleEnd(hasTitle) + `</` + h + ">\n"
	case shapeDetails:
		open = `<summary>` + labelSpan(r.cfg.label(spec.label), hasTitle)
		closing = titleEnd(hasTitle) + "</summary>\n"
	case shapeTrainer, shapeChallenge, shapeBox:
		open = `<p class="block-title">` + labelSpan(r.cfg.label(spec.label), hasTitle)
		closing = titleEnd(hasTitle) + "</p>\n"
	default: // unknown blocks and quizzes that failed to parse: the title only
		if !hasTitle {
			return ast.WalkSkipChildren, nil
		}
		open, closing = `<p class="block-title">`, "</p>\n"
	}
	if entering {
		w.WriteString(open)
	} else {
		w.WriteString(closing)
	}
	return ast.WalkContinue, nil
}

func labelSpan(label string, hasTitle bool) string {
	s := `<span class="block-label">` + escape(label) + `</span>`
	if hasTitle {
		s += ` <span class="block-heading">`
	}
	return s
}

func titleEnd(hasTitle bool) string {
	if hasTitle {
		return "</span>"
	}
	return ""
}

func (r *htmlRenderer) renderQuiz(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Quiz)
	if entering {
		class := "quiz"
		if r.cfg.trainer {
			class += " quiz-answer-key"
		}
		// The script takes every message from these attributes, so it needs
		// no dictionary and speaks the page's language.
		extra := fmt.Sprintf(` data-quiz data-quiz-salt="%s" data-msg-correct="%s" data-msg-incorrect="%s" data-msg-partly="%s" data-msg-select="%s" autocomplete="off"`,
			escape(n.Salt), escape(r.cfg.label("quiz.correct")), escape(r.cfg.label("quiz.incorrect")),
			escape(r.cfg.label("quiz.partlyCorrect")), escape(r.cfg.label("quiz.selectAnswer")))
		openTag(w, "form", class, n, extra)
		if r.cfg.trainer {
			fmt.Fprintf(w, "<p class=\"quiz-key-title\">%s</p>\n", escape(r.cfg.label("quiz.answerKey")))
		}
		return ast.WalkContinue, nil
	}
	// Hidden until the script runs: without it the buttons would do nothing.
	fmt.Fprintf(w, "<div class=\"quiz-actions\">\n<button type=\"button\" class=\"quiz-check\" hidden>%s</button>\n<button type=\"button\" class=\"quiz-retry\" hidden>%s</button>\n</div>\n",
		escape(r.cfg.label("quiz.check")), escape(r.cfg.label("quiz.tryAgain")))
	w.WriteString("<p class=\"quiz-result\" role=\"status\" aria-live=\"polite\"></p>\n</form>\n")
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderQuizFieldset(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</fieldset>\n")
		return ast.WalkContinue, nil
	}
	// "Select all that apply" describes the group, so it is read with it.
	if quiz, ok := node.Parent().(*Quiz); ok && quiz.Multiple {
		fmt.Fprintf(w, "<fieldset aria-describedby=\"%s\">\n", escape(quizOf(node)+"-hint"))
		return ast.WalkContinue, nil
	}
	w.WriteString("<fieldset>\n")
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderQuizLegend(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<legend class="quiz-question">`)
		return ast.WalkContinue, nil
	}
	w.WriteString("</legend>\n")
	if quiz, ok := node.Parent().Parent().(*Quiz); ok && quiz.Multiple {
		fmt.Fprintf(w, "<p class=\"quiz-hint\" id=\"%s\">%s</p>\n", escape(quizOf(node)+"-hint"), escape(r.cfg.label("quiz.selectAll")))
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderQuizOption(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*QuizOption)
	if !entering {
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	class, kind := "quiz-option", "radio"
	if n.Multiple {
		kind = "checkbox"
	}
	if r.cfg.trainer && n.Correct {
		class += " quiz-option-correct"
	}
	quiz := quizOf(n)
	fmt.Fprintf(w, "<div class=\"%s\">\n<input type=\"%s\" name=\"%s\" id=\"%s\" value=\"%d\" data-k=\"%s\"",
		class, kind, escape(quiz), escape(optionID(quiz, n.Index)), n.Index, n.Key)
	// A participant's input is described by its feedback only once the
	// script reveals it: a reference to hidden text would still be read out.
	if r.cfg.trainer && hasFeedback(n) {
		fmt.Fprintf(w, ` aria-describedby="%s"`, escape(feedbackID(quiz, n.Index)))
	}
	w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func hasFeedback(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*QuizFeedback); ok {
			return true
		}
	}
	return false
}

func (r *htmlRenderer) renderQuizLabel(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	opt, _ := node.Parent().(*QuizOption)
	if opt == nil {
		return ast.WalkContinue, nil
	}
	if entering {
		fmt.Fprintf(w, `<label for="%s">`, escape(optionID(quizOf(opt), opt.Index)))
		return ast.WalkContinue, nil
	}
	if r.cfg.trainer && opt.Correct {
		fmt.Fprintf(w, ` <strong class="quiz-key">%s</strong>`, escape(r.cfg.label("quiz.correctAnswer")))
	}
	w.WriteString("</label>\n")
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderQuizFeedback(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	opt, _ := node.Parent().(*QuizOption)
	if opt == nil {
		return ast.WalkContinue, nil
	}
	if !entering {
		w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	hidden := " hidden"
	if r.cfg.trainer {
		hidden = ""
	}
	fmt.Fprintf(w, "<div class=\"quiz-feedback\" id=\"%s\"%s>\n", escape(feedbackID(quizOf(opt), opt.Index)), hidden)
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderGlossaryTerm(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*GlossaryTerm)
	if entering {
		// Written piece by piece rather than with fmt: a glossary links
		// many terms, and fmt was a tenth of rendering them.
		_, _ = w.WriteString(`<span class="term-wrap"><a class="term" href="`)
		_, _ = w.WriteString(escape(n.Href))
		_, _ = w.WriteString(`" aria-describedby="`)
		_, _ = w.WriteString(escape(idOf(n)))
		_, _ = w.WriteString(`"><dfn>`)
		return ast.WalkContinue, nil
	}
	tip := n.tip
	if tip == "" {
		tip = escape(tooltipText(n.Definition))
	}
	_, _ = w.WriteString(`</dfn></a><span role="tooltip" id="`)
	_, _ = w.WriteString(escape(idOf(n)))
	_, _ = w.WriteString(`" class="term-tip">`)
	_, _ = w.WriteString(tip)
	_, _ = w.WriteString(`</span></span>`)
	return ast.WalkContinue, nil
}

// tooltipMax is the longest tooltip, in characters: a tooltip is a reminder,
// and the link leads to the whole definition.
const tooltipMax = 280

// tooltipText shortens a long definition to its first sentences, or cuts it
// at a word (anywhere, for scripts without spaces) and adds an ellipsis.
func tooltipText(def string) string {
	runes := []rune(def)
	if len(runes) <= tooltipMax {
		return def
	}
	head := runes[:tooltipMax]
	for i := len(head) - 1; i >= 40; i-- {
		switch head[i] {
		case '.', '!', '?', '\u3002', '\uff01', '\uff1f', '\u061f', '\u06d4':
			if sentenceEnds(runes, i) {
				return string(head[:i+1])
			}
		}
	}
	for i := len(head) - 1; i >= tooltipMax/2; i-- {
		if unicode.IsSpace(head[i]) {
			return strings.TrimRightFunc(string(head[:i]), unicode.IsPunct) + "\u2026"
		}
	}
	return string(head) + "\u2026"
}

// sentenceEnds reports whether the full stop (or ! ?) at runes[i] ends a
// sentence: a CJK one always; another one before white space and a word
// that does not go on in lower case or with a digit ("Art. 2", "e.g. a"),
// outside brackets.
func sentenceEnds(runes []rune, i int) bool {
	open := 0
	for _, r := range runes[:i] {
		switch r {
		case '(', '[', '（':
			open++
		case ')', ']', '）':
			open--
		}
	}
	if open > 0 {
		return false
	}
	if runes[i] > 0x2fff {
		return true
	}
	if i+1 == len(runes) {
		return true
	}
	if !unicode.IsSpace(runes[i+1]) {
		return false
	}
	for _, r := range runes[i+1:] {
		if !unicode.IsSpace(r) {
			return !unicode.IsLower(r) && !unicode.IsDigit(r)
		}
	}
	return true
}

func escape(s string) string { return string(util.EscapeHTML([]byte(s))) }
