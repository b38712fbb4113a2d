package markdown

import (
	"strings"
	"testing"
)

// javascriptURLReference is javascriptURL without its look for a colon.
func javascriptURLReference(raw string) bool {
	return strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(raw), "")), "javascript:")
}

var javascriptCases = []string{
	"", "javascript:alert(1)", "JavaScript:x", " java script : x", "java\tscript\n:x", "javascript",
	"javascript\uff1ax", "ja\u00a0vascript:x", "\u212aavascript:x", "../m/lesson.md", "https://x.org", "javascrİpt:x",
}

func TestJavascriptURL(t *testing.T) {
	for _, raw := range javascriptCases {
		if got, want := javascriptURL(raw), javascriptURLReference(raw); got != want {
			t.Errorf("javascriptURL(%q) = %v, want %v", raw, got, want)
		}
	}
}

func FuzzJavascriptURL(f *testing.F) {
	for _, raw := range javascriptCases {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if got, want := javascriptURL(raw), javascriptURLReference(raw); got != want {
			t.Errorf("javascriptURL(%q) = %v, want %v", raw, got, want)
		}
	})
}
