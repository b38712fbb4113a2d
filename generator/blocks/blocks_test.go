package blocks

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/mdctx"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected HTML and diagnostics in testdata/*.txtar")

// The case files are txtar archives, one per extension, in goldmark's style
// of numbered Markdown → HTML pairs:
//
//	audience: trainer              archive-wide options (the comment)
//	glossaryURL: ../glossary/
//	-- glossary.md --              optional: the glossary, read with ParseGlossary
//	-- 01-name.md --               a case
//	-- 01-name.opts --             optional: options for this case only
//	-- 01-name.html --             the expected HTML
//	-- 01-name.diag --             the expected messages, if any
//
// go test -update rewrites .html and .diag; review the diff before committing.
func TestCaseFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCaseFile(t, file)
		})
	}
}

type caseOptions struct {
	audience      string
	glossaryURL   string
	upperLabels   bool
	autoHeadingID bool
}

func parseCaseOptions(t *testing.T, base caseOptions, text []byte) caseOptions {
	o := base
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("option line %q is not key: value", line)
		}
		value = strings.TrimSpace(value)
		switch key {
		case "audience":
			o.audience = value
		case "glossaryURL":
			o.glossaryURL = value
		case "labels":
			o.upperLabels = value == "upper"
		case "autoHeadingID":
			o.autoHeadingID = value == "true"
		default:
			t.Fatalf("unknown option %q", key)
		}
	}
	return o
}

func runCaseFile(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var cases []string
	for _, f := range ar.Files {
		files[f.Name] = f.Data
		if name, ok := strings.CutSuffix(f.Name, ".md"); ok && f.Name != "glossary.md" {
			cases = append(cases, name)
		}
	}
	base := parseCaseOptions(t, caseOptions{}, ar.Comment)
	var glossary []Term
	if g, ok := files["glossary.md"]; ok {
		glossary = ParseGlossary(g)
	}

	out := &txtar.Archive{Comment: ar.Comment}
	if g, ok := files["glossary.md"]; ok {
		out.Files = append(out.Files, txtar.File{Name: "glossary.md", Data: g})
	}
	changed := false
	for _, name := range cases {
		o := parseCaseOptions(t, base, files[name+".opts"])
		src := files[name+".md"]
		html, diags := renderCase(src, o, glossary)
		var msgs strings.Builder
		for _, d := range diags {
			fmt.Fprintln(&msgs, d.Error())
		}
		wantHTML, wantDiag := string(files[name+".html"]), string(files[name+".diag"])
		if html != wantHTML || msgs.String() != wantDiag {
			changed = true
			if !*update {
				t.Errorf("%s: %s\n--- markdown\n%s--- got html\n%s--- want html\n%s--- got messages\n%s--- want messages\n%s",
					file, name, src, html, wantHTML, msgs.String(), wantDiag)
			}
		}
		out.Files = append(out.Files, txtar.File{Name: name + ".md", Data: src})
		if opts, ok := files[name+".opts"]; ok {
			out.Files = append(out.Files, txtar.File{Name: name + ".opts", Data: opts})
		}
		out.Files = append(out.Files, txtar.File{Name: name + ".html", Data: []byte(html)})
		if msgs.Len() > 0 {
			out.Files = append(out.Files, txtar.File{Name: name + ".diag", Data: []byte(msgs.String())})
		}
	}
	if *update && changed {
		if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", file)
	}
}

func newMarkdown(opts Options, autoHeadingID bool) goldmark.Markdown {
	popts := []parser.Option{parser.WithAttribute()}
	if autoHeadingID {
		popts = append(popts, parser.WithAutoHeadingID())
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, New(opts)),
		goldmark.WithParserOptions(popts...),
	)
}

func renderCase(src []byte, o caseOptions, glossary []Term) (string, []diag.Diagnostic) {
	opts := Options{Audience: o.audience, Glossary: glossary}
	if o.upperLabels {
		opts.T = func(key string) string { return strings.ToUpper(Labels[key]) }
	}
	return convert(newMarkdown(opts, o.autoHeadingID), src, o.glossaryURL)
}

func convert(md goldmark.Markdown, src []byte, glossaryURL string) (string, []diag.Diagnostic) {
	pc := parser.NewContext()
	list := &diag.List{}
	mdctx.Set(pc, &mdctx.Doc{File: "test.md", Source: src, Diags: list, GlossaryURL: glossaryURL})
	var buf bytes.Buffer
	if err := md.Convert(src, &buf, parser.WithContext(pc)); err != nil {
		return "convert: " + err.Error(), list.Items()
	}
	return buf.String(), list.Items()
}

func TestKnownBlocksHaveSpecs(t *testing.T) {
	for _, name := range KnownBlocks {
		if specOf(name).shape == shapeUnknown {
			t.Errorf("KnownBlocks lists %q, which renders as an unknown block", name)
		}
	}
	for name := range specs {
		if !slices.Contains(KnownBlocks, name) {
			t.Errorf("block %q is not in KnownBlocks", name)
		}
	}
	for _, s := range specs {
		if _, ok := Labels[s.label]; s.label != "" && !ok {
			t.Errorf("label %q has no English text", s.label)
		}
	}
}

func TestLabelFallback(t *testing.T) {
	cfg := newConfig(Options{T: func(key string) string {
		switch key {
		case "block.note":
			return "Remarque"
		case "block.tip":
			return "block.tip" // a missing translation, as i18n lookups return it
		}
		return ""
	}})
	for key, want := range map[string]string{"block.note": "Remarque", "block.tip": "Tip", "quiz.check": "Check"} {
		if got := cfg.label(key); got != want {
			t.Errorf("label(%q) = %q, want %q", key, got, want)
		}
	}
}
