// Package i18n holds what depends on the reader's language but not on the
// course's content: UI strings with CLDR plural rules, number and date
// formatting, and the fingerprint of a source page that tells whether a
// translation is out of date.
//
// UI strings come from the theme's layouts/i18n/<lang>.yaml, overridden key
// by key by the site's own layouts/i18n/<lang>.yaml. A string missing in a
// language falls back to English; MissingKeys lists such strings for
// `check` and `i18n status`.
package i18n

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/goccy/go-yaml"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Catalog holds the UI strings of every language.
type Catalog struct {
	strings map[string]map[string]entry // lang → key → entry
}

type entry struct {
	text   string
	plural map[string]string
}

// Load reads the theme's strings and the site's overrides for langs.
// theme and site are rooted at a layouts folder (site may be nil).
func Load(theme, site fs.FS, langs []string, diags *diag.List) *Catalog {
	c := &Catalog{strings: map[string]map[string]entry{}}
	for _, lang := range append([]string{"en"}, langs...) {
		if _, done := c.strings[lang]; done {
			continue
		}
		m := map[string]entry{}
		for _, src := range []struct {
			fsys fs.FS
			file string
		}{{theme, "i18n/"}, {site, "i18n/"}} {
			if src.fsys == nil {
				continue
			}
			for _, name := range candidates(lang) {
				data, err := fs.ReadFile(src.fsys, src.file+name+".yaml")
				file := "layouts/" + src.file + name + ".yaml"
				if err != nil {
					continue
				}
				parse(file, data, m, diags)
				break
			}
		}
		c.strings[lang] = m
	}
	return c
}

// candidates are the files tried for a language: "zh-Hant-TW", "zh-Hant", "zh".
func candidates(lang string) []string {
	var out []string
	parts := strings.Split(lang, "-")
	for i := len(parts); i > 0; i-- {
		out = append(out, strings.Join(parts[:i], "-"))
	}
	return out
}

func parse(file string, data []byte, into map[string]entry, diags *diag.List) {
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		diags.Add(diag.Diagnostic{File: file, Severity: diag.Error, Code: "i18n", Message: "malformed UI strings: " + err.Error()})
		return
	}
	for k, v := range raw {
		switch t := v.(type) {
		case string:
			into[k] = entry{text: t}
		case map[string]any:
			e := entry{plural: map[string]string{}}
			for cat, s := range t {
				e.plural[cat] = fmt.Sprint(s)
			}
			into[k] = e
		default:
			into[k] = entry{text: fmt.Sprint(t)}
		}
	}
}

func (c *Catalog) lookup(lang, key string) (entry, bool) {
	if e, ok := c.strings[lang][key]; ok {
		return e, true
	}
	e, ok := c.strings["en"][key]
	return e, ok
}

// T returns the string key in lang, with {name} placeholders filled from
// args given as name, value pairs. A plural string picks its form from the
// argument "n".
func (c *Catalog) T(lang, key string, args ...any) string {
	e, ok := c.lookup(lang, key)
	if !ok {
		return key
	}
	s := e.text
	if e.plural != nil {
		n := 0
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == "n" {
				n, _ = strconv.Atoi(fmt.Sprint(args[i+1]))
			}
		}
		cat := PluralCategory(lang, n)
		if v, ok := e.plural[cat]; ok {
			s = v
		} else {
			s = e.plural["other"]
		}
	}
	for i := 0; i+1 < len(args); i += 2 {
		name := fmt.Sprint(args[i])
		val := fmt.Sprint(args[i+1])
		if name == "n" {
			val = FormatNumber(lang, args[i+1])
		}
		s = strings.ReplaceAll(s, "{"+name+"}", val)
	}
	return s
}

// MissingKeys lists, for lang, the English keys it does not translate.
func (c *Catalog) MissingKeys(lang string) []string {
	if lang == "en" {
		return nil
	}
	var out []string
	for k := range c.strings["en"] {
		if _, ok := c.strings[lang][k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// PluralCategory is the CLDR plural category of the integer n in lang.
func PluralCategory(lang string, n int) string {
	base := strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	if n < 0 {
		n = -n
	}
	switch base {
	case "zh", "ja", "ko", "vi", "th", "id", "ms":
		return "other"
	case "fr", "pt":
		if n == 0 || n == 1 {
			return "one"
		}
		if n != 0 && n%1000000 == 0 {
			return "many"
		}
		return "other"
	case "ru", "uk", "be":
		switch {
		case n%10 == 1 && n%100 != 11:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		}
		return "many"
	case "pl":
		switch {
		case n == 1:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		}
		return "many"
	case "ar":
		switch {
		case n == 0:
			return "zero"
		case n == 1:
			return "one"
		case n == 2:
			return "two"
		case n%100 >= 3 && n%100 <= 10:
			return "few"
		case n%100 >= 11 && n%100 <= 99:
			return "many"
		}
		return "other"
	case "es", "it":
		if n == 1 {
			return "one"
		}
		if n != 0 && n%1000000 == 0 {
			return "many"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// FormatNumber writes n with the digits and grouping of lang (CLDR).
func FormatNumber(lang string, n any) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return fmt.Sprint(n)
	}
	return message.NewPrinter(tag).Sprint(n)
}

var monthNames = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"it": {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
	"pt": {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"ar": {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
}

// FormatDate writes t as a long date in lang ("27 novembre 2026",
// "2026年11月27日"), with lang's digits as FormatNumber writes them
// (Arabic's ٢٧ نوفمبر ٢٠٢٦, beside durations in the same digits).
func FormatDate(lang string, t time.Time) string {
	base := strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	digits := func(n int) string { return strconv.Itoa(n) }
	if tag, err := language.Parse(lang); err == nil {
		p := message.NewPrinter(tag)
		digits = func(n int) string { return p.Sprint(number.Decimal(n, number.NoSeparator())) }
	}
	day, month, year := digits(t.Day()), digits(int(t.Month())), digits(t.Year())
	switch base {
	case "zh", "ja":
		return year + "年" + month + "月" + day + "日"
	case "ko":
		return year + "년 " + month + "월 " + day + "일"
	case "de":
		return day + ". " + monthNames["de"][t.Month()-1] + " " + year
	case "es", "pt":
		return day + " de " + monthNames[base][t.Month()-1] + " de " + year
	}
	if names, ok := monthNames[base]; ok {
		return day + " " + names[t.Month()-1] + " " + year
	}
	return t.Format("2006-01-02")
}

// SourceHash fingerprints a source page's body for stale-translation
// tracking. Whitespace is normalised so re-wrapping a paragraph or adding
// blank lines does not make translations outdated; front matter is not part
// of the body, so editing it does not either.
func SourceHash(body []byte) string {
	h := sha256.New()
	for _, f := range strings.Fields(string(body)) {
		h.Write([]byte(f))
		h.Write([]byte{' '})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
