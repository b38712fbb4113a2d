package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/decode"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// checkSimpleYAML fails t when simpleYAML accepts fm and the library reads
// it otherwise, or says anything about it.
func checkSimpleYAML(t *testing.T, fm []byte) (accepted bool) {
	t.Helper()
	var fast FrontMatter
	if !simpleYAML(fm, &fast) {
		if !reflect.DeepEqual(fast, FrontMatter{}) {
			t.Errorf("simpleYAML(%q) refused it but filled %+v", fm, fast)
		}
		return false
	}
	var slow FrontMatter
	var l diag.List
	decode.YAML(decode.Doc{File: "f.md", LineOffset: 1, Data: fm, Guarded: []string{"audience", "draft"}}, &slow, &l)
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("simpleYAML(%q) = %+v; decode.YAML = %+v", fm, fast, slow)
	}
	if len(l.Items()) != 0 {
		t.Errorf("simpleYAML accepted %q; decode.YAML says %v", fm, l.Items())
	}
	return true
}

// simpleYAMLCases are front matters and whether simpleYAML reads them
// (true) or leaves them to the library (false).
var simpleYAMLCases = []struct {
	fm     string
	simple bool
}{
	{"title: A\nweight: 2\n", true},
	{"title: \"Module 13: Review agent explain\"\nweight: 13\ndescription: \"Travel exploitation.\"\n", true},
	{"title: 'Single: quoted'\nduration: 25\ndraft: true\n", true},
	{"title: Let's go (again)\nweight: -3\ndraft: false\n", false},
	{"objectives:\n  - \"定义：行为、手段与目的\"\n  - plain item\nkeypoints:\n- a\n- b\n\nweight: 0\n", true},
	{"aliases: [a, \"b\", 'c d']\n", true},
	{"translatedFrom: f75223f149b1f041\n", true},
	{"translatedFrom: 0d9da6f4e6973ff0\n", false},
	{"title: 3e5\n", false},
	{"title: yes\n", false},
	{"title: Null\n", false},
	{"title: ~\n", false},
	{"weight: 012\n", false},
	{"weight: 0x1F\n", false},
	{"weight: 1e3\n", false},
	{"weight: +3\n", false},
	{"weight: -0\n", false},
	{"title: a # comment\n", false},
	{"title: a: b\n", false},
	{"title: a\ntitle: b\n", false},
	{"title: &x a\n", false},
	{"title: !!str 3\n", false},
	{"title: \"a\\tb\"\n", false},
	{"title: >\n  folded\n", false},
	{"title: a\n  continued\n", false},
	{"titel: typo\n", false},
	{"objectives:\n  - a\n    more\n", false},
	{"objectives:\n  - a\n - b\n", false},
	{"objectives:\n", false},
	{"objectives:\nweight: 1\n", false},
	{"aliases: []\n", false},
	{"aliases: [a,]\n", false},
	{"title:A\n", false},
	{"title: \"a\" b\n", false},
	{"title: a\u00a0\n", false},
	{"title: a\u2028b\n", false},
	{"title: \"\"\n", true},
	{"description: 2024-01-01\n", false},
	{"\n\ntitle: A\n\n", true},
	{"title: \"open\n", false},
	{"title: What is it? A - b; c/d (e) x+y=z_w.  two  spaces\n", true},
	{"title: Ünïcode Straße — «guillemets»\ndescription: 第三方控制\n", true},
	{"title: 'it''s'\n", false},
	{"title: \"tab\there\"\n", false},
	{"title: - a\n", false},
	{"title: ? a\n", false},
	{"objectives:\n  -  spaced\n  - \"quoted\"   \n", true},
	{"audience: trainer\nslug: my-page\ntranslationKey: intro\nprerequisites:\n  - one\n", true},
}

func TestSimpleYAMLMatchesDecoder(t *testing.T) {
	for _, c := range simpleYAMLCases {
		if got := checkSimpleYAML(t, []byte(c.fm)); got != c.simple {
			t.Errorf("simpleYAML(%q) read it: %v, want %v", c.fm, got, c.simple)
		}
	}
}

// TestSimpleYAMLOnRealCourses holds simpleYAML equal to the library on
// every front matter of the repository's courses, and of the benchmark
// course when it is there, and checks it takes the most of them.
func TestSimpleYAMLOnRealCourses(t *testing.T) {
	roots := []string{"../../content", "../scaffold/site/content", "/tmp/c20/content"}
	files, accepted := 0, 0
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fm, _, _, format := Split(normalizeNewlines(data))
			if format != "yaml" {
				return nil
			}
			files++
			if checkSimpleYAML(t, fm) {
				accepted++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("simpleYAML read %d of %d front matters", accepted, files)
	if files > 0 && accepted*2 < files {
		t.Errorf("simpleYAML read only %d of %d front matters", accepted, files)
	}
}

func FuzzSimpleYAML(f *testing.F) {
	for _, c := range simpleYAMLCases {
		f.Add([]byte(c.fm))
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		checkSimpleYAML(t, fm)
	})
}

// BenchmarkParse parses every Markdown file of the benchmark course
// (/tmp/c20), as content.Walk does.
func BenchmarkParse(b *testing.B) {
	var files [][]byte
	filepath.WalkDir("/tmp/c20/content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			data, _ := os.ReadFile(p)
			files = append(files, data)
		}
		return nil
	})
	if len(files) == 0 {
		b.Skip("no /tmp/c20/content")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			s := &Source{File: "content/en/m/a.md"}
			var l diag.List
			Parse(s, data, &l)
		}
	}
}

// BenchmarkFrontMatter decodes the front matter of every page of the
// benchmark course with the library alone, and as Parse does.
func BenchmarkFrontMatter(b *testing.B) {
	var fms [][]byte
	filepath.WalkDir("/tmp/c20/content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			data, _ := os.ReadFile(p)
			if fm, _, _, format := Split(data); format == "yaml" {
				fms = append(fms, fm)
			}
		}
		return nil
	})
	if len(fms) == 0 {
		b.Skip("no /tmp/c20/content")
	}
	library := func(fm []byte, into *FrontMatter) {
		var l diag.List
		decode.YAML(decode.Doc{File: "f.md", LineOffset: 1, Data: fm, Guarded: []string{"audience", "draft"}}, into, &l)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, fm := range fms {
				var v FrontMatter
				library(fm, &v)
			}
		}
	})
	b.Run("simple", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, fm := range fms {
				var v FrontMatter
				if !simpleYAML(fm, &v) {
					library(fm, &v)
				}
			}
		}
	})
}
