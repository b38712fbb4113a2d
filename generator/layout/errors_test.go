package layout

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/fieldguide/fieldguide/layouts"
)

// TestTemplateErrorsInPlainWords: the template parser's words for a
// broken {{ … }} ("bad character U+007D '}'") are said as a trainer who
// edits a theme file sees the mistake, at its file and line.
func TestTemplateErrorsInPlainWords(t *testing.T) {
	for src, want := range map[string]string{
		"<p>{{.SiteTitle}</p>":        "layouts/partials/footer.html:1: a {{ … }} on this line closes with one brace (close each {{ with two braces, }})",
		"<p>\n{{.SiteTitle</p>":       "layouts/partials/footer.html:2: a {{ on this line is not closed before the text after it, or holds a character templates do not take (close the {{ with }}; inside, use names, dots, spaces and quoted text)",
		"<p>{{ .Title }</p>":          "layouts/partials/footer.html:1: a {{ … }} on this line closes with one brace (close each {{ with two braces, }})",
		"{{if .Trainer}}\n<p>a</p>\n": "layouts/partials/footer.html:3: the template ends inside a {{if}}, {{range}}, {{with}} or {{define}} (close each with {{end}})",
	} {
		_, err := template.New("partials/footer.html").Parse(src)
		if err == nil {
			t.Fatalf("%q parsed", src)
		}
		if got := TemplateError(err, "layouts/partials/footer.html").Error(); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

// TestTemplateTyposInPlainWords: a misspelt field, method or function in
// a course's own template is said in a trainer's words, at the misspelt
// name's line and column (in characters, from 1), with the name meant.
func TestTemplateTyposInPlainWords(t *testing.T) {
	tests := []struct {
		footer, want, hint string
	}{
		{"<footer>\n  <p>© {{.SiteTitel}}</p></footer>",
			"layouts/partials/footer.html:2:10: the page has no field SiteTitel; did you mean .SiteTitle?",
			"write .SiteTitle where the template says .SiteTitel"},
		{"<footer>{{.Page.Titel}}</footer>",
			"layouts/partials/footer.html:1:16: .Page has no field Titel; did you mean .Page.Title?", "write .Page.Title"},
		{"<footer>{{with .Page}}{{$.Page.Titel}}{{end}}</footer>",
			"layouts/partials/footer.html:1:31: $.Page has no field Titel; did you mean $.Page.Title?", "write $.Page.Title"},
		{"<footer>{{range .Breadcrumbs}}{{.Titel}}{{end}}</footer>",
			"layouts/partials/footer.html:1:33: {{.}} here (a Link, inside a {{range}} or {{with}}) has no field Titel; did you mean .Title?", "write .Title"},
		{`<footer><a href="{{.Rell "en/"}}">x</a></footer>`,
			"layouts/partials/footer.html:1:20: the page has no field Rell; did you mean .Rel?", "write .Rel"},
		{"<footer>{{.Title.Size}}</footer>",
			"layouts/partials/footer.html:1:17: .Title has no field Size: it is text, which has none", "remove .Size"},
		{"<footer>\n{{Tt \"menu\"}}</footer>",
			"layouts/partials/footer.html:2:3: there is no function Tt; did you mean T?", "write T"},
	}
	for _, tt := range tests {
		diags := &diag.List{}
		theme := LoadTheme(layouts.FS, fstest.MapFS{"partials/footer.html": {Data: []byte(tt.footer)}}, diags)
		ts := theme.Parse(i18n.Load(layouts.FS, nil, []string{"en"}, diags), "en", diags)
		var got diag.Diagnostic
		if items := diags.Items(); len(items) > 0 {
			got = items[0]
		} else {
			data := lessonData()
			data.Page = &site.Page{}
			err := ts.Execute(&bytes.Buffer{}, "page", data)
			if err == nil {
				t.Errorf("%q: executed", tt.footer)
				continue
			}
			got = TemplateError(err, "layouts/page.html")
		}
		if msg := got.Position() + ": " + got.Message; msg != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.footer, msg, tt.want)
		}
		if !strings.Contains(got.Hint, tt.hint) {
			t.Errorf("%q: hint %q, want %q", tt.footer, got.Hint, tt.hint)
		}
	}
}

// TestNilPageInPlainWords: a course's template that reads .Page.Title
// fails on the pages without a Markdown file (the 404 page, the language
// chooser, print pages), whose .Page is nil; the message says so and how
// to leave it out there, not Go's "nil pointer evaluating *site.Page.Title".
func TestNilPageInPlainWords(t *testing.T) {
	diags := &diag.List{}
	theme := LoadTheme(layouts.FS, fstest.MapFS{"partials/footer.html": {Data: []byte("<footer>\n{{.Page.Title}}</footer>")}}, diags)
	ts := theme.Parse(i18n.Load(layouts.FS, nil, []string{"en"}, diags), "en", diags)
	if len(diags.Items()) > 0 {
		t.Fatal(diags.Items())
	}
	data := lessonData()
	data.Page = nil
	err := ts.Execute(&bytes.Buffer{}, "page", data)
	if err == nil {
		t.Fatal("executed with a nil .Page")
	}
	got := TemplateError(err, "layouts/page.html")
	want := "layouts/partials/footer.html:2:8: .Page.Title is used on a page made without a Markdown file (the 404 page, the language chooser or a print page), which has no .Page"
	if msg := got.Position() + ": " + got.Message; msg != want {
		t.Errorf("\n got %s\nwant %s", msg, want)
	}
	if !strings.Contains(got.Hint, "{{with .Page}}{{.Title}}{{end}}") {
		t.Errorf("hint %q", got.Hint)
	}
}
