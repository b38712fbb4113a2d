package bundle

import (
	"bytes"
	"html"
	"strings"
)

// scanMarkup returns the references an HTML or SVG document makes.
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
func scanMarkup(src []byte, svg bool) []reference {
	s := markupScanner{src: src, svg: svg}
	s.run()
	return s.refs
}

type markupScanner struct {
	src  []byte
	svg  bool
	refs []reference
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

// rawTextElements hold text, not markup, up to their end tag. <noscript>
// is scanned as markup, as browsers do with scripts off: its references
// are loaded then.
var rawTextElements = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "plaintext": true,
}

func (s *markupScanner) run() {
	src := s.src
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return
		}
		i += j
		rest := src[i:]
		switch {
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
		case len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
			_, attrs, _, next, ok := s.tag(i + 2)
			s.attrs = attrs
			if !ok {
				return
			}
			i = next
		case len(rest) > 1 && isASCIILetter(rest[1]):
			name, attrs, selfClosing, next, ok := s.tag(i + 1)
			s.attrs = attrs
			if !ok {
				return // a tag cut off by the end of the file is dropped
			}
			i = next
			s.element(name, attrs)
			if rawTextElements[name] && !(selfClosing && s.svg) {
				i = s.rawText(name, attrs, i)
			}
		default:
			i++
		}
	}
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
// ok is false when the input ends first. selfClosing means "/>" ended it,
// which only SVG (foreign content) honours; HTML elements ignore it.
func (s *markupScanner) tag(i int) (name string, attrs []attribute, selfClosing bool, next int, ok bool) {
	src := s.src
	start := i
	for i < len(src) && !isHTMLSpace(src[i]) && src[i] != '/' && src[i] != '>' {
		i++
	}
	name = lowerName(src[start:i])
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
		// An attribute name; its first character may be '='.
		nameStart := i
		i++
		for i < len(src) && !isHTMLSpace(src[i]) && src[i] != '/' && src[i] != '>' && src[i] != '=' {
			i++
		}
		attrName := lowerName(src[nameStart:i])
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
				for i < len(src) && !isHTMLSpace(src[i]) && src[i] != '>' {
					i++
				}
				value = src[valueOffset:i]
			}
		}
		// Duplicates are kept: attributeNamed returns the first, which is
		// the one that counts. (A map of the names seen, made for every
		// tag, cost 0.2 CPU-s of a 4,000-page bundle.)
		attrs = append(attrs, attribute{attrName, value, valueOffset})
	}
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
		s.refs = append(s.refs, scanCSS(text, i)...)
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
	add := func(kind refKind, attrNames ...string) {
		for _, n := range attrNames {
			if a, ok := attributeNamed(attrs, n); ok {
				s.refs = append(s.refs, reference{url: a.value(), offset: a.offset, kind: kind})
			}
		}
	}
	addSrcset := func(attrName string) {
		if a, ok := attributeNamed(attrs, attrName); ok {
			for _, c := range parseSrcset(a.value()) {
				s.refs = append(s.refs, reference{url: c, offset: a.offset, kind: resourceRef})
			}
		}
	}
	switch name {
	case "a", "area":
		add(linkRef, "href", "xlink:href")
	case "link":
		kind := relationRef
		if rel, ok := attributeNamed(attrs, "rel"); ok {
			for _, r := range strings.Fields(strings.ToLower(rel.value())) {
				if loadingRels[r] {
					kind = resourceRef
				}
			}
		}
		add(kind, "href")
		addSrcset("imagesrcset")
	case "script":
		add(resourceRef, "src", "href", "xlink:href")
	case "img", "source":
		add(resourceRef, "src")
		addSrcset("srcset")
	case "video":
		add(resourceRef, "src", "poster")
	case "audio", "track", "embed", "iframe", "frame", "input":
		add(resourceRef, "src")
	case "object":
		add(resourceRef, "data")
	case "image", "use", "feimage":
		add(resourceRef, "href", "xlink:href")
	case "body", "table", "td", "th":
		add(resourceRef, "background")
	case "base":
		add(baseRef, "href")
	case "meta":
		if equiv, ok := attributeNamed(attrs, "http-equiv"); ok && strings.EqualFold(strings.TrimSpace(equiv.value()), "refresh") {
			if content, ok := attributeNamed(attrs, "content"); ok {
				if target, ok := refreshURL(content.value()); ok {
					s.refs = append(s.refs, reference{url: target, offset: content.offset, kind: linkRef})
				}
			}
		}
	}
	if style, ok := attributeNamed(attrs, "style"); ok {
		for _, r := range scanCSS([]byte(style.value()), 0) {
			r.offset = style.offset // the value was decoded; its start is close enough
			s.refs = append(s.refs, r)
		}
	}
}

// refreshURL extracts the URL of a meta refresh ("5; url='../fr/'").
func refreshURL(content string) (string, bool) {
	s := strings.TrimLeft(content, " \t\n\f\r")
	s = strings.TrimLeft(s, "0123456789.")
	s = strings.TrimLeft(s, " \t\n\f\r")
	if s == "" || (s[0] != ';' && s[0] != ',') {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t\n\f\r")
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		rest := strings.TrimLeft(s[3:], " \t\n\f\r")
		if strings.HasPrefix(rest, "=") {
			s = strings.TrimLeft(rest[1:], " \t\n\f\r")
		}
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
			s = s[1 : 1+end]
		} else {
			s = s[1:]
		}
	}
	return s, s != ""
}

// parseSrcset returns the URLs of a srcset value, following the HTML
// algorithm: candidates are separated by commas, but a URL may contain
// commas (data: URLs), so a URL runs to white space.
func parseSrcset(v string) []string {
	var urls []string
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
		u := v[start:i]
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			urls = append(urls, trimmed)
			continue // a URL ending in commas has no descriptors
		}
		urls = append(urls, u)
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

// commonNames are the tag and attribute names of the default theme and of
// rendered Markdown, which lowerName returns without making a string:
// making one for every tag and attribute was most of the scanner's
// allocations (380 in a lesson).
var commonNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`html head meta link title script style body a div nav header footer main aside
		section article span p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd strong em b i u s code pre kbd mark small sup sub
		del ins abbr blockquote hr br img picture source figure figcaption table thead tbody tfoot tr th td caption
		form input button label select option textarea details summary dialog svg path use noscript template
		class id href src srcset rel lang dir charset name content type role hidden tabindex title alt width height
		style action method value for checked disabled defer async loading decoding colspan rowspan align start
		open viewbox fill stroke d xmlns aria-label aria-labelledby aria-describedby aria-hidden aria-current
		aria-expanded aria-controls aria-live http-equiv hreflang placeholder spellcheck enterkeyhint autocomplete
		circle r cx cy stroke-width stroke-linecap stroke-linejoin viewBox data-root data-lang data-engine
		data-progress-page data-progress-id data-label-done data-label-todo data-none data-loading data-error`) {
		m[n] = strings.ToLower(n)
	}
	return m
}()

// lowerName is the lower-case form of a tag or attribute name.
// (commonNames is keyed by names as written: viewBox, say.)
func lowerName(b []byte) string {
	if n, ok := commonNames[string(b)]; ok {
		return n
	}
	return strings.ToLower(string(b))
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
