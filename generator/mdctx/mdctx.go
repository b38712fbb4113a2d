// Package mdctx carries what our goldmark extensions need to know about the
// document being converted: its file name, where its body starts in the file,
// how to resolve links, and where to report mistakes.
//
// goldmark parsers are stateless and shared by every page, so this travels in
// the per-document parser.Context (see Get and Set). The package is a leaf: it
// imports no other package of ours but diag, so every extension can use it.
package mdctx

import (
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/yuin/goldmark/parser"
)

var key = parser.NewContextKey()

// Doc describes one Markdown document being converted.
type Doc struct {
	// File is the path shown in messages, e.g. "content/fr/m1/intro.md".
	File string
	// Source is the Markdown body handed to goldmark.
	Source []byte
	// LineOffset is the number of file lines before Source starts (the front
	// matter), so messages point at the real line of the file.
	LineOffset int
	// Lang is the language of the text (the default language's for a fallback page).
	Lang string
	// Diags receives errors and warnings; never nil.
	Diags *diag.List
	// Resolve turns a link destination written by the author into the URL
	// to emit. ok is false when the destination names a page that does not
	// exist; the link extension then reports it. May be nil (links kept as written).
	Resolve func(dest string) (url string, ok bool)
	// LeftOut says why a destination Resolve did not find names a page
	// that this build leaves out ("is a draft (draft: true), …"), or "".
	// The link is then shown as its text alone, with a warning. May be nil.
	LeftOut func(dest string) string
	// ImageSize is the width and height in pixels of the image a
	// destination names, or 0, 0. May be nil.
	ImageSize func(dest string) (width, height int)
	// Suggest is what a destination Resolve did not find was probably
	// meant to be, or "". May be nil.
	Suggest func(dest string) string
	// GlossaryURL is the URL of this language's glossary page as seen from
	// this page ("" when the language has no glossary).
	GlossaryURL string
	// TermIDs are the ids of a glossary page's terms, in order; the
	// definition list's terms get them so links to "glossary/#term" land.
	TermIDs []string
	// Offline is set when the page is built for the offline copy, which
	// must load nothing from the internet.
	Offline bool
}

// Set stores d in pc.
func Set(pc parser.Context, d *Doc) { pc.Set(key, d) }

// Get returns the Doc stored in pc, or a Doc that discards messages when
// none was stored (unit tests of a single extension).
func Get(pc parser.Context) *Doc {
	if v, ok := pc.Get(key).(*Doc); ok && v != nil {
		return v
	}
	d := &Doc{Diags: &diag.List{}}
	pc.Set(key, d)
	return d
}

// Report records a message at byte offset off of Source.
func (d *Doc) Report(off int, sev diag.Severity, code, msg, hint string) {
	line, col := diag.Position(d.Source, off)
	d.Diags.Add(diag.Diagnostic{
		File: d.File, Line: line + d.LineOffset, Col: col,
		Severity: sev, Code: code, Message: msg, Hint: hint,
	})
}
