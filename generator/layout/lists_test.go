package layout

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// The theme's markup for the three lists before they were written in Go.
const (
	languagesMarkup  = `{{range .Languages}}` + "\n" + `<li><a href="{{.URL}}" lang="{{.Code}}" dir="{{.Dir}}" hreflang="{{.Code}}"{{if .Current}} aria-current="true"{{end}}{{if .Missing}} class="missing"{{end}}>{{.Name}}{{with .Note}}<span class="visually-hidden"> ({{.}})</span>{{end}}</a></li>{{end}}`
	alternatesMarkup = `{{range .Alternates}}` + "\n" + `<link rel="alternate" hreflang="{{.Lang}}" href="{{.URL}}">{{end}}`
	tocMarkup        = `{{range .TOC}}<li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}`
)

// TestListsMatchTemplates holds LanguagesHTML, AlternatesHTML and TOCHTML
// to what html/template writes for the same markup, on values full of
// what its escapers change: quotes, ampersands, plus signs, NUL, invalid
// UTF-8, Chinese and Arabic text, percent signs good and bad, spaces and
// URLs with schemes it refuses.
func TestListsMatchTemplates(t *testing.T) {
	pieces := []string{"a", "Z", "0", " ", "\"", "'", "&", "+", "<", ">", "\x00", "\xff", "%", "%41", "%zz", "%4", "#", "?", "/", ":", ";",
		"=", "@", "!", "$", "*", ",", "[", "]", "(", ")", "-", ".", "_", "~", "\\", "\t", "\n", "é", "人口", "جواز", "\u2028",
		"javascript:", "JavaScript:", "http:", "HTTPS:", "mailto:", "data:", "../", "./"}
	rng := rand.New(rand.NewPCG(7, 8))
	value := func() string {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	markups := map[string]string{"languages": languagesMarkup, "alternates": alternatesMarkup, "toc": tocMarkup}
	templates := map[string]*template.Template{}
	for name, m := range markups {
		templates[name] = template.Must(template.New(name).Parse(m))
	}
	for range 3000 {
		d := &Data{}
		for range rng.IntN(4) {
			d.Languages = append(d.Languages, LangLink{Code: value(), Name: value(), Dir: value(), URL: value(), Current: rng.IntN(2) == 0, Missing: rng.IntN(2) == 0, Note: value()})
			d.Alternates = append(d.Alternates, Alternate{Lang: value(), URL: value()})
			d.TOC = append(d.TOC, TOCEntry{Level: rng.IntN(7) - 1, ID: value(), Text: value()})
		}
		got := map[string]template.HTML{"languages": d.LanguagesHTML(), "alternates": d.AlternatesHTML(), "toc": d.TOCHTML()}
		for name, tmpl := range templates {
			var want strings.Builder
			if err := tmpl.Execute(&want, d); err != nil {
				t.Fatal(err)
			}
			if string(got[name]) != want.String() {
				t.Fatalf("%s of %#v:\n got %q\nwant %q", name, d, got[name], want.String())
			}
		}
	}
}
