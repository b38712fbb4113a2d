package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/layouts"
)

// lessonData is a lesson page shaped like those of gencorpus.py's course:
// four languages, eight headings, a module of fifty lessons in the
// navigation, objectives and key points, 8 KB of text.
func lessonData() *Data {
	var langs []LangLink
	var alts []Alternate
	for _, code := range []string{"en", "fr", "zh", "ar"} {
		langs = append(langs, LangLink{Code: code, Name: strings.ToUpper(code), Dir: "ltr", URL: "../../../" + code + "/module-001/lesson-007/", Current: code == "en"})
		alts = append(alts, Alternate{Lang: code, URL: "https://example.org/" + code + "/module-001/lesson-007/"})
	}
	var toc []TOCEntry
	for i := range 8 {
		toc = append(toc, TOCEntry{Level: 2, ID: fmt.Sprintf("heading-%d", i), Text: fmt.Sprintf("Identify victim accommodation %d", i)})
	}
	var nav strings.Builder
	for i := range 50 {
		fmt.Fprintf(&nav, `<li><a href="../lesson-%03d/" data-progress-id="en/module-001/lesson-%03d">Lesson %d: Interview migrant checklist border</a></li>`, i, i, i)
	}
	return &Data{
		Lang: "en", Dir: "ltr", Language: langs[0], SiteTitle: "Benchmark course", Root: "../../../",
		Path: "en/module-001/lesson-007/", Kind: "page", Title: "Lesson 7: Interview migrant checklist border",
		Description: "Debt safety passport guidance fear sponsor sponsor listen sponsor family signal.",
		Content:     template.HTML(strings.Repeat("<p>Listen coercion support signal trafficking agency exploitation record practice coercion fear evidence.</p>\n", 80)),
		TOC:         toc, NavHTML: template.HTML(nav.String()),
		Breadcrumbs: []Link{{Title: "Home", URL: "../../"}, {Title: "Module 1", URL: "../"}},
		Prev:        &Link{Title: "Lesson 6", URL: "../lesson-006/"}, Next: &Link{Title: "Lesson 8", URL: "../lesson-008/"},
		Languages: langs, Alternates: alts, Canonical: "https://example.org/en/module-001/lesson-007/",
		Duration: 15, Objectives: []string{"Interview exploitation scenario training.", "Migrant support evidence question.", "Application victim recruitment."},
		Keypoints:  []string{"Listen first.", "Record what you see.", "Refer to a counsellor."},
		ProgressID: "en/module-001/lesson-007", IsLesson: true, GlossaryURL: "../../glossary/", HomeURL: "../../",
		CSS: "../../../assets/site.0123456789.css", JS: "../../../assets/site.0123456789.js", SearchJS: "../../../assets/search.0123456789.js",
	}
}

func BenchmarkExecuteLesson(b *testing.B) {
	for _, v := range []struct{ fold, compiled bool }{{true, true}, {true, false}, {false, false}} {
		b.Run(fmt.Sprintf("fold=%v/compiled=%v", v.fold, v.compiled), func(b *testing.B) {
			defer func(fold, compiled bool) { foldConstantStrings, compiledExecution = fold, compiled }(foldConstantStrings, compiledExecution)
			foldConstantStrings, compiledExecution = v.fold, v.compiled
			diags := &diag.List{}
			ts := LoadTheme(layouts.FS, nil, diags).Parse(i18n.Load(layouts.FS, nil, []string{"en"}, diags), "en", diags)
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			data := lessonData()
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := ts.Execute(&buf, "page", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
