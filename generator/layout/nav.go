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
func RenderNav(links []Link, doneLabel string) template.HTML {
	var b strings.Builder
	b.Grow(256 * (len(links) + 8))
	b.WriteString(`<ol class="nav-modules">`)
	writeNavItems(&b, links, html.EscapeString(doneLabel), 0)
	b.WriteString("</ol>")
	return template.HTML(b.String())
}

func writeNavItems(b *strings.Builder, links []Link, done string, depth int) {
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
		b.WriteByte('>')
		b.WriteString(html.EscapeString(l.Title))
		b.WriteString("</a>")
		if len(l.Children) > 0 {
			if depth == 0 {
				b.WriteString(`<ol class="nav-lessons">`)
			} else {
				b.WriteString("<ol>")
			}
			writeNavItems(b, l.Children, done, depth+1)
			b.WriteString("</ol>")
		}
		b.WriteString("</li>")
	}
}
