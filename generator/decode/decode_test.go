package decode_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/decode"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// TestMessagesSayWhatToWrite: a trainer's mistakes in front matter are
// told in the words of the file, each at its own line (LineOffset 1: the
// front matter starts on the file's second line), every one of them.
func TestMessagesSayWhatToWrite(t *testing.T) {
	for _, tc := range []struct {
		name, format, data string
		want               []string
	}{
		{"string for a list", "yaml", "title: A\nobjectives: \"a string\"\n",
			[]string{`f.md:3:13: objectives must be a list (lines starting with ` + "`- `" + `)`}},
		{"every wrong value", "yaml", "weight: abc\ndraft: maybe\nduration: 99999999999999999999\n",
			[]string{"f.md:2:9: weight must be a number (without quotes)", "f.md:3:8: draft must be true or false", "f.md:4:11: duration must be a number of minutes, with no unit (30, not 30 min)"}},
		{"a key twice", "yaml", "title: A\ntitle: B\n",
			[]string{"f.md:3:1: title is given twice (first on line 2) (keep one of them)"}},
		{"unclosed quote", "yaml", "title: A\nweight: \"3\nslug: x\n",
			[]string{"(close the quotation mark on that line, or write the text without quotes)"}},
		{"a tab in the indentation", "yaml", "title: A\nobjectives:\n\t- one\n",
			[]string{"f.md:4:1: line 4 is indented with a tab, which YAML does not allow (indent with spaces instead"}},
		{"a colon in a title", "yaml", "title: Step 1: Ask the applicant\n",
			[]string{`f.md:2:8: the value of title holds ": ", which YAML reads as the start of another key (put the value in quotes: title: "Step 1: Ask the applicant")`}},
		{"quotation marks inside quotation marks", "yaml", "title: \"La definición \"acción\" y fin\"\n",
			[]string{`f.md:2:24: the value of title has quotation marks inside its quotation marks, so YAML reads it as ending early (put the value in the other quotation marks, title: 'La definición "acción" y fin', or write the inner ones as “ ” or « »)`}},
		{"quotation marks of both kinds inside", "yaml", "title: \"L'action \"d'abord\"\"\n",
			[]string{`(write the inner ones as “ ” or « »)`}},
		{"a colon in a quoted title is fine", "yaml", "title: \"Step 1: Ask\"\n", nil},
		// The parser names the line with the value: the message names the
		// key under it, which is the one to move.
		{"a key indented under a value", "yaml", "title: A\nweight: 2\n description: x\n",
			[]string{"f.md:4:1: line 4 is indented more than line 3, so YAML reads it as more of the value of weight (start description: in the same column as weight: on line 3, at the start of the line)"}},
		// Here the parser names the key; a blank line and a comment between
		// change nothing.
		{"a key indented under a quoted value", "yaml", "title: \"A\"\n\n  # note\n  weight: 2\n",
			[]string{"f.md:5:1: line 5 is indented more than line 2, so YAML reads it as more of the value of title (start weight: in the same column as title: on line 2, at the start of the line)"}},
		{"a key between two levels", "yaml", "title: A\nobjectives:\n    - one\n  weight: 2\n",
			[]string{"f.md:5:1: line 5 is not lined up with the lines above it (lines side by side start in the same column: start weight: at the start of the line, as objectives: on line 3)"}},
		{"a list item between two levels", "yaml", "title: A\nobjectives:\n  - one\n - two\n",
			[]string{`f.md:5:1: line 5 is not lined up with the lines above it (lines side by side start in the same column: start "- two" after 2 spaces, as "- one" on line 4)`}},
		// What new writes, objectives: [], then items under it.
		{"items under an empty list", "yaml", "title: A\nobjectives: []\n  - \"Explain who pays.\"\n",
			[]string{"f.md:4:1: line 4 lists an item under objectives: [], which is a list already, written on its line (to list the items under it, take [] away from line 3, leaving objectives:)"}},
		{"items under a value", "yaml", "title: A\nobjectives: one\n- two\n",
			[]string{"f.md:4:1: line 4 lists an item under objectives, which has a value already (one) (to list the items under it, take the value away from line 3, leaving objectives:)"}},
		// { name: Français, weight: 2 } holds ": " on purpose.
		{"a flow mapping over-indented", "yaml", "languages:\n  en: { name: English, weight: 1 }\n   fr: { name: Français, weight: 2 }\n",
			[]string{"f.md:4:1: line 4 is indented more than line 3, so YAML reads it as more of the value of en (start fr: in the same column as en: on line 3, after 2 spaces)"}},
		{"a flow mapping not closed", "yaml", "languages:\n  en: { name: English, weight: 1\n  fr: { name: Français, weight: 2 }\n# a comment\nslug: x\n",
			[]string{"f.md:3:1: line 3 opens { and does not close it (end the line with }: en: { name: English, weight: 1 })"}},
		{"no space after the colon", "yaml", "title:\"Fees\"\nweight: 2\n",
			[]string{`f.md:2:1: line 2 has no space after title: (put a space after the colon: title: "Fees")`}},
		{"no space after the colon, later", "yaml", "title: A\nweight:2\n",
			[]string{`f.md:3:1: line 3 has no space after weight: (put a space after the colon: weight: 2)`}},
		{"quoted keys are keys", "yaml", "\"title\": A\n'weight': 2\n\"wieght\": 3\n",
			[]string{`f.md:4:1: warning: unknown key "wieght" (did you mean "weight"?)`}},
		// Key names stay in English: a translated one says so (and a
		// translated draft: stops the build: see content's tests).
		{"translated keys", "yaml", "título: Definición\nbeschreibung: x\n",
			[]string{`f.md:2:1: warning: unknown key "título" (key names stay in English whatever the page's language: write title:)`,
				`f.md:3:1: warning: unknown key "beschreibung" (key names stay in English whatever the page's language: write description:)`}},
		{"toml list", "toml", "title = \"T\"\n\nobjectives = \"x\"\n",
			[]string{`f.md:4:1: objectives must be a list (["first", "second"])`}},
		{"toml every value, and the unknown key", "toml", "titel = \"x\"\nweight = \"2\"\ndraft = 1\n",
			[]string{`f.md:2:1: warning: unknown key "titel" (did you mean "title"?)`, "f.md:3:1: weight must be a number (without quotes)", "f.md:4:1: draft must be true or false"}},
		// A top-level key's line is where the page writes it, not an
		// earlier line of a multi-line string or a [table] with a key of
		// the same name; a key that is a table is at its header.
		{"toml keys named in a string and a table", "toml", "description = \"\"\"\nweight = 2, said the page\n[not a table]\n\"\"\"\nweight = \"2\"\n[params]\nextra = 1\n[extra]\na = 1\n",
			[]string{"f.md:6:1: weight must be a number (without quotes)", `f.md:7:1: warning: unknown key "params"`, `f.md:9:1: warning: unknown key "extra"`}},
	} {
		var l diag.List
		var fm content.FrontMatter
		doc := decode.Doc{File: "f.md", LineOffset: 1, Data: []byte(tc.data)}
		if tc.format == "yaml" {
			decode.YAML(doc, &fm, &l)
		} else {
			decode.TOML(doc, &fm, &l)
		}
		var got []string
		for _, d := range l.Items() {
			got = append(got, d.Error())
		}
		all := strings.Join(got, "\n")
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no %q in:\n%s", tc.name, w, all)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d messages, want %d:\n%s", tc.name, len(got), len(tc.want), all)
		}
	}
}

// A wrong value inside a nested mapping (a language of site.yaml) is
// reported where it is, not as the whole mapping.
func TestNestedValueWhereItIs(t *testing.T) {
	var v struct {
		Title     string `yaml:"title"`
		Languages map[string]struct {
			Name   string `yaml:"name"`
			Weight int    `yaml:"weight"`
		} `yaml:"languages"`
	}
	var l diag.List
	decode.YAML(decode.Doc{File: "site.yaml", Data: []byte("title: T\nlanguages:\n  en: {name: English, weight: heavy}\n")}, &v, &l)
	items := l.Items()
	if len(items) != 1 || items[0].Line != 3 || items[0].Col < 20 || !strings.Contains(items[0].Message, "weight must be a number") {
		t.Errorf("messages: %v", items)
	}
}

// TOML's package fills a field from a key of any letter case. A key
// written otherwise than its field is unknown, warned about and left out,
// as in YAML: beside the key itself, which value a build kept would depend
// on map order.
func TestTOMLKeysAreExact(t *testing.T) {
	for range 20 {
		var l diag.List
		var fm content.FrontMatter
		decode.TOML(decode.Doc{File: "f.md", LineOffset: 1, Data: []byte("title = \"T\"\nAliAses = [\"/x/\"]\naliases = [\"/y/\"]\nTitle = \"U\"\n")}, &fm, &l)
		if fm.Title != "T" || !slices.Equal(fm.Aliases, []string{"/y/"}) {
			t.Fatalf("title %q, aliases %q; want T and [/y/]", fm.Title, fm.Aliases)
		}
		if n := len(l.Items()); n != 2 {
			t.Fatalf("%d messages, want a warning for AliAses and one for Title: %v", n, l.Items())
		}
	}
	var l diag.List
	var fm content.FrontMatter
	decode.TOML(decode.Doc{File: "f.md", LineOffset: 1, Data: []byte("AliAses = [\"/x/\"]\n")}, &fm, &l)
	if fm.Aliases != nil {
		t.Errorf("aliases %q from AliAses; want none", fm.Aliases)
	}
}

// TestKeyIndex: quotes inside single-line strings and comments open no
// multi-line string, and an escaped quote does not close one.
func TestKeyIndex(t *testing.T) {
	for _, tc := range []struct {
		name, format, text string
		want               int
	}{
		{"yaml quoted", "yaml", "title: A\n\"slug\": a\n", 1},
		{"yaml indented is another value's", "yaml", "params:\n  slug: b\n", -1},
		{"toml mismatched quotes", "toml", "\"slug' = \"a\"\n", -1},
		{"toml after a table", "toml", "[params]\nslug = \"a\"\n", -1},
		{"toml quotes in a string", "toml", "title = \"it's '''\"\nslug = \"a\"\n", 1},
		{"toml quotes in a comment", "toml", "title = 'A' # '''\nslug = \"a\"\n", 1},
		{"toml escaped quotes", "toml", "description = \"\"\"\\\"\"\"\nslug = \"b\"\n\"\"\"\nslug = \"a\"\n", 3},
		{"toml literal", "toml", "description = '''\n[x]\n'''  # '''\nslug = \"a\"\n", 3},
	} {
		if got := decode.KeyIndex(bytes.Split([]byte(tc.text), []byte("\n")), tc.format, "slug"); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
