package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/output"
)

// newCourse runs `fieldguide new site` into a fresh folder named name.
func newCourse(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	code, stdout, stderr := runCommand(t, "new", "site", dir)
	if code != 0 {
		t.Fatalf("new site: exit %d\n%s%s", code, stdout, stderr)
	}
	return dir
}

// TestNewSiteBuildsClean: the starter course, as written to disk, builds
// for both audiences without a message, checks clean, and its translation
// is complete.
func TestNewSiteBuildsClean(t *testing.T) {
	dir := newCourse(t, "first-aid-course")
	for _, audience := range []string{"participant", "trainer"} {
		res, err := build.Build(context.Background(), build.Options{FS: os.DirFS(dir), Audience: audience}, output.NewMemory())
		if err != nil {
			t.Fatalf("%s build: %v", audience, err)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s build: %s [%s]", audience, d.Error(), d.Code)
		}
		if res.Config.Title != "First aid course" {
			t.Errorf("title %q, want the folder's name humanised", res.Config.Title)
		}
	}
	code, r := checkJSON(t, dir)
	assertMessages(t, code, r, nil)
	if fr := r.Translations.Languages["fr"]; fr == nil || fr.Counts.Translated != fr.Counts.Pages || fr.Counts.Pages == 0 {
		t.Errorf("French translation of the starter: %+v", fr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Error("no .gitignore for public/")
	}
}

func TestNewSiteRefusesNonEmpty(t *testing.T) {
	dir := newCourse(t, "course")
	before := snapshot(t, dir)
	code, _, stderr := runCommand(t, "new", "site", dir)
	if code != 2 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("second new site: exit %d, %q", code, stderr)
	}
	// A file is not a folder for a course: a usage error, in plain words.
	if code, _, stderr := runCommand(t, "new", "site", filepath.Join(dir, "site.yaml")); code != 2 || !strings.Contains(stderr, "is a file; give the name of a new folder") {
		t.Errorf("new site over a file: exit %d, %q", code, stderr)
	}
	if !reflect.DeepEqual(before, snapshot(t, dir)) {
		t.Error("new site changed a non-empty folder")
	}
	// A folder holding only a git repository is fine.
	withGit := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(filepath.Join(withGit, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCommand(t, "new", "site", withGit); code != 0 {
		t.Errorf("new site in a fresh git repository: exit %d, %s", code, stderr)
	}
	if code, _, _ := runCommand(t, "new", "site"); code != 2 {
		t.Errorf("new site without DIR: exit %d, want 2", code)
	}
}

// TestNewSiteQuotesTheFolder: the "cd" line is there to be pasted, so a
// folder named with spaces is quoted.
func TestNewSiteQuotesTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Curso Contratación")
	code, stdout, stderr := runCommand(t, "new", "site", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if want := "\n  cd \"" + dir + "\"\n"; !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%s", want, stdout)
	}
	if _, _, stderr := runCommand(t, "new", "site", dir); !strings.Contains(stderr, "-s \""+dir+"\"") {
		t.Errorf("the folder is not quoted in: %s", stderr)
	}
}

// TestNewPageNamedAsATitle: a name typed as a title gives a file name fit
// for a URL and keeps the words as the title; the course's own folders
// are used as they are.
func TestNewPageNamedAsATitle(t *testing.T) {
	dir := newCourse(t, "course")
	for _, tc := range []struct {
		args        []string
		file, title string
	}{
		{[]string{"new", "module", "Mixed Case Module"}, "content/en/mixed-case-module/_index.md", "Mixed Case Module"},
		{[]string{"new", "lesson", "mixed-case-module/Document  checks?"}, "content/en/mixed-case-module/document-checks.md", "Document checks?"},
		{[]string{"new", "lesson", "mixed-case-module/面谈 准备"}, "content/en/mixed-case-module/面谈-准备.md", "面谈 准备"},
		{[]string{"new", "lesson", "mixed-case-module/first-questions"}, "content/en/mixed-case-module/first-questions.md", "First questions"},
		// One word with capitals: a URL in lower case, as with several.
		{[]string{"new", "module", "Documents"}, "content/en/documents/_index.md", "Documents"},
		{[]string{"new", "lesson", "documents/Passports"}, "content/en/documents/passports.md", "Passports"},
		// The module named as it was typed to make it.
		{[]string{"new", "lesson", "Mixed Case Module/Lesson one"}, "content/en/mixed-case-module/lesson-one.md", "Lesson one"},
		{[]string{"new", "lesson", "Mixed Case Module/Lesson one", "--lang", "fr"}, "content/fr/mixed-case-module/lesson-one.md", "Lesson one"},
		// Latin letters lose their accents in the file name (a URL that
		// reads the same in the address bar), not in the title; other
		// scripts keep theirs, Arabic its vowel marks.
		{[]string{"new", "module", "Días festivos"}, "content/en/dias-festivos/_index.md", "Días festivos"},
		{[]string{"new", "lesson", "Días festivos/Leçon à l’œil de Straße"}, "content/en/dias-festivos/lecon-a-loeil-de-strasse.md", "Leçon à l’œil de Straße"},
		{[]string{"new", "lesson", "dias-festivos/días"}, "content/en/dias-festivos/dias.md", "Días"},
		{[]string{"new", "lesson", "dias-festivos/مُقابلة أولى"}, "content/en/dias-festivos/مُقابلة-أولى.md", "مُقابلة أولى"},
	} {
		if code, stdout, stderr := runCommand(t, append(tc.args, "-s", dir)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", tc.args, code, stdout, stderr)
		}
		if src := readSource(t, filepath.Join(dir, tc.file)); src.FM.Title != tc.title {
			t.Errorf("%v: title %q, want %q", tc.args, src.FM.Title, tc.title)
		}
	}
	if code, _, stderr := runCommand(t, "new", "lesson", "mixed-case-module/???", "-s", dir); code != 2 || !strings.Contains(stderr, "no letter or digit") {
		t.Errorf("a name of punctuation: exit %d, %s", code, stderr)
	}
}

// TestNewLessonWithoutModule: a lesson named without its module is a
// stand-alone page, which a course may want, but most often the module
// was forgotten: new says what it made and the command that puts the
// lesson in a module, naming the modules there are.
func TestNewLessonWithoutModule(t *testing.T) {
	dir := newCourse(t, "course")
	code, stdout, stderr := runCommand(t, "new", "lesson", "holidays", "-s", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"content/en/holidays.md is a stand-alone page, not a lesson of a module",
		"fieldguide new lesson getting-started/holidays -s " + dir + "\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/en/holidays.md")); err != nil {
		t.Error(err)
	}
	if code, stdout, stderr := runCommand(t, "new", "module", "laws", "-s", dir); code != 0 {
		t.Fatalf("new module: exit %d\n%s%s", code, stdout, stderr)
	}
	_, stdout, _ = runCommand(t, "new", "lesson", "Public holidays", "-s", dir)
	for _, want := range []string{
		`fieldguide new lesson "MODULE/Public holidays" -s ` + dir + "\n",
		"with MODULE one of: getting-started, laws\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// A lesson in a module, or a translation, is what it was asked to be.
	_, stdout, _ = runCommand(t, "new", "lesson", "laws/contracts", "-s", dir)
	_, more, _ := runCommand(t, "new", "lesson", "holidays", "--lang", "fr", "-s", dir)
	if strings.Contains(stdout+more, "stand-alone") {
		t.Errorf("a note where none is due:\n%s%s", stdout, more)
	}
}

// TestNewTranslationTakesNoAddressOfItsSource: an alias is an old
// address of one page. The copy of a page to translate keeps its relative
// aliases, takes its absolute ones under the source language's folder
// under its own, and leaves the others to the source: copied as they
// were, English readers of an old English address got the French page.
func TestNewTranslationTakesNoAddressOfItsSource(t *testing.T) {
	dir := newCourse(t, "course")
	writeTestFile(t, filepath.Join(dir, "content/en/getting-started/contract.md"),
		[]byte("---\ntitle: Contract\naliases:\n  - /en/getting-started/old-contract/\n  - older\n  - /legacy/contract/\n---\nText.\n"))
	code, stdout, stderr := runCommand(t, "new", "lesson", "getting-started/contract", "--lang", "fr", "-s", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	src := readSource(t, filepath.Join(dir, "content/fr/getting-started/contract.md"))
	if want := []string{"/fr/getting-started/old-contract/", "older"}; !reflect.DeepEqual(src.FM.Aliases, want) {
		t.Errorf("aliases %q, want %q", src.FM.Aliases, want)
	}
	for _, want := range []string{
		"aliases: /en/getting-started/old-contract/ → /fr/getting-started/old-contract/ (the English page's old address, under /fr/: old French links lead to the translation)",
		"aliases: /legacy/contract/ left to the English page",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// Translated, the page is the French one, at its French old address.
	fr := filepath.Join(dir, "content/fr/getting-started/contract.md")
	data, err := os.ReadFile(fr)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, fr, []byte(strings.Replace(string(data), "Text.", "Texte.", 1)))
	mem := output.NewMemory()
	if _, err := build.Build(context.Background(), build.Options{FS: os.DirFS(dir)}, mem); err != nil {
		t.Fatal(err)
	}
	for page, lang := range map[string]string{"en/getting-started/old-contract/index.html": "en", "fr/getting-started/old-contract/index.html": "fr", "legacy/contract/index.html": "en"} {
		if b, _ := mem.Get(page); !strings.Contains(string(b), `<html lang="`+lang+`"`) {
			t.Errorf("%s is not the %s page's redirect:\n%s", page, lang, b)
		}
	}
}

// readSource parses a file as the content walk does.
func readSource(t *testing.T, name string) *content.Source {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s := &content.Source{File: name}
	var diags diag.List
	if !content.Parse(s, data, &diags) {
		t.Fatalf("%s: %v", name, diags.Items())
	}
	for _, d := range diags.Items() {
		// What new writes holds a sentence to replace, which is said.
		if d.Code != "placeholder" {
			t.Fatalf("%s: %v", name, diags.Items())
		}
	}
	return s
}

func TestNewModule(t *testing.T) {
	dir := newCourse(t, "course")
	code, stdout, stderr := runCommand(t, "new", "module", "victim-centred-interview", "-s", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	file := filepath.Join(dir, "content/en/victim-centred-interview/_index.md")
	if !strings.Contains(stdout, "created "+file+" (weight 2)") {
		t.Errorf("stdout %q", stdout)
	}
	s := readSource(t, file)
	if s.FM.Title != "Victim centred interview" || s.FM.Weight != 2 {
		t.Errorf("front matter %+v", s.FM)
	}
	// The next one goes after it; a nested module starts at 1.
	runCommand(t, "new", "module", "referral", "-s", dir)
	if w := readSource(t, filepath.Join(dir, "content/en/referral/_index.md")).FM.Weight; w != 3 {
		t.Errorf("third module weight %d, want 3", w)
	}
	runCommand(t, "new", "module", "referral/contacts", "-s", dir)
	if w := readSource(t, filepath.Join(dir, "content/en/referral/contacts/_index.md")).FM.Weight; w != 1 {
		t.Errorf("nested module weight %d, want 1", w)
	}

	// Again: refused, file untouched.
	before, _ := os.ReadFile(file)
	code, _, stderr = runCommand(t, "new", "module", "victim-centred-interview", "-s", dir)
	if code != 1 || !strings.Contains(stderr, "already exists; fieldguide new never overwrites a file") {
		t.Errorf("second time: exit %d, %q", code, stderr)
	}
	if after, _ := os.ReadFile(file); string(after) != string(before) {
		t.Error("the module page was overwritten")
	}

	// In French: a copy of the English page, unmarked.
	code, stdout, stderr = runCommand(t, "new", "module", "victim-centred-interview", "--lang", "fr", "-s", dir)
	if code != 0 {
		t.Fatalf("--lang fr: exit %d\n%s", code, stderr)
	}
	fr, _ := os.ReadFile(filepath.Join(dir, "content/fr/victim-centred-interview/_index.md"))
	if string(fr) != string(before) {
		t.Errorf("French module page is not a copy of the English one:\n%s", fr)
	}
	if !strings.Contains(stdout, "copied from content/en/victim-centred-interview/_index.md") {
		t.Errorf("stdout %q", stdout)
	}
	code, _, stderr = runCommand(t, "new", "module", "nowhere", "--lang", "fr", "-s", dir)
	if code != 1 || !strings.Contains(stderr, "content/en/nowhere/_index.md does not exist: create the module in en first") {
		t.Errorf("--lang fr without source: exit %d, %q", code, stderr)
	}
}

func TestNewLesson(t *testing.T) {
	dir := newCourse(t, "course")
	code, stdout, stderr := runCommand(t, "new", "lesson", "getting-started/first-questions", "-s", dir, "--duration", "45")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	file := filepath.Join(dir, "content/en/getting-started/first-questions.md")
	if !strings.Contains(stdout, "created "+file+" (weight 2, 45 minutes)") {
		t.Errorf("stdout %q", stdout)
	}
	s := readSource(t, file)
	if s.FM.Title != "First questions" || s.FM.Weight != 2 || s.FM.Duration != 45 {
		t.Errorf("front matter %+v", s.FM)
	}
	data, _ := os.ReadFile(file)
	for _, want := range []string{"objectives:\n", "keypoints:\n", "duration: 45\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("lesson lacks %q:\n%s", want, data)
		}
	}
	// A name with spaces and non-Latin letters, with ".md" given.
	if code, _, stderr := runCommand(t, "new", "lesson", "getting-started/Étude de cas.md", "-s", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if w := readSource(t, filepath.Join(dir, "content/en/getting-started/Étude de cas.md")).FM.Weight; w != 3 {
		t.Errorf("weight %d, want 3", w)
	}

	// Translate it: a copy, unmarked, that i18n status lists.
	code, stdout, stderr = runCommand(t, "new", "lesson", "getting-started/first-questions", "--lang", "fr", "-s", dir)
	if code != 0 {
		t.Fatalf("--lang fr: exit %d\n%s", code, stderr)
	}
	frFile := filepath.Join(dir, "content/fr/getting-started/first-questions.md")
	if fr, _ := os.ReadFile(frFile); string(fr) != string(data) {
		t.Errorf("French copy differs:\n%s", fr)
	}
	_, stdout, _ = runCommand(t, "i18n", "status", "-s", dir, "--format", "json")
	var st i18n.Status
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatal(err)
	}
	if got, want := st.Languages["fr"].Unmarked, []string{"getting-started/first-questions.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unmarked = %q, want %q", got, want)
	}
	if got, want := st.Languages["fr"].Missing, []string{"getting-started/Étude de cas.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("missing = %q, want %q", got, want)
	}

	// The whole course still builds without a message but the new
	// lessons' placeholder sentences, to replace, and that the copy is
	// not translated yet, so that readers get the English page meanwhile.
	res, err := build.Build(context.Background(), build.Options{FS: os.DirFS(dir), Audience: "trainer"}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, d := range res.Diagnostics {
		switch {
		case d.Code == "untranslated-copy" && d.File == "content/fr/getting-started/first-questions.md":
			copies++
		case d.Code != "placeholder":
			t.Errorf("%s [%s]", d.Error(), d.Code)
		}
	}
	if copies != 1 {
		t.Errorf("%d messages that the copy is not translated, want 1", copies)
	}
}

// TestNewLessonLeavesItsFilesToItsSource: the translation of a lesson
// with files beside it (an image, a PDF) gets its index.md alone, and is
// told so: a translated lesson folder shows its source's files it has no
// copy of, so that the translator adds only those that hold text. Built
// once translated, the French page shows the English image, and its own
// form where it has one.
func TestNewLessonLeavesItsFilesToItsSource(t *testing.T) {
	dir := newCourse(t, "course")
	for name, data := range map[string]string{
		"content/en/getting-started/passport/index.md":      "---\ntitle: Passport\n---\n![The data page](data%20page.svg)\n\n[The form](form.pdf)\n",
		"content/en/getting-started/passport/data page.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`,
		"content/en/getting-started/passport/form.pdf":      "%PDF-1.4 English form\n",
		"content/fr/getting-started/passport/form.pdf":      "%PDF-1.4 formulaire\n",
	} {
		writeTestFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(data))
	}
	code, stdout, stderr := runCommand(t, "new", "lesson", "getting-started/passport", "--lang", "fr", "-s", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := "2 files not copied: data page.svg, form.pdf (beside content/en/getting-started/passport/index.md); " +
		"the French page shows the English ones until you put a translated file of the same name in content/fr/getting-started/passport/ (only those with English text need one)\n"
	if !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%s", want, stdout)
	}
	// One file is "it".
	writeTestFile(t, filepath.Join(dir, "content/en/getting-started/visa/index.md"), []byte("---\ntitle: Visa\n---\n![The sticker](sticker.svg)\n"))
	writeTestFile(t, filepath.Join(dir, "content/en/getting-started/visa/sticker.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))
	_, stdout, _ = runCommand(t, "new", "lesson", "getting-started/visa", "--lang", "fr", "-s", dir)
	want = "1 file not copied: sticker.svg (beside content/en/getting-started/visa/index.md); " +
		"the French page shows the English one until you put a translated file of the same name in content/fr/getting-started/visa/ (needed only if it holds English text)\n"
	if !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%s", want, stdout)
	}
	frDir := filepath.Join(dir, "content/fr/getting-started/passport")
	entries, _ := os.ReadDir(frDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"form.pdf", "index.md"}) {
		t.Errorf("content/fr/getting-started/passport holds %q, want the French form and index.md only", names)
	}
	// Translated, the page is the French one, not its source shown untranslated.
	writeTestFile(t, filepath.Join(frDir, "index.md"), []byte("---\ntitle: Passeport\n---\n![La page de données](data%20page.svg)\n\n[Le formulaire](form.pdf)\n"))
	mem := output.NewMemory()
	if _, err := build.Build(context.Background(), build.Options{FS: os.DirFS(dir)}, mem); err != nil {
		t.Fatalf("the course does not build: %v", err)
	}
	page, _ := mem.Get("fr/getting-started/passport/index.html")
	if !strings.Contains(string(page), `<img src="data%20page.svg" alt="La page de données"`) {
		t.Errorf("the French page does not show the image:\n%s", page)
	}
	for name, want := range map[string]string{
		"fr/getting-started/passport/data page.svg": "<svg",
		"fr/getting-started/passport/form.pdf":      "formulaire",
	} {
		if b, _ := mem.Get(name); !strings.Contains(string(b), want) {
			t.Errorf("%s is %q, want it to hold %q", name, b, want)
		}
	}
}

// TestNewTranslatesPagesNamedWithCapitals: pages whose files have
// capitals or spaces (named by hand, or by an earlier fieldguide) are
// translated under their own names, as i18n status prints them, not
// under the lower-case names new gives new pages.
func TestNewTranslatesPagesNamedWithCapitals(t *testing.T) {
	dir := newCourse(t, "course")
	for name, data := range map[string]string{
		"content/en/Documents/_index.md":            "---\ntitle: Documents\n---\nModule.\n",
		"content/en/Documents/Passports.md":         "---\ntitle: Passports\n---\nText.\n",
		"content/en/getting-started/First steps.md": "---\ntitle: First steps\n---\nText.\n",
	} {
		writeTestFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(data))
	}
	for _, tc := range []struct {
		args []string
		file string
	}{
		{[]string{"new", "module", "Documents", "--lang", "fr"}, "content/fr/Documents/_index.md"},
		{[]string{"new", "lesson", "Documents/Passports", "--lang", "fr"}, "content/fr/Documents/Passports.md"},
		{[]string{"new", "lesson", "getting-started/First steps", "--lang", "fr"}, "content/fr/getting-started/First steps.md"},
	} {
		if code, stdout, stderr := runCommand(t, append(tc.args, "-s", dir)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", tc.args, code, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tc.file))); err != nil {
			t.Errorf("%v: %v", tc.args, err)
		}
	}
	// A module folder named with capitals and no _index.md yet: the
	// advice names that folder, not a second one in lower case.
	writeTestFile(t, filepath.Join(dir, "content/en/Visas/x.md"), []byte("---\ntitle: X\n---\nText.\n"))
	if code, _, stderr := runCommand(t, "new", "module", "Visas", "--lang", "fr", "-s", dir); code != 1 ||
		!strings.Contains(stderr, "content/en/Visas/_index.md does not exist: create the module in en first (fieldguide new module Visas)") {
		t.Errorf("a module folder without _index.md: exit %d, %s", code, stderr)
	}
	// Nothing left for status to suggest, and no page written twice.
	_, stdout, _ := runCommand(t, "i18n", "status", "-s", dir, "--format", "json")
	var st i18n.Status
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatal(err)
	}
	for _, m := range st.Languages["fr"].Missing {
		if strings.Contains(m, "Documents") || strings.Contains(m, "First steps") {
			t.Errorf("still missing: %s", m)
		}
	}
	if len(st.Languages["fr"].Orphaned) > 0 {
		t.Errorf("orphaned: %v", st.Languages["fr"].Orphaned)
	}
}

// TestNewLessonTranslatesMarkedSource: a source that carries translatedFrom
// (a course whose default language changed) is copied without it.
func TestNewLessonTranslatesMarkedSource(t *testing.T) {
	dir := newCourse(t, "course")
	code, _, stderr := runCommand(t, "new", "lesson", "getting-started/training-blocks", "--lang", "fr", "-s", dir)
	if code != 1 || !strings.Contains(stderr, "content/fr/getting-started/training-blocks.md already exists") {
		t.Fatalf("existing translation: exit %d, %q", code, stderr)
	}
	src := filepath.Join(dir, "content/en/getting-started/extra.md")
	writeTestFile(t, src, []byte("---\ntitle: Extra\ntranslatedFrom: 0123456789ab\n---\nText.\n"))
	if code, _, stderr := runCommand(t, "new", "lesson", "getting-started/extra", "--lang", "fr", "-s", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "content/fr/getting-started/extra.md"))
	if string(got) != "---\ntitle: Extra\n---\nText.\n" {
		t.Errorf("copy = %q", got)
	}
}

// TestNewLessonTranslatedName: a translator who types the lesson's name in
// their own language is offered the lessons it may translate, with the
// command that starts each, not sent to write an English lesson.
func TestNewLessonTranslatedName(t *testing.T) {
	dir := newCourse(t, "course")
	writeTestFile(t, filepath.Join(dir, "site.yaml"), []byte("defaultLanguage: en\nlanguages:\n  en: { name: English }\n  es: { name: Español }\n"))
	for name, data := range map[string]string{
		"content/en/understanding-trafficking/_index.md":                "---\ntitle: Understanding trafficking\n---\n",
		"content/en/understanding-trafficking/what-is-trafficking.md":   "---\ntitle: What is trafficking?\nweight: 1\n---\nText.\n",
		"content/en/understanding-trafficking/forms-of-exploitation.md": "---\ntitle: Forms of exploitation\nweight: 2\n---\nText.\n",
		"content/en/understanding-trafficking/recruitment/index.md":     "---\ntitle: Recruitment\nweight: 3\n---\nText.\n",
		"content/es/understanding-trafficking/what-is-trafficking.md":   "---\ntitle: ¿Qué es la trata?\n---\nTexto.\n",
	} {
		writeTestFile(t, filepath.Join(dir, filepath.FromSlash(name)), []byte(data))
	}
	before := snapshot(t, dir)
	s := " -s " + shellQuote(dir)

	code, _, stderr := runCommand(t, "new", "lesson", "understanding-trafficking/formas-de-explotacion", "--lang", "es", "-s", dir)
	want := "content/en/understanding-trafficking/formas-de-explotacion.md does not exist; a translation keeps the file name of the English lesson it translates. " +
		"Did you mean forms-of-exploitation (\"Forms of exploitation\")? Start its translation with:\n  fieldguide new lesson understanding-trafficking/forms-of-exploitation --lang es" + s + "\n"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("a near name: exit %d\n%s\nwant\n%s", code, stderr, want)
	}

	// No name near: every lesson not translated yet, in the module's order.
	code, _, stderr = runCommand(t, "new", "lesson", "understanding-trafficking/captacion", "--lang", "es", "-s", dir)
	want = "content/en/understanding-trafficking/captacion.md does not exist; a translation keeps the file name of the English lesson it translates. " +
		"The lessons of content/en/understanding-trafficking/ not translated into Spanish yet, each with the command that starts its translation:\n" +
		"  Forms of exploitation\n    fieldguide new lesson understanding-trafficking/forms-of-exploitation --lang es" + s + "\n" +
		"  Recruitment\n    fieldguide new lesson understanding-trafficking/recruitment --lang es" + s + "\n" +
		"To add a lesson that English does not have, write the lesson in en first (fieldguide new lesson understanding-trafficking/captacion" + s + "), then translate it.\n"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("no near name: exit %d\n%s\nwant\n%s", code, stderr, want)
	}
	if !reflect.DeepEqual(before, snapshot(t, dir)) {
		t.Error("a refused new changed the course")
	}

	// The command offered works as printed.
	if code, stdout, stderr := runCommand(t, "new", "lesson", "understanding-trafficking/forms-of-exploitation", "--lang", "es", "-s", dir); code != 0 {
		t.Errorf("the command offered: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestNewLessonRefuses(t *testing.T) {
	dir := newCourse(t, "course")
	writeTestFile(t, filepath.Join(dir, "content/en/getting-started/bundle/index.md"), []byte("# Bundle\n"))
	writeTestFile(t, filepath.Join(dir, "content/fr/getting-started/bundle/index.md"), []byte("# Paquet\n"))
	writeTestFile(t, filepath.Join(dir, "content/en/empty/_index.md"), []byte("---\ntitle: Empty\n---\n"))
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"existing lesson", []string{"lesson", "getting-started/training-blocks"}, 1, "training-blocks.md already exists; fieldguide new never overwrites a file"},
		{"same URL as a leaf bundle", []string{"lesson", "getting-started/bundle"}, 1, "bundle/index.md already exists and would have the same URL"},
		{"letter case", []string{"lesson", "getting-started/Training-Blocks.md"}, 1, "differing only in letter case"},
		{"capitals made lower case, then existing", []string{"lesson", "getting-started/Training-Blocks"}, 1, "training-blocks.md already exists"},
		{"module missing, with suggestion", []string{"lesson", "getting-startd/intro"}, 1, `module content/en/getting-startd does not exist; did you mean "getting-started"? create it first with: fieldguide new module getting-startd`},
		{"translation of nothing", []string{"lesson", "getting-started/nope", "--lang", "fr"}, 1, "content/en/getting-started/nope.md does not exist, and every lesson of content/en/getting-started/ is translated into French already: write the lesson in en first (fieldguide new lesson getting-started/nope -s " + shellQuote(dir) + "), then translate it"},
		{"translation in a module without lessons", []string{"lesson", "empty/nope", "--lang", "fr"}, 1, "content/en/empty/nope.md does not exist: write the lesson in en first"},
		{"unknown language", []string{"lesson", "getting-started/x", "--lang", "de"}, 2, "--lang de is not a language of this course (en, fr)"},
		{"parent folder", []string{"lesson", "../outside"}, 2, `lesson "../outside": give a path inside the language folder`},
		{"reserved name", []string{"lesson", "getting-started/_index"}, 2, `"_index" cannot be part of a page name`},
		{"absolute", []string{"module", "/tmp/x"}, 2, "give a path inside the language folder"},
		{"negative duration", []string{"lesson", "getting-started/x", "--duration", "-5"}, 2, "--duration must be a number of minutes"},
		{"no content folder", []string{"lesson", "getting-started/x", "-s", t.TempDir()}, 2, "has no content/ folder"},
	}
	before := snapshot(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"new"}, tt.args...)
			if !strings.Contains(strings.Join(tt.args, " "), "-s ") {
				args = append(args, "-s", dir)
			}
			code, _, stderr := runCommand(t, args...)
			if code != tt.code || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q\nwant exit %d and %q", code, stderr, tt.code, tt.wantErr)
			}
		})
	}
	if !reflect.DeepEqual(before, snapshot(t, dir)) {
		t.Error("a refused new changed the course")
	}
}

// TestNewSaysToReplaceThePlaceholder: the sentence new writes for its
// author to replace is named as it is written, not first by check.
func TestNewSaysToReplaceThePlaceholder(t *testing.T) {
	dir := newCourse(t, "course")
	code, stdout, stderr := runCommand(t, "new", "lesson", "-s", dir, "getting-started/fees")
	if code != 0 || !strings.Contains(stdout, "write your text in place of its placeholder sentence") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}
