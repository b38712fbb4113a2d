package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
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
