package refscan

import (
	"bytes"
	"html"
	"strings"
)

// markupScanner reads an HTML or SVG document for its references.
//
// It follows the WHATWG tokenizer where that decides what is a tag and what
// an attribute (comments, quoted and unquoted values, raw-text elements such
// as <script> and <style> whose content is not markup, character
// references in values) and ignores what only matters for building a tree.
// It is not a validator: on malformed input it does what a browser would
// roughly do and never fails.
//
// svg says the document is SVG (XML), where "<style/>" is an empty element;
// HTML ignores the slash and reads what follows as the element's text.
//
// template says the document is an html/template file: see Template.
type markupScanner struct {
	src      []byte
	svg      bool
	template bool
	// nextAction is the offset of the first "{{" of a template at or
	// after the scanner's place, len(src) when there is none, -1 before
	// it was looked for.
	nextAction int
	refs       []Ref
	// attrs is the backing array of the attributes of the tag being read,
	// which tag takes and run hands back once element and rawText, which
	// keep none of them, are done.
	attrs []attribute
}

// An attribute's value is decoded only when asked for: the scanner reads
// a dozen attributes (href, src, style...), and copying the values of all
// the others (class, id, aria-*) made the self-check a third slower.
type attribute struct {
	name   string
	raw    []byte // the value as written, in src
	offset int    // of the value in src
}

// value is the attribute's value, its character references decoded.
func (a attribute) value() string { return html.UnescapeString(string(a.raw)) }

// at returns the offset in the file of byte i of the decoded value.
func (a attribute) at(i int) int {
	if bytes.IndexByte(a.raw, '&') < 0 {
		return a.offset + i
	}
	return a.offset + rawIndex(a.raw, i)
}

// rawIndex maps byte i of html.UnescapeString(raw) to its byte in raw.
// A character reference holds no '&', so raw decodes piece by piece, each
// piece a reference and the text after it up to the next '&'; that text is
// written as is, at the piece's end. A byte decoded from a reference maps
// to the reference's start.
func rawIndex(raw []byte, i int) int {
	decoded := 0 // bytes decoded from raw[:start]
	for start := 0; start < len(raw); {
		end := len(raw)
		if k := bytes.IndexByte(raw[start+1:], '&'); k >= 0 {
			end = start + 1 + k
		}
		piece := raw[start:end]
		d := html.UnescapeString(string(piece))
		if i < decoded+len(d) {
			fromEnd := decoded + len(d) - i
			same := 0 // bytes the piece and its decoding end with alike
			for same < len(piece) && same < len(d) && piece[len(piece)-1-same] == d[len(d)-1-same] {
				same++
			}
			if fromEnd <= same {
				return end - fromEnd
			}
			return start
		}
		decoded += len(d)
		start = end
	}
	return len(raw)
}

// isRawText says whether an element holds text, not markup, up to its end
// tag. <noscript> is scanned as markup, as browsers do with scripts off:
// its references are loaded then.
func isRawText(name string) bool {
	switch name {
	case "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext":
		return true
	}
	return false
}

func (s *markupScanner) run() {
	src := s.src
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return
		}
		if s.template {
			if end, ok := s.actionBefore(i, i+j); ok {
				// "{{/* <img src=x> */}}" or {{"<"}}: no markup.
				i = end
				continue
			}
		}
		i += j
		rest := src[i:]
		switch {
		case len(rest) > 1 && isASCIILetter(rest[1]):
			name, attrs, selfClosing, next, ok := s.tag(i+1, false)
			s.attrs = attrs
			if !ok {
				return // a tag cut off by the end of the file is dropped
			}
			i = next
			s.element(name, attrs)
			if isRawText(name) && !(selfClosing && s.svg) {
				i = s.rawText(name, attrs, i)
			}
		case len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
			_, _, _, next, ok := s.tag(i+2, true)
			if !ok {
				return
			}
			i = next
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipComment(src, i+4)
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return
			}
			i += end + 3
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			// DOCTYPE, processing instruction or bogus comment: up to '>'.
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return
			}
			i += end + 1
		default:
			i++
		}
	}
}

// actionBefore reports whether a template's action starts in text
// between from and the '<' at lt, and returns the offset after it.
func (s *markupScanner) actionBefore(from, lt int) (end int, ok bool) {
	if s.nextAction < from {
		s.nextAction = indexFrom(s.src, from, "{{")
		if s.nextAction < 0 {
			s.nextAction = len(s.src)
		}
	}
	if s.nextAction >= lt {
		return 0, false
	}
	return skipAction(s.src, s.nextAction), true
}

// skipComment returns the offset after the comment whose text starts at i.
func skipComment(src []byte, i int) int {
	rest := src[i:]
	switch {
	case bytes.HasPrefix(rest, []byte(">")):
		return i + 1 // "<!-->"
	case bytes.HasPrefix(rest, []byte("->")):
		return i + 2 // "<!--->"
	}
	// One pass for "--" then a look at what follows: searching for "-->"
	// and "--!>" separately would rescan to the end of the file for every
	// comment that lacks one of them.
	for {
		k := bytes.Index(src[i:], []byte("--"))
		if k < 0 {
			return len(src)
		}
		after := i + k + 2
		switch {
		case bytes.HasPrefix(src[after:], []byte(">")):
			return after + 1
		case bytes.HasPrefix(src[after:], []byte("!>")):
			return after + 2
		}
		i += k + 1 // "--->" ends at its last two dashes
	}
}

// tag reads a tag whose name starts at i, up to and including its '>'.
// ok is false when the input ends first. Of an end tag, only where it
// ends matters: its name and attributes are not returned. selfClosing means "/>" ended it,
// which only SVG (foreign content) honours; HTML elements ignore it.
//
// In a template, an action between attributes ({{if .Current}}) is read
// as white space, and one in a name or value as part of it.
func (s *markupScanner) tag(i int, end bool) (name string, attrs []attribute, selfClosing bool, next int, ok bool) {
	src := s.src
	start := i
	for i < len(src) && !endsTagName[src[i]] {
		i++
	}
	if !end {
		name = knownName(src[start:i])
	}
	attrs = s.attrs[:0] // run hands it back
	for {
		selfClosing = false
		for i < len(src) && (isHTMLSpace(src[i]) || src[i] == '/') {
			selfClosing = src[i] == '/'
			i++
		}
		if i >= len(src) {
			return name, attrs, false, i, false
		}
		if src[i] == '>' {
			return name, attrs, selfClosing, i + 1, true
		}
		if src[i] == '{' && s.template && isAction(src, i) {
			i = skipAction(src, i)
			continue
		}
		// An attribute name; its first character may be '='.
		nameStart := i
		i++
		if s.template {
			i = templateRun(src, i, "/>=")
		} else {
			for i < len(src) && !endsAttributeName[src[i]] {
				i++
			}
		}
		attrName := ""
		if !end {
			attrName = knownName(src[nameStart:i])
		}
		for i < len(src) && isHTMLSpace(src[i]) {
			i++
		}
		var value []byte
		valueOffset := i
		if i < len(src) && src[i] == '=' {
			i++
			for i < len(src) && isHTMLSpace(src[i]) {
				i++
			}
			if i >= len(src) {
				return name, attrs, false, i, false
			}
			switch q := src[i]; q {
			case '"', '\'':
				end := bytes.IndexByte(src[i+1:], q)
				if s.template {
					end = templateQuote(src[i+1:], q)
				}
				if end < 0 {
					return name, attrs, false, len(src), false
				}
				valueOffset = i + 1
				value = src[i+1 : i+1+end]
				i += end + 2
			case '>':
				// "a=>": an empty value; the loop sees the '>'.
			default:
				valueOffset = i
				if s.template {
					i = templateRun(src, i, ">")
				} else {
					for i < len(src) && !isHTMLSpace(src[i]) && src[i] != '>' {
						i++
					}
				}
				value = src[valueOffset:i]
			}
		}
		// Duplicates are kept: attributeNamed returns the first, which is
		// the one that counts. (A map of the names seen, made for every
		// tag, cost 0.2 CPU-s of a 4,000-page bundle.) The attributes the
		// scanner does not act on (class, id, aria-*) are not kept.
		if attrName != "" {
			attrs = append(attrs, attribute{attrName, value, valueOffset})
		}
	}
}

// templateQuote returns the index of the quote q that ends a template's
// attribute value, the start of src, or -1. Quotes inside actions do not
// count: alt="{{T "logo"}}" is one value.
func templateQuote(src []byte, q byte) int {
	for i := 0; i < len(src); {
		switch {
		case src[i] == q:
			return i
		case isAction(src, i):
			i = skipAction(src, i)
		default:
			i++
		}
	}
	return -1
}

// templateRun returns the offset of the first white space or byte of
// stops at or after i, outside actions: a template's attribute name or
// unquoted value may hold {{ .X }}.
func templateRun(src []byte, i int, stops string) int {
	for i < len(src) && !isHTMLSpace(src[i]) && strings.IndexByte(stops, src[i]) < 0 {
		if isAction(src, i) {
			i = skipAction(src, i)
			continue
		}
		i++
	}
	return min(i, len(src))
}

// rawText skips the text of a raw-text element that starts at i, scanning
// style sheets and inline scripts, and returns the offset of its end tag.
func (s *markupScanner) rawText(name string, attrs []attribute, i int) int {
	end := len(s.src)
	if name != "plaintext" {
		end = findEndTag(s.src, i, name)
	}
	text := s.src[i:end]
	switch name {
	case "style":
		s.refs = appendCSS(s.refs, text, i, s.template, noAttr)
	case "script":
		if _, hasSrc := attributeNamed(attrs, "src"); !hasSrc && isJavaScriptType(attrs) {
			s.refs = append(s.refs, scanJS(text, i)...)
		}
	}
	return end
}

// findEndTag returns the offset of "</name" (any case, followed by a space,
// '/' or '>') at or after i, or len(src).
func findEndTag(src []byte, i int, name string) int {
	for {
		k := bytes.Index(src[i:], []byte("</"))
		if k < 0 {
			return len(src)
		}
		at := i + k
		after := at + 2 + len(name)
		if after <= len(src) && strings.EqualFold(string(src[at+2:after]), name) &&
			(after == len(src) || isHTMLSpace(src[after]) || src[after] == '/' || src[after] == '>') {
			return at
		}
		i = at + 2
	}
}

// isJavaScriptType reports whether a <script> holds JavaScript rather than
// data (JSON-LD, templates), whose URLs are not requests.
func isJavaScriptType(attrs []attribute) bool {
	a, ok := attributeNamed(attrs, "type")
	if !ok {
		return true
	}
	t, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(a.value())), ";")
	switch strings.TrimSpace(t) {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript",
		"application/ecmascript", "application/x-javascript", "text/x-javascript":
		return true
	}
	return false
}

// loadingRels are the link relations whose target the browser fetches.
// Others (alternate, canonical, next, author...) are links.
var loadingRels = map[string]bool{
	"stylesheet": true, "icon": true, "apple-touch-icon": true, "apple-touch-icon-precomposed": true,
	"mask-icon": true, "manifest": true, "preload": true, "prefetch": true, "modulepreload": true,
	"preconnect": true, "dns-prefetch": true, "prerender": true, "import": true,
}

// element records the references of one start tag.
func (s *markupScanner) element(name string, attrs []attribute) {
	add := func(kind Kind, names ...attrName) {
		for _, n := range names {
			for _, a := range attrs {
				if a.name != attrNames[n] {
					continue
				}
				s.refs = append(s.refs, Ref{URL: a.value(), Offset: a.offset, Kind: kind, attr: n})
				// Of duplicates, browsers use the first; a template's may
				// be the branches of an {{if}}, each the one used.
				if !s.template {
					break
				}
			}
		}
	}
	addSrcset := func(n attrName) {
		if a, ok := attributeNamed(attrs, attrNames[n]); ok {
			v := a.value()
			for _, c := range srcsetCandidates(v) {
				s.refs = append(s.refs, Ref{URL: v[c[0]:c[1]], Offset: a.at(c[0]), Kind: Resource, attr: n})
			}
		}
	}
	switch name {
	case "a", "area":
		add(Link, attrHref, attrXlinkHref)
	case "link":
		kind := Relation
		if rel, ok := attributeNamed(attrs, "rel"); ok {
			for _, r := range strings.Fields(strings.ToLower(rel.value())) {
				if loadingRels[r] {
					kind = Resource
				}
			}
		}
		add(kind, attrHref)
		addSrcset(attrImagesrcset)
	case "script":
		add(Resource, attrSrc, attrHref, attrXlinkHref)
	case "img", "source":
		add(Resource, attrSrc)
		addSrcset(attrSrcset)
	case "video":
		add(Resource, attrSrc, attrPoster)
	case "input":
		add(Resource, attrSrc)
		add(Submit, attrFormaction)
	case "audio", "track", "embed", "iframe", "frame":
		add(Resource, attrSrc)
	case "object":
		add(Resource, attrData)
	case "image", "use", "feimage":
		add(Resource, attrHref, attrXlinkHref)
	case "body", "table", "td", "th":
		add(Resource, attrBackground)
	case "base":
		add(Base, attrHref)
	case "form":
		add(Submit, attrAction)
	case "button":
		add(Submit, attrFormaction)
	case "meta":
		if equiv, ok := attributeNamed(attrs, "http-equiv"); ok && strings.EqualFold(strings.TrimSpace(equiv.value()), "refresh") {
			if content, ok := attributeNamed(attrs, "content"); ok {
				v := content.value()
				if start, end, ok := refreshURL(v); ok {
					s.refs = append(s.refs, Ref{URL: v[start:end], Offset: content.at(start), Kind: Link, attr: attrContent})
				}
			}
		}
	}
	if style, ok := attributeNamed(attrs, "style"); ok {
		if bytes.IndexByte(style.raw, '&') < 0 {
			// As written: the offsets are the file's.
			s.refs = appendCSS(s.refs, style.raw, style.offset, s.template, attrStyle)
		} else {
			from := len(s.refs)
			s.refs = appendCSS(s.refs, []byte(style.value()), 0, s.template, attrStyle)
			for k := from; k < len(s.refs); k++ {
				s.refs[k].Offset = style.at(s.refs[k].Offset)
			}
		}
	}
}

// refreshURL finds the URL of a meta refresh ("5; url='../fr/'"): it is
// content[start:end].
func refreshURL(content string) (start, end int, ok bool) {
	i := skipSpace(content, 0)
	for i < len(content) && ('0' <= content[i] && content[i] <= '9' || content[i] == '.') {
		i++
	}
	i = skipSpace(content, i)
	if i >= len(content) || (content[i] != ';' && content[i] != ',') {
		return 0, 0, false
	}
	i = skipSpace(content, i+1)
	if i+3 <= len(content) && strings.EqualFold(content[i:i+3], "url") {
		if k := skipSpace(content, i+3); k < len(content) && content[k] == '=' {
			i = skipSpace(content, k+1)
		}
	}
	end = len(content)
	if i < len(content) && (content[i] == '"' || content[i] == '\'') {
		if k := strings.IndexByte(content[i+1:], content[i]); k >= 0 {
			end = i + 1 + k
		}
		i++
	}
	return i, end, i < end
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// srcsetCandidates returns where the URLs of a srcset value are, as
// [start, end) pairs, following the HTML algorithm: candidates are
// separated by commas, but a URL may contain commas (data: URLs), so a URL
// runs to white space.
func srcsetCandidates(v string) [][2]int {
	var urls [][2]int
	i := 0
	for {
		for i < len(v) && (isHTMLSpace(v[i]) || v[i] == ',') {
			i++
		}
		if i >= len(v) {
			return urls
		}
		start := i
		for i < len(v) && !isHTMLSpace(v[i]) {
			i++
		}
		end := i
		for end > start && v[end-1] == ',' {
			end--
		}
		if end < i {
			urls = append(urls, [2]int{start, end})
			continue // a URL ending in commas has no descriptors
		}
		urls = append(urls, [2]int{start, end})
		// Descriptors run to a comma outside parentheses.
		depth := 0
	descriptors:
		for ; i < len(v); i++ {
			switch v[i] {
			case '(':
				depth++
			case ')':
				depth = max(depth-1, 0)
			case ',':
				if depth == 0 {
					break descriptors
				}
			}
		}
	}
}

// attributeNamed returns the first attribute called name: of duplicates,
// browsers use the first.
func attributeNamed(attrs []attribute, name string) (attribute, bool) {
	for _, a := range attrs {
		if a.name == name {
			return a, true
		}
	}
	return attribute{}, false
}

// actedNames are the tag and attribute names the scanner acts on, in
// lower case. knownName gives every other name as "": making a string of
// each name, or looking it up in a map, was a third of the scanner's time.
var actedNames = strings.Fields(`a area link script img source video input audio track embed iframe frame
	object image use feimage body table td th base form button meta style textarea title xmp noembed
	noframes plaintext
	src href xlink:href srcset imagesrcset poster data background action formaction content rel type http-equiv`)

// maxActedName is the length of the longest of actedNames.
const maxActedName = len("imagesrcset")

// actedByShape holds actedNames by length and first letter: a name's
// bucket holds one to three of them.
var actedByShape = func() (t [maxActedName + 1][26][]string) {
	for _, n := range actedNames {
		t[len(n)][n[0]-'a'] = append(t[len(n)][n[0]-'a'], n)
	}
	return t
}()

// knownName is the lower-case form of a tag or attribute name when it is
// one of actedNames, and "" otherwise. (No name the scanner reads is
// empty.) Names are lowered as strings.ToLower does, which turns some
// non-ASCII letters into ASCII ones ("\u212a", the Kelvin sign, into "k").
func knownName(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if first := b[0] | 0x20; len(b) > maxActedName || first < 'a' || first > 'z' || actedByShape[len(b)][first-'a'] == nil {
		// No ASCII name of this shape is acted on: only one that
		// lowers to another shape might be.
		for _, c := range b {
			if c >= 0x80 {
				return actedName([]byte(strings.ToLower(string(b))))
			}
		}
		return ""
	}
	var lower [maxActedName]byte
	for i, c := range b {
		if c >= 0x80 {
			return actedName([]byte(strings.ToLower(string(b))))
		}
		if i < maxActedName {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower[i] = c
		}
	}
	if len(b) > maxActedName {
		return ""
	}
	return actedName(lower[:len(b)])
}

// actedName returns the one of actedNames that lower is, or "".
func actedName(lower []byte) string {
	if len(lower) == 0 || len(lower) > maxActedName || lower[0] < 'a' || lower[0] > 'z' {
		return ""
	}
	for _, n := range actedByShape[len(lower)][lower[0]-'a'] {
		if string(lower) == n {
			return n
		}
	}
	return ""
}

// endsTagName and endsAttributeName are the bytes that end a name: white
// space, '/' and '>', and '=' after an attribute's. A table, not four
// comparisons, for the loops that read every name of a page.
var endsTagName, endsAttributeName = func() (tag, attribute [256]bool) {
	for _, c := range []byte(" \t\n\f\r/>") {
		tag[c], attribute[c] = true, true
	}
	attribute['='] = true
	return tag, attribute
}()

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
