package deploy

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestContentSecurityPolicyIsStrict(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range strings.Split(ContentSecurityPolicy, "; ") {
		fields := strings.Fields(d)
		if len(fields) < 2 {
			t.Errorf("directive %q has no value", d)
			continue
		}
		if !regexp.MustCompile(`^[a-z-]+$`).MatchString(fields[0]) {
			t.Errorf("directive name %q is not a CSP name", fields[0])
		}
		if seen[fields[0]] {
			t.Errorf("directive %s given twice: browsers ignore the second", fields[0])
		}
		seen[fields[0]] = true
		for _, src := range fields[1:] {
			switch src {
			case "'none'", "'self'", "data:":
				if src == "data:" && fields[0] != "img-src" {
					t.Errorf("%s allows data: URLs", fields[0])
				}
			default:
				t.Errorf("%s allows %s: only 'self', 'none' (and data: images) belong in this policy", fields[0], src)
			}
		}
	}
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(ContentSecurityPolicy, want) {
			t.Errorf("policy lacks %q: %s", want, ContentSecurityPolicy)
		}
	}
	if strings.Contains(ContentSecurityPolicy, `"`) {
		t.Error("policy contains a double quote, which would break the nginx snippet")
	}
}

// headerRule is one path pattern of a _headers file with its headers.
type headerRule struct {
	path    string
	headers map[string]string
}

func parseHeaders(t *testing.T, data []byte) []headerRule {
	t.Helper()
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			rules = append(rules, headerRule{path: line, headers: map[string]string{}})
		case strings.HasPrefix(line, "  ") && len(rules) > 0:
			r := &rules[len(rules)-1]
			body := strings.TrimSpace(line)
			name, value, ok := strings.Cut(body, ": ")
			if !ok || strings.ContainsAny(name, " \t") {
				t.Fatalf("_headers:%d: %q is not `Name: value`", n, line)
			}
			r.headers[name] = value
		default:
			t.Fatalf("_headers:%d: %q is neither a path nor an indented header", n, line)
		}
	}
	return rules
}

func TestHeaders(t *testing.T) {
	rules := parseHeaders(t, Headers())
	if len(rules) != 2 || rules[0].path != "/*" || rules[1].path != "/assets/*" {
		t.Fatalf("rules = %+v, want /* then /assets/*", rules)
	}
	all := rules[0].headers
	if all["Content-Security-Policy"] != ContentSecurityPolicy {
		t.Errorf("/* Content-Security-Policy = %q", all["Content-Security-Policy"])
	}
	for _, h := range securityHeaders {
		if all[h.name] != h.value {
			t.Errorf("/* %s = %q, want %q", h.name, all[h.name], h.value)
		}
	}
	if _, ok := all["Cache-Control"]; ok {
		t.Error("/* sets Cache-Control: it would be sent twice for assets")
	}
	if got := rules[1].headers["Cache-Control"]; got != cacheImmutable {
		t.Errorf("/assets/* Cache-Control = %q, want %q", got, cacheImmutable)
	}
}

func TestNginxSnippet(t *testing.T) {
	s := NginxSnippet()
	for _, want := range []string{
		"location /training/ {",
		"root /srv/www;",
		"error_page 404 /training/404.html;",
		"location /training/assets/ {",
		`add_header Content-Security-Policy "` + ContentSecurityPolicy + `" always;`,
		`add_header Cache-Control "` + cacheImmutable + `" always;`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet lacks %q:\n%s", want, s)
		}
	}
	// Both locations send every security header: a nested add_header would
	// otherwise drop the outer ones.
	for _, h := range securityHeaders {
		if n := strings.Count(s, "add_header "+h.name+" "); n != 2 {
			t.Errorf("add_header %s appears %d times, want 2 (outer and assets locations)", h.name, n)
		}
	}
	if strings.Count(s, "{") != strings.Count(s, "}") {
		t.Errorf("unbalanced braces:\n%s", s)
	}
	for i, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasSuffix(line, ";") && !strings.HasSuffix(line, "{") && line != "}" {
			t.Errorf("snippet line %d %q does not end a statement", i+1, line)
		}
	}
	root := Nginx("/", "/srv/www/site/")
	for _, want := range []string{"location / {", "root /srv/www/site;", "error_page 404 /404.html;", "location /assets/ {"} {
		if !strings.Contains(root, want) {
			t.Errorf("Nginx(\"/\") lacks %q:\n%s", want, root)
		}
	}
}

// TestNginxServes runs the snippet in a real nginx when one is installed
// (Debian: apt-get install nginx-light), serving a tiny site under
// /training/, and checks the headers and the 404 page it sends.
func TestNginxServes(t *testing.T) {
	bin := os.Getenv("NGINX")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("nginx"); err != nil {
			t.Skip("nginx not installed (apt-get install nginx-light, or NGINX=/path/to/nginx): snippet syntax checked by TestNginxSnippet only")
		}
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "www", "training")
	for name, body := range map[string]string{
		"index.html":                       "<!DOCTYPE html><title>home</title>",
		"404.html":                         "<!DOCTYPE html><title>not found</title>",
		"en/lesson/index.html":             "<!DOCTYPE html><title>lesson</title>",
		"assets/fieldguide.0123456789.css": "body{}",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events {}
http {
    include %[3]s;
    access_log off;
    client_body_temp_path %[1]s;
    proxy_temp_path %[1]s;
    fastcgi_temp_path %[1]s;
    uwsgi_temp_path %[1]s;
    scgi_temp_path %[1]s;
    server {
        listen %[2]s;
%[4]s
    }
}
`, dir, addr, mimeTypes(t, bin, dir), Nginx("/training/", filepath.Join(dir, "www")))
	confPath := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-t", "-p", dir, "-c", confPath).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\n%s", err, out, conf)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-p", dir, "-c", confPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })

	get := func(path string) *http.Response {
		t.Helper()
		var lastErr error
		for range 50 {
			resp, err := http.Get("http://" + addr + path)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				return resp
			}
			lastErr = err
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("GET %s: %v\n%s", path, lastErr, stderr.String())
		return nil
	}
	for _, c := range []struct {
		path   string
		status int
		cache  string
	}{
		{"/training/", 200, cacheRevalidate},
		{"/training/en/lesson/", 200, cacheRevalidate},
		{"/training/assets/fieldguide.0123456789.css", 200, cacheImmutable},
		{"/training/no/such/page/", 404, cacheRevalidate},
	} {
		resp := get(c.path)
		if resp.StatusCode != c.status {
			t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
		}
		for _, h := range securityHeaders {
			if got := resp.Header.Get(h.name); got != h.value {
				t.Errorf("GET %s: %s = %q, want %q", c.path, h.name, got, h.value)
			}
		}
		if got := resp.Header.Values("Cache-Control"); len(got) != 1 || got[0] != c.cache {
			t.Errorf("GET %s: Cache-Control = %q, want %q", c.path, got, c.cache)
		}
	}
}

// mimeTypes finds nginx's mime.types, or writes a minimal one.
func mimeTypes(t *testing.T, bin, dir string) string {
	for _, p := range []string{"/etc/nginx/mime.types", filepath.Join(filepath.Dir(filepath.Dir(bin)), "etc/nginx/mime.types")} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	p := filepath.Join(dir, "mime.types")
	body := "types { text/html html; text/css css; application/javascript js; application/xml xml; }\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
