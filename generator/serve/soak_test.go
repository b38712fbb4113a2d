package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSoak makes 1,000 edits in a row, valid and broken alternately, and
// checks that the server keeps answering, that its memory stays flat, and
// that it ends serving what a clean build gives. It is long, so it runs
// only with FIELDGUIDE_SOAK=1:
//
//	FIELDGUIDE_SOAK=1 go test -run TestSoak -v ./generator/serve/
//
// With FIELDGUIDE_SOAK_COURSE=DIR it edits that course instead of the
// test course (its lessons are restored at the end), for instance the
// benchmark course from ../shared/bench/gencorpus.py.
func TestSoak(t *testing.T) {
	if os.Getenv("FIELDGUIDE_SOAK") != "1" || testing.Short() {
		t.Skip("set FIELDGUIDE_SOAK=1 to run the soak test")
	}
	edits := 1000
	if n, err := strconv.Atoi(os.Getenv("FIELDGUIDE_SOAK_EDITS")); err == nil && n > 0 {
		edits = n
	}
	dir := os.Getenv("FIELDGUIDE_SOAK_COURSE")
	var lessons []string
	if dir == "" {
		dir = writeCourse(t)
		lessons = []string{"content/en/m1/next.md", "content/en/m2/indicators.md", "content/fr/m1/intro.md", "content/ar/m1/intro.md"}
	} else {
		for _, l := range []string{"en/module-003/lesson-010.md", "fr/module-007/lesson-023.md", "zh/module-012/lesson-040.md", "ar/module-019/lesson-001.md"} {
			lessons = append(lessons, "content/"+l)
		}
	}
	originals := map[string]string{}
	for _, l := range lessons {
		originals[l] = readFile(t, dir, l)
	}
	t.Cleanup(func() {
		for l, text := range originals {
			writeFile(t, dir, l, text)
		}
		os.Remove(filepath.Join(dir, "content/en/soak-extra.md"))
	})

	var log Options
	if os.Getenv("FIELDGUIDE_SOAK_LOG") == "" {
		log.Log = discardAfterStart{}
	}
	s := startServer(t, dir, log)
	settle(t, s)
	ev := openEvents(t, s)
	ev.expect("hello")
	before := memory()
	t.Logf("before: %s", before)

	start := time.Now()
	var slowest time.Duration
	good := map[string]string{} // each lesson's last valid text
	for l, text := range originals {
		good[l] = text
	}
	for i := range edits {
		// Edits go in pairs on one lesson: a valid one, then a broken one;
		// the next pair's valid edit also repairs the lesson broken last.
		l := lessons[(i/2)%len(lessons)]
		text := originals[l] + fmt.Sprintf("\n\nSoak edit %d.\n", i)
		broken := i%2 == 1
		if broken {
			// An unclosed list in the title: a YAML error.
			text = strings.Replace(text, "title: ", "title: [", 1)
		} else {
			if prev := lessons[(max(i-1, 0)/2)%len(lessons)]; i > 0 && prev != l {
				writeFile(t, dir, prev, good[prev])
			}
			good[l] = text
		}
		t0 := time.Now()
		writeFile(t, dir, l, text)
		if i%100 == 50 {
			// Now and then a page comes and goes, which changes the tree.
			if _, err := os.Stat(filepath.Join(dir, "content/en/soak-extra.md")); err == nil {
				os.Remove(filepath.Join(dir, "content/en/soak-extra.md"))
			} else {
				writeFile(t, dir, "content/en/soak-extra.md", "---\ntitle: Extra\n---\nExtra page.\n")
			}
		}
		want := "reload"
		if broken {
			want = "errors"
		}
		for {
			if os.Getenv("FIELDGUIDE_SOAK_LOG") != "" {
				t.Logf("edit %d: waiting for %s", i, want)
			}
			e := ev.next()
			if e.name == want {
				break
			}
			if e.name != "reload" && e.name != "errors" && e.name != "ok" && e.name != "css" {
				t.Fatalf("edit %d: event %s", i, e.name)
			}
		}
		slowest = max(slowest, time.Since(t0))
		if i%25 == 0 {
			resp, page := get(t, s, "/"+strings.TrimSuffix(strings.TrimPrefix(l, "content/"), ".md")+"/")
			if resp.StatusCode != 200 {
				t.Fatalf("edit %d: status %d", i, resp.StatusCode)
			}
			last := i
			if broken {
				last = i - 1 // the last good version
			}
			if !strings.Contains(page, fmt.Sprintf("Soak edit %d.", last)) && last >= 0 {
				t.Fatalf("edit %d: the page does not show edit %d", i, last)
			}
		}
	}
	elapsed := time.Since(start)
	// The last edit was broken: repair it and let everything settle.
	last := lessons[((edits-1)/2)%len(lessons)]
	writeFile(t, dir, last, good[last])
	settle(t, s)
	matchesCleanBuild(t, s)
	after := memory()
	t.Logf("after %d edits in %s (slowest edit to event %s): %s", edits, elapsed.Round(time.Millisecond), slowest.Round(time.Millisecond), after)
	if after.heap > before.heap*13/10+8<<20 {
		t.Errorf("live heap grew from %d MB to %d MB", before.heap>>20, after.heap>>20)
	}
}

// discardAfterStart keeps a thousand rebuild lines out of the test log.
type discardAfterStart struct{}

func (discardAfterStart) Write(p []byte) (int, error) { return len(p), nil }

type memStats struct {
	rss, heap uint64
}

func (m memStats) String() string {
	return fmt.Sprintf("RSS %d MB, live heap %d MB", m.rss>>20, m.heap>>20)
}

// memory measures after a full collection: the live heap, and the
// resident set size the kernel reports.
func memory() memStats {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m := memStats{heap: ms.HeapAlloc}
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				m.rss = kb << 10
			}
		}
	}
	return m
}
