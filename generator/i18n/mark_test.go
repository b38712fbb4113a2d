package i18n

import (
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
)

func TestSetTranslatedFrom(t *testing.T) {
	const h = "0123456789ab"
	tests := []struct {
		name string
		in   string
		hash string
		want string
	}{
		{
			name: "yaml insert before closing",
			in:   "---\ntitle: \"L'entretien\"   # keep this comment\nweight: 2\n---\nCorps.\n",
			hash: h,
			want: "---\ntitle: \"L'entretien\"   # keep this comment\nweight: 2\ntranslatedFrom: " + h + "\n---\nCorps.\n",
		},
		{
			name: "yaml replace existing",
			in:   "---\ntitle: A\ntranslatedFrom: aaaaaaaaaaaa\nweight: 2\n---\nBody\n",
			hash: h,
			want: "---\ntitle: A\ntranslatedFrom: " + h + "\nweight: 2\n---\nBody\n",
		},
		{
			name: "yaml replace quoted and empty values",
			in:   "---\ntranslatedFrom: \"\"\ntitle: A\n---\n",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\ntitle: A\n---\n",
		},
		{
			name: "yaml replace a value over several lines",
			in:   "---\ntranslatedFrom: >\n  aaaa\n  bbbb\nobjectives:\n  - One\n---\nBody\n",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\nobjectives:\n  - One\n---\nBody\n",
		},
		{
			name: "yaml keeps lists after the key",
			in:   "---\ntranslatedFrom: aaaaaaaaaaaa\nobjectives:\n  - One\n  - Two\n---\nBody\n",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\nobjectives:\n  - One\n  - Two\n---\nBody\n",
		},
		{
			name: "yaml ends with a list",
			in:   "---\ntitle: A\nkeypoints:\n  - One\n---\nBody\n",
			hash: h,
			want: "---\ntitle: A\nkeypoints:\n  - One\ntranslatedFrom: " + h + "\n---\nBody\n",
		},
		{
			name: "empty yaml front matter",
			in:   "---\n---\nBody\n",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\n---\nBody\n",
		},
		{
			name: "CRLF and BOM are kept",
			in:   "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\nMore\r\n",
			hash: h,
			want: "\xef\xbb\xbf---\r\ntitle: A\r\ntranslatedFrom: " + h + "\r\n---\r\nBody\r\nMore\r\n",
		},
		{
			name: "no final newline",
			in:   "---\ntitle: A\n---\nBody",
			hash: h,
			want: "---\ntitle: A\ntranslatedFrom: " + h + "\n---\nBody",
		},
		{
			name: "only front matter, no newline after it",
			in:   "---\ntitle: A\n---",
			hash: h,
			want: "---\ntitle: A\ntranslatedFrom: " + h + "\n---",
		},
		{
			name: "toml insert",
			in:   "+++\ntitle = \"A\"\nweight = 2\n+++\nBody\n",
			hash: h,
			want: "+++\ntitle = \"A\"\nweight = 2\ntranslatedFrom = \"" + h + "\"\n+++\nBody\n",
		},
		{
			name: "toml insert before a table",
			in:   "+++\ntitle = \"A\"\n[params]\nx = 1\n+++\nBody\n",
			hash: h,
			want: "+++\ntitle = \"A\"\ntranslatedFrom = \"" + h + "\"\n[params]\nx = 1\n+++\nBody\n",
		},
		{
			// A line of text starting with [ is no table: the key goes
			// after the string, not inside it (where the read-back check
			// refused it).
			name: "toml insert after a multi-line string",
			in:   "+++\ntitle = \"A\"\ndescription = \"\"\"\n[Draft] who pays the fees\n\"\"\"\n+++\nBody\n",
			hash: h,
			want: "+++\ntitle = \"A\"\ndescription = \"\"\"\n[Draft] who pays the fees\n\"\"\"\ntranslatedFrom = \"" + h + "\"\n+++\nBody\n",
		},
		{
			name: "toml key of a table is not the page's",
			in:   "+++\ntitle = \"A\"\n[params]\ntranslatedFrom = \"x\"\n+++\nBody\n",
			hash: h,
			want: "+++\ntitle = \"A\"\ntranslatedFrom = \"" + h + "\"\n[params]\ntranslatedFrom = \"x\"\n+++\nBody\n",
		},
		{
			name: "yaml quoted key replaced",
			in:   "---\n\"translatedFrom\": aaaaaaaaaaaa\ntitle: A\n---\n",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\ntitle: A\n---\n",
		},
		{
			name: "toml replace",
			in:   "+++\ntranslatedFrom = 'old'\ntitle = \"A\"\n+++\nBody\n",
			hash: h,
			want: "+++\ntranslatedFrom = \"" + h + "\"\ntitle = \"A\"\n+++\nBody\n",
		},
		{
			name: "no front matter",
			in:   "# Titre\n\nCorps.\n",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\n---\n# Titre\n\nCorps.\n",
		},
		{
			name: "no front matter, CRLF, BOM",
			in:   "\xef\xbb\xbf# Titre\r\n",
			hash: h,
			want: "\xef\xbb\xbf---\r\ntranslatedFrom: " + h + "\r\n---\r\n# Titre\r\n",
		},
		{
			name: "empty file",
			in:   "",
			hash: h,
			want: "---\ntranslatedFrom: " + h + "\n---\n",
		},
		{
			name: "body with a thematic break is untouched",
			in:   "---\ntitle: A\n---\nOne\n\n---\n\nTwo\n",
			hash: h,
			want: "---\ntitle: A\ntranslatedFrom: " + h + "\n---\nOne\n\n---\n\nTwo\n",
		},
		{
			name: "nested translatedFrom is not the page's",
			in:   "---\nparams:\n  translatedFrom: x\n---\nBody\n",
			hash: h,
			want: "---\nparams:\n  translatedFrom: x\ntranslatedFrom: " + h + "\n---\nBody\n",
		},
		{
			name: "empty hash removes the key",
			in:   "---\ntitle: A\ntranslatedFrom: aaaaaaaaaaaa\n---\nBody\n",
			hash: "",
			want: "---\ntitle: A\n---\nBody\n",
		},
		{
			name: "empty hash without the key changes nothing",
			in:   "# Only a body\n",
			hash: "",
			want: "# Only a body\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SetTranslatedFrom("content/fr/a.md", []byte(tt.in), tt.hash)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestSetTranslatedFromRefuses(t *testing.T) {
	tests := []struct {
		name, in, wantErr string
	}{
		{"unclosed front matter", "---\ntitle: A\nBody\n", "content/fr/a.md: 1:1: the front matter is not closed"},
		{"flow mapping front matter", "---\n{title: A}\n---\nBody\n", "content/fr/a.md"},
		{"invalid UTF-8", "---\ntitle: A\n---\n\xff\n", "fix this first: content/fr/a.md:4:1: invalid UTF-8"},
		{"malformed YAML", "---\ntitle: [\n---\nBody\n", "fix this first: content/fr/a.md:2"},
		{"wrong type", "---\nweight: two\n---\nBody\n", "fix this first: content/fr/a.md:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SetTranslatedFrom("content/fr/a.md", []byte(tt.in), "0123456789ab")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

// TestLooksUntranslated: a copy whose title and text are still the
// source's is untranslated, however it was re-wrapped; a translated title
// or text is not, nor a copy of a page with nothing to translate.
func TestLooksUntranslated(t *testing.T) {
	src := &content.Source{FM: content.FrontMatter{Title: "ILO indicators", Objectives: []string{"Name them"}},
		Body: []byte("Eleven indicators of forced labour.\n\nRead them all.\n")}
	tests := []struct {
		name        string
		title, body string
		objectives  []string
		want        bool
	}{
		{"an untouched copy", "ILO indicators", "Eleven indicators of forced labour.\n\nRead them all.\n", []string{"Name them"}, true},
		{"re-wrapped only", "ILO  indicators", "Eleven indicators\nof forced labour.\nRead them all.", []string{"Name them"}, true},
		{"only the objectives translated", "ILO indicators", "Eleven indicators of forced labour.\n\nRead them all.\n", []string{"Nombrarlos"}, true},
		{"text translated", "ILO indicators", "Once indicadores de trabajo forzoso.\n", nil, false},
		{"title translated", "Indicadores de la OIT", "Eleven indicators of forced labour.\n\nRead them all.\n", nil, false},
		{"one word translated", "ILO indicators", "Eleven indicators of forced labour.\n\nLéalos todos.\n", nil, false},
	}
	for _, tt := range tests {
		tr := &content.Source{FM: content.FrontMatter{Title: tt.title, Objectives: tt.objectives}, Body: []byte(tt.body)}
		if got := LooksUntranslated(tr, src); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	empty := &content.Source{Body: []byte("\n")}
	if LooksUntranslated(&content.Source{}, empty) {
		t.Error("a page with nothing to translate is reported untranslated")
	}
}

func FuzzSetTranslatedFrom(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\n---\nBody\n", "+++\ntitle = \"A\"\n+++\n", "# T\n", "\xef\xbb\xbf---\r\n---\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := SetTranslatedFrom("a.md", []byte(in), "0123456789ab")
		if err != nil {
			return
		}
		// Marking twice changes nothing the second time.
		again, err := SetTranslatedFrom("a.md", out, "0123456789ab")
		if err != nil {
			t.Fatalf("marking a marked file failed: %v\n%q", err, out)
		}
		if string(again) != string(out) {
			t.Fatalf("marking is not idempotent:\n%q\n%q", out, again)
		}
	})
}

func TestSetAliases(t *testing.T) {
	fr := []string{"/fr/m/old/", "older"}
	tests := []struct {
		name, in string
		aliases  []string
		want     string
	}{
		{"yaml block list", "---\ntitle: A # note\naliases:\n  - /en/m/old/\n  - older\nweight: 2\n---\nBody\n", fr,
			"---\ntitle: A # note\naliases:\n  - \"/fr/m/old/\"\n  - \"older\"\nweight: 2\n---\nBody\n"},
		{"yaml list at the key's indentation", "---\naliases:\n- /en/m/old/\n- older\ntitle: A\n---\nBody\n", fr,
			"---\naliases:\n  - \"/fr/m/old/\"\n  - \"older\"\ntitle: A\n---\nBody\n"},
		{"yaml flow list, CRLF", "---\r\naliases: [/en/m/old/, older]\r\ntitle: A\r\n---\r\nBody\r\n", fr,
			"---\r\naliases:\r\n  - \"/fr/m/old/\"\r\n  - \"older\"\r\ntitle: A\r\n---\r\nBody\r\n"},
		{"yaml removed", "---\ntitle: A\naliases:\n  - /en/m/old/\n---\nBody\n", nil, "---\ntitle: A\n---\nBody\n"},
		{"toml one line", "+++\ntitle = \"A\"\naliases = [\"/en/m/old/\", \"older\"]\n+++\nBody\n", fr,
			"+++\ntitle = \"A\"\naliases = [\"/fr/m/old/\", \"older\"]\n+++\nBody\n"},
		{"toml over several lines", "+++\naliases = [\n  \"/en/m/old/\", # the old one\n  \"older\",\n]\ntitle = \"A\"\n+++\nBody\n", fr,
			"+++\naliases = [\"/fr/m/old/\", \"older\"]\ntitle = \"A\"\n+++\nBody\n"},
	}
	for _, tt := range tests {
		got, err := SetAliases("a.md", []byte(tt.in), tt.aliases)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestSetKeyRefusesAlike: SetTranslatedFrom and SetAliases check their
// edit the same way (setKey), and refuse alike: a front matter with an
// error already, one the edit would break, and one where the key cannot
// be written; each message names the file and the key, and says what to
// do by hand.
func TestSetKeyRefusesAlike(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // in both errors, %s the key
	}{
		{"an error already", "---\nweight: two\n---\nBody\n", []string{"fix this first: a.md:2"}},
		{"unclosed", "---\ntitle: A\nBody\n", []string{"a.md: 1:1: the front matter is not closed"}},
		{"a flow mapping the key would break", "---\n{title: A}\n---\nBody\n", []string{"a.md: changing %s would break the front matter", "by hand"}},
	}
	for _, tt := range tests {
		for key, set := range map[string]func() ([]byte, error){
			"translatedFrom": func() ([]byte, error) { return SetTranslatedFrom("a.md", []byte(tt.in), "0123456789ab") },
			"aliases":        func() ([]byte, error) { return SetAliases("a.md", []byte(tt.in), []string{"/fr/old/"}) },
		} {
			_, err := set()
			if err == nil {
				t.Errorf("%s, %s: no error", tt.name, key)
				continue
			}
			for _, w := range tt.want {
				if w = strings.ReplaceAll(w, "%s", key); !strings.Contains(err.Error(), w) {
					t.Errorf("%s, %s: error %q lacks %q", tt.name, key, err, w)
				}
			}
		}
	}
}

func FuzzSetAliases(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\naliases: [/en/a/]\n---\nBody\n", "+++\naliases = [\n  'x',\n]\n+++\n", "# T\n", "---\naliases:\n- a\n- b\n---\n"} {
		f.Add(s, "/fr/a/")
	}
	f.Fuzz(func(t *testing.T, in, alias string) {
		aliases := []string{alias, "older"}
		out, err := SetAliases("a.md", []byte(in), aliases)
		if err != nil {
			return
		}
		// The result holds the aliases asked, and setting them again
		// changes nothing.
		s := &content.Source{File: "a.md"}
		if !content.Parse(s, out, &diag.List{}) || !slices.Equal(s.FM.Aliases, aliases) {
			t.Fatalf("aliases read back as %q, want %q:\n%q", s.FM.Aliases, aliases, out)
		}
		again, err := SetAliases("a.md", out, aliases)
		if err != nil {
			t.Fatalf("setting the same aliases again failed: %v\n%q", err, out)
		}
		if string(again) != string(out) {
			t.Fatalf("SetAliases is not idempotent:\n%q\n%q", out, again)
		}
	})
}
