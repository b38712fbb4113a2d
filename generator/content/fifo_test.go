//go:build unix

package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// TestWalkRefusesAPipe: a named pipe in content/ (a page's name or a
// resource's, or linked to) is refused with a message, not opened: reading
// it would wait for a writer, and the build would hang. So through every
// file system a build or a command reads a course with.
func TestWalkRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	lang := filepath.Join(dir, "content", "en")
	if err := os.MkdirAll(lang, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lang, "_index.md"), []byte("---\ntitle: Home\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pipe.md", "notes.txt", "other"} {
		if err := syscall.Mkfifo(filepath.Join(lang, name), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	if err := os.Symlink("other", filepath.Join(lang, "link.md")); err != nil {
		t.Fatal(err)
	}
	cached, done := build.Cached(build.DirFS(dir))
	defer done()
	want := []string{
		"content/en/link.md: this is a named pipe (FIFO), not a regular file: the build cannot read it (delete it, or put a regular file in its place)",
		"content/en/notes.txt: this is a named pipe (FIFO), not a regular file: the build cannot read it (delete it, or put a regular file in its place)",
		"content/en/other: this is a named pipe (FIFO), not a regular file: the build cannot read it (delete it, or put a regular file in its place)",
		"content/en/pipe.md: this is a named pipe (FIFO), not a regular file: the build cannot read it (delete it, or put a regular file in its place)",
	}
	for _, fsys := range []fs.FS{os.DirFS(dir), build.DirFS(dir), cached} {
		var got []string
		var rels []string
		finished := make(chan bool)
		go func() {
			defer close(finished)
			var l diag.List
			for _, s := range content.Walk(fsys, []string{"en"}, &l) {
				rels = append(rels, s.Rel)
			}
			for _, d := range l.Items() {
				got = append(got, d.Error())
			}
			// What an incremental build asks of each Markdown file.
			var one diag.List
			if _, _, ok := content.ReadMarkdown(fsys, "content/en/pipe.md", &one); ok || one.Len() != 1 || one.Items()[0].Code != "not-a-file" {
				got = append(got, "ReadMarkdown read the pipe")
			}
		}()
		select {
		case <-finished:
		case <-time.After(20 * time.Second):
			// Let the walk go: a writer opens the pipes, and closes them.
			for _, name := range []string{"pipe.md", "notes.txt", "other"} {
				if f, err := os.OpenFile(filepath.Join(lang, name), os.O_RDWR, 0); err == nil {
					f.Close()
				}
			}
			t.Fatalf("%T: the walk waits on a named pipe", fsys)
		}
		slices.Sort(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") || strings.Join(rels, " ") != "_index.md" {
			t.Errorf("%T: pages %q, messages:\n%s\nwant:\n%s", fsys, rels, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
