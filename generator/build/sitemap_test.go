package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

// sitemapFormatted is the sitemap as builder.sitemap wrote it before it
// escaped each address once: the oracle of TestSitemapAsFormatted.
func sitemapFormatted(b *builder) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	esc := func(s string) string {
		var e strings.Builder
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
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
			fmt.Fprintf(&buf, "  <url>\n    <loc>%s</loc>\n", esc(b.cfg.BaseURL+escapePath(p.Path)))
			for _, alt := range b.alternates(p) {
				fmt.Fprintf(&buf, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", esc(alt.Lang), esc(alt.URL))
			}
			buf.WriteString("  </url>\n")
		}
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// TestSitemapAsFormatted builds courses whose pages have every kind of
// translation (all, some, fallbacks, none, omitted) and addresses that need
// escaping, and wants the sitemap each address formatted anew would give.
func TestSitemapAsFormatted(t *testing.T) {
	// A page whose file name needs percent-escapes, and one in Chinese.
	odd := basicCourse + "-- content/en/m1/a&b <c>.md --\n---\ntitle: Odd\n---\nText.\n" +
		"-- content/fr/m1/a&b <c>.md --\n---\ntitle: Bizarre\n---\nTexte.\n" +
		"-- content/en/m2/面谈.md --\n---\ntitle: Interview\n---\nText.\n"
	omit := strings.Replace(basicCourse, "title: Test course\n", "title: Test course\nmissingTranslations: omit\n", 1)
	for _, tc := range []struct {
		name    string
		archive string
		opts    Options
		has     string // in the sitemap: what the case is about
	}{
		{"basic", basicCourse, Options{}, `hreflang="x-default"`},
		{"odd names", odd, Options{}, "/en/m2/%E9%9D%A2%E8%B0%88/"},
		{"base URL to escape", odd, Options{BaseURL: "https://example.org/a&b'c\"<d>/"}, "a&amp;b&#39;c&#34;&lt;d&gt;/fr/m1/a&amp;b"},
		{"omitted translations", omit, Options{}, "<loc>"},
		{"two languages", basicCourse, Options{Languages: []string{"fr", "ar"}}, `hreflang="ar"`},
		{"default language only", basicCourse, Options{Languages: []string{"en"}}, "/en/m1/a/</loc>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := buildTxtar(t, tc.archive, tc.opts).ok()
			b := &builder{cfg: s.res.Config, site: s.res.Site}
			for _, code := range s.res.Languages {
				l, ok := s.res.Config.Language(code)
				if !ok {
					t.Fatalf("no language %s", code)
				}
				b.rendered = append(b.rendered, l)
			}
			want := sitemapFormatted(b)
			if !bytes.Contains(want, []byte(tc.has)) {
				t.Fatalf("the sitemap lacks %s: the test tests nothing\n%s", tc.has, want)
			}
			if got := s.files["sitemap.xml"]; !bytes.Equal(got, want) {
				t.Errorf("sitemap.xml:\n%s\nwant:\n%s", got, want)
			}
			if got := b.sitemap(); !bytes.Equal(got, want) {
				t.Errorf("sitemap():\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
