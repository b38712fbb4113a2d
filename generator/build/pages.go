package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/deploy"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/layout"
	"github.com/fieldguide/fieldguide/generator/markdown"
	"github.com/fieldguide/fieldguide/generator/site"
)

// pageData fills what every template of a page needs. at is the path the
// document is written to (the page's own, or its print or alias path).
//
// Live preview re-renders a page only when the digests of what it reads
// change (incremental_keys.go): whatever this reads about a page other
// than p must be in that page's nodeSig or a signature built from it, or
// the preview serves stale pages. TestIncrementalMatchesClean catches a
// miss only if its course exercises it.
func (b *builder) pageData(plan *langPlan, p *site.Page, at string) *layout.Data {
	l := plan.lang
	d := &layout.Data{
		Lang: l.Code, Dir: l.Dir, Path: at, Page: p,
		Language:  layout.LangLink{Code: l.Code, Name: l.Name, Dir: l.Dir},
		SiteTitle: b.cfg.SiteTitle(l.Code), CourseID: markdown.Slug(b.cfg.Title),
		Title: p.Title, Description: p.Source.FM.Description,
		Trainer: b.opts.Audience == "trainer", TrainerOnly: p.TrainerOnly,
	}
	d.SetOffline(b.opts.Offline)
	d.Root = site.RelURL(at, "", false)
	if d.Root == "./" {
		d.Root = ""
	}
	d.HomeURL = d.Rel(l.Home.Path)
	d.FallbackLang, d.FallbackDir = b.defLang.Code, b.defLang.Dir
	d.CSS, d.JS, d.SearchJS = d.Rel(b.cssPath), d.Rel(b.jsPath), d.Rel(b.searchJSPath)
	if l.Glossary != nil {
		d.GlossaryURL = d.Rel(l.Glossary.Path)
	}
	if p.Fallback {
		d.ContentLang = b.defLang.Code
		d.ContentDir = b.defLang.Dir
		d.Notices = append(d.Notices, layout.Notice{Kind: "fallback",
			Text: b.catalog.T(l.Code, "notTranslated", "language", b.languageName(l.Code, "notTranslated", l.Language),
				"source", b.languageName(l.Code, "notTranslated", b.defLang))})
	} else if src := b.outdatedSource(p); src != nil {
		notice := layout.Notice{Kind: "outdated", Text: b.catalog.T(l.Code, "outdated", "source", b.languageName(l.Code, "outdated", b.defLang)),
			LinkText: b.catalog.T(l.Code, "readSource")}
		if dp := p.Group.Pages[b.defLang.Code]; dp != nil && b.isRendered(b.defLang.Code) {
			notice.URL = d.Rel(dp.Path)
		}
		d.Notices = append(d.Notices, notice)
	}
	fm := p.Source.FM
	switch {
	case p.Kind == content.Home:
		d.LessonCount, d.TotalDuration = plan.lessonCount, plan.totalDuration
		for _, c := range p.Children {
			if c.Glossary {
				continue
			}
			d.Children = append(d.Children, b.moduleLink(c, d))
		}
	case p.Kind == content.Section:
		for _, c := range p.Children {
			d.Children = append(d.Children, b.moduleLink(c, d))
			if !c.IsSection() {
				d.LessonCount++
				d.TotalDuration += c.Source.FM.Duration
			}
		}
		if len(p.Lessons()) > 0 {
			d.PrintURL = d.Rel(site.PrintPath(p))
		}
	default:
		d.Duration, d.Objectives, d.Keypoints, d.Prerequisites = fm.Duration, fm.Objectives, fm.Keypoints, fm.Prerequisites
		d.IsLesson = !p.Glossary
		if d.IsLesson {
			d.ProgressID = p.ID()
		}
	}
	// Made at their length and filled from the end: putting each
	// ancestor before the others made a slice per ancestor.
	depth := 0
	for a := p.Parent; a != nil; a = a.Parent {
		depth++
	}
	if depth > 0 {
		d.Breadcrumbs = make([]layout.Link, depth)
		for a := p.Parent; a != nil; a = a.Parent {
			depth--
			d.Breadcrumbs[depth] = layout.Link{Title: a.Title, URL: d.Rel(a.Path), Fallback: a.Fallback}
		}
	}
	if p.Prev != nil {
		d.Prev = &layout.Link{Title: p.Prev.Title, URL: d.Rel(p.Prev.Path), Fallback: p.Prev.Fallback}
	}
	if p.Next != nil {
		d.Next = &layout.Link{Title: p.Next.Title, URL: d.Rel(p.Next.Path), Fallback: p.Next.Fallback}
	}
	b.lessonNav(plan, l, p, d)
	d.Languages = b.switcher(p, d)
	if !b.opts.Offline && !p.Fallback {
		d.Canonical = b.cfg.BaseURL + escapePath(p.Path)
		d.Alternates = b.alternates(p)
	} else if !b.opts.Offline {
		// A fallback page repeats the default language's page: point search
		// engines at the original.
		if dp := p.Group.Pages[b.cfg.DefaultLanguage]; dp != nil && !dp.Fallback {
			d.Canonical = b.cfg.BaseURL + escapePath(dp.Path)
		}
	}
	if b.opts.Offline {
		d.Footer = b.offlineFooter(l.Code)
	}
	return d
}

// offlineFooter is the footer of an offline copy's pages in lang ("Offline
// copy · built DATE · version ID"), made once per language: formatting the
// date in the language's digits takes a printer of x/text (38 allocations).
func (b *builder) offlineFooter(lang string) string {
	if f, ok := b.footers.Load(lang); ok {
		return f.(string)
	}
	f := b.catalog.T(lang, "offlineCopy", "date", i18n.FormatDate(lang, b.opts.BuildDate), "version", b.opts.Version)
	b.footers.Store(lang, f)
	return f
}

func (b *builder) moduleLink(c *site.Page, d *layout.Data) layout.Link {
	link := layout.Link{Title: c.Title, URL: d.Rel(c.Path), Description: c.Source.FM.Description, Fallback: c.Fallback, Section: c.IsSection()}
	if c.IsSection() {
		for _, lesson := range c.Lessons() {
			link.Lessons = append(link.Lessons, lesson.ID())
			link.LessonCount++
			link.Duration += lesson.Source.FM.Duration
		}
	} else {
		link.ID = c.ID()
		link.Duration = c.Source.FM.Duration
	}
	return link
}

// isRendered reports whether language code is part of this build.
func (b *builder) isRendered(code string) bool {
	for _, l := range b.rendered {
		if l.Code == code {
			return true
		}
	}
	return false
}

// outdatedSource returns the default-language source of a translation
// whose recorded translatedFrom no longer matches it.
func (b *builder) outdatedSource(p *site.Page) *content.Source {
	if p.Lang == b.cfg.DefaultLanguage || p.Fallback || p.Source.FM.TranslatedFrom == "" {
		return nil
	}
	dp := p.Group.Pages[b.cfg.DefaultLanguage]
	if dp == nil || dp.Fallback {
		return nil
	}
	hashes := b.sourceHashes[dp.Source] // or none, to compute them
	if i18n.Current(p.Source.FM.TranslatedFrom, dp.Source, hashes[0], hashes[1]) {
		return nil
	}
	return dp.Source
}

// nav lists the modules (top-level pages), and under the module holding
// the current page its lessons: never the whole site on every page.
func (b *builder) nav(l *site.Lang, cur *site.Page, d *layout.Data) []layout.Link {
	return b.navTree(l, cur, cur, d)
}

// navTree is nav with the sections along open's branch open, and cur's
// link current (none if cur is nil).
func (b *builder) navTree(l *site.Lang, open, cur *site.Page, d *layout.Data) []layout.Link {
	ancestors := map[*site.Page]bool{}
	for a := open; a != nil; a = a.Parent {
		ancestors[a] = true
	}
	var item func(p *site.Page, depth int) layout.Link
	item = func(p *site.Page, depth int) layout.Link {
		link := layout.Link{Title: p.Title, URL: d.Rel(p.Path), Current: p == cur, Section: p.IsSection(), Fallback: p.Fallback}
		if !p.IsSection() {
			link.ID = p.ID()
		}
		if p.IsSection() && ancestors[p] && depth < 3 {
			for _, c := range p.Children {
				link.Children = append(link.Children, item(c, depth+1))
			}
		}
		return link
	}
	var out []layout.Link
	for _, m := range l.Home.Children {
		if m.Glossary {
			continue
		}
		out = append(out, item(m, 1))
	}
	return out
}

// lessonNav sets the navigation of a page, made once for all the lessons
// of a section: siblings list the same links, relative to folders of the
// same depth under the same parent, but for their own, which is current.
// Each lesson's page shares the section's navigation (layout.SharedNav),
// with its own item marked. Making the whole navigation for every page was
// 4% of the CPU of an 80-module build, whose pages list 80 modules; then
// a copy of the links and a string of the HTML per page, 76 MB of a
// 4,170-page build.
func (b *builder) lessonNav(plan *langPlan, l *site.Lang, cur *site.Page, d *layout.Data) {
	fallback := layout.FallbackLangAttrs(b.defLang.Code, b.defLang.Dir)
	// A page written elsewhere than its own path (an alias) sees the links
	// from there.
	if shareNav && cur != nil && !cur.IsSection() && cur.Parent != nil && d.Path == cur.Path {
		v, ok := plan.navs.Load(cur.Parent)
		if !ok {
			v, _ = plan.navs.LoadOrStore(cur.Parent, b.sectionNav(plan, l, cur.Parent, d, fallback))
		}
		if d.ShareNav(v.(*layout.SharedNav), navIndex(l, cur), d.Rel(cur.Path)) {
			return
		}
	}
	d.Nav = b.nav(l, cur, d)
	d.NavHTML = layout.RenderNav(d.Nav, plan.doneLabel, fallback)
}

// sectionNav is the navigation the lessons of section share (nil when
// they are not listed in it, as deeper than it goes).
func (b *builder) sectionNav(plan *langPlan, l *site.Lang, section *site.Page, d *layout.Data, fallback string) *layout.SharedNav {
	// Relative to a folder beside the lessons that none of them is:
	// every link is then as a sibling sees it.
	beside := *d
	beside.Path = section.Path + "\x00/"
	links := b.navTree(l, section, nil, &beside)
	var open []int // from the module down to section
	for a := section; a != nil && a != l.Home; a = a.Parent {
		at := navIndex(l, a)
		if at < 0 {
			return nil
		}
		open = append(open, at)
	}
	slices.Reverse(open)
	return layout.NewSharedNav(links, open, plan.doneLabel, fallback)
}

// shareNav turns lessonNav's sharing off, for the test that holds it to
// nav.
var shareNav = true

// navIndex is the position of p's link among its siblings' in nav, which
// leaves the glossary out of the modules (-1 for the glossary).
func navIndex(l *site.Lang, p *site.Page) int {
	if p.Parent == l.Home && p.Glossary {
		return -1
	}
	at := 0
	for _, s := range p.Parent.Children {
		if s == p {
			return at
		}
		if !(p.Parent == l.Home && s.Glossary) {
			at++
		}
	}
	return -1
}

// languageName names lang in the language of the UI string key on pages
// of page: the page's own, or English when the string falls back to it.
func (b *builder) languageName(page, key string, lang config.Language) string {
	in := page
	if !b.catalog.Has(page, key) {
		in = "en"
	}
	return i18n.LanguageName(in, lang.Code, lang.Name)
}

// switcher links to this page in every language of the build.
func (b *builder) switcher(p *site.Page, d *layout.Data) []layout.LangLink {
	out := make([]layout.LangLink, 0, len(b.rendered))
	for _, lc := range b.rendered {
		l := b.site.Lang(lc.Code)
		if l == nil {
			continue
		}
		link := layout.LangLink{Code: lc.Code, Name: lc.Name, Dir: lc.Dir, Current: lc.Code == d.Lang}
		target := l.Home
		if t := p.Group.Pages[lc.Code]; t != nil && (!t.Fallback || b.cfg.LanguageSwitcher == "fallback") {
			target = t
			link.Missing = t.Fallback
			if t.Fallback {
				link.Note = b.catalog.T(lc.Code, "switcher.notTranslated")
			}
		} else if p.Kind != content.Home {
			link.Missing = true
			link.Note = b.catalog.T(lc.Code, "switcher.toHome")
		}
		link.URL = d.Rel(target.Path)
		out = append(out, link)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// alternates are the hreflang links of a page: its real translations (not
// fallbacks) and x-default (see alternatePages).
func (b *builder) alternates(p *site.Page) []layout.Alternate {
	var out []layout.Alternate
	b.alternatePages(p, func(lang string, t *site.Page) {
		if out == nil {
			out = make([]layout.Alternate, 0, len(b.rendered)+1)
		}
		out = append(out, layout.Alternate{Lang: lang, URL: b.cfg.BaseURL + escapePath(t.Path)})
	})
	return out
}

// alternatePages calls f with each hreflang alternate of p and its
// language: the pages of its group that are real translations (not
// fallbacks), in the build's order of languages, then the default
// language's as x-default; none unless two languages have the page.
func (b *builder) alternatePages(p *site.Page, f func(lang string, t *site.Page)) {
	n := 0
	for _, lc := range b.rendered {
		if t := p.Group.Pages[lc.Code]; t != nil && !t.Fallback {
			n++
		}
	}
	if n < 2 {
		return
	}
	for _, lc := range b.rendered {
		if t := p.Group.Pages[lc.Code]; t != nil && !t.Fallback {
			f(lc.Code, t)
		}
	}
	if t := p.Group.Pages[b.cfg.DefaultLanguage]; t != nil && !t.Fallback && b.isRendered(b.cfg.DefaultLanguage) {
		f("x-default", t)
	}
}

func escapePath(p string) string {
	u := site.RelURL("", p, false)
	if u == "./" {
		return ""
	}
	return u
}

// rootLanguage is the language of the pages at the site's root: the
// default language if the build has it, else its first.
func (b *builder) rootLanguage() config.Language {
	first := b.rendered[0]
	if b.isRendered(b.cfg.DefaultLanguage) {
		first, _ = b.cfg.Language(b.cfg.DefaultLanguage)
	}
	return first
}

// writeRootPages writes the language chooser, the sitemap and robots.txt,
// with the root language's templates (nil: parsed here).
func (b *builder) writeRootPages(templates *layout.Templates) error {
	if len(b.rendered) == 0 {
		return nil
	}
	first := b.rootLanguage()
	l := b.site.Lang(first.Code)
	if templates == nil {
		templates = b.templates(first.Code, b.diags)
	}
	plan := &langPlan{lang: l, templates: templates}
	d := b.pageData(plan, l.Home, "")
	d.Kind = "root"
	d.Page = nil
	d.Languages = nil
	// Default language first, then the others in their order.
	ordered := append([]config.Language{first}, b.rendered...)
	seen := map[string]bool{}
	// Each title once: a language without a title of its own shows the
	// course's, in the default language, which the web root's heading
	// shows already, but an offline copy without that language does not.
	shown := map[string]bool{}
	for _, lc := range ordered {
		if seen[lc.Code] {
			continue
		}
		seen[lc.Code] = true
		if ll := b.site.Lang(lc.Code); ll != nil {
			link := layout.LangLink{Code: lc.Code, Name: lc.Name, Dir: lc.Dir, URL: d.Rel(ll.Home.Path), Current: lc.Code == first.Code}
			if title := b.cfg.SiteTitle(lc.Code); link.Current || !shown[title] {
				link.Title = title
				shown[title] = true
				// Tagged with the language it is written in, for screen
				// readers: the course's title is the default language's.
				link.TitleLang, link.TitleDir = lc.Code, lc.Dir
				if lc.Title == "" && lc.Code != b.defLang.Code {
					link.TitleLang, link.TitleDir = b.defLang.Code, b.defLang.Dir
				}
			}
			d.Languages = append(d.Languages, link)
		}
	}
	d.Alternates = nil
	if !b.opts.Offline {
		d.Canonical = b.cfg.BaseURL
		for _, ll := range d.Languages {
			d.Alternates = append(d.Alternates, layout.Alternate{Lang: ll.Code, URL: b.cfg.BaseURL + escapePath(ll.Code+"/")})
		}
		d.Alternates = append(d.Alternates, layout.Alternate{Lang: "x-default", URL: b.cfg.BaseURL})
	}
	if out, ok := b.execute(plan, "root", d, b.diags); ok {
		b.mu.Lock()
		b.pages++
		b.mu.Unlock()
		if err := b.sink.Put("index.html", out); err != nil {
			return err
		}
	}
	if b.opts.Offline {
		return nil
	}
	sitemap := b.inc.sitemap(b)
	if sitemap == nil {
		sitemap = b.sitemap()
	}
	if err := b.sink.Put("sitemap.xml", sitemap); err != nil {
		return err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", b.cfg.BaseURL)
	if b.opts.Audience == "trainer" {
		// The trainers' edition is published for trainers, under a
		// password or an address only they know: no search engine is
		// asked to list it (each page says noindex too).
		robots = "User-agent: *\nDisallow: /\n"
	}
	if err := b.sink.Put("robots.txt", []byte(robots)); err != nil {
		return err
	}
	// Response headers (a strict Content-Security-Policy) for hosts that
	// read a _headers file; the README has the same for nginx.
	return b.sink.Put("_headers", deploy.Headers())
}

// sitemap lists every page of the build with its translations as
// xhtml:link alternates (those of alternates). Fallback pages are left
// out: they repeat the default language's text.
//
// Each page's address is escaped once, not once for each page of its
// group that names it: 4,084 pages are 19,000 addresses, and formatting
// each anew was most of the build's serial end. TestSitemapAsFormatted
// holds this to the straightforward version.
func (b *builder) sitemap() []byte {
	pages := 0
	for _, lc := range b.rendered {
		if l := b.site.Lang(lc.Code); l != nil {
			pages += len(l.Pages)
		}
	}
	var buf bytes.Buffer
	buf.Grow(256 + pages*(64+len(b.rendered)*(64+len(b.cfg.BaseURL))))
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	urls := make(map[*site.Page]string, pages)
	url := func(p *site.Page) string {
		u, ok := urls[p]
		if !ok {
			u = xmlText(b.cfg.BaseURL + escapePath(p.Path))
			urls[p] = u
		}
		return u
	}
	for _, lc := range b.rendered {
		l := b.site.Lang(lc.Code)
		if l == nil {
			continue
		}
		for _, p := range l.Pages {
			if p.Fallback {
				continue
			}
			buf.WriteString("  <url>\n    <loc>")
			buf.WriteString(url(p))
			buf.WriteString("</loc>\n")
			b.alternatePages(p, func(lang string, t *site.Page) { writeAlternate(&buf, lang, url(t)) })
			buf.WriteString("  </url>\n")
		}
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// writeAlternate writes a sitemap's xhtml:link line; url is escaped.
func writeAlternate(buf *bytes.Buffer, lang, url string) {
	buf.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
	buf.WriteString(xmlText(lang))
	buf.WriteString(`" href="`)
	buf.WriteString(url)
	buf.WriteString("\"/>\n")
}

// xmlText is s escaped as xml.EscapeText escapes it. An address made of
// printable ASCII without & < > ' or " is most of them, and is left as
// it is.
func xmlText(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>' || c == '\'' || c == '"' {
			var e strings.Builder
			_ = xml.EscapeText(&e, []byte(s))
			return e.String()
		}
	}
	return s
}
