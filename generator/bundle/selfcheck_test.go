package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestSelfCheckFixtures runs SelfCheck on each testdata/selfcheck/*.txtar:
// every file of the archive but "want" is a file of the bundle, and
// "want" lists the expected findings, one a line:
//
//	problem FILE:LINE:COL CODE REF
//	external FILE:LINE:COL URL
//
// go test -update rewrites "want"; review the diff before committing.
func TestSelfCheckFixtures(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "selfcheck", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var files []File
			wantIndex := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					wantIndex = i
					continue
				}
				files = append(files, File{Path: f.Name, Data: f.Data})
			}
			problems, external := SelfCheck(files)
			var b strings.Builder
			for _, p := range problems {
				fmt.Fprintf(&b, "problem %s:%d:%d %s %s\n", p.File, p.Line, p.Col, p.Code, p.Ref)
			}
			for _, e := range external {
				fmt.Fprintf(&b, "external %s:%d:%d %s\n", e.File, e.Line, e.Col, e.URL)
			}
			got := b.String()

			if *update {
				if wantIndex < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantIndex = len(ar.Files) - 1
				}
				ar.Files[wantIndex].Data = []byte(got)
				if err := os.WriteFile(p, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantIndex < 0 {
				t.Fatal(`no "want" file (go test -update writes it)`)
			}
			if want := string(ar.Files[wantIndex].Data); got != want {
				t.Errorf("findings differ\n got:\n%s\nwant:\n%s", got, want)
			}
			for _, p := range problems {
				if p.Reason == "" {
					t.Errorf("%v: no reason", p)
				}
			}
		})
	}
}

func TestClassify(t *testing.T) {
	site := newSiteIndex([]string{
		"index.html",
		"en/index.html",
		"en/m1/index.html",
		"en/m1/lesson/index.html",
		"en/m1/photo.jpg",
		"en/m1/notes v2.pdf",
		"en/m1/données.pdf",
		"en/empty-dir/readme.txt",
	})
	const from = "en/m1/index.html"
	tests := []struct {
		ref      string
		kind     refKind
		code     string // "" for fine
		external bool
		reason   string // substring, optional
	}{
		{"photo.jpg", resourceRef, "", false, ""},
		{"./photo.jpg", resourceRef, "", false, ""},
		{"photo.jpg?v=2#x", resourceRef, "", false, ""},
		{"  photo.jpg\n", resourceRef, "", false, ""},
		{"notes%20v2.pdf", linkRef, "", false, ""},
		{"donn%C3%A9es.pdf", linkRef, "", false, ""},
		{"données.pdf", linkRef, "", false, ""},
		{"lesson/index.html", linkRef, "", false, ""},
		{"../../index.html", linkRef, "", false, ""},
		{"", linkRef, "", false, ""},
		{"#objectives", linkRef, "", false, ""},
		{"?print=1", linkRef, "", false, ""},
		{"mailto:x@example.org", linkRef, "", false, ""},
		{"tel:+41", linkRef, "", false, ""},
		{"data:image/png;base64,AAAA", resourceRef, "", false, ""},
		{"data:font/woff2;base64,AAAA", resourceRef, "", false, ""},
		{"whatsapp://send?text=x", linkRef, "", false, ""},
		{"https://www.unodc.org/", linkRef, "", true, ""},
		{"HTTP://EXAMPLE.ORG", linkRef, "", true, ""},
		{"ftp://example.org/file", linkRef, "", true, ""},
		{"https://cdn.example.com/a.js", resourceRef, "absolute-url", false, "internet"},
		{"whatsapp://x", resourceRef, "absolute-url", false, "whatsapp"},
		{"wss://example.org/live", linkRef, "absolute-url", false, ""},
		{"//cdn.example.com/a.js", resourceRef, "protocol-relative", false, ""},
		{"//example.org/page", linkRef, "protocol-relative", false, ""},
		{"/en/m1/photo.jpg", resourceRef, "root-relative", false, ""},
		{"/", linkRef, "root-relative", false, ""},
		{"javascript:void(0)", linkRef, "javascript", false, ""},
		{"JavaScript:alert(1)", linkRef, "javascript", false, ""},
		{"java\tscript:alert(1)", linkRef, "javascript", false, ""},
		{"vbscript:x", linkRef, "javascript", false, ""},
		{"file:///C:/course/index.html", linkRef, "file-url", false, ""},
		{`lesson\index.html`, linkRef, "backslash", false, ""},
		{"lesson/", linkRef, "folder", false, `"lesson/index.html"`},
		{"lesson", linkRef, "folder", false, `"lesson/index.html"`},
		{"lesson/.", linkRef, "folder", false, ""},
		{"./", linkRef, "folder", false, `"./index.html"`},
		{".", linkRef, "folder", false, `"./index.html"`},
		{"..", linkRef, "folder", false, `"../index.html"`},
		{"../", linkRef, "folder", false, `"../index.html"`},
		{"../../", linkRef, "folder", false, `"../../index.html"`},
		{"../empty-dir/", linkRef, "folder", false, "folder's index.html"},
		{"lesson/#x", linkRef, "folder", false, `"lesson/index.html#x"`},
		{"..?print=1#top", linkRef, "folder", false, `"../index.html?print=1#top"`},
		{"https://example.org/fr/", relationRef, "", false, ""},
		{"../m2/index.html", relationRef, "missing", false, ""},
		{"//example.org/fr/", relationRef, "protocol-relative", false, ""},
		{"../../../index.html", linkRef, "outside", false, ""},
		{"missing.html", linkRef, "missing", false, `"en/m1/missing.html"`},
		{"Photo.JPG", resourceRef, "case", false, `"en/m1/photo.jpg"`},
		{"photo%2.jpg", resourceRef, "bad-escape", false, ""},
		{"photo%ff.jpg", resourceRef, "bad-escape", false, ""},
		{"anything", baseRef, "base", false, ""},
		{"https://cdn.example.com/a.js", scriptRequestRef, "absolute-url", false, "script"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.ref), func(t *testing.T) {
			code, reason, external := site.classify(newReferrer(from), reference{URL: tt.ref, Kind: tt.kind})
			if code != tt.code || external != tt.external {
				t.Fatalf("classify = %q (%s), external %v; want %q, external %v", code, reason, external, tt.code, tt.external)
			}
			if code != "" && reason == "" {
				t.Error("a problem without a reason")
			}
			if !strings.Contains(reason, tt.reason) {
				t.Errorf("reason %q does not contain %q", reason, tt.reason)
			}
		})
	}
}

func TestLineIndex(t *testing.T) {
	src := []byte("ab\n中文x\n\nz")
	l := newLineIndex(src)
	tests := []struct{ offset, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {9, 2, 3}, {10, 2, 4}, {11, 3, 1}, {12, 4, 1}, {13, 4, 2}, {99, 4, 2}, {-1, 1, 1},
	}
	for _, tt := range tests {
		if line, col := l.position(tt.offset); line != tt.line || col != tt.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tt.offset, line, col, tt.line, tt.col)
		}
	}
}

func TestProblemDiagnostic(t *testing.T) {
	p := Problem{File: "en/index.html", Line: 3, Col: 14, Ref: "/a.css", Code: "root-relative", Reason: "use a relative path"}
	d := p.Diagnostic()
	if got, want := d.Error(), `en/index.html:3:14: "/a.css": use a relative path`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if d.Code != "root-relative" {
		t.Errorf("Code = %q", d.Code)
	}
	if got, want := p.String(), `en/index.html:3:14: "/a.css": use a relative path`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
