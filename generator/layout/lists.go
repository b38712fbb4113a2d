package layout

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
)

// Lists written in Go.
//
// Like the module navigation (RenderNav), three lists that every page
// carries are written in Go rather than ranged over in a template: the
// language switcher, the <link rel="alternate" hreflang> entries and the
// on-page table of contents. In a template each of their fields goes
// through one to three html/template escapers, called through reflection,
// and these lists were nearly half of the time a lesson took to execute
// (BenchmarkExecuteLesson: 169-214 -> 96-122 us). The
// methods below write exactly what html/template wrote for the theme's
// markup (TestListsMatchTemplates compares them on hostile values), and
// are called only by a template that uses them: a theme may still range
// over .Languages, .Alternates and .TOC itself. The compiled templates
// (compile.go) have them write into the page's buffer.

// LanguagesHTML is the items of the language switcher, each on its own
// line: partials/languages.html puts them in its <ul>.
func (d *Data) LanguagesHTML() template.HTML { return listHTML(d.writeLanguages) }

func (d *Data) writeLanguages(b *bytes.Buffer) {
	for _, l := range d.Languages {
		b.WriteString("\n<li><a href=\"")
		writeURLAttr(b, l.URL)
		b.WriteString(`" lang="`)
		writeEscaped(b, l.Code)
		b.WriteString(`" dir="`)
		writeEscaped(b, l.Dir)
		b.WriteString(`" hreflang="`)
		writeEscaped(b, l.Code)
		b.WriteByte('"')
		if l.Current {
			b.WriteString(` aria-current="true"`)
		}
		if l.Missing {
			b.WriteString(` class="missing"`)
		}
		b.WriteByte('>')
		writeEscaped(b, l.Name)
		if l.Note != "" {
			b.WriteString(`<span class="visually-hidden"> (`)
			writeEscaped(b, l.Note)
			b.WriteString(`)</span>`)
		}
		b.WriteString("</a></li>")
	}
}

// AlternatesHTML is the page's <link rel="alternate" hreflang> elements,
// each on its own line.
func (d *Data) AlternatesHTML() template.HTML { return listHTML(d.writeAlternates) }

func (d *Data) writeAlternates(b *bytes.Buffer) {
	for _, a := range d.Alternates {
		b.WriteString("\n<link rel=\"alternate\" hreflang=\"")
		writeEscaped(b, a.Lang)
		b.WriteString(`" href="`)
		writeURLAttr(b, a.URL)
		b.WriteString(`">`)
	}
}

// TOCHTML is the items of the on-page table of contents, for an <ol>.
func (d *Data) TOCHTML() template.HTML { return listHTML(d.writeTOC) }

func (d *Data) writeTOC(b *bytes.Buffer) {
	for _, e := range d.TOC {
		b.WriteString(`<li class="toc-h`)
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(e.Level), 10))
		b.WriteString(`"><a href="#`)
		writeURLPart(b, e.ID)
		b.WriteString(`">`)
		writeEscaped(b, e.Text)
		b.WriteString("</a></li>")
	}
}

// htmlReplacements is html/template's table for text and quoted
// attribute values (htmlReplacementTable): the bytes it replaces are all
// ASCII, so a byte loop over UTF-8 text finds the same ones.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// writeEscaped writes s as html/template escapes a string in text or in
// a quoted attribute value.
func writeEscaped(b *bytes.Buffer, s string) { writeReplaced(b, s, htmlEscapes) }

// writeURLAttr writes a URL as html/template does in a quoted href: a URL
// with a scheme other than http, https or mailto is replaced by
// "#ZgotmplZ", the rest is normalized (bytes outside URLs percent-encoded,
// existing escapes kept) and escaped for the attribute.
func writeURLAttr(b *bytes.Buffer, u string) {
	if !isSafeURL(u) {
		b.WriteString("#ZgotmplZ")
		return
	}
	writeEscaped(b, processedURL(u, true))
}

// writeURLPart writes a value inside a URL (after its "#") as
// html/template does: every byte but the unreserved ones percent-encoded,
// then escaped for the attribute (which then changes nothing).
func writeURLPart(b *bytes.Buffer, s string) {
	processURL(b, s, false)
}

// processURL is html/template's processURLOnto: percent-encode the bytes
// of s that are not unreserved, keeping the reserved ones and existing
// escapes when norm is set.
func processURL(b *bytes.Buffer, s string, norm bool) {
	const hex = "0123456789abcdef"
	written := 0
	for i := 0; i < len(s); i++ {
		if urlByteKept(s, i, norm) {
			continue
		}
		c := s[i]
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// urlByteKept reports whether processURL keeps s[i] as it is.
func urlByteKept(s string, i int, norm bool) bool {
	switch urlBytes[s[i]] {
	case urlUnreserved:
		return true
	case urlReserved:
		return norm
	case urlPercent:
		return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return false
}

// urlBytes classes the bytes of a URL as processURL treats them.
var urlBytes = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			t[c] = urlUnreserved
		case strings.IndexByte("!#$&*+,/:;=?@[]", byte(c)) >= 0:
			t[c] = urlReserved
		case c == '%':
			t[c] = urlPercent
		}
	}
	return t
}()

const (
	urlEncoded uint8 = iota
	urlUnreserved
	urlReserved
	urlPercent
)

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// listHTML is what write writes, as HTML.
func listHTML(write func(*bytes.Buffer)) template.HTML {
	var b bytes.Buffer
	write(&b)
	return template.HTML(b.String())
}
