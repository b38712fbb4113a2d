package build

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/layouts"
)

// TestScriptBundleRuns loads the concatenated, minified script in node: each
// theme file is an IIFE, and two of them joined without a separator became
// one call of the other, breaking every page's script.
func TestScriptBundleRuns(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	a, err := buildAssets(nil, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "bundle.js")
	// A minimal document so the scripts run their set-up code, not just parse.
	stub := `var window = globalThis; var document = {documentElement: {dataset: {}, hasAttribute: function () { return false; }, lang: "en"},
  querySelector: function () { return null; }, querySelectorAll: function () { return []; }, addEventListener: function () {},
  readyState: "complete", getElementById: function () { return null; }};
var location = {href: "file:///x/index.html"}; var navigator = {languages: ["en"]};
window.addEventListener = function () {}; window.matchMedia = function () { return {matches: false, addEventListener: function () {}}; };
var localStorage = {getItem: function () { return null; }, setItem: function () {}}; var sessionStorage = localStorage;
`
	if err := os.WriteFile(file, []byte(stub+string(a.js)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, file).CombinedOutput(); err != nil {
		t.Fatalf("the script bundle fails in node: %v\n%s", err, out)
	}
}

// TestMinifiedLeavesItsInputAlone: the live preview keeps a course's own
// theme files between rebuilds, so minifying must not change the bytes it
// is given. The JavaScript minifier renames variables in place: the second
// rebuild of a course with its own 10-theme.js read "var solder = …" and
// failed on every save after the first.
func TestMinifiedLeavesItsInputAlone(t *testing.T) {
	for _, name := range []string{"assets/js/10-theme.js", "assets/js/40-search.js", "assets/css/10-theme.css", "assets/lazy/search-engine.js"} {
		src, err := fs.ReadFile(layouts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		kept := bytes.Clone(src)
		mime := "application/javascript"
		if strings.HasSuffix(name, ".css") {
			mime = "text/css"
		}
		first, err := minified(mime, src)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(src, kept) {
			t.Errorf("%s: minifying changed its input", name)
		}
		if again, err := minified(mime, src); err != nil || !bytes.Equal(again, first) {
			t.Errorf("%s: minified twice, different results (%v)", name, err)
		}
	}
}

// TestAssetSyntaxErrorAtItsLine: a mistake in a course's own script or
// stylesheet is a message at its file, line and column, like a mistake in
// a lesson, not a bare error that the preview cannot place.
func TestAssetSyntaxErrorAtItsLine(t *testing.T) {
	// (The CSS minifier takes any stylesheet, an unclosed brace too.)
	site := fstest.MapFS{"assets/js/50-mine.js": {Data: []byte("(function () {\n  var x = {;\n})();\n")}}
	var l diag.List
	if _, err := buildAssets(site, &l); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range l.Items() {
		got = append(got, d.Error())
	}
	want := "layouts/assets/js/50-mine.js:2:12: the JavaScript cannot be read: expected Identifier, String, Numeric, or [ instead of ; in object literal"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("got %q\nwant %s…", got, want)
	}
}
