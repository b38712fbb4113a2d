package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
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
