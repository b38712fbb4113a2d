package config

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/diag"
)

func load(t *testing.T, files fstest.MapFS) (*Config, []diag.Diagnostic) {
	t.Helper()
	var l diag.List
	c := Load(files, &l)
	return c, l.Items()
}

func TestWithoutSiteYAML(t *testing.T) {
	c, d := load(t, fstest.MapFS{
		"content/fr/_index.md": {}, "content/en/_index.md": {}, "content/ar/_index.md": {}, "content/images/x.png": {},
	})
	if len(d) != 0 {
		t.Fatalf("diagnostics: %v", d)
	}
	var codes []string
	for _, l := range c.Languages {
		codes = append(codes, l.Code+":"+l.Dir+":"+l.Name)
	}
	if got := strings.Join(codes, " "); got != "en:ltr:English ar:rtl:العربية fr:ltr:Français" {
		t.Errorf("languages %s", got)
	}
	if c.DefaultLanguage != "en" || c.MissingTranslations != "fallback" || c.BaseURL != "/" {
		t.Errorf("defaults: %+v", c)
	}
	c, _ = load(t, fstest.MapFS{"content/zh/_index.md": {}, "content/fr/_index.md": {}})
	if c.DefaultLanguage != "fr" {
		t.Errorf("default without en = %s, want the first (fr)", c.DefaultLanguage)
	}
}

// The default language must have a folder, and a folder or a language
// written en_US is told how to write its tag.
func TestLanguageFolders(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"listed tag with _", fstest.MapFS{"site.yaml": {Data: []byte("languages:\n  en_US: {}\n")}, "content/en_US/_index.md": {}},
			`site.yaml:2:3: "en_US" is not a valid BCP 47 language tag (write en-US: language tags join their parts with -)`},
		{"folder with _", fstest.MapFS{"content/en/_index.md": {}, "content/pt_BR/_index.md": {}},
			"content/pt_BR: warning: folder content/pt_BR is not named by a language tag and is not built (write pt-BR: language tags join their parts with -)"},
		{"default renamed", fstest.MapFS{"site.yaml": {Data: []byte("languages:\n  en-GB: {}\n")}, "content/en/_index.md": {}},
			"content/en-GB: no folder content/en-GB for the default language en-GB, so there is no course to build (rename content/en to content/en-GB)"},
		{"default missing", fstest.MapFS{"site.yaml": {Data: []byte("defaultLanguage: en\nlanguages:\n  en: {}\n  fr: {}\n")}, "content/fr/_index.md": {}},
			"content/en: no folder content/en for the default language en, so there is no course to build (create content/en/ with the course's pages)"},
	} {
		_, d := load(t, tc.files)
		var got []string
		for _, m := range d {
			got = append(got, m.Error())
		}
		if !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("%s: got\n%s\nwant %s", tc.name, strings.Join(got, "\n"), tc.want)
		}
	}
	// A language other than the default may have no folder yet: its pages
	// are the default language's until translated.
	if _, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte("languages:\n  en: {}\n  fr: {}\n")}, "content/en/_index.md": {}}); len(d) != 0 {
		t.Errorf("a language without a folder: %v", d)
	}
}

func TestSiteYAML(t *testing.T) {
	c, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(`
title: Course
baseURL: https://example.org/training
defaultLanguage: fr
languages:
  fr: { name: Français, weight: 2 }
  fa: { name: فارسی, weight: 1 }
  zh-Hant: { weight: 3 }
`)}, "content/fr/_index.md": {}})
	if len(d) != 0 {
		t.Fatalf("diagnostics: %v", d)
	}
	if c.BaseURL != "https://example.org/training/" || c.DefaultLanguage != "fr" {
		t.Errorf("%+v", c)
	}
	if c.Languages[0].Code != "fa" || c.Languages[0].Dir != "rtl" || c.Languages[2].Name == "" {
		t.Errorf("languages %+v", c.Languages)
	}
	for _, dir := range []string{"he", "ur", "ps", "yi", "dv", "sd", "ckb", "ar-EG", "az-Arab"} {
		if Direction(dir) != "rtl" {
			t.Errorf("%s should be rtl", dir)
		}
	}
	for _, dir := range []string{"en", "fr", "zh-Hant", "az-Latn", "ru"} {
		if Direction(dir) != "ltr" {
			t.Errorf("%s should be ltr", dir)
		}
	}
}

func TestSiteYAMLMistakes(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"titel: X\nlanguages: {en: {}}\n", `site.yaml:1:1: unknown key "titel" (did you mean "title"?)`},
		{"languages:\n  en: { nmae: English }\n", `unknown key "nmae" (did you mean "name"?)`},
		{"languages:\n  xx-invalid-tag: {}\n", `is not a valid BCP 47 language tag`},
		{"languages: {en: {}}\nmissingTranslations: fallbak\n", `(did you mean "fallback"?)`},
		{"languages: {en: {}}\ndefaultLanguage: de\n", `defaultLanguage "de" is not one of the languages`},
		{"title: [oops\n", `site.yaml:`},
		{"languages: {en: {}}\nbaseURL: ftp://x/\n", `is not an http or https address`},
	}
	for _, tt := range tests {
		_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(tt.yaml)}, "content/en/_index.md": {}})
		found := false
		for _, x := range d {
			if strings.Contains(x.Error(), tt.want) && x.Severity == diag.Error {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no error containing %q in %v", tt.yaml, tt.want, d)
		}
	}
}

// TestDefaultLanguageHint: a defaultLanguage the course does not have is
// answered the same way every time (site.yaml's languages are a map, whose
// order Go changes from run to run), with a guess only when one language
// is clearly meant, else the languages in site.yaml's order.
func TestDefaultLanguageHint(t *testing.T) {
	const languages = "languages:\n  en: { weight: 1 }\n  fr: { weight: 2 }\n  zh: { weight: 3 }\n  ar: { weight: 4 }\n"
	folders := fstest.MapFS{"content/en/_index.md": {}, "content/fr/_index.md": {}, "content/zh/_index.md": {}, "content/ar/_index.md": {}}
	for _, tc := range []struct {
		name string
		yaml string // "" for no site.yaml: the languages are the folders
		def  string
		want string
	}{
		{"not a language of the course", languages, "de", "the course's languages are en, fr, zh, ar"},
		{"site.yaml's order, not the weights", "languages:\n  zh: { weight: 3 }\n  en: { weight: 1 }\n  ar: { weight: 4 }\n  fr: { weight: 2 }\n", "de", "the course's languages are zh, en, ar, fr"},
		{"letter case", languages, "EN", `did you mean "en"?`},
		{"written with _", languages, "en_GB", `did you mean "en"?`},
		{"a region of a language", languages, "zh-TW", `did you mean "zh"?`},
		{"one letter off", languages, "fra", `did you mean "fr"?`},
	} {
		files := fstest.MapFS{}
		for name, f := range folders {
			files[name] = f
		}
		files["site.yaml"] = &fstest.MapFile{Data: []byte("defaultLanguage: " + tc.def + "\n" + tc.yaml)}
		// Map order changes from one range to the next: a hint taken
		// from it would differ within a few runs.
		for range 20 {
			_, d := load(t, files)
			var got []string
			for _, m := range d {
				if strings.Contains(m.Message, "defaultLanguage") {
					got = append(got, m.Hint)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("%s: defaultLanguage %s: hints %q, want %q", tc.name, tc.def, got, tc.want)
				break
			}
		}
	}
	// Without languages in site.yaml, the languages are the folders, sorted.
	files := fstest.MapFS{"site.yaml": {Data: []byte("defaultLanguage: de\n")}}
	for name, f := range folders {
		files[name] = f
	}
	if _, d := load(t, files); len(d) != 1 || d[0].Hint != "the course's languages are ar, en, fr, zh" {
		t.Errorf("without languages in site.yaml: %v", d)
	}
}

// TestLanguageMistakesAtTheirLine: a mistake in a language's entry is
// reported on that language's line, not on the first line that has the
// same key or text.
func TestLanguageMistakesAtTheirLine(t *testing.T) {
	yaml := "title: \"fr_FR: direction\"\nlanguages:\n  en: { direction: ltr }\n  fr: { direction: rtl }\n  ar: { direction: rlt }\n  fr_FR: {}\n"
	_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(yaml)}, "content/en/_index.md": {}})
	var got []string
	for _, m := range d {
		got = append(got, m.Error())
	}
	for _, want := range []string{
		`site.yaml:5:9: direction must be ltr or rtl, not "rlt"`,
		`site.yaml:6:3: "fr_FR" is not a valid BCP 47 language tag`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("want %s in:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestLanguageOrder: languages by weight, those without one after those
// with one; then the default language, then site.yaml's order.
func TestLanguageOrder(t *testing.T) {
	for yaml, want := range map[string]string{
		// es, added without a weight, does not jump to the front.
		"languages:\n  en: {weight: 1}\n  fr: {weight: 2}\n  es: {}\n":           "en fr es",
		"languages:\n  zh: {}\n  fr: {}\n  en: {}\ndefaultLanguage: fr\n":        "fr zh en",
		"languages:\n  uk: {}\n  ar: {weight: 2}\n  en: {weight: 1}\n  de: {}\n": "en ar uk de",
	} {
		files := fstest.MapFS{"site.yaml": {Data: []byte(yaml)}}
		for _, code := range []string{"en", "fr", "es", "zh", "uk", "ar", "de"} {
			files["content/"+code+"/_index.md"] = &fstest.MapFile{}
		}
		c, d := load(t, files)
		var got []string
		for _, l := range c.Languages {
			got = append(got, l.Code)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: %v, want %s (%v)", yaml, got, want, d)
		}
	}
}

// TestListedLanguageWithoutItsFolder: ES or es-ES in site.yaml for the
// folder content/es built a Spanish site of English pages alone and left
// the translations out, with only a warning about the folder. An error at
// the language's line says what to write; a language listed before its
// translation starts (no folder, no folder of its language) is fine.
func TestListedLanguageWithoutItsFolder(t *testing.T) {
	for listed, want := range map[string]string{
		"ES":      "site.yaml:4:3: site.yaml lists the language ES, but its folder is content/es (write es: in site.yaml, as the folder is named)",
		"es-ES":   "site.yaml:4:3: site.yaml lists the language es-ES, but its folder is content/es (write es: in site.yaml, as the folder is named, or rename the folder to content/es-ES)",
		"es":      "",
		"zh-Hant": "content/es: warning: folder content/es is not a language listed in site.yaml and is not built (add `es: { name: ..., title: ... }`",
		"es-MX":   "site.yaml:4:3: site.yaml lists the language es-MX, but its folder is content/es",
	} {
		yaml := "title: T\nlanguages:\n  en: { name: English }\n  " + listed + ": { name: Español }\n"
		_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(yaml)}, "content/en/_index.md": {}, "content/es/_index.md": {}})
		var got []string
		for _, m := range d {
			got = append(got, m.Error())
		}
		all := strings.Join(got, "\n")
		if want == "" && all != "" || want != "" && (len(got) != 1 || !strings.HasPrefix(all, want)) {
			t.Errorf("%s:\n got %s\nwant %s", listed, all, want)
		}
	}
}

// TestLanguageGivenAsItsName: "es: Español" under languages: is a mapping
// given as text; the message says what to write.
func TestLanguageGivenAsItsName(t *testing.T) {
	_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte("title: T\nlanguages:\n  en: English\n")}, "content/en/_index.md": {}})
	if len(d) != 1 || d[0].Error() != "site.yaml:3:1: en takes settings (`key: value`), not text (write en: { name: English })" {
		t.Errorf("got %v", d)
	}
}

// TestTraditionalChineseBeforeItsFolder: zh-Hant listed before its
// translation starts, beside an unlisted content/zh (Simplified), is not
// the zh folder misnamed: another script, another language.
func TestTraditionalChineseBeforeItsFolder(t *testing.T) {
	yaml := "title: T\nlanguages:\n  en: { name: English }\n  zh-Hant: { name: 繁體中文 }\n"
	_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(yaml)}, "content/en/_index.md": {}, "content/zh/_index.md": {}})
	for _, m := range d {
		if m.Severity == diag.Error {
			t.Errorf("error: %v", m)
		}
	}
}

// TestMissingCommaInALanguage: "{ name: Français weight: 2 }" is read as
// a name of "Français weight: 2" without a weight; the error says which
// comma is missing.
func TestMissingCommaInALanguage(t *testing.T) {
	yaml := "title: T\nlanguages:\n  en: { name: English, weight: 1 }\n  fr: { name: Français weight: 2 }\n"
	_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(yaml)}, "content/en/_index.md": {}, "content/fr/_index.md": {}})
	want := `site.yaml:4:3: the name of fr reads "Français weight: 2": a comma is missing before weight (separate the settings with commas, or put a value that holds ": " in quotes)`
	if len(d) != 1 || d[0].Error() != want {
		t.Errorf("got %v\nwant %s", d, want)
	}
	// A title that holds ": " in quotes, or on a line of its own, is right.
	for _, yaml := range []string{
		"title: T\nlanguages:\n  en: { name: English, title: \"Course title: Human trafficking\" }\n",
		"title: T\nlanguages:\n  en:\n    name: English\n    title: \"What's in a name: identity documents\"\n",
		"title: T\nlanguages:\n  en: { name: English, title: 'Indicators by sector — direction: labour' }\n",
	} {
		if _, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(yaml)}, "content/en/_index.md": {}}); len(d) != 0 {
			t.Errorf("%q: %v", yaml, d)
		}
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want, example string }{
		{"https://example.org/training", "https://example.org/training/", ""},
		{"http://example.org", "http://example.org/", ""},
		{"https://example.org/safe recruitment/", "https://example.org/safe%20recruitment/", ""},
		{"https://example.org/formación/", "https://example.org/formaci%C3%B3n/", ""},
		{"https://example.org/a%20b/", "https://example.org/a%20b/", ""},
		{"/training", "/training/", ""},
		{" https://example.org/x/ ", "https://example.org/x/", ""},
		{"example.org/safe-recruitment/", "", "https://example.org/safe-recruitment/"},
		{"www.example.org", "", "https://www.example.org/"},
		{"localhost:8080/training", "", "https://localhost:8080/training/"},
		{"//example.org/x", "", "https://example.org/x/"},
		{"ftp://example.org/", "", "https://example.org/training/"},
		{"https:///x/", "", "https://example.org/training/"},
		{"https://example.org/x/?lang=en", "", "https://example.org/training/"},
		{"https://example.org/x/#top", "", "https://example.org/training/"},
	} {
		got, err := NormalizeBaseURL(tc.in)
		if tc.example == "" {
			if err != nil || got != tc.want {
				t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			continue
		}
		var e *BaseURLError
		if !errors.As(err, &e) || e.Example != tc.example {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want an error suggesting %q", tc.in, got, err, tc.example)
		}
	}
}

// TestFolderNamedAfterItsLanguage: content/portuguese (or Português)
// beside pt listed with no folder is that folder; a folder of a language
// dropped from site.yaml may be deleted.
func TestFolderNamedAfterItsLanguage(t *testing.T) {
	for folder, want := range map[string]string{
		"portuguese": "rename it to content/pt: site.yaml lists pt (Português), which has no folder",
		"Português":  "rename it to content/pt: site.yaml lists pt (Português), which has no folder",
		"spanish":    "rename the folder to its language's tag: use a tag such as en, fr, zh, zh-Hant, ar",
		"de":         "or delete it if the course no longer has this language",
	} {
		yaml := "title: T\nlanguages:\n  en: { name: English }\n  pt: { name: Português }\n"
		_, d := load(t, fstest.MapFS{"site.yaml": {Data: []byte(yaml)}, "content/en/_index.md": {}, "content/" + folder + "/_index.md": {}})
		if len(d) != 1 || !strings.Contains(d[0].Hint, want) {
			t.Errorf("content/%s: got %v, want a hint with %q", folder, d, want)
		}
	}
}
