package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/layouts"
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

func TestPluralCategories(t *testing.T) {
	for lang, want := range map[string]string{"en": "one other", "ar": "zero one two few many other", "zh": "other",
		"uk": "one few many other", "fr": "one many other", "fa": "one other"} {
		if got := strings.Join(PluralCategories(lang), " "); got != want {
			t.Errorf("PluralCategories(%s) = %s, want %s", lang, got, want)
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

// TestThemeFile: the theme's file of a language, found as its strings
// are (es-MX reads es.yaml); none for a language the theme lacks, even
// when the site has a file of it.
func TestThemeFile(t *testing.T) {
	theme := fstest.MapFS{
		"i18n/en.yaml": {Data: []byte("menu: Menu\n")},
		"i18n/es.yaml": {Data: []byte("menu: Menú\n")},
	}
	site := fstest.MapFS{"i18n/uk.yaml": {Data: []byte("menu: Меню\n")}}
	c := Load(theme, site, []string{"es", "es-MX", "uk"}, &diag.List{})
	for lang, want := range map[string]string{"en": "layouts/i18n/en.yaml", "es": "layouts/i18n/es.yaml", "es-MX": "layouts/i18n/es.yaml", "uk": ""} {
		if got := c.ThemeFile(lang); got != want {
			t.Errorf("ThemeFile(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "27 November 2026", "fr": "27 novembre 2026", "de": "27. November 2026",
		"zh": "2026年11月27日", "es": "27 de noviembre de 2026", "ar": "27 نوفمبر 2026",
		"ko": "2026년 11월 27일", "ru": "27 ноября 2026", "xx": "2026-11-27",
	} {
		if got := FormatDate(lang, d); got != want {
			t.Errorf("FormatDate(%s) = %q, want %q", lang, got, want)
		}
	}
}

// TestFormatNumber: each language's digits and separators, the same
// when asked again (from a printer kept for the language), and plain
// digits for a tag that does not parse.
func TestFormatNumber(t *testing.T) {
	for range 2 {
		for lang, want := range map[string]string{
			"en": "12,345", "fr": "12\u00a0345", "de": "12.345", "zh": "12,345", "ar": "12,345", "fa": "۱۲٬۳۴۵", "not a tag": "12345",
		} {
			if got := FormatNumber(lang, 12345); got != want {
				t.Errorf("FormatNumber(%q, 12345) = %q, want %q", lang, got, want)
			}
		}
	}
}

// TestNumbering: the digits the theme's scripts are told to write each
// language's numbers in are those FormatNumber writes.
func TestNumbering(t *testing.T) {
	for lang, want := range map[string]string{"en": "latn", "ar": "latn", "fa": "arabext", "ar-u-nu-arab": "arab", "hi": "latn", "mr": "deva", "not a tag": ""} {
		if got := Numbering(lang); got != want {
			t.Errorf("Numbering(%q) = %q, want %q (FormatNumber writes %s)", lang, got, want, FormatNumber(lang, 1234567890))
		}
	}
}

func TestSourceHashIgnoresWhitespace(t *testing.T) {
	src := func(body string) *content.Source { return &content.Source{Body: []byte(body)} }
	a := SourceHash(src("Hello  world.\n\nSecond   paragraph.\n"))
	b := SourceHash(src("Hello world.\n\n\nSecond\nparagraph."))
	c := SourceHash(src("Hello world.\n\nSecond paragraph changed."))
	if a != b {
		t.Error("whitespace-only edit changed the hash")
	}
	if a == c {
		t.Error("content edit kept the hash")
	}
	if len(a) != 16 {
		t.Errorf("hash %q is not 16 hex digits", a)
	}
}

// TestSourceHashCoversWhatPagesShow: editing the title, description,
// objectives, key points or prerequisites of a source makes its
// translations outdated, as editing its body does; moving a line from one
// list to another does too; the keys a translator does not translate
// (weight, slug, duration…) and whitespace do not.
func TestSourceHashCoversWhatPagesShow(t *testing.T) {
	base := content.FrontMatter{Title: "ILO indicators", Description: "Eleven signs.", Objectives: []string{"Name the indicators"},
		Keypoints: []string{"One indicator is rarely enough", "Look for several"}, Prerequisites: []string{"The definition"}}
	body := "Text of the lesson.\n"
	hash := func(edit func(fm *content.FrontMatter)) string {
		fm := base
		fm.Objectives = slices.Clone(base.Objectives)
		fm.Keypoints = slices.Clone(base.Keypoints)
		fm.Prerequisites = slices.Clone(base.Prerequisites)
		edit(&fm)
		return SourceHash(&content.Source{FM: fm, Body: []byte(body)})
	}
	was := hash(func(*content.FrontMatter) {})
	for name, edit := range map[string]func(fm *content.FrontMatter){
		"title":           func(fm *content.FrontMatter) { fm.Title = "ILO forced-labour indicators" },
		"description":     func(fm *content.FrontMatter) { fm.Description = "Eleven signs of forced labour." },
		"objective":       func(fm *content.FrontMatter) { fm.Objectives[0] = "Name all eleven indicators" },
		"key point":       func(fm *content.FrontMatter) { fm.Keypoints[0] = "Usually at least three are needed" },
		"key point added": func(fm *content.FrontMatter) { fm.Keypoints = append(fm.Keypoints, "Ask, do not assume") },
		"prerequisite":    func(fm *content.FrontMatter) { fm.Prerequisites = nil },
		"moved to another": func(fm *content.FrontMatter) {
			fm.Objectives, fm.Keypoints = append(fm.Objectives, "Look for several"), fm.Keypoints[:1]
		},
		"split in two": func(fm *content.FrontMatter) {
			fm.Keypoints = []string{"One indicator", "is rarely enough", "Look for several"}
		},
	} {
		if hash(edit) == was {
			t.Errorf("editing the %s kept the hash", name)
		}
	}
	for name, edit := range map[string]func(fm *content.FrontMatter){
		"weight":     func(fm *content.FrontMatter) { fm.Weight = 7 },
		"slug":       func(fm *content.FrontMatter) { fm.Slug = "ilo" },
		"duration":   func(fm *content.FrontMatter) { fm.Duration = 30 },
		"draft":      func(fm *content.FrontMatter) { fm.Draft = true },
		"aliases":    func(fm *content.FrontMatter) { fm.Aliases = []string{"/old/"} },
		"whitespace": func(fm *content.FrontMatter) { fm.Title = "ILO  indicators " },
	} {
		if hash(edit) != was {
			t.Errorf("editing the %s changed the hash", name)
		}
	}
}

// TestCurrentReadsOldMarks: a mark of 12 hex digits, as i18n mark wrote
// before the front matter counted, is compared with the body alone; a
// mark of today with the body and the front matter.
func TestCurrentReadsOldMarks(t *testing.T) {
	src := &content.Source{FM: content.FrontMatter{Title: "Title"}, Body: []byte("Body.\n")}
	old, now := BodyHash(src.Body), SourceHash(src)
	if !Current(old, src, "", "") || !Current(now, src, "", "") || !Current(now, src, now, old) {
		t.Fatal("a mark of the source as it is is not current")
	}
	src.FM.Title = "Another title"
	if !Current(old, src, "", "") {
		t.Error("an old mark is outdated by a change it never covered")
	}
	if Current(now, src, "", "") {
		t.Error("a title change left today's mark current")
	}
	src.Body = []byte("Another body.\n")
	if Current(old, src, "", "") {
		t.Error("a body change left an old mark current")
	}
	if Current("", src, "", "") {
		t.Error("no mark is current")
	}
}

// A site's UI strings are checked against the theme's: mistakes are
// reported where they are and left out, so the theme's string shows.
func TestSiteStringsAreChecked(t *testing.T) {
	theme := fstest.MapFS{
		"i18n/en.yaml": {Data: []byte("menu: Menu\nlessons:\n  one: \"{n} lesson\"\n  other: \"{n} lessons\"\n")},
		"i18n/fr.yaml": {Data: []byte("menu: Menu\nlessons:\n  one: \"{n} leçon\"\n  other: \"{n} leçons\"\n")},
	}
	site := fstest.MapFS{"i18n/fr.yaml": {Data: []byte("\ufeffmenuu: Le menu\nlessons:\n  one: \"{n} leçon\"\n  othr: \"{n} leçons\"\nmenu: [Menu, Autre]\ncontact: Écrivez-nous\n")}}
	var l diag.List
	c := Load(theme, site, []string{"fr"}, &l)
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Error())
	}
	want := []string{
		`layouts/i18n/fr.yaml:1:1: warning: unknown UI string "menuu", left out (did you mean "menu"?)`,
		`layouts/i18n/fr.yaml:2:1: warning: "lessons" has a form "othr", which is not a plural category (did you mean "other"?)`,
		`layouts/i18n/fr.yaml:2:1: warning: "lessons" has no ` + "`other`" + ` form, so it is left out (every plural string needs ` + "`other`" + `, the form for any number the others do not take)`,
		`layouts/i18n/fr.yaml:5:1: warning: "menu" must be text, so it is left out (write the text after the colon, in quotes if it holds a colon: menu: "Menu")`,
		`layouts/i18n/fr.yaml:6:1: warning: unknown UI string "contact", left out (a string of your own is one a file of your layouts/ shows with {{T "contact"}}, and that layouts/i18n/en.yaml gives in English, which every language falls back to)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := c.T("fr", "lessons", "n", 2); got != "2 leçons" {
		t.Errorf("lessons = %q, want the theme's", got)
	}
	if got := c.T("fr", "menu"); got != "Menu" {
		t.Errorf("menu = %q, want the theme's", got)
	}

	l = diag.List{}
	Load(theme, fstest.MapFS{"i18n/fr.yaml": {Data: []byte("menu: Menu\n  bad: indent\n")}}, []string{"fr"}, &l)
	if items := l.Items(); len(items) != 1 || items[0].File != "layouts/i18n/fr.yaml" || items[0].Line == 0 || items[0].Severity != diag.Error {
		t.Errorf("malformed file: %v", items)
	}
}

// Traditional Chinese never takes the Simplified strings of zh.yaml; a
// regional variant takes its language's file in the same script.
func TestStringsFollowTheScript(t *testing.T) {
	theme := fstest.MapFS{
		"i18n/en.yaml":      {Data: []byte("search: Search\n")},
		"i18n/zh.yaml":      {Data: []byte("search: 搜索\n")},
		"i18n/pt.yaml":      {Data: []byte("search: Pesquisar\n")},
		"i18n/sr-Latn.yaml": {Data: []byte("search: Pretraga\n")},
	}
	c := Load(theme, nil, []string{"zh-Hant", "zh-TW", "zh-CN", "zh-Hans", "pt-BR", "sr", "sr-Latn-RS"}, &diag.List{})
	for lang, want := range map[string]string{
		"zh-Hant": "Search", "zh-TW": "Search", "zh-CN": "搜索", "zh-Hans": "搜索",
		"pt-BR": "Pesquisar", "sr": "Search", "sr-Latn-RS": "Pretraga",
	} {
		if got := c.T(lang, "search"); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := c.MissingKeys("zh-Hant"); len(got) != 1 {
		t.Errorf("MissingKeys(zh-Hant) = %v, want [search]", got)
	}
	theme["i18n/zh-Hant.yaml"] = &fstest.MapFile{Data: []byte("search: 搜尋\n")}
	c = Load(theme, nil, []string{"zh-TW", "zh-HK"}, &diag.List{})
	if got := c.T("zh-TW", "search") + c.T("zh-HK", "search"); got != "搜尋搜尋" {
		t.Errorf("zh-TW, zh-HK: %q, want zh-Hant's", got)
	}
}

func TestLanguageName(t *testing.T) {
	for _, tc := range [][4]string{
		{"fr", "en", "English", "anglais"},
		{"zh", "en", "English", "英语"},
		{"ar", "en", "English", "الإنجليزية"},
		{"en", "fr", "Français", "French"},
		{"fr", "x-bad", "Mine", "Mine"},
		// CLDR has no names in Kurdish: not Turkish ones in their place.
		{"ku", "en", "English", "English"},
		{"ku", "ku", "Kurdî", "Kurdî"},
	} {
		if got := LanguageName(tc[0], tc[1], tc[2]); got != tc[3] {
			t.Errorf("LanguageName(%s, %s) = %q, want %q", tc[0], tc[1], got, tc[3])
		}
	}
}

// TestBrokenStringsFileIsNotUntranslated: a strings file that cannot be
// read is reported as such, not also as a file with no string translated.
func TestBrokenStringsFileIsNotUntranslated(t *testing.T) {
	site := fstest.MapFS{"i18n/uk.yaml": {Data: []byte("menu: \"Меню\nnext: Далі\n")}}
	var diags diag.List
	Load(layouts.FS, site, []string{"uk"}, &diags)
	var codes []string
	for _, d := range diags.Items() {
		codes = append(codes, d.Code)
	}
	if !slices.Contains(codes, "yaml") || slices.Contains(codes, "ui-strings-none") {
		t.Errorf("messages %v, want the YAML error alone", diags.Items())
	}
}

// TestAppendWordsIsFields: appendWords cuts text where strings.Fields
// does, so that marks written before it still match: Unicode spaces,
// invalid UTF-8 and text without a space included.
func TestAppendWordsIsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "word", "  two   words \n", "tab\there\r\nand\vform\ffeed",
		"no-break\u00a0space, next\u0085line, ideographic\u3000space, em\u2003space",
		"invalid \xff\xfe bytes\xc3", "中文 文本\u3000العربية  النص", "trailing\u2028",
	} {
		var want []byte
		for _, f := range strings.Fields(s) {
			want = append(append(want, f...), ' ')
		}
		if got := appendWords(nil, s); string(got) != string(want) {
			t.Errorf("appendWords(%q) = %q, want %q", s, got, want)
		}
	}
	// Marks written by earlier versions stay valid: the SHA-256 of the
	// words, each followed by a space (sha256sum of "Hello world. Second
	// paragraph. ").
	if got := BodyHash([]byte("Hello  world.\n\nSecond   paragraph.\n")); got != "35959b1754a3" {
		t.Errorf("BodyHash = %q, want 35959b1754a3", got)
	}
}

// TestTCounted holds T's cache of counted strings equal to what T works
// out without it, asked twice so that the second answer is the cached one.
func TestTCounted(t *testing.T) {
	langs := []string{"en", "fr", "ar", "ru", "zh", "de"}
	c := Load(layouts.FS, nil, langs, &diag.List{})
	for _, lang := range langs {
		for _, key := range []string{"minutes", "lessonCount", "menu", "no-such-key"} {
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 100, 1234, 1000000, -7} {
				want := c.t(lang, key, []any{"n", n})
				if key == "minutes" && want == key {
					t.Fatalf("%s: the theme's strings did not load", lang)
				}
				for range 2 {
					if got := c.T(lang, key, "n", n); got != want {
						t.Errorf("T(%q, %q, n, %d) = %q, want %q", lang, key, n, got, want)
					}
				}
			}
		}
	}
}
