package search

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// fixtureDocs reads testdata/fixture.txtar: the sections of each language,
// in site order, and the languages in order of first appearance.
func fixtureDocs(t testing.TB) (langs []string, docs map[string][]Doc) {
	t.Helper()
	archive, err := txtar.ParseFile(filepath.Join("testdata", "fixture.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	docs = map[string][]Doc{}
	for _, f := range archive.Files {
		url, anchor, ok := strings.Cut(f.Name, "#")
		if !ok {
			t.Fatalf("fixture: %s: name has no '#'", f.Name)
		}
		lines := strings.SplitN(string(f.Data), "\n", 3)
		if len(lines) < 3 || !strings.HasPrefix(lines[0], "Title:") || !strings.HasPrefix(lines[1], "Section:") {
			t.Fatalf("fixture: %s: want Title: and Section: lines first", f.Name)
		}
		lang, _, _ := strings.Cut(url, "/")
		if _, seen := docs[lang]; !seen {
			langs = append(langs, lang)
		}
		docs[lang] = append(docs[lang], Doc{
			URL:     url,
			Anchor:  anchor,
			Title:   strings.TrimSpace(strings.TrimPrefix(lines[0], "Title:")),
			Section: strings.TrimSpace(strings.TrimPrefix(lines[1], "Section:")),
			Text:    lines[2],
		})
	}
	return langs, docs
}

// buildFixture builds every language of the fixture.
func buildFixture(t testing.TB) (langs []string, docs map[string][]Doc, files map[string][]File) {
	t.Helper()
	langs, docs = fixtureDocs(t)
	files = map[string][]File{}
	for _, lang := range langs {
		fs, err := Build(lang, docs[lang])
		if err != nil {
			t.Fatal(err)
		}
		files[lang] = fs
	}
	return langs, docs, files
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the current output")

// TestBuildGolden pins the bytes of the index of every language of the
// fixture: a change of format shows as a diff to review (go test -update
// rewrites testdata/golden/).
func TestBuildGolden(t *testing.T) {
	langs, docs, files := buildFixture(t)
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			var archive txtar.Archive
			for _, f := range files[lang] {
				archive.Files = append(archive.Files, txtar.File{Name: f.Path, Data: f.Data})
			}
			got := txtar.Format(&archive)
			golden := filepath.Join("testdata", "golden", lang+".txtar")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("index of %s differs from %s (go test -update rewrites it; review the diff):\n%s", lang, golden, got)
			}

			// Deterministic: building again gives the same bytes.
			again, err := Build(lang, docs[lang])
			if err != nil {
				t.Fatal(err)
			}
			for i := range again {
				if !bytes.Equal(again[i].Data, files[lang][i].Data) {
					t.Errorf("second build of %s differs", again[i].Path)
				}
			}
		})
	}
}
