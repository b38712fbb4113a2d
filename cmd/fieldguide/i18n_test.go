package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/layouts"
	"golang.org/x/tools/txtar"
)

// translatedCourse has one page of each state in French.
const translatedCourse = `-- site.yaml --
title: Translations
defaultLanguage: en
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/_index.md --
Welcome.
-- content/en/m1/current.md --
---
title: Current
---
Current text.
-- content/en/m1/changed.md --
---
title: Changed
---
The source was rewritten.
-- content/en/m1/new.md --
---
title: New
---
Not translated yet.
-- content/en/m1/interview.md --
---
title: Interview
translationKey: interview
---
Interview text.
-- content/en/trainer.md --
---
title: Trainer guide
audience: trainer
draft: true
---
For trainers.
-- content/fr/_index.md --
Bienvenue.
-- content/fr/m1/current.md --
---
title: Actuel
translatedFrom: 2a1e06e7aa2a
---
Texte actuel.
-- content/fr/m1/changed.md --
---
title: Modifié
translatedFrom: 000000000000
---
Texte.
-- content/fr/m1/entretien.md --
---
title: Entretien
translationKey: interview
---
Texte.
-- content/fr/m1/removed.md --
---
title: Supprimé
---
Sa source a disparu.
`

// newTranslatedCourse writes translatedCourse with the right fingerprint
// for content/fr/m1/current.md.
func newTranslatedCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(translatedCourse)))
	current := filepath.Join(dir, "content/fr/m1/current.md")
	data, _ := os.ReadFile(current)
	data = []byte(strings.Replace(string(data), "2a1e06e7aa2a", sourceHash(t, dir, "content/en/m1/current.md"), 1))
	writeTestFile(t, current, data)
	return dir
}

// sourceHash is the SourceHash of the course file dir/name.
func sourceHash(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	src := &content.Source{File: name}
	if !content.Parse(src, data, &diag.List{}) {
		t.Fatalf("%s does not parse", name)
	}
	return i18n.SourceHash(src)
}

// TestStartTranslation: each missing page is shown with the command that
// starts its translation, or the file to copy where new cannot.
func TestStartTranslation(t *testing.T) {
	for rel, want := range map[string]string{
		"m/_index.md":         "fieldguide new module m --lang uk",
		"m/sub/_index.md":     "fieldguide new module m/sub --lang uk",
		"m/a.md":              "fieldguide new lesson m/a --lang uk",
		"m/b/index.md":        "fieldguide new lesson m/b --lang uk",
		"m/sub/c.md":          "fieldguide new lesson m/sub/c --lang uk",
		"m/Étude de cas.md":   `fieldguide new lesson "m/Étude de cas" --lang uk`,
		"_index.md":           "copy content/en/_index.md to content/uk/_index.md and translate it",
		"trainer-guide.md":    "copy content/en/trainer-guide.md to content/uk/trainer-guide.md and translate it",
		"standalone/index.md": "copy content/en/standalone/index.md to content/uk/standalone/index.md and translate it",
	} {
		if got := startTranslation("en", "uk", rel, ""); got != want {
			t.Errorf("%s: %q, want %q", rel, got, want)
		}
	}
	// A course elsewhere: the commands name it, the files are in it.
	for rel, want := range map[string]string{
		"m/a.md":    `fieldguide new lesson m/a --lang uk -s "/tmp/my course"`,
		"_index.md": "copy " + filepath.FromSlash("/tmp/my course/content/en/_index.md") + " to " + filepath.FromSlash("/tmp/my course/content/uk/_index.md") + " and translate it",
	} {
		if got := startTranslation("en", "uk", rel, "/tmp/my course"); got != want {
			t.Errorf("%s elsewhere: %q, want %q", rel, got, want)
		}
	}
}

func TestI18nStatusJSON(t *testing.T) {
	dir := newTranslatedCourse(t)
	code, stdout, stderr := runCommand(t, "i18n", "status", "-s", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var st i18n.Status
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatal(err)
	}
	fr := st.Languages["fr"]
	if st.DefaultLanguage != "en" || fr == nil || len(st.Languages) != 1 {
		t.Fatalf("status: %s", stdout)
	}
	// UI strings depend on the theme's translations, which change.
	if fr.UntranslatedStrings == nil {
		t.Error("untranslatedStrings is null")
	}
	fr.UntranslatedStrings = []string{}
	fr.Counts.UntranslatedStrings = 0
	want := &i18n.LanguageStatus{
		Translated:          []string{"m1/current.md"},
		Outdated:            []string{"m1/changed.md"},
		Unmarked:            []string{"_index.md", "m1/entretien.md"},
		Missing:             []string{"m1/new.md"},
		Drafts:              []string{"trainer.md"},
		Orphaned:            []string{"m1/removed.md"},
		UntranslatedStrings: []string{},
		Sources:             map[string]string{"m1/entretien.md": "m1/interview.md"},
		Counts:              i18n.Counts{Pages: 6, Translated: 1, Outdated: 1, Unmarked: 2, Missing: 1, Drafts: 1, Orphaned: 1},
	}
	if !reflect.DeepEqual(fr, want) {
		t.Errorf("fr status\n got %+v\nwant %+v", fr, want)
	}
	// The documented minimum shape, field by field.
	var raw struct {
		Languages map[string]map[string]json.RawMessage `json:"languages"`
	}
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"translated", "outdated", "unmarked", "missing", "drafts", "orphaned", "untranslatedStrings"} {
		v := strings.TrimSpace(string(raw.Languages["fr"][field]))
		if !strings.HasPrefix(v, "[") {
			t.Errorf("%s is %s, want an array", field, v)
		}
	}
}

func TestI18nStatusText(t *testing.T) {
	dir := newTranslatedCourse(t)
	t.Chdir(dir)
	code, stdout, _ := runCommand(t, "i18n", "status")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"Translations of en: 6 pages in content/en/ (drafts and trainer-only pages included)\n",
		"language  translated  outdated  unmarked  missing  drafts  orphaned  UI strings\nfr                 1         1         2        1       1         1",
		"fr (Français)",
		"  outdated (1): update from content/en/, then run fieldguide i18n mark content/fr/PATH\n    m1/changed.md\n",
		"  unmarked (2): review, then run fieldguide i18n mark content/fr/PATH\n    _index.md\n    m1/entretien.md  (source m1/interview.md)\n",
		"  missing (1): start each as shown\n    m1/new.md  (fieldguide new lesson m1/new --lang fr)\n",
		// A draft is not published: apart, not among the pages to translate.
		"  drafts, not to translate yet (1): not published while they have draft: true (theirs or their module's); once published they are listed as missing\n    trainer.md\n",
		"  orphaned (1): no page of content/en/ has this path or translationKey\n    m1/removed.md\n",
		"  translated (1): listed with --verbose\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
	// -s naming the working directory: the commands need no -s.
	if _, again, _ := runCommand(t, "i18n", "status", "-s", dir); again != stdout {
		t.Errorf("-s %s from that folder:\n%s\nwant as without -s:\n%s", dir, again, stdout)
	}
	// --verbose lists the translated pages too.
	if _, stdout, _ := runCommand(t, "i18n", "status", "-s", dir, "--verbose"); !strings.Contains(stdout, "  translated (1)\n    m1/current.md\n") {
		t.Errorf("--verbose does not list the translated page:\n%s", stdout)
	}
}

func TestI18nStatusFailOn(t *testing.T) {
	dir := newTranslatedCourse(t)
	tests := []struct {
		args    []string
		code    int
		wantErr string
	}{
		{nil, 0, ""},
		{[]string{"--fail-on", "outdated"}, 1, "1 outdated (--fail-on outdated)"},
		{[]string{"--fail-on", "missing,orphaned"}, 1, "1 missing, 1 orphaned"},
		{[]string{"--fail-on", "outdated", "--fail-on", "unmarked"}, 1, "1 outdated, 2 unmarked"},
		{[]string{"--fail-on", "stale"}, 2, `--fail-on takes outdated, unmarked, missing, orphaned, not "stale"`},
		{[]string{"--format", "yaml"}, 2, `--format must be text or json`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runCommand(t, append([]string{"i18n", "status", "-s", dir}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.wantErr)
			}
		})
	}
	// A complete translation passes every --fail-on.
	complete := t.TempDir()
	writeArchive(t, complete, txtar.Parse([]byte(`-- site.yaml --
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/a.md --
Text.
-- content/fr/a.md --
---
translatedFrom: `+i18n.SourceHash(&content.Source{Body: []byte("Text.\n")})+`
---
Texte.
`)))
	if code, stdout, stderr := runCommand(t, "i18n", "status", "-s", complete, "--fail-on", "outdated,unmarked,missing,orphaned"); code != 0 {
		t.Errorf("complete course: exit %d\n%s%s", code, stdout, stderr)
	}
	// An English draft is not published: no --fail-on waits for its translation.
	writeTestFile(t, filepath.Join(complete, "content/en/wip.md"), []byte("---\ndraft: true\n---\nNot ready.\n"))
	if code, stdout, stderr := runCommand(t, "i18n", "status", "-s", complete, "--fail-on", "outdated,unmarked,missing,orphaned"); code != 0 ||
		!strings.Contains(stdout, "  complete: every page but the drafts is translated and up to date\n") {
		t.Errorf("complete course with an English draft: exit %d\n%s%s", code, stdout, stderr)
	}
	// A language still being translated is left out of the check of the
	// others with --lang.
	writeArchive(t, complete, txtar.Parse([]byte(`-- site.yaml --
languages:
  en: { name: English }
  fr: { name: Français }
  ar: { name: العربية }
-- content/ar/_index.md --
مرحبا.
`)))
	if code, _, stderr := runCommand(t, "i18n", "status", "-s", complete, "--fail-on", "missing"); code != 1 || !strings.Contains(stderr, "1 missing") {
		t.Errorf("Arabic in progress: exit %d, %s", code, stderr)
	}
	if code, stdout, stderr := runCommand(t, "i18n", "status", "-s", complete, "--fail-on", "missing", "--lang", "FR"); code != 0 || strings.Contains(stdout, "ar ") {
		t.Errorf("--lang FR: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCommand(t, "i18n", "status", "-s", complete, "--lang", "de"); code != 2 || !strings.Contains(stderr, "--lang de: not a translated language") {
		t.Errorf("--lang de: exit %d, %s", code, stderr)
	}
}

func TestI18nMark(t *testing.T) {
	dir := newTranslatedCourse(t)
	changed := filepath.Join(dir, "content/fr/m1/changed.md")
	if err := os.Chmod(changed, 0o600); err != nil {
		t.Fatal(err)
	}
	// Windows line ends survive.
	entretien := filepath.Join(dir, "content/fr/m1/entretien.md")
	writeTestFile(t, entretien, []byte("---\r\ntitle: Entretien # à revoir\r\ntranslationKey: interview\r\n---\r\nTexte.\r\n"))

	code, stdout, stderr := runCommand(t, "i18n", "mark", changed, entretien, filepath.Join(dir, "content/fr/m1/current.md"))
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"marked      " + changed + " (source content/en/m1/changed.md, translatedFrom: " + sourceHash(t, dir, "content/en/m1/changed.md") + ")",
		"marked      " + entretien + " (source content/en/m1/interview.md, translatedFrom: " + sourceHash(t, dir, "content/en/m1/interview.md") + ")",
		"up to date  " + filepath.Join(dir, "content/fr/m1/current.md"),
		"2 translations marked, 1 already up to date",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	got, _ := os.ReadFile(changed)
	wantChanged := "---\ntitle: Modifié\ntranslatedFrom: " + sourceHash(t, dir, "content/en/m1/changed.md") + "\n---\nTexte.\n"
	if string(got) != wantChanged {
		t.Errorf("changed.md:\n%q\nwant\n%q", got, wantChanged)
	}
	if info, _ := os.Stat(changed); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", info.Mode().Perm())
	}
	got, _ = os.ReadFile(entretien)
	wantEntretien := "---\r\ntitle: Entretien # à revoir\r\ntranslationKey: interview\r\ntranslatedFrom: " + sourceHash(t, dir, "content/en/m1/interview.md") + "\r\n---\r\nTexte.\r\n"
	if string(got) != wantEntretien {
		t.Errorf("entretien.md:\n%q\nwant\n%q", got, wantEntretien)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "content/fr/m1/.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// The status agrees.
	_, stdout, _ = runCommand(t, "i18n", "status", "-s", dir, "--format", "json")
	var st i18n.Status
	_ = json.Unmarshal([]byte(stdout), &st)
	if got, want := st.Languages["fr"].Translated, []string{"m1/changed.md", "m1/current.md", "m1/entretien.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("translated after marking = %q, want %q", got, want)
	}
}

func TestI18nMarkFolder(t *testing.T) {
	dir := newTranslatedCourse(t)
	// The orphan would make the whole command fail; leave it out.
	if err := os.Remove(filepath.Join(dir, "content/fr/m1/removed.md")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, stdout, stderr := runCommand(t, "i18n", "mark", "content/fr")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := "marked      content/fr/_index.md (source content/en/_index.md, translatedFrom: " + sourceHash(t, dir, "content/en/_index.md") + ")\n" +
		"marked      content/fr/m1/changed.md (source content/en/m1/changed.md, translatedFrom: " + sourceHash(t, dir, "content/en/m1/changed.md") + ")\n" +
		"up to date  content/fr/m1/current.md (source content/en/m1/current.md)\n" +
		"marked      content/fr/m1/entretien.md (source content/en/m1/interview.md, translatedFrom: " + sourceHash(t, dir, "content/en/m1/interview.md") + ")\n" +
		"3 translations marked, 1 already up to date\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	// A file without front matter got one.
	got, _ := os.ReadFile("content/fr/_index.md")
	if want := "---\ntranslatedFrom: " + sourceHash(t, dir, "content/en/_index.md") + "\n---\nBienvenue.\n"; string(got) != want {
		t.Errorf("_index.md = %q, want %q", got, want)
	}
}

func TestI18nMarkRefuses(t *testing.T) {
	dir := newTranslatedCourse(t)
	outside := filepath.Join(t.TempDir(), "a.md")
	writeTestFile(t, outside, []byte("Text.\n"))
	link := filepath.Join(dir, "content/fr/m1/link.md")
	if err := os.Symlink(filepath.Join(dir, "content/fr/m1/changed.md"), link); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "content/fr/m1/broken.md"), []byte("---\ntitle: [\n---\nTexte.\n"))
	writeTestFile(t, filepath.Join(dir, "content/fr/m1/notes.txt"), []byte("notes"))
	writeTestFile(t, filepath.Join(dir, "content/fr/m1/chagned.md"), []byte("Texte.\n"))
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"default language file", []string{"content/en/m1/changed.md"}, "content/en/m1/changed.md: this page is in the default language (en), the source of translations; mark its translation instead: fieldguide i18n mark content/fr/m1/changed.md\n"},
		{"default language file paired by key", []string{"content/en/m1/interview.md"}, "mark its translation instead: fieldguide i18n mark content/fr/m1/entretien.md\n"},
		{"default language file not translated", []string{"content/en/m1/new.md"}, "content/en/m1/new.md: this page is in the default language (en), the source of translations, and it has no translation yet: a translation would be content/fr/m1/new.md\n"},
		{"default language folder", []string{"content/en"}, "content/en: this folder is in the default language (en), the source of translations; mark its translation instead: fieldguide i18n mark content/fr\n"},
		{"default language module", []string{"content/en/m1"}, "mark its translation instead: fieldguide i18n mark content/fr/m1\n"},
		{"no source", []string{"content/fr/m1/removed.md"}, "content/fr/m1/removed.md: its source content/en/m1/removed.md does not exist"},
		{"typo in the name", []string{"content/fr/m1/chagned.md"}, `its source content/en/m1/chagned.md does not exist (did you mean "m1/changed.md"?); rename the translation to match its source`},
		{"outside content", []string{outside}, "not inside a course's content/ folder"},
		{"course folder itself", []string{"site.yaml"}, "site.yaml: not inside a course's content/ folder"},
		{"not Markdown", []string{"content/fr/m1/notes.txt"}, "not a Markdown (.md) file"},
		{"missing file", []string{"content/fr/m1/nope.md"}, "content/fr/m1/nope.md: no such file or folder\n"},
		{"without .md", []string{"content/fr/m1/changed"}, "content/fr/m1/changed: no such file or folder (did you mean content/fr/m1/changed.md?)\n"},
		{"a typo", []string{"content/fr/m1/chnged.md"}, "content/fr/m1/chnged.md: no such file or folder (did you mean content/fr/m1/changed.md?)\n"},
		{"symbolic link", []string{"content/fr/m1/link.md"}, "is a symbolic link"},
		{"broken front matter", []string{"content/fr/m1/broken.md"}, "fix this first: content/fr/m1/broken.md:2"},
		{"one bad path stops all", []string{"content/fr/m1/changed.md", "content/fr/m1/removed.md"}, "nothing was marked: fix the 1 problem above"},
	}
	t.Chdir(dir)
	before := snapshot(t, "content")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCommand(t, append([]string{"i18n", "mark"}, tt.args...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stdout)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantErr)
			}
		})
	}
	if after := snapshot(t, "content"); !reflect.DeepEqual(before, after) {
		t.Error("a refused mark changed files")
	}
	if code, _, _ := runCommand(t, "i18n", "mark"); code != 2 {
		t.Errorf("no path: exit %d, want 2", code)
	}
}

// TestI18nMarkRefusesUntranslatedCopies: the copy `new lesson --lang`
// makes is not marked by marking the whole language right after; the
// pages that are translated are, the command fails so a script notices,
// and --force marks a page meant to read the same in both languages.
func TestI18nMarkRefusesUntranslatedCopies(t *testing.T) {
	dir := newCourse(t, "course")
	for name, data := range map[string]string{
		"content/en/getting-started/ilo-indicators.md": "---\ntitle: ILO indicators\n---\nEleven indicators of forced labour.\n",
		"content/en/getting-started/contacts.md":       "---\ntitle: Contacts\n---\n| UNODC | +43 1 26060 |\n",
		"content/en/getting-started/interviews.md":     "---\ntitle: Interviews\n---\nListen first.\n",
		"content/fr/getting-started/interviews.md":     "---\ntitle: Entretiens\n---\nÉcouter d'abord.\n",
	} {
		writeTestFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(data))
	}
	for _, lesson := range []string{"getting-started/ilo-indicators", "getting-started/contacts"} {
		if code, _, stderr := runCommand(t, "new", "lesson", lesson, "--lang", "fr", "-s", dir); code != 0 {
			t.Fatalf("new lesson %s: exit %d, %s", lesson, code, stderr)
		}
	}
	t.Chdir(dir)
	copyBefore, _ := os.ReadFile("content/fr/getting-started/ilo-indicators.md")

	code, stdout, stderr := runCommand(t, "i18n", "mark", "content/fr")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"content/fr/getting-started/ilo-indicators.md: not marked: it looks untranslated, its title and text are still those of content/en/getting-started/ilo-indicators.md. Translate it, then mark it again; if this page is meant to read the same in both languages, mark it with: fieldguide i18n mark --force content/fr/getting-started/ilo-indicators.md\n",
		"content/fr/getting-started/contacts.md: not marked: it looks untranslated",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, want := range []string{
		"marked      content/fr/getting-started/interviews.md",
		"1 translation marked, 4 already up to date, 2 pages not marked: they look untranslated (see above)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if after, _ := os.ReadFile("content/fr/getting-started/ilo-indicators.md"); string(after) != string(copyBefore) {
		t.Errorf("the untranslated copy was changed:\n%s", after)
	}

	// A page that is the same in both languages on purpose.
	code, stdout, stderr = runCommand(t, "i18n", "mark", "--force", "content/fr/getting-started/contacts.md")
	if code != 0 || !strings.Contains(stdout, "marked      content/fr/getting-started/contacts.md") {
		t.Errorf("--force: exit %d\n%s%s", code, stdout, stderr)
	}
	// Marked once, it is up to date after, with or without --force.
	code, stdout, _ = runCommand(t, "i18n", "mark", "content/fr/getting-started/contacts.md")
	if code != 0 || !strings.Contains(stdout, "up to date  content/fr/getting-started/contacts.md") {
		t.Errorf("again: exit %d\n%s", code, stdout)
	}
	_, stdout, _ = runCommand(t, "i18n", "status", "--format", "json")
	var st i18n.Status
	_ = json.Unmarshal([]byte(stdout), &st)
	if got, want := st.Languages["fr"].Unmarked, []string{"getting-started/ilo-indicators.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unmarked = %q, want %q", got, want)
	}
}

// TestI18nStatusElsewhere: run from another folder, status prints commands
// that name the course with -s, and they work when pasted there.
func TestI18nStatusElsewhere(t *testing.T) {
	dir := newTranslatedCourse(t)
	// A page new cannot make (trainer.md is a draft, with no command).
	writeTestFile(t, filepath.Join(dir, "content/en/contacts.md"), []byte("---\ntitle: Contacts\n---\nWhom to call.\n"))
	t.Chdir(t.TempDir())
	_, stdout, _ := runCommand(t, "i18n", "status", "-s", dir)
	s := " -s " + shellQuote(dir)
	for _, want := range []string{
		"  outdated (1): update from content/en/, then run fieldguide i18n mark" + s + " content/fr/PATH\n",
		"  unmarked (2): review, then run fieldguide i18n mark" + s + " content/fr/PATH\n",
		"    m1/new.md  (fieldguide new lesson m1/new --lang fr" + s + ")\n",
		"    contacts.md  (copy " + filepath.Join(dir, "content/en/contacts.md") + " to " + filepath.Join(dir, "content/fr/contacts.md") + " and translate it)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, stdout)
		}
	}
	// Pasted as printed.
	if code, stdout, stderr := runCommand(t, "new", "lesson", "m1/new", "--lang", "fr", "-s", dir); code != 0 {
		t.Errorf("new lesson as printed: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr := runCommand(t, "i18n", "mark", "-s", dir, "content/fr/m1/changed.md")
	if code != 0 || !strings.Contains(stdout, "marked      "+filepath.Join(dir, "content/fr/m1/changed.md")) {
		t.Errorf("mark as printed: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestI18nKeyOnlyOnSource: a translationKey added to a source leaves its
// translation at the same path unpaired; status and mark say what to add,
// not that the source does not exist.
func TestI18nKeyOnlyOnSource(t *testing.T) {
	dir := newTranslatedCourse(t)
	src := filepath.Join(dir, "content/en/m1/changed.md")
	data, _ := os.ReadFile(src)
	writeTestFile(t, src, []byte("---\ntranslationKey: changed-text\n"+strings.TrimPrefix(string(data), "---\n")))
	const want = "add `translationKey: changed-text`"
	if _, stdout, _ := runCommand(t, "i18n", "status", "-s", dir); !strings.Contains(stdout, "m1/changed.md  (content/en/m1/changed.md has translationKey \"changed-text\": "+want+" to this page)") {
		t.Errorf("status:\n%s", stdout)
	}
	t.Chdir(dir)
	if code, _, stderr := runCommand(t, "i18n", "mark", "content/fr/m1/changed.md"); code != 1 || !strings.Contains(stderr, "has translationKey \"changed-text\" and this page has none, so they are not paired; "+want) {
		t.Errorf("mark: exit %d, %s", code, stderr)
	}
}

// TestI18nStatusNamesUnlistedFolders: a translator's new folder that
// site.yaml does not list yet is not silently left out of the status.
func TestI18nStatusNamesUnlistedFolders(t *testing.T) {
	dir := newTranslatedCourse(t)
	writeTestFile(t, filepath.Join(dir, "content/es/_index.md"), []byte("Hola.\n"))
	if _, _, stderr := runCommand(t, "i18n", "status", "-s", dir); !strings.Contains(stderr, "folder content/es is not a language listed in site.yaml") {
		t.Errorf("stderr %q", stderr)
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(p)
			out[p] = string(data)
		}
		return nil
	})
	return out
}

// TestMarkedTranslationParses: what mark writes is read back by the content
// walk with no message, for both front matter formats.
func TestMarkedTranslationParses(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(`-- site.yaml --
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/a.md --
Text A.
-- content/en/b.md --
Text B.
-- content/fr/a.md --
+++
title = "A"
[extra]
note = "x"
+++
Texte A.
-- content/fr/b.md --
Texte B sans front matter.
`)))
	if code, stdout, stderr := runCommand(t, "i18n", "mark", "-s", dir, filepath.Join(dir, "content/fr")); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	var diags diag.List
	for _, name := range []string{"a.md", "b.md"} {
		data, _ := os.ReadFile(filepath.Join(dir, "content/fr", name))
		s := &content.Source{File: name}
		if !content.Parse(s, data, &diags) {
			t.Fatalf("%s does not parse", name)
		}
		if s.FM.TranslatedFrom != sourceHash(t, dir, "content/en/"+name) {
			t.Errorf("%s: translatedFrom = %q", name, s.FM.TranslatedFrom)
		}
	}
	for _, d := range diags.Items() {
		if d.Code != "unknown-key" || !strings.Contains(d.Message, "extra") {
			t.Errorf("unexpected message: %s", d.Error())
		}
	}
}

// TestI18nStrings: a translator of a language the theme has no strings
// for gets a file of every string, commented out with its English text;
// what they translate and uncomment is used, and running it again only
// adds what the file lacks.
func TestI18nStrings(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(`-- site.yaml --
languages:
  en: { name: English }
  uk: { name: Українська }
  fa: { name: فارسی }
-- content/en/_index.md --
Welcome.
-- content/uk/_index.md --
Ласкаво просимо.
-- content/fa/_index.md --
خوش آمدید.
-- layouts/i18n/fa.yaml --
menu: منو
# next: "Next"`)))
	themeKeys := len(i18n.Load(layouts.FS, nil, []string{"uk"}, &diag.List{}).MissingKeys("uk"))
	code, stdout, stderr := runCommand(t, "i18n", "strings", "UK", "-s", dir)
	if code != 0 || !strings.Contains(stdout, "wrote layouts/i18n/uk.yaml: "+strconv.Itoa(themeKeys)+" UI strings to translate into Ukrainian") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	// Until a string is translated, the build says the file has none yet.
	_, report := checkJSON(t, dir)
	said := false
	for _, d := range report.Diagnostics {
		said = said || d.Code == "ui-strings-none" && d.File == "layouts/i18n/uk.yaml" && strings.Contains(d.Message, "no UI string in Ukrainian (uk) is translated yet")
	}
	if !said {
		t.Errorf("check does not say the strings file has no translation yet: %+v", report.Diagnostics)
	}
	file := filepath.Join(dir, "layouts/i18n/uk.yaml")
	data, _ := os.ReadFile(file)
	text := string(data)
	for _, want := range []string{"# A string that counts has a line for each form Ukrainian uses: one, few, many, other.",
		"# menu: \"Menu\"\n", "# lessonCount:\n#   one: \"{n} lesson\"\n#   few: \"{n} lessons\"\n#   many: \"{n} lessons\"\n#   other: \"{n} lessons\"\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("uk.yaml lacks %q:\n%s", want, text)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			t.Errorf("line %q is not commented out: it would count as translated", line)
		}
	}
	// Every string uncommented as it is: valid YAML, every key known, the
	// English text back.
	var all strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok && !strings.Contains(text[:strings.Index(text, "\n\n")], line) {
			all.WriteString(rest + "\n")
		}
	}
	site := fstest.MapFS{"i18n/uk.yaml": {Data: []byte(all.String())}}
	diags := &diag.List{}
	cat := i18n.Load(layouts.FS, site, []string{"uk"}, diags)
	if len(diags.Items()) > 0 || len(cat.MissingKeys("uk")) > 0 {
		t.Errorf("uncommented: %v, still missing %v", diags.Items(), cat.MissingKeys("uk"))
	}
	if got := cat.T("uk", "lessonCount", "n", 3); got != "3 lessons" {
		t.Errorf("uncommented lessonCount(3) = %q", got)
	}
	// A translator translates two strings; the rest stays English.
	translated := strings.Replace(strings.Replace(text, `# menu: "Menu"`, `menu: "Меню"`, 1),
		"# lessonCount:\n#   one: \"{n} lesson\"\n#   few: \"{n} lessons\"\n#   many: \"{n} lessons\"\n#   other: \"{n} lessons\"\n",
		"lessonCount:\n  one: \"{n} урок\"\n  few: \"{n} уроки\"\n  many: \"{n} уроків\"\n  other: \"{n} уроку\"\n", 1)
	writeTestFile(t, file, []byte(translated))
	code, stdout, _ = runCommand(t, "i18n", "status", "-s", dir, "--format", "json")
	var st i18n.Status
	if err := json.Unmarshal([]byte(stdout), &st); code != 0 || err != nil {
		t.Fatalf("status: exit %d, %v", code, err)
	}
	if got := st.Languages["uk"].Counts.UntranslatedStrings; got != themeKeys-2 {
		t.Errorf("after translating two: %d untranslated, want %d", got, themeKeys-2)
	}
	// Again: nothing to add, the translator's file as it was.
	code, stdout, _ = runCommand(t, "i18n", "strings", "uk", "-s", dir)
	if again, _ := os.ReadFile(file); code != 0 || string(again) != translated || !strings.Contains(stdout, "not translated yet") {
		t.Errorf("second run: exit %d, %s; file changed: %v", code, stdout, string(again) != translated)
	}
	// A file of its own keeps its bytes, and gets only what it lacks.
	code, stdout, _ = runCommand(t, "i18n", "strings", "fa", "-s", dir)
	fa, _ := os.ReadFile(filepath.Join(dir, "layouts/i18n/fa.yaml"))
	if code != 0 || !strings.HasPrefix(string(fa), "menu: منو\n# next: \"Next\"\n\n# Strings of the theme this file lacked") ||
		strings.Count(string(fa), "menu:") != 1 || strings.Count(string(fa), "next:") != 1 || !strings.Contains(stdout, "added to layouts/i18n/fa.yaml: "+strconv.Itoa(themeKeys-2)) {
		t.Errorf("fa: exit %d, %s\n%s", code, stdout, fa)
	}
	if code, _, stderr := runCommand(t, "i18n", "strings", "ukr", "-s", dir); code != 2 || !strings.Contains(stderr, `no language "ukr" (did you mean "uk"?)`) {
		t.Errorf("unknown language: exit %d, %s", code, stderr)
	}
	// A language the course does not have yet: how to add it.
	if code, _, stderr := runCommand(t, "i18n", "strings", "tr", "-s", dir); code != 2 ||
		!strings.Contains(stderr, "the course has no language \"tr\" yet") || !strings.Contains(stderr, "as `tr: { name: Türkçe }`, or create the folder content/tr/") {
		t.Errorf("a language to add: exit %d, %s", code, stderr)
	}
}

// TestI18nStringsNothingToAdd: when there is nothing to write, the
// translator is told why (the theme has the language, or their file is
// complete) and what they can do next, in one line.
func TestI18nStringsNothingToAdd(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, txtar.Parse([]byte(`-- site.yaml --
languages:
  en: { name: English }
  es: { name: Español }
  uk: { name: Українська }
-- content/en/_index.md --
Welcome.
`)))
	themeES := i18n.Load(layouts.FS, nil, []string{"es"}, &diag.List{})
	if len(themeES.MissingKeys("es")) > 0 {
		t.Skip("the theme's Spanish lacks strings; this test needs a language the theme has whole")
	}
	run := func(lang string) string {
		t.Helper()
		code, stdout, stderr := runCommand(t, "i18n", "strings", lang, "-s", dir)
		if code != 0 || strings.Count(stdout, "\n") != 1 {
			t.Errorf("%s: exit %d, not one line:\n%s%s", lang, code, stdout, stderr)
		}
		return stdout
	}
	want := "Nothing to add: the theme comes with every UI string in Spanish. To word one differently, write it in layouts/i18n/es.yaml (such as menu: " +
		strconv.Quote(themeES.T("es", "menu")) + "); yours takes the place of the theme's.\n"
	if got := run("es"); got != want {
		t.Errorf("es:\n%s\nwant\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "layouts/i18n/es.yaml")); err == nil {
		t.Error("a file was written with nothing in it")
	}
	writeTestFile(t, filepath.Join(dir, "layouts/i18n/es.yaml"), []byte("menu: Índice\n"))
	if got, want := run("es"), "Nothing to add: the theme comes with every UI string in Spanish, and layouts/i18n/es.yaml changes the ones you chose; to change another, add it to that file.\n"; got != want {
		t.Errorf("es with a file:\n%s\nwant\n%s", got, want)
	}

	// A language the theme lacks, all translated by the course (here
	// with the English text, which counts as translated all the same).
	english, err := fs.ReadFile(layouts.FS, "i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "layouts/i18n/uk.yaml"), english)
	if got, want := run("uk"), "Nothing to add: layouts/i18n/uk.yaml translates every UI string into Ukrainian. Run this again after updating fieldguide, which may bring new strings.\n"; got != want {
		t.Errorf("uk complete:\n%s\nwant\n%s", got, want)
	}
}

// TestCourseOwnUIString: a string of the course's own templates, missing
// in French, is one UI string, not "1 UI strings", and not "of the theme".
func TestCourseOwnUIString(t *testing.T) {
	dir := writeCourse(t, `
-- site.yaml --
title: T
languages:
  en: { name: English }
  fr: { name: Français }
-- content/en/_index.md --
---
title: Home
---
Text.
-- layouts/i18n/en.yaml --
hotline: "Call the helpline"
-- layouts/partials/footer.html --
<footer class="site-footer"><p>{{T "hotline"}}</p></footer>
`)
	code, stdout, stderr := runCLI(t, "check", "-s", dir)
	if !strings.Contains(stdout, "layouts/i18n/fr.yaml: warning: 1 UI string not translated to fr: hotline") {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "i18n", "strings", "fr", "-s", dir)
	if code != 0 || !strings.Contains(stdout, ": 1 UI string to translate into") {
		t.Errorf("i18n strings: exit %d\n%s%s", code, stdout, stderr)
	}
}
