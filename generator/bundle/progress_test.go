package bundle

import (
	"strings"
	"sync"
	"testing"
)

func TestProgressPrinterLines(t *testing.T) {
	tests := []struct {
		name  string
		total int
		want  string
	}{
		{"one line per tenth", 1000, "" +
			"bundle: 0% (0/1000)\n" +
			"bundle: 10% (100/1000)\n" +
			"bundle: 20% (200/1000)\n" +
			"bundle: 30% (300/1000)\n" +
			"bundle: 40% (400/1000)\n" +
			"bundle: 50% (500/1000)\n" +
			"bundle: 60% (600/1000)\n" +
			"bundle: 70% (700/1000)\n" +
			"bundle: 80% (800/1000)\n" +
			"bundle: 90% (900/1000)\n" +
			"bundle: 100% (1000/1000)\n"},
		{"fewer steps than tenths", 3, "" +
			"bundle: 0% (0/3)\n" +
			"bundle: 33% (1/3)\n" +
			"bundle: 66% (2/3)\n" +
			"bundle: 100% (3/3)\n"},
		{"nothing to do", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			p := ProgressPrinter(&b, false)
			for done := 0; done <= tt.total; done++ {
				p(done, tt.total)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestProgressPrinterTerminal(t *testing.T) {
	var b strings.Builder
	p := ProgressPrinter(&b, true)
	for done := 0; done <= 4; done++ {
		p(done, 4)
	}
	p(4, 4) // a repeat draws nothing
	want := "" +
		"\rbundle [                              ]   0% 0/4" +
		"\rbundle [#######                       ]  25% 1/4" +
		"\rbundle [###############               ]  50% 2/4" +
		"\rbundle [######################        ]  75% 3/4" +
		"\rbundle [##############################] 100% 4/4\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}

	t.Run("many steps redraw once per percent", func(t *testing.T) {
		var b strings.Builder
		p := ProgressPrinter(&b, true)
		for done := 0; done <= 10000; done++ {
			p(done, 10000)
		}
		if n := strings.Count(b.String(), "\r"); n != 101 {
			t.Errorf("%d redraws, want 101", n)
		}
		if !strings.HasSuffix(b.String(), "100% 10000/10000\n") {
			t.Errorf("does not end with a full bar and a newline: %q", b.String()[len(b.String())-40:])
		}
	})
}

func TestProgressPrinterClampsAndIsConcurrencySafe(t *testing.T) {
	var b lockedBuilder
	p := ProgressPrinter(&b, false)
	p(-5, 10)
	p(50, 10)
	if got, want := b.String(), "bundle: 0% (0/10)\nbundle: 100% (10/10)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() { p(i, 8) })
	}
	wg.Wait()
}

type lockedBuilder struct {
	mu sync.Mutex
	strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.Builder.Write(p)
}
