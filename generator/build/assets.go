package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/layout"
	"github.com/fieldguide/fieldguide/generator/markdown"
	"github.com/fieldguide/fieldguide/layouts"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"
)

// assets are the theme's stylesheet and script, each one minified,
// fingerprinted file, and the code-highlighting stylesheet, linked only
// from pages that show code (most lessons have none, and officers on slow
// links should not pay for it).
type assets struct {
	css, js, codeCSS             []byte
	cssPath, jsPath, codeCSSPath string
	// searchJS is the search engine, loaded by the search box the first
	// time it is used (assets/lazy/search-engine.js).
	searchJS     []byte
	searchJSPath string
}

var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}()

// minified is src minified. The JavaScript minifier renames variables by
// writing over the names in the bytes it is given ("var folder" became
// "var solder" in the file's bytes), and the live preview keeps a course's
// files between rebuilds: it is given a copy, so that the next rebuild
// reads the file as it is on disk.
func minified(mime string, src []byte) ([]byte, error) {
	return minifier.Bytes(mime, bytes.Clone(src))
}

// buildAssets concatenates layouts/assets/css/*.css and assets/js/*.js in
// file-name order (a course's own layouts/ overriding the theme file by
// file) and minifies them.
// A file that cannot be read is left out, with its error in diags.
func buildAssets(siteFS fs.FS, diags *diag.List) (*assets, error) {
	a := &assets{}
	for _, kind := range []struct {
		dir, mime string
		out       *[]byte
	}{{"assets/css", "text/css", &a.css}, {"assets/js", "application/javascript", &a.js}} {
		files := map[string][]byte{}
		for i, src := range []fs.FS{layouts.FS, siteFS} {
			if src == nil {
				continue
			}
			entries, _ := fs.ReadDir(src, kind.dir)
			for _, e := range entries {
				if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
					continue
				}
				data, err := fs.ReadFile(src, kind.dir+"/"+e.Name())
				if err != nil {
					diags.Add(diag.ReadError("layouts/"+kind.dir+"/"+e.Name(), err))
					continue
				}
				files[e.Name()] = data
				if i == 1 && kind.mime == "text/css" { // the course's own
					for _, d := range layout.RootedRefs("layouts/"+kind.dir+"/"+e.Name(), data) {
						diags.Add(d)
					}
				}
			}
		}
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		var buf bytes.Buffer
		for _, n := range names {
			// Each file is minified on its own so a syntax error names it.
			min, err := minified(kind.mime, files[n])
			if err != nil {
				// At its line, as every mistake of the course is, and the
				// build goes on without the file to report the others.
				diags.Add(assetError("layouts/"+kind.dir+"/"+n, kind.mime, err))
				continue
			}
			buf.Write(min)
			if kind.mime == "application/javascript" {
				// Minified files end in "})()" and start with "(function";
				// without a semicolon the next file would be called as an
				// argument of the previous one. (In CSS a stray ";" would
				// drop the next rule, so only scripts get it.)
				buf.WriteByte(';')
			}
			buf.WriteByte('\n')
		}
		*kind.out = buf.Bytes()
	}
	engine, err := fs.ReadFile(layouts.FS, "assets/lazy/search-engine.js")
	if siteFS != nil {
		if own, err2 := fs.ReadFile(siteFS, "assets/lazy/search-engine.js"); err2 == nil {
			engine, err = own, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if a.searchJS, err = minified("application/javascript", engine); err != nil {
		return nil, fmt.Errorf("layouts/assets/lazy/search-engine.js: %w", err)
	}
	a.searchJSPath = "assets/search." + shortHash(a.searchJS) + ".js"
	code, err := minified("text/css", markdown.ChromaCSS())
	if err != nil {
		return nil, err
	}
	a.codeCSS = code
	a.cssPath = "assets/fieldguide." + shortHash(a.css) + ".css"
	a.jsPath = "assets/fieldguide." + shortHash(a.js) + ".js"
	a.codeCSSPath = "assets/code." + shortHash(a.codeCSS) + ".css"
	return a, nil
}

// hasCode reports whether rendered HTML holds highlighted code.
func hasCode(html string) bool { return strings.Contains(html, `<pre class="chroma"`) }

// assetError is the minifier's syntax error in a course's stylesheet or
// script as a diagnostic at its line and column.
func assetError(file, mime string, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Severity: diag.Error, Code: "asset", Message: err.Error()}
	var perr *parse.Error
	if errors.As(err, &perr) {
		d.Line, d.Col, d.Message = perr.Line, perr.Column, perr.Message
	}
	lang := "JavaScript"
	if mime == "text/css" {
		lang = "CSS"
	}
	d.Message = "the " + lang + " cannot be read: " + d.Message
	d.Hint = "check the line (and the one before it) for a missing bracket, quote or semicolon; the site is not built until it is fixed"
	return d
}
