package placeholder

import (
	"bytes"
	"testing"
)

// startsALineByLines is the first startsALine, line by line: the oracle
// the faster one must agree with.
func startsALineByLines(body, word []byte) bool {
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), word) {
			return true
		}
	}
	return false
}

var startsALineCases = []string{
	"",
	"Write",
	"Writ",
	" \tWrite the lesson",
	"xWrite",
	"x Write",
	"a\nWrite",
	"a\n  \t Write",
	"a\n\r Write",
	"a\n \rWrite",
	"WriteWrite",
	"a Write\n Write",
	"a Write\nb Write\n",
	"Add\nAdd",
	"  Addition",
	"\n\n\n",
	"Introduce\n",
	"x\tIntroduce",
}

func TestStartsALine(t *testing.T) {
	for _, body := range startsALineCases {
		for _, word := range firstWords {
			if got, want := startsALine([]byte(body), word), startsALineByLines([]byte(body), word); got != want {
				t.Errorf("startsALine(%q, %q) = %v, want %v", body, word, got, want)
			}
		}
	}
}

func FuzzStartsALine(f *testing.F) {
	for _, body := range startsALineCases {
		f.Add(body, "Write")
	}
	f.Add("ab\n  abab", "ab")
	f.Fuzz(func(t *testing.T, body, word string) {
		if word == "" || word[0] == ' ' || word[0] == '\t' || bytes.IndexByte([]byte(word), '\n') >= 0 {
			t.Skip() // the words looked for are first words: not empty, no blank, no newline
		}
		if got, want := startsALine([]byte(body), []byte(word)), startsALineByLines([]byte(body), []byte(word)); got != want {
			t.Errorf("startsALine(%q, %q) = %v, want %v", body, word, got, want)
		}
	})
}
