package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/blocks"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

// courseDoc is one page of the bundled course, its body without front
// matter.
type courseDoc struct {
	file, lang string
	body       []byte
}

// loadCourse reads the bundled course (content/ at the module's root), and
// a converter per language set up as the build sets it up: the training
// blocks with the language's glossary, quiz feedback kept out of the
// search text.
func loadCourse(tb testing.TB, dir string, keep func(path string) bool) ([]courseDoc, map[string]*Converter) {
	fsys := os.DirFS(dir)
	var docs []courseDoc
	glossaries := map[string][]blocks.Term{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || !keep(p) {
			return err
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		body := raw
		if rest, ok := bytes.CutPrefix(raw, []byte("---\n")); ok {
			if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
				body = rest[i+len("\n---\n"):]
			}
		}
		lang, _, _ := strings.Cut(p, "/")
		if path.Base(p) == "glossary.md" {
			glossaries[lang] = blocks.ParseGlossary(body)
		}
		docs = append(docs, courseDoc{file: "content/" + p, lang: lang, body: body})
		return nil
	})
	if err != nil || len(docs) == 0 {
		tb.Skip("no course in", dir, err)
	}
	convs := map[string]*Converter{}
	for _, d := range docs {
		if convs[d.lang] == nil {
			convs[d.lang] = New(Options{
				Extensions: []goldmark.Extender{blocks.New(blocks.Options{Glossary: glossaries[d.lang]})},
				NoIndex:    []ast.NodeKind{blocks.KindQuizFeedback},
			})
		}
	}
	return docs, convs
}

// BenchmarkConvertCourse converts every page of a course and renders each
// a second time, as the build does for a module's printable page: the
// bundled course, which has glossaries, and when it is there the first
// two modules of each language of the generated benchmark course (see
// .team), which has none but is what the build's profile is of. Run it
// under cachegrind to count instructions: wall time on a shared machine
// says little.
func BenchmarkConvertCourse(b *testing.B) {
	b.Run("bundled", func(b *testing.B) {
		benchmarkConvert(b, "../../content", func(string) bool { return true })
	})
	b.Run("c20", func(b *testing.B) {
		benchmarkConvert(b, "/tmp/c20/content", func(p string) bool {
			return strings.Contains(p, "/module-001/") || strings.Contains(p, "/module-002/")
		})
	})
}

// BenchmarkBareGoldmark converts what BenchmarkConvertCourse/c20 does
// with goldmark alone, set up as the build's converter is (our textWriter
// included) but without our extensions and with one render per page: the
// floor our extensions add to.
func BenchmarkBareGoldmark(b *testing.B) {
	docs, _ := loadCourse(b, "/tmp/c20/content", func(p string) bool {
		return strings.Contains(p, "/module-001/") || strings.Contains(p, "/module-002/")
	})
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithXHTML(), html.WithWriter(textWriter{})),
	)
	var out bytes.Buffer
	for b.Loop() {
		for _, d := range docs {
			out.Reset()
			if err := md.Convert(d.body, &out); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func benchmarkConvert(b *testing.B, dir string, keep func(path string) bool) {
	docs, convs := loadCourse(b, dir, keep)
	resolve := func(dest string) (string, bool) { return dest, !strings.Contains(dest, "missing") }
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			doc := &mdctx.Doc{File: d.file, Source: d.body, Lang: d.lang, Resolve: resolve, GlossaryURL: "../glossary/"}
			res, err := convs[d.lang].Convert(doc, true)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := res.RenderAgain("p-", 1, func(raw string) string { return "../" + raw }, "../../glossary/"); err != nil {
				b.Fatal(err)
			}
		}
	}
}
