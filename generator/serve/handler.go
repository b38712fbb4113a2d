package serve

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/layouts"
)

// prefix is where the preview's own files live; no course file is served
// under it.
const prefix = "/__fieldguide/"

// contentTypes are set explicitly rather than guessed from the system's
// MIME tables, which differ between machines (one serves .otf as an
// OpenDocument template, another has no .vtt, and with nosniff subtitles
// served as bytes are not shown). Anything else is served as bytes.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/plain; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".vtt":         "text/vtt; charset=utf-8",
	".srt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".wasm":        "application/wasm",
	".ogg":         "audio/ogg",
	".oga":         "audio/ogg",
	".ogv":         "video/ogg",
	".m4a":         "audio/mp4",
	".wav":         "audio/wav",
	".epub":        "application/epub+zip",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".pptx":        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".doc":         "application/msword",
	".xls":         "application/vnd.ms-excel",
	".ppt":         "application/vnd.ms-powerpoint",
	".rtf":         "application/rtf",
	".mov":         "video/quicktime",
	".m4v":         "video/mp4",
	".map":         "application/json; charset=utf-8",
	".odt":         "application/vnd.oasis.opendocument.text",
	".odp":         "application/vnd.oasis.opendocument.presentation",
	".ods":         "application/vnd.oasis.opendocument.spreadsheet",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".zip":         "application/zip",
}

// ContentType is the Content-Type a file is served with.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return "application/octet-stream"
}

// sitePath turns a request's path into the name of a site file, or
// reports why it is refused. It decodes the path once, as browsers and
// servers do, and refuses any ".." or "." segment, empty segment,
// backslash or NUL, before or after decoding, so no spelling of a
// traversal ("/../", "%2e%2e", "..%2f", "..\") gets through.
func sitePath(r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	if !strings.HasPrefix(raw, "/") {
		return "", false
	}
	decoded, err := url.PathUnescape(raw)
	if err != nil {
		return "", false
	}
	for _, p := range []string{raw, decoded} {
		if strings.ContainsAny(p, "\\\x00") {
			return "", false
		}
	}
	// Still encoded after decoding once: a dot or slash encoded twice,
	// which some servers decode again. No course file is named so.
	lower := strings.ToLower(decoded)
	if strings.Contains(lower, "%2e") || strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") {
		return "", false
	}
	name := strings.TrimPrefix(decoded, "/")
	if name == "" {
		return "", true
	}
	for i, seg := range strings.Split(name, "/") {
		last := i == strings.Count(name, "/")
		if seg == "." || seg == ".." || (seg == "" && !last) {
			return "", false
		}
	}
	return name, true
}

// foreignSubresource reports whether a page of another site asks for
// something to use in itself: a <script> of the search index, whose
// sections hold trainer notes with --audience trainer, is read by the page
// that includes it, whatever its origin. Browsers say who asks in
// Sec-Fetch-Site; following a link to the preview (a navigation) is fine.
func foreignSubresource(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return r.Header.Get("Sec-Fetch-Mode") != "navigate"
	}
	return false
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if s.localOnly && !localHost(r.Host) {
		http.Error(w, "this preview answers only requests to localhost or 127.0.0.1", http.StatusForbidden)
		return
	}
	if foreignSubresource(r) {
		http.Error(w, "this preview is not for other sites' pages to load", http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, prefix) {
		s.serveOwn(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	st := s.current()
	if st.out == nil {
		s.serveNoSite(w, r)
		return
	}
	files := st.out.Files
	file := name
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	data, found := files[file]
	if !found && !strings.HasSuffix(name, "/") && name != "" {
		if _, isDir := files[name+"/index.html"]; isDir {
			// Relative links in the page only work from the folder's URL.
			target := "/" + (&url.URL{Path: name}).EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !found {
		// The page of the language the URL is under, else the site's.
		status = http.StatusNotFound
		file, data = "404.txt", []byte("404 page not found\n")
		lang, _, _ := strings.Cut(name, "/")
		for _, nf := range []string{lang + "/404.html", "404.html"} {
			if page, ok := files[nf]; ok {
				file, data = nf, page
				break
			}
		}
	}
	s.send(w, r, file, data, status, st)
}

// send writes a site file, with the live-reload script added to HTML.
func (s *Server) send(w http.ResponseWriter, r *http.Request, file string, data []byte, status int, st *state) {
	h := w.Header()
	typ := ContentType(file)
	h.Set("Content-Type", typ)
	switch {
	case strings.HasPrefix(typ, "text/html"):
		h.Set("Cache-Control", "no-store")
		data = injectScript(data, s.instance, st.version)
	case isFingerprinted(file):
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		// Static files change in place when edited: always revalidate.
		h.Set("Cache-Control", "no-cache")
	}
	if status != http.StatusOK {
		h.Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(data))
}

// isFingerprinted reports whether a file's name changes with its bytes
// (the theme's stylesheets and script), so browsers may keep it.
func isFingerprinted(file string) bool {
	if !strings.HasPrefix(file, "assets/") {
		return false
	}
	parts := strings.Split(path.Base(file), ".")
	if len(parts) != 3 || len(parts[1]) < 8 {
		return false
	}
	for _, c := range parts[1] {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// injectScript adds the live-reload script before the last </body> (or at
// the end of a page without one). It carries the server's instance and
// the site version the page was served from.
func injectScript(page []byte, instance string, version uint64) []byte {
	tag := fmt.Sprintf(`<script src="%slivereload.js" data-instance="%s" data-version="%d" defer></script>`,
		prefix, html.EscapeString(instance), version)
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

func lastIndexFold(b []byte, sub string) int {
	for i := len(b) - len(sub); i >= 0; i-- {
		if bytes.EqualFold(b[i:i+len(sub)], []byte(sub)) {
			return i
		}
	}
	return -1
}

// serveOwn serves the preview's own files and its event stream.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, prefix)
	switch name {
	case "events":
		s.events.serve(w, r, s)
		return
	case "status":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(s.helloJSON())
		return
	case "livereload.js", "livereload.css":
		data, err := fs.ReadFile(layouts.FS, "assets/livereload/"+name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ContentType(name))
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	http.NotFound(w, r)
}

// serveNoSite answers while no build has succeeded yet: a page that says
// so, lists the errors of a failed build (without JavaScript too), and
// turns into the site, through the live-reload script, as soon as a build
// succeeds.
func (s *Server) serveNoSite(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>fieldguide serve</title></head>
<body>
<main>`)
	if len(st.errors) == 0 {
		b.WriteString(`<h1>The course is building</h1>
<p>This page shows the site as soon as a build succeeds. If the build fails, the errors appear here.</p>`)
	} else {
		b.WriteString(`<h1>The course could not be built</h1>
<p>Fix these and save: this page shows the site as soon as a build succeeds.</p>
<ul>`)
		for _, d := range st.errors {
			fmt.Fprintf(&b, "\n<li><code>%s</code></li>", html.EscapeString(d.Error()))
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString(`</main>
</body>
</html>
`)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = w.Write(injectScript(b.Bytes(), s.instance, st.version))
	}
}
