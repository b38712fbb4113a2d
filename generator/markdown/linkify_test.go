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

// mayLinkifyReference is mayLinkify as first written, a look for each
// scheme over the whole page.
func mayLinkifyReference(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("http:")) ||
		bytes.Contains(src, []byte("https:")) || bytes.Contains(src, []byte("ftp:")) ||
		bytes.Contains(src, []byte("www."))
}

var mayLinkifyCases = []string{
	"", ":", "http:", "https:", "ftp:", "www.", "@", "htt:", "ttp:", "tp:", "xhttp:", "http", "https",
	"note: see: ftp", "a:b:c:http:", "http :", "HTTP:", "ww.", "www", "wwww.", "::https", "s:",
	"为什么 https: 面谈", "لماذا ftp: المقابلة",
}

// TestMayLinkify holds mayLinkify, which looks for colons, to a look for
// each scheme, and to its answers on every page of the bundled course.
func TestMayLinkify(t *testing.T) {
	for _, src := range append(mayLinkifyCases, linkifyCases...) {
		if got, want := mayLinkify([]byte(src)), mayLinkifyReference([]byte(src)); got != want {
			t.Errorf("mayLinkify(%q) = %v, want %v", src, got, want)
		}
	}
	docs, _ := loadCourse(t, "../../content", func(string) bool { return true })
	for _, d := range docs {
		if got, want := mayLinkify(d.body), mayLinkifyReference(d.body); got != want {
			t.Errorf("%s: mayLinkify = %v, want %v", d.file, got, want)
		}
	}
}

func FuzzMayLinkify(f *testing.F) {
	for _, src := range mayLinkifyCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := mayLinkify([]byte(src)), mayLinkifyReference([]byte(src)); got != want {
			t.Errorf("mayLinkify(%q) = %v, want %v", src, got, want)
		}
	})
}
