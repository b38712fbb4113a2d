package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/output"
	"golang.org/x/tools/txtar"
)

// waitFor bounds every wait in these tests; the machines they run on are
// shared, so it is generous.
const waitFor = 30 * time.Second

// writeCourse writes testdata/course.txtar into a new folder.
func writeCourse(t testing.TB) string {
	t.Helper()
	archive, err := os.ReadFile("testdata/course.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range txtar.Parse(archive).Files {
		writeFile(t, dir, f.Name, string(f.Data))
	}
	return dir
}

func writeFile(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func replaceIn(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	text := readFile(t, dir, rel)
	if !strings.Contains(text, old) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	writeFile(t, dir, rel, strings.Replace(text, old, new, 1))
}

// startServer serves a course folder on a free loopback port.
func startServer(t testing.TB, dir string, opts Options) *Server {
	t.Helper()
	opts.Source = dir
	if opts.Idle == 0 {
		opts.Idle = 100 * time.Millisecond // tests wait for the search index
	}
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	s, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// testLog shows the server's terminal output in the test's log.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Helper()
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// get fetches a URL path of the server.
func get(t testing.TB, s *Server, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(s.URL(), "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// sse reads a server's event stream.
type sse struct {
	t      testing.TB
	events chan sseEvent
	cancel context.CancelFunc
}

type sseEvent struct {
	name string
	data string
}

func (e sseEvent) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(e.data), &m); err != nil {
		t.Fatalf("event %s: %v in %q", e.name, err, e.data)
	}
	return m
}

func openEvents(t testing.TB, s *Server) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"__fieldguide/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		cancel()
		t.Fatalf("events Content-Type %q", ct)
	}
	c := &sse{t: t, events: make(chan sseEvent, 64), cancel: cancel}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(c.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					c.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(func() { cancel(); wg.Wait() })
	return c
}

// next returns the next event, failing after waitFor.
func (c *sse) next() sseEvent {
	c.t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			c.t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(waitFor):
		c.t.Fatal("no event")
	}
	return sseEvent{}
}

// expect returns the next event, which must be one of names.
func (c *sse) expect(names ...string) sseEvent {
	c.t.Helper()
	ev := c.next()
	if !slices.Contains(names, ev.name) {
		c.t.Fatalf("got event %s (%s), want %v", ev.name, ev.data, names)
	}
	return ev
}

// quiet checks that no event comes for a while.
func (c *sse) quiet(d time.Duration) {
	c.t.Helper()
	select {
	case ev := <-c.events:
		c.t.Fatalf("unexpected event %s (%s)", ev.name, ev.data)
	case <-time.After(d):
	}
}

// settle waits until the server has nothing left to do.
func settle(t testing.TB, s *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := s.Settle(ctx); err != nil {
		t.Fatal(err)
	}
}

// matchesCleanBuild checks that the server serves, byte for byte, what a
// clean build of the course gives.
func matchesCleanBuild(t testing.TB, s *Server) {
	t.Helper()
	mem := output.NewMemory()
	opts := s.opts.Build
	opts.FS = os.DirFS(s.opts.Source)
	if _, err := build.Build(context.Background(), opts, mem); err != nil {
		t.Fatalf("clean build: %v", err)
	}
	out := s.Output()
	if out == nil {
		t.Fatal("nothing served")
	}
	var names []string
	for n := range out.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	if want := mem.Names(); !slices.Equal(names, want) {
		t.Fatalf("served files differ from a clean build:\nserved %d: %v\nclean %d: %v", len(names), names, len(want), want)
	}
	for _, n := range names {
		want, _ := mem.Get(n)
		if !bytes.Equal(out.Files[n], want) {
			t.Errorf("%s differs from a clean build", n)
		}
	}
}
