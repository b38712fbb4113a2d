// Package deploy holds what a web server needs to serve a built course
// safely: the HTTP response headers, above all a strict Content-Security-Policy,
// written once here and given in two forms, a Netlify/Cloudflare-style
// `_headers` file and an nginx snippet.
//
// The policy allows nothing but the site's own files: no inline script, no
// inline style (no <style> element, no style= attribute), no event handler
// attribute, no eval, no font, no connection, no frame, no plug-in. The theme
// and the training blocks are written to satisfy it (one stylesheet and one
// deferred script, both fingerprinted files; the search index comes as
// classic script files of the site), and the browser test suite
// (browsertest) serves the built course with exactly these headers and fails
// on any violation. The package must not weaken the policy to make a page
// work: fix the page.
//
// The package writes nothing itself; the build and the README use its text.
package deploy

import (
	"fmt"
	"strings"
)

// Directives of the Content-Security-Policy, one per entry, in the order
// they are written. default-src 'none' forbids every kind of resource that a
// later directive does not allow, so a new kind (fonts, fetch, frames,
// workers, manifests) stays forbidden until someone decides otherwise.
var directives = []string{
	"default-src 'none'",
	"script-src 'self'",
	"style-src 'self'",
	// data: for the small SVG icons a stylesheet may inline.
	"img-src 'self' data:",
	// Lessons may ship audio or video beside their Markdown.
	"media-src 'self'",
	"base-uri 'none'",
	// Quizzes are forms that never submit; the search box needs no action.
	"form-action 'none'",
	"frame-ancestors 'none'",
}

// ContentSecurityPolicy is the value of the Content-Security-Policy header.
var ContentSecurityPolicy = strings.Join(directives, "; ")

// header is one response header.
type header struct{ name, value string }

// securityHeaders are sent with every response.
var securityHeaders = []header{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	// An officer's reading of a lesson on trafficking is nobody else's business.
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}

// Cache lifetimes. Stylesheet and script are named by the hash of their
// content (assets/fieldguide.<hash>.css), so they never change under one
// name and can be kept for a year. Everything else, pages and the search
// index (search/<lang>/<n>.js, not fingerprinted), is revalidated so a new
// build shows at once.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "public, max-age=0, must-revalidate"
)

// Headers returns a `_headers` file (the format of Netlify and Cloudflare
// Pages) for a site published at the root of the host. Pages keep the host's
// default caching, which revalidates; only the fingerprinted assets are
// marked immutable. (Cloudflare's "! Header" detach syntax is not used:
// Netlify does not know it.)
func Headers() []byte {
	var b strings.Builder
	b.WriteString("# Response headers for a fieldguide site (Netlify / Cloudflare Pages `_headers` format).\n")
	b.WriteString("# The Content-Security-Policy allows only the site's own files: see generator/deploy.\n")
	b.WriteString("/*\n")
	for _, h := range securityHeaders {
		fmt.Fprintf(&b, "  %s: %s\n", h.name, h.value)
	}
	b.WriteString("/assets/*\n")
	fmt.Fprintf(&b, "  Cache-Control: %s\n", cacheImmutable)
	return []byte(b.String())
}

// NginxSnippet returns an nginx configuration snippet for the site published
// under /training/, the path of the example baseURL
// https://example.org/training/, and built with
// `fieldguide build -d /srv/www/training`. Use Nginx for other paths.
func NginxSnippet() string { return Nginx("/training/", "/srv/www") }

// Nginx returns an nginx `location` block that serves a course at basePath,
// the path of its baseURL ("/" for a site at the root of its host), built
// into the folder root+basePath. It uses root, not alias: alias and
// try_files together have long mapped some paths wrongly.
//
// nginx drops every add_header of an enclosing block as soon as a nested
// location adds one of its own, so the assets location repeats the security
// headers instead of inheriting them.
func Nginx(basePath, root string) string {
	basePath = strings.Trim(basePath, "/") + "/"
	if basePath != "/" {
		basePath = "/" + basePath
	}
	root = strings.TrimSuffix(root, "/")
	if root == "" {
		root = "/"
	}
	headers := func(indent string) string {
		var s strings.Builder
		for _, h := range securityHeaders {
			fmt.Fprintf(&s, "%sadd_header %s \"%s\" always;\n", indent, h.name, h.value)
		}
		return s.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# fieldguide course at %s (the path of baseURL), built into %s%s\n", basePath, strings.TrimSuffix(root, "/"), basePath)
	fmt.Fprintf(&b, "location %s {\n", basePath)
	fmt.Fprintf(&b, "    root %s;\n", root)
	b.WriteString("    index index.html;\n")
	b.WriteString("    try_files $uri $uri/ =404;\n")
	fmt.Fprintf(&b, "    error_page 404 %s404.html;\n", basePath)
	b.WriteString("    charset utf-8;\n")
	b.WriteString("    charset_types text/css application/javascript application/xml text/plain;\n")
	b.WriteString("    gzip on;\n")
	b.WriteString("    gzip_types text/css application/javascript application/xml image/svg+xml;\n")
	b.WriteString(headers("    "))
	fmt.Fprintf(&b, "    add_header Cache-Control \"%s\" always;\n", cacheRevalidate)
	fmt.Fprintf(&b, "\n    location %sassets/ {\n", basePath)
	b.WriteString(headers("        "))
	fmt.Fprintf(&b, "        add_header Cache-Control \"%s\" always;\n", cacheImmutable)
	b.WriteString("    }\n}\n")
	return b.String()
}
