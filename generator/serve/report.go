package serve

import (
	"fmt"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// withExcerpts fills each message's Excerpt with the lines of its file
// around its line, as the build read them.
func withExcerpts(items []diag.Diagnostic, read func(string) ([]byte, bool)) []diag.Diagnostic {
	out := make([]diag.Diagnostic, len(items))
	for i, d := range items {
		if len(d.Excerpt) == 0 && d.File != "" && d.Line > 0 {
			if src, ok := read(d.File); ok {
				d.Excerpt = diag.Excerpt(src, d.Line)
			}
		}
		out[i] = d
	}
	return out
}

// summary counts errors and warnings: "2 errors, 1 warning".
func summary(items []diag.Diagnostic) string {
	errs, warns := 0, 0
	for _, d := range items {
		if d.Severity == diag.Warning {
			warns++
		} else {
			errs++
		}
	}
	plural := func(n int, word string) string {
		if n == 1 {
			return fmt.Sprintf("1 %s", word)
		}
		return fmt.Sprintf("%d %ss", n, word)
	}
	switch {
	case warns == 0:
		return plural(errs, "error")
	case errs == 0:
		return plural(warns, "warning")
	}
	return plural(errs, "error") + ", " + plural(warns, "warning")
}
