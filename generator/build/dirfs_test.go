package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestFolderCacheAnswersAsTheRoot: a build's folder cache gives, for every
// path, what the course's os.Root gives (bytes, sizes, entries, errors),
// links within the course and out of it included, and still does when it
// has had to let its folders go.
func TestFolderCacheAnswersAsTheRoot(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("OUTSIDE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{
		"content/en/m/a.md":          "A\n",
		"content/en/m/b/index.md":    "B\n",
		"content/en/shared/c.md":     "C\n",
		"content/fr/m/a.md":          "Un\n",
		"static/css/s.css":           "p{}\n",
		"content/en/m/b/diagram.svg": "<svg/>\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"content/en/m/up.md":    "../shared/c.md", // leaves its folder, not the course
		"content/en/linked":     "shared",         // a folder linked inside the course
		"content/en/m/out.md":   "../../../../" + filepath.Base(outside) + "/secret.md",
		"content/en/away":       outside,           // a folder out of the course
		"content/en/m/loop.md":  "loop.md",         // a link to itself
		"content/en/m/gone.md":  "nothing-here.md", // a broken link
		"content/fr/m/other.md": "../../en/m/b/index.md",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	c, ok := DirFS(dir).(*courseFS)
	if !ok {
		t.Fatal("DirFS is not a courseFS")
	}
	names := []string{
		".", "content", "content/en", "content/en/m", "content/en/m/a.md", "content/en/m/b", "content/en/m/b/index.md",
		"content/en/m/b/diagram.svg", "content/en/m/up.md", "content/en/linked", "content/en/linked/c.md",
		"content/en/m/out.md", "content/en/away", "content/en/away/secret.md", "content/en/m/loop.md",
		"content/en/m/gone.md", "content/fr/m/other.md", "content/fr/m/a.md", "content/en/missing.md",
		"content/en/m/a.md/x", "static/css/s.css", "../escape", "/abs", "content//en", "",
	}
	type answer struct {
		Data    string
		Size    int64
		Mode    fs.FileMode
		Entries []string
		Link    string
		Lmode   fs.FileMode
		Errs    [6]string
	}
	ask := func(fsys fs.FS, name string) answer {
		var a answer
		errText := func(err error) string {
			if err == nil {
				return ""
			}
			return err.Error()
		}
		data, err := fs.ReadFile(fsys, name)
		a.Data, a.Errs[0] = string(data), errText(err)
		if info, err := fs.Stat(fsys, name); err == nil {
			a.Size, a.Mode = info.Size(), info.Mode()&^0o777
		} else {
			a.Errs[1] = errText(err)
		}
		entries, err := fs.ReadDir(fsys, name)
		for _, e := range entries {
			a.Entries = append(a.Entries, e.Name()+" "+e.Type().String())
		}
		a.Errs[2] = errText(err)
		a.Link, err = fs.ReadLink(fsys, name)
		a.Errs[3] = errText(err)
		if f, err := fsys.Open(name); err == nil {
			f.Close()
		} else {
			a.Errs[4] = errText(err)
		}
		if info, err := fs.Lstat(fsys, name); err == nil {
			a.Lmode = info.Mode().Type()
		} else {
			a.Errs[5] = errText(err)
		}
		return a
	}
	fc := c.cache()
	defer fc.Close()
	check := func(when string) {
		t.Helper()
		for _, name := range names {
			want, got := ask(c.FS, name), ask(fc, name)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %q:\n got %+v\nwant %+v", when, name, got, want)
			}
		}
	}
	// The course's own file system too, which the preview reads: a link
	// is seen as a link, so the walk reports one out of the course.
	for _, name := range names {
		if want, got := ask(c.FS, name), ask(c, name); !reflect.DeepEqual(got, want) {
			t.Errorf("courseFS: %q:\n got %+v\nwant %+v", name, got, want)
		}
	}
	if info, err := fs.Lstat(c, "content/en/m/out.md"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("courseFS: Lstat of a link: %v, %v", info, err)
	}
	check("first")
	check("cached")
	if data, err := fs.ReadFile(fc, "content/en/away/secret.md"); err == nil || string(data) == "OUTSIDE\n" {
		t.Error("a folder linked out of the course was read")
	}
	// Past the bound, the folders are let go; what was asked before is
	// answered the same.
	for i := range maxOpenFolders + 3 {
		rel := fmt.Sprintf("static/many/d%03d", i)
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := fs.ReadDir(fc, rel); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(fc.folders); n > maxOpenFolders {
		t.Errorf("%d folders kept open, more than %d", n, maxOpenFolders)
	}
	check("after letting go")
	// A folder let go while a worker holds it is asked of the root.
	r := fc.folder("content/en/m")
	fc.Close()
	if r == nil {
		t.Fatal("content/en/m was not opened")
	}
	if _, err := r.root.Stat("a.md"); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("a folder let go still answers: %v", err)
	}
	if data, err := fs.ReadFile(fc, "content/en/m/a.md"); err != nil || string(data) != "A\n" {
		t.Errorf("after Close: %q, %v", data, err)
	}
}

// TestFolderCacheConcurrent: workers reading through one cache, more
// folders than it keeps so that it lets them go while others use them,
// all get every file right (run with -race).
func TestFolderCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	const folders = maxOpenFolders * 2
	for i := range folders {
		p := filepath.Join(dir, "content", fmt.Sprintf("m%03d", i))
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "a.md"), []byte(fmt.Sprint(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fc := DirFS(dir).(*courseFS).cache()
	defer fc.Close()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for k := range folders {
				i := (k*7 + w*31) % folders
				data, err := fs.ReadFile(fc, fmt.Sprintf("content/m%03d/a.md", i))
				if err != nil || string(data) != fmt.Sprint(i) {
					t.Errorf("m%03d/a.md: %q, %v", i, data, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestReadIn: a folder cache reads a regular file on bare descriptors
// (readIn) and gets the bytes the folder's root reads; anything else it
// leaves to the root, and so answers as the root does.
func TestReadIn(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "content", "m")
	if err := os.MkdirAll(filepath.Join(m, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"empty.md": nil, "a.md": []byte("A\n"), "big.md": bytes.Repeat([]byte("0123456789\n"), 5000)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(m, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", filepath.Join(m, "link.md")); err != nil {
		t.Fatal(err)
	}
	fc := DirFS(dir).(*courseFS).cache()
	defer fc.Close()
	f := fc.folder("content/m")
	if f == nil || f.root == nil {
		t.Fatal("content/m was not opened")
	}
	for _, name := range []string{"empty.md", "a.md", "big.md", "link.md", "sub", "missing.md"} {
		want, wantErr := f.root.ReadFile(name)
		got, gotErr := fs.ReadFile(fc, "content/m/"+name)
		if !bytes.Equal(got, want) || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: %q, %v; the root reads %q, %v", name, got, gotErr, want, wantErr)
		}
		if data, ok := readIn(f.file, name); f.file != nil && ok != (name != "link.md" && name != "sub" && name != "missing.md") || ok && !bytes.Equal(data, want) {
			t.Errorf("readIn(%s) = %q, %v", name, data, ok)
		}
	}
	fc.Close()
	if f.file != nil {
		if _, ok := readIn(f.file, "a.md"); ok {
			t.Error("readIn reads in a folder let go")
		}
	}
}

// BenchmarkFolderCacheReadFile reads 100 lessons of 10 kB as a build
// does, through its folder cache (readIn), and as the folder's os.Root
// reads them.
func BenchmarkFolderCacheReadFile(b *testing.B) {
	dir := b.TempDir()
	m := filepath.Join(dir, "content", "m")
	if err := os.MkdirAll(m, 0o755); err != nil {
		b.Fatal(err)
	}
	lesson := bytes.Repeat([]byte("Some text of a lesson.\n"), 450)
	for i := range 100 {
		if err := os.WriteFile(filepath.Join(m, fmt.Sprintf("l%d.md", i)), lesson, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	fc := DirFS(dir).(*courseFS).cache()
	defer fc.Close()
	f := fc.folder("content/m")
	b.Run("cache", func(b *testing.B) {
		for range b.N {
			for i := range 100 {
				if _, err := fc.ReadFile(fmt.Sprintf("content/m/l%d.md", i)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("root", func(b *testing.B) {
		for range b.N {
			for i := range 100 {
				if _, err := f.root.ReadFile(fmt.Sprintf("l%d.md", i)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
