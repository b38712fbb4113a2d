package refscan_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/refscan"
)

// The self-check is a safety check: a faster scanner that missed one
// reference the old one found would let an offline copy load something
// from the internet. These tests hold the package's scanners equal, every
// URL, offset, kind and attribute, to the oracle (oracle_*_test.go, the
// scanners as they were before they were made faster) on tricky fragments
// put together at random, on the theme's own files and pages, and, with
// FIELDGUIDE_BENCH_SITE set to a built site's folder, on all of its files.

// scanned is one reference as both scanners return it.
type scanned struct {
	URL    string
	Offset int
	Kind   uint8
	Attr   string
}

func (s scanned) String() string { return fmt.Sprintf("%d:%q@%d(%s)", s.Kind, s.URL, s.Offset, s.Attr) }

func fast(refs []refscan.Ref) []scanned {
	out := make([]scanned, len(refs))
	for i, r := range refs {
		out[i] = scanned{r.URL, r.Offset, uint8(r.Kind), r.Attr()}
	}
	return out
}

func oracle(refs []Ref) []scanned {
	out := make([]scanned, len(refs))
	for i, r := range refs {
		out[i] = scanned{r.URL, r.Offset, uint8(r.Kind), r.Attr()}
	}
	return out
}

// sameRefs fails t when a scanner of the package and the oracle's differ
// on src, read as every kind of file.
func sameRefs(t *testing.T, name string, src []byte) {
	t.Helper()
	check := func(how string, got, want []scanned) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s as %s: %q\n got %v\nwant %v", name, how, truncate(src), got, want)
		}
	}
	check("HTML", fast(refscan.Markup(src, false)), oracle(Markup(src, false)))
	check("SVG", fast(refscan.Markup(src, true)), oracle(Markup(src, true)))
	check("template", fast(refscan.Template(src)), oracle(Template(src)))
	check("CSS", fast(refscan.CSS(src, 7)), oracle(CSS(src, 7)))
	check("JS", fast(refscan.JS(src, 7)), oracle(JS(src, 7)))
}

func truncate(src []byte) string {
	if len(src) > 300 {
		return string(src[:300]) + "…"
	}
	return string(src)
}

// fragments are the pieces random documents are made of: what decides
// where a tag, an attribute, a value, a comment, a raw text, a string, an
// escape or a template action starts and ends, names in odd cases and
// Unicode letters that lower-case to ASCII ones (K, the Kelvin sign, is
// "k" to strings.ToLower).
var fragments = []string{
	"<", ">", "/", "/>", "</", "<!--", "-->", "--!>", "--", "<!", "<?", "<![CDATA[", "]]>", "=", " ", "\n", "\t", "\r", "\f",
	`"`, "'", "`", "\\", "&", "&amp;", "&quot;", "&#x2F;", "&lt", ";", ",", "(", ")", "{", "}", "{{", "}}", "{{/*", "*/}}", "/*", "*/", "//",
	"a", "img", "IMG", "link", "script", "SCRIPT", "style", "Style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
	"plaintext", "noscript", "svg", "image", "use", "feImage", "video", "audio", "track", "embed", "frame", "object", "input",
	"button", "form", "base", "meta", "body", "table", "td", "th", "area", "source", "picture", "div", "p", "span",
	"src", "SRC", "href", "HREF", "xlink:href", "xlin\u212a:href", "srcset", "imagesrcset", "poster", "data", "background", "action",
	"formaction", "content", "style", "rel", "type", "http-equiv", "class", "id", "alt", "data-src", "\u0130mg", "l\u0130nk", "\u017frc",
	"stylesheet", "icon", "preload", "alternate", "refresh", "0; url=", "module", "text/javascript", "application/ld+json",
	"x.png", "a.css", "b.js", "c.html", "#f", "../up/", "https://", "http://x.example/", "//cdn.example/", "wss://w.example", "/root.png",
	"data:image/png;base64,AA==", " 1x", " 2x, ", "url(", "URL(", "u\\72l(", "@import", "@IMPORT ", "image-set(", "-webkit-image-set(",
	"local(", "format(", "\\66 ", "\\\n", "fetch(", "import", "from", "importScripts(", "new Worker(", "WebSocket(", ".src", ".srcset", "=",
	"return", "typeof", "x", "1", " / ", "/re[/\"']/g", "${", "\\u{68}", "\\x68", "\\u0068", "é", "中", "\xff", "\x00",
}

// randomDoc puts n fragments together.
func randomDoc(r *rand.Rand, n int) []byte {
	var b strings.Builder
	for range n {
		b.WriteString(fragments[r.IntN(len(fragments))])
	}
	return []byte(b.String())
}

func TestDifferentialRandom(t *testing.T) {
	n := 50_000
	if testing.Short() {
		n = 5_000
	}
	r := rand.New(rand.NewPCG(14, 56))
	for i := range n {
		sameRefs(t, fmt.Sprintf("document %d", i), randomDoc(r, 1+r.IntN(60)))
		if t.Failed() {
			return
		}
	}
}

// Tag-shaped documents reach deeper into attributes than fragments
// strung at random do.
func TestDifferentialTags(t *testing.T) {
	tags := []string{"img", "a", "link", "script", "style", "meta", "video", "form", "button", "input", "use", "image", "object", "td", "base", "iframe", "IMG", "Link"}
	attrs := []string{"src", "href", "srcset", "imagesrcset", "rel", "type", "style", "content", "http-equiv", "poster", "data", "background",
		"action", "formaction", "xlink:href", "SRC", "Href", "class", "alt", "\u0130d", "xlin\u212a:href"}
	values := []string{"a.png", "https://x.example/a.js", "a.png 1x, b.png 2x", "stylesheet", "icon shortcut", "refresh", "0; url='b.html'",
		"background:url(&quot;c.png&quot;)", "color:red; background: url( 'bg.png' )", "module", "application/ld+json", "/r.png", "//h/x",
		"a&amp;b.png", "x{{.Root}}y", "{{if .X}}a{{else}}b{{end}}", "&#x2F;abs.png", " a.png ", "", "java\nscript:x"}
	r := rand.New(rand.NewPCG(7, 56))
	for i := range 30_000 {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString("<" + tags[r.IntN(len(tags))])
			for range r.IntN(5) {
				b.WriteString(" " + attrs[r.IntN(len(attrs))])
				switch r.IntN(4) {
				case 0:
				case 1:
					b.WriteString("=" + strings.ReplaceAll(values[r.IntN(len(values))], " ", ""))
				case 2:
					b.WriteString(`="` + values[r.IntN(len(values))] + `"`)
				default:
					b.WriteString(` = '` + values[r.IntN(len(values))] + `'`)
				}
			}
			b.WriteString([]string{">", "/>", " >", ""}[r.IntN(4)])
			if r.IntN(3) == 0 {
				b.WriteString(`fetch("https://a.example/x"); x = "</script"; @import "i.css"; url(u.png)`)
				b.WriteString([]string{"</script>", "</style>", "</STYLE >", "</textarea>", ""}[r.IntN(5)])
			}
		}
		sameRefs(t, fmt.Sprintf("tags %d", i), []byte(b.String()))
		if t.Failed() {
			return
		}
	}
}

// TestDifferentialFiles compares on the repository's theme (templates,
// style sheets, scripts), the golden lesson page and the self-check's test
// cases; with FIELDGUIDE_BENCH_SITE, on every file of that site too.
func TestDifferentialFiles(t *testing.T) {
	roots := []string{"../../layouts", "../build/testdata", "../bundle/testdata", "../search/testdata"}
	if dir := os.Getenv("FIELDGUIDE_BENCH_SITE"); dir != "" {
		roots = append(roots, dir)
	}
	files := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			sameRefs(t, p, data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 10 {
		t.Fatalf("only %d files compared", files)
	}
}

func FuzzDifferential(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 30 {
		f.Add(randomDoc(r, 40))
	}
	for _, s := range fragments {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameRefs(t, "input", src)
	})
}
