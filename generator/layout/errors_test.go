package layout

import (
	"testing"
	"text/template"
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
