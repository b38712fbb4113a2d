package markdown

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

var update = flag.Bool("update", false, "rewrite chroma.css from chroma's styles")

// chromaStylesCSS is the stylesheet of chroma's github and github-dark
// styles, as the formatter writes it.
func chromaStylesCSS() []byte {
	var b bytes.Buffer
	_ = formatter.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = formatter.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}\n")
	return b.Bytes()
}

// TestChromaCSS: chroma.css is what the chroma this module requires writes
// for its styles (after an upgrade of chroma: go test -update).
func TestChromaCSS(t *testing.T) {
	want := chromaStylesCSS()
	if !bytes.Contains(want, []byte("prefers-color-scheme")) || bytes.Count(want, []byte(".chroma")) < 20 {
		t.Fatalf("chroma wrote no stylesheet:\n%s", want)
	}
	if *update {
		// ChromaCSS has the file as it was built: the next run checks it.
		if err := os.WriteFile("chroma.css", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := ChromaCSS(); !bytes.Equal(got, want) {
		t.Errorf("chroma.css is not the stylesheet chroma writes for github and github-dark; run go test ./generator/markdown -run TestChromaCSS -update\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestHighlightIgnoresStyle: code highlighted with classesOnly is code
// highlighted with any of chroma's styles, in every language the course
// or a trainer is likely to show.
func TestHighlightIgnoresStyle(t *testing.T) {
	code := map[string]string{
		"go":         "package main\n\n// A comment.\nfunc main() { println(\"hi\", 42, 'x') }\n",
		"python":     "def f(x):\n    return x ** 2  # square\nprint(f'{f(3)}')\n",
		"yaml":       "title: \"Lesson\"\nweight: 3\ntags: [a, b]\ndraft: false\n",
		"json":       "{\"a\": [1, 2.5, true, null], \"b\": \"<c>&\"}\n",
		"html":       "<!doctype html>\n<p class=\"x\">a &amp; b<!-- c --></p>\n<script>let y = 1;</script>\n",
		"markdown":   "# Title\n\n*em* **strong** [link](x.md)\n\n- item\n",
		"bash":       "for f in *.md; do echo \"$f\" | wc -l; done > out.txt 2>&1\n",
		"javascript": "const re = /a+b/g; let s = `t ${1 + 2}`; // c\n",
		"css":        ".a > b:hover { color: #fff; margin: 0 auto !important; }\n",
		"diff":       "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n",
		"text":       "plain text with <angle> & ampersand\n",
	}
	all := []*chroma.Style{styles.Fallback}
	for _, name := range styles.Names() {
		all = append(all, styles.Get(name))
	}
	for lang, src := range code {
		lexer := lexers.Get(lang)
		if lexer == nil {
			t.Fatalf("no lexer for %s", lang)
		}
		highlight := func(style *chroma.Style) string {
			it, err := chroma.Coalesce(lexer).Tokenise(nil, src)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := formatter.Format(&b, style, it); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		got := highlight(classesOnly)
		if lang != "text" && !strings.Contains(got, `<span class="`) {
			t.Errorf("%s: no class in %q: the test tests nothing", lang, got)
		}
		for _, style := range all {
			if want := highlight(style); got != want {
				t.Errorf("%s with style %s:\n%s\nwith classesOnly:\n%s", lang, style.Name, want, got)
			}
		}
	}
}
