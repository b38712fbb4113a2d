package site

import "testing"

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to string
		offline  bool
		want     string
	}{
		{"en/m1/a/", "en/m1/b/", false, "../b/"},
		{"en/m1/a/", "en/m1/b/", true, "../b/index.html"},
		{"en/m1/a/", "en/m1/a/", false, "./"},
		{"en/m1/a/", "en/m1/a/", true, "index.html"},
		{"en/m1/a/", "en/", false, "../../"},
		{"en/m1/a/", "assets/x.css", true, "../../../assets/x.css"},
		{"", "en/", true, "en/index.html"},
		{"", "", true, "index.html"},
		{"en/m1/", "fr/m1/", false, "../../fr/m1/"},
		{"en/m1/a/", "en/m1/a/diagram.png", false, "diagram.png"},
		{"en/a b/", "en/名 字/", false, "../%E5%90%8D%20%E5%AD%97/"},
		// A first segment with a colon is not read as a scheme.
		{"en/m1/", "en/m1/javascript:alert(1)/", false, "./javascript:alert%281%29/"},
		{"en/m1/a/", "en/m1/a/x:y.png", false, "./x:y.png"},
		{"en/m1/a/", "en/m1/b:c/", false, "../b:c/"},
	}
	for _, tt := range tests {
		if got := RelURL(tt.from, tt.to, tt.offline); got != tt.want {
			t.Errorf("RelURL(%q, %q, %v) = %q, want %q", tt.from, tt.to, tt.offline, got, tt.want)
		}
	}
}

func TestHumanizeAndFirstHeading(t *testing.T) {
	for in, want := range map[string]string{"first-steps": "First steps", "01-intro": "Intro", "why_it_matters": "Why it matters", "": "Untitled", "面谈": "面谈"} {
		if got := Humanize(in); got != want {
			t.Errorf("Humanize(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"\n# Title {#x}\n": "Title", "# A #\ntext": "A", "text\n# B": "", "## Sub": ""} {
		if got := FirstHeading([]byte(in)); got != want {
			t.Errorf("FirstHeading(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFileNamedIn(t *testing.T) {
	f := namedFile{names: []string{"a.png", "a%20b.png"}}
	for md, want := range map[string]bool{
		"![](a.png)": true, "see a.png.": true, "a.png": true, "[x](../m/a.png#top)": true, "[x](a%20b.png)": true,
		"data.png": false, "a.png2": false, "xa.png a.pngx": false, "my-a.png": false, "é a.png": true, "éa.png": false,
		"ba.png a.png": true,
	} {
		if got := f.namedIn([]byte(md)); got != want {
			t.Errorf("namedIn(%q) = %v, want %v", md, got, want)
		}
	}
}
