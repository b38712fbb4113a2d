package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// writeBoth renders s with textWriter and with goldmark's DefaultWriter.
func writeBoth(s string, raw bool) (got, want string) {
	var g, w strings.Builder
	if raw {
		textWriter{}.RawWrite(stringWriter{&g}, []byte(s))
		html.DefaultWriter.RawWrite(stringWriter{&w}, []byte(s))
	} else {
		textWriter{}.Write(stringWriter{&g}, []byte(s))
		html.DefaultWriter.Write(stringWriter{&w}, []byte(s))
	}
	return g.String(), w.String()
}

var writerCases = []string{
	"", "plain text", "été 为什么", "a < b > c", `say "hi"`, "a\x00b",
	"&amp; &copy; &#x22; &#34; &nope; & alone", `\* \\ \a \ end\`, `x\`,
	"tail &", "&#", "&#x", "&#xZZ;", "&#12345678;", `\&amp;`,
}

func TestTextWriterIsDefaultWriter(t *testing.T) {
	for _, s := range writerCases {
		for _, raw := range []bool{false, true} {
			if got, want := writeBoth(s, raw); got != want {
				t.Errorf("%q (raw %v): got %q, DefaultWriter writes %q", s, raw, got, want)
			}
		}
	}
}

func FuzzTextWriter(f *testing.F) {
	for _, s := range writerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, raw := range []bool{false, true} {
			if got, want := writeBoth(s, raw); got != want {
				t.Errorf("%q (raw %v): got %q, DefaultWriter writes %q", s, raw, got, want)
			}
		}
	})
}
