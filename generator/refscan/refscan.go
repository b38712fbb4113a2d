// Package refscan finds the URLs an HTML, SVG, CSS or JavaScript file
// refers to, each with the attribute it is written in and the byte offset
// where it starts, so that a message can point at it.
//
// Two packages read references and must agree on what one is: bundle,
// which checks that an offline copy's pages load nothing from outside it,
// and layout, which warns about a course's template that writes a path
// from the host's root (src="/img/logo.svg"). Templates are scanned with
// Template, which reads {{ … }} actions as a whole: a quote or '>' in one
// does not end an attribute or a tag.
//
// The package only reads; it judges nothing. What a reference means for an
// offline copy or a template is for its caller to say.
package refscan

import (
	"bytes"
	"strings"
)

// Kind says what a browser does with a reference.
type Kind uint8

const (
	// Resource is loaded with the page.
	Resource Kind = iota
	// Link is followed when the reader asks.
	Link
	// Relation is a <link> that loads nothing (canonical, alternate).
	Relation
	// Base is <base href>, which changes how every other reference resolves.
	Base
	// ScriptRequest is an absolute URL a script evidently requests.
	ScriptRequest
	// Submit is where a form is sent: <form action>, formaction.
	Submit
)

// Ref is one URL found in a file.
type Ref struct {
	// URL is the reference with character references and CSS or
	// JavaScript escapes decoded.
	URL string
	// Offset is the byte offset in the scanned file where the URL is
	// written: after the quote of an attribute or a CSS string, at the
	// candidate of a srcset, at the url( argument of a style attribute.
	Offset int
	Kind   Kind
	attr   attrName
}

// Attr is the attribute the URL is written in, in lower case ("src",
// "srcset", "style" for a style attribute's url()); "" in a style sheet,
// a <style> element or a script.
func (r Ref) Attr() string { return attrNames[r.attr] }

// attrName is an attribute that holds references: a byte, not a string,
// keeps a Ref as small as before it had one (a bundle holds a page's
// references at a time, a build all of its templates').
type attrName uint8

const (
	noAttr attrName = iota
	attrSrc
	attrHref
	attrXlinkHref
	attrSrcset
	attrImagesrcset
	attrPoster
	attrData
	attrBackground
	attrAction
	attrFormaction
	attrContent
	attrStyle
)

var attrNames = [...]string{"", "src", "href", "xlink:href", "srcset", "imagesrcset", "poster", "data",
	"background", "action", "formaction", "content", "style"}

// Markup returns the references of an HTML document, or of an SVG one
// when svg is set (see markupScanner).
func Markup(src []byte, svg bool) []Ref {
	s := markupScanner{src: src, svg: svg, refs: make([]Ref, 0, expectedRefs(src))}
	s.run()
	return s.refs
}

// expectedRefs is room for the references of most pages of src's size:
// the pages of the benchmark course have one every 230 to 300 bytes. A
// slice grown from empty was a fifth of the self-check's allocations.
func expectedRefs(src []byte) int { return len(src)/200 + 8 }

// Template returns the references of an html/template file, written as
// they are written: href="{{.Root}}x" is a reference to "{{.Root}}x".
// A {{ … }} action is read as a whole wherever it is, so that a quote or
// '>' inside it ends no attribute or tag, an action between attributes is
// not taken for one, and markup in a template comment is not read.
func Template(src []byte) []Ref {
	s := markupScanner{src: src, template: true, nextAction: -1}
	s.run()
	return s.refs
}

// CSS returns the references of a style sheet; offsets are relative to
// src plus base (the sheet's offset in an HTML file).
func CSS(src []byte, base int) []Ref { return appendCSS(nil, src, base, false, noAttr) }

// JS returns the absolute URLs a script evidently requests; offsets are
// relative to src plus base.
func JS(src []byte, base int) []Ref { return scanJS(src, base) }

// Scheme returns the lowercase scheme of an absolute URL ("https" of
// "HTTPS://example.org"), and false for a relative one.
func Scheme(u string) (string, bool) {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i]), true
		default:
			return "", false
		}
	}
	return "", false
}

// skipAction returns the offset after the template action whose "{{" is
// at i, or len(src) when it is not closed. Quoted strings, raw strings,
// character constants and comments inside it may hold "}}".
func skipAction(src []byte, i int) int {
	i += 2
	if i < len(src) && src[i] == '-' {
		i++
	}
	for i < len(src) && isHTMLSpace(src[i]) {
		i++
	}
	if i+1 < len(src) && src[i] == '/' && src[i+1] == '*' {
		end := indexFrom(src, i+2, "*/")
		if end < 0 {
			return len(src)
		}
		i = end + 2
	}
	for i < len(src) {
		switch c := src[i]; c {
		case '}':
			if i+1 < len(src) && src[i+1] == '}' {
				return i + 2
			}
			i++
		case '"', '\'':
			i++
			for i < len(src) && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
		case '`':
			end := indexFrom(src, i+1, "`")
			if end < 0 {
				return len(src)
			}
			i = end + 1
		default:
			i++
		}
	}
	return len(src)
}

func indexFrom(src []byte, i int, s string) int {
	if k := bytes.Index(src[i:], []byte(s)); k >= 0 {
		return i + k
	}
	return -1
}

func isAction(src []byte, i int) bool {
	return i+1 < len(src) && src[i] == '{' && src[i+1] == '{'
}
