// Package markdown converts one page's Markdown body to HTML with goldmark
// and our extensions, and returns what the rest of the build needs from it:
// the HTML, the headings for the table of contents, and the plain text split
// at headings for the search index.
//
// A Converter is built once per language and audience and is safe for
// concurrent use: goldmark parsers are stateless and everything that belongs
// to one document travels in its parser.Context (see package mdctx).
//
// The package never reads files and never decides URLs: it asks the
// document's Resolve function.
package markdown

import (
	"bytes"
	_ "embed"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Converter.
type Options struct {
	// UnsafeHTML lets raw HTML in content through; otherwise it is shown
	// escaped, as text, and reported.
	UnsafeHTML bool
	// Extensions are added after ours (the training blocks).
	Extensions []goldmark.Extender
	// NoIndex are node kinds whose text stays out of the search text (quiz
	// feedback would give the answers away in search snippets).
	NoIndex []ast.NodeKind
	// Label gives the words the converter writes itself, in the page's
	// language ("footnotes.title", "footnotes.back"); nil or "" is English.
	Label func(key string) string
}

// Converter turns Markdown into HTML.
type Converter struct {
	md goldmark.Markdown
	// unlinked parses the documents that unlinkedIsExact accepts: it is
	// md without GFM's linkify, whose triggers make goldmark stop at every
	// space of every text to ask it (an eighth of converting a page) when
	// it can link nothing. Its renderer is not used. Tests set it nil to
	// parse every document with md.
	unlinked goldmark.Markdown
	noIndex  noIndex
}

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Section is the plain text of a page between two headings.
type Section struct {
	Anchor  string // heading id; "" for the text before the first heading
	Heading string
	Text    string
}

// Result is what converting one document gives.
type Result struct {
	HTML     string
	Headings []Heading // every heading with its id, in order
	Sections []Section
	// H1 is the text of a level-1 heading that opened the document.
	H1 string
	// IDs are all element ids in the document (headings, glossary terms,
	// attributes set by hand), for checking links to anchors.
	IDs []string

	// What RenderAgain needs: the parsed tree, the links as written, and
	// the nodes it changes (see survey.again), so that it need not walk
	// the tree to find them.
	conv  *Converter
	root  ast.Node
	src   []byte
	links []linkRef
	again []ast.Node
	// blocks are the document's top-level blocks and where each is in
	// HTML: RenderAgain copies those it leaves as they were.
	blocks []renderedBlock
}

// renderedBlock is a top-level block of a document and its HTML,
// HTML[start:end] of the first render.
type renderedBlock struct {
	node       ast.Node
	start, end int
	// changes is set when RenderAgain changes something in the block: a
	// heading, an id, a link, a glossary term or a footnote.
	changes bool
}

// HeadingNode is a node of an extension that renders a heading of its own
// (a scenario's title): RenderAgain moves it down with the headings.
type HeadingNode interface {
	HeadingLevel() int
	SetHeadingLevel(level int)
}

// linkRef is a link or image and its destination as the author wrote it.
type linkRef struct {
	dest *[]byte
	raw  string
}

var linksKey = parser.NewContextKey()

// GlossaryLink is a node that links to the glossary page (a glossary
// term): RenderAgain points it at the glossary as seen from the other
// place.
type GlossaryLink interface {
	SetGlossaryURL(url string)
}

// RenderAgain renders the same document a second time for another place:
// every id gets prefix (so several lessons can share one printable page
// without clashing ids), every link destination is resolved again by
// resolve, glossary terms link to glossaryURL, and every heading goes
// down by the given number of levels (to sit under the title the other
// place gives the document; h6 stays h6). It reuses the parsed tree, so
// it costs a render, not a parse. It changes the tree: call it after the
// first HTML has been used.
func (r *Result) RenderAgain(prefix string, down int, resolve func(raw string) string, glossaryURL string) (string, error) {
	if r.root == nil {
		return "", nil
	}
	for _, n := range r.again {
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+down, 6)
		case HeadingNode:
			n.SetHeadingLevel(min(n.HeadingLevel()+down, 6))
		case GlossaryLink:
			n.SetGlossaryURL(glossaryURL)
		}
		if v, ok := n.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				n.SetAttributeString("id", append([]byte(prefix), b...))
			} else if s, ok := v.(string); ok {
				n.SetAttributeString("id", []byte(prefix+s))
			}
		}
	}
	// The footnote extension writes its ids (fn:1, fnref:1) and the links
	// between them itself: it takes the prefix from the document.
	r.root.SetAttributeString(footnotePrefixAttr, []byte(prefix))
	r.root.SetAttributeString(footnoteLevelAttr, min(2+down, 6))
	for _, l := range r.links {
		if strings.HasPrefix(l.raw, "#") {
			*l.dest = []byte("#" + prefix + l.raw[1:])
			continue
		}
		*l.dest = []byte(resolve(l.raw))
	}
	// Only the blocks that changed are rendered again: most paragraphs
	// have no link, id or glossary term, and are the same HTML again.
	var b strings.Builder
	b.Grow(len(r.HTML) + len(r.HTML)/8)
	w := stringWriter{&b}
	for _, blk := range r.blocks {
		if !blk.changes {
			b.WriteString(r.HTML[blk.start:blk.end])
			continue
		}
		if err := r.conv.md.Renderer().Render(w, r.src, blk.node); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// footnotePrefixAttr is the document attribute that holds the prefix of
// footnote ids (see RenderAgain); the document element writes no
// attributes.
const footnotePrefixAttr = "fieldguide-footnote-prefix"

// footnotePrefix gives the footnote extension the prefix of n's document.
func footnotePrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.AttributeString(footnotePrefixAttr); ok {
			if b, ok := v.([]byte); ok {
				return b
			}
		}
	}
	return nil
}

// render renders a parsed document, a top-level block at a time, and says
// where each block's HTML is, for RenderAgain; changes says which blocks
// RenderAgain changes (see survey). The document itself renders as
// nothing, so its HTML is its blocks' one after the other. The HTML is
// built as a string, which the page's template takes as it is: from a
// []byte, each page's HTML was copied once more.
func (c *Converter) render(src []byte, root ast.Node, changes []bool) (string, []renderedBlock, error) {
	var b strings.Builder
	b.Grow(len(src) * 2)
	w := stringWriter{&b}
	blocks := make([]renderedBlock, 0, len(changes))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		start := b.Len()
		if err := c.md.Renderer().Render(w, src, n); err != nil {
			return "", nil, err
		}
		blocks = append(blocks, renderedBlock{node: n, start: start, end: b.Len(), changes: changes[len(blocks)]})
	}
	return b.String(), blocks, nil
}

// stringWriter lets goldmark's renderer write straight into a
// strings.Builder: given any other writer, it puts a bufio.Writer of its
// own in between for each render (4 KB, and a copy of the whole page).
type stringWriter struct{ *strings.Builder }

func (w stringWriter) Available() int { return w.Cap() - w.Len() }
func (stringWriter) Buffered() int    { return 0 }
func (stringWriter) Flush() error     { return nil }

var _ util.BufWriter = stringWriter{}

// New builds a Converter.
func New(opts Options) *Converter {
	c := &Converter{md: newGoldmark(opts, gfm()), unlinked: newGoldmark(opts, append(gfmUnlinked(), lineEnds{}))}
	for _, k := range opts.NoIndex {
		if int(k) >= len(c.noIndex) {
			c.noIndex = append(c.noIndex, make(noIndex, int(k)+1-len(c.noIndex))...)
		}
		c.noIndex[k] = true
	}
	return c
}

// newGoldmark is goldmark with the given GFM parts, ours, and
// opts.Extensions, parsing with newParser.
func newGoldmark(opts Options, gfm []goldmark.Extender) goldmark.Markdown {
	return newGoldmarkWith(opts, gfm, newParser())
}

// newGoldmarkWith is newGoldmark parsing with p (tests give goldmark's
// own parser).
func newGoldmarkWith(opts Options, gfm []goldmark.Extender, p parser.Parser) goldmark.Markdown {
	exts := append(gfm,
		extension.DefinitionList,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		&core{unsafe: opts.UnsafeHTML, label: labeller(opts.Label)},
	)
	exts = append(exts, opts.Extensions...)
	rendererOpts := []renderer.Option{html.WithXHTML(), html.WithWriter(textWriter{})}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// Convert renders doc.Source. With dropH1, a level-1 heading that opens
// the document is left out, because the page shows it as its title.
func (c *Converter) Convert(doc *mdctx.Doc, dropH1 bool) (*Result, error) {
	if doc.Diags == nil {
		doc.Diags = &diag.List{}
	}
	ids := newIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	mdctx.Set(pc, doc)
	p := c.md.Parser()
	if c.unlinked != nil && unlinkedIsExact(doc.Source) {
		p = c.unlinked.Parser()
	}
	root := p.Parse(text.NewReader(doc.Source), parser.WithContext(pc))
	res := &Result{}
	if first := root.FirstChild(); first != nil {
		if h, ok := first.(*ast.Heading); ok && h.Level == 1 {
			res.H1 = plainText(h, doc.Source)
			if dropH1 {
				root.RemoveChild(root, h)
			}
		}
	}
	checkHeadings(root, doc)
	sv := survey{doc: doc, src: doc.Source, noIndex: c.noIndex, seen: map[string]bool{}}
	res.Headings, res.Sections = sv.outline(root)
	res.IDs, res.again = sv.ids, sv.again
	html, blocks, err := c.render(doc.Source, root, sv.changes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.File, err)
	}
	res.HTML, res.blocks = html, blocks
	res.conv, res.root, res.src = c, root, doc.Source
	if refs, ok := pc.Get(linksKey).(*[]linkRef); ok {
		res.links = *refs
	}
	return res, nil
}

// checkHeadings warns about heading levels that skip (h2 → h4), which
// confuse screen-reader users navigating by headings.
func checkHeadings(root ast.Node, doc *mdctx.Doc) {
	prev := 1
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		if h.Level > prev+1 {
			doc.Report(nodeOffset(h), diag.Warning, "heading-skip",
				fmt.Sprintf("heading level jumps from h%d to h%d", prev, h.Level),
				fmt.Sprintf("use %s for this heading", strings.Repeat("#", prev+1)))
		}
		prev = h.Level
	}
}

// nodeOffset is the byte offset where a block node starts, or of its first
// text for inline nodes.
func nodeOffset(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock {
			if l := c.Lines(); l != nil && l.Len() > 0 {
				return l.At(0).Start
			}
		}
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if fc := c.FirstChild(); fc != nil {
			if t, ok := fc.(*ast.Text); ok {
				return t.Segment.Start
			}
		}
	}
	return 0
}

// noIndex says, by node kind, whose text stays out of the search text: a
// slice rather than a map, as it is asked about every node.
type noIndex []bool

func (ni noIndex) has(k ast.NodeKind) bool { return int(k) < len(ni) && ni[k] }

// survey is what one walk over a parsed document learns, for Result: the
// search text of each section, the ids, and the nodes RenderAgain
// changes. One walk, where there were a walk per section for its text,
// one for the ids and one in RenderAgain: a walk costs more than the work
// done in it.
type survey struct {
	doc     *mdctx.Doc
	src     []byte
	noIndex noIndex
	// text is the search text of all sections, one after the other: a
	// strings.Builder, so that it becomes a string without a copy.
	text strings.Builder
	// ids are all element ids in document order; seen finds those used
	// twice.
	ids  []string
	seen map[string]bool
	// again are the nodes RenderAgain changes: headings and the like,
	// glossary links, and every node with an id.
	again []ast.Node
	// changes says, for each top-level block, whether RenderAgain changes
	// anything in it: one of again, a link or image, or a footnote.
	changes []bool
}

// outline collects the headings and the text of each section.
func (s *survey) outline(root ast.Node) ([]Heading, []Section) {
	var headings []Heading
	sections := []Section{{}}
	var ends []int // where each section's text ends in s.text
	s.text.Grow(len(s.src))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			id, _ := h.AttributeString("id")
			idStr := ""
			if b, ok := id.([]byte); ok {
				idStr = string(b)
			}
			t := plainText(h, s.src)
			headings = append(headings, Heading{Level: h.Level, ID: idStr, Text: t})
			ends = append(ends, s.text.Len())
			sections = append(sections, Section{Anchor: idStr, Heading: t})
			s.changes = append(s.changes, false)
			s.visit(h, h, false)
			continue
		}
		s.changes = append(s.changes, false)
		s.visit(n, n, true)
		s.text.WriteByte('\n')
	}
	ends = append(ends, s.text.Len())
	// One string for the whole page; each section's text is a part of it.
	all := s.text.String()
	start := 0
	for i, end := range ends {
		sections[i].Text = strings.TrimSpace(all[start:end])
		start = end
	}
	s.text = strings.Builder{}
	if sections[0].Text == "" && len(sections) > 1 {
		sections = sections[1:]
	}
	return headings, sections
}

// visit notes n and its descendants, and adds their text to the search
// text while text is set. top is the section's block being walked:
// every block in it but itself ends its text with a line break.
func (s *survey) visit(n, top ast.Node, text bool) {
	if t, ok := n.(*ast.Text); ok && t.FirstChild() == nil {
		// What the general case below does for a text, most of the
		// nodes, without asking what else it may be: it is not one
		// RenderAgain changes, and nobody gives it an id, but it could.
		if t.Attributes() != nil {
			s.noteID(t, true)
		}
		if text && !s.noIndex.has(ast.KindText) {
			s.text.Write(t.Segment.Value(s.src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				s.text.WriteByte(' ')
			}
		}
		return
	}
	s.note(n)
	childText := text
	if text {
		if s.noIndex.has(n.Kind()) {
			childText = false
		} else {
			switch t := n.(type) {
			case *ast.Text:
				s.text.Write(t.Segment.Value(s.src))
				if t.SoftLineBreak() || t.HardLineBreak() {
					s.text.WriteByte(' ')
				}
			case *ast.String:
				s.text.Write(t.Value)
			case *ast.CodeSpan:
				for c := t.FirstChild(); c != nil; c = c.NextSibling() {
					if tt, ok := c.(*ast.Text); ok {
						s.text.Write(tt.Segment.Value(s.src))
					}
				}
				childText = false
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					s.text.Write(seg.Value(s.src))
				}
				childText = false
			case *ast.RawHTML, *ast.HTMLBlock:
				childText = false
			}
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s.visit(c, top, childText)
	}
	if text && n != top && n.Type() == ast.TypeBlock {
		s.text.WriteByte('\n')
	}
}

// note lists n's id, reporting an id set by hand twice ({#same} on two
// headings), which breaks links to them, and keeps n for RenderAgain if
// it changes it.
func (s *survey) note(n ast.Node) {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.List, *ast.ListItem, *ast.Emphasis, *ast.CodeSpan,
		*extast.Table, *extast.TableHeader, *extast.TableRow, *extast.TableCell:
		// goldmark's most frequent kinds, none of the interfaces below:
		// asked first, they are told apart without asking for those.
		s.noteID(n, true)
	case *ast.Heading, HeadingNode, GlossaryLink:
		s.again = append(s.again, n)
		s.changed()
		s.noteID(n, false)
	case *ast.Link, *ast.Image, *extast.FootnoteLink, *extast.FootnoteBacklink, *extast.Footnote, *extast.FootnoteList:
		s.changed()
		s.noteID(n, true)
	default:
		s.noteID(n, true)
	}
}

// changed marks the top-level block being walked as one RenderAgain
// changes.
func (s *survey) changed() { s.changes[len(s.changes)-1] = true }

func (s *survey) noteID(n ast.Node, keep bool) {
	if n.Attributes() == nil {
		return
	}
	v, ok := n.AttributeString("id")
	if !ok {
		return
	}
	if keep {
		s.again = append(s.again, n)
	}
	s.changed()
	var id string
	switch t := v.(type) {
	case []byte:
		id = string(t)
	case string:
		id = t
	}
	if id == "" {
		return
	}
	if s.seen[id] {
		s.doc.Report(nodeOffset(n), diag.Warning, "duplicate-id", fmt.Sprintf("the id %q is used twice on this page", id),
			"give each heading its own {#id}")
	}
	s.seen[id] = true
	s.ids = append(s.ids, id)
}

// plainText is the text of a node and its children, without markup.
func plainText(n ast.Node, src []byte) string {
	if t, ok := n.FirstChild().(*ast.Text); ok && t == n.LastChild() && t.FirstChild() == nil {
		// Most headings are one text: what appendText writes of it, the
		// text and at most a blank, trimmed, without its walk.
		return strings.TrimSpace(string(t.Segment.Value(src)))
	}
	var b strings.Builder
	appendText(&b, n, src)
	return strings.TrimSpace(b.String())
}

// appendText writes the text of n as survey.visit writes the search text
// (with no kind left out), for a heading or an image's alt text.
func appendText(b *strings.Builder, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock && c != n {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// core wires our own parser and renderer pieces into goldmark.
type core struct {
	unsafe bool
	label  func(key string) string
}

func (c *core) Extend(m goldmark.Markdown) {
	// Priority 10: before any other transformer but the table's (0); see
	// transformer for why.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{unsafe: c.unsafe}, 10)))
	funcs := &coreRenderer{unsafe: c.unsafe, highlighted: &sync.Map{}}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(funcs, 100)))
	// Ahead of the footnote extension's renderer (500), for the kinds it
	// registers.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(footnoteRenderer{c.label}, 400)))
}

// labeller is label, falling back to the English words where it has none.
func labeller(label func(string) string) func(string) string {
	return func(key string) string {
		if label != nil {
			if s := label(key); s != "" {
				return s
			}
		}
		return footnoteWords[key]
	}
}

// linkOffset points at the "[" (or "![") that opens a link.
func linkOffset(n ast.Node, src []byte) int {
	off := nodeOffset(n)
	if off > 0 && off <= len(src) && src[off-1] == '[' {
		off--
		if off > 0 && src[off-1] == '!' {
			off--
		}
	}
	return off
}

// transformer is this package's one AST transformer: a single walk over
// the document does what several transformers did in a walk each (each
// walk costs as much as the work done in it): it keeps a heading's
// allowed attributes, rewrites links, reports raw HTML, and then checks
// footnotes. It runs before the training blocks' transformer (500) wraps
// glossary terms around the text the footnote check reads, and before the
// footnote extension's (999) drops the notes nothing cites.
type transformer struct{ unsafe bool }

func (t transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc := mdctx.Get(pc)
	links := &linkRewriter{doc: doc, pc: pc}
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Heading:
			if !t.unsafe {
				keepHeadingAttributes(n, doc)
			}
		case *extast.Table:
			// A table wider than a phone scrolls sideways (10-theme.css),
			// which a keyboard user can do once it takes the focus, as a
			// code block does.
			n.SetAttributeString("tabindex", []byte("0"))
		case *ast.Link, *ast.Image, *ast.AutoLink:
			links.visit(n)
		case *ast.HTMLBlock, *ast.RawHTML:
			if !t.unsafe {
				reportRawHTML(n, doc)
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c)
		}
	}
	visit(root)
	links.unlinkLeftOut()
	checkFootnotes(root, reader.Source(), doc)
}

// linkRewriter rewrites links to .md files into page URLs and reports
// links to pages that do not exist and javascript: URLs. A link to a page
// the build leaves out (a draft, a trainer-only page in a participant
// build) becomes its text alone, with a warning: the link is right in the
// builds that have the page.
type linkRewriter struct {
	doc *mdctx.Doc
	pc  parser.Context
	// unlink are the links to left-out pages, unlinked once the walk is
	// done so that it does not lose its place.
	unlink []ast.Node
	refs   *[]linkRef
}

func (lr *linkRewriter) unlinkLeftOut() {
	for _, n := range lr.unlink {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// visit rewrites one link, image or autolink.
func (lr *linkRewriter) visit(n ast.Node) {
	doc, pc := lr.doc, lr.pc
	var dest *[]byte
	isImage := false
	switch l := n.(type) {
	case *ast.Link:
		dest = &l.Destination
	case *ast.Image:
		dest = &l.Destination
		isImage = true
		if len(bytes.TrimSpace([]byte(plainText(l, doc.Source)))) == 0 {
			doc.Report(linkOffset(l, doc.Source), diag.Warning, "image-alt", "image without alt text: "+string(l.Destination),
				"describe the image for readers who cannot see it: ![what it shows](file.png)")
		}
		// On a slow link the page is read before its images come:
		// they load as they are scrolled to, and their size is kept
		// for them so that the text does not jump when they do.
		l.SetAttributeString("loading", []byte("lazy"))
		l.SetAttributeString("decoding", []byte("async"))
		if _, set := l.AttributeString("width"); !set && doc.ImageSize != nil {
			if w, h := doc.ImageSize(strings.TrimSpace(string(l.Destination))); w > 0 && h > 0 {
				l.SetAttributeString("width", []byte(strconv.Itoa(w)))
				l.SetAttributeString("height", []byte(strconv.Itoa(h)))
			}
		}
	case *ast.AutoLink:
		// Its text is its address: print shows it once (see the
		// theme's print rules, which add other links' addresses).
		l.SetAttributeString("class", []byte("url"))
		return
	default:
		return
	}
	raw := strings.TrimSpace(string(*dest))
	if host := remoteHost(raw); isImage && host != "" {
		// Every reader's browser would ask that site for it: the site
		// promises no request leaves it, and offline it is a hole.
		severity := diag.Warning
		if doc.Offline {
			severity = diag.Error
		}
		doc.Report(linkOffset(n, doc.Source), severity, "remote-image",
			fmt.Sprintf("image loaded from %s: every reader's browser would fetch it from that site, and the offline copy cannot show it", host),
			"download it into the lesson's folder and link it by its file name; a lesson with files of its own is a folder, lesson/index.md")
	}

	if raw == "" && !isImage {
		doc.Report(linkOffset(n, doc.Source), diag.Warning, "empty-link", "link with an empty destination", "write the page or URL between the parentheses")
		return
	}
	if javascriptURL(raw) {
		doc.Report(linkOffset(n, doc.Source), diag.Error, "javascript-url", "javascript: links are not allowed", "link to a page or a web address instead")
		*dest = []byte("#")
		return
	}
	if lr.refs == nil {
		lr.refs = &[]linkRef{}
		pc.Set(linksKey, lr.refs)
	}
	*lr.refs = append(*lr.refs, linkRef{dest: dest, raw: raw})
	if n.FirstChild() == nil && !isImage {
		doc.Report(linkOffset(n, doc.Source), diag.Warning, "empty-link", "link without text", "write the link text between the brackets: [text](…)")
	}
	if doc.Resolve == nil {
		return
	}
	if u, ok := doc.Resolve(raw); ok {
		*dest = []byte(u)
	} else if why := leftOut(doc, raw); why != "" {
		doc.Report(linkOffset(n, doc.Source), diag.Warning, "left-out-link",
			fmt.Sprintf("link to %s: the page %s, so this build shows the link's text without a link", raw, why),
			"nothing to do if that is intended; to keep the link, link to a page every reader gets")
		lr.unlink = append(lr.unlink, n)
	} else {
		hint := "check the path; links are relative to this file, e.g. ../module/lesson.md"
		suggestion := ""
		if doc.Suggest != nil {
			suggestion = doc.Suggest(raw)
		}
		switch {
		case suggestion != "":
			hint = fmt.Sprintf("did you mean %s?", suggestion)
		case strings.HasPrefix(raw, "/"):
			hint = "a link starting with / names a file of static/ (/img/map.png is static/img/map.png); to link to a page, write the path of its .md file relative to this one"
		}
		doc.Report(linkOffset(n, doc.Source), diag.Error, "broken-link", fmt.Sprintf("link to %s: no such page or file", raw), hint)
	}
}

// javascriptURL reports whether raw is a javascript: URL, blanks and
// case aside. It is not without a colon, which neither dropping blanks
// nor lowering letters can make: most links have none, and the look made
// three strings of each.
func javascriptURL(raw string) bool {
	return strings.IndexByte(raw, ':') >= 0 && strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(raw), "")), "javascript:")
}

// remoteHost is the host an absolute http(s) or protocol-relative URL
// loads from, or "".
func remoteHost(dest string) string {
	lower := strings.ToLower(dest)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "//") {
		return ""
	}
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return "another site"
	}
	return u.Host
}

func leftOut(doc *mdctx.Doc, dest string) string {
	if doc.LeftOut == nil {
		return ""
	}
	return doc.LeftOut(dest)
}

// coreRenderer highlights code and escapes raw HTML.
type coreRenderer struct {
	unsafe bool
	// highlighted caches highlighted code blocks by language and text:
	// chroma is the slowest part of rendering and courses repeat snippets.
	// It lives as long as the Converter (one build), so it cannot grow
	// across the rebuilds of a live preview.
	highlighted *sync.Map
}

func (r *coreRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFencedCode)
	if !r.unsafe {
		reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
		reg.Register(ast.KindRawHTML, r.renderRawHTML)
	}
}

var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

var lexerCache sync.Map

func lexerFor(lang string) chroma.Lexer {
	if v, ok := lexerCache.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(lang)
	if l != nil {
		l = chroma.Coalesce(l)
	}
	lexerCache.Store(lang, l)
	return l
}

func (r *coreRenderer) renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	var code bytes.Buffer
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	key := lang + "\x00" + code.String()
	if cached, ok := r.highlighted.Load(key); ok {
		w.WriteString(cached.(string))
		return ast.WalkSkipChildren, nil
	}
	var out bytes.Buffer
	r.highlight(&out, lang, code.Bytes())
	if code.Len() < 64<<10 {
		r.highlighted.Store(key, out.String())
	}
	w.Write(out.Bytes())
	return ast.WalkSkipChildren, nil
}

func (r *coreRenderer) highlight(w *bytes.Buffer, lang string, code []byte) {
	lexer := lexerFor(strings.ToLower(lang))
	// tabindex: a code block wider than the screen scrolls sideways, and
	// keyboard users scroll it once it has the focus.
	if lang != "" {
		fmt.Fprintf(w, `<pre class="chroma" tabindex="0"><code class="language-%s" data-lang="%s">`, util.EscapeHTML([]byte(lang)), util.EscapeHTML([]byte(lang)))
	} else {
		w.WriteString(`<pre class="chroma" tabindex="0"><code>`)
	}
	if lexer != nil {
		if it, err := lexer.Tokenise(nil, string(code)); err == nil {
			mark := w.Len()
			if err := formatter.Format(w, classesOnly, it); err == nil {
				w.WriteString("</code></pre>\n")
				return
			}
			w.Truncate(mark)
		}
	}
	w.Write(util.EscapeHTML(code))
	w.WriteString("</code></pre>\n")
}

func (r *coreRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	w.WriteString(`<pre class="raw-html">`)
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		w.Write(util.EscapeHTML(seg.Value(src)))
	}
	if n.HasClosure() {
		w.Write(util.EscapeHTML(n.ClosureLine.Value(src)))
	}
	w.WriteString("</pre>\n")
	return ast.WalkSkipChildren, nil
}

func (r *coreRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		w.Write(util.EscapeHTML(seg.Value(src)))
	}
	return ast.WalkSkipChildren, nil
}

// keepHeadingAttributes keeps only the id and class that "## Title {#id
// .class}" may give a heading. goldmark takes any attribute there, and
// style, contenteditable or tabindex are raw HTML by another name: a style
// could cover the page or load an image from another site, which
// unsafeHTML: false is there to prevent.
func keepHeadingAttributes(h *ast.Heading, doc *mdctx.Doc) {
	attrs := h.Attributes()
	if attrs == nil || onlyIDAndClass(attrs) {
		// Every heading has an id: most have nothing else, and are left
		// as they are rather than rebuilt.
		return
	}
	h.RemoveAttributes()
	for _, a := range attrs {
		if name := string(a.Name); name == "id" || name == "class" {
			h.SetAttribute(a.Name, a.Value)
			continue
		}
		off := 0
		if h.Lines().Len() > 0 {
			off = h.Lines().At(0).Start
		}
		doc.Report(off, diag.Warning, "heading-attribute", fmt.Sprintf("attribute %s on a heading is left out: only {#id .class} are kept while unsafeHTML is off", a.Name),
			"remove it; the theme's stylesheet styles headings")
	}
}

// onlyIDAndClass reports whether attrs are at most an id and a class,
// each once: what keepHeadingAttributes would make of them.
func onlyIDAndClass(attrs []ast.Attribute) bool {
	id, class := false, false
	for _, a := range attrs {
		switch string(a.Name) {
		case "id":
			if id {
				return false
			}
			id = true
		case "class":
			if class {
				return false
			}
			class = true
		default:
			return false
		}
	}
	return true
}

// reportRawHTML reports raw HTML (escaped because unsafeHTML is off) as
// a warning, so `check` can say why a tag shows up as text.
func reportRawHTML(n ast.Node, doc *mdctx.Doc) {
	off := -1
	switch t := n.(type) {
	case *ast.HTMLBlock:
		if t.Lines().Len() > 0 {
			off = t.Lines().At(0).Start
		}
	case *ast.RawHTML:
		if t.Segments.Len() > 0 {
			off = t.Segments.At(0).Start
		}
	}
	if off >= 0 {
		doc.Report(off, diag.Warning, "raw-html", "raw HTML is shown as text because unsafeHTML is off",
			"use Markdown instead, or set unsafeHTML: true in site.yaml if you trust every author")
	}
}

// ChromaCSS returns the stylesheet for highlighted code: chroma's github
// style, and its github-dark under prefers-color-scheme: dark.
//
// It is chroma.css, written by TestChromaCSS (go test -update) from the
// styles themselves: chroma's styles package parses all of its seventy
// styles when a program starts, 5-15 ms before every command did anything.
func ChromaCSS() []byte { return bytes.Clone(chromaCSS) }

//go:embed chroma.css
var chromaCSS []byte

// classesOnly is the style code is highlighted with. The formatter writes
// classes, never a style's colours (ChromaCSS has them), so that its
// output is the same whatever the style: TestHighlightIgnoresStyle.
var classesOnly = chroma.MustNewStyle("fieldguide", chroma.StyleEntries{})
