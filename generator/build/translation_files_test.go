package build

import "testing"

// TestTranslatedModuleKeepsItsSourcesFiles: a module whose _index.md is
// translated still has the files of the default language's module folder
// that it has no copy of, so that a lesson shown untranslated in that
// language finds its image where it looks, as when the whole module is
// untranslated. (The reviewer's course failed to build as soon as the
// French _index.md existed.)
func TestTranslatedModuleKeepsItsSourcesFiles(t *testing.T) {
	archive := `
-- site.yaml --
languages: {en: {name: English}, fr: {name: Français}}
-- content/en/getting-started/_index.md --
---
title: Getting started
---
Intro.
-- content/en/getting-started/fees.md --
---
title: Fees
---
Fees.

![A diagram](diagram.png)
-- content/en/getting-started/diagram.png --
PNG-EN
-- content/fr/getting-started/_index.md --
---
title: Pour commencer
---
Introduction.
`
	s := buildTxtar(t, archive, Options{}).ok()
	s.contains("fr/getting-started/fees/index.html", `src="../diagram.png"`)
	s.contains("fr/getting-started/diagram.png", "PNG-EN")
	s.contains("en/getting-started/diagram.png", "PNG-EN")
	// Offline, French alone: the copy is French's.
	s = buildTxtar(t, archive, Options{Languages: []string{"fr"}, Offline: true}).ok()
	s.contains("fr/getting-started/diagram.png", "PNG-EN")
	s.contains("fr/getting-started/fees/index.html", `src="../diagram.png"`)
	// A copy of its own (a translated diagram) is the language's.
	s = buildTxtar(t, archive+"-- content/fr/getting-started/diagram.png --\nPNG-FR\n", Options{}).ok()
	s.contains("fr/getting-started/diagram.png", "PNG-FR")
	s.contains("en/getting-started/diagram.png", "PNG-EN")
}

// TestTranslatedLessonFolderKeepsItsSourcesFiles: a translated lesson
// folder (lesson/index.md) without one of its source's images shows the
// source's, copied beside it: a translator replaces the pictures that
// hold text, and need not copy every other one.
func TestTranslatedLessonFolderKeepsItsSourcesFiles(t *testing.T) {
	archive := `
-- site.yaml --
languages: {en: {name: English}, es: {name: Español}}
-- content/en/m/_index.md --
M.
-- content/en/m/passport/index.md --
---
title: Passport
---
![The data page](image.png) [The form](form.pdf)
-- content/en/m/passport/image.png --
PNG-EN
-- content/en/m/passport/form.pdf --
PDF-EN
-- content/es/m/passport/index.md --
---
title: Pasaporte
---
![La página de datos](image.png) [El formulario](form.pdf)
-- content/es/m/passport/form.pdf --
PDF-ES
`
	s := buildTxtar(t, archive, Options{}).ok()
	s.contains("es/m/passport/index.html", `src="image.png"`, `href="form.pdf"`)
	s.contains("es/m/passport/image.png", "PNG-EN")
	s.contains("es/m/passport/form.pdf", "PDF-ES")
	s = buildTxtar(t, archive, Options{Languages: []string{"es"}, Offline: true}).ok()
	s.contains("es/m/passport/image.png", "PNG-EN")
}
