package serve

import (
	"fmt"
	"io"
	"strings"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/rivo/uniseg"
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

// PrintDiagnostics writes messages the way compilers do, each with the
// source lines under it and a caret under the column:
//
//	content/fr/m1/intro.md:3:8: did not find expected ',' or ']'
//	   2 | ---
//	 > 3 | title: [Introduction
//	     |        ^
//	   4 | ---
func PrintDiagnostics(w io.Writer, items []diag.Diagnostic) {
	for _, d := range items {
		fmt.Fprintln(w, d.Error())
		if len(d.Excerpt) == 0 {
			continue
		}
		width := len(fmt.Sprint(d.Excerpt[len(d.Excerpt)-1].Number))
		for _, x := range d.Excerpt {
			marker := "  "
			if x.Number == d.Line {
				marker = "> "
			}
			fmt.Fprintf(w, " %s%*d | %s\n", marker, width, x.Number, strings.ReplaceAll(x.Text, "\t", "    "))
			if x.Number == d.Line && d.Col > 0 {
				// The caret sits under the column's character, counting
				// the width of wide (Chinese) characters as a terminal does.
				before := []rune(x.Text)
				if col := min(d.Col-1, len(before)); col >= 0 {
					pad := uniseg.StringWidth(strings.ReplaceAll(string(before[:col]), "\t", "    "))
					fmt.Fprintf(w, "   %*s | %s^\n", width, "", strings.Repeat(" ", pad))
				}
			}
		}
	}
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
