package refscan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestOffsetsAndAttributes: each reference is at its own first byte and
// names its attribute, so that a message points at the URL itself, not at
// the attribute that holds it (a style attribute's url(), a srcset's
// second candidate, a meta refresh's url=).
func TestOffsetsAndAttributes(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // attribute, then what src holds at the offset
	}{
		{"attributes", `<img src="a.png"><a href=b.html>`, []string{"src a.png", "href b.html"}},
		{"srcset candidates", `<img srcset="a.png 1x, b.png 2x">`, []string{"srcset a.png", "srcset b.png"}},
		{"srcset after a character reference", `<img srcset="a.png?x&amp;y 1x, b.png 2x">`, []string{"srcset a.png", "srcset b.png"}},
		{"style attribute", `<p style="color:red; background: url( 'bg.png' )">`, []string{"style bg.png"}},
		{"style attribute with references", `<p style="content:&quot;x&quot;; background:url(&quot;bg.png&quot;), url(c.png)">`,
			[]string{"style bg.png", "style c.png"}},
		{"style element", "<style>\n@import \"a.css\";\nb { c: url(d.png) }</style>", []string{" a.css", " d.png"}},
		{"meta refresh", `<meta http-equiv=refresh content="0; url='../fr/'">`, []string{"content ../fr/"}},
		{"inline script", `<script>fetch("https://a.example/x")</script>`, []string{" https://a.example/x"}},
		{"form", `<form action="/s"><button formaction=/t>`, []string{"action /s", "formaction /t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Markup([]byte(tt.src), false) {
				got = append(got, r.Attr()+" "+tt.src[r.Offset:])
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d references", got, len(tt.want))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("reference %d: at %q, want %q…", i, got[i], tt.want[i])
				}
			}
		})
	}
	css := "a { b: url(  x.png ) }\n@import 'y.css';"
	for i, want := range []string{"x.png", "y.css"} {
		if r := CSS([]byte(css), 0)[i]; !strings.HasPrefix(css[r.Offset:], want) || r.Attr() != "" {
			t.Errorf("CSS reference %d at %q, attribute %q", i, css[r.Offset:], r.Attr())
		}
	}
}

// TestRawIndex maps a decoded value's bytes back to what is written.
func TestRawIndex(t *testing.T) {
	raw := []byte("a&amp;b&lt;cd&#x2F;e")
	decoded := "a&b<cd/e"
	for i := range decoded {
		at := rawIndex(raw, i)
		if got := string(raw[at]); got != decoded[i:i+1] && got != "&" {
			t.Errorf("byte %d (%q) maps to %d (%q)", i, decoded[i], at, got)
		}
	}
	if got := rawIndex(raw, len(decoded)); got != len(raw) {
		t.Errorf("end maps to %d, want %d", got, len(raw))
	}
}

// TestTemplate: a template's actions are read as a whole, wherever they
// are, and a reference holding one is given as written.
func TestTemplate(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"actions in values", `<img src="{{.Root}}img/x.svg"><a href="{{.URL}}">`, []string{"res:{{.Root}}img/x.svg", "link:{{.URL}}"}},
		{"quotes in an action", `<img alt="{{T "logo"}}" src="/a.png"><img alt='{{T "it's"}}' src="/b.png">`, []string{"res:/a.png", "res:/b.png"}},
		{"action between attributes", `<a href="/x"{{if .Current}} aria-current="page"{{end}}>`, []string{"link:/x"}},
		{"action as an attribute", `<a {{if .Current}}class="on"{{end}} href="/y">`, []string{"link:/y"}},
		{"branches of an if", `<img {{if .Dark}}src="a.png"{{else}}src="/b.png"{{end}}>`, []string{"res:a.png", "res:/b.png"}},
		{"'>' in an action", `<a {{if gt (len .Nav) 1}}{{"x>y"}}{{end}} href="/z">`, []string{"link:/z"}},
		{"unquoted value with spaces in its action", `<a href={{ .URL }} title=x>`, []string{"link:{{ .URL }}"}},
		{"an action in a rooted path", `<a href="/{{.Lang}}/">`, []string{"link:/{{.Lang}}/"}},
		{"template comment", `{{/* <img src="/old.png"> */}}<img src="new.png">`, []string{"res:new.png"}},
		{"markup in an action's string", `{{"<img src='/x.png'>"}}<img src="y.png">`, []string{"res:y.png"}},
		{"style attribute", `<p style="background: url({{ .Root }}img/a.png); color: {{"red"}}">`, []string{"res:{{ .Root }}img/a.png"}},
		{"style element", `<style>a { content: "{{T "x"}}"; background: url("/b.png") }</style>`, []string{"res:/b.png"}},
		{"unclosed action", `<img src="/a.png" {{if`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs := Template([]byte(tt.src))
			got := refURLs(refs)
			if !slices.Equal(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
			for _, r := range refs {
				if r.Offset < 0 || r.Offset > len(tt.src) {
					t.Errorf("%q at %d, outside the file", r.URL, r.Offset)
				}
			}
		})
	}
	// Outside templates, braces are text.
	if got := refURLs(Markup([]byte(`<img alt="{{T "x"}}" src="/a.png">`), false)); fmt.Sprint(got) != "[res:/a.png]" {
		t.Errorf("HTML: %q", got)
	}
}

// FuzzTemplate: the template scanner never panics and every reference is
// inside the file.
func FuzzTemplate(f *testing.F) {
	for _, seed := range []string{`<a href="{{.URL}}">`, `{{/* x`, `<img alt="{{T "`, `{{"`, "{{`", `<style>url({{`, `<a {{if}}`, `<p style="a:url(&quot;{{`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, r := range Template(src) {
			if r.Offset < 0 || r.Offset > len(src) {
				t.Errorf("%q at %d, outside %d bytes", r.URL, r.Offset, len(src))
			}
		}
	})
}
