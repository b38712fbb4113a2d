package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/fieldguide/fieldguide/generator/output"
)

// BenchmarkBuildCorpus builds the benchmark course from
// ../shared/bench/gencorpus.py (20 modules × 50 lessons × 4 languages,
// 4,084 pages) into memory. It is skipped when Python or the generator is
// not available.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := corpus(b, "20", "50")
	b.ResetTimer()
	for range b.N {
		if _, err := Build(context.Background(), Options{FS: os.DirFS(dir)}, output.NewMemory()); err != nil {
			b.Fatal(err)
		}
	}
}

func corpus(b *testing.B, modules, lessons string) string {
	b.Helper()
	gen, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("gencorpus.py not found")
	}
	dir := filepath.Join(os.TempDir(), "fieldguide-bench-"+modules+"x"+lessons)
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	if out, err := exec.Command("python3", gen, dir, "--modules", modules, "--lessons", lessons).CombinedOutput(); err != nil {
		b.Skipf("gencorpus: %v\n%s", err, out)
	}
	return dir
}
