package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// staticServer is a Server serving fixed files, without building.
func staticServer(files map[string]string) *Server {
	s := &Server{events: newHub(), instance: "test-instance"}
	out := &build.Output{Seq: 1, Files: map[string][]byte{}}
	for n, d := range files {
		out.Files[n] = []byte(d)
	}
	s.state.Store(&state{out: out, version: 7})
	return s
}

var siteFiles = map[string]string{
	"index.html":                          "<!DOCTYPE html><html><body><p>root</p></body></html>",
	"404.html":                            "<!DOCTYPE html><html><body><p>not here</p></body></html>",
	"ar/404.html":                         "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><body><p>غير موجودة</p></body></html>",
	"en/index.html":                       "<html><BODY>home</BODY></html>",
	"en/m1/intro/index.html":              "<html><body>intro</body></html>",
	"en/m1/intro/form.pdf":                "%PDF-1.4",
	"en/ünïcode/index.html":               "<html><body>unicode</body></html>",
	"assets/fieldguide.0123456789.css":    "body{}",
	"assets/fieldguide.abcdef0123.js":     "(function(){})();",
	"img/logo.svg":                        "<svg/>",
	"img/photo.jpg":                       "jpg",
	"img/photo.png":                       "png",
	"img/photo.webp":                      "webp",
	"fonts/a.woff2":                       "woff2",
	"search/en/0.js":                      "window.x=1;",
	"data.json":                           "{}",
	"sitemap.xml":                         "<urlset/>",
	"robots.txt":                          "User-agent: *",
	"css/extra.css":                       ".x{}",
	"no-body.html":                        "<p>fragment</p>",
	"archive.unknownext":                  "bytes",
	"fonts/a.otf":                         "otf",
	"en/m1/intro/talk.vtt":                "WEBVTT",
	"en/m1/intro/handout.docx":            "docx",
	"en/m1/intro/word-export.htm":         "<html><body>from Word</body></html>",
	".well-known/security.txt":            "Contact: x",
	"assets/fieldguide.0123456789.css.gz": "gz",
}

func request(s *Server, method, target string) *http.Response {
	r := httptest.NewRequest(method, target, nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServesSiteFiles(t *testing.T) {
	s := staticServer(siteFiles)
	for _, tc := range []struct {
		path, status, contentType, cache string
	}{
		{"/", "200", "text/html; charset=utf-8", "no-store"},
		{"/en/", "200", "text/html; charset=utf-8", "no-store"},
		{"/en/m1/intro/", "200", "text/html; charset=utf-8", "no-store"},
		{"/en/m1/intro/index.html", "200", "text/html; charset=utf-8", "no-store"},
		{"/en/m1/intro/form.pdf", "200", "application/pdf", "no-cache"},
		{"/en/%C3%BCn%C3%AFcode/", "200", "text/html; charset=utf-8", "no-store"},
		{"/assets/fieldguide.0123456789.css", "200", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/assets/fieldguide.abcdef0123.js", "200", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/img/logo.svg", "200", "image/svg+xml; charset=utf-8", "no-cache"},
		{"/img/photo.jpg", "200", "image/jpeg", "no-cache"},
		{"/img/photo.png", "200", "image/png", "no-cache"},
		{"/img/photo.webp", "200", "image/webp", "no-cache"},
		{"/fonts/a.woff2", "200", "font/woff2", "no-cache"},
		{"/search/en/0.js", "200", "text/javascript; charset=utf-8", "no-cache"},
		{"/data.json", "200", "application/json; charset=utf-8", "no-cache"},
		{"/sitemap.xml", "200", "application/xml; charset=utf-8", "no-cache"},
		{"/robots.txt", "200", "text/plain; charset=utf-8", "no-cache"},
		{"/css/extra.css", "200", "text/css; charset=utf-8", "no-cache"},
		{"/archive.unknownext", "200", "application/octet-stream", "no-cache"},
		// Not from the machine's MIME tables, which differ.
		{"/fonts/a.otf", "200", "font/otf", "no-cache"},
		{"/en/m1/intro/talk.vtt", "200", "text/vtt; charset=utf-8", "no-cache"},
		{"/en/m1/intro/word-export.htm", "200", "text/html; charset=utf-8", "no-store"},
		{"/en/m1/intro/handout.docx", "200", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "no-cache"},
		{"/.well-known/security.txt", "200", "text/plain; charset=utf-8", "no-cache"},
		{"/en/missing/", "404", "text/html; charset=utf-8", "no-store"},
		{"/assets/none.css", "404", "text/html; charset=utf-8", "no-store"},
	} {
		resp := request(s, "GET", tc.path)
		if got := resp.Status[:3]; got != tc.status {
			t.Errorf("%s: status %s, want %s", tc.path, resp.Status, tc.status)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, got, tc.contentType)
		}
		if got := resp.Header.Get("Cache-Control"); got != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cache)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", tc.path, got)
		}
	}
	if b := body(t, request(s, "GET", "/en/missing/")); !strings.Contains(b, "not here") {
		t.Errorf("404 body is not 404.html: %q", b)
	}
}

func TestInjectsLiveReloadIntoHTMLOnly(t *testing.T) {
	s := staticServer(siteFiles)
	const tag = `<script src="/__fieldguide/livereload.js" data-instance="test-instance" data-version="7" defer></script>`
	for path, want := range map[string]string{
		"/":             "<p>root</p>" + tag + "\n</body>",
		"/en/":          "home" + tag + "\n</BODY>",
		"/en/missing/":  "<p>not here</p>" + tag + "\n</body>",
		"/no-body.html": "<p>fragment</p>" + tag + "\n",
	} {
		if b := body(t, request(s, "GET", path)); !strings.HasSuffix(strings.TrimSuffix(b, "</html>"), want) && !strings.HasSuffix(b, want) {
			t.Errorf("%s: script not before </body>:\n%s", path, b)
		}
	}
	for _, path := range []string{"/css/extra.css", "/search/en/0.js", "/img/logo.svg"} {
		if b := body(t, request(s, "GET", path)); strings.Contains(b, "livereload") {
			t.Errorf("%s: script injected into a non-HTML file", path)
		}
	}
	// The site's own files are never changed: the script is added as sent.
	if got := string(s.current().out.Files["index.html"]); strings.Contains(got, "livereload") {
		t.Error("the served site's bytes were changed")
	}
}

func TestRefusesTraversal(t *testing.T) {
	s := staticServer(siteFiles)
	for _, target := range []string{
		"/../etc/passwd",
		"/en/../../etc/passwd",
		"/en/./m1/intro/",
		"/%2e%2e/etc/passwd",
		"/%2E%2E/etc/passwd",
		"/en/%2e%2e/%2e%2e/etc/passwd",
		"/..%2fetc%2fpasswd",
		"/en/..%2f..%2fetc",
		"/%252e%252e/etc/passwd",
		"/en%2f..%2f..%2fetc",
		"/..\\etc\\passwd",
		"/en\\..\\..\\etc",
		"/%5c..%5cetc",
		"/en//m1/intro/",
		"/en/m1/intro/%00",
	} {
		resp := request(s, "GET", target)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", target, resp.StatusCode)
		}
	}
}

func TestRedirectsFolderWithoutSlash(t *testing.T) {
	s := staticServer(siteFiles)
	for target, want := range map[string]string{
		"/en":                   "/en/",
		"/en/m1/intro":          "/en/m1/intro/",
		"/en/m1/intro?x=1":      "/en/m1/intro/?x=1",
		"/en/%C3%BCn%C3%AFcode": "/en/%C3%BCn%C3%AFcode/",
	} {
		resp := request(s, "GET", target)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", target, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	// A file is a file, and a missing one is not redirected.
	if resp := request(s, "GET", "/en/m1/intro/form.pdf"); resp.StatusCode != 200 {
		t.Errorf("file: %d", resp.StatusCode)
	}
	if resp := request(s, "GET", "/en/m1/nothing"); resp.StatusCode != 404 {
		t.Errorf("missing: %d", resp.StatusCode)
	}
}

func TestMethodsAndHead(t *testing.T) {
	s := staticServer(siteFiles)
	if resp := request(s, "POST", "/"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
	resp := request(s, "HEAD", "/en/m1/intro/")
	if resp.StatusCode != 200 || body(t, resp) != "" || resp.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, length %q", resp.StatusCode, resp.Header.Get("Content-Length"))
	}
	resp = request(s, "HEAD", "/missing")
	if resp.StatusCode != 404 || body(t, resp) != "" {
		t.Errorf("HEAD of a missing page: %d", resp.StatusCode)
	}
}

func TestServesOwnScripts(t *testing.T) {
	s := staticServer(siteFiles)
	resp := request(s, "GET", "/__fieldguide/livereload.js")
	b := body(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(b, "fieldguide-error-overlay") {
		t.Errorf("livereload.js: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(b, "fieldguide:reloaded") {
		t.Error("livereload.js lacks the fieldguide:reloaded event")
	}
	resp = request(s, "GET", "/__fieldguide/livereload.css")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("livereload.css: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp := request(s, "GET", "/__fieldguide/other"); resp.StatusCode != 404 {
		t.Errorf("unknown own file: %d", resp.StatusCode)
	}
}

// A missing URL under a language gets that language's 404 page, any other
// the site's.
func TestNotFoundInTheURLsLanguage(t *testing.T) {
	s := staticServer(siteFiles)
	for path, want := range map[string]string{
		"/ar/nope/": "غير موجودة", "/ar/m1/x/y": "غير موجودة", "/en/nope/": "not here", "/nope": "not here",
	} {
		resp := request(s, "GET", path)
		if b := body(t, resp); resp.StatusCode != 404 || !strings.Contains(b, want) {
			t.Errorf("%s: %d, want 404 with %q:\n%s", path, resp.StatusCode, want, b)
		}
	}
}

// On a loopback address the preview answers only requests to this
// machine's names: a page elsewhere cannot read it through a name of its
// own pointed at 127.0.0.1 (DNS rebinding).
func TestRefusesOtherHosts(t *testing.T) {
	s := staticServer(siteFiles)
	s.localOnly = true
	for host, want := range map[string]int{
		"127.0.0.1:1313": 200, "localhost:1313": 200, "LOCALHOST": 200, "[::1]:1313": 200,
		"course.localhost:1313": 200, "localhost.:1313": 200,
		"evil.example": 403, "evil.example:1313": 403, "127.0.0.1.evil.example": 403, "": 403,
	} {
		r := httptest.NewRequest("GET", "/en/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
	}
}

// A page of another site cannot load the preview's files into itself (the
// search index's sections are scripts, holding trainer notes in a trainer
// preview); a link from it to the preview still opens.
func TestRefusesOtherSitesSubresources(t *testing.T) {
	s := staticServer(siteFiles)
	for _, c := range []struct {
		site, mode string
		want       int
	}{
		{"", "", 200}, {"same-origin", "no-cors", 200}, {"none", "navigate", 200},
		{"cross-site", "navigate", 200}, {"cross-site", "no-cors", 403}, {"cross-site", "cors", 403}, {"same-site", "no-cors", 403},
	} {
		r := httptest.NewRequest("GET", "/en/", nil)
		if c.site != "" {
			r.Header.Set("Sec-Fetch-Site", c.site)
			r.Header.Set("Sec-Fetch-Mode", c.mode)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != c.want {
			t.Errorf("Sec-Fetch-Site %q, mode %q: %d, want %d", c.site, c.mode, w.Code, c.want)
		}
	}
}

// Before the first good build, a failed build's errors are on the page
// itself, readable without JavaScript.
func TestFirstBuildErrorsWithoutJavaScript(t *testing.T) {
	s := &Server{events: newHub(), instance: "test-instance"}
	s.state.Store(&state{})
	if b := body(t, request(s, "GET", "/en/")); !strings.Contains(b, "The course is building") {
		t.Errorf("while building:\n%s", b)
	}
	s.state.Store(&state{errors: []diag.Diagnostic{{File: "content/en/a.md", Line: 3, Col: 1, Severity: diag.Error, Message: "unclosed <front matter>"}}})
	resp := request(s, "GET", "/en/")
	b := body(t, resp)
	if resp.StatusCode != 503 || !strings.Contains(b, "The course could not be built") ||
		!strings.Contains(b, "<li><code>content/en/a.md:3:1: unclosed &lt;front matter&gt;</code></li>") {
		t.Errorf("after a failed build: %d\n%s", resp.StatusCode, b)
	}
}

func TestSitePath(t *testing.T) {
	for raw, want := range map[string]string{
		"/":                    "",
		"/en/":                 "en/",
		"/en/m1/intro/":        "en/m1/intro/",
		"/en/a%20b/":           "en/a b/",
		"/assets/x.css":        "assets/x.css",
		"/%E4%B8%AD%E6%96%87/": "中文/",
	} {
		r := httptest.NewRequest("GET", raw, nil)
		got, ok := sitePath(r)
		if !ok || got != want {
			t.Errorf("%s: %q %v, want %q", raw, got, ok, want)
		}
	}
}
