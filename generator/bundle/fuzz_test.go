package bundle

import (
	"bytes"
	"github.com/fieldguide/fieldguide/generator/output"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzSelfCheck feeds arbitrary bytes to the HTML, SVG, CSS and JavaScript
// scanners. They must never panic, and every finding must point inside the
// file and say what is wrong.
func FuzzSelfCheck(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "selfcheck", "*.txtar"))
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			f.Add(file.Data, extKind(file.Name))
		}
	}
	for _, seed := range []string{
		`<a href="`, `<!--`, `<script>`, `<style>@import "`, "<img srcset=', ,a 1x,'>",
		`<meta http-equiv=refresh content="0;url='`, "`${`${`", `url(\`, `/[/`, `"\u{`, `a\`,
	} {
		for kind := range byte(4) {
			f.Add([]byte(seed), kind)
		}
	}
	names := [...]string{"en/m1/index.html", "assets/site.css", "assets/site.js", "assets/icons.svg"}
	f.Fuzz(func(t *testing.T, data []byte, kind byte) {
		name := names[int(kind)%len(names)]
		files := []File{{name, data}, {"index.html", nil}, {"en/index.html", nil}, {"en/m1/photo.jpg", nil}}
		problems, external := SelfCheck(files)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range problems {
			if p.File != name || p.Line < 1 || p.Line > lines || p.Col < 1 || p.Code == "" || p.Reason == "" {
				t.Errorf("bad problem %+v", p)
			}
		}
		for _, e := range external {
			if e.File != name || e.Line < 1 || e.Line > lines || e.Col < 1 || e.URL == "" {
				t.Errorf("bad external link %+v", e)
			}
		}
		// The Collector, which judges references as files arrive, must
		// find the same.
		c := NewCollector()
		for _, f := range files {
			if err := c.Put(f.Path, f.Data); err != nil {
				t.Fatal(err)
			}
		}
		cp, cx, err := c.SelfCheck()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cp, problems) || !slices.Equal(cx, external) {
			t.Errorf("Collector.SelfCheck = %v, %v; SelfCheck = %v, %v", cp, cx, problems, external)
		}
	})
}

func extKind(name string) byte {
	switch filepath.Ext(name) {
	case ".css":
		return 1
	case ".js":
		return 2
	case ".svg":
		return 3
	}
	return 0
}

// fuzzLimits keep each input cheap: fuzzing looks for panics and escapes,
// not for the limits themselves, which the unit tests cover.
var fuzzLimits = limits{entries: 64, entrySize: 1 << 20, totalSize: 4 << 20, directory: 1 << 20, manifest: 1 << 20}

// FuzzVerifyAndExtract opens arbitrary bytes as a bundle. Neither Verify nor
// Extract may panic, and whatever Extract writes must be plain files and
// folders inside the target folder.
func FuzzVerifyAndExtract(f *testing.F) {
	_, priv := testKey(f)
	f.Add(writeBundle(f, sampleFiles(), sampleManifest(), nil))
	f.Add(writeBundle(f, sampleFiles(), sampleManifest(), priv))
	f.Add(craftZip(f, []rawEntry{{name: "en/", mode: fs.ModeDir | 0o755}, {name: "en/a.html", data: []byte("a")}}))
	for _, u := range unsafeZips(f) {
		if len(u.zip) < 64<<10 {
			f.Add(u.zip)
		}
	}
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, verifyErr := verifyArchive(bytes.NewReader(data), int64(len(data)), nil, fuzzLimits)

		parent := t.TempDir()
		dir := filepath.Join(parent, "out")
		extractErr := extractArchive(bytes.NewReader(data), int64(len(data)), dir, fuzzLimits)
		if verifyErr == nil && rep.OK() && !rep.Signed && extractErr != nil {
			t.Errorf("Verify accepted what Extract refused: %v", extractErr)
		}

		entries, _ := os.ReadDir(parent)
		if len(entries) > 1 || len(entries) == 1 && entries[0].Name() != "out" {
			t.Fatalf("Extract wrote beside its folder: %v", entries)
		}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.Type()&^fs.ModeDir != 0 {
				t.Errorf("Extract created %s with mode %v", p, d.Type())
			}
			return nil
		})
	})
}

// FuzzPathProblem checks the guard every read and write relies on: a name
// it accepts is local on every system, clean and free of backslashes.
func FuzzPathProblem(f *testing.F) {
	for _, seed := range []string{"index.html", "fr/m1/index.html", "../x", "a/./b", "C:x", "NUL.txt", `a\b`, "a/", "//x", "中文/a b.pdf"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if pathProblem(name) != "" {
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.ContainsAny(name, `\:`) ||
			path.Clean(name) != name || strings.HasPrefix(name, "/") {
			t.Errorf("pathProblem accepts %q", name)
		}
		for seg := range strings.SplitSeq(name, "/") {
			if seg == ".." || seg == "." || output.WindowsDeviceName(seg) {
				t.Errorf("pathProblem accepts %q", name)
			}
		}
	})
}

// FuzzResolveRef holds the self-check's reference resolution to path.Join.
func FuzzResolveRef(f *testing.F) {
	for _, seed := range [][2]string{
		{"en/m1/l1/index.html", "../l2/index.html"}, {"en/m1/l1/index.html", "../../../index.html"},
		{"index.html", "../x"}, {"en/index.html", "../../x"}, {"a/b.html", "./c"}, {"a/b.html", "../c/"},
		{"a/b.html", "c//d"}, {"../a/b.html", "../c"}, {"a/../b/c.html", "../d"}, {"/a/b.html", "../c"}, {"a/b.html", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, from, rel string) {
		if got, want := resolveRef(from, rel), path.Join(path.Dir(from), rel); got != want {
			t.Errorf("resolveRef(%q, %q) = %q, path.Join gives %q", from, rel, got, want)
		}
	})
}
