package i18n

import (
	"sort"

	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/site"
)

// Status says, for every language but the default one, which pages are
// translated, which translations are out of date and which are missing.
// It is what `fieldguide i18n status` prints and what `check` summarises.
//
// A translation of a default-language page is the page with the same
// translation key (site.GroupKey): the same path inside the language folder,
// or the same translationKey. The build pairs pages the same way, so the
// status says what readers will see. Each translation falls in exactly one
// of these lists:
//
//   - translated: translatedFrom equals SourceHash of its source's body;
//   - outdated: translatedFrom is set but the source changed since;
//   - unmarked: translatedFrom is empty, so nobody has recorded which version
//     of the source it follows; review it, then run `fieldguide i18n mark`;
//   - orphaned: no default-language page has its key (the source was moved
//     or deleted, or the translationKey is misspelt).
//
// missing lists the default-language pages without a translation, by their
// path in the default language, but drafts (draft: true, or in a draft
// module): they are not published, and their text is not settled, so they
// are listed apart, in drafts, and no --fail-on waits for them. Every
// other list holds paths inside the translation's own language folder
// ("m1/intro.md"). Lists are sorted and never nil, so the JSON form
// always has arrays.
//
// Trainer-only pages count like any other, and so do translations of
// drafts: the status is about files, not about what one build includes.
// Every default-language page is in one list: translated, outdated or
// unmarked by its translation, or missing, or drafts.
type Status struct {
	DefaultLanguage string                     `json:"defaultLanguage"`
	Languages       map[string]*LanguageStatus `json:"languages"`
}

// LanguageStatus is the state of one language's translations.
type LanguageStatus struct {
	Translated []string `json:"translated"`
	Outdated   []string `json:"outdated"`
	Unmarked   []string `json:"unmarked"`
	Missing    []string `json:"missing"`
	// Drafts are the default-language drafts without a translation.
	Drafts   []string `json:"drafts"`
	Orphaned []string `json:"orphaned"`
	// UntranslatedStrings are the UI string keys (layouts/i18n) this
	// language lacks; readers see them in English.
	UntranslatedStrings []string `json:"untranslatedStrings"`
	// Sources maps a translation to its source when their paths differ
	// (paired by translationKey), so a translator knows what to compare.
	Sources map[string]string `json:"sources"`
	Counts  Counts            `json:"counts"`
}

// Counts are the lengths of a LanguageStatus's lists, and Pages the number
// of default-language pages a complete translation would have.
type Counts struct {
	Pages               int `json:"pages"`
	Translated          int `json:"translated"`
	Outdated            int `json:"outdated"`
	Unmarked            int `json:"unmarked"`
	Missing             int `json:"missing"`
	Drafts              int `json:"drafts"`
	Orphaned            int `json:"orphaned"`
	UntranslatedStrings int `json:"untranslatedStrings"`
}

// Kinds are the names of a LanguageStatus's page lists, in display order
// (the values `i18n status --fail-on` accepts).
var Kinds = []string{"translated", "outdated", "unmarked", "missing", "drafts", "orphaned"}

// List returns the list called kind (one of Kinds), or nil.
func (l *LanguageStatus) List(kind string) []string {
	switch kind {
	case "translated":
		return l.Translated
	case "outdated":
		return l.Outdated
	case "unmarked":
		return l.Unmarked
	case "missing":
		return l.Missing
	case "drafts":
		return l.Drafts
	case "orphaned":
		return l.Orphaned
	case "untranslatedStrings":
		return l.UntranslatedStrings
	}
	return nil
}

// Codes lists the non-default languages of the status in the
// configuration's order (the order of the maps' keys is not kept by JSON).
func (s *Status) Codes(cfg *config.Config) []string {
	var out []string
	for _, l := range cfg.Languages {
		if _, ok := s.Languages[l.Code]; ok {
			out = append(out, l.Code)
		}
	}
	return out
}

// TranslationStatus computes the status of every non-default language of
// cfg from the course's sources (all of them: drafts and trainer-only pages
// included, the default language's drafts listed apart). catalog may be nil; then no UI string is reported missing.
// It reads nothing: give it what content.Walk returned.
func TranslationStatus(cfg *config.Config, sources []*content.Source, catalog *Catalog) *Status {
	st := &Status{DefaultLanguage: cfg.DefaultLanguage, Languages: map[string]*LanguageStatus{}}
	byLang := map[string][]*content.Source{}
	for _, s := range sources {
		byLang[s.Lang] = append(byLang[s.Lang], s)
	}
	defaults := SourceIndex(byLang[cfg.DefaultLanguage])
	// A draft by its own front matter or its module's, as the build decides.
	drafts := site.NewFilter(sources, site.Options{})
	for _, lang := range cfg.Languages {
		if lang.Code == cfg.DefaultLanguage {
			continue
		}
		ls := &LanguageStatus{Sources: map[string]string{}}
		have := map[string]bool{}
		for _, tr := range byLang[lang.Code] {
			key := site.GroupKey(tr)
			src := defaults[key]
			if src == nil {
				ls.Orphaned = append(ls.Orphaned, tr.Rel)
				continue
			}
			have[key] = true
			if src.Rel != tr.Rel {
				ls.Sources[tr.Rel] = src.Rel
			}
			switch {
			case tr.FM.TranslatedFrom == "":
				ls.Unmarked = append(ls.Unmarked, tr.Rel)
			case Current(tr.FM.TranslatedFrom, src, "", ""):
				ls.Translated = append(ls.Translated, tr.Rel)
			default:
				ls.Outdated = append(ls.Outdated, tr.Rel)
			}
		}
		for key, src := range defaults {
			switch {
			case have[key]:
			case drafts.Draft(src):
				ls.Drafts = append(ls.Drafts, src.Rel)
			default:
				ls.Missing = append(ls.Missing, src.Rel)
			}
		}
		if catalog != nil {
			ls.UntranslatedStrings = catalog.MissingKeys(lang.Code)
		}
		ls.normalise(len(defaults))
		st.Languages[lang.Code] = ls
	}
	return st
}

// SourceIndex maps the translation key of each default-language source to
// it. When two sources share a key (a translationKey conflict, reported by
// the build), the first by path wins, as in the build.
func SourceIndex(defaults []*content.Source) map[string]*content.Source {
	sorted := append([]*content.Source(nil), defaults...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Rel < sorted[j].Rel })
	index := make(map[string]*content.Source, len(sorted))
	for _, s := range sorted {
		key := site.GroupKey(s)
		if _, dup := index[key]; !dup {
			index[key] = s
		}
	}
	return index
}

// normalise sorts every list, replaces nil by empty lists and fills Counts.
func (l *LanguageStatus) normalise(pages int) {
	for _, list := range []*[]string{&l.Translated, &l.Outdated, &l.Unmarked, &l.Missing, &l.Drafts, &l.Orphaned, &l.UntranslatedStrings} {
		if *list == nil {
			*list = []string{}
		}
		sort.Strings(*list)
	}
	l.Counts = Counts{
		Pages:               pages,
		Translated:          len(l.Translated),
		Outdated:            len(l.Outdated),
		Unmarked:            len(l.Unmarked),
		Missing:             len(l.Missing),
		Drafts:              len(l.Drafts),
		Orphaned:            len(l.Orphaned),
		UntranslatedStrings: len(l.UntranslatedStrings),
	}
}
