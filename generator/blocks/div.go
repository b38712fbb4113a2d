package blocks

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindDiv is the NodeKind of a fenced div.
var KindDiv = ast.NewNodeKind("Div")

// Div is a fenced div: "::: name title" … ":::".
type Div struct {
	ast.BaseBlock
	// Name is the block's name in lower case ("note", "scenario", "scenaro").
	Name string
	// Fence is the number of colons of the opening line.
	Fence int
	// Level is the heading level of a scenario's title, one below the
	// heading the scenario sits under (2 to 6).
	Level int

	closed bool
	// closedBy is the length of the fence that closed the block.
	closedBy int
}

// Kind implements ast.Node.
func (n *Div) Kind() ast.NodeKind { return KindDiv }

// HeadingLevel and SetHeadingLevel let markdown.Result.RenderAgain move a
// scenario's title down with the headings around it (markdown.HeadingNode).
// Other blocks have no heading: their level stays 0.
func (n *Div) HeadingLevel() int { return n.Level }

// SetHeadingLevel: see HeadingLevel.
func (n *Div) SetHeadingLevel(level int) {
	if n.Level > 0 {
		n.Level = level
	}
}

// Dump implements ast.Node.
func (n *Div) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Fence": fmt.Sprint(n.Fence)}, nil)
}

// KindDivTitle is the NodeKind of a block's label and title.
var KindDivTitle = ast.NewNodeKind("DivTitle")

// DivTitle is the first child of a Div: the block's translated label and the
// title written after its name, whose inline Markdown goldmark parses as it
// does a heading's. A scenario's title has an id attribute that labels the
// scenario's section.
type DivTitle struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *DivTitle) Kind() ast.NodeKind { return KindDivTitle }

// Dump implements ast.Node.
func (n *DivTitle) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// blockShape says how a block name renders.
type blockShape int

const (
	shapeUnknown   blockShape = iota
	shapeCallout              // <div class="callout callout-NAME"> with an icon
	shapeScenario             // <section class="scenario"> with a heading
	shapeDetails              // <details> with a <summary>
	shapeTrainer              // <aside class="trainer-note">, participant builds drop it
	shapeQuiz                 // <form class="quiz">
	shapeChallenge            // <section class="challenge">
	shapeBox                  // <div class="box box-NAME">
)

type blockSpec struct {
	shape blockShape
	label string // key in Labels
	class string // the element's distinguishing class
}

var specs = map[string]blockSpec{
	"note":       {shapeCallout, "block.note", "note"},
	"tip":        {shapeCallout, "block.tip", "tip"},
	"important":  {shapeCallout, "block.important", "important"},
	"warning":    {shapeCallout, "block.warning", "warning"},
	"caution":    {shapeCallout, "block.caution", "caution"},
	"scenario":   {shapeScenario, "block.scenario", "scenario"},
	"discussion": {shapeDetails, "block.discussion", "discussion"},
	"trainer":    {shapeTrainer, "block.trainerNote", "trainer-note"},
	"quiz":       {shapeQuiz, "", "quiz"},
	"instructor": {shapeTrainer, "block.trainerNote", "trainer-note"},
	"challenge":  {shapeChallenge, "block.challenge", "challenge"},
	"solution":   {shapeDetails, "block.solution", "solution"},
	"hint":       {shapeDetails, "block.hint", "hint"},
	"objectives": {shapeBox, "block.objectives", "objectives"},
	"keypoints":  {shapeBox, "block.keypoints", "keypoints"},
	"questions":  {shapeBox, "block.questions", "questions"},
	"prereq":     {shapeBox, "block.prereq", "prereq"},
	// A Carpentries "callout" is a plain aside: our note says the same.
	"callout":           {shapeCallout, "block.note", "note"},
	"callout-note":      {shapeCallout, "block.note", "note"},
	"callout-tip":       {shapeCallout, "block.tip", "tip"},
	"callout-important": {shapeCallout, "block.important", "important"},
	"callout-warning":   {shapeCallout, "block.warning", "warning"},
	"callout-caution":   {shapeCallout, "block.caution", "caution"},
}

func specOf(name string) blockSpec { return specs[name] }

func isTrainerOnly(name string) bool { return specs[name].shape == shapeTrainer }

// trainerWords name, in an unknown block, notes meant for trainers, as a
// word of its name ("trainer-notes", "instructor_note", "teaching-notes",
// "facilitator"), in English and in the languages of the course's
// translators (French formateur, Spanish formador, entrenador,
// capacitador, Italian formatore, German Ausbilder, Dozent).
var trainerWords = map[string]bool{
	"trainer": true, "trainers": true, "instructor": true, "instructors": true, "teacher": true, "teachers": true,
	"teaching": true, "tutor": true, "tutors": true, "facilitator": true, "facilitators": true, "facilitation": true,
	"lecturer": true, "lecturers": true, "presenter": true, "presenters": true, "answerkey": true,
	"formateur": true, "formateurs": true, "formatrice": true, "formatrices": true, "formador": true,
	"formadora": true, "formadores": true, "profesor": true, "profesores": true, "docente": true, "docentes": true,
	"entrenador": true, "entrenadora": true, "entrenadores": true, "capacitador": true, "capacitadora": true,
	"capacitadores": true, "facilitador": true, "facilitadora": true, "facilitadores": true,
	"enseignant": true, "enseignante": true, "enseignants": true, "animateur": true, "animatrice": true,
	"formatore": true, "formatori": true, "ausbilder": true, "ausbilderin": true, "dozent": true, "dozentin": true,
	"kursleiter": true, "kursleiterin": true, "moderator": true, "moderators": true,
}

// notTrainer are words one letter off "trainer" that mean something else.
var notTrainer = map[string]bool{"trainee": true, "trainees": true, "trained": true, "strainer": true}

// trainerLike reports whether name, an unknown block, looks meant for
// trainer notes: trainer or instructor misspelt (one letter off, two for
// instructor), or a name with a word for trainers ("speaker-notes" and
// "answer-key" too).
func trainerLike(name string) bool {
	name = strings.ToLower(name)
	if !notTrainer[name] && diag.Distance(name, "trainer") <= 1 || diag.Distance(name, "instructor") <= 2 {
		return true
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' })
	has := func(w string) bool { return slices.Contains(words, w) }
	for _, w := range words {
		if trainerWords[w] {
			return true
		}
	}
	return has("speaker") && (has("notes") || has("note")) || (has("answer") || has("answers")) && has("key")
}

// divParser parses fenced divs. It is stateless: what it learns about a
// document goes into the node or the parser.Context.
type divParser struct{ cfg *config }

func (p *divParser) Trigger() []byte { return []byte{':'} }

// A paragraph line followed by "::: note" almost always means a block, and
// trainers rarely leave the blank line Pandoc asks for.
func (p *divParser) CanInterruptParagraph() bool { return true }

func (p *divParser) CanAcceptIndentedLine() bool { return false }

func (p *divParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	fence := countColons(line[pos:])
	// offset converts an index in line to a byte offset in the source.
	offset := func(i int) int { return seg.Start + i - seg.Padding }
	if fence == 2 {
		reportShortFence(pc, line[pos:], offset(pos))
	}
	if fence < 3 {
		return nil, parser.NoChildren
	}
	fenceAt := offset(pos)
	i := pos + fence
	if util.IsBlank(line[i:]) {
		// Every open block sees its closing line before anyone else, so a
		// bare fence reaching Open has no block to close.
		mdctx.Get(pc).Report(offset(pos), diag.Warning, "stray-fence",
			"closing fence without an open block",
			"remove it, or check that the block above opens with a name, e.g. \"::: note\"")
		return nil, parser.NoChildren
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	div := &Div{Fence: fence}
	var attrs parser.Attributes
	if line[i] == '{' {
		// Pandoc's "::: {.name #id}": the first class is the name.
		savedLine, savedPos := reader.Position()
		reader.Advance(i)
		a, ok := parser.ParseAttributes(reader)
		if !ok {
			restore(reader, savedLine, savedPos)
			return nil, parser.NoChildren
		}
		attrs = a
		var rest []byte
		rest, seg = reader.PeekLine()
		line, i = rest, 0
		offset = func(i int) int { return seg.Start + i - seg.Padding }
		name, classes := "", []string{}
		for _, a := range attrs {
			if string(a.Name) == "class" {
				if v, ok := a.Value.([]byte); ok {
					classes = append(classes, strings.Fields(string(v))...)
				}
			}
		}
		if len(classes) > 0 {
			name = classes[0]
			classes = classes[1:]
		}
		if name == "" || !isName(name) {
			restore(reader, savedLine, savedPos)
			if name != "" {
				reportName(pc, fenceAt, name)
			}
			return nil, parser.NoChildren
		}
		div.Name = strings.ToLower(name)
		for _, a := range attrs {
			switch string(a.Name) {
			case "id":
				div.SetAttributeString("id", a.Value)
			case "class":
				if len(classes) > 0 {
					div.SetAttributeString("class", []byte(strings.Join(classes, " ")))
				}
			}
		}
	} else {
		j := i
		for j < len(line) && isNameByte(line[j], j == i) {
			j++
		}
		if j == i || (j < len(line) && !util.IsSpace(line[j])) {
			// ":::123" or ":::note!" is text, not a block. "::: 培训师"
			// or "::: tâche" is one meant, which the reader would see
			// as text with all it holds, trainer notes perhaps: an
			// error.
			if r, _ := utf8.DecodeRune(line[i:]); i < len(line) && unicode.IsLetter(r) {
				reportName(pc, offset(i), string(bytes.TrimSpace(line[i:])))
			}
			return nil, parser.NoChildren
		}
		div.Name = strings.ToLower(string(line[i:j]))
		i = j
	}

	// The rest of the line is the title, without Pandoc's trailing colons.
	start := i
	for start < len(line) && util.IsSpace(line[start]) {
		start++
	}
	stop := len(line)
	for {
		for stop > start && util.IsSpace(line[stop-1]) {
			stop--
		}
		if stop > start && line[stop-1] == ':' {
			for stop > start && line[stop-1] == ':' {
				stop--
			}
			continue
		}
		break
	}
	spec := specOf(div.Name)
	if spec.shape != shapeUnknown || stop > start {
		title := &DivTitle{}
		if stop > start {
			title.Lines().Append(text.NewSegment(offset(start), offset(stop)))
		}
		div.AppendChild(div, title)
	}
	if spec.shape == shapeUnknown {
		if trainerLike(div.Name) {
			// Shown as a plain box, a misspelt trainer block would
			// publish its notes to participants: an error, as a misspelt
			// audience key is.
			mdctx.Get(pc).Report(offset(pos), diag.Error, "trainer-block-name",
				fmt.Sprintf("unknown block %q: if it holds notes for trainers, participants would see them", div.Name),
				`write "::: trainer" for notes that only the trainer edition shows; give a block meant for everyone another name`)
		} else {
			msg := fmt.Sprintf("unknown block %q", div.Name)
			hint := diag.DidYouMean(div.Name, KnownBlocks)
			if hint == "" {
				hint = "known blocks: " + strings.Join(KnownBlocks[:9], ", ") + "; from Carpentries lessons: " +
					strings.Join(KnownBlocks[9:18], ", ") + "; Quarto's callout-note and the like. An unknown block is shown as a plain box"
			}
			mdctx.Get(pc).Report(offset(pos), diag.Warning, "unknown-block", msg, hint)
		}
	}
	if !p.cfg.trainer && isTrainerOnly(div.Name) {
		// Its headings are dropped with it: their ids must not take the
		// ones a participant heading of the same words would get, which
		// would tell participants such a heading exists.
		if h, ok := pc.IDs().(HiddenIDs); ok {
			h.Hide(true)
		}
	}
	reader.AdvanceToEOL()
	return div, parser.HasChildren
}

// restore puts reader back at a saved position. goldmark's SetPosition
// keeps the line it had peeked, so the line after a fence that failed to
// open a block was read from there on as the fence's own: the rest of the
// page was lost, without a word ("::: {#x}"). Advance(0) peeks again.
func restore(reader text.Reader, line int, pos text.Segment) {
	reader.SetPosition(line, pos)
	reader.Advance(0)
}

// reportShortFence reports a line of two colons and a block's name
// (":: trainer"), which opens no block: what it was meant to hold is shown
// as text, trainer notes to participants. One colon is left alone: it
// starts a definition (": Note that…"). line is the line from its colons.
func reportShortFence(pc parser.Context, line []byte, at int) {
	typed := string(bytes.TrimRight(line, " \t\r\n"))
	rest := bytes.TrimLeft(line[2:], " \t")
	j := 0
	for j < len(rest) && isNameByte(rest[j], j == 0) {
		j++
	}
	name := strings.ToLower(string(rest[:j]))
	if j == 0 || j < len(rest) && !util.IsSpace(rest[j]) {
		return
	}
	switch _, known := specs[name]; {
	case isTrainerOnly(name) || trainerLike(name):
		// Trainer notes have one name: a trainer-like one with three
		// colons would be an unknown block, and an error again.
		mdctx.Get(pc).Report(at, diag.Error, "short-fence",
			fmt.Sprintf("%q opens no block, so the trainer notes under it would be shown to participants", typed),
			"a block opens with three colons or more; trainer notes are \"::: trainer\"")
	case known:
		mdctx.Get(pc).Report(at, diag.Warning, "short-fence",
			fmt.Sprintf("%q opens no block, so it is shown as text", typed),
			fmt.Sprintf("a block opens with three colons or more: \"::: %s\"", name))
	}
}

// reportName reports a fence line that names a block but opens none
// ("::: trainer:", "::: 培训师", "::: {.培训师}"): the reader would see
// the block's text, trainer notes perhaps, as text. An error.
func reportName(pc parser.Context, at int, name string) {
	mdctx.Get(pc).Report(at, diag.Error, "block-name",
		fmt.Sprintf("%q is not a block name, so this block would be shown as text", name),
		"write the name in Latin letters, digits and dashes after the colons, then a space, e.g. \"::: trainer\" for trainer notes or \"::: note Title\"; a title may follow in any language: \"::: scenario 签证窗口\"")
}

// HiddenIDs is an id generator (parser.IDs) that can set ids aside while
// the headings of a block that the build drops are parsed: Hide(true) as
// such a block opens, Hide(false) as it closes; blocks may nest.
type HiddenIDs interface {
	Hide(bool)
}

func (p *divParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if n := closingFence(line, reader.LineOffset()); n > 0 && ownsClosingFence(node, pc) {
		div := node.(*Div)
		div.closed, div.closedBy = true, n
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (p *divParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	div := node.(*Div)
	doc := mdctx.Get(pc)
	if !div.closed {
		doc.Report(div.Pos(), diag.Error, "unclosed-block",
			fmt.Sprintf("block %q is not closed", div.Name), unclosedHint(div, doc))
	}
	if !p.cfg.trainer && isTrainerOnly(div.Name) {
		if h, ok := pc.IDs().(HiddenIDs); ok {
			h.Hide(false)
		}
		_, seg := reader.Position()
		removed, _ := pc.Get(removedKey).([]span)
		pc.Set(removedKey, append(removed, span{div.Pos(), seg.Start}))
		div.Parent().RemoveChild(div.Parent(), div)
	}
}

// removedKey holds the source spans of the trainer notes a participant build
// dropped, for footnoteGuard.
var removedKey = parser.NewContextKey()

type span struct{ start, stop int }

// ownsClosingFence reports whether a closing line belongs to div: not when a
// block opened inside it is still open, since the innermost block closes
// first, and not when the line is the content of an open code or HTML block.
func ownsClosingFence(div ast.Node, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	inside := false
	for _, b := range blocks {
		if b.Node == div {
			inside = true
			continue
		}
		if !inside {
			continue
		}
		switch b.Node.(type) {
		case *Div, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return false
		}
	}
	return true
}

// closingFence returns the number of colons when line is three or more
// colons and nothing else, indented less than four columns, or 0.
func closingFence(line []byte, lineOffset int) int {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 || pos >= len(line) {
		return 0
	}
	n := countColons(line[pos:])
	if n < 3 || !util.IsBlank(line[pos+n:]) {
		return 0
	}
	return n
}

func countColons(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ':' {
		n++
	}
	return n
}

func isNameByte(c byte, first bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return true
	case '0' <= c && c <= '9', c == '-', c == '_':
		return !first
	}
	return false
}

func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i], i == 0) {
			return false
		}
	}
	return s != ""
}

// unclosedHint explains the usual cause of an unclosed block: an inner
// block left open, so that the fence meant for the outer one closed it.
func unclosedHint(div *Div, doc *mdctx.Doc) string {
	hint := "end it with a line of colons (:::); each such line closes the innermost open block"
	walk(div, func(n ast.Node) bool {
		inner, ok := n.(*Div)
		if !ok || inner == div {
			return true
		}
		if inner.closedBy == div.Fence && inner.closedBy > inner.Fence {
			line, _ := diag.Position(doc.Source, inner.Pos())
			hint = fmt.Sprintf("the %s line meant for it closed %q (line %d) instead; close %q first with its own %s line",
				strings.Repeat(":", div.Fence), inner.Name, line+doc.LineOffset, inner.Name, strings.Repeat(":", inner.Fence))
			return false
		}
		return true
	})
	return hint
}

// trainerParagraphs drops the paragraphs of trainer notes in participant
// builds as soon as they close, before goldmark reads link reference
// definitions out of them: a participant link could otherwise resolve to a
// URL written only for trainers. The notes themselves go when they close.
type trainerParagraphs struct{}

func (trainerParagraphs) Transform(para *ast.Paragraph, reader text.Reader, pc parser.Context) {
	for n := para.Parent(); n != nil; n = n.Parent() {
		if d, ok := n.(*Div); ok && isTrainerOnly(d.Name) {
			para.Parent().RemoveChild(para.Parent(), para)
			return
		}
	}
}
