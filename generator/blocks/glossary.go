package blocks

import (
	"cmp"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// KindGlossaryTerm is the NodeKind of a linked glossary term.
var KindGlossaryTerm = ast.NewNodeKind("GlossaryTerm")

// GlossaryTerm is the first use of a glossary term in a document. Its
// children are the text as written in the document.
type GlossaryTerm struct {
	ast.BaseInline
	// Href is the glossary entry's URL. The node's id attribute is the
	// tooltip's id.
	Href       string
	Definition string
	// tip is the tooltip's HTML, made once per term of the glossary
	// rather than at each of its links (see compiledTerm); "" for a node
	// made elsewhere, whose renderer makes it.
	tip string
}

// SetGlossaryURL points the term at its entry on the glossary page at
// url, as seen from another place (markdown.Result.RenderAgain).
func (n *GlossaryTerm) SetGlossaryURL(url string) {
	_, frag, _ := strings.Cut(n.Href, "#")
	n.Href = url + "#" + frag
}

// Kind implements ast.Node.
func (n *GlossaryTerm) Kind() ast.NodeKind { return KindGlossaryTerm }

// Dump implements ast.Node.
func (n *GlossaryTerm) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Href": n.Href}, nil)
}

// glossaryParser reads glossary pages. It includes this extension so that
// trainer notes in a glossary never become participant tooltips, and so that
// the ids it reads are the ones the glossary page itself gets.
var glossaryParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.DefinitionList, extension.TaskList, New(Options{}))).Parser()
})

// ParseGlossary reads a glossary page's Markdown body, a definition list, and
// returns its terms in order. Several terms may share a definition; several
// definitions of one term are joined. IDs are those the page's <dt> elements
// get: "term-" and the term in lower case, letters of every script kept,
// other characters dropped and spaces made hyphens, made unique with -2, -3.
func ParseGlossary(src []byte) []Term {
	root := glossaryParser().Parse(text.NewReader(src))
	var terms []Term
	walk(root, func(n ast.Node) bool {
		list, ok := n.(*extast.DefinitionList)
		if !ok {
			return true
		}
		var group []Term
		defined := false
		flush := func() {
			terms = append(terms, group...)
			group, defined = nil, false
		}
		for c := list.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *extast.DefinitionTerm:
				if defined {
					flush()
				}
				id := ""
				if v, ok := c.AttributeString("id"); ok {
					if b, ok := v.([]byte); ok {
						id = string(b)
					}
				}
				group = append(group, Term{Term: collapseSpace(plainText(c, src)), ID: id})
			case *extast.DefinitionDescription:
				defined = true
				def := collapseSpace(plainText(c, src))
				for i := range group {
					group[i].Definition = strings.TrimSpace(group[i].Definition + " " + def)
				}
			}
		}
		flush()
		return false
	})
	return slices.DeleteFunc(terms, func(t Term) bool { return t.Term == "" })
}

// termID returns the anchor of a glossary term, unique among used.
func termID(term string, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("term-")
	dash := false
	for _, r := range norm.NFC.String(strings.TrimSpace(term)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if dash {
				b.WriteByte('-')
				dash = false
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			// Typographers turn "a -- b" into a dash and quotes into curly
			// ones; dropping punctuation keeps the id the same either way.
			dash = b.Len() > len("term-")
		}
	}
	id := b.String()
	if id == "term-" {
		id = "term"
	}
	unique := id
	for n := 2; used[unique]; n++ {
		unique = fmt.Sprintf("%s-%d", id, n)
	}
	used[unique] = true
	return unique
}

// glossaryMatcher finds the first use of each term in a document.
type glossaryMatcher struct {
	terms []compiledTerm // longest first
	// forms lists, by entry, the indexes in terms of its forms.
	forms [][]int
	// slot numbers the runes a form starts with, from 1, so that a run
	// notes where each of them is (textRun.starts) and a form is looked
	// for only there; asciiSlot is slot for the ASCII runes, without a
	// map lookup.
	slot      map[rune]int
	asciiSlot [utf8.RuneSelf]int
	slots     int
	// starting has a bit for each rune of the BMP a form starts with:
	// most runes are not one, and are told so without a map lookup.
	starting [0x10000 / 64]uint64
}

// A compiledTerm is one form of a glossary entry: the term as the
// glossary writes it, or a form of it without its gloss (see termForms).
type compiledTerm struct {
	term      Term
	entry     int    // the entry's index: one link for all its forms
	text      string // the form as written
	folded    []rune // lower case, spaces collapsed to one ' '
	spaceless bool   // written in a script without spaces: match anywhere
	slot      int    // of folded[0] (see glossaryMatcher.slot)
	tip       string // the tooltip's HTML (see GlossaryTerm.tip)
}

func newGlossaryMatcher(terms []Term) *glossaryMatcher {
	m := &glossaryMatcher{}
	// A term of the glossary is its own entry's, not another's bare form.
	written := map[string]bool{}
	for _, t := range terms {
		written[string(foldRunes(t.Term))] = true
	}
	seen := map[string]bool{}
	for _, t := range terms {
		if t.ID == "" {
			continue
		}
		entry := len(m.forms)
		var forms []int
		for i, text := range termForms(t.Term) {
			folded := foldRunes(text)
			if len(folded) == 0 || seen[string(folded)] || i > 0 && written[string(folded)] {
				continue
			}
			seen[string(folded)] = true
			ct := compiledTerm{term: t, entry: entry, text: text, folded: folded}
			for _, r := range folded {
				if isSpaceless(r) {
					ct.spaceless = true
				}
			}
			forms = append(forms, len(m.terms))
			m.terms = append(m.terms, ct)
		}
		if forms != nil {
			m.forms = append(m.forms, forms)
		}
	}
	slices.SortStableFunc(m.terms, func(a, b compiledTerm) int {
		return cmp.Or(cmp.Compare(len(b.folded), len(a.folded)), cmp.Compare(a.text, b.text))
	})
	for i := range m.forms {
		m.forms[i] = m.forms[i][:0]
	}
	for i, t := range m.terms {
		m.forms[t.entry] = append(m.forms[t.entry], i)
	}
	m.slot = map[rune]int{}
	for i := range m.terms {
		t := &m.terms[i]
		t.tip = escape(tooltipText(t.term.Definition))
		first := t.folded[0]
		if m.slot[first] == 0 {
			m.slots++
			m.slot[first] = m.slots
			if first < utf8.RuneSelf {
				m.asciiSlot[first] = m.slots
			}
			if first < 0x10000 {
				m.starting[first/64] |= 1 << (first % 64)
			}
		}
		t.slot = m.slot[first]
	}
	return m
}

// termForms returns the forms a term is found in: the term, and for a
// term that ends with a gloss in parentheses, "Referral mechanism
// (national referral mechanism)" or "转介机制（国家转介机制）", the
// term without it and the gloss itself, each when it reads as a name
// of its own (see isNameForm). Lessons write "referral mechanism" or
// "national referral mechanism", never the parenthesis. A single word
// is not enough: a gloss is there because the word alone is ambiguous
// ("Means (of trafficking)": "means" is everywhere in English prose, as
// are "moyens", 手段 and الوسائل), and "of trafficking" is no name.
func termForms(term string) []string {
	forms := []string{term}
	t := strings.TrimSpace(term)
	var closing rune
	if r, size := utf8.DecodeLastRuneInString(t); size > 0 {
		closing = r
		t = t[:len(t)-size]
	}
	if closing != ')' && closing != '）' {
		return forms
	}
	open := strings.LastIndexAny(t, "(（")
	if open < 0 {
		return forms
	}
	_, size := utf8.DecodeRuneInString(t[open:])
	bare, gloss := strings.TrimSpace(t[:open]), strings.TrimSpace(t[open+size:])
	for _, f := range []string{bare, gloss} {
		if isNameForm(f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// isNameForm reports whether a term's bare form or gloss names a thing
// on its own: two words or more (three characters or more in a script
// written without spaces), not starting with a small word ("of
// trafficking", "de la traite").
func isNameForm(s string) bool {
	if strings.ContainsAny(s, "()（）") {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	first := strings.ToLower(words[0])
	if smallWords[first] || strings.HasPrefix(first, "d'") || strings.HasPrefix(first, "d’") ||
		strings.HasPrefix(first, "l'") || strings.HasPrefix(first, "l’") {
		return false
	}
	if len(words) >= 2 {
		return true
	}
	spaceless := 0
	for _, r := range s {
		if isSpaceless(r) {
			spaceless++
		}
	}
	return spaceless >= 3
}

// smallWords are the articles, prepositions and conjunctions a gloss may
// start with in the theme's languages: such a gloss qualifies the term
// ("of trafficking") and is not a name.
var smallWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of in on for to by with and or as at from see e.g. i.e. eg ie
		de du des la le les un une en pour par et ou à au aux avec sur voir
		del el los las por para y o
		der die das dem den von im für und oder zum zur
		di della dello il lo gli per e
		do da dos das em
		в на по для и или от
		في من إلى على عن و أو مثل أي`) {
		m[w] = true
	}
	return m
}()

func foldRunes(s string) []rune {
	var out []rune
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, unicode.ToLower(r))
	}
	return out
}

// isSpaceless reports whether r belongs to a script written without spaces
// between words, where a term can only be found as a substring.
func isSpaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// textRun is a sequence of adjacent Text nodes, folded for matching.
type textRun struct {
	nodes  []*ast.Text
	folded []rune
	at     []runeAt // where each folded rune comes from
	taken  []bool   // runes already inside a match
	source []byte
	// starts lists, by slot (glossaryMatcher.slot), where the runes a
	// form may start with are in folded, in order: find looks only
	// there, not at every rune for every form.
	starts [][]int
}

type runeAt struct {
	node        int // index in nodes
	start, stop int // bytes in the source
}

// match is a term found in a run, runes [start, stop).
type match struct {
	term        *compiledTerm
	run         *textRun
	start, stop int
}

// link wraps the first use of each term in a GlossaryTerm.
//
// Terms are looked for in priority order (longest first) within each run
// of text, run after run in document order: a term's first use is in the
// first run that has it outside a longer term's use. Only one run is
// folded at a time, in buffers reused for the next, so a 10 MB lesson
// does not hold a folded copy of all its text.
func (m *glossaryMatcher) link(root ast.Node, source []byte, glossaryURL string, pc parser.Context) {
	if len(m.terms) == 0 {
		return
	}
	found := make([]bool, len(m.forms)) // by entry
	left := len(m.forms)
	r := &textRun{}
	var matches []match
	// The terms linked, in document order: runs come in document order,
	// and a run's terms are added from its start.
	var linked []*GlossaryTerm
	r.starts = make([][]int, m.slots+1)
	for _, nodes := range collectRuns(root) {
		r.reset(nodes, source)
		m.noteStarts(r)
		matches = matches[:0]
		for i := range m.terms {
			t := &m.terms[i]
			if found[t.entry] || len(r.starts[t.slot]) == 0 {
				// Found already, or its first letter is not in the run.
				continue
			}
			if start, ok := r.find(t); ok {
				// Of an entry's forms, the first used ("referral
				// mechanism" before "national referral mechanism").
				for _, j := range m.forms[t.entry] {
					if other := &m.terms[j]; other != t {
						if s, ok := r.find(other); ok && s < start {
							t, start = other, s
						}
					}
				}
				for k := start; k < start+len(t.folded); k++ {
					r.taken[k] = true
				}
				matches = append(matches, match{t, r, start, start + len(t.folded)})
				found[t.entry] = true
				left--
			}
		}
		// Apply from the end of the run so earlier matches keep their
		// nodes: splitting always leaves the original node as the
		// leftmost piece.
		slices.SortStableFunc(matches, func(a, b match) int { return cmp.Compare(b.start, a.start) })
		first := len(linked)
		for _, f := range matches {
			term := &GlossaryTerm{
				Href:       glossaryURL + "#" + escapeFragment(f.term.term.ID),
				Definition: f.term.term.Definition,
				tip:        f.term.tip,
			}
			first, last := f.run.split(f.start, f.stop)
			parent := first.Parent()
			parent.InsertBefore(parent, first, term)
			for c := ast.Node(first); c != nil; {
				next := c.NextSibling()
				term.AppendChild(term, c)
				if c == last {
					break
				}
				c = next
			}
			linked = append(linked, term)
		}
		slices.Reverse(linked[first:])
		if left == 0 {
			break
		}
	}
	// Tooltip ids are given in document order, after every other id.
	for _, t := range linked {
		t.SetAttributeString("id", pc.IDs().Generate([]byte("term-tip"), KindGlossaryTerm))
	}
}

// find returns the first position where t occurs in r, outside earlier
// matches and, for alphabetic scripts, on word boundaries.
func (r *textRun) find(t *compiledTerm) (int, bool) {
	n := len(t.folded)
	for _, i := range r.starts[t.slot] {
		if i+n > len(r.folded) {
			break
		}
		if r.taken[i] {
			continue
		}
		if !slices.Equal(r.folded[i:i+n], t.folded) || slices.Contains(r.taken[i:i+n], true) {
			continue
		}
		if r.inTitle(i) {
			continue
		}
		if !t.spaceless {
			if i > 0 && !boundary(r.folded[i-1], r.folded[i]) {
				continue
			}
			if i+n < len(r.folded) && !boundary(r.folded[i+n-1], r.folded[i+n]) {
				continue
			}
			if r.inName(i, n, t) {
				continue
			}
		}
		return i, true
	}
	return 0, false
}

// inName reports whether the term's words at runes [i, i+n) are part of
// a name, capitalized where the glossary writes them in lower case: the
// treaty's "Protocol to … Punish Trafficking in Persons" for the term
// "trafficking in persons". A name is not the term, and a link would cut
// it in two. Only the words after the first count: a sentence may begin
// with the term.
func (r *textRun) inName(i, n int, t *compiledTerm) bool {
	words := strings.Fields(t.text)
	w := 0 // the term's word at rune k
	for k := i; k < i+n; k++ {
		if k == i || r.folded[k-1] != ' ' {
			continue
		}
		if w++; w >= len(words) {
			break
		}
		in, _ := utf8.DecodeRune(r.source[r.at[k].start:r.at[k].stop])
		want, _ := utf8.DecodeRuneInString(words[w])
		if !unicode.IsUpper(in) || unicode.IsUpper(want) {
			continue
		}
		// Capitalized, not written in capitals (HUMAN TRAFFICKING is the
		// term, shouted).
		if k+1 < i+n && r.folded[k+1] != ' ' {
			if next, _ := utf8.DecodeRune(r.source[r.at[k+1].start:r.at[k+1].stop]); unicode.IsLower(next) {
				return true
			}
		}
	}
	return false
}

// inTitle reports whether rune i of the run is inside title marks: the
// 《》 and 〈〉 that Chinese writes around the title of a treaty, a law or
// a book (《强迫劳动指标》, 《…妇女和儿童行为的补充议定书》), and the 『』
// of Japanese. Chinese has no capitals to tell a name (see inName), but
// its titles say where they are; a term inside one is part of the name.
//
// The marks are looked for in the source of the whole block the run is in
// (its paragraph, heading or cell), from its start: a title may hold
// emphasis, which ends the run (《关于**人口贩运**的议定书》).
func (r *textRun) inTitle(i int) bool {
	at := r.at[i].start
	from := 0
	for n := ast.Node(r.nodes[r.at[i].node]); n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			from = n.Lines().At(0).Start
			break
		}
	}
	if from > at {
		from = at
	}
	var open []rune // title marks opened and not closed, looking forward
	for _, c := range string(r.source[from:at]) {
		switch c {
		case '《', '〈', '『':
			open = append(open, c)
		case '》', '〉', '』':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	return len(open) > 0
}

// boundary reports whether a word may end between a and b.
func boundary(a, b rune) bool {
	return !isWordRune(a) || !isWordRune(b) || isSpaceless(a) || isSpaceless(b)
}

// split cuts the run's nodes so that runes [start, stop) are whole Text
// nodes, and returns the first and last of them.
func (r *textRun) split(start, stop int) (first, last *ast.Text) {
	a, z := r.at[start], r.at[stop-1]
	endNode := r.nodes[z.node]
	if z.stop < endNode.Segment.Stop || endNode.SoftLineBreak() || endNode.HardLineBreak() {
		// The rest, and the line break, stay outside the link.
		rest := ast.NewTextSegment(text.NewSegment(z.stop, endNode.Segment.Stop))
		rest.SetSoftLineBreak(endNode.SoftLineBreak())
		rest.SetHardLineBreak(endNode.HardLineBreak())
		endNode.Segment = endNode.Segment.WithStop(z.stop)
		endNode.SetSoftLineBreak(false)
		endNode.SetHardLineBreak(false)
		endNode.Parent().InsertAfter(endNode.Parent(), endNode, rest)
	}
	startNode := r.nodes[a.node]
	if a.start == startNode.Segment.Start {
		return startNode, endNode
	}
	mid := ast.NewTextSegment(text.NewSegment(a.start, startNode.Segment.Stop))
	mid.SetSoftLineBreak(startNode.SoftLineBreak())
	mid.SetHardLineBreak(startNode.HardLineBreak())
	startNode.SetSoftLineBreak(false)
	startNode.SetHardLineBreak(false)
	startNode.Segment = startNode.Segment.WithStop(a.start)
	startNode.Parent().InsertAfter(startNode.Parent(), startNode, mid)
	if startNode == endNode {
		return mid, mid
	}
	return mid, endNode
}

// collectRuns gathers the runs of adjacent plain Text nodes a glossary
// link may start in, in document order.
func collectRuns(root ast.Node) [][]*ast.Text {
	var runs [][]*ast.Text
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		if skipForGlossary(n) {
			return
		}
		var cur []*ast.Text
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok || t.IsRaw() {
				if cur != nil {
					runs = append(runs, cur)
					cur = nil
				}
				visit(c)
				continue
			}
			cur = append(cur, t)
		}
		if cur != nil {
			runs = append(runs, cur)
		}
	}
	visit(root)
	return runs
}

// noteStarts lists where the runes forms start with are in r.
func (m *glossaryMatcher) noteStarts(r *textRun) {
	for i := range r.starts {
		r.starts[i] = r.starts[i][:0]
	}
	for i, c := range r.folded {
		var slot int
		switch {
		case c < utf8.RuneSelf:
			slot = m.asciiSlot[c]
		case c < 0x10000 && m.starting[c/64]&(1<<(c%64)) == 0:
			// Starts no form.
		default:
			slot = m.slot[c]
		}
		if slot > 0 {
			r.starts[slot] = append(r.starts[slot], i)
		}
	}
}

// reset makes r the run of nodes, folded, keeping r's buffers.
func (r *textRun) reset(nodes []*ast.Text, source []byte) {
	r.nodes, r.folded, r.at, r.source = r.nodes[:0], r.folded[:0], r.at[:0], source
	for _, t := range nodes {
		r.add(t, source)
	}
	r.taken = slices.Grow(r.taken[:0], len(r.folded))[:len(r.folded)]
	clear(r.taken)
}

func (r *textRun) add(t *ast.Text, source []byte) {
	idx := len(r.nodes)
	r.nodes = append(r.nodes, t)
	seg := t.Segment
	value := source[seg.Start:seg.Stop]
	for i := 0; i < len(value); {
		if c := value[i]; c < utf8.RuneSelf {
			// ASCII, most of the text in most languages: what the
			// general case below does, without decoding and Unicode
			// tables.
			start := seg.Start + i
			i++
			if asciiSpace[c] {
				r.space(idx, start, start+1)
				continue
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			r.folded = append(r.folded, rune(c))
			r.at = append(r.at, runeAt{idx, start, start + 1})
			continue
		}
		// The width read, not utf8.RuneLen(ch): an invalid byte is one
		// byte wide but reads as U+FFFD, three bytes when re-encoded.
		ch, width := utf8.DecodeRune(value[i:])
		start := seg.Start + i
		stop := start + width
		i += width
		if caseless(ch) {
			// Chinese or Arabic: no space, no case to fold, and no
			// table to look them up in.
			r.folded = append(r.folded, ch)
			r.at = append(r.at, runeAt{idx, start, stop})
			continue
		}
		if unicode.IsSpace(ch) {
			r.space(idx, start, stop)
			continue
		}
		r.folded = append(r.folded, unicode.ToLower(ch))
		r.at = append(r.at, runeAt{idx, start, stop})
	}
	if t.SoftLineBreak() || t.HardLineBreak() {
		r.space(idx, seg.Stop, seg.Stop)
	}
}

// caseless reports whether r is a CJK unified ideograph or in the Arabic
// block, which Unicode gives neither white space nor a lower case
// (TestCaseless checks each).
func caseless(r rune) bool {
	return 0x4E00 <= r && r <= 0x9FFF || 0x0600 <= r && r <= 0x06FF
}

// asciiSpace are the ASCII runes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// space adds one ' ' for a run of white space.
func (r *textRun) space(node, start, stop int) {
	if n := len(r.folded); n > 0 && r.folded[n-1] == ' ' {
		r.at[n-1].stop = stop
		return
	}
	r.folded = append(r.folded, ' ')
	r.at = append(r.at, runeAt{node, start, stop})
}

// skipForGlossary lists where a term is never linked: text that is already a
// link or a heading, code, and the parts of blocks that work as headings or
// would give a quiz away.
func skipForGlossary(n ast.Node) bool {
	switch n.(type) {
	case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan,
		*ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML,
		*GlossaryTerm, *DivTitle, *QuizLabel, *QuizFeedback,
		*extast.DefinitionTerm, *extast.FootnoteLink, *extast.FootnoteBacklink:
		return true
	}
	return false
}

// escapeFragment percent-encodes an id for a URL fragment; browsers decode
// it before looking the id up, so Chinese and Arabic anchors work.
func escapeFragment(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// plainText returns the text of n and its descendants, blocks separated by a
// space; nil gives "".
func plainText(n ast.Node, source []byte) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
			return
		case *ast.String:
			if n.IsCode() {
				// A typographer's entity, such as &rsquo;.
				b.WriteString(html.UnescapeString(string(n.Value)))
			} else {
				b.Write(n.Value)
			}
			return
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				b.Write(s.Value(source))
			}
			return
		}
		if n.Type() == ast.TypeBlock && b.Len() > 0 {
			b.WriteByte(' ')
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
