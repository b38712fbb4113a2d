package main

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestArgsInWords: a command called with its arguments or a flag's value
// wrong says in words what is missing and how to call it, never cobra's
// "accepts 1 arg(s)" or strconv's "parsing", and exits 2.
func TestArgsInWords(t *testing.T) {
	course := t.TempDir()
	writeTestFile(t, filepath.Join(course, "site.yaml"), []byte("title: T\n"))
	notCourse := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"verify"}, "verify needs the copy to check (a zip, or the folder it was unpacked into): fieldguide verify FILE.zip|FOLDER [--key KEY.pub]"},
		{[]string{"verify", "a.zip", "b.zip"}, `verify takes one FILE.zip|FOLDER, but got 2 ("a.zip" "b.zip"); a name with spaces goes in quotes: fieldguide verify FILE.zip|FOLDER [--key KEY.pub]`},
		{[]string{"new", "lesson"}, "new lesson needs the module and the name of the lesson: fieldguide new lesson MODULE/NAME"},
		{[]string{"new", "lesson", "m/Document", "checks"}, `new lesson takes one MODULE/NAME, but got 2 ("m/Document" "checks"); a name with spaces goes in quotes`},
		{[]string{"new", "site"}, "new site needs the folder to create: fieldguide new site DIR"},
		{[]string{"new", "module"}, "new module needs the name of the module: fieldguide new module NAME"},
		{[]string{"i18n", "strings"}, "i18n strings needs the language, as a tag like fr or uk: fieldguide i18n strings LANG"},
		{[]string{"i18n", "mark"}, "i18n mark needs the translations to mark, files or folders: fieldguide i18n mark PATH..."},
		{[]string{"new", "lessen"}, `"lessen" is not a command of fieldguide new (did you mean "lesson"?); its commands are: lesson, module, site`},
		{[]string{"bundle", "x.zip"}, `bundle takes no arguments, but got "x.zip"; name the file to write with -o: fieldguide bundle -o x.zip`},
		{[]string{"build", course}, `build takes no arguments, but got "` + course + `"; name the course folder with -s: fieldguide build -s ` + course},
		// A folder that is no course, "build public" in a course: the
		// folder to write.
		{[]string{"build", notCourse}, `build takes no arguments, but got "` + notCourse + `"; name the folder to write with -d: fieldguide build -d ` + notCourse},
		{[]string{"version", "x"}, `version takes no arguments, but got "x"`},
		{[]string{"serve", "--port", "abc"}, `--port must be a number like 1313, not "abc"`},
		{[]string{"serve", "--port"}, "--port needs a value, e.g. --port 1313"},
		{[]string{"new", "lesson", "m/x", "--duration", "half"}, `--duration must be a number like 30, not "half"`},
		{[]string{"build", "--strict=maybe"}, `--strict is on by itself (--strict) or off (--strict=false), not --strict=maybe`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want 2 and %q in\n%s", code, tc.want, errOut)
			}
			for _, leak := range []string{"arg(s)", "strconv", "parsing", "invalid argument", "flag needs an argument", "unknown command"} {
				if strings.Contains(errOut, leak) {
					t.Errorf("%q leaks into\n%s", leak, errOut)
				}
			}
		})
	}
}

// TestShellQuote: names to type again are quoted only when they must be,
// in double quotes where every shell reads them, and in single quotes
// where a Unix shell would expand what double quotes hold.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"course.zip": "course.zip", "m/first-questions": "m/first-questions", "": `""`,
		"m/Étude de cas": `"m/Étude de cas"`, "it's": `"it's"`, "a&b": `"a&b"`, "two\nlines": "\"two\nlines\"",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
	unix := map[string]string{"cost$5": `'cost$5'`, `say "hi"`: `'say "hi"'`, "it's $5": `'it'\''s $5'`}
	if runtime.GOOS == "windows" {
		unix = map[string]string{`D:\training\course fr`: `"D:\training\course fr"`}
	}
	for in, want := range unix {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
