package build

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/output"
)

// TestRenderOrder: a full build queues the languages whose search index
// costs most first, each group in the course's order; the live preview
// keeps the course's order.
func TestRenderOrder(t *testing.T) {
	var langs []config.Language
	for _, code := range []string{"en", "ar", "fr", "zh", "ja", "fa"} {
		langs = append(langs, config.Language{Code: code})
	}
	codes := func(ls []config.Language) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Code)
		}
		return strings.Join(out, " ")
	}
	b := &builder{rendered: langs}
	if got, want := codes(b.renderOrder()), "zh ja ar fa en fr"; got != want {
		t.Errorf("full build: %s, want %s", got, want)
	}
	if got, want := codes(b.rendered), "en ar fr zh ja fa"; got != want {
		t.Errorf("renderOrder changed the languages rendered: %s", got)
	}
	b.inc = &incBuild{}
	if got, want := codes(b.renderOrder()), "en ar fr zh ja fa"; got != want {
		t.Errorf("incremental build: %s, want %s", got, want)
	}
}

// TestWalkedIsMarkdownSize: Options.Walked is told, once, the size of the
// Markdown the build read: the pages of every language of the course, an
// unusable one among them, and none of the other files.
func TestWalkedIsMarkdownSize(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: T\nlanguages:\n  en: {name: English}\n  fr: {name: Français}\n")},
		"content/en/_index.md":     {Data: []byte("---\ntitle: Home\n---\n")},
		"content/en/m1/a.md":       {Data: []byte("A\n")},
		"content/en/m1/b/index.md": {Data: []byte("\xff")}, // unusable, but read
		"content/en/m1/b/d.png":    {Data: []byte("png")},
		"content/fr/m1/a.md":       {Data: []byte("Un\n")},
		"content/fr/m1/notes.txt":  {Data: []byte("notes")},
		"content/de/m1/a.md":       {Data: []byte("Ein\n")}, // not a language of the course
	}
	var told []int64
	_, _ = Build(context.Background(), Options{FS: fsys, Walked: func(size int64) { told = append(told, size) }}, output.NewMemory())
	if want := int64(20 + 2 + 1 + 3); len(told) != 1 || told[0] != want {
		t.Errorf("told %v, want [%d]", told, want)
	}
}
