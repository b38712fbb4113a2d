package markdown

import "testing"

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
	ids := newIDs("")
	for _, want := range []string{"a", "a-1", "a-2"} {
		if got := string(ids.Generate([]byte("A"), 0)); got != want {
			t.Errorf("Generate = %q, want %q", got, want)
		}
	}
	if got := string(newIDs("x-").Generate([]byte("?"), 0)); got != "x-section" {
		t.Errorf("empty heading id %q", got)
	}
}
