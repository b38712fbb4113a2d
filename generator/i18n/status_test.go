package i18n

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// page makes a source the way content.Walk would, from its language, path
// inside the language folder, body and front matter.
func page(lang, rel, body string, fm content.FrontMatter) *content.Source {
	s := &content.Source{Lang: lang, Rel: rel, File: "content/" + lang + "/" + rel, FM: fm, Body: []byte(body)}
	switch {
	case rel == "_index.md":
		s.Kind = content.Home
	case strings.HasSuffix(rel, "/_index.md"):
		s.Kind = content.Section
	}
	return s
}

func from(body string) content.FrontMatter {
	return content.FrontMatter{TranslatedFrom: SourceHash(&content.Source{Body: []byte(body)})}
}

func cfg(langs ...string) *config.Config {
	c := &config.Config{DefaultLanguage: langs[0]}
	for _, l := range langs {
		c.Languages = append(c.Languages, config.Language{Code: l})
	}
	return c
}

func TestTranslationStatus(t *testing.T) {
	const a, b = "Body of a.\n", "Body of b.\n"
	tests := []struct {
		name    string
		cfg     *config.Config
		sources []*content.Source
		want    map[string]LanguageStatus // only the lists; Sources when set
	}{
		{
			name: "translated, missing",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/a.md", a, content.FrontMatter{}),
				page("en", "m1/b.md", b, content.FrontMatter{}),
				page("fr", "m1/a.md", "Corps de a.\n", from(a)),
			},
			want: map[string]LanguageStatus{"fr": {Translated: []string{"m1/a.md"}, Missing: []string{"m1/b.md"}}},
		},
		{
			name: "outdated when the source changed",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/a.md", "Body of a, rewritten.\n", content.FrontMatter{}),
				page("fr", "m1/a.md", "Corps de a.\n", from(a)),
			},
			want: map[string]LanguageStatus{"fr": {Outdated: []string{"m1/a.md"}}},
		},
		{
			name: "rewrapping the source does not outdate",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/a.md", "Body\nof   a.\n\n\n", content.FrontMatter{}),
				page("fr", "m1/a.md", "Corps de a.\n", from(a)),
			},
			want: map[string]LanguageStatus{"fr": {Translated: []string{"m1/a.md"}}},
		},
		{
			name: "unmarked without translatedFrom",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/a.md", a, content.FrontMatter{}),
				page("fr", "m1/a.md", "Corps de a.\n", content.FrontMatter{}),
			},
			want: map[string]LanguageStatus{"fr": {Unmarked: []string{"m1/a.md"}}},
		},
		{
			name: "orphaned when the source is gone",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/a.md", a, content.FrontMatter{}),
				page("fr", "m1/a.md", "Corps.\n", from(a)),
				page("fr", "m1/old.md", "Ancien.\n", from(a)),
			},
			want: map[string]LanguageStatus{"fr": {Translated: []string{"m1/a.md"}, Orphaned: []string{"m1/old.md"}}},
		},
		{
			name: "paired by translationKey across paths",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/interview.md", a, content.FrontMatter{TranslationKey: "interview"}),
				page("fr", "m1/entretien.md", "Corps.\n", content.FrontMatter{TranslationKey: "interview", TranslatedFrom: SourceHash(&content.Source{Body: []byte(a)})}),
			},
			want: map[string]LanguageStatus{"fr": {Translated: []string{"m1/entretien.md"},
				Sources: map[string]string{"m1/entretien.md": "m1/interview.md"}}},
		},
		{
			name: "same path but the source has a translationKey",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "m1/a.md", a, content.FrontMatter{TranslationKey: "k"}),
				page("fr", "m1/a.md", "Corps.\n", from(a)),
			},
			want: map[string]LanguageStatus{"fr": {Missing: []string{"m1/a.md"}, Orphaned: []string{"m1/a.md"}}},
		},
		{
			name: "home, sections and leaf bundles",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "_index.md", "Home.\n", content.FrontMatter{}),
				page("en", "m1/_index.md", "Module.\n", content.FrontMatter{}),
				page("en", "m1/lesson/index.md", a, content.FrontMatter{}),
				page("fr", "_index.md", "Accueil.\n", from("Home.\n")),
				page("fr", "m1/_index.md", "Module.\n", content.FrontMatter{}),
				page("fr", "m1/lesson.md", "Leçon.\n", from(a)),
			},
			want: map[string]LanguageStatus{"fr": {
				Translated: []string{"_index.md", "m1/lesson.md"},
				Unmarked:   []string{"m1/_index.md"},
				Sources:    map[string]string{"m1/lesson.md": "m1/lesson/index.md"},
			}},
		},
		{
			name: "trainer-only pages count; drafts are apart, their translations not",
			cfg:  cfg("en", "fr"),
			sources: []*content.Source{
				page("en", "guide.md", a, content.FrontMatter{Audience: "trainer"}),
				page("en", "wip.md", b, content.FrontMatter{Draft: true}),
				page("en", "next/_index.md", "Module.\n", content.FrontMatter{Draft: true}),
				page("en", "next/one.md", a, content.FrontMatter{}),
				page("en", "next/two.md", b, content.FrontMatter{}),
				page("fr", "next/two.md", "Deux.\n", content.FrontMatter{}),
			},
			want: map[string]LanguageStatus{"fr": {Missing: []string{"guide.md"}, Drafts: []string{"next/_index.md", "next/one.md", "wip.md"},
				Unmarked: []string{"next/two.md"}}},
		},
		{
			name: "several languages, default not first",
			cfg:  cfg("fr", "en", "zh"),
			sources: []*content.Source{
				page("fr", "a.md", a, content.FrontMatter{}),
				page("en", "a.md", "A.\n", from(a)),
			},
			want: map[string]LanguageStatus{"en": {Translated: []string{"a.md"}}, "zh": {Missing: []string{"a.md"}}},
		},
		{
			name: "languages not in the configuration are ignored",
			cfg:  cfg("en"),
			sources: []*content.Source{
				page("en", "a.md", a, content.FrontMatter{}),
				page("xx", "a.md", a, content.FrontMatter{}),
			},
			want: map[string]LanguageStatus{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := TranslationStatus(tt.cfg, tt.sources, nil)
			if st.DefaultLanguage != tt.cfg.DefaultLanguage {
				t.Errorf("DefaultLanguage = %q", st.DefaultLanguage)
			}
			if len(st.Languages) != len(tt.want) {
				t.Errorf("languages %v, want %d", keys(st.Languages), len(tt.want))
			}
			for lang, want := range tt.want {
				got := st.Languages[lang]
				if got == nil {
					t.Fatalf("no status for %s", lang)
				}
				for _, kind := range append(Kinds, "untranslatedStrings") {
					w := want.List(kind)
					if w == nil {
						w = []string{}
					}
					if g := got.List(kind); !reflect.DeepEqual(g, w) {
						t.Errorf("%s %s = %q, want %q", lang, kind, g, w)
					}
				}
				wantSources := want.Sources
				if wantSources == nil {
					wantSources = map[string]string{}
				}
				if !reflect.DeepEqual(got.Sources, wantSources) {
					t.Errorf("%s sources = %v, want %v", lang, got.Sources, wantSources)
				}
				c := got.Counts
				if c.Translated != len(got.Translated) || c.Outdated != len(got.Outdated) || c.Unmarked != len(got.Unmarked) ||
					c.Missing != len(got.Missing) || c.Drafts != len(got.Drafts) || c.Orphaned != len(got.Orphaned) {
					t.Errorf("%s counts %+v do not match the lists", lang, c)
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestTranslationStatusJSON pins the JSON shape tools rely on: arrays are
// never null and sorted.
func TestTranslationStatusJSON(t *testing.T) {
	st := TranslationStatus(cfg("en", "fr"), []*content.Source{
		page("en", "m1/b.md", "B.\n", content.FrontMatter{}),
		page("en", "m1/a.md", "A.\n", content.FrontMatter{}),
		page("fr", "m1/a.md", "A.\n", from("A.\n")),
	}, nil)
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"defaultLanguage":"en","languages":{"fr":{"translated":["m1/a.md"],"outdated":[],"unmarked":[],"missing":["m1/b.md"],"drafts":[],"orphaned":[],"untranslatedStrings":[],"sources":{},"counts":{"pages":2,"translated":1,"outdated":0,"unmarked":0,"missing":1,"drafts":0,"orphaned":0,"untranslatedStrings":0}}}}`
	if string(data) != want {
		t.Errorf("JSON\n got %s\nwant %s", data, want)
	}
}

func TestTranslationStatusUIStrings(t *testing.T) {
	theme := fstest.MapFS{
		"i18n/en.yaml": {Data: []byte("search: Search\nmenu: Menu\nnext: Next\n")},
		"i18n/fr.yaml": {Data: []byte("search: Rechercher\n")},
	}
	var diags diag.List
	cat := Load(theme, nil, []string{"en", "fr"}, &diags)
	st := TranslationStatus(cfg("en", "fr"), nil, cat)
	if got, want := st.Languages["fr"].UntranslatedStrings, []string{"menu", "next"}; !reflect.DeepEqual(got, want) {
		t.Errorf("untranslatedStrings = %q, want %q", got, want)
	}
	if st.Languages["fr"].Counts.UntranslatedStrings != 2 {
		t.Errorf("count = %d", st.Languages["fr"].Counts.UntranslatedStrings)
	}
}
