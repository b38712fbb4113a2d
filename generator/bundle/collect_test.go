package bundle

import (
	"bytes"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/fieldguide/fieldguide/generator/output"
)

// TestCollectorMatchesWrite feeds the files to a Collector from several
// goroutines, in a scrambled order, with one file put twice (the last
// wins), and wants the zip, the self-check and the sizes that Write and
// SelfCheck give for the files.
func TestCollectorMatchesWrite(t *testing.T) {
	t.Run("memory", func(t *testing.T) { testCollectorMatchesWrite(t, false) })
	t.Run("spill", func(t *testing.T) { testCollectorMatchesWrite(t, true) })
}

func testCollectorMatchesWrite(t *testing.T, spill bool) {
	files := sampleFiles()
	files = append(files,
		File{"en/broken.html", []byte(`<img src="/abs.png"><a href="https://example.org/report">r</a><script src="missing.js"></script>`)},
		File{"en/folder.html", []byte("<p>\n<a href=\"m1/\">a folder</a> <a href=\"M1/index.html\">case</a></p>")})
	_, priv := testKey(t)
	want := writeBundle(t, files, sampleManifest(), priv)
	wantProblems, wantExternal := SelfCheck(files)

	c := NewCollector()
	dir := t.TempDir()
	if spill {
		if err := c.Spill(dir); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Put("index.html", []byte("an earlier version")); err != nil {
		t.Fatal(err)
	}
	// A spilling Collector says it keeps nothing of the bytes it is given
	// (the build then renders other pages into them): each file is put
	// as a copy that is scribbled over once Put returns.
	sink := c.Sink()
	if _, transient := sink.(output.Transient); transient != spill {
		t.Fatalf("Sink is output.Transient: %v, want %v", transient, spill)
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := len(files) - 1 - w; i >= 0; i -= 3 {
				data := bytes.Clone(files[i].Data)
				if err := sink.Put(files[i].Path, data); err != nil {
					t.Error(err)
				}
				if spill {
					for j := range data {
						data[j] = 'x'
					}
				}
			}
		})
	}
	wg.Wait()
	var got bytes.Buffer
	if err := c.Write(&got, sampleManifest(), priv); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("the Collector's zip differs from Write's")
	}
	problems, external, err := c.SelfCheck()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(problems, wantProblems) || !slices.Equal(external, wantExternal) {
		t.Errorf("Collector.SelfCheck = %v, %v; SelfCheck = %v, %v", problems, external, wantProblems, wantExternal)
	}
	if len(problems) != 4 || len(external) != 1 {
		t.Errorf("want 4 problems and 1 external link, got %v and %v", problems, external)
	}
	var size int64
	for _, f := range files {
		size += int64(len(f.Data))
	}
	if c.Len() != len(files) || c.Size() != size {
		t.Errorf("Len, Size = %d, %d; want %d, %d", c.Len(), c.Size(), len(files), size)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("left behind %v", left)
	}
}

// TestCollectorRefuses: the Collector checks what Write checks.
func TestCollectorRefuses(t *testing.T) {
	for _, names := range [][]string{{"MANIFEST.json"}, {"a", "a/b"}, {"x/../y"}, {"A.html", "a.html"}} {
		c := NewCollector()
		for _, n := range names {
			_ = c.Put(n, []byte("x"))
		}
		if err := c.Write(&bytes.Buffer{}, sampleManifest(), nil); err == nil {
			t.Errorf("Collector.Write accepted %v", names)
		}
	}
	if err := NewCollector().Write(&bytes.Buffer{}, sampleManifest(), nil); err == nil {
		t.Error("Collector.Write accepted no files")
	}
}
