package site

import (
	"slices"
	"testing"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
)

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to string
		offline  bool
		want     string
	}{
		{"en/m1/a/", "en/m1/b/", false, "../b/"},
		{"en/m1/a/", "en/m1/b/", true, "../b/index.html"},
		{"en/m1/a/", "en/m1/a/", false, "./"},
		{"en/m1/a/", "en/m1/a/", true, "index.html"},
		{"en/m1/a/", "en/", false, "../../"},
		{"en/m1/a/", "assets/x.css", true, "../../../assets/x.css"},
		{"", "en/", true, "en/index.html"},
		{"", "", true, "index.html"},
		{"en/m1/", "fr/m1/", false, "../../fr/m1/"},
		{"en/m1/a/", "en/m1/a/diagram.png", false, "diagram.png"},
		{"en/a b/", "en/名 字/", false, "../%E5%90%8D%20%E5%AD%97/"},
		// A first segment with a colon is not read as a scheme.
		{"en/m1/", "en/m1/javascript:alert(1)/", false, "./javascript:alert%281%29/"},
		{"en/m1/a/", "en/m1/a/x:y.png", false, "./x:y.png"},
		{"en/m1/a/", "en/m1/b:c/", false, "../b:c/"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to, tt.offline); got != tt.want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", tt.from, tt.to, tt.offline, got, tt.want)
		}
	}
}

func TestHumanize(t *testing.T) {
	for in, want := range map[string]string{"first-steps": "First steps", "01-intro": "Intro", "why_it_matters": "Why it matters", "": "Untitled", "面谈": "面谈"} {
		if got := Humanize(in); got != want {
			t.Errorf("Humanize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFilesLinked(t *testing.T) {
	s := &Site{Config: &config.Config{DefaultLanguage: "en", Languages: []config.Language{{Code: "en"}, {Code: "fr"}}}, files: map[string]bool{}}
	for _, k := range []string{"en/m/a.pdf", "en/m/a b.png", "en/m/c.svg", "en/m/d.txt", "en/m/e.txt", "en/m/f.txt", "en/m2/g.pdf", "fr/m/h.pdf", "en/m/i.pdf", "en/m/j.pdf"} {
		s.files[k] = true
	}
	src := &content.Source{Lang: "fr", Rel: "m/lesson.md", Body: []byte(`
[a](a.pdf#page=2 "title") ![b](<a b.png>) [x](https://example.org/j.pdf) [y](/img/j.pdf)
<img src="c.svg"> <a href='d.txt?x=1'>d</a> <a href=e.txt>e</a>
[f][ref] [g](../m2/g.pdf) [h](h.pdf) [i](i%2Epdf) ` + "`not.pdf`" + `

[ref]: <f.txt>
`)}
	want := []string{"en/m/a b.png", "en/m/a.pdf", "en/m/c.svg", "en/m/d.txt", "en/m/e.txt", "en/m/f.txt", "en/m/i.pdf", "en/m2/g.pdf", "fr/m/h.pdf"}
	if got := s.FilesLinked(src); !slices.Equal(got, want) {
		t.Errorf("FilesLinked:\n got %q\nwant %q", got, want)
	}
}

// TestSuggestLinkNeverTheNameWritten: the name written is no suggestion,
// whatever the names near it.
func TestSuggestLinkNeverTheNameWritten(t *testing.T) {
	cfg := &config.Config{DefaultLanguage: "en", Languages: []config.Language{{Code: "en"}}}
	from := &Page{Lang: "en", Source: &content.Source{Lang: "en", Rel: "m/a.md"}}
	s := &Site{Config: cfg, Langs: []*Lang{{Language: cfg.Languages[0], byRel: map[string]*Page{"m/a.md": from}}},
		Resources: map[string]string{"en/m/diagram.png": "en/m/diagram.png"}}
	if got := s.SuggestLink(from, "diagram.png"); got != "" {
		t.Errorf("SuggestLink(diagram.png) = %q, want none", got)
	}
	if got := s.SuggestLink(from, "diagam.png"); got != "diagram.png" {
		t.Errorf("SuggestLink(diagam.png) = %q, want diagram.png", got)
	}
}

// TestSuggestLinkSameEveryTime: of two names as near the name written
// (l2.md between l1.md and l3.md), the suggestion does not depend on the
// order of a map: check's output is the same every build.
func TestSuggestLinkSameEveryTime(t *testing.T) {
	cfg := &config.Config{DefaultLanguage: "en", Languages: []config.Language{{Code: "en"}}}
	from := &Page{Lang: "en", Source: &content.Source{Lang: "en", Rel: "m/a.md"}}
	byRel := map[string]*Page{"m/a.md": from}
	for _, name := range []string{"l9", "l3", "l1", "l7", "l5"} {
		byRel["m/"+name+".md"] = &Page{Lang: "en", Kind: content.Page, Source: &content.Source{Lang: "en", Rel: "m/" + name + ".md"}}
	}
	s := &Site{Config: cfg, Langs: []*Lang{{Language: cfg.Languages[0], byRel: byRel}}}
	for range 50 {
		if got := s.SuggestLink(from, "l2.md"); got != "l1.md" {
			t.Fatalf("SuggestLink(l2.md) = %q, want l1.md (the first of the names as near)", got)
		}
	}
}
