// Package scaffold holds what `fieldguide new` writes: a starter course,
// and the front matter of a new module or lesson.
//
// The starter course (folder site/, embedded) is a working course in
// English and French: a home page, a module, a lesson that shows every
// training block, and a glossary. It builds without a single warning, and
// its French pages are marked as translations of the English ones as they
// ship, so `fieldguide i18n status` starts clean; a test holds both true.
//
// The package returns file contents and never writes: the command decides
// where they go and refuses to overwrite anything.
package scaffold

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/scaffold/placeholder"
	"github.com/fieldguide/fieldguide/generator/site"
)

//go:embed all:site
var starter embed.FS

// titlePlaceholder in site/site.yaml is replaced by the course's title.
const titlePlaceholder = "{{TITLE}}"

// Site returns the files of the starter course by slash-separated path
// ("site.yaml", "content/en/_index.md", ".gitignore"), with title as the
// course's title.
func Site(title string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(starter, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "site/")
		// Stored without its dot, so the template is not itself a
		// .gitignore of this repository.
		if name == "gitignore" {
			name = ".gitignore"
		}
		files[name] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	if title == "" {
		title = "My course"
	}
	files["site.yaml"] = []byte(strings.Replace(string(files["site.yaml"]), titlePlaceholder, strconv.Quote(title), 1))
	if err := markTranslations(files, "en"); err != nil {
		return nil, err
	}
	return files, nil
}

// markTranslations sets translatedFrom in every page that has a source at
// the same path in the default language, as `i18n mark` would: the starter
// course's translations are complete.
func markTranslations(files map[string][]byte, def string) error {
	for name, data := range files {
		lang, rel, ok := strings.Cut(strings.TrimPrefix(name, "content/"), "/")
		if !ok || !strings.HasPrefix(name, "content/") || lang == def || path.Ext(rel) != ".md" {
			continue
		}
		srcData, ok := files["content/"+def+"/"+rel]
		if !ok {
			continue
		}
		src := &content.Source{File: "content/" + def + "/" + rel}
		var diags diag.List
		if !content.Parse(src, srcData, &diags) || diags.Len() > 0 {
			return fmt.Errorf("starter page %s: %v", src.File, diags.Items())
		}
		marked, err := i18n.SetTranslatedFrom(name, data, i18n.SourceHash(src))
		if err != nil {
			return err
		}
		files[name] = marked
	}
	return nil
}

// Module returns the _index.md of a new module; dir is its folder inside
// the language folder ("interviews"). Its text is placeholders (package
// placeholder), which check reports until they are replaced.
func Module(dir, title string, weight int) []byte {
	return fmt.Appendf(nil, `---
title: %s
description: ""
weight: %d
---

%s
%s %s/NAME
`, strconv.Quote(title), weight, placeholder.ModuleIntro, placeholder.ModuleLessons, dir)
}

// Lesson returns a new lesson: its front matter with every key a lesson
// uses, and a body to replace (a placeholder, which check reports until it
// is replaced).
//
// Objectives and key points are keys with no value yet, each followed by
// an example item commented out, as the starter's lesson writes its
// lists: an item typed or uncommented under the key is a list as it
// stands. ("objectives: []" is a list already, and an item under it a
// YAML error.) The examples, being comments, are shown to no one.
func Lesson(title string, weight, duration int) []byte {
	return fmt.Appendf(nil, `---
title: %s
description: ""
weight: %d
duration: %d
# objectives: what participants will be able to do after the lesson;
# keypoints: what they should remember. One item a line under its key,
# written as in the examples below them (delete the # to keep one).
objectives:
#  - %s
keypoints:
#  - %s
---

## Introduction

%s
`, strconv.Quote(title), weight, duration, strconv.Quote(placeholder.Objective), strconv.Quote(placeholder.Keypoint), placeholder.Lesson)
}

// Title makes a page title from a file or folder name ("first-steps" →
// "First steps"), as the build does for pages without one.
func Title(name string) string { return site.Humanize(name) }

// NextWeight is the weight that puts a new page after every page of the
// folder dir ("" for the top of the language folder) in language lang: the
// largest weight among them plus one, or 1.
func NextWeight(sources []*content.Source, lang, dir string) int {
	last := 0
	for _, s := range sources {
		if s.Lang != lang || s.Kind == content.Home || s.IsGlossary() {
			continue
		}
		parent := s.Dir()
		if s.Kind == content.Section {
			parent = path.Dir(s.Dir())
			if parent == "." {
				parent = ""
			}
		}
		if parent == dir {
			last = max(last, s.FM.Weight)
		}
	}
	return last + 1
}

// Lessons are the lessons of the module dir ("" for the top of the
// language folder) in lang, in the order the module lists them: by
// weight, then by path. A lesson of a module inside dir is not one of
// them, nor the glossary. `new lesson --lang` offers them to a translator
// who typed a lesson name that is not the source's, since a translation
// keeps its source's file name.
func Lessons(sources []*content.Source, lang, dir string) []*content.Source {
	var out []*content.Source
	for _, s := range sources {
		if s.Lang == lang && s.Kind == content.Page && !s.IsGlossary() && s.Dir() == dir {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *content.Source) int {
		return cmp.Or(cmp.Compare(a.FM.Weight, b.FM.Weight), strings.Compare(a.Rel, b.Rel))
	})
	return out
}
