package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/layouts"
)

// TestThemeCopy: a trainer with only the binary gets the theme's file to
// change, in the place that overrides it, and the build uses the copy. A
// copy is never overwritten, and a misspelt name is a usage error with the
// nearest file.
func TestThemeCopy(t *testing.T) {
	code, stdout, stderr := runCommand(t, "theme", "list")
	if code != 0 || !strings.Contains(stdout, "partials/footer.html") || strings.Contains(stdout, "livereload") {
		t.Fatalf("theme list: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if name, what, _ := strings.Cut(line, "  "); strings.TrimSpace(what) == "" {
			t.Errorf("theme list: %s is not described", name)
		}
	}

	dir := newCourse(t, "course")
	code, stdout, stderr = runCommand(t, "theme", "copy", "-s", dir, "layouts/partials/footer.html")
	if code != 0 {
		t.Fatalf("theme copy: exit %d\n%s%s", code, stdout, stderr)
	}
	copied := filepath.Join(dir, "layouts", "partials", "footer.html")
	theirs, err := layouts.FS.ReadFile("partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(copied); err != nil || string(got) != string(theirs) {
		t.Fatalf("the copy is not the theme's file: %v", err)
	}
	mine := "<footer class=\"site-footer\"><p>OUR-OWN-FOOTER</p></footer>\n"
	if err := os.WriteFile(copied, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCommand(t, "theme", "copy", "-s", dir, "partials/footer.html"); code != 1 || !strings.Contains(stderr, "is already in your course") {
		t.Errorf("copying over a copy: exit %d\n%s%s", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(copied); string(got) != mine {
		t.Error("the trainer's copy was overwritten")
	}
	if code, _, stderr := runCommand(t, "theme", "copy", "-s", dir, "partials/footr.html"); code != 2 || !strings.Contains(stderr, `did you mean "partials/footer.html"?`) {
		t.Errorf("a misspelt file: exit %d\n%s", code, stderr)
	}
	if code, stdout, stderr := runCommand(t, "build", "-s", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	home, err := os.ReadFile(filepath.Join(dir, "public", "en", "index.html"))
	if err != nil || !strings.Contains(string(home), "OUR-OWN-FOOTER") {
		t.Errorf("the build does not use the course's copy: %v", err)
	}
}
