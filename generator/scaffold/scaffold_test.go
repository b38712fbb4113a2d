package scaffold

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/generator/scaffold/placeholder"
)

func starterFS(t *testing.T) fstest.MapFS {
	t.Helper()
	files, err := Site("Première formation: “quotes”")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// TestStarterBuildsClean holds the promise of `fieldguide new site`: the
// starter course builds for both audiences without a single message.
func TestStarterBuildsClean(t *testing.T) {
	fsys := starterFS(t)
	for _, audience := range []string{"participant", "trainer"} {
		t.Run(audience, func(t *testing.T) {
			mem := output.NewMemory()
			res, err := build.Build(context.Background(), build.Options{FS: fsys, Audience: audience}, mem)
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			for _, d := range res.Diagnostics {
				t.Errorf("%s [%s]", d.Error(), d.Code)
			}
			for _, page := range []string{"en/getting-started/training-blocks/index.html", "fr/getting-started/training-blocks/index.html", "en/glossary/index.html"} {
				html, ok := mem.Get(page)
				if !ok {
					t.Fatalf("%s not built; files: %v", page, mem.Names())
				}
				for _, want := range []string{`class="quiz`, "scenario", "callout"} {
					if page != "en/glossary/index.html" && !strings.Contains(string(html), want) {
						t.Errorf("%s has no %q", page, want)
					}
				}
				hasTrainer := strings.Contains(string(html), "Participants do not see this note") ||
					strings.Contains(string(html), "Les participants ne voient pas cette note")
				if want := audience == "trainer" && page != "en/glossary/index.html"; hasTrainer != want {
					t.Errorf("%s: trainer note present = %v, want %v", page, hasTrainer, want)
				}
			}
			if res.Config.Title != "Première formation: “quotes”" {
				t.Errorf("title = %q", res.Config.Title)
			}
		})
	}
}

// TestStarterTranslationsComplete: the French pages ship marked, so a new
// course's i18n status starts with nothing to do.
func TestStarterTranslationsComplete(t *testing.T) {
	fsys := starterFS(t)
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	sources := content.Walk(fsys, []string{"en", "fr"}, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Items())
	}
	st := i18n.TranslationStatus(cfg, sources, nil)
	fr := st.Languages["fr"]
	if fr == nil {
		t.Fatal("no French status")
	}
	if fr.Counts.Translated != fr.Counts.Pages || fr.Counts.Pages != 4 {
		t.Errorf("French status %+v: %+v", fr.Counts, fr)
	}
}

// A new module or lesson parses without a mistake, and with one warning:
// the placeholder text it holds, at its line, until it is replaced (or
// the page is a draft); an example list item uncommented as it is, too.
// Built, the placeholder is still said (check, build and serve all parse
// pages with content.Parse).
func TestModuleAndLessonParseClean(t *testing.T) {
	for name, tc := range map[string]struct {
		data        []byte
		placeholder string // the line of the file it is on
		want        string
	}{
		"module": {Module("interviews", `The "first" interview`, 3), "Introduce the module here",
			"module.md:7:1: warning: this is the placeholder text `fieldguide new` wrote: participants would read it as it is (replace it with the module's introduction: what participants will learn and why it matters)"},
		"lesson": {Lesson("Før du starter", 2, 45), "Write the lesson here.",
			"lesson.md:17:1: warning: this is the placeholder text `fieldguide new` wrote: participants would read it as it is (replace it with the lesson's text)"},
	} {
		s := &content.Source{File: name + ".md"}
		var diags diag.List
		if !content.Parse(s, tc.data, &diags) || diags.Len() != 1 || diags.Items()[0].Error() != tc.want || diags.Items()[0].Code != "placeholder" {
			t.Errorf("%s: %v, want %s\n%s", name, diags.Items(), tc.want, tc.data)
		}
		if !s.HasFrontMatter || s.FM.Title == "" || s.FM.Weight == 0 {
			t.Errorf("%s: front matter %+v", name, s.FM)
		}
		lines := strings.Split(string(tc.data), "\n")
		if d := diags.Items(); len(d) == 1 && !strings.HasPrefix(lines[d[0].Line-1], tc.placeholder) {
			t.Errorf("%s: line %d is %q", name, d[0].Line, lines[d[0].Line-1])
		}
		for edit, data := range map[string]string{
			"replaced": strings.Join(slices.DeleteFunc(lines, func(l string) bool {
				return strings.HasPrefix(l, placeholder.ModuleIntro) || strings.HasPrefix(l, placeholder.ModuleLessons) || l == placeholder.Lesson
			}), "\n") + "Officers meet applicants alone.\n",
			"a draft": strings.Replace(string(tc.data), "weight:", "draft: true\nweight:", 1),
		} {
			diags = diag.List{}
			if content.Parse(&content.Source{File: name + ".md"}, []byte(data), &diags); diags.Len() > 0 {
				t.Errorf("%s, %s: %v\n%s", name, edit, diags.Items(), data)
			}
		}
	}
	diags := diag.List{}
	lesson := strings.Replace(string(Lesson("A", 2, 45)), "#  - \"Workers", "  - \"Workers", 1)
	content.Parse(&content.Source{File: "l.md"}, []byte(lesson), &diags)
	if d := diags.Items(); len(d) != 2 || d[0].Error() != `l.md:12:1: warning: "Workers never pay recruitment fees." is the example `+"`fieldguide new`"+` wrote under keypoints: participants would read it as it is (write your own in its place, or put the # back in front of the line)` {
		t.Errorf("an example left in: %v\n%s", d, lesson)
	}
	s := &content.Source{File: "l.md"}
	content.Parse(s, Lesson("A", 2, 45), &diag.List{})
	if s.FM.Duration != 45 || s.FM.Weight != 2 || s.FM.Title != "A" {
		t.Errorf("lesson front matter %+v", s.FM)
	}
}

// A new lesson's lists are completed by adding items under their keys,
// as the comment above them says and as the starter's lesson writes them:
// a line typed under objectives:, at the start of the line or indented, or
// the example's # deleted, is a list as it stands. Untouched, the lesson
// builds with no message but its placeholder's, and shows participants
// no example objective.
func TestLessonListsTakeItems(t *testing.T) {
	lesson := string(Lesson("Fees", 2, 30))
	for name, tc := range map[string]struct {
		edit func(string) string
		want []string
	}{
		"as written":                       {func(s string) string { return s }, nil},
		"an item typed under it":           {func(s string) string { return addAfter(s, "objectives:\n", "  - \"Name who pays.\"\n") }, []string{"Name who pays."}},
		"an item at the start of the line": {func(s string) string { return addAfter(s, "objectives:\n", "- Name who pays.\n") }, []string{"Name who pays."}},
		"the example's # deleted": {func(s string) string {
			return strings.Replace(s, "#  - \"Explain", "  - \"Explain", 1)
		}, []string{"Explain who pays recruitment fees."}},
	} {
		s := &content.Source{File: "content/en/m/fees.md", Rel: "m/fees.md"}
		var diags diag.List
		content.Parse(s, []byte(tc.edit(lesson)), &diags)
		for _, d := range diags.Items() {
			if d.Severity == diag.Error {
				t.Errorf("%s: %s\n%s", name, d.Error(), tc.edit(lesson))
			}
		}
		if strings.Join(s.FM.Objectives, "|") != strings.Join(tc.want, "|") || len(s.FM.Keypoints) != 0 {
			t.Errorf("%s: objectives %q, keypoints %q; want objectives %q", name, s.FM.Objectives, s.FM.Keypoints, tc.want)
		}
	}

	fsys := starterFS(t)
	fsys["content/en/getting-started/fees.md"] = &fstest.MapFile{Data: []byte(lesson)}
	mem := output.NewMemory()
	res, err := build.Build(context.Background(), build.Options{FS: fsys}, mem)
	if err != nil {
		t.Fatal(err)
	}
	// Its one warning: the placeholder text, to replace.
	placeholders := 0
	for _, d := range res.Diagnostics {
		switch {
		case d.Code == "placeholder" && d.File == "content/en/getting-started/fees.md" && d.Line == 17:
			placeholders++
		case d.Code != "translation-missing":
			t.Errorf("%s [%s]", d.Error(), d.Code)
		}
	}
	if placeholders != 1 {
		t.Errorf("the placeholder is reported %d times, want once: %v", placeholders, res.Diagnostics)
	}
	html, ok := mem.Get("en/getting-started/fees/index.html")
	if !ok {
		t.Fatalf("lesson not built: %v", mem.Names())
	}
	for _, example := range []string{"Explain who pays", "Workers never pay", "objectives"} {
		if strings.Contains(string(html), example) {
			t.Errorf("participants see %q:\n%s", example, html)
		}
	}
}

// addAfter inserts text after the first line of s that is line.
func addAfter(s, line, text string) string {
	i := strings.Index(s, line)
	return s[:i+len(line)] + text + s[i+len(line):]
}

func TestNextWeight(t *testing.T) {
	src := func(lang, rel string, weight int) *content.Source {
		s := &content.Source{Lang: lang, Rel: rel, FM: content.FrontMatter{Weight: weight}}
		switch {
		case rel == "_index.md":
			s.Kind = content.Home
		case strings.HasSuffix(rel, "/_index.md"):
			s.Kind = content.Section
		}
		return s
	}
	sources := []*content.Source{
		src("en", "_index.md", 9),
		src("en", "glossary.md", 50),
		src("en", "m1/_index.md", 1),
		src("en", "m2/_index.md", 4),
		src("en", "m1/a.md", 2),
		src("en", "m1/b/index.md", 7),
		src("en", "m1/sub/_index.md", 3),
		src("en", "m1/sub/c.md", 20),
		src("fr", "m1/z.md", 99),
	}
	tests := []struct {
		lang, dir string
		want      int
	}{
		{"en", "", 5},
		{"en", "m1", 8},
		{"en", "m1/sub", 21},
		{"en", "m3", 1},
		{"fr", "m1", 100},
	}
	for _, tt := range tests {
		if got := NextWeight(sources, tt.lang, tt.dir); got != tt.want {
			t.Errorf("NextWeight(%s, %q) = %d, want %d", tt.lang, tt.dir, got, tt.want)
		}
	}
}

// TestLessons: a module's own lessons in its order, whatever their form,
// and nothing of another language, module or kind.
func TestLessons(t *testing.T) {
	page := func(lang, rel string, kind content.Kind, weight int) *content.Source {
		return &content.Source{Lang: lang, Rel: rel, Kind: kind, FM: content.FrontMatter{Weight: weight}}
	}
	sources := []*content.Source{
		page("en", "m/_index.md", content.Section, 1),
		page("en", "m/recruitment.md", content.Page, 2),
		page("en", "m/forms-of-exploitation/index.md", content.Page, 1),
		page("en", "m/b.md", content.Page, 0),
		page("en", "m/a.md", content.Page, 0),
		page("en", "m/sub/_index.md", content.Section, 3),
		page("en", "m/sub/deeper.md", content.Page, 1),
		page("es", "m/reclutamiento.md", content.Page, 1),
		page("en", "glossary.md", content.Page, 0),
		page("en", "about.md", content.Page, 0),
	}
	var got []string
	for _, s := range Lessons(sources, "en", "m") {
		got = append(got, s.Rel)
	}
	if want := []string{"m/a.md", "m/b.md", "m/forms-of-exploitation/index.md", "m/recruitment.md"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("lessons of m: %q, want %q", got, want)
	}
	got = nil
	for _, s := range Lessons(sources, "en", "") {
		got = append(got, s.Rel)
	}
	if len(got) != 1 || got[0] != "about.md" {
		t.Errorf("lessons at the top: %q, want only about.md", got)
	}
}
