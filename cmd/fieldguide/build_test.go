package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBuildStopsOnSIGTERM: a cancelled CI job sends SIGTERM; the build
// stops, removes its working folder and leaves the destination as it was.
func TestBuildStopsOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "content/en/_index.md"), []byte("Welcome.\n"))
	para := strings.Repeat("Officers note indicators of coercion and refer people to support. ", 40)
	for m := range 12 {
		writeTestFile(t, filepath.Join(dir, fmt.Sprintf("content/en/m%d/_index.md", m)), []byte("Module.\n"))
		for l := range 80 {
			writeTestFile(t, filepath.Join(dir, fmt.Sprintf("content/en/m%d/l%d.md", m, l)),
				[]byte(fmt.Sprintf("# Lesson %d\n\n## Part\n\n%s\n\n## Other\n\n%s\n", l, para, para)))
		}
	}
	dest := filepath.Join(dir, "public")
	// The test's own handler keeps a signal that comes after the build
	// from ending the test binary.
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGTERM)
	defer signal.Stop(caught)
	done := make(chan string)
	go func() {
		_, _, stderr := runCommand(t, "build", "-s", dir, "-d", dest)
		done <- stderr
	}()
	time.Sleep(150 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	stderr := <-done
	if !strings.Contains(stderr, "stopped; nothing was written to "+dest) {
		if after := time.Since(sent); after > 300*time.Millisecond {
			t.Fatalf("the build went on for %v after SIGTERM: %s", after, stderr)
		}
		t.Skipf("the build ended before the signal came: %s", stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "content" {
			t.Errorf("a stopped build left %s", e.Name())
		}
	}
}

// TestBuildNamesTheTrainerEdition: a trainer build says, after its
// summary, that the folder holds trainer notes; a participant build does
// not.
func TestBuildNamesTheTrainerEdition(t *testing.T) {
	dir := newCourse(t, "course")
	for audience, want := range map[string]bool{"trainer": true, "participant": false} {
		code, stdout, stderr := runCommand(t, "build", "-s", dir, "--audience", audience)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", audience, code, stdout, stderr)
		}
		if got := strings.Contains(stderr, "TRAINER edition, with trainer notes"); got != want {
			t.Errorf("%s: notice %v, want %v\n%s", audience, got, want, stderr)
		}
		// Nor asked of search engines to list.
		robots, _ := os.ReadFile(filepath.Join(dir, "public", "robots.txt"))
		if got := strings.Contains(string(robots), "Disallow: /\n"); got != want {
			t.Errorf("%s: robots.txt disallows all: %v, want %v\n%s", audience, got, want, robots)
		}
		for _, page := range []string{"index.html", "en/index.html"} {
			html, err := os.ReadFile(filepath.Join(dir, "public", page))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(html), `<meta name="robots" content="noindex, nofollow">`); got != want {
				t.Errorf("%s: %s says noindex: %v, want %v", audience, page, got, want)
			}
		}
	}
}

// TestNoCourseSaysWhereItIs: fieldguide run outside a course, or given -s
// a folder that is not one, says where the course probably is, named as
// the shell reads it from the working folder.
func TestNoCourseSaysWhereItIs(t *testing.T) {
	root := t.TempDir()
	course := filepath.Join(root, "my course")
	if err := os.MkdirAll(filepath.Join(course, "content", "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	for _, tc := range []struct{ cwd, dir, want string }{
		{filepath.Join(course, "content", "en"), ".", "the course is " + course + ": cd ../.. first, or add -s ../.."},
		{course, "content/en", "the course is this folder: leave out -s"},
		{root, ".", "the course is " + course + `: cd "my course" first, or add -s "my course"`},
		{empty, root, "the course is " + course + ": cd " + shellQuote(filepath.Join("..", filepath.Base(root), "my course"))},
		{empty, ".", "go to your course's folder first (cd my-course), or name it with -s my-course"},
	} {
		t.Chdir(tc.cwd)
		err := noCourse(tc.dir)
		if err == nil || !strings.Contains(err.Error(), "is not a course: it has no content/ folder; "+tc.want) {
			t.Errorf("in %s, -s %s: %v\nwant …%s", tc.cwd, tc.dir, err, tc.want)
		}
	}
}

// TestBuildBaseURLNeedsItsScheme: --baseURL example.org/x/ would be
// written into every canonical link and the sitemap as a relative link;
// it is a usage error saying what to write, and a good one is escaped.
func TestBuildBaseURLNeedsItsScheme(t *testing.T) {
	dir := newCourse(t, "course")
	code, _, stderr := runCommand(t, "build", "-s", dir, "--baseURL", "example.org/safe-recruitment/")
	if want := "write --baseURL https://example.org/safe-recruitment/"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 2 and %q:\n%s", code, want, stderr)
	}
	code, stdout, stderr := runCommand(t, "build", "-s", dir, "--baseURL", "https://example.org/safe recruitment")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	sitemap, err := os.ReadFile(filepath.Join(dir, "public", "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sitemap), "<loc>https://example.org/safe%20recruitment/") {
		t.Errorf("the sitemap's URLs are not under the escaped baseURL:\n%s", sitemap)
	}
}
