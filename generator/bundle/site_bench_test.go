package bundle

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// siteFiles reads every file of the built site in FIELDGUIDE_BENCH_SITE
// (an unzipped bundle of the benchmark course, say), or skips b.
func siteFiles(b *testing.B) (files []File, total int64) {
	dir := os.Getenv("FIELDGUIDE_BENCH_SITE")
	if dir == "" {
		b.Skip("FIELDGUIDE_BENCH_SITE is not set")
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != ManifestName {
			files = append(files, File{filepath.ToSlash(rel), data})
			total += int64(len(data))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return files, total
}

// BenchmarkScanSite scans every file of a built site, as a bundle's
// self-check does.
func BenchmarkScanSite(b *testing.B) {
	files, total := siteFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			scanFile(f.Path, f.Data)
		}
	}
}

// BenchmarkCollectSite does a bundle's own work on every file of a built
// site: Put on every core into a Collector that spills, as the bundle
// command's, then SelfCheck and Write.
func BenchmarkCollectSite(b *testing.B) {
	files, total := siteFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	m := Manifest{Title: "x", Languages: []string{"en"}, Audience: "participant", Version: "x", Built: time.Unix(1e9, 0)}
	for b.Loop() {
		c := NewCollector()
		if err := c.Spill(b.TempDir()); err != nil {
			b.Fatal(err)
		}
		next := make(chan File)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for f := range next {
					if err := c.Put(f.Path, f.Data); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, f := range files {
			next <- f
		}
		close(next)
		wg.Wait()
		if _, _, err := c.SelfCheck(); err != nil {
			b.Fatal(err)
		}
		if err := c.Write(io.Discard, m, nil); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}
