package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"The three elements":        "the-three-elements",
		"Qu'est-ce que la traite ?": "quest-ce-que-la-traite",
		"为什么要面谈":                    "为什么要面谈",
		"لماذا المقابلة؟":           "لماذا-المقابلة",
		"Article 3(a): the act":     "article-3-a-the-act",
		"Ünïcödé Straße":            "ünïcödé-straße",
		"!!!":                       "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	ids := newIDs()
	for _, want := range []string{"a", "a-1", "a-2"} {
		if got := string(ids.Generate([]byte("A"), 0)); got != want {
			t.Errorf("Generate = %q, want %q", got, want)
		}
	}
	if got := string(newIDs().Generate([]byte("?"), 0)); got != "section" {
		t.Errorf("empty heading id %q", got)
	}
}

func TestRepeatedHeadingsStayLinear(t *testing.T) {
	ids := newIDs()
	for i := range 20000 {
		got := string(ids.Generate([]byte("Same heading"), 0))
		want := "same-heading"
		if i > 0 {
			want += "-" + itoa(i)
		}
		if got != want {
			t.Fatalf("heading %d: id %q, want %q", i, got, want)
		}
	}
	ids.Put([]byte("x-1"))
	if got := string(ids.Generate([]byte("x"), 0)); got != "x" {
		t.Errorf("got %q", got)
	}
	if got := string(ids.Generate([]byte("x"), 0)); got != "x-2" {
		t.Errorf("an id set by hand was reused: %q", got)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// idsReference is ids.Generate as first written: a string slug, a
// look at next for every id, and the id copied to bytes at the end.
type idsReference struct {
	used map[string]bool
	next map[string]int
}

func (s *idsReference) Generate(value []byte) []byte {
	base := slugReference(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	i := s.next[base]
	for s.used[id] {
		i++
		id = base + "-" + strconv.Itoa(i)
	}
	s.next[base] = i
	s.used[id] = true
	return []byte(id)
}

var idsCases = []string{
	"A\nA\nA\na-1\nA", "put:x-1\nx\nx\nx", "?\n!\nsection\nSection 1\nsection-1", "put:a\na\na-1\nA",
	"Why?\nwhy\nWHY\nwhy-1\nwhy 2\nwhy-2", "为什么\n为什么\nلماذا\nلماذا", "a\nput:a-1\na\na\nput:a-3\na",
}

// TestGenerateIsReference holds Generate to idsReference over the
// headings and hand-set ids of each case, one a line ("put:" sets one).
func TestGenerateIsReference(t *testing.T) {
	for _, c := range idsCases {
		checkGenerate(t, c)
	}
}

func FuzzGenerate(f *testing.F) {
	for _, c := range idsCases {
		f.Add(c)
	}
	f.Fuzz(checkGenerate)
}

func checkGenerate(t *testing.T, lines string) {
	got := newIDs()
	want := &idsReference{used: map[string]bool{}, next: map[string]int{}}
	for _, line := range strings.Split(lines, "\n") {
		if id, ok := strings.CutPrefix(line, "put:"); ok {
			got.Put([]byte(id))
			want.used[id] = true
			continue
		}
		if g, w := got.Generate([]byte(line), 0), want.Generate([]byte(line)); !bytes.Equal(g, w) {
			t.Fatalf("%q: Generate(%q) = %q, want %q", lines, line, g, w)
		}
	}
}
