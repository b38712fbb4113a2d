package layout

import (
	"bytes"
	"html"
	"html/template"
	"slices"
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
	writeNavItems(&b, links, html.EscapeString(doneLabel), fallbackLang, 0, nil)
	b.WriteString("</ol>")
	return template.HTML(b.String())
}

// FallbackLangAttrs is RenderNav's fallbackLang for a language and direction.
func FallbackLangAttrs(lang, dir string) string {
	return ` lang="` + html.EscapeString(lang) + `" dir="` + html.EscapeString(dir) + `"`
}

// SharedNav is a navigation rendered once for all the lessons of a
// section: the modules, the section's branch open, no link current, each
// URL relative to a page beside the lessons. A lesson's own navigation is
// that with its own item marked current, at its own URL (Data.ShareNav).
// The HTML before and after that item is the same for every lesson and is
// written into each page from here: a string of the whole navigation per
// page was 31 MB of a 4,170-page build, and a copy of the links 45 MB.
type SharedNav struct {
	links []Link
	// open is the path from the modules to the section (the index of a
	// module, of one of its children...); items are its links, the
	// lessons', at spans in html.
	open         []int
	items        []Link
	spans        []navSpan
	html         string
	done         string // the done label, escaped
	fallbackLang string
}

type navSpan struct{ start, end int }

// NewSharedNav renders links, whose items along open are the lessons,
// for the lessons to share; nil if open leads to no items.
func NewSharedNav(links []Link, open []int, doneLabel, fallbackLang string) *SharedNav {
	items := links
	for _, i := range open {
		if i < 0 || i >= len(items) {
			return nil
		}
		items = items[i].Children
	}
	if len(items) == 0 {
		return nil
	}
	n := &SharedNav{links: links, open: open, items: items, done: html.EscapeString(doneLabel), fallbackLang: fallbackLang}
	var b strings.Builder
	b.Grow(256 * (len(links) + len(items) + 8))
	b.WriteString(`<ol class="nav-modules">`)
	writeNavItems(&b, links, n.done, fallbackLang, 0, n)
	b.WriteString("</ol>")
	n.html = b.String()
	if len(n.spans) != len(items) {
		return nil
	}
	return n
}

// ShareNav makes the page's navigation (Nav and NavHTML) nav with the
// lesson at item marked current, its URL url. It reports false, leaving
// the page as it was, when nav has no such lesson. Nav and NavHTML are
// then made only when a template reads them as values: the compiled
// templates write {{.NavHTML}} from nav's pieces.
func (d *Data) ShareNav(nav *SharedNav, item int, url string) bool {
	if nav == nil || item < 0 || item >= len(nav.items) {
		return false
	}
	d.Nav, d.NavHTML = nil, ""
	d.sharedNav, d.navItem, d.navURL = nav, item, url
	return true
}

// NavSize is about the length of the navigation the page shows, for
// sizing its buffer: its NavHTML, or its shared navigation (ShareNav)
// with room for its own item, marked current.
func (d *Data) NavSize() int {
	if d.sharedNav != nil {
		return len(d.sharedNav.html) + 256
	}
	return len(d.NavHTML)
}

// currentItem is the page's own link in its shared navigation.
func (d *Data) currentItem() Link {
	l := d.sharedNav.items[d.navItem]
	l.Current, l.URL = true, d.navURL
	return l
}

// writeNav writes what {{.NavHTML}} writes.
func (d *Data) writeNav(b *bytes.Buffer) {
	n := d.sharedNav
	if n == nil {
		b.WriteString(string(d.NavHTML))
		return
	}
	span := n.spans[d.navItem]
	b.WriteString(n.html[:span.start])
	writeNavItem(b, d.currentItem(), n.done, n.fallbackLang, len(n.open), nil)
	b.WriteString(n.html[span.end:])
}

// fillNav makes Nav and NavHTML of a page whose navigation is shared, for
// whatever reads them as values: html/template, a template ranging over
// .Nav, a function given the page's data.
func (d *Data) fillNav() {
	n := d.sharedNav
	if n == nil {
		return
	}
	var b bytes.Buffer
	b.Grow(len(n.html) + 512)
	d.writeNav(&b)
	nav := slices.Clone(n.links)
	links := nav
	for _, i := range n.open {
		links[i].Children = slices.Clone(links[i].Children)
		links = links[i].Children
	}
	links[d.navItem] = d.currentItem()
	d.Nav, d.NavHTML = nav, template.HTML(b.String())
	d.sharedNav = nil
}

// navWriter is where the navigation is written: a string or a page.
type navWriter interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
	Len() int
}

// writeNavItems writes links at depth (0 for the modules); when record is
// not nil and links are its items, it records where each is written.
func writeNavItems[W navWriter](b W, links []Link, done, fallbackLang string, depth int, record *SharedNav) {
	recording := record != nil && len(links) > 0 && &links[0] == &record.items[0]
	for _, l := range links {
		start := b.Len()
		writeNavItem(b, l, done, fallbackLang, depth, record)
		if recording {
			record.spans = append(record.spans, navSpan{start, b.Len()})
		}
	}
}

func writeNavItem[W navWriter](b W, l Link, done, fallbackLang string, depth int, record *SharedNav) {
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
		writeNavItems(b, l.Children, done, fallbackLang, depth+1, record)
		b.WriteString("</ol>")
	}
	b.WriteString("</li>")
}
