package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// TestReadFileInfo: a folder cache's ReadFileInfo gives a regular file's
// bytes and info as the folder's root reads and states them, reads none
// past the limit, and leaves links, folders, pipes and missing files to
// fs.Stat and fs.ReadFile.
func TestReadFileInfo(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "content", "m")
	if err := os.MkdirAll(filepath.Join(m, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"empty.md": nil, "a.md": []byte("A\n"), "b511.md": bytes.Repeat([]byte("b"), 511),
		"b512.md": bytes.Repeat([]byte("c"), 512), "big.md": bytes.Repeat([]byte("0123456789\n"), 50000),
		"modes.md": []byte("setuid, sticky\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(m, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(m, "modes.md"), 0o751|fs.ModeSetuid|fs.ModeSticky); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(m, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(m, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	fc := DirFS(dir).(*courseFS).cache()
	defer fc.Close()
	f := fc.folder("content/m")
	if f == nil || f.file == nil {
		t.Fatal("content/m was not opened")
	}
	for _, name := range []string{"empty.md", "a.md", "b511.md", "b512.md", "big.md", "modes.md", "link.md", "pipe.md", "sub", "missing.md"} {
		p := "content/m/" + name
		_, isFile := files[name]
		for _, limit := range []int64{content.MaxFileSize, 511, 0} {
			info, data, ok := fc.ReadFileInfo(p, limit)
			if ok != isFile {
				t.Errorf("%s: ok %v", name, ok)
			}
			if !ok {
				continue
			}
			want, err := f.root.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fmt.Sprint(info.Name(), info.Size(), info.Mode(), info.ModTime(), info.IsDir()),
				fmt.Sprint(want.Name(), want.Size(), want.Mode(), want.ModTime(), want.IsDir()); got != want {
				t.Errorf("%s: info %s, the root states %s", name, got, want)
			}
			if st := info.Sys().(*syscall.Stat_t); st.Ino != want.Sys().(*syscall.Stat_t).Ino {
				t.Errorf("%s: Sys is not the file's", name)
			}
			switch {
			case info.Size() > limit && data != nil:
				t.Errorf("%s: %d bytes read past the limit %d", name, len(data), limit)
			case info.Size() <= limit && !bytes.Equal(data, files[name]):
				t.Errorf("%s: read %q", name, data)
			}
		}
	}
}

// TestFolderCacheListsAsTheRoot: a folder cache lists a folder (listIn)
// as its root does, names, types and infos, pipes and links included.
func TestFolderCacheListsAsTheRoot(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "m")
	if err := os.MkdirAll(filepath.Join(m, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 300 { // more than one listing's buffer
		name := fmt.Sprintf("l%03d-%s.md", i, strings.Repeat("x", i%40))
		if err := os.WriteFile(filepath.Join(m, name), bytes.Repeat([]byte("x"), i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("sub", filepath.Join(m, "link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(m, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := DirFS(dir).(*courseFS)
	fc := c.cache()
	defer fc.Close()
	describe := func(entries []fs.DirEntry, err error) []string {
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(e.Name(), e.IsDir(), e.Type(), info.Name(), info.Size(), info.Mode(), info.ModTime()))
		}
		return out
	}
	want := describe(fs.ReadDir(c.FS, "m"))
	got := describe(fs.ReadDir(fc, "m"))
	if len(want) != 303 || !reflect.DeepEqual(got, want) {
		t.Errorf("the cache lists\n%q\nthe root\n%q", got, want)
	}
	f := fc.folder("m")
	if _, ok := listIn(f.file); !ok {
		t.Error("listIn did not list m")
	}
}

// TestReadThroughTheCache: the walk's and the render's reads of a
// Markdown file (content.ReadMarkdown, content.ReadBody) answer through
// a folder cache (one fstat of the file read) as through the course's
// root (fs.Stat, then fs.ReadFile): bytes, sizes, warnings and errors,
// for files too large, links in and out of the course, and files changed
// since the walk.
func TestReadThroughTheCache(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("OUTSIDE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m := filepath.Join(dir, "content", "en", "m")
	if err := os.MkdirAll(m, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(m, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"a.md":      "---\ntitle: A\n---\nText of a.\n",
		"long.md":   "---\ntitle: L\n---\n" + strings.Repeat("long line\n", content.LongFileSize/10+1),
		"huge.md":   strings.Repeat("x", content.MaxFileSize+1),
		"same.md":   "---\ntitle: S\n---\nSame size.\n",
		"grown.md":  "---\ntitle: G\n---\nGrown.\n",
		"shrunk.md": "---\ntitle: G\n---\nShrunk.\n",
		"gone.md":   "Gone.\n",
		"target.md": "Target.\n",
	}
	for name, text := range files {
		write(name, text)
	}
	for link, target := range map[string]string{
		"in.md":  "target.md",
		"out.md": "../../../../" + filepath.Base(outside) + "/secret.md",
		"abs.md": filepath.Join(outside, "secret.md"),
	} {
		if err := os.Symlink(target, filepath.Join(m, link)); err != nil {
			t.Fatal(err)
		}
	}
	// (A pipe is not among them: the root waits for a writer.)
	c := DirFS(dir).(*courseFS)
	names := []string{"a.md", "long.md", "huge.md", "same.md", "grown.md", "shrunk.md", "gone.md", "in.md", "out.md", "abs.md", "missing.md"}
	type read struct {
		Size    int64
		ModTime time.Time
		Data    string
		OK      bool
		Diags   string
	}
	readMarkdown := func(fsys fs.FS, p string) read {
		var l diag.List
		info, data, ok := content.ReadMarkdown(fsys, p, &l)
		r := read{Data: string(data), OK: ok, Diags: fmt.Sprint(l.Items())}
		if info != nil {
			r.Size, r.ModTime = info.Size(), info.ModTime()
		}
		return r
	}
	fc := c.cache()
	defer fc.Close()
	walked := map[string]*content.Source{}
	for _, name := range names {
		p := "content/en/m/" + name
		want, got := readMarkdown(c, p), readMarkdown(fc, p)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ReadMarkdown(%s) through the cache:\n got %+v\nwant %+v", name, got, want)
		}
		walked[name] = &content.Source{File: p, Size: got.Size, ModTime: got.ModTime}
	}
	// Then, before the render: same size and a later time, more, less,
	// gone, a link now.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(m, "same.md"), later, later); err != nil {
		t.Fatal(err)
	}
	write("grown.md", files["grown.md"]+"More.\n")
	write("shrunk.md", "---\n")
	if err := os.Remove(filepath.Join(m, "gone.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(m, "a.md"), filepath.Join(m, "a-old.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a-old.md", filepath.Join(m, "a.md")); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		src := walked[name]
		wantBody, wantErr := content.ReadBody(c, src)
		gotBody, gotErr := content.ReadBody(fc, src)
		if !bytes.Equal(gotBody, wantBody) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("ReadBody(%s) through the cache: %q, %v; want %q, %v", name, gotBody, gotErr, wantBody, wantErr)
		}
	}
	if _, err := content.ReadBody(fc, walked["same.md"]); err == nil || !strings.Contains(err.Error(), "changed during the build") {
		t.Errorf("a file saved since the walk: %v", err)
	}
	if body, err := content.ReadBody(fc, walked["long.md"]); err != nil || !bytes.HasPrefix(body, []byte("long line\n")) {
		t.Errorf("long.md: %.20q, %v", body, err)
	}
}
