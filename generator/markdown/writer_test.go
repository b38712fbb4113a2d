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

// TestFirstOf holds firstOf, which looks at eight bytes at a time, equal
// to a look at each byte, for a special byte at every place of texts
// around the eight-byte steps, and for none.
func TestFirstOf(t *testing.T) {
	for n := range 27 {
		for at := -1; at < n; at++ {
			for _, c := range []byte{0, '"', '&', '<', '>', '\\'} {
				s := []byte(strings.Repeat("é", n)[:n])
				if at >= 0 {
					s[at] = c
				}
				for _, set := range []*[256]uint8{&special, &rawSpecial} {
					want := len(s)
					for i, b := range s {
						if set[b] != 0 {
							want = i
							break
						}
					}
					if got := firstOf(s, set); got != want {
						t.Errorf("firstOf(%q) = %d, want %d", s, got, want)
					}
				}
				if got, want := writeBoth(string(s), false); got != want {
					t.Errorf("%q: got %q, DefaultWriter writes %q", s, got, want)
				}
			}
		}
	}
}
