package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/bundle"
	"golang.org/x/tools/txtar"
)

const smallCourse = `
-- site.yaml --
title: Small course
languages:
  en: { name: English }
  zh: { name: 中文 }
  ar: { name: العربية }
-- content/en/_index.md --
---
title: Home
---
-- content/en/m/_index.md --
---
title: Module
---
-- content/en/m/a.md --
---
title: Lesson A
---
## Passport

Read [the next lesson](b.md) and the [Protocol](https://www.ohchr.org/).

::: trainer
TRAINER-ONLY-MARKER
:::
-- content/en/m/b.md --
---
title: Lesson B
---
Text.
-- content/zh/m/a.md --
---
title: 课程A
---
## 护照
-- content/ar/m/a.md --
---
title: الدرس أ
---
## جواز السفر
`

// writeCourse unpacks a txtar course into a temporary folder.
func writeCourse(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBundleReproducibleAndVerified(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764201600")
	dir := writeCourse(t, smallCourse)
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a.zip"), filepath.Join(tmp, "b.zip")
	key := filepath.Join(tmp, "key")
	if code, _, errOut := runCLI(t, "keygen", "-o", key); code != 0 {
		t.Fatalf("keygen: %d %s", code, errOut)
	}
	if info, err := os.Stat(key); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("private key mode: %v %v", info, err)
	}
	for _, out := range []string{a, b} {
		code, stdout, errOut := runCLI(t, "bundle", "-s", dir, "-o", out, "--sign", key)
		if code != 0 {
			t.Fatalf("bundle: %d\n%s", code, errOut)
		}
		if !strings.Contains(stdout, "wrote "+out) || !strings.Contains(errOut, "https://www.ohchr.org/") {
			t.Errorf("bundle output:\n%s\n%s", stdout, errOut)
		}
	}
	za, _ := os.ReadFile(a)
	zb, _ := os.ReadFile(b)
	if !bytes.Equal(za, zb) {
		t.Fatal("two bundles of the same sources differ")
	}
	// A private key others can read is signed with, and warned about.
	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "bundle", "-s", dir, "-o", filepath.Join(tmp, "c.zip"), "--sign", key); code != 0 || !strings.Contains(errOut, "chmod 600") {
		t.Errorf("key readable by others: exit %d, %s", code, errOut)
	}
	zr, err := zip.NewReader(bytes.NewReader(za), int64(len(za)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		rc, _ := f.Open()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(rc)
		rc.Close()
		if bytes.Contains(buf.Bytes(), []byte("TRAINER-ONLY-MARKER")) {
			t.Errorf("%s leaks trainer notes", f.Name)
		}
		if strings.HasSuffix(f.Name, ".html") && bytes.Contains(buf.Bytes(), []byte(`href="/`)) {
			t.Errorf("%s has a root-relative link", f.Name)
		}
	}
	for _, want := range []string{"index.html", "MANIFEST.json", "MANIFEST.sig", "en/m/a/index.html", "zh/m/a/index.html", "ar/m/b/index.html"} {
		if !names[want] {
			t.Errorf("zip lacks %s", want)
		}
	}
	if code, stdout, _ := runCLI(t, "verify", a, "--key", key+".pub"); code != 0 || !strings.Contains(stdout, "intact") || !strings.Contains(stdout, "signature: valid") {
		t.Errorf("verify: %d\n%s", code, stdout)
	}

	// Change one byte of one file and re-zip: verify must name it.
	tampered := filepath.Join(tmp, "tampered.zip")
	f, _ := os.Create(tampered)
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		w, _ := zw.Create(e.Name)
		rc, _ := e.Open()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(rc)
		rc.Close()
		data := buf.Bytes()
		if e.Name == "en/m/b/index.html" {
			data = bytes.Replace(data, []byte("Text."), []byte("Text!"), 1)
		}
		_, _ = w.Write(data)
	}
	zw.Close()
	f.Close()
	if _, _, errOut := runCLI(t, "verify", filepath.Join(t.TempDir(), "nope.zip")); strings.Count(errOut, "nope.zip") != 1 {
		t.Errorf("the file is named more than once: %s", errOut)
	}
	code, stdout, _ := runCLI(t, "verify", tampered)
	if code != 1 || !strings.Contains(stdout, "altered: en/m/b/index.html") {
		t.Errorf("verify of a tampered zip: %d\n%s", code, stdout)
	}

	// The copy unpacked into a folder of the zip's name, as Windows does,
	// and browsed: intact, then altered.
	unpacked := filepath.Join(tmp, "unpacked")
	if err := bundle.Extract(a, filepath.Join(unpacked, "course")); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(unpacked, "course/en/Thumbs.db"), []byte("thumbnails"))
	code, stdout, _ = runCLI(t, "verify", unpacked, "--key", key+".pub")
	if code != 0 || !strings.HasPrefix(stdout, filepath.Join(unpacked, "course")+": intact (") || !strings.Contains(stdout, "signature: valid") ||
		!strings.Contains(stdout, "ignored: 1 added by the system, not the course's (en/Thumbs.db)") || !strings.Contains(stdout, "intact") {
		t.Errorf("verify of the unpacked copy: %d\n%s", code, stdout)
	}
	writeTestFile(t, filepath.Join(unpacked, "course/en/m/b/index.html"), []byte("<p>changed</p>"))
	if code, stdout, _ = runCLI(t, "verify", unpacked); code != 1 || !strings.Contains(stdout, "altered: en/m/b/index.html") {
		t.Errorf("verify of an altered unpacked copy: %d\n%s", code, stdout)
	}
}

func TestBundleLanguagesAndErrors(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764201600")
	dir := writeCourse(t, smallCourse)
	out := filepath.Join(t.TempDir(), "zh.zip")
	if code, _, errOut := runCLI(t, "bundle", "-s", dir, "--lang", "zh,ar", "-o", out); code != 0 {
		t.Fatalf("bundle: %s", errOut)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "en/") {
			t.Errorf("bundle for zh,ar holds %s", f.Name)
		}
	}
	if code, _, errOut := runCLI(t, "bundle", "-s", dir, "--lang", "de"); code != 2 || !strings.Contains(errOut, `"de" is not in this course`) {
		t.Errorf("unknown language: %d %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "bundle", "-s", filepath.Join(dir, "nope")); code != 2 {
		t.Errorf("missing course folder: exit %d, want 2", code)
	}
	// Tags ignore letter case, a language named twice is one, and the
	// order asked does not change the copy.
	same := filepath.Join(t.TempDir(), "same.zip")
	// So do spaces, as a list is written in prose.
	if code, _, errOut := runCLI(t, "bundle", "-s", dir, "--lang", "AR, zh,zh,", "-o", same); code != 0 {
		t.Fatalf("bundle --lang 'AR, zh,zh,': %s", errOut)
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(same)
	if !bytes.Equal(a, b) {
		t.Error("--lang 'AR, zh,zh,' and --lang zh,ar give different zips")
	}
	// -o is checked before anything is built.
	for _, tc := range []struct{ o, want string }{
		{filepath.Join(t.TempDir(), "nodir", "x.zip"), "does not exist; create it first"},
		{t.TempDir(), "is a folder; name the zip file"},
		{filepath.Join(dir, "content", "en", "x.zip"), "inside the course's content/ folder"},
	} {
		if code, _, errOut := runCLI(t, "bundle", "-s", dir, "-o", tc.o); code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("-o %s: exit %d, %s", tc.o, code, errOut)
		}
	}
}

// The trainers' copy is never named as the participants' one: written
// in the same folder, neither overwrites the other.
func TestBundleDefaultNames(t *testing.T) {
	built := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	title := "Identifying and Supporting Victims of Trafficking in Visa Procedures Across Europe"
	p := defaultBundleName(title, []string{"en", "fr"}, "participant", built)
	tr := defaultBundleName(title, []string{"en", "fr"}, "trainer", built)
	if p == tr || !strings.Contains(tr, "-trainer-") {
		t.Errorf("participant %s, trainer %s", p, tr)
	}
	// A long title is cut at the end of a word.
	if want := "identifying-and-supporting-victims-of-trafficking-in-visa-en-fr-2026-11-28.zip"; p != want {
		t.Errorf("name %s, want %s", p, want)
	}
}

// TestBundleOfflineProblemsAtTheMarkdown: what would not work offline is
// found in the built pages and reported where the trainer wrote it, once
// although the module's printable page repeats it.
func TestBundleOfflineProblemsAtTheMarkdown(t *testing.T) {
	dir := writeCourse(t, `
-- site.yaml --
title: Raw
unsafeHTML: true
-- content/en/_index.md --
Welcome.
-- content/en/m/_index.md --
---
title: M
---
-- content/en/m/a.md --
---
title: A
---
Text.

<img src="https://example.org/y.png" alt="y">
`)
	code, _, errOut := runCLI(t, "bundle", "-s", dir, "-o", filepath.Join(t.TempDir(), "x.zip"))
	if code != 1 || !strings.Contains(errOut, `content/en/m/a.md:6:11: "https://example.org/y.png": loaded from the internet`) ||
		strings.Contains(errOut, "print/index.html") || !strings.Contains(errOut, "bundle not written: 1 reference would not work offline") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

func TestRefIndex(t *testing.T) {
	for text, want := range map[string]int{
		"![d](data.png) ![a](a.png)": 20, `<img src="a.png">`: 10, "a.png": 0, "[x]: a.png": 5, "data.png": -1, "": -1,
	} {
		if got := refIndex([]byte(text), "a.png"); got != want {
			t.Errorf("refIndex(%q) = %d, want %d", text, got, want)
		}
	}
}

// repackZip copies the zip src to dst, passing each entry through edit.
func repackZip(t *testing.T, src, dst string, edit func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		_, err = data.ReadFrom(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(e.Name, data.Bytes())); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, dst, buf.Bytes())
}

// TestVerifyVerdict: verify's first line says what was checked and what
// was not, for a zip and for the copy unpacked from it. "intact" is said
// only when the files match and the signature was checked with the key;
// exit 0 only then, or for an unsigned copy checked without a key.
func TestVerifyVerdict(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764201600")
	dir := writeCourse(t, smallCourse)
	tmp := t.TempDir()
	key, otherKey := filepath.Join(tmp, "course-key"), filepath.Join(tmp, "other-key")
	for _, k := range []string{key, otherKey} {
		if code, _, errOut := runCLI(t, "keygen", "-o", k); code != 0 {
			t.Fatalf("keygen: %s", errOut)
		}
	}
	signed, unsigned := filepath.Join(tmp, "signed.zip"), filepath.Join(tmp, "unsigned.zip")
	for _, args := range [][]string{{"-o", signed, "--sign", key}, {"-o", unsigned}} {
		if code, _, errOut := runCLI(t, append([]string{"bundle", "-s", dir}, args...)...); code != 0 {
			t.Fatalf("bundle: %s", errOut)
		}
	}
	// One lesson changed, and its hash in MANIFEST.json with it; the old
	// signature kept.
	forged := filepath.Join(tmp, "forged.zip")
	var oldSum, newSum [32]byte
	repackZip(t, signed, forged, func(name string, data []byte) []byte {
		if name == "en/m/b/index.html" {
			oldSum = sha256.Sum256(data)
			data = bytes.Replace(data, []byte("Text."), []byte("Text!"), 1)
			newSum = sha256.Sum256(data)
		}
		return data
	})
	repackZip(t, forged, forged, func(name string, data []byte) []byte {
		if name == "MANIFEST.json" {
			data = bytes.Replace(data, []byte(hex.EncodeToString(oldSum[:])), []byte(hex.EncodeToString(newSum[:])), 1)
		}
		return data
	})
	// One lesson changed, the manifest not.
	altered := filepath.Join(tmp, "altered.zip")
	repackZip(t, signed, altered, func(name string, data []byte) []byte {
		if name == "en/m/b/index.html" {
			data = bytes.Replace(data, []byte("Text."), []byte("Text!"), 1)
		}
		return data
	})

	const (
		notChecked = "the files are unchanged, but who made this copy was NOT checked"
		wrongKey   = "the files are unchanged, but the signature does not match this key (wrong key file, or the copy was re-packed by someone else)"
		notSigned  = "the files are unchanged, but this copy is not signed, so --key cannot be checked"
	)
	for _, tc := range []struct {
		name, copy, key string
		code            int
		verdict         string   // in the first line
		also            []string // further in the output
	}{
		{"signed, with its key", signed, key + ".pub", 0, "intact (every file is as it was packed, and it is signed with the key in " + key + ".pub)", []string{"signature: valid"}},
		// Without the key, the files are checked against damage only: a
		// forged copy cannot be told from its maker's (the forger could
		// have left the signature out), and the verdict says so.
		{"signed, no key", signed, "", 0, notChecked, []string{"--key course-key.pub", "signature: present, not checked"}},
		{"forged, no key", forged, "", 0, notChecked, []string{"--key course-key.pub"}},
		{"forged, with the key", forged, key + ".pub", 1, wrongKey, nil},
		{"signed, wrong key", signed, otherKey + ".pub", 1, wrongKey, nil},
		{"unsigned, with a key", unsigned, key + ".pub", 1, notSigned, []string{"signature: none"}},
		{"unsigned, no key", unsigned, "", 0, "the files are unchanged, but this copy is not signed, so who made it was not checked", nil},
		{"altered, with the key", altered, key + ".pub", 1, "NOT intact (1 file altered)", []string{"altered: en/m/b/index.html", "signature: valid"}},
	} {
		// The zip, then the folder it is unpacked into.
		folder := filepath.Join(t.TempDir(), "copy")
		if err := bundle.Extract(tc.copy, folder); err != nil {
			t.Fatal(err)
		}
		for _, copy := range []string{tc.copy, folder} {
			t.Run(tc.name+"/"+filepath.Base(copy), func(t *testing.T) {
				args := []string{"verify", copy}
				if tc.key != "" {
					args = append(args, "--key", tc.key)
				}
				code, stdout, errOut := runCLI(t, args...)
				first, rest, _ := strings.Cut(stdout, "\n")
				if code != tc.code || !strings.HasPrefix(first, copy+": ") || !strings.Contains(first, tc.verdict) {
					t.Errorf("exit %d (want %d), first line %q, want %q\n%s%s", code, tc.code, first, tc.verdict, stdout, errOut)
				}
				for _, want := range tc.also {
					if !strings.Contains(rest, want) {
						t.Errorf("output lacks %q:\n%s", want, stdout)
					}
				}
				for _, line := range strings.Split(stdout, "\n") {
					if strings.TrimSpace(line) == "intact" {
						t.Errorf("a bare %q line:\n%s", line, stdout)
					}
				}
				if tc.verdict != notChecked && tc.verdict != wrongKey && tc.verdict != notSigned {
					return
				}
				if strings.Contains(stdout+errOut, "NOT intact") {
					t.Errorf("the files are fine, yet NOT intact:\n%s%s", stdout, errOut)
				}
				if code != 0 && !strings.Contains(errOut, tc.verdict) {
					t.Errorf("stderr does not repeat the verdict:\n%s", errOut)
				}
			})
		}
	}
}

// TestBundleOutputExtension: -o without an extension gets .zip, so that the
// copy opens with a double click; another extension is kept, with a warning.
func TestBundleOutputExtension(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764201600")
	dir := writeCourse(t, smallCourse)
	tmp := t.TempDir()
	b1 := filepath.Join(tmp, "b1")
	code, stdout, errOut := runCLI(t, "bundle", "-s", dir, "-o", b1)
	if code != 0 || !strings.HasPrefix(stdout, "wrote "+b1+".zip (.zip added to -o "+b1+"):") {
		t.Errorf("-o b1: exit %d\n%s%s", code, stdout, errOut)
	}
	if _, err := os.Stat(b1 + ".zip"); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(b1); err == nil {
		t.Errorf("%s written without .zip", b1)
	}
	tar := filepath.Join(tmp, "b2.tar")
	code, stdout, errOut = runCLI(t, "bundle", "-s", dir, "-o", tar)
	if code != 0 || !strings.HasPrefix(stdout, "wrote "+tar+":") || !strings.Contains(errOut, "warning: -o "+tar+" does not end in .zip") {
		t.Errorf("-o b2.tar: exit %d\n%s%s", code, stdout, errOut)
	}
	if _, err := os.Stat(tar); err != nil {
		t.Error(err)
	}
	// A folder named like the zip is still refused as a folder.
	if code, _, errOut := runCLI(t, "bundle", "-s", dir, "-o", tmp); code != 2 || !strings.Contains(errOut, "is a folder") {
		t.Errorf("-o FOLDER: exit %d, %s", code, errOut)
	}
	// Standard output is not a place for a zip: said, not written as a
	// file named "-".
	t.Chdir(tmp)
	if code, _, errOut := runCLI(t, "bundle", "-s", dir, "-o", "-"); code != 2 || !strings.Contains(errOut, "-o -: bundle writes a zip file") {
		t.Errorf("-o -: exit %d, %s", code, errOut)
	}
	for _, name := range []string{"-", "-.zip"} {
		if _, err := os.Stat(filepath.Join(tmp, name)); err == nil {
			t.Errorf("-o - wrote %s", name)
		}
	}
}

// TestKeygenKeepsTheKeyOutOfTheSite: a private key in static/ (or
// content/, layouts/) would be copied into the site and the zip: refused.
// In the course folder or a git work tree it would be committed with the
// course: written, with a warning.
func TestKeygenKeepsTheKeyOutOfTheSite(t *testing.T) {
	dir := writeCourse(t, smallCourse)
	for _, sub := range []string{"static", "content/en", "layouts/keys"} {
		k := filepath.Join(dir, filepath.FromSlash(sub), "course-key")
		code, _, errOut := runCLI(t, "keygen", "-o", k)
		if code != 2 || !strings.Contains(errOut, "would be published with the course") {
			t.Errorf("keygen -o %s: exit %d, %s", sub, code, errOut)
		}
		if _, err := os.Stat(k); err == nil {
			t.Errorf("keygen -o %s wrote the key", sub)
		}
	}
	code, _, errOut := runCLI(t, "keygen", "-o", filepath.Join(dir, "course-key"))
	if code != 0 || !strings.Contains(errOut, "warning: the private key is inside the course folder "+dir) {
		t.Errorf("keygen in the course folder: exit %d, %s", code, errOut)
	}
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "keygen", "-o", filepath.Join(repo, "keys", "k"))
	if code != 0 || !strings.Contains(errOut, "inside the git work tree "+repo) {
		t.Errorf("keygen in a git work tree: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "keygen", "-o", filepath.Join(t.TempDir(), "k"))
	if code != 0 || errOut != "" {
		t.Errorf("keygen elsewhere: exit %d, %q", code, errOut)
	}
}

// TestRootedPathsOfTheCourseTemplates: a logo at src="/img/logo.svg" in a
// course's footer, the first thing a newcomer writes, is on every page. It
// is warned about at its line in layouts/ by every build, and the offline
// copy's refusal names that line once, not every built page.
func TestRootedPathsOfTheCourseTemplates(t *testing.T) {
	dir := writeCourse(t, smallCourse+`
-- static/img/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- layouts/partials/footer.html --
<footer class="site-footer"><p><img src="/img/logo.svg" alt=""> {{.SiteTitle}}</p></footer>
-- layouts/assets/css/90-brand.css --
.site-header { background: url(/img/logo.svg) }
`)
	code, _, stderr := runCLI(t, "build", "-s", dir)
	for _, want := range []string{
		`layouts/partials/footer.html:1:42: warning: "/img/logo.svg" starts at the host's root`,
		`(write src="{{.Root}}img/logo.svg"`,
		`layouts/assets/css/90-brand.css:1:32: warning: "/img/logo.svg" starts at the host's root`,
		`(write url(../img/logo.svg)`,
	} {
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("build: exit %d, no %q in:\n%s", code, want, stderr)
		}
	}
	code, _, stderr = runCLI(t, "bundle", "-s", dir, "-o", filepath.Join(t.TempDir(), "x.zip"))
	if code != 1 || !strings.Contains(stderr, "bundle not written: 2 references would not work offline") ||
		!strings.Contains(stderr, "layouts/partials/footer.html:1:42: \"/img/logo.svg\": from file://") ||
		!strings.Contains(stderr, "layouts/assets/css/90-brand.css:1:32: \"/img/logo.svg\": from file://") {
		t.Errorf("bundle: exit %d, want the two lines of layouts/:\n%s", code, stderr)
	}
}

// BenchmarkSourceStamp hashes the sources of the course in
// FIELDGUIDE_BENCH_COURSE (the 20x50 benchmark course, say), which a
// bundle does before its build can start.
func BenchmarkSourceStamp(b *testing.B) {
	dir := os.Getenv("FIELDGUIDE_BENCH_COURSE")
	if dir == "" {
		b.Skip("FIELDGUIDE_BENCH_COURSE is not set")
	}
	for _, stamp := range []struct {
		name string
		f    func(string) (time.Time, string, error)
	}{{"parallel", sourceStamp}, {"serial", serialSourceStamp}} {
		b.Run(stamp.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := stamp.f(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// serialSourceStamp is sourceStamp as it was before it read the files in
// parallel: its results are the bundle's version and date, which must
// not change.
func serialSourceStamp(dir string) (time.Time, string, error) {
	var newest time.Time
	h := sha256.New()
	fsys := build.DirFS(dir)
	for _, root := range []string{"site.yaml", "content", "layouts", "static"} {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.ModTime().After(newest) {
				newest = info.ModTime()
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
			h.Write(data)
			return nil
		})
		if err != nil {
			return newest, "", err
		}
	}
	return newest, hex.EncodeToString(h.Sum(nil))[:12], nil
}

// TestSourceStampAsSerial: reading in parallel gives the version and date
// of reading one file after another, with many files (more than are read
// ahead) in more folders than a build keeps open, dot files, files it
// cannot read and a link out of the course.
func TestSourceStampAsSerial(t *testing.T) {
	dir := writeCourse(t, smallCourse)
	for i := range 300 {
		p := filepath.Join(dir, "content", "en", "m", fmt.Sprintf("x%03d", i%280), fmt.Sprintf("l%03d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte{byte(i)}, i*37), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, time.Time{}, time.Unix(int64(1e9+i*7919%1000), 0))
	}
	os.WriteFile(filepath.Join(dir, "static", ".hidden"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	os.WriteFile(filepath.Join(dir, "static", "a.css"), []byte("a{}"), 0o644)
	outside := filepath.Join(t.TempDir(), "outside.txt")
	os.WriteFile(outside, []byte("outside"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "static", "out.txt"))
	os.Symlink("a.css", filepath.Join(dir, "static", "in.css"))
	os.WriteFile(filepath.Join(dir, "static", "locked.txt"), []byte("x"), 0)
	want, wantVersion, wantErr := serialSourceStamp(dir)
	for range 5 {
		got, version, err := sourceStamp(dir)
		if !got.Equal(want) || version != wantVersion || (err == nil) != (wantErr == nil) {
			t.Fatalf("sourceStamp = %v, %q, %v; serially %v, %q, %v", got, version, err, want, wantVersion, wantErr)
		}
	}
}
