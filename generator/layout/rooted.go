package layout

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// A course's own templates and stylesheets are written by trainers, whose
// first try at a logo is src="/img/logo.svg". Markdown links of that kind
// are rewritten for each page; a template's are written as they are, and
// they point at the host's root: outside a site published under a path
// (https://example.org/training/) and outside the offline copy. The
// theme's own files never do it.

// rootedAttr finds a URL attribute of HTML (a template) whose value
// starts with one "/", quoted or not. Group 2 is the attribute, group 3
// the value.
var rootedAttr = regexp.MustCompile(`(?i)(^|[\s"'])(src|href|srcset|poster|action|data|formaction|background)\s*=\s*["']?(/(?:[^/"'\s>][^"'\s>]*)?)(?:["'\s>]|$)`)

// rootedCSS finds url(/…) and @import "/…" in CSS, in a stylesheet or a
// template's style attribute. Group 1 or 2 is the value.
var rootedCSS = regexp.MustCompile(`(?i)url\(\s*["']?(/(?:[^/"')\s][^"')\s]*)?)["')\s]|@import\s+["'](/(?:[^/"'][^"']*)?)["']`)

// RootedRefs reports each reference of a course's template or stylesheet
// that starts at the host's root, at its line, saying what to write
// instead. file is the name in messages ("layouts/partials/footer.html");
// a file ending in .css is a stylesheet, served from assets/ (so
// url(../img/logo.svg) reaches static/img/logo.svg), anything else a
// template, whose pages are at any depth ({{.Root}} leads to the site's
// root from each of them).
func RootedRefs(file string, text []byte) []diag.Diagnostic {
	css := strings.HasSuffix(file, ".css")
	type found struct {
		at int
		d  diag.Diagnostic
	}
	var all []found
	report := func(at int, ref, instead string) {
		line, col := diag.Position(text, at)
		all = append(all, found{at, diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Warning, Code: "root-relative",
			Message: fmt.Sprintf("%q starts at the host's root: it points at nothing when the site is published under a path (baseURL https://example.org/training/) or opened from an offline copy", ref),
			Hint:    "write " + instead}})
	}
	if !css {
		for _, m := range rootedAttr.FindAllSubmatchIndex(text, -1) {
			attr, ref := string(text[m[4]:m[5]]), string(text[m[6]:m[7]])
			report(m[6], ref, fmt.Sprintf(`%s="{{.Root}}%s" ({{.Root}} leads from any page to the site's root)`, attr, strings.TrimPrefix(ref, "/")))
		}
	}
	for _, m := range rootedCSS.FindAllSubmatchIndex(text, -1) {
		start, end := m[2], m[3]
		if start < 0 {
			start, end = m[4], m[5]
		}
		ref := string(text[start:end])
		instead := fmt.Sprintf(`url("{{.Root}}%s") in a template`, strings.TrimPrefix(ref, "/"))
		if css {
			instead = fmt.Sprintf("url(..%s) (the stylesheet is served from assets/, beside static/'s files)", ref)
		}
		report(start, ref, instead)
	}
	// In the file's order, attributes and style alike.
	slices.SortFunc(all, func(a, b found) int { return a.at - b.at })
	out := make([]diag.Diagnostic, len(all))
	for i, f := range all {
		out[i] = f.d
	}
	return out
}
