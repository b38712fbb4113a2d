package layout

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/layouts"
)

func TestRootedRefs(t *testing.T) {
	tmpl := `<p><img src="/img/logo.svg" alt=""> {{.SiteTitle}}</p>
<a href='/'>Home</a> <a href=/about/>About</a>
<a href="{{.Root}}en/">ok</a> <img src="//cdn.example.org/x.png"> <a href="https://example.org/">ok</a>
<div data-root="/x" style="background: url(/img/bg.png)"></div>
<img srcset="/img/a.png 1x, img/b.png 2x" src="img/a.png">`
	var got []string
	for _, d := range RootedRefs("layouts/partials/footer.html", []byte(tmpl)) {
		got = append(got, d.Error())
	}
	want := []string{
		`layouts/partials/footer.html:1:14: warning: "/img/logo.svg" starts at the host's root`,
		`layouts/partials/footer.html:2:10: warning: "/" starts`,
		`layouts/partials/footer.html:2:30: warning: "/about/" starts`,
		`layouts/partials/footer.html:4:44: warning: "/img/bg.png" starts`,
		`layouts/partials/footer.html:5:14: warning: "/img/a.png" starts`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d messages, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("message %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	if d := RootedRefs("layouts/partials/footer.html", []byte(tmpl))[0]; !strings.Contains(d.Hint, `src="{{.Root}}img/logo.svg"`) {
		t.Errorf("hint %q does not give the template's way", d.Hint)
	}

	css := ".site-header{background:url(/img/logo.svg)}\n@import \"/fonts/a.css\";\n.x{background:url(img/ok.png)} .y{background:url('//cdn/x')}"
	ds := RootedRefs("layouts/assets/css/90-brand.css", []byte(css))
	if len(ds) != 2 || ds[0].Code != "root-relative" || ds[0].Line != 1 || ds[0].Col != 29 || ds[1].Line != 2 || !strings.Contains(ds[0].Hint, "url(../img/logo.svg)") {
		t.Errorf("stylesheet: %v", ds)
	}
}

// TestRootedRefsInTemplates: a template is read as the offline copy's
// self-check reads pages, its {{ … }} actions as a whole: what looks like
// a reference in text, in another attribute's value or in a template
// comment is none, and each candidate of a srcset and each branch of an
// {{if}} is one.
func TestRootedRefsInTemplates(t *testing.T) {
	tmpl := `{{/* was: <img src="/old-logo.png"> */}}
<p title="write src=/img/x.png">Write url(/img/x.png) in a stylesheet.</p>
<img alt='{{T "it's"}}' src="{{.Root}}img/a.png" srcset="img/a.png 1x, /img/a@2x.png 2x">
<a {{if .Current}}aria-current="page" {{end}}href="{{.URL}}">x</a>
<img {{if .Dark}}src="img/d.png"{{else}}src="/img/l.png"{{end}}>
<form action="/search"><button formaction="/search/all">Go</button></form>
<p style="color: {{.Colour}}; background: url(&quot;/img/bg.png&quot;)">`
	var got []string
	for _, d := range RootedRefs("layouts/partials/footer.html", []byte(tmpl)) {
		got = append(got, fmt.Sprintf("%d:%d %s | %s", d.Line, d.Col, d.Message[:strings.Index(d.Message, " starts")], d.Hint))
	}
	want := []string{
		`3:72 "/img/a@2x.png" | write {{.Root}}img/a@2x.png in srcset`,
		`5:46 "/img/l.png" | write src="{{.Root}}img/l.png"`,
		`6:15 "/search" | write action="{{.Root}}search"`,
		`6:44 "/search/all" | write formaction="{{.Root}}search/all"`,
		`7:53 "/img/bg.png" | write url("{{.Root}}img/bg.png") in a template`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d messages, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("message %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

// TestThemeHasNoRootedRefs: the theme's own files would warn every
// course that copies them.
func TestThemeHasNoRootedRefs(t *testing.T) {
	err := fs.WalkDir(layouts.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".css") {
			return err
		}
		data, err := fs.ReadFile(layouts.FS, p)
		if err != nil {
			return err
		}
		for _, d := range RootedRefs("layouts/"+p, data) {
			t.Error(d.Error())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
