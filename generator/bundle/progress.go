package bundle

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// Progress is told that done of total steps are finished.
type Progress func(done, total int)

const progressBarWidth = 30

// ProgressPrinter reports progress on w: on a terminal, one bar redrawn in
// place with \r whenever the percentage changes, ended by a newline when
// done reaches total; elsewhere (a CI log, a file) a line each time another
// tenth is done, so logs stay short. The result is safe for concurrent use.
func ProgressPrinter(w io.Writer, isTerminal bool) Progress {
	var mu sync.Mutex
	last := -1 // percentage (terminal) or tenth (lines) last printed
	return func(done, total int) {
		if total <= 0 {
			return
		}
		done = min(max(done, 0), total)
		percent := int(int64(done) * 100 / int64(total))
		mu.Lock()
		defer mu.Unlock()
		if !isTerminal {
			if tenth := percent / 10; tenth != last {
				last = tenth
				fmt.Fprintf(w, "bundle: %d%% (%d/%d)\n", percent, done, total)
			}
			return
		}
		if percent == last {
			return
		}
		last = percent
		filled := int(int64(done) * progressBarWidth / int64(total))
		fmt.Fprintf(w, "\rbundle [%s%s] %3d%% %d/%d",
			strings.Repeat("#", filled), strings.Repeat(" ", progressBarWidth-filled), percent, done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}
