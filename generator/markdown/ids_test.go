package markdown

import (
	"strconv"
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
