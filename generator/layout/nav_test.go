package layout

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
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

// randomNav is a navigation as a section's lessons share it: modules,
// some open down to the section at open, whose items are the lessons,
// with hostile, Arabic and Chinese titles, untranslated pages and
// lessons without progress ids; nav is nil when open leads to no lesson.
func randomNav(rng *rand.Rand) (links []Link, open []int) {
	var list func(depth int, onPath bool) []Link
	list = func(depth int, onPath bool) []Link {
		n := rng.IntN(5)
		if onPath {
			n++
		}
		out := make([]Link, n)
		at := -1
		if onPath && depth < 2 && rng.IntN(3) > 0 {
			at = rng.IntN(n)
			open = append(open, at)
		}
		for i := range out {
			l := Link{Title: randomText(rng) + []string{"", "الدرس", "第一课", "Leçon"}[rng.IntN(4)], URL: randomText(rng), Fallback: rng.IntN(3) == 0}
			if rng.IntN(3) > 0 {
				l.ID = randomText(rng)
			}
			if i == at {
				l.Section, l.ID = true, ""
				l.Children = list(depth+1, true)
			}
			out[i] = l
		}
		return out
	}
	return list(0, true), open
}

// markedNav is links with the item of open at item current at url, as
// the whole navigation of the lesson's page is made.
func markedNav(links []Link, open []int, item int, url string) []Link {
	out := slices.Clone(links)
	at := out
	for _, i := range open {
		at[i].Children = slices.Clone(at[i].Children)
		at = at[i].Children
	}
	at[item].Current, at[item].URL = true, url
	return out
}

// TestSharedNavIsRenderNav: a lesson's navigation written from the shared
// pieces, and made whole when read, is RenderNav's of its whole
// navigation, and leaves the shared links as they were.
func TestSharedNavIsRenderNav(t *testing.T) {
	rng := rand.New(rand.NewPCG(59, 1))
	fallback := FallbackLangAttrs("en", "ltr")
	for range 2000 {
		links, open := randomNav(rng)
		label := randomText(rng)
		before := fmt.Sprint(links)
		nav := NewSharedNav(links, open, label, fallback)
		items := links
		for _, i := range open {
			items = items[i].Children
		}
		if (nav == nil) != (len(items) == 0) {
			t.Fatalf("%d lessons at %v, shared %v", len(items), open, nav != nil)
		}
		if nav == nil {
			continue
		}
		d := &Data{}
		if d.ShareNav(nav, len(items), "x") || d.ShareNav(nav, -1, "x") {
			t.Fatal("shared a lesson that is not listed")
		}
		item := rng.IntN(len(items))
		url := randomText(rng)
		if !d.ShareNav(nav, item, url) {
			t.Fatal("not shared")
		}
		whole := markedNav(links, open, item, url)
		want := string(RenderNav(whole, label, fallback))
		var got bytes.Buffer
		d.writeNav(&got)
		if got.String() != want {
			t.Fatalf("written\n%s\nwant\n%s", got.String(), want)
		}
		d.fillNav()
		if string(d.NavHTML) != want || !reflect.DeepEqual(d.Nav, whole) {
			t.Fatalf("made\n%s\n%v\nwant\n%s\n%v", d.NavHTML, d.Nav, want, whole)
		}
		got.Reset()
		d.writeNav(&got)
		if got.String() != want {
			t.Fatalf("written after being made\n%s\nwant\n%s", got.String(), want)
		}
		if fmt.Sprint(links) != before {
			t.Fatal("the shared links changed")
		}
	}
}

// TestSharedNavInTemplates: a page sharing its navigation renders as the
// page given its whole navigation, whether a course's templates print
// .NavHTML, read it as a value or range over .Nav, compiled or not.
func TestSharedNavInTemplates(t *testing.T) {
	navs := []string{
		`{{.NavHTML}}`,
		`<div title="{{.NavHTML}}">{{$.NavHTML}}</div>{{with .NavHTML}}{{.}}{{end}}`,
		`{{len .Nav}}{{range .Nav}}<a href="{{.URL}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>` +
			`{{range .Children}}<i{{if .Current}} class="c"{{end}}>{{.Title}}{{range .Children}}{{.Title}}{{.Current}}{{end}}</i>{{end}}{{end}}`,
		`{{printf "%d" (len .Nav)}}{{.NavHTML}}`, // not compiled
		`{{if .Page}}{{.Page.Title}}{{end}}{{.NavHTML}}`,
	}
	rng := rand.New(rand.NewPCG(59, 2))
	fallback := FallbackLangAttrs("en", "ltr")
	for _, nav := range navs {
		files := fstest.MapFS{"partials/nav.html": {Data: []byte(nav)}}
		for lang, ts := range parseAll(t, files, true) {
			for range 20 {
				links, open := randomNav(rng)
				shared := NewSharedNav(links, open, "done", fallback)
				if shared == nil {
					continue
				}
				item, url := rng.IntN(len(shared.items)), randomText(rng)
				whole := randomData(rng, "page")
				d := *whole
				if !d.ShareNav(shared, item, url) {
					t.Fatal("not shared")
				}
				whole.Nav = markedNav(links, open, item, url)
				whole.NavHTML = RenderNav(whole.Nav, "done", fallback)
				var got, want bytes.Buffer
				gotErr := ts.Execute(&got, "page", &d)
				wantErr := ts.Execute(&want, "page", whole)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || got.String() != want.String() {
					t.Fatalf("%s, %s: got %v\n%s\nwant %v\n%s", nav, lang, gotErr, got.String(), wantErr, want.String())
				}
			}
		}
	}
}
