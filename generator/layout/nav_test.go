package layout

import (
	"strings"
	"testing"
)

func TestRenderNavEscapesAndMarksCurrent(t *testing.T) {
	got := string(RenderNav([]Link{
		{Title: "Module <1>", URL: "../m1/", Current: false, Children: []Link{
			{Title: `Lesson "A" & B`, URL: "../m1/a/", ID: "m1/a", Current: true},
		}},
		{Title: "Module 2", URL: "../m2/"},
		{Title: "Not translated", URL: "../m3/", Fallback: true},
	}, "Completed & done", FallbackLangAttrs("en", "ltr")))
	for _, want := range []string{
		`<ol class="nav-modules">`,
		`>Module &lt;1&gt;</a><ol class="nav-lessons">`,
		`<a href="../m1/a/" data-progress-id="m1/a" data-label-done="Completed &amp; done" aria-current="page">Lesson &#34;A&#34; &amp; B</a>`,
		`<li><a href="../m2/">Module 2</a></li>`,
		`<li><a href="../m3/" lang="en" dir="ltr">Not translated</a></li>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("nav lacks %s\n%s", want, got)
		}
	}
}
