package layout

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/refscan"
)

// A course's own templates and stylesheets are written by trainers, whose
// first try at a logo is src="/img/logo.svg". Markdown links of that kind
// are rewritten for each page; a template's are written as they are, and
// they point at the host's root: outside a site published under a path
// (https://example.org/training/) and outside the offline copy. The
// theme's own files never do it.
//
// The references are those the offline copy's self-check reads (package
// refscan), found in the template as written: href="{{.Root}}x" is not
// rooted, href="/{{.Lang}}/" is.

// RootedRefs reports each reference of a course's template or stylesheet
// that starts at the host's root, at its line, saying what to write
// instead. file is the name in messages ("layouts/partials/footer.html");
// a file ending in .css is a stylesheet, served from assets/ (so
// url(../img/logo.svg) reaches static/img/logo.svg), anything else a
// template, whose pages are at any depth ({{.Root}} leads to the site's
// root from each of them).
func RootedRefs(file string, text []byte) []diag.Diagnostic {
	css := strings.HasSuffix(file, ".css")
	var refs []refscan.Ref
	if css {
		refs = refscan.CSS(text, 0)
	} else {
		refs = refscan.Template(text)
	}
	// In the file's order: an element's attributes are read by name, and
	// a style attribute after the others.
	slices.SortStableFunc(refs, func(a, b refscan.Ref) int { return cmp.Compare(a.Offset, b.Offset) })
	var out []diag.Diagnostic
	for _, r := range refs {
		// A script's requests are absolute URLs, never rooted ones.
		if r.Kind == refscan.ScriptRequest || !strings.HasPrefix(r.URL, "/") || strings.HasPrefix(r.URL, "//") {
			continue
		}
		rest := strings.TrimPrefix(r.URL, "/")
		var instead string
		switch r.Attr() {
		case "", "style": // a <style> element's, a style attribute's, a stylesheet's
			instead = fmt.Sprintf(`url("{{.Root}}%s") in a template`, rest)
			if css {
				instead = fmt.Sprintf("url(..%s) (the stylesheet is served from assets/, beside static/'s files)", r.URL)
			}
		case "srcset", "imagesrcset", "content": // one URL among others
			instead = fmt.Sprintf(`{{.Root}}%s in %s ({{.Root}} leads from any page to the site's root)`, rest, r.Attr())
		default:
			instead = fmt.Sprintf(`%s="{{.Root}}%s" ({{.Root}} leads from any page to the site's root)`, r.Attr(), rest)
		}
		line, col := diag.Position(text, r.Offset)
		out = append(out, diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Warning, Code: "root-relative",
			Message: fmt.Sprintf("%q starts at the host's root: it points at nothing when the site is published under a path (baseURL https://example.org/training/) or opened from an offline copy", r.URL),
			Hint:    "write " + instead})
	}
	return out
}
