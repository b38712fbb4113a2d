package bundle

import (
	"os"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/refscan"
)

// BenchmarkSelfCheckPathological runs inputs that made earlier versions
// quadratic: many comments without "--!>", one minified line with many
// references, a tag with many attributes, many unfinished \u{ escapes.
// Each is about 1 MB; all should take milliseconds.
func BenchmarkSelfCheckPathological(b *testing.B) {
	inputs := map[string]File{
		"comments":   {"a.html", []byte(strings.Repeat("<!-- x -->", 100_000))},
		"one line":   {"a.html", []byte(strings.Repeat(`<img src="é.png">`, 60_000))},
		"attributes": {"a.html", []byte("<img " + strings.Repeat("a=1 ", 250_000) + ">")},
		"js escapes": {"a.js", []byte(strings.Repeat(`"\u{`, 250_000))},
		"css":        {"a.css", []byte(strings.Repeat("a{b:url(x.png)}/*", 60_000))},
	}
	for name, f := range inputs {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				SelfCheck([]File{f})
			}
		})
	}
}

// BenchmarkScanMarkupLesson scans a lesson page of the default theme (the
// build's golden page), as the self-check does for every page of a bundle.
func BenchmarkScanMarkupLesson(b *testing.B) {
	page, err := os.ReadFile("../build/testdata/lesson.golden.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		refscan.Markup(page, false)
	}
}
