package build

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/config"
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
