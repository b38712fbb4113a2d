package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/output"
)

// TestLiveReload edits a served course and follows what a page sees: the
// event stream and the pages, through a good edit, a broken one (the last
// good page stays, the errors come with their source lines) and its fix.
func TestLiveReload(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{})
	settle(t, s)
	ev := openEvents(t, s)
	hello := ev.expect("hello").json(t)
	if hello["hasSite"] != true || len(hello["errors"].([]any)) != 0 || hello["instance"] == "" {
		t.Fatalf("hello: %v", hello)
	}
	version := hello["version"].(float64)

	replaceIn(t, dir, "content/en/m1/next.md", "Try the scenario.", "Try the scenario with a partner.")
	r := ev.expect("reload").json(t)
	if r["version"].(float64) != version+1 {
		t.Errorf("reload version %v after %v", r["version"], version)
	}
	if _, page := get(t, s, "/en/m1/next/"); !strings.Contains(page, "with a partner") {
		t.Error("the edit is not served")
	}

	// A broken front matter: the page stays as it was and the errors say
	// where, with the source lines.
	replaceIn(t, dir, "content/en/m1/next.md", "title: Next steps", "title: [Next steps")
	e := ev.expect("errors").json(t)
	errs := e["errors"].([]any)
	if len(errs) == 0 {
		t.Fatal("no errors in the errors event")
	}
	first := errs[0].(map[string]any)
	// The YAML parser notices the missing ']' on the line after.
	if line := first["line"].(float64); first["file"] != "content/en/m1/next.md" || line < 2 || line > 3 || first["col"].(float64) < 1 {
		t.Errorf("error position: %v", first)
	}
	excerpt, _ := first["excerpt"].([]any)
	if len(excerpt) == 0 || !strings.Contains(fmt.Sprint(excerpt), "title: [Next steps") {
		t.Errorf("error excerpt: %v", excerpt)
	}
	if e["hasSite"] != true {
		t.Error("the last good site should still be served")
	}
	if _, page := get(t, s, "/en/m1/next/"); !strings.Contains(page, "with a partner") || !strings.Contains(page, "Next steps") {
		t.Error("the last good page is not served any more")
	}
	// A page opened now learns the errors from hello.
	late := openEvents(t, s)
	if h := late.expect("hello").json(t); len(h["errors"].([]any)) == 0 {
		t.Error("hello of a page opened during a failure lacks the errors")
	}

	replaceIn(t, dir, "content/en/m1/next.md", "title: [Next steps", "title: Steps that follow")
	ev.expect("reload")
	late.expect("reload")
	if _, page := get(t, s, "/en/m1/next/"); !strings.Contains(page, "Steps that follow") {
		t.Error("the fixed page is not served")
	}
	if h := openEvents(t, s).expect("hello").json(t); len(h["errors"].([]any)) != 0 {
		t.Errorf("errors remain after the fix: %v", h["errors"])
	}
	settle(t, s)
	matchesCleanBuild(t, s)
}

// TestStylesheetOnlyChange checks that a stylesheet edit is announced as
// such, with the old and new names, so pages swap it without reloading.
func TestStylesheetOnlyChange(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{})
	settle(t, s)
	ev := openEvents(t, s)
	ev.expect("hello")

	replaceIn(t, dir, "static/css/extra.css", "red", "green")
	m := ev.expect("css").json(t)
	if fmt.Sprint(m["changed"]) != "[css/extra.css]" {
		t.Errorf("static stylesheet change: %v", m)
	}

	writeFile(t, dir, "layouts/assets/css/90-course.css", ".course { color: teal; }\n")
	m = ev.expect("css", "reload").json(t)
	removed, _ := m["removed"].([]any)
	changed, _ := m["changed"].([]any)
	if len(removed) != 1 || len(changed) != 1 || !strings.HasPrefix(removed[0].(string), "assets/fieldguide.") ||
		!strings.HasPrefix(changed[0].(string), "assets/fieldguide.") || removed[0] == changed[0] {
		t.Errorf("theme stylesheet change: %v", m)
	}
	// Pages link to the new stylesheet.
	if _, page := get(t, s, "/en/m1/intro/"); !strings.Contains(page, changed[0].(string)) {
		t.Error("pages do not link to the new stylesheet")
	}
	settle(t, s)
	matchesCleanBuild(t, s)
}

// TestWatchesNewFoldersAndRenames creates nested folders after the start,
// renames and deletes them: fsnotify watches one folder at a time.
func TestWatchesNewFoldersAndRenames(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{})
	settle(t, s)
	ev := openEvents(t, s)
	ev.expect("hello")

	// Made as `mkdir -p` and an editor would: folders first, files after.
	if err := os.MkdirAll(filepath.Join(dir, "content/en/m3/deep/deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/en/m3/_index.md", "---\ntitle: Support\nweight: 3\n---\nModule three.\n")
	writeFile(t, dir, "content/en/m3/deep/deeper/lesson.md", "---\ntitle: Deep lesson\n---\nFirst version.\n")
	waitForPage(t, s, "/en/m3/deep/deeper/lesson/", "First version.")
	// The new folder is watched: editing inside it is seen.
	replaceIn(t, dir, "content/en/m3/deep/deeper/lesson.md", "First version.", "Second version.")
	waitForPage(t, s, "/en/m3/deep/deeper/lesson/", "Second version.")

	// A renamed folder: the old URL goes, the new one comes, and its
	// folders keep being watched under their new names.
	if err := os.Rename(filepath.Join(dir, "content/en/m3"), filepath.Join(dir, "content/en/support")); err != nil {
		t.Fatal(err)
	}
	waitForPage(t, s, "/en/support/deep/deeper/lesson/", "Second version.")
	replaceIn(t, dir, "content/en/support/deep/deeper/lesson.md", "Second version.", "Third version.")
	waitForPage(t, s, "/en/support/deep/deeper/lesson/", "Third version.")
	if resp, _ := get(t, s, "/en/m3/deep/deeper/lesson/"); resp.StatusCode != 404 {
		t.Errorf("old URL after the rename: %d", resp.StatusCode)
	}

	if err := os.RemoveAll(filepath.Join(dir, "content/en/support")); err != nil {
		t.Fatal(err)
	}
	waitForStatus(t, s, "/en/support/", 404)
	settle(t, s)
	matchesCleanBuild(t, s)
}

// TestEditorSaveIsOneRebuild saves a file the way vim does (a probe file,
// a backup by rename, the new file, the backup deleted) and expects one
// reload, not one per step.
func TestEditorSaveIsOneRebuild(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{Debounce: 30 * time.Millisecond})
	settle(t, s)
	ev := openEvents(t, s)
	ev.expect("hello")

	rel := "content/en/m1/next.md"
	p := filepath.Join(dir, rel)
	text := strings.Replace(readFile(t, dir, rel), "Keep notes short.", "Keep notes short and factual.", 1)
	writeFile(t, dir, "content/en/m1/4913", "")
	os.Remove(filepath.Join(dir, "content/en/m1/4913"))
	writeFile(t, dir, "content/en/m1/.next.md.swp", "swap")
	if err := os.Rename(p, p+"~"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	// Several writes for one save.
	for _, part := range strings.SplitAfter(text, "\n") {
		f.WriteString(part)
	}
	f.Close()
	os.Remove(p + "~")
	os.Remove(filepath.Join(dir, "content/en/m1/.next.md.swp"))

	ev.expect("reload")
	ev.quiet(600 * time.Millisecond)
	if _, page := get(t, s, "/en/m1/next/"); !strings.Contains(page, "short and factual") {
		t.Error("the save is not served")
	}
	settle(t, s)
	matchesCleanBuild(t, s)
}

// TestBurstOfEditsEndsEqualToCleanBuild saves many times in quick
// succession, so rebuilds are cancelled and restarted; what is served in
// the end is still what a clean build gives.
func TestBurstOfEditsEndsEqualToCleanBuild(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{Debounce: time.Millisecond})
	settle(t, s)
	for i := range 30 {
		writeFile(t, dir, "content/en/m1/next.md", fmt.Sprintf("---\ntitle: Next %d\nweight: %d\n---\nEdit %d.\n", i, i%3+1, i))
		if i%7 == 0 {
			writeFile(t, dir, fmt.Sprintf("content/en/m2/extra-%d.md", i), "---\ntitle: Extra\n---\nMore.\n")
		}
		time.Sleep(time.Duration(i%4) * time.Millisecond)
	}
	waitForPage(t, s, "/en/m1/next/", "Edit 29.")
	settle(t, s)
	matchesCleanBuild(t, s)
}

// TestScanFindsWhatTheWatcherMissed changes a file behind the watcher's
// back (in a folder the server does not watch, moved in): the idle
// comparison with the disk finds it.
func TestScanFindsWhatTheWatcherMissed(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{ScanEvery: 200 * time.Millisecond})
	settle(t, s)
	// Stop watching, as if the kernel's queue had overflowed.
	for _, w := range s.watch.fsw.WatchList() {
		_ = s.watch.fsw.Remove(w)
	}
	replaceIn(t, dir, "content/en/m1/intro.md", "An act, a means and a purpose.", "Found by the scan.")
	waitForPage(t, s, "/en/m1/intro/", "Found by the scan.")
}

// TestWritesWithWrite checks --write: after each good build the
// destination folder is what ` + "`fieldguide build`" + ` writes, with the course's
// own baseURL rather than the preview's address, and the last save is
// written before the server stops.
func TestWritesWithWrite(t *testing.T) {
	dir := writeCourse(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := startServer(t, dir, Options{Write: dest})
	settle(t, s)
	replaceIn(t, dir, "content/en/m1/next.md", "Try the scenario.", "Written out.")
	waitForPage(t, s, "/en/m1/next/", "Written out.")
	settle(t, s)
	built := func() map[string][]byte {
		t.Helper()
		mem := output.NewMemory()
		if _, err := build.Build(context.Background(), build.Options{FS: os.DirFS(dir)}, mem); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, n := range mem.Names() {
			files[n], _ = mem.Get(n)
		}
		return files
	}
	same := func(got, want map[string][]byte) (differ []string) {
		for n, data := range want {
			if string(got[n]) != string(data) {
				differ = append(differ, n)
			}
		}
		for n := range got {
			if _, ok := want[n]; !ok {
				differ = append(differ, n)
			}
		}
		return differ
	}
	want := built()
	if !strings.Contains(string(want["sitemap.xml"]), "https://example.org/guide/") {
		t.Fatal("the fixture's baseURL is not in the build's sitemap")
	}
	// The write lands after the build is served: poll until the folder is
	// the build, and name the differences if it never is.
	deadline := time.Now().Add(waitFor)
	for {
		got, err := output.ReadDir(dest)
		differ := same(got, want)
		if err == nil && len(differ) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("destination is not what a build writes (err %v); differing: %v", err, differ)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("the course's own public/ was written")
	}
	// A save just before stopping is written before Close returns.
	replaceIn(t, dir, "content/en/m1/next.md", "Written out.", "Saved at the last moment.")
	waitForPage(t, s, "/en/m1/next/", "Saved at the last moment.")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := output.ReadDir(dest)
	if differ := same(got, built()); err != nil || len(differ) > 0 {
		t.Errorf("after Close the destination is not the last build (err %v); differing: %v", err, differ)
	}
}

// TestMemoryOnlyByDefault checks that serving writes nothing into the course.
func TestMemoryOnlyByDefault(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{})
	settle(t, s)
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ exists: %v", err)
	}
}

// TestFirstBuildFails serves a course that does not build: pages show
// the errors, and the site once fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := writeCourse(t)
	replaceIn(t, dir, "content/en/m1/next.md", "a referral.", "a [referral](missing.md).")
	s := startServer(t, dir, Options{})
	resp, page := get(t, s, "/en/m1/next/")
	if resp.StatusCode != 503 || !strings.Contains(page, "/__fieldguide/livereload.js") {
		t.Fatalf("before any good build: %d\n%s", resp.StatusCode, page)
	}
	ev := openEvents(t, s)
	h := ev.expect("hello").json(t)
	if h["hasSite"] != false || len(h["errors"].([]any)) == 0 {
		t.Fatalf("hello: %v", h)
	}
	replaceIn(t, dir, "content/en/m1/next.md", "[referral](missing.md)", "referral")
	ev.expect("reload")
	if resp, _ := get(t, s, "/en/m1/next/"); resp.StatusCode != 200 {
		t.Errorf("after the fix: %d", resp.StatusCode)
	}
}

// TestRestartIsNoticed checks what lets a page reload after the server
// restarts: each server has its own instance, given in hello.
func TestRestartIsNoticed(t *testing.T) {
	dir := writeCourse(t)
	a := startServer(t, dir, Options{})
	ha := openEvents(t, a).expect("hello").json(t)
	port := a.ln.Addr().(*net.TCPAddr).Port
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := startServer(t, dir, Options{Port: port, Ports: 1})
	hb := openEvents(t, b).expect("hello").json(t)
	if ha["instance"] == hb["instance"] {
		t.Error("a restarted server has the same instance")
	}
	if b.URL() != a.URL() {
		t.Errorf("restarted on %s, was %s", b.URL(), a.URL())
	}
}

// TestTakenPortMovesOn occupies a port and expects the next one, said so.
func TestTakenPortMovesOn(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := ln.Addr().(*net.TCPAddr).Port
	var log strings.Builder
	dir := writeCourse(t)
	s := startServer(t, dir, Options{Port: taken, Log: &log})
	got := s.ln.Addr().(*net.TCPAddr).Port
	if got == taken || got > taken+20 {
		t.Errorf("listening on %d, the taken port was %d", got, taken)
	}
	if want := fmt.Sprintf("Port %d is in use; serving on port %d instead.", taken, got); !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
	if !strings.HasSuffix(s.URL(), ":"+strconv.Itoa(got)+"/") {
		t.Errorf("URL %s", s.URL())
	}
}

// TestLoopbackByDefault checks the default address and the warning for
// any other.
func TestLoopbackByDefault(t *testing.T) {
	dir := writeCourse(t)
	var quiet strings.Builder
	s := startServer(t, dir, Options{Log: &quiet})
	if host, _, _ := net.SplitHostPort(s.ln.Addr().String()); host != "127.0.0.1" {
		t.Errorf("listening on %s", host)
	}
	if strings.Contains(quiet.String(), "Warning") {
		t.Errorf("warning on loopback:\n%s", quiet.String())
	}
	var loud strings.Builder
	startServer(t, dir, Options{Bind: "0.0.0.0", Log: &loud, Build: s.opts.Build})
	if !strings.Contains(loud.String(), "anyone on your network") {
		t.Errorf("no warning for 0.0.0.0:\n%s", loud.String())
	}
	for host, want := range map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "0.0.0.0": false, "192.168.1.2": false} {
		if isLoopback(host) != want {
			t.Errorf("isLoopback(%s) != %v", host, want)
		}
	}
}

func waitForPage(t *testing.T, s *Server, path, text string) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		resp, page := get(t, s, path)
		if resp.StatusCode == 200 && strings.Contains(page, text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q (status %d)", path, text, resp.StatusCode)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func waitForStatus(t *testing.T, s *Server, path string, status int) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		resp, _ := get(t, s, path)
		if resp.StatusCode == status {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: status %d, want %d", path, resp.StatusCode, status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestHalfSavesAreNotBuilt: editors save by emptying a file and writing
// it, or by moving it aside and moving the new one in. The state between
// the two steps (an empty lesson, links to a missing one) is not built:
// one save, one reload, no errors on the way.
func TestHalfSavesAreNotBuilt(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{})
	settle(t, s)
	ev := openEvents(t, s)
	ev.expect("hello")
	file := filepath.Join(dir, "content/en/m1/next.md")
	text := readFile(t, dir, "content/en/m1/next.md")

	// Truncate, then write.
	if err := os.Truncate(file, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(40 * time.Millisecond)
	if err := os.WriteFile(file, []byte(strings.Replace(text, "Try the scenario.", "Saved in two steps.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ev.expect("reload")
	ev.quiet(400 * time.Millisecond)
	if _, page := get(t, s, "/en/m1/next/"); !strings.Contains(page, "Saved in two steps.") {
		t.Error("the save is not served")
	}

	// Move aside, then move the new file in (JetBrains' safe write).
	if err := os.Rename(file, file+"___jb_old___"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
	if err := os.WriteFile(file+"___jb_tmp___", []byte(strings.Replace(text, "Try the scenario.", "Saved aside.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(file+"___jb_tmp___", file); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(file + "___jb_old___"); err != nil {
		t.Fatal(err)
	}
	ev.expect("reload")
	ev.quiet(400 * time.Millisecond)
}

// TestTerminalWords: the terminal names the file a trainer saved, not the
// swap file their editor wrote beside it; times read as 45ms or 1.55s; and
// when a save fixes the last warning, the terminal says so, or the last
// warnings printed would look current.
func TestTerminalWords(t *testing.T) {
	if got := describeInputs([]string{"content/en/m1/.next.md.swp", "content/en/m1/next.md", "content/en/m1/4913", "content/en/m1/intro.md"}); got != "content/en/m1/next.md and 1 more" {
		t.Errorf("describeInputs: %q", got)
	}
	for d, want := range map[time.Duration]string{1553412 * time.Microsecond: "1.55s", 45312 * time.Microsecond: "45ms"} {
		if got := roundDuration(d).String(); got != want {
			t.Errorf("roundDuration(%v) = %s, want %s", d, got, want)
		}
	}
	dir := writeCourse(t)
	writeFile(t, dir, "content/en/m1/next.md", strings.Replace(readFile(t, dir, "content/en/m1/next.md"), "---\n", "---\ntitel: x\n", 1))
	var out syncBuffer
	s := startServer(t, dir, Options{Debounce: 30 * time.Millisecond, Diagnostics: &out})
	settle(t, s)
	if !strings.Contains(out.String(), `unknown key "titel"`) {
		t.Fatalf("no warning to fix: %q", out.String())
	}
	writeFile(t, dir, "content/en/m1/next.md", strings.Replace(readFile(t, dir, "content/en/m1/next.md"), "titel: x\n", "", 1))
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "No warnings left.") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "No warnings left.") {
		t.Errorf("the fixed warning was not said to be gone:\n%s", out.String())
	}
}

// syncBuffer is a bytes.Buffer the server may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRenamedPageIsFollowed: a lesson renamed while a tab shows it is a
// move, which the reload event names, so that the tab goes to the page's
// new address rather than reload onto "page not found".
func TestRenamedPageIsFollowed(t *testing.T) {
	dir := writeCourse(t)
	s := startServer(t, dir, Options{Debounce: 30 * time.Millisecond})
	settle(t, s)
	ev := openEvents(t, s)
	ev.expect("hello")
	if err := os.Rename(filepath.Join(dir, "content/en/about.md"), filepath.Join(dir, "content/en/about-us.md")); err != nil {
		t.Fatal(err)
	}
	got := ev.expect("reload")
	var m struct {
		Moved map[string]string `json:"moved"`
	}
	if err := json.Unmarshal([]byte(got.data), &m); err != nil {
		t.Fatal(err)
	}
	if m.Moved["/en/about/"] != "/en/about-us/" {
		t.Errorf("reload event %s: want /en/about/ moved to /en/about-us/", got.data)
	}

	// Named in other letters: the paths are escaped, as location.pathname.
	if err := os.Rename(filepath.Join(dir, "content/en/about-us.md"), filepath.Join(dir, "content/en/关于 us.md")); err != nil {
		t.Fatal(err)
	}
	got = ev.expect("reload")
	m.Moved = nil
	if err := json.Unmarshal([]byte(got.data), &m); err != nil {
		t.Fatal(err)
	}
	if want := "/en/%E5%85%B3%E4%BA%8E%20us/"; m.Moved["/en/about-us/"] != want {
		t.Errorf("reload event %s: want /en/about-us/ moved to %s", got.data, want)
	}

	// One page deleted and another written in the same save are no move:
	// the tab on the deleted one must not land on an unrelated page.
	if err := os.Remove(filepath.Join(dir, "content/en/关于 us.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/en/contact.md", "---\ntitle: Contact\n---\nWrite to the course team.\n")
	for {
		got = ev.expect("reload")
		if strings.Contains(got.data, "moved") {
			t.Errorf("a deletion and an unrelated new page taken for a move: %s", got.data)
		}
		if _, page := get(t, s, "/en/contact/"); strings.Contains(page, "course team") {
			break
		}
	}
}

// TestFailedBuildListsErrorsFirst: the overlay of a failed build counts
// its errors in its heading; a warning of an earlier file listed above
// them looked like the cause.
func TestFailedBuildListsErrorsFirst(t *testing.T) {
	u := &build.Update{Err: &diag.Errors{Items: []diag.Diagnostic{
		{File: "content/ar/a.md", Severity: diag.Warning, Message: "a warning"},
		{File: "content/en/b.md", Severity: diag.Error, Message: "the error"},
		{File: "content/fr/c.md", Severity: diag.Warning, Message: "another warning"},
	}}}
	var got []string
	for _, d := range diagnosticsOf(u) {
		got = append(got, d.Message)
	}
	if strings.Join(got, ", ") != "the error, a warning, another warning" {
		t.Errorf("order: %v", got)
	}
}
