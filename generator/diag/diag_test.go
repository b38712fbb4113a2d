package diag

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	known := []string{"title", "weight", "description", "scenario", "discussion"}
	for word, want := range map[string]string{"titel": "title", "wieght": "weight", "scenaro": "scenario", "Title": "title", "xyzzy": "", "descripton": "description"} {
		if got := Suggest(word, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestPositionCountsCharacters(t *testing.T) {
	src := []byte("第一行\n人口贩运 x\n")
	line, col := Position(src, strings.Index(string(src), "x"))
	if line != 2 || col != 6 {
		t.Errorf("Position = %d:%d, want 2:6", line, col)
	}
	if l, c := Position(src, 1<<20); l != 3 || c != 1 {
		t.Errorf("offset past the end = %d:%d", l, c)
	}
}

func TestListSortsDeduplicatesAndFormats(t *testing.T) {
	var l List
	l.Warnf("b.md", 2, 1, "second")
	l.Errorf("a.md", 3, 4, "first")
	l.Errorf("a.md", 3, 4, "first")
	l.Add(Diagnostic{File: "a.md", Line: 1, Severity: Warning, Message: "unknown key", Hint: `did you mean "title"?`})
	items := l.Items()
	if len(items) != 3 {
		t.Fatalf("items %v", items)
	}
	want := []string{
		`a.md:1: warning: unknown key (did you mean "title"?)`,
		"a.md:3:4: first",
		"b.md:2:1: warning: second",
	}
	for i, d := range items {
		if d.Error() != want[i] {
			t.Errorf("item %d = %q, want %q", i, d.Error(), want[i])
		}
	}
	if !l.HasErrors() || l.Err() == nil {
		t.Error("errors not reported")
	}
	var w List
	w.Warnf("x.md", 1, 1, "w")
	if w.Err() != nil {
		t.Error("warnings alone failed the build")
	}
	w.Strict()
	if w.Err() == nil {
		t.Error("Strict did not turn warnings into errors")
	}
	if ex := Excerpt([]byte("a\nb\nc\nd"), 2); len(ex) != 3 || ex[0].Text != "a" || ex[2].Number != 3 {
		t.Errorf("Excerpt = %v", ex)
	}
}
