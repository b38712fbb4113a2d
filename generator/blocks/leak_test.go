package blocks

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// trainerOnlyDocument hides a marker in every place a trainer note can hold
// text. A participant build must print none of them, whatever else goes wrong.
const trainerOnlyDocument = `# Lesson

Participant text.

::: trainer SECRET-TITLE-1
SECRET-BODY-1 with **SECRET-EMPH-1** and [SECRET-LINK-1](https://secret.example/1).

- SECRET-LIST-1
  > SECRET-QUOTE-1

` + "```" + `
SECRET-CODE-1
:::
` + "```" + `

| SECRET-TABLE-1 |
|---|
| cell |

Term
: SECRET-DEFINITION-1
:::

::: instructor SECRET-TITLE-2
SECRET-BODY-2
:::

:::: scenario The visa line
Story.

::: trainer
SECRET-NESTED-3

::: note
SECRET-DEEP-3
:::
:::

::: discussion
Participants discuss.

::: instructor
SECRET-IN-DISCUSSION-4
:::
:::
::::

::::: trainer
SECRET-LONG-FENCE-5
::: quiz
SECRET-QUIZ-QUESTION-5

- [x] SECRET-OPTION-5
  > SECRET-FEEDBACK-5
- [ ] SECRET-OPTION-6
:::
:::::

> quoted participant text
>
> ::: trainer
> SECRET-IN-QUOTE-7
> :::

- list item

  ::: trainer
  SECRET-IN-LIST-8
  :::

::: {.trainer #t9}
SECRET-PANDOC-9
:::

::: TRAINER
SECRET-UPPERCASE-10
:::

Participant text cites a footnote[^secret].

::: trainer
[^secret]: SECRET-FOOTNOTE-11

[ref-12]: https://secret.example/12
:::

See [the reference][ref-12].

::: trainer
SECRET-UNCLOSED-13, the block runs to the end of the document.

More SECRET-UNCLOSED-14.
`

func TestParticipantBuildsHaveNoTrainerText(t *testing.T) {
	glossary := []Term{{Term: "story", ID: "term-story", Definition: "a case told in the course"}}
	for _, audience := range []string{"", "participant", "Trainer", "trainers"} {
		md := newMarkdown(Options{Audience: audience, Glossary: glossary}, true)
		html, diags := convert(md, []byte(trainerOnlyDocument), "../glossary/")
		for _, marker := range []string{"SECRET", "trainer-note", "Trainer note", "secret.example"} {
			if strings.Contains(html, marker) {
				i := strings.Index(html, marker)
				t.Errorf("audience %q: %q reached the HTML: …%s…", audience, marker, html[max(0, i-80):min(len(html), i+80)])
			}
		}
		if !strings.Contains(html, "Participant text.") || !strings.Contains(html, "Participants discuss.") {
			t.Errorf("audience %q: participant text is missing:\n%s", audience, html)
		}
		assertHasError(t, diags, "is not closed")
		assertHasError(t, diags, "footnote [^secret]")
	}
}

func TestTrainerBuildsKeepTrainerText(t *testing.T) {
	md := newMarkdown(Options{Audience: "trainer"}, true)
	html, _ := convert(md, []byte(trainerOnlyDocument), "")
	for _, marker := range []string{
		"SECRET-TITLE-1", "SECRET-BODY-1", "SECRET-CODE-1", "SECRET-DEFINITION-1", "SECRET-TITLE-2",
		"SECRET-DEEP-3", "SECRET-IN-DISCUSSION-4", "SECRET-OPTION-5", "SECRET-FEEDBACK-5",
		"SECRET-IN-QUOTE-7", "SECRET-IN-LIST-8", "SECRET-PANDOC-9", "SECRET-UPPERCASE-10",
		"SECRET-FOOTNOTE-11", "secret.example/12", "SECRET-UNCLOSED-14",
	} {
		if !strings.Contains(html, marker) {
			t.Errorf("trainer build lost %s", marker)
		}
	}
}

func assertHasError(t *testing.T, diags []diag.Diagnostic, part string) {
	t.Helper()
	for _, d := range diags {
		if strings.Contains(d.Message, part) {
			return
		}
	}
	t.Errorf("no message containing %q in %v", part, diags)
}

// One goldmark serves every page of a language, in parallel.
func TestConcurrentConversions(t *testing.T) {
	glossary := ParseGlossary([]byte(glossarySource))
	md := newMarkdown(Options{Glossary: glossary}, true)
	want, _ := convert(md, []byte(trainerOnlyDocument+"\nA victim of trafficking.\n"), "g/")
	done := make(chan string)
	for range 8 {
		go func() {
			html, _ := convert(md, []byte(trainerOnlyDocument+"\nA victim of trafficking.\n"), "g/")
			done <- html
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("a concurrent conversion differs")
		}
	}
}
