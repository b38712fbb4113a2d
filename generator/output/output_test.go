package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// site reads every file under dir, by slash path.
func site(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if e.Type()&os.ModeSymlink != 0 {
			files[filepath.ToSlash(rel)] = "(link)"
			return nil
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// build writes files into dest as one build of audience and commits it.
func build(t *testing.T, src, dest, audience string, files map[string]string) *Dir {
	t.Helper()
	d, err := NewDir(src, dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Audience = audience
	for name, text := range files {
		if err := d.Put(name, []byte(text)); err != nil {
			t.Fatalf("Put(%s): %v", name, err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

func equal(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s has %v, want %v", what, slices.Sorted(mapKeys(got)), slices.Sorted(mapKeys(want)))
	}
	for name, text := range want {
		if got[name] != text {
			t.Errorf("%s: %s = %q, want %q", what, name, got[name], text)
		}
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestDirReusesSpare runs builds that reuse the previous site's folder and
// wants each destination to hold exactly its build's files: stale files
// gone, files turned folders and folders turned files, links never
// followed, nothing left beside it but the spare and the audience note.
func TestDirReusesSpare(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	first := map[string]string{"index.html": "one", "en/a/index.html": "a1", "en/gone/index.html": "g", "x": "file x", "y/index.html": "dir y"}
	build(t, src, dest, "participant", first)
	equal(t, "first site", site(t, dest), first)

	second := map[string]string{"index.html": "two", "en/a/index.html": "a2"}
	build(t, src, dest, "participant", second)
	equal(t, "second site", site(t, dest), second)
	equal(t, "spare after the second build", site(t, sparePath(dest)), first)
	// The site is readable by a web server running as another user; the
	// spare, which holds pages the build may have removed, is not.
	for dir, want := range map[string]os.FileMode{dest: 0o755, sparePath(dest): 0o700} {
		if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", filepath.Base(dir), info.Mode().Perm(), err, want)
		}
	}

	// The spare (the first site) gets a link out of the course, which the
	// third build writes over: it must replace the link, not follow it.
	spare := sparePath(dest)
	if err := os.Remove(filepath.Join(spare, "en/a/index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(spare, "en/a/index.html")); err != nil {
		t.Fatal(err)
	}
	// And a link to a folder out of the course, where the third build
	// writes a page: the page must go into the site, not through the link.
	outsideDir := t.TempDir()
	if err := os.Symlink(outsideDir, filepath.Join(spare, "fr")); err != nil {
		t.Fatal(err)
	}
	third := map[string]string{"fr/index.html": "fr3", "index.html": "three", "en/a/index.html": "a3", "x/index.html": "x is a folder now", "y": "y is a file now"}
	d := build(t, src, dest, "participant", third)
	if !d.reused {
		t.Error("the third build did not reuse the spare")
	}
	equal(t, "third site", site(t, dest), third)
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Errorf("a build wrote through a link, out of its folder: %q", b)
	}
	if left, _ := os.ReadDir(outsideDir); len(left) > 0 {
		t.Errorf("a build wrote through a linked folder, out of its folder: %v", left)
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if n := e.Name(); n != "public" && n != ".public.spare" && n != ".public.audience" {
			t.Errorf("left behind %s", n)
		}
	}
}

// TestDirKeepsNoTrainerSpare builds a trainer site and then a participant
// one: the trainer site, swapped out, must be deleted, not kept.
func TestDirKeepsNoTrainerSpare(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	build(t, src, dest, "participant", map[string]string{"index.html": "p1"})
	build(t, src, dest, "trainer", map[string]string{"index.html": "TRAINER NOTES"})
	if b, _ := os.ReadFile(audiencePath(dest)); strings.TrimSpace(string(b)) != "trainer" {
		t.Errorf("audience note = %q, want trainer", b)
	}
	build(t, src, dest, "participant", map[string]string{"index.html": "p2"})
	for _, dir := range []string{dest, sparePath(dest)} {
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			continue
		}
		for name, text := range site(t, dir) {
			if strings.Contains(text, "TRAINER") {
				t.Errorf("trainer text left in %s/%s", filepath.Base(dir), name)
			}
		}
	}

	// A trainer build that fails after reusing the spare must not leave
	// its pages in it.
	build(t, src, dest, "participant", map[string]string{"index.html": "p3"})
	d, err := NewDir(src, dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Audience = "trainer"
	if err := d.Put("index.html", []byte("TRAINER NOTES")); err != nil {
		t.Fatal(err)
	}
	if !d.reused {
		t.Fatal("the trainer build did not reuse the spare: the test tests nothing")
	}
	d.Abort()
	if _, err := os.Stat(sparePath(dest)); !os.IsNotExist(err) {
		t.Errorf("a failed trainer build left its folder as the spare (%v)", err)
	}
	equal(t, "site after the failed build", site(t, dest), map[string]string{"index.html": "p3"})
}

// TestDirFailedBuildKeepsSpare: a failed participant build leaves the
// destination alone and its folder for the next build.
func TestDirFailedBuildKeepsSpare(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	build(t, src, dest, "participant", map[string]string{"index.html": "p1"})
	build(t, src, dest, "participant", map[string]string{"index.html": "p2"})
	d, err := NewDir(src, dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Audience = "participant"
	if err := d.Put("half.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	equal(t, "site after the failed build", site(t, dest), map[string]string{"index.html": "p2"})
	build(t, src, dest, "participant", map[string]string{"index.html": "p4"})
	equal(t, "next site", site(t, dest), map[string]string{"index.html": "p4"})
}

// TestDirReusedFilesTakeNewLength: a page written over the spare's copy of
// it, longer or shorter than before, holds exactly the new text.
func TestDirReusedFilesTakeNewLength(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	build(t, src, dest, "participant", map[string]string{"a.html": "a long first page", "b.html": "b"})
	build(t, src, dest, "participant", map[string]string{"a.html": "a2", "b.html": "b2"})
	third := map[string]string{"a.html": "a", "b.html": "b grown longer than before", "c.html": ""}
	d := build(t, src, dest, "participant", third)
	if !d.reused {
		t.Fatal("the third build did not reuse the spare: the test tests nothing")
	}
	equal(t, "third site", site(t, dest), third)
}

// TestDirLeavesUnchangedFiles: in a reused folder, a file whose bytes
// the new build produces again is not written (it keeps its inode and its
// time), and one that changed, even at the same length, is.
func TestDirLeavesUnchangedFiles(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	// Two files larger than the piece writeFile compares at a time; the
	// second changes in its last byte only.
	big := strings.Repeat("sitemap line\n", 30_000)
	first := map[string]string{"same.html": "unchanged page", "edit.html": "first text", "grow.html": "short", "empty.html": "",
		"big.xml": big, "bigedit.xml": big + "a"}
	build(t, src, dest, "participant", first)
	build(t, src, dest, "participant", map[string]string{"index.html": "second"})
	// The first site is the spare now: date its files back, to see which
	// the third build writes.
	spare := sparePath(dest)
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	inodes := map[string]uint64{}
	for name := range first {
		p := filepath.Join(spare, name)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		inodes[name] = info.Sys().(*syscall.Stat_t).Ino
	}
	// A pipe where a page goes: opened for reading and writing, it would
	// neither fail nor end; it must be replaced, not read or written.
	if err := syscall.Mkfifo(filepath.Join(spare, "pipe.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	third := map[string]string{"same.html": "unchanged page", "edit.html": "other text", "grow.html": "grown longer", "empty.html": "", "pipe.html": "page",
		"big.xml": big, "bigedit.xml": big + "b"}
	d := build(t, src, dest, "participant", third)
	if !d.reused {
		t.Fatal("the third build did not reuse the spare: the test tests nothing")
	}
	equal(t, "third site", site(t, dest), third)
	for name, wantOld := range map[string]bool{"same.html": true, "empty.html": true, "big.xml": true, "edit.html": false, "grow.html": false, "bigedit.xml": false} {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.ModTime().Equal(old); got != wantOld {
			t.Errorf("%s: modified %v; want it written again: %v", name, info.ModTime(), !wantOld)
		}
		if ino := info.Sys().(*syscall.Stat_t).Ino; ino != inodes[name] {
			t.Errorf("%s: a new file (inode %d, was %d), want the spare's written over", name, ino, inodes[name])
		}
	}
}

// TestDirRemovesStaleFolders: the folders of the spare that the new site
// does not use are removed with their files; those it uses stay.
func TestDirRemovesStaleFolders(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	build(t, src, dest, "participant", map[string]string{"old/deep/a.html": "a", "old/b.html": "b", "keep/c.html": "c1", "keep/sub/d.html": "d"})
	build(t, src, dest, "participant", map[string]string{"keep/c.html": "c2"})
	third := map[string]string{"keep/c.html": "c3"}
	d := build(t, src, dest, "participant", third)
	if !d.reused {
		t.Fatal("the third build did not reuse the spare: the test tests nothing")
	}
	equal(t, "third site", site(t, dest), third)
	for _, gone := range []string{"old", "keep/sub"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", gone, err)
		}
	}
}

// TestDirRefusesFoldersItDidNotWrite: -d pointed at a folder of somebody's
// files must not delete them; a previous build's folder, with or without
// the note beside it, and an empty folder are replaced.
func TestDirRefusesFoldersItDidNotWrite(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "course")
	docs := filepath.Join(root, "docs")
	if err := os.MkdirAll(filepath.Join(docs, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "thesis.docx"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewDir(src, docs)
	if err == nil || !strings.Contains(err.Error(), "did not write (notes, thesis.docx)") {
		t.Fatalf("NewDir(docs) = %v, want a refusal naming the files", err)
	}
	if b, err := os.ReadFile(filepath.Join(docs, "thesis.docx")); err != nil || string(b) != "precious" {
		t.Fatalf("thesis.docx = %q, %v", b, err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("a refused build left %d entries beside docs, want none", len(entries)-1)
	}

	public := filepath.Join(root, "public")
	files := map[string]string{"index.html": "home", "assets/fieldguide.0123456789.css": "css"}
	build(t, src, public, "trainer", files)
	build(t, src, public, "participant", files) // the note is beside it
	if err := os.Remove(audiencePath(public)); err != nil {
		t.Fatal(err)
	}
	build(t, src, public, "participant", files) // the theme's files are in it
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	build(t, src, empty, "participant", files)
}

// TestDirConcurrentPuts: pages of one folder are written by several
// workers at once, and a folder was once taken as made before it was, so
// a write into it could fail with "no such file or directory".
func TestDirConcurrentPuts(t *testing.T) {
	root := t.TempDir()
	for round := range 20 {
		d, err := NewDir(filepath.Join(root, "course"), filepath.Join(root, fmt.Sprintf("public%d", round)))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for i := range 64 {
			wg.Go(func() {
				if err := d.Put(fmt.Sprintf("fr/m%d/deep/page%d.html", i%4, i), []byte("x")); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckDestSeesThroughLinks: a destination is refused inside the
// course's sources or around the course even when it is reached through a
// symbolic link higher up and its own folders do not exist yet.
func TestCheckDestSeesThroughLinks(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "c")
	if err := os.MkdirAll(filepath.Join(src, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(root, "clink")); err != nil {
		t.Fatal(err)
	}
	for dest, want := range map[string]string{
		filepath.Join(root, "clink", "static", "new", "out"): "inside the course's static/ folder",
		filepath.Join(root, "clink", "static", "out"):        "inside the course's static/ folder",
		filepath.Join(root, "clink"):                         "did not write",
		filepath.Join(root, "clink", "public", "new"):        "",
	} {
		_, err := CheckDest(src, dest)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("CheckDest(%s) = %v, want %q", dest, err, want)
		}
	}
}

// TestDirWritesIntoAMountPoint: a destination that is a mount point (a
// container's volume) cannot be moved aside; the new site is written into
// it, files it no longer has removed, and no working folder is left.
func TestDirWritesIntoAMountPoint(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	busy := func(from, to string) error {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EBUSY}
	}
	moveDir = func(from, to string) error {
		if from == dest {
			return busy(from, to)
		}
		return os.Rename(from, to)
	}
	exchangeDirs = busy
	defer func() { moveDir, exchangeDirs = os.Rename, exchange }()
	first := map[string]string{"index.html": "one", "en/a/index.html": "a1", "en/gone/index.html": "g", "x": "file x", "y/index.html": "dir y"}
	build(t, src, dest, "participant", first)
	// The first build makes dest, which is not a mount point yet; the
	// second writes into it, turning a file into a folder and back.
	// Links left in the destination are replaced, never written through.
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "keep.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dest, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "keep.txt"), filepath.Join(dest, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dest, "en")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "en")); err != nil {
		t.Fatal(err)
	}
	second := map[string]string{"index.html": "two", "en/a/index.html": "a2", "x/index.html": "dir x", "y": "file y"}
	build(t, src, dest, "participant", second)
	equal(t, "second site", site(t, dest), second)
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("written through a link: %d files outside", len(entries))
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "keep.txt")); string(b) != "keep me" {
		t.Errorf("written through a link: %q", b)
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".public.audience" {
			t.Errorf("left beside the destination: %s", e.Name())
		}
	}
	if b, err := os.ReadFile(audiencePath(dest)); err != nil || string(b) != "participant\n" {
		t.Errorf("audience note: %q, %v", b, err)
	}
}

// TestDirReusedNewFolders: a build that reuses the previous site writes
// pages at once, expecting their folders there; pages in folders the
// previous site lacked, written by several workers at once, must still
// land, a shorter page over a longer one be cut to length, and the
// previous site's emptied folders must go while those this build wrote
// into stay.
func TestDirReusedNewFolders(t *testing.T) {
	root := t.TempDir()
	src, dest := filepath.Join(root, "course"), filepath.Join(root, "public")
	old := map[string]string{"index.html": "1", "en/gone/deep/index.html": "g", "en/kept/index.html": "k1, longer than k3"}
	build(t, src, dest, "participant", old)
	build(t, src, dest, "participant", old)
	d, err := NewDir(src, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !d.reused {
		t.Fatal("the third build did not reuse the spare")
	}
	d.Audience = "participant"
	want := map[string]string{"index.html": "3", "en/kept/index.html": "k3"}
	for i := range 32 {
		want[fmt.Sprintf("en/new%d/deep/page%d.html", i%4, i)] = fmt.Sprint(i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(want))
	for name, text := range want {
		wg.Go(func() {
			if err := d.Put(name, []byte(text)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	equal(t, "third site", site(t, dest), want)
	if _, err := os.Stat(filepath.Join(dest, "en/gone")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder en/gone is left (%v)", err)
	}
}

// TestWriteFileRefusesPipe: writing over a pipe in a reused folder fails
// at once (Put then clears the way), neither blocking nor writing into it.
func TestWriteFileRefusesPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.html")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(p, []byte("page"), true); err == nil {
		t.Error("wrote over a pipe")
	}
}
