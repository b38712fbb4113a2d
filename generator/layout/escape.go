package layout

import (
	"bytes"
	"strings"
)

// html/template's escapers, written in Go for the compiled templates.
//
// html/template appends escapers to every action that prints
// ({{.Title | _html_template_htmlescaper}}). The compiled templates
// (compile.go) call the functions below in their place. Each does what
// html/template's escaper of that name does for the values the compiled
// templates give it: a string, a number or a boolean written out, or one
// of html/template's typed strings (template.HTML, template.URL...). What
// would need more of html/template (the tags that attrescaper strips from
// template.HTML) is errNotCompiled: the page is then rendered by
// html/template itself. TestEscapersMatchHTMLTemplate holds them equal to
// html/template's own, through probe templates, on hostile strings.

// contentType is the kind of typed string a value was, as html/template's
// escapers tell it: only HTML and URL change what they do.
type contentType uint8

const (
	contentPlain contentType = iota
	contentHTML
	contentURL
)

// escaper is one of html/template's escapers: apply gives the escaped
// text; write, when set, writes it (it is the last of its action's
// escapers) without making a string of it.
type escaper struct {
	apply func(s string, ct contentType) (string, error)
	write func(w *bytes.Buffer, s string, ct contentType) error
}

// escapersByName are the escapers the compiled templates know; an action
// with any other (a script, a style, an unquoted attribute) is not compiled.
var escapersByName = map[string]escaper{
	"_html_template_htmlescaper": {
		apply: func(s string, ct contentType) (string, error) {
			if ct == contentHTML {
				return s, nil
			}
			return replaceHTML(s, htmlEscapes), nil
		},
		write: func(w *bytes.Buffer, s string, ct contentType) error {
			if ct == contentHTML {
				w.WriteString(s)
				return nil
			}
			writeReplaced(w, s, htmlEscapes)
			return nil
		},
	},
	"_html_template_attrescaper": {
		apply: func(s string, ct contentType) (string, error) {
			if ct == contentHTML {
				return "", errNotCompiled // html/template strips its tags
			}
			return replaceHTML(s, htmlEscapes), nil
		},
		write: func(w *bytes.Buffer, s string, ct contentType) error {
			if ct == contentHTML {
				return errNotCompiled
			}
			writeReplaced(w, s, htmlEscapes)
			return nil
		},
	},
	"_html_template_rcdataescaper": {
		apply: func(s string, ct contentType) (string, error) {
			if ct == contentHTML {
				return replaceHTML(s, htmlNormEscapes), nil
			}
			return replaceHTML(s, htmlEscapes), nil
		},
		write: func(w *bytes.Buffer, s string, ct contentType) error {
			if ct == contentHTML {
				writeReplaced(w, s, htmlNormEscapes)
			} else {
				writeReplaced(w, s, htmlEscapes)
			}
			return nil
		},
	},
	"_html_template_urlfilter": {
		apply: func(s string, ct contentType) (string, error) {
			if ct != contentURL && !isSafeURL(s) {
				return "#ZgotmplZ", nil
			}
			return s, nil
		},
	},
	"_html_template_urlnormalizer": {
		apply: func(s string, ct contentType) (string, error) {
			return processedURL(s, true), nil
		},
	},
	"_html_template_urlescaper": {
		apply: func(s string, ct contentType) (string, error) {
			return processedURL(s, ct == contentURL), nil
		},
	},
}

// replacements is a table of html/template's (htmlReplacementTable,
// htmlNormReplacementTable) with, for a quick look, which bytes it has.
type replacements struct {
	special [256]bool
	with    [len(htmlReplacements)]string
}

func newReplacements(with [len(htmlReplacements)]string) *replacements {
	r := &replacements{with: with}
	for c, repl := range with {
		r.special[c] = repl != ""
	}
	return r
}

var (
	htmlEscapes = newReplacements(htmlReplacements)
	// htmlNormEscapes is htmlEscapes without '&', which html/template
	// keeps in template.HTML written in RCDATA (<title>) so that its
	// entities stay entities.
	htmlNormEscapes = func() *replacements {
		t := htmlReplacements
		t['&'] = ""
		return newReplacements(t)
	}()
)

// replaceHTML is s with the bytes of table replaced, s itself when none is.
func replaceHTML(s string, table *replacements) string {
	for i := 0; i < len(s); i++ {
		if table.special[s[i]] {
			var b bytes.Buffer
			b.Grow(len(s) + 16)
			writeReplaced(&b, s, table)
			return b.String()
		}
	}
	return s
}

// writeReplaced writes s with the bytes of table replaced. The bytes
// html/template replaces are all ASCII, so a byte loop over UTF-8 text
// (even invalid UTF-8, which it keeps as it is) finds the same ones.
func writeReplaced(w *bytes.Buffer, s string, table *replacements) {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; table.special[c] {
			w.WriteString(s[written:i])
			w.WriteString(table.with[c])
			written = i + 1
		}
	}
	w.WriteString(s[written:])
}

// isSafeURL is html/template's: a URL without a scheme, or with http,
// https or mailto.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// processedURL is html/template's urlProcessor: s with the bytes that do
// not belong in a URL percent-encoded (norm keeps the reserved ones and
// existing escapes), s itself when none is.
func processedURL(s string, norm bool) string {
	// The classes kept without a look at the bytes after them: unreserved,
	// and reserved when normalizing.
	kept := uint8(1)
	if norm {
		kept = 2
	}
	for i := 0; i < len(s); i++ {
		if urlBytes[s[i]]-urlUnreserved < kept {
			continue
		}
		if !urlByteKept(s, i, norm) {
			var b bytes.Buffer
			b.Grow(len(s) + 16)
			processURL(&b, s, norm)
			return b.String()
		}
	}
	return s
}
