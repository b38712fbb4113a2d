package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fieldguide/fieldguide/generator/site"
)

// hostile are the pieces the random values of these tests are made of:
// what each escaper replaces, URL schemes it refuses, escapes it keeps,
// invalid UTF-8, right-to-left and wide text.
var hostile = []string{"a", "Z", "0", " ", "\"", "'", "`", "&", "&amp;", "+", "<", ">", "<b>", "</title>", "<script>", "\x00", "\xff", "%", "%41", "%zz", "%4",
	"#", "?", "/", ":", ";", "=", "@", "!", "$", "*", ",", "[", "]", "(", ")", "-", ".", "_", "~", "\\", "\t", "\n", "é", "人口", "جواز", "\u2028", "\ufdd0",
	"javascript:", "JavaScript:", "http:", "HTTPS:", "mailto:", "data:", "../", "./"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(6) {
		b.WriteString(hostile[rng.IntN(len(hostile))])
	}
	return b.String()
}

// randomData is a page's data with random values: empty and nil lists,
// nil links, hostile strings in every field.
func randomData(rng *rand.Rand, kind string) *Data {
	text := func() string { return randomText(rng) }
	maybe := func() string {
		if rng.IntN(2) == 0 {
			return ""
		}
		return text()
	}
	list := func() []string {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		var l []string
		for range 1 + rng.IntN(3) {
			l = append(l, text())
		}
		return l
	}
	link := func() Link {
		l := Link{Title: text(), URL: text(), ID: maybe(), Current: rng.IntN(2) == 0, Lessons: list(), Description: maybe(),
			Duration: rng.IntN(3) * 7, LessonCount: rng.IntN(3), Fallback: rng.IntN(2) == 0, Section: rng.IntN(2) == 0}
		return l
	}
	links := func() []Link {
		var l []Link
		for range rng.IntN(4) {
			l = append(l, link())
		}
		return l
	}
	linkPtr := func() *Link {
		if rng.IntN(2) == 0 {
			return nil
		}
		l := link()
		return &l
	}
	d := &Data{Lang: text(), Dir: text(), SiteTitle: text(), CourseID: maybe(), Root: text(), Path: text(), Kind: kind,
		Title: maybe(), Description: maybe(), Content: template.HTML(text()), FallbackLang: text(), FallbackDir: text(),
		ContentLang: maybe(), ContentDir: maybe(), NavHTML: template.HTML(text()), Breadcrumbs: links(), Prev: linkPtr(), Next: linkPtr(),
		Children: links(), Canonical: maybe(), Duration: rng.IntN(3) * 5, Objectives: list(), Keypoints: list(), Prerequisites: list(),
		TotalDuration: rng.IntN(2) * 90, LessonCount: rng.IntN(3), ProgressID: maybe(), IsLesson: rng.IntN(2) == 0,
		GlossaryURL: maybe(), PrintURL: maybe(), HomeURL: text(), CSS: text(), JS: text(), CodeCSS: maybe(), SearchJS: text(),
		Trainer: rng.IntN(2) == 0, TrainerOnly: rng.IntN(2) == 0, Footer: maybe(), Redirect: text()}
	if rng.IntN(4) == 0 {
		d.Kind = []string{"home", "print", text()}[rng.IntN(3)]
	}
	if rng.IntN(3) == 0 {
		d.Page = &site.Page{Title: text()}
	}
	for range rng.IntN(4) {
		l := LangLink{Code: text(), Name: text(), Dir: text(), URL: text(), Current: rng.IntN(2) == 0, Missing: rng.IntN(2) == 0,
			Note: maybe(), Title: maybe(), TitleLang: text(), TitleDir: text()}
		d.Languages = append(d.Languages, l)
		d.Alternates = append(d.Alternates, Alternate{Lang: text(), URL: text()})
		d.TOC = append(d.TOC, TOCEntry{Level: rng.IntN(4), ID: text(), Text: text()})
		d.Notices = append(d.Notices, Notice{Kind: text(), Text: text(), LinkText: text(), URL: maybe()})
		d.Nav = append(d.Nav, link())
		d.Sections = append(d.Sections, PrintSection{Title: text(), ID: text(), Content: template.HTML(text()), ContentLang: maybe(),
			ContentDir: maybe(), Duration: rng.IntN(2) * 10, Objectives: list(), Keypoints: list()})
	}
	if len(d.Languages) > 0 {
		d.Language = d.Languages[0]
	}
	d.SetOffline(rng.IntN(2) == 0)
	if rng.IntN(4) == 0 {
		d.SetAbsolute("/" + text() + "/")
	}
	return d
}

// renderBoth renders data with the kind's compiled templates and with
// html/template; compiledErr is the compiled execution's error.
func renderBoth(ts *Templates, kind string, data *Data) (compiled, want string, compiledErr, wantErr error) {
	var got, w bytes.Buffer
	compiledErr = ts.compiled[kind].execute(&got, data)
	wantErr = ts.byKind[kind].Execute(&w, data)
	return got.String(), w.String(), compiledErr, wantErr
}

// TestCompiledMatchesRandomData: the compiled theme writes what
// html/template writes, byte for byte, for random pages of every kind in
// every language of the catalog, and never needs html/template for them.
func TestCompiledMatchesRandomData(t *testing.T) {
	sets := parseAll(t, nil, true)
	rng := rand.New(rand.NewPCG(53, 14))
	for lang, ts := range sets {
		for _, kind := range Kinds {
			if ts.compiled[kind] == nil {
				t.Fatalf("%s %s: the theme's templates are not compiled", lang, kind)
			}
			for range 60 {
				data := randomData(rng, kind)
				got, want, err, wantErr := renderBoth(ts, kind, data)
				if err != nil || wantErr != nil {
					t.Fatalf("%s %s: compiled: %v; html/template: %v; data %#v", lang, kind, err, wantErr, data)
				}
				if got != want {
					t.Fatalf("%s %s differs:\n%s\nwant:\n%s\ndata %#v", lang, kind, got, want, data)
				}
			}
		}
	}
}

// escaperContexts put a value where html/template escapes it with each
// escaper the compiler knows, alone and in chains.
var escaperContexts = []string{
	`<p>{{.}}</p>`,
	`<a title="{{.}}">`,
	`<a title='{{.}}'>`,
	`<a title="x {{.}} y">`,
	`<title>{{.}}</title>`,
	`<textarea>{{.}}</textarea>`,
	`<a href="{{.}}">`,
	`<a href='{{.}}'>`,
	`<img src="{{.}}">`,
	`<a href="/search?q={{.}}">`,
	`<a href="#{{.}}">`,
	`<a href="/{{.}}/x">`,
	`<form action="{{.}}">`,
}

type stringer struct{ s string }

func (s stringer) String() string { return "<" + s.s + ">" }

type plainString string

// TestEscapersMatchHTMLTemplate: each escaper writes what html/template's
// writes, for every kind of value it may be given: strings, each of
// html/template's typed strings (template.HTML has its tags stripped in
// an attribute, template.URL is not filtered...), numbers, booleans,
// Stringers, pointers, nil; the compiled template either writes the same
// bytes or leaves the value to html/template.
func TestEscapersMatchHTMLTemplate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	left := map[string]int{}
	for _, context := range escaperContexts {
		type compiled struct {
			tmpl *template.Template
			p    *program
		}
		byType := map[reflect.Type]compiled{}
		for range 400 {
			s := randomText(rng)
			str := s
			values := []any{s, template.HTML(s), template.URL(s), template.HTMLAttr(s), template.CSS(s), template.JS(s), template.JSStr(s),
				template.Srcset(s), plainString(s), stringer{s}, &str, rng.IntN(2000) - 1000, uint8(rng.IntN(256)), rng.IntN(2) == 0,
				1.5, []string{s, s}, time.Duration(rng.IntN(1e9)), nil, errors.New(s)}
			for _, v := range values {
				c, ok := byType[reflect.TypeOf(v)]
				if !ok {
					c.tmpl = template.Must(template.New("t").Parse(context))
					if !escapeSet(c.tmpl) {
						t.Fatalf("%s does not escape", context)
					}
					var err error
					if c.p, err = compileTemplates(c.tmpl, nil, reflect.TypeOf(v)); err != nil {
						t.Fatalf("%s for a %T is not compiled: %v", context, v, err)
					}
					byType[reflect.TypeOf(v)] = c
				}
				var got, want bytes.Buffer
				err := c.p.execute(&got, v)
				if wantErr := c.tmpl.Execute(&want, v); wantErr != nil {
					t.Fatalf("%s of %#v: %v", context, v, wantErr)
				}
				if err != nil {
					if !errors.Is(err, errNotCompiled) {
						t.Fatalf("%s of %#v: %v", context, v, err)
					}
					left[fmt.Sprintf("%T", v)]++
					continue
				}
				if got.String() != want.String() {
					t.Fatalf("%s of %#v (%T):\n got %q\nwant %q", context, v, v, got.String(), want.String())
				}
			}
		}
	}
	// Only what needs more of html/template is left to it: pointers and
	// nil, and template.HTML in an attribute.
	for typ := range left {
		if !strings.HasPrefix(typ, "*") && typ != "<nil>" && typ != "template.HTML" {
			t.Errorf("a %s was left to html/template", typ)
		}
	}
	if left["template.HTML"] == 0 {
		t.Error("template.HTML in attributes was not left to html/template")
	}
}

// TestCompiledTextTemplateSemantics: what a course's own templates may
// write, compiled, gives what html/template gives: truth of each kind,
// with and range rebinding dot, else, variables, and and or returning an
// operand, comparisons of mixed types, len, methods, template calls.
func TestCompiledTextTemplateSemantics(t *testing.T) {
	cases := []string{
		`{{if .Title}}t{{else}}f{{end}}|{{if .TOC}}t{{else}}f{{end}}|{{if .Prev}}t{{else}}f{{end}}|{{if .Duration}}t{{end}}|{{if .Trainer}}t{{end}}|{{if .Language}}struct{{end}}`,
		`{{with .Prev}}{{.Title}}{{else}}none{{end}}{{with .Next}}{{.URL}} {{$.Title}}{{end}}`,
		`{{range .Children}}[{{.Title}}{{range .Lessons}}({{.}}){{else}}-{{end}}]{{else}}empty{{end}}`,
		`{{range $i, $c := .Children}}{{$i}}={{$c.Title}} {{$.Lang}};{{end}}`,
		`{{range $m := .Children}}{{with .Description}}{{$m.Title}}:{{.}}{{end}}{{end}}`,
		`{{and .Title .Description}}|{{or .CourseID .Title "x"}}|{{and .Duration 0}}|{{or 0 ""}}|{{not .TOC}}|{{.Title | or .CourseID}}`,
		`{{eq .Kind "page"}} {{ne .Kind "home"}} {{eq .Duration 15}} {{eq .Duration 1 2 15}} {{lt .Duration 20}} {{le .LessonCount 2}} {{gt (len .Languages) 1}} {{ge .Duration .TotalDuration}}`,
		`{{$x := .Title}}{{$y := len .Children}}{{$x}}{{$y}}{{if $y}}{{$x := "inner"}}{{$x}}{{end}}{{$x}}`,
		`{{T "minutes" "n" .Duration}} {{T "lessonCount" "n" .LessonCount}} {{T "totalDurationValue" "duration" (T "minutes" "n" .TotalDuration)}} {{numbering}} {{add .Duration 2}} {{join .Objectives ", "}} {{rel . "en/x/"}} {{number .Duration}}`,
		`{{.TOCHTML}}{{.LanguagesHTML}}{{.AlternatesHTML}}{{.Content}}{{.NavHTML}}`,
		`{{define "item"}}<li>{{.Title}}</li>{{end}}<ul>{{range .Children}}{{template "item" .}}{{end}}</ul>{{template "item" .}}`,
		`{{.Duration}} {{.IsLesson}} {{.Objectives}} {{.Language}} {{.Page.Title}}`,
		`<a href="{{.Canonical}}" title="{{.Title}}" data-x="{{.Duration}}">{{.Language.Name}}</a>`,
		`{{if and .Title (ne .Kind "home")}}{{.Title}} · {{end}}{{if eq .Kind "print"}}p{{end}}`,
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, src := range cases {
		files := fstest.MapFS{"partials/footer.html": {Data: []byte(src)}}
		sets := parseAll(t, files, true)
		ts := sets["en"]
		if ts.compiled["page"] == nil {
			_, err := compileTemplates(ts.byKind["page"], nil, reflect.TypeFor[*Data]())
			t.Fatalf("%s is not compiled: %v", src, err)
		}
		compiledPages := 0
		for range 200 {
			data := randomData(rng, "page")
			if rng.IntN(2) == 0 {
				data.Page = &site.Page{Title: randomText(rng)}
			}
			got, want, err, wantErr := renderBoth(ts, "page", data)
			if wantErr != nil {
				if err == nil {
					t.Fatalf("%s: html/template fails (%v), the compiled template does not", src, wantErr)
				}
				continue
			}
			if err != nil {
				continue
			}
			compiledPages++
			if got != want {
				t.Fatalf("%s differs:\n%s\nwant:\n%s", src, got, want)
			}
		}
		if compiledPages < 50 {
			t.Errorf("%s: only %d pages of 200 rendered compiled", src, compiledPages)
		}
	}
}

// TestCompiledFallsBack: a course's templates that use what the compiler
// does not know (a script, a style, a function such as printf, a field
// that does not exist) are rendered by html/template, with its output and
// its errors; so is a page whose execution fails.
func TestCompiledFallsBack(t *testing.T) {
	cases := []struct {
		footer   string
		compiled bool
	}{
		{`<script>var title = {{.Title}};</script>`, false},
		{`<p style="color: {{.Lang}}">x</p>`, false},
		{`{{printf "%s!" .Title}}`, false},
		{`<img srcset="{{.CSS}} 2x">`, false},
		{`<a href={{.HomeURL}}>x</a>`, false},
		{`{{with .Prev}}{{.Nope}}{{end}}`, false},
		{`{{range $i, $x := .Children}}{{$x = 1}}{{end}}`, false},
		{`{{.Rel "fr/"}}`, false},
		{`{{.Page.Title}}`, true}, // fails on pages without a Page
		{`<a title="{{.Content}}">{{index .Objectives 5}}</a>`, false},
		{`<a title="{{.Content}}">x</a>`, true},        // tags stripped by html/template
		{`{{if eq .Duration "15"}}x{{end}}`, true},     // incompatible types for comparison
		{`{{if lt .Trainer .IsLesson}}x{{end}}`, true}, // booleans are not ordered
		{`{{range .Prev}}x{{end}}`, false},             // range over a struct
		{`{{len .Duration}}`, true},                    // len of an int
		{`{{template "partials/nope.html" .}}`, false}, // no such template
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range cases {
		files := fstest.MapFS{"partials/footer.html": {Data: []byte(c.footer)}}
		ts := parseAll(t, files, true)["en"]
		if got := ts.compiled["page"] != nil; got != c.compiled {
			t.Errorf("%s: compiled %v, want %v", c.footer, got, c.compiled)
		}
		if ts.compiled["root"] == nil {
			t.Errorf("%s: the root page, which has no footer, is not compiled", c.footer)
		}
		for range 50 {
			data := randomData(rng, "page")
			data.Content = template.HTML(`<b title="x">bold</b> & <i>` + randomText(rng) + "</i>")
			var got, want bytes.Buffer
			got.WriteString("before")
			want.WriteString("before")
			gotErr := ts.Execute(&got, "page", data)
			compiledExecution = false
			wantErr := ts.Execute(&want, "page", data)
			compiledExecution = true
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || got.String() != want.String() {
				t.Fatalf("%s: got %v\n%s\nwant %v\n%s", c.footer, gotErr, got.String(), wantErr, want.String())
			}
		}
	}
}

// FuzzEscapers: for any text, in each context and as each of the typed
// strings, the compiled escapers write what html/template's write, or
// leave the value to html/template.
func FuzzEscapers(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	type compiled struct {
		tmpl *template.Template
		p    *program
	}
	kinds := []func(string) any{
		func(s string) any { return s },
		func(s string) any { return template.HTML(s) },
		func(s string) any { return template.URL(s) },
		func(s string) any { return template.HTMLAttr(s) },
	}
	var sets [][]compiled
	for _, context := range escaperContexts {
		var set []compiled
		for _, kind := range kinds {
			tmpl := template.Must(template.New("t").Parse(context))
			if !escapeSet(tmpl) {
				f.Fatalf("%s does not escape", context)
			}
			p, err := compileTemplates(tmpl, nil, reflect.TypeOf(kind("")))
			if err != nil {
				f.Fatalf("%s: %v", context, err)
			}
			set = append(set, compiled{tmpl, p})
		}
		sets = append(sets, set)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, set := range sets {
			for j, c := range set {
				v := kinds[j](s)
				var got, want bytes.Buffer
				err := c.p.execute(&got, v)
				if wantErr := c.tmpl.Execute(&want, v); wantErr != nil {
					t.Fatal(wantErr)
				}
				if err == nil && got.String() != want.String() {
					t.Fatalf("%s of %#v (%T):\n got %q\nwant %q", escaperContexts[i], v, v, got.String(), want.String())
				}
			}
		}
	})
}
