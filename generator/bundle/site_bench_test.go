package bundle

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanSite scans every file of a built offline site, as a
// bundle's self-check does: set FIELDGUIDE_BENCH_SITE to its folder (an
// unzipped bundle of the benchmark course, say).
func BenchmarkScanSite(b *testing.B) {
	dir := os.Getenv("FIELDGUIDE_BENCH_SITE")
	if dir == "" {
		b.Skip("FIELDGUIDE_BENCH_SITE is not set")
	}
	var files []File
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, File{filepath.ToSlash(rel), data})
		total += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			scanFile(f.Path, f.Data)
		}
	}
}
