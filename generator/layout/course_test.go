package layout_test

import (
	"bytes"
	"context"
	"os"
	"sync"
	"testing"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/layout"
	"github.com/fieldguide/fieldguide/generator/output"
)

// TestCompiledRendersTheCourse: every page of the bundled course, in every
// language, for participants and trainers, online and offline, comes out
// of the compiled templates byte for byte as html/template renders it,
// and no page needs html/template.
func TestCompiledRendersTheCourse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole course")
	}
	var mu sync.Mutex
	pages, fellBack := map[string]int{}, 0
	undo := layout.CheckCompiled(func(kind string, compiled, want []byte, compiledErr, wantErr error) {
		mu.Lock()
		defer mu.Unlock()
		pages[kind]++
		if compiledErr != nil {
			fellBack++
			if fellBack < 5 {
				t.Errorf("a %s page was left to html/template: %v", kind, compiledErr)
			}
			return
		}
		if wantErr != nil || !bytes.Equal(compiled, want) {
			t.Errorf("a %s page differs (html/template: %v):\n%s\nwant:\n%s", kind, wantErr, compiled, want)
		}
	})
	defer undo()
	for _, opts := range []build.Options{{}, {Audience: "trainer"}, {Offline: true}} {
		opts.FS = os.DirFS("../..")
		if _, err := build.Build(context.Background(), opts, output.NewMemory()); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("pages by kind: %v", pages)
	for _, kind := range []string{"home", "section", "page", "glossary", "print", "404", "root"} { // the course has no alias
		if pages[kind] == 0 {
			t.Errorf("no %s page rendered", kind)
		}
	}
}
