package i18n

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/fieldguide/fieldguide/generator/diag"
)

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"},
		{"ru", 1, "one"}, {"ru", 2, "few"}, {"ru", 5, "many"}, {"ru", 11, "many"}, {"ru", 21, "one"}, {"ru", 22, "few"}, {"ru", 112, "many"},
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 10, "few"}, {"ar", 11, "many"}, {"ar", 99, "many"}, {"ar", 100, "other"}, {"ar", 103, "few"},
		{"zh", 1, "other"}, {"zh-Hant", 5, "other"}, {"pt", 0, "one"}, {"de", 1, "one"},
	}
	for _, tt := range tests {
		if got := PluralCategory(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralCategory(%s, %d) = %s, want %s", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestCatalog(t *testing.T) {
	theme := fstest.MapFS{
		"i18n/en.yaml": {Data: []byte("hello: Hello\nlessons:\n  one: \"{n} lesson\"\n  other: \"{n} lessons\"\nonlyEnglish: English only\nnamed: \"Not in {language}\"\n")},
		"i18n/fr.yaml": {Data: []byte("hello: Bonjour\nlessons:\n  one: \"{n} leçon\"\n  other: \"{n} leçons\"\n")},
		"i18n/ar.yaml": {Data: []byte("lessons:\n  zero: لا دروس\n  one: درس واحد\n  two: درسان\n  few: \"{n} دروس\"\n  many: \"{n} درسًا\"\n  other: \"{n} درس\"\n")},
	}
	site := fstest.MapFS{"i18n/fr.yaml": {Data: []byte("hello: Salut\n")}}
	var l diag.List
	c := Load(theme, site, []string{"en", "fr", "ar", "zh-Hant"}, &l)
	checks := []struct {
		lang, key, want string
		args            []any
	}{
		{"en", "hello", "Hello", nil},
		{"fr", "hello", "Salut", nil}, // the site overrides the theme
		{"fr", "lessons", "1 leçon", []any{"n", 1}},
		{"fr", "lessons", "0 leçon", []any{"n", 0}},
		{"en", "lessons", "1,200 lessons", []any{"n", 1200}},
		{"fr", "lessons", "1\u00a0200 leçons", []any{"n", 1200}},
		{"ar", "lessons", "درسان", []any{"n", 2}},
		{"fr", "onlyEnglish", "English only", nil}, // falls back to English
		{"zh-Hant", "hello", "Hello", nil},
		{"en", "named", "Not in Français", []any{"language", "Français"}},
		{"en", "no.such.key", "no.such.key", nil},
	}
	for _, ch := range checks {
		if got := c.T(ch.lang, ch.key, ch.args...); got != ch.want {
			t.Errorf("T(%s, %s, %v) = %q, want %q", ch.lang, ch.key, ch.args, got, ch.want)
		}
	}
	if got := c.MissingKeys("fr"); len(got) != 2 || got[0] != "named" || got[1] != "onlyEnglish" {
		t.Errorf("MissingKeys(fr) = %v", got)
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "27 November 2026", "fr": "27 novembre 2026", "de": "27. November 2026",
		"zh": "2026年11月27日", "es": "27 de noviembre de 2026", "ar": "٢٧ نوفمبر ٢٠٢٦",
		"ko": "2026년 11월 27일", "ru": "27 ноября 2026", "xx": "2026-11-27",
	} {
		if got := FormatDate(lang, d); got != want {
			t.Errorf("FormatDate(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestSourceHashIgnoresWhitespace(t *testing.T) {
	a := SourceHash([]byte("Hello  world.\n\nSecond   paragraph.\n"))
	b := SourceHash([]byte("Hello world.\n\n\nSecond\nparagraph."))
	c := SourceHash([]byte("Hello world.\n\nSecond paragraph changed."))
	if a != b {
		t.Error("whitespace-only edit changed the hash")
	}
	if a == c {
		t.Error("content edit kept the hash")
	}
	if len(a) != 12 {
		t.Errorf("hash %q is not 12 hex digits", a)
	}
}
