package markdown

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/mdctx"
)

// TestRenderAgainIsFullRender checks, on every page of the bundled
// course, that RenderAgain, which renders again only the blocks it
// changes and copies the others, writes what rendering the whole changed
// tree writes.
func TestRenderAgainIsFullRender(t *testing.T) {
	docs, convs := loadCourse(t, "../../content", func(string) bool { return true })
	for _, d := range docs {
		doc := &mdctx.Doc{File: d.file, Source: d.body, Lang: d.lang, GlossaryURL: "../glossary/",
			Resolve: func(dest string) (string, bool) { return "/" + dest, true }}
		res, err := convs[d.lang].Convert(doc, true)
		if err != nil {
			t.Fatal(err)
		}
		got, err := res.RenderAgain("p-", 1, func(raw string) string { return "../" + raw }, "../../glossary/")
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		if err := res.conv.md.Renderer().Render(stringWriter{&want}, res.src, res.root); err != nil {
			t.Fatal(err)
		}
		if got != want.String() {
			t.Errorf("%s: RenderAgain differs from rendering the whole tree:\n%s\n---\n%s", d.file, got, want.String())
		}
	}
}
