package output

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far: on a shared
// machine, steadier than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkDirPut writes a site of 1,000 pages of 40 kB, each in its own
// folder under one of 20 modules, as a build does: into a fresh working
// folder, and into a reused one (the previous build's site) with the same
// pages or with every page changed.
func BenchmarkDirPut(b *testing.B) {
	page := make([]byte, 40<<10)
	for _, mode := range []string{"fresh", "reused-same", "reused-changed"} {
		b.Run(mode, func(b *testing.B) {
			root := b.TempDir()
			src, dest := filepath.Join(root, "course"), filepath.Join(root, "public")
			if err := os.Mkdir(src, 0o755); err != nil {
				b.Fatal(err)
			}
			builds := 0
			put := func() {
				builds++
				if mode == "reused-changed" {
					page[0] = byte(builds) // differs from the spare's, two builds back
				}
				d, err := NewDir(src, dest)
				if err != nil {
					b.Fatal(err)
				}
				d.Audience = "participant"
				for m := range 20 {
					if err := d.Put(fmt.Sprintf("en/m%d/index.html", m), page); err != nil {
						b.Fatal(err)
					}
					for l := range 50 {
						if err := d.Put(fmt.Sprintf("en/m%d/l%d/index.html", m, l), page); err != nil {
							b.Fatal(err)
						}
					}
				}
				if err := d.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			// Twice: the third build is the first to find a spare.
			put()
			put()
			b.ResetTimer()
			var cpu time.Duration
			for range b.N {
				if mode == "fresh" {
					b.StopTimer()
					os.RemoveAll(dest)
					os.RemoveAll(sparePath(dest))
					os.Remove(audiencePath(dest))
					b.StartTimer()
				}
				t := cpuTime()
				put()
				cpu += cpuTime() - t
			}
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}
