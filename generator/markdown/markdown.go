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
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
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
	md      goldmark.Markdown
	noIndex map[ast.NodeKind]bool
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

	// What RenderAgain needs: the parsed tree and the links as written.
	conv  *Converter
	root  ast.Node
	src   []byte
	links []linkRef
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
	_ = ast.Walk(r.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeDocument {
			return ast.WalkContinue, nil
		}
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
		return ast.WalkContinue, nil
	})
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
	return r.conv.render(r.src, r.root)
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

// render renders a parsed document. The HTML is built as a string, which
// the page's template takes as it is: from a []byte, each page's HTML was
// copied once more.
func (c *Converter) render(src []byte, root ast.Node) (string, error) {
	var b strings.Builder
	b.Grow(len(src) * 2)
	if err := c.md.Renderer().Render(stringWriter{&b}, src, root); err != nil {
		return "", err
	}
	return b.String(), nil
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
	exts := []goldmark.Extender{
		extension.GFM, extension.DefinitionList,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		&core{unsafe: opts.UnsafeHTML, label: labeller(opts.Label)},
	}
	exts = append(exts, opts.Extensions...)
	rendererOpts := []renderer.Option{html.WithXHTML(), html.WithWriter(textWriter{})}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	c := &Converter{md: md, noIndex: map[ast.NodeKind]bool{}}
	for _, k := range opts.NoIndex {
		c.noIndex[k] = true
	}
	return c
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
	root := c.md.Parser().Parse(text.NewReader(doc.Source), parser.WithContext(pc))
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
	res.Headings, res.Sections = outline(root, doc.Source, c.noIndex)
	res.IDs = collectIDs(root, doc)
	html, err := c.render(doc.Source, root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.File, err)
	}
	res.HTML = html
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

// collectIDs lists the ids of the document and reports ids set by hand
// twice ({#same} on two headings), which breaks links to them.
func collectIDs(root ast.Node, doc *mdctx.Doc) []string {
	var out []string
	seen := map[string]bool{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeDocument {
			return ast.WalkContinue, nil
		}
		v, ok := n.AttributeString("id")
		if !ok {
			return ast.WalkContinue, nil
		}
		var id string
		switch t := v.(type) {
		case []byte:
			id = string(t)
		case string:
			id = t
		}
		if id == "" {
			return ast.WalkContinue, nil
		}
		if seen[id] {
			doc.Report(nodeOffset(n), diag.Warning, "duplicate-id", fmt.Sprintf("the id %q is used twice on this page", id),
				"give each heading its own {#id}")
		}
		seen[id] = true
		out = append(out, id)
		return ast.WalkContinue, nil
	})
	return out
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

// outline collects the headings and the text of each section.
func outline(root ast.Node, src []byte, noIndex map[ast.NodeKind]bool) ([]Heading, []Section) {
	var headings []Heading
	sections := []Section{{}}
	var text strings.Builder
	flush := func() {
		sections[len(sections)-1].Text = strings.TrimSpace(text.String())
		text.Reset()
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			id, _ := h.AttributeString("id")
			idStr := ""
			if b, ok := id.([]byte); ok {
				idStr = string(b)
			}
			t := plainText(h, src)
			headings = append(headings, Heading{Level: h.Level, ID: idStr, Text: t})
			flush()
			sections = append(sections, Section{Anchor: idStr, Heading: t})
			continue
		}
		appendText(&text, n, src, noIndex)
		text.WriteByte('\n')
	}
	flush()
	if sections[0].Text == "" && len(sections) > 1 {
		sections = sections[1:]
	}
	return headings, sections
}

// plainText is the text of a node and its children, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	appendText(&b, n, src, nil)
	return strings.TrimSpace(b.String())
}

func appendText(b *strings.Builder, n ast.Node, src []byte, noIndex map[ast.NodeKind]bool) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && noIndex[c.Kind()] {
			return ast.WalkSkipChildren, nil
		}
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
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)))
	// Before the footnote extension's transformer (999) drops the notes
	// nothing cites, and before the training blocks' (500) wrap glossary
	// terms around the text it reads.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(footnoteChecker{}, 400)))
	if !c.unsafe {
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(rawHTMLReporter{}, 101)))
		// goldmark runs the lowest priority first: this one runs before
		// any transformer that adds attributes of its own.
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingAttributes{}, 10)))
	}
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

// linkTransformer rewrites links to .md files into page URLs and reports
// links to pages that do not exist and javascript: URLs. A link to a page
// the build leaves out (a draft, a trainer-only page in a participant
// build) becomes its text alone, with a warning: the link is right in the
// builds that have the page.
type linkTransformer struct{}

func (linkTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc := mdctx.Get(pc)
	var unlink []ast.Node
	defer func() {
		for _, n := range unlink {
			parent := n.Parent()
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
			parent.RemoveChild(parent, n)
		}
	}()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := n.(*extast.Table); ok {
			// A table wider than a phone scrolls sideways (10-theme.css),
			// which a keyboard user can do once it takes the focus, as a
			// code block does.
			t.SetAttributeString("tabindex", []byte("0"))
			return ast.WalkContinue, nil
		}
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
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
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
			return ast.WalkContinue, nil
		}
		if strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(raw), "")), "javascript:") {
			doc.Report(linkOffset(n, doc.Source), diag.Error, "javascript-url", "javascript: links are not allowed", "link to a page or a web address instead")
			*dest = []byte("#")
			return ast.WalkContinue, nil
		}
		refs, _ := pc.Get(linksKey).(*[]linkRef)
		if refs == nil {
			refs = &[]linkRef{}
			pc.Set(linksKey, refs)
		}
		*refs = append(*refs, linkRef{dest: dest, raw: raw})
		if n.FirstChild() == nil && !isImage {
			doc.Report(linkOffset(n, doc.Source), diag.Warning, "empty-link", "link without text", "write the link text between the brackets: [text](…)")
		}
		if doc.Resolve == nil {
			return ast.WalkContinue, nil
		}
		if u, ok := doc.Resolve(raw); ok {
			*dest = []byte(u)
		} else if why := leftOut(doc, raw); why != "" {
			doc.Report(linkOffset(n, doc.Source), diag.Warning, "left-out-link",
				fmt.Sprintf("link to %s: the page %s, so this build shows the link's text without a link", raw, why),
				"nothing to do if that is intended; to keep the link, link to a page every reader gets")
			unlink = append(unlink, n)
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
		return ast.WalkContinue, nil
	})
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
			if err := formatter.Format(w, styles.Fallback, it); err == nil {
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

// headingAttributes keeps only the id and class that "## Title {#id
// .class}" may give a heading. goldmark takes any attribute there, and
// style, contenteditable or tabindex are raw HTML by another name: a style
// could cover the page or load an image from another site, which
// unsafeHTML: false is there to prevent.
type headingAttributes struct{}

func (headingAttributes) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc := mdctx.Get(pc)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok || h.Attributes() == nil {
			return ast.WalkContinue, nil
		}
		attrs := h.Attributes()
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
		return ast.WalkContinue, nil
	})
}

// rawHTMLReporter reports raw HTML (escaped because unsafeHTML is off) as
// warnings, so `check` can say why a tag shows up as text.
type rawHTMLReporter struct{}

func (rawHTMLReporter) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc := mdctx.Get(pc)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
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
		return ast.WalkContinue, nil
	})
}

// ChromaCSS returns the stylesheet for highlighted code: a light style, and
// a dark one under prefers-color-scheme: dark.
func ChromaCSS() []byte {
	var b bytes.Buffer
	light := styles.Get("github")
	dark := styles.Get("github-dark")
	_ = formatter.WriteCSS(&b, light)
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = formatter.WriteCSS(&b, dark)
	b.WriteString("}\n")
	return b.Bytes()
}
