package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// serveCourse writes the live-preview tests' course into a new folder.
func serveCourse(t *testing.T) string {
	t.Helper()
	archive, err := os.ReadFile("../../generator/serve/testdata/course.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range txtar.Parse(archive).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// syncBuffer is written by the command while the test reads it.
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

// TestServeCommand runs `fieldguide serve` on a free port, reads a page,
// edits the course, reads the edit, and stops it as Ctrl+C would.
func TestServeCommand(t *testing.T) {
	dir := serveCourse(t)
	var stdout, stderr syncBuffer
	cmd := newServeCmd()
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	cmd.SetArgs([]string{"-s", dir, "--port", "0"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()

	serving := regexp.MustCompile(`Serving the course at (http://127\.0\.0\.1:\d+/)`)
	var url string
	deadline := time.Now().Add(30 * time.Second)
	for url == "" {
		if m := serving.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no URL printed:\n%s\n%s", stdout.String(), stderr.String())
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	page := func() string {
		resp, err := http.Get(url + "en/m1/next/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if p := page(); !strings.Contains(p, "Next steps") || !strings.Contains(p, "/__fieldguide/livereload.js") {
		t.Fatalf("page:\n%s", p)
	}
	next := filepath.Join(dir, "content/en/m1/next.md")
	text, _ := os.ReadFile(next)
	os.WriteFile(next, bytes.Replace(text, []byte("Try the scenario."), []byte("Edited while serving."), 1), 0o644)
	for !strings.Contains(page(), "Edited while serving.") {
		if time.Now().After(deadline) {
			t.Fatal("the edit was not served")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("serve wrote public/ without --write")
	}
}

func TestServeUsageErrors(t *testing.T) {
	dir := serveCourse(t)
	for _, args := range [][]string{
		{"serve", "-s", dir, "--port", "70000"},
		{"serve", "-s", dir, "-d", filepath.Join(dir, "out")},
		{"serve", "-s", filepath.Join(dir, "nowhere")},
		{"serve", "-s", dir, "--audience", "officer"},
		{"serve", "-s", dir, "extra-argument"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr.String())
		}
	}
}
