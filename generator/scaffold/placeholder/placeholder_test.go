package placeholder_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/scaffold"
	"github.com/fieldguide/fieldguide/generator/scaffold/placeholder"
)

// body is the Markdown body of a page as `new` writes it.
func body(t *testing.T, page []byte) string {
	t.Helper()
	s := &content.Source{File: "p.md"}
	content.Parse(s, page, &diag.List{})
	return string(s.Body)
}

// Find finds what `new` wrote, however an editor wrapped it, one match a
// paragraph; not the same words inside a sentence of the author's.
func TestFind(t *testing.T) {
	module := body(t, scaffold.Module("interviews", "Interviews", 2))
	lesson := body(t, scaffold.Lesson("Fees", 2, 30))
	for _, tc := range []struct {
		name, body string
		want       []string // the text at each match
	}{
		{"a new module", module, []string{"Introduce the module here"}},
		{"a new lesson", lesson, []string{"Write the lesson here."}},
		{"the introduction written, the note to the author left", "Officers meet applicants alone.\n\n" + placeholder.ModuleLessons + " interviews/NAME\n",
			[]string{"Add lessons with"}},
		{"rewrapped and indented", "## Introduction\n\n  Write the\nlesson   here. Then more.\n\nIntroduce the module\nhere: what participants will learn and why it matters.\n", []string{"Write the", "Introduce the module"}},
		{"two paragraphs", "Write the lesson here.\n\nWrite the lesson here.\n", []string{"Write the lesson here.", "Write the lesson here."}},
		{"the author's own words", "A trainer may say: Write the lesson here. But not at a line's start.\n", nil},
		{"replaced", "## Introduction\n\nRecruitment fees are charged to workers.\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range placeholder.Find([]byte(tc.body)) {
				if m.Hint == "" {
					t.Errorf("no hint at %d", m.Offset)
				}
				got = append(got, tc.body[m.Offset:])
			}
			if len(got) != len(tc.want) {
				t.Fatalf("found %q, want %q", got, tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("match %d at %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestIsExample(t *testing.T) {
	if !placeholder.IsExample(placeholder.Objective) || !placeholder.IsExample("  "+placeholder.Keypoint) || placeholder.IsExample("Explain who pays.") {
		t.Error("IsExample")
	}
}

// BenchmarkFind is a lesson without placeholders, as nearly all are:
// every page of every build is looked at.
func BenchmarkFind(b *testing.B) {
	var page strings.Builder
	for i := range 200 {
		fmt.Fprintf(&page, "Paragraph %d: the officer asks who paid for the ticket, and writes down the answer.\n\n", i)
	}
	body := []byte(page.String())
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if placeholder.Find(body) != nil {
			b.Fatal("a placeholder found")
		}
	}
}
