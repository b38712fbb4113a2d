package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// replayPage is one Indexer.Add of a recorded build: a line of the file
// FIELDGUIDE_SEARCH_DOCS names (by default /dev/shm/c20-docs.jsonl, the
// 20x50 benchmark course's pages in the order its build added them).
type replayPage struct {
	Lang string
	Key  string
	Docs []Doc
}

// replayPages reads the recorded pages, or skips b if there are none.
func replayPages(tb testing.TB) map[string][]replayPage {
	name := os.Getenv("FIELDGUIDE_SEARCH_DOCS")
	if name == "" {
		name = "/dev/shm/c20-docs.jsonl"
	}
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Skipf("no recorded search docs: %v", err)
	}
	pages := map[string][]replayPage{}
	s := bufio.NewScanner(bytes.NewReader(data))
	s.Buffer(nil, 1<<26)
	for s.Scan() {
		var p replayPage
		if err := json.Unmarshal(s.Bytes(), &p); err != nil {
			tb.Fatal(err)
		}
		pages[p.Lang] = append(pages[p.Lang], p)
	}
	return pages
}

// BenchmarkReplay indexes a recorded build's pages, one language at a
// time, in the order the build added them, and writes the index files:
// what a build's indexers do, without the rest of the build.
func BenchmarkReplay(b *testing.B) {
	pages := replayPages(b)
	for _, lang := range []string{"en", "fr", "zh", "ar"} {
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				ix := NewIndexer(lang, Options{})
				for _, p := range pages[lang] {
					ix.Add(p.Key, p.Docs)
				}
				if _, err := ix.Files(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReplayFiles is BenchmarkReplay's Files alone: what the build's
// serial tail waits for, for its last language. The pages are added in
// the order of their keys, as the build adds them now (see searchOrder
// in package build), which the recording predates.
func BenchmarkReplayFiles(b *testing.B) {
	pages := replayPages(b)
	for _, p := range pages {
		slices.SortStableFunc(p, func(x, y replayPage) int { return strings.Compare(x.Key, y.Key) })
	}
	for _, lang := range []string{"en", "fr", "zh", "ar"} {
		for _, offline := range []bool{false, true} {
			name := lang
			if offline {
				name += "-offline"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					ix := NewIndexer(lang, Options{Offline: offline})
					for _, p := range pages[lang] {
						ix.Add(p.Key, p.Docs)
					}
					runtime.GC() // not Add's garbage
					b.StartTimer()
					if _, err := ix.Files(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
