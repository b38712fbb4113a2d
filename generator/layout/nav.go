package layout

import (
	"html"
	"html/template"
	"strings"
)

// RenderNav writes the module navigation as HTML in Go rather than in a
// template: it is on every page and lists a whole module, and html/template
// spends most of a page's time escaping its links one by one through
// reflection. partials/nav.html prints it with {{.NavHTML}}; a theme may
// instead range over .Nav itself.
//
// fallbackLang is the attribute text for titles of pages shown in the
// default language (` lang="en" dir="ltr"`), so a screen reader reads an
// English title in an Arabic menu with an English voice.
func RenderNav(links []Link, doneLabel, fallbackLang string) template.HTML {
	var b strings.Builder
	b.Grow(256 * (len(links) + 8))
	b.WriteString(`<ol class="nav-modules">`)
	writeNavItems(&b, links, html.EscapeString(doneLabel), fallbackLang, 0)
	b.WriteString("</ol>")
	return template.HTML(b.String())
}

// NavItem is the item RenderNav writes for l at depth (0 for a module):
// a page's own item can so be put in place of its item in a navigation
// written once for all its siblings.
func NavItem(l Link, doneLabel, fallbackLang string, depth int) string {
	var b strings.Builder
	writeNavItems(&b, []Link{l}, html.EscapeString(doneLabel), fallbackLang, depth)
	return b.String()
}

// FallbackLangAttrs is RenderNav's fallbackLang for a language and direction.
func FallbackLangAttrs(lang, dir string) string {
	return ` lang="` + html.EscapeString(lang) + `" dir="` + html.EscapeString(dir) + `"`
}

func writeNavItems(b *strings.Builder, links []Link, done, fallbackLang string, depth int) {
	for _, l := range links {
		b.WriteString("\n<li")
		if l.Current && depth == 0 {
			b.WriteString(` class="current"`)
		}
		b.WriteString(`><a href="`)
		b.WriteString(html.EscapeString(l.URL))
		b.WriteByte('"')
		if l.ID != "" {
			b.WriteString(` data-progress-id="`)
			b.WriteString(html.EscapeString(l.ID))
			b.WriteString(`" data-label-done="`)
			b.WriteString(done)
			b.WriteByte('"')
		}
		if l.Current {
			b.WriteString(` aria-current="page"`)
		}
		if l.Fallback {
			b.WriteString(fallbackLang)
		}
		b.WriteByte('>')
		b.WriteString(html.EscapeString(l.Title))
		b.WriteString("</a>")
		if len(l.Children) > 0 {
			if depth == 0 {
				b.WriteString(`<ol class="nav-lessons">`)
			} else {
				b.WriteString("<ol>")
			}
			writeNavItems(b, l.Children, done, fallbackLang, depth+1)
			b.WriteString("</ol>")
		}
		b.WriteString("</li>")
	}
}
