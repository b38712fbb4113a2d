package content

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
)

func TestNestingExceeded(t *testing.T) {
	deepList := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	tests := []struct {
		name      string
		body      string
		limit     int
		wantLine  int
		wantDepth int
	}{
		{"plain text", "# Title\n\nSome text.\n", 3, 0, 0},
		{"quote within limit", ">>> three\n", 3, 0, 0},
		{"quote over limit", "text\n\n>>>> four\n", 3, 3, 4},
		{"spaced quote markers", "> > > > four\n", 3, 1, 4},
		{"list markers on one line", "- - - - x\n", 3, 1, 4},
		{"ordered markers on one line", "1. 2) 3. 4. x\n", 3, 1, 4},
		{"indented list within limit", deepList(3), 3, 0, 0},
		{"indented list over limit", deepList(5), 3, 4, 4},
		{"sibling items do not nest", "- a\n- b\n- c\n- d\n- e\n", 3, 0, 0},
		{"paragraph ends the list", deepList(3) + "\nText.\n\n" + deepList(3), 3, 0, 0},
		{"closed divs", "::: note\n:::\n::: tip\n:::\n::: warning\n:::\n::: caution\n:::\n", 3, 0, 0},
		{"nested divs", "::: a\n::: b\n::: c\n::: d\ntext\n:::\n:::\n:::\n:::\n", 3, 4, 4},
		{"quote inside divs", "::: a\n::: b\n> > x\n:::\n:::\n", 3, 3, 4},
		{"colons in code are not divs", "```\n::: a\n::: b\n::: c\n::: d\n```\n", 3, 0, 0},
		{"tilde fence", "~~~~\n>>>>>>\n~~~\n>>>\n~~~~\n", 3, 0, 0},
		{"markers in code are not counted", "```md\n> > > > > >\n```\n", 3, 0, 0},
		{"thematic break is three markers", "* * *\n", 3, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, depth := nestingExceeded([]byte(tt.body), tt.limit)
			if line != tt.wantLine || depth != tt.wantDepth {
				t.Errorf("nestingExceeded = line %d depth %d, want line %d depth %d", line, depth, tt.wantLine, tt.wantDepth)
			}
		})
	}
}

// TestCheckNestingTenThousand feeds the shapes that make goldmark slow and
// checks they are refused at the right line, quickly (the scan is linear).
func TestCheckNestingTenThousand(t *testing.T) {
	const n = 10000
	var divs strings.Builder
	for range n {
		divs.WriteString("::: note\n")
	}
	divs.WriteString("text\n")
	for range n {
		divs.WriteString(":::\n")
	}
	var quoteLines strings.Builder
	for range 1000 {
		quoteLines.WriteString(strings.Repeat(">", n) + "\n")
	}
	tests := []struct {
		name     string
		body     string
		wantLine int
	}{
		{"quote on one line", "# Deep\n\n" + strings.Repeat(">", n) + " x\n", 3},
		{"list on one line", "# Deep\n\n" + strings.Repeat("- ", n) + "x\n", 3},
		{"divs", divs.String(), MaxNesting + 1},
		{"many deep quote lines", quoteLines.String(), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Source{File: "content/en/deep.md", Body: []byte(tt.body), BodyLine: 3}
			var diags diag.List
			if CheckNesting(s, &diags) {
				t.Fatal("CheckNesting accepted a page nested 10,000 levels deep")
			}
			items := diags.Items()
			if len(items) != 1 {
				t.Fatalf("got %d messages, want 1: %v", len(items), items)
			}
			d := items[0]
			if d.Code != "too-deep" || d.File != s.File || d.Line != s.BodyLine+tt.wantLine || d.Severity != diag.Error {
				t.Errorf("got %s [%s], want %s:%d too-deep error", d.Error(), d.Code, s.File, s.BodyLine+tt.wantLine)
			}
		})
	}
}

func TestCheckNestingAcceptsCourse(t *testing.T) {
	body := `## Case

:::: scenario The visa line
An applicant arrives.

::: discussion
1. What do you ask first?
   - Who holds the passport?
     > Quoted advice.
:::
::::

::: quiz
Question?

- [ ] No.
  > Feedback.
- [x] Yes.
:::
`
	var diags diag.List
	if !CheckNesting(&Source{File: "a.md", Body: []byte(body)}, &diags) || diags.Len() != 0 {
		t.Errorf("an ordinary lesson was refused: %v", diags.Items())
	}
}

// FuzzNestingExceeded holds nestingExceeded equal to its version before
// it found line ends with bytes.IndexByte, which scanned for them byte by
// byte.
func FuzzNestingExceeded(f *testing.F) {
	for _, seed := range []string{"", "a\n", "> > - 1. x\n::: note\n```\n:::\n```\n:::\n", "- a\n  - b\n    - c", "\n\n\n"} {
		f.Add([]byte(seed), 2)
	}
	f.Fuzz(func(t *testing.T, body []byte, limit int) {
		line, depth := nestingExceeded(body, limit)
		wantLine, wantDepth := nestingExceededByteLoop(body, limit)
		if line != wantLine || depth != wantDepth {
			t.Errorf("nestingExceeded(%q, %d) = %d, %d; want %d, %d", body, limit, line, depth, wantLine, wantDepth)
		}
	})
}

func nestingExceededByteLoop(body []byte, limit int) (line, depth int) {
	divs := 0
	var fence []byte // the opening fence of the code block we are in
	var listIndents []int
	n := 0
	for start := 0; start < len(body); {
		end := start
		for end < len(body) && body[end] != '\n' {
			end++
		}
		text := body[start:end]
		start = end + 1
		n++

		markers, rest, indent, isItem := containerPrefix(text)
		if fence != nil {
			if closesFence(rest, fence) {
				fence = nil
			}
			continue
		}
		if f := openingFence(rest); f != nil {
			fence = f
		}
		switch {
		case isItem:
			for len(listIndents) > 0 && listIndents[len(listIndents)-1] >= indent {
				listIndents = listIndents[:len(listIndents)-1]
			}
			listIndents = append(listIndents, indent)
		case len(trimSpace(text)) > 0 && indent == 0 && markers == 0:
			listIndents = listIndents[:0]
		}
		d := divs + markers
		if isItem {
			d += len(listIndents) - 1
		}
		if colons := leadingColons(rest); colons >= 3 {
			if len(trimSpace(rest[colons:])) == 0 {
				if divs > 0 {
					divs--
				}
			} else {
				divs++
				d++
			}
		}
		if d > limit {
			return n, d
		}
	}
	return 0, 0
}
