package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gatedAndGFM convert src with goldmark's GFM and with gfm(), whose
// linkify is behind linkifyGate.
func gatedAndGFM(t *testing.T, src string) (got, want string) {
	t.Helper()
	var g, w bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(gfm()...)).Convert([]byte(src), &g); err != nil {
		t.Fatal(err)
	}
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(src), &w); err != nil {
		t.Fatal(err)
	}
	return g.String(), w.String()
}

var linkifyCases = []string{
	"no address at all, *emphasis* and ~~struck~~ (parens)",
	"see https://example.org/a_(b) and http://x.y, ftp://files.example.org.",
	"write to someone@example.org or at@ nothing",
	"www.example.org/path?q=1; and *www.example.org*",
	"[a link www.example.org](x.md) and <https://example.org>",
	"| a | b |\n|---|---|\n| www.example.org | ~~x~~ |\n\n- [x] done http://a.b",
	"HTTP://EXAMPLE.ORG WWW.EXAMPLE.ORG",
}

func TestLinkifyGateIsLinkify(t *testing.T) {
	for _, src := range linkifyCases {
		if got, want := gatedAndGFM(t, src); got != want {
			t.Errorf("%q:\ngot  %s\nwant %s", src, got, want)
		}
	}
}

func FuzzLinkifyGate(f *testing.F) {
	for _, src := range linkifyCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := gatedAndGFM(t, src); got != want {
			t.Errorf("%q:\ngot  %s\nwant %s", src, got, want)
		}
	})
}
