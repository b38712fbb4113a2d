package build

import (
	"context"
	"os"
	"strings"
	"testing"
)

// untranslatedCopy is a course whose French fees.md is the copy
// `fieldguide new lesson --lang fr` made, not translated yet.
const untranslatedCopy = `
-- site.yaml --
languages: {en: {name: English}, fr: {name: Français}}
-- content/en/m/_index.md --
---
title: Module
---
Intro.
-- content/fr/m/_index.md --
---
title: Module fr
---
Introduction.
-- content/en/m/fees.md --
---
title: Fees
weight: 2
---
Recruitment fees are paid by the employer.
-- content/fr/m/fees.md --
---
title: Fees
weight: 2
---
Recruitment fees are paid by   the employer.
`

// TestUntranslatedCopyIsShownAsUntranslated: a translation that still
// has its source's title and text (i18n.LooksUntranslated) is no
// translation yet. It was published as French, with English text, no
// notice, and the language switcher marking it translated; it is now
// shown as the English page with the notice, as if the file were not
// there, and the build says so at the file.
func TestUntranslatedCopyIsShownAsUntranslated(t *testing.T) {
	s := buildTxtar(t, untranslatedCopy, Options{}).ok()
	s.contains("fr/m/fees/index.html", `<html lang="fr"`, "n’est pas encore disponible en français ; affichage en anglais.", `<h1 lang="en" dir="ltr">Fees</h1>`)
	s.contains("en/m/fees/index.html", `hreflang="fr" class="missing">`)
	s.diagnostic("content/fr/m/fees.md:1", "still has the title and text of content/en/m/fees.md")
	s.diagnostic("content/fr/m/fees.md:1", "fieldguide i18n mark --force content/fr/m/fees.md")
	if n := len(s.res.Diagnostics); n != 1 {
		t.Errorf("%d messages, want 1: %v", n, s.res.Diagnostics)
	}
	// Left out with missingTranslations: omit, as a missing page is.
	s = buildTxtar(t, strings.Replace(untranslatedCopy, "languages:", "missingTranslations: omit\nlanguages:", 1), Options{}).ok()
	s.absent("fr/m/fees/index.html")
	s.diagnostic("content/fr/m/fees.md:1", "left out")

	// Translated, or marked as reading the same (i18n mark --force): a
	// translation, and nothing to say.
	for name, archive := range map[string]string{
		"translated": strings.Replace(untranslatedCopy, "Recruitment fees are paid by   the employer.", "Les frais sont à la charge de l’employeur.", 1),
		"marked":     strings.Replace(untranslatedCopy, "title: Fees\nweight: 2\n---\nRecruitment fees are paid by   the", "title: Fees\nweight: 2\ntranslatedFrom: 0123456789abcdef\n---\nRecruitment fees are paid by   the", 1),
	} {
		s = buildTxtar(t, archive, Options{}).ok()
		s.lacks("fr/m/fees/index.html", "pas encore disponible")
		if len(s.res.Diagnostics) > 0 && name == "translated" {
			t.Errorf("%s: %v", name, s.res.Diagnostics)
		}
		for _, d := range s.res.Diagnostics {
			if d.Code == "untranslated-copy" {
				t.Errorf("%s: %s", name, d.Error())
			}
		}
	}
}

// TestIncrementalUntranslatedCopy: the live preview follows a copy as it
// is translated, and a source edited until its copy is the same again,
// as a clean build does.
func TestIncrementalUntranslatedCopy(t *testing.T) {
	c, inc := incrementalCourse(t, []byte(untranslatedCopy))
	ctx := context.Background()
	if u := inc.Build(ctx, nil); u.Err != nil {
		t.Fatal(u.Err)
	}
	opts := Options{FS: os.DirFS(c.dir)}
	u := inc.Build(ctx, paths(c.replace("content/fr/m/fees.md", "paid by   the employer", "payés par l’employeur")))
	compareWithClean(t, "the copy translated", u, inc, opts)
	u = inc.Build(ctx, paths(c.replace("content/en/m/fees.md", "paid by the employer", "payés par l’employeur")))
	compareWithClean(t, "the source the same as the translation", u, inc, opts)
	u = inc.Build(ctx, paths(c.replace("content/en/m/fees.md", "payés par l’employeur", "paid by the employer")))
	compareWithClean(t, "the source different again", u, inc, opts)
}
