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
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/decode"
	"github.com/fieldguide/fieldguide/generator/diag"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Catalog holds the UI strings of every language.
type Catalog struct {
	strings map[string]map[string]entry // lang → key → entry
	// themeFiles are the theme's files of each language that has one
	// ("layouts/i18n/es.yaml" for es and es-MX), for ThemeFile.
	themeFiles map[string]string
	// counted holds what T gave for a key, a language and a count, the
	// one argument "n" (a duration, a number of lessons): templates ask
	// it on every page for the same few numbers, and formatting the
	// number in the language (x/text) costs more than the rest of T.
	counted sync.Map // countedKey → string
}

// countedKey is a call T(lang, key, "n", n).
type countedKey struct {
	lang, key string
	n         int
}

type entry struct {
	text   string
	plural map[string]string
}

// Load reads the theme's strings and the site's overrides for langs.
// theme and site are rooted at a layouts folder (site may be nil).
//
// A site's files are checked: a key that is neither the theme's nor used
// by the site's own templates or scripts (a string of its own, defined in
// its en.yaml), a plural form that is not a CLDR category or lacks
// `other`, and a list where text belongs are reported and left out.
func Load(theme, site fs.FS, langs []string, diags *diag.List) *Catalog {
	c := &Catalog{strings: map[string]map[string]entry{}, themeFiles: map[string]string{}}
	known := map[string]entry{}
	if data, err := fs.ReadFile(theme, "i18n/en.yaml"); err == nil {
		parse("layouts/i18n/en.yaml", data, known, nil, diags)
	}
	if site != nil {
		// The site's own strings: in its en.yaml and used by its layouts.
		own := map[string]entry{}
		if data, err := fs.ReadFile(site, "i18n/en.yaml"); err == nil {
			parse("", data, own, nil, &diag.List{})
		}
		uses := usedIn(site)
		for key, e := range own {
			if _, ok := known[key]; !ok && uses(key) {
				known[key] = e
			}
		}
	}
	for _, lang := range append([]string{"en"}, langs...) {
		if _, done := c.strings[lang]; done {
			continue
		}
		m := map[string]entry{}
		file := ""      // the site's file of the language, if it has one
		broken := false // and it could not be read: its error says so
		for _, src := range []struct {
			fsys  fs.FS
			known map[string]entry
		}{{theme, nil}, {site, known}} {
			if src.fsys == nil {
				continue
			}
			for _, name := range candidates(lang) {
				data, err := fs.ReadFile(src.fsys, "i18n/"+name+".yaml")
				if err != nil {
					continue
				}
				ok := parse("layouts/i18n/"+name+".yaml", data, m, src.known, diags)
				if src.known != nil {
					file, broken = "layouts/i18n/"+name+".yaml", !ok
				} else {
					c.themeFiles[lang] = "layouts/i18n/" + name + ".yaml"
				}
				break
			}
		}
		c.strings[lang] = m
		switch {
		case len(m) > 0, broken:
		case file != "":
			// 'fieldguide i18n strings' wrote it, none translated yet.
			diags.Add(diag.Diagnostic{File: file, Severity: diag.Warning, Code: "ui-strings-none",
				Message: fmt.Sprintf("no UI string in %s is translated yet: its pages show the theme's menus, buttons and notices in English", calledInEnglish(lang, LanguageName("en", lang, lang))),
				Hint:    "translate the strings of this file and remove the \"# \" in front of each"})
		default:
			// Not one string: every menu and button of the language's
			// pages is English, which the translator may not know.
			diags.Add(diag.Diagnostic{File: "layouts/i18n/" + lang + ".yaml", Severity: diag.Warning, Code: "ui-strings-none",
				Message: fmt.Sprintf("no UI strings in %s: its pages show the theme's menus, buttons and notices in English", calledInEnglish(lang, LanguageName("en", lang, lang))),
				Hint:    fmt.Sprintf("run 'fieldguide i18n strings %s' to write them into this file, to translate", lang)})
		}
	}
	return c
}

// candidates are the files tried for a language, most specific first:
// "pt-BR", "pt"; "zh-Hant-TW", "zh-Hant". A file in another script is
// never one, as CLDR's parent locales say: zh-TW takes zh-Hant.yaml, and
// neither takes the Simplified Chinese of zh.yaml, which falls back to
// English instead and is reported as untranslated.
func candidates(lang string) []string {
	script := func(code string) language.Script {
		s, _ := language.Make(code).Script()
		return s
	}
	want := script(lang)
	var out []string
	add := func(c string) {
		if !slices.Contains(out, c) && script(c) == want {
			out = append(out, c)
		}
	}
	parts := strings.Split(lang, "-")
	for i := len(parts); i > 0; i-- {
		if i == 1 && script(parts[0]) != want {
			add(parts[0] + "-" + want.String()) // zh-TW's is zh-Hant
		}
		add(strings.Join(parts[:i], "-"))
	}
	return out
}

// usedIn reports whether a file of fsys other than the UI strings names a
// key in quotes, as {{T "key"}} and t("key") do.
func usedIn(fsys fs.FS) func(key string) bool {
	var text strings.Builder
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && p == "i18n" {
			return fs.SkipDir
		}
		if info, err := d.Info(); err == nil && info.Mode().IsRegular() && info.Size() < 1<<20 {
			if data, err := fs.ReadFile(fsys, p); err == nil {
				text.Write(data)
				text.WriteByte('\n')
			}
		}
		return nil
	})
	all := text.String()
	return func(key string) bool {
		for _, q := range []string{`"`, "'", "`"} {
			if strings.Contains(all, q+key+q) {
				return true
			}
		}
		return false
	}
}

// pluralCategories are CLDR's plural categories.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// parse adds the strings of a file to into. With known (the theme's
// English strings), the file is a site's override and is checked.
func parse(file string, data []byte, into, known map[string]entry, diags *diag.List) bool {
	entries, ok := decode.Entries(decode.Doc{File: file, Data: data}, diags)
	warn := func(e decode.Entry, msg, hint string) {
		diags.Add(diag.Diagnostic{File: file, Line: e.Line, Col: e.Col, Severity: diag.Warning, Code: "i18n", Message: msg, Hint: hint})
	}
	for _, e := range entries {
		if known != nil {
			if _, ok := known[e.Key]; !ok {
				hint := diag.DidYouMean(e.Key, slices.Sorted(maps.Keys(known)))
				if hint == "" {
					hint = fmt.Sprintf("a string of your own is one a file of your layouts/ shows with {{T %q}}, and that layouts/i18n/en.yaml gives in English, which every language falls back to", e.Key)
				}
				warn(e, fmt.Sprintf("unknown UI string %q, left out", e.Key), hint)
				continue
			}
		}
		switch v := e.Value.(type) {
		case map[string]any:
			en := entry{plural: map[string]string{}}
			for cat, s := range v {
				if !slices.Contains(pluralCategories, cat) {
					if known != nil {
						warn(e, fmt.Sprintf("%q has a form %q, which is not a plural category", e.Key, cat),
							cmp.Or(diag.DidYouMean(cat, pluralCategories), "the categories are zero, one, two, few, many and other"))
					}
					continue
				}
				en.plural[cat] = fmt.Sprint(s)
			}
			if _, ok := en.plural["other"]; !ok {
				if known != nil {
					warn(e, fmt.Sprintf("%q has no `other` form, so it is left out", e.Key), "every plural string needs `other`, the form for any number the others do not take")
				}
				continue
			}
			into[e.Key] = en
		case []any, nil:
			if known != nil {
				warn(e, fmt.Sprintf("%q must be text, so it is left out", e.Key), "write the text after the colon, in quotes if it holds a colon: menu: \"Menu\"")
			}
		default:
			into[e.Key] = entry{text: fmt.Sprint(v)}
		}
	}
	return ok
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
	if len(args) == 2 && args[0] == "n" {
		if n, ok := args[1].(int); ok {
			k := countedKey{lang, key, n}
			if s, ok := c.counted.Load(k); ok {
				return s.(string)
			}
			s := c.t(lang, key, args)
			c.counted.Store(k, s)
			return s
		}
	}
	return c.t(lang, key, args)
}

// t is T without the cache: the catalog does not change once loaded, so
// the same arguments give the same string.
func (c *Catalog) t(lang, key string, args []any) string {
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

// ThemeFile is the theme's file of lang's UI strings ("layouts/i18n/es.yaml",
// also for es-MX), or "" when the theme does not ship the language: what
// `i18n strings` tells a translator who has nothing to add.
func (c *Catalog) ThemeFile(lang string) string {
	return c.themeFiles[lang]
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

// LanguageName is the name of the language code in the language in, from
// CLDR ("anglais" for en in fr, "英语" in zh), to fill a sentence such as
// "affichage en {source}"; name, as site.yaml gives it, when CLDR has no
// names in that language (it would give another's: Turkish for Kurdish).
func LanguageName(in, code, name string) string {
	inTag, err := language.Parse(in)
	if err != nil {
		return name
	}
	if base, _ := inTag.Base(); !displayBases()[base] {
		return name
	}
	tag, err := language.Parse(code)
	if err != nil {
		return name
	}
	if _, conf := tag.Base(); conf == language.No {
		return name
	}
	if n := display.Tags(inTag).Name(tag); n != "" {
		return n
	}
	return name
}

// displayBases are the languages CLDR's display names are written in.
var displayBases = sync.OnceValue(func() map[language.Base]bool {
	out := map[language.Base]bool{}
	for _, t := range display.Supported.Tags() {
		base, _ := t.Base()
		out[base] = true
	}
	return out
})

// Has reports whether lang has key itself (from its own file or its
// language's), not by falling back to English.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.strings[lang][key]
	return ok
}

// FormatNumber writes n with the digits and grouping of lang (CLDR).
func FormatNumber(lang string, n any) string {
	p := printerOf(lang)
	if p == nil {
		return fmt.Sprint(n)
	}
	return p.Sprint(n)
}

// printers holds a message.Printer per language tag as written (nil for
// one that does not parse): a page writes a dozen numbers, and parsing
// the tag and setting up a printer cost more than writing them. A Printer
// keeps no state between calls, so one serves every worker.
var printers sync.Map

func printerOf(lang string) *message.Printer {
	if p, ok := printers.Load(lang); ok {
		return p.(*message.Printer)
	}
	var p *message.Printer
	code := lang
	if strings.EqualFold(lang, "ar") {
		// Arabic without a region in the digits CLDR gives it today, and
		// browsers with it (1 من 4), which the course's own text uses;
		// x/text's older data gives ١ من ٤.
		code += "-u-nu-latn"
	}
	if tag, err := language.Parse(code); err == nil {
		p = message.NewPrinter(tag)
	}
	printers.Store(lang, p)
	return p
}

// digitSystems names the numbering systems by their zero, as CLDR and
// Intl.NumberFormat's "-u-nu-" name them.
var digitSystems = map[rune]string{'٠': "arab", '۰': "arabext", '०': "deva", '০': "beng", '੦': "guru", '૦': "gujr",
	'୦': "orya", '௦': "tamldec", '౦': "telu", '೦': "knda", '൦': "mlym", '๐': "thai", '໐': "laoo", '༠': "tibt", '၀': "mymr", '០': "khmr"}

// Numbering is the numbering system FormatNumber and FormatDate write
// lang's digits in ("arab" for ١٢٣, "latn" for 123), or "" when it is not
// known: what the theme's scripts give Intl.NumberFormat, so that numbers
// written in the browser (progress, search counts) have the digits of
// those written here, which the browser's own data may not give the same
// language (x/text writes ar-EG in 0–9, Chromium in ٠–٩).
func Numbering(lang string) string {
	p := printerOf(lang)
	if p == nil {
		return ""
	}
	switch zero, _ := utf8.DecodeRuneInString(p.Sprint(0)); zero {
	case '0':
		return "latn"
	default:
		return digitSystems[zero]
	}
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
	if p := printerOf(lang); p != nil {
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

// SourceHash fingerprints what a translator translates of a source page,
// for stale-translation tracking: its title, description, objectives, key
// points and prerequisites, which the page shows, and its body. Whitespace
// is normalised, so re-wrapping a paragraph or adding blank lines does not
// make translations outdated; the other front matter keys (weight, slug,
// duration…) are not part of it, so editing them does not either. It is
// 16 hex digits, which tells it from a BodyHash.
func SourceHash(s *content.Source) string {
	var b []byte
	field := func(name string, values ...string) {
		b = append(append(b, name...), 0)
		for _, v := range values {
			b = append(appendWords(b, v), 0)
		}
	}
	field("title", s.FM.Title)
	field("description", s.FM.Description)
	field("objectives", s.FM.Objectives...)
	field("keypoints", s.FM.Keypoints...)
	field("prerequisites", s.FM.Prerequisites...)
	field("body", string(s.Body))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:16]
}

// BodyHash is the fingerprint `i18n mark` recorded before the front
// matter counted: the words of the body alone, in 12 hex digits. A mark of
// that length is compared with it (see Current), so translations marked
// then are not all outdated now; they see changes to the body only until
// they are marked again.
func BodyHash(body []byte) string {
	sum := sha256.Sum256(appendWords(make([]byte, 0, len(body)+1), string(body)))
	return hex.EncodeToString(sum[:])[:12]
}

// appendWords appends to b each word of s (as strings.Fields cuts them,
// at Unicode white space) followed by a space: s with its white space
// made single spaces, which the hashes take so that re-wrapping a
// paragraph changes nothing. It does without Fields' slice of words, a
// string per word of the whole course.
func appendWords(b []byte, s string) []byte {
	start := -1 // where the word being read began, or -1 between words
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		space := c < utf8.RuneSelf && asciiSpace[c] || c >= utf8.RuneSelf && unicode.IsSpace(c)
		switch {
		case space && start >= 0:
			b = append(append(b, s[start:i]...), ' ')
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		b = append(append(b, s[start:]...), ' ')
	}
	return b
}

// asciiSpace are the ASCII characters unicode.IsSpace takes as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Current reports whether mark, a translation's translatedFrom, records
// src as it is now. sourceHash and bodyHash are src's SourceHash and
// BodyHash, or "" to compute them.
func Current(mark string, src *content.Source, sourceHash, bodyHash string) bool {
	if len(mark) == 12 {
		if bodyHash == "" {
			bodyHash = BodyHash(src.Body)
		}
		return mark == bodyHash
	}
	if sourceHash == "" {
		sourceHash = SourceHash(src)
	}
	return mark == sourceHash
}

// PluralCategories are the plural categories PluralCategory gives lang's
// integers, and other, which every plural string has (in Ukrainian it is
// for fractions), in CLDR's order: what a translator of a plural string
// writes.
func PluralCategories(lang string) []string {
	seen := map[string]bool{"other": true}
	for n := range 1000 {
		seen[PluralCategory(lang, n)] = true
	}
	seen[PluralCategory(lang, 1000000)] = true
	var out []string
	for _, cat := range pluralCategories {
		if seen[cat] {
			out = append(out, cat)
		}
	}
	return out
}

// Skeleton is the YAML a translator starts from: each string lang lacks
// (as MissingKeys), commented out and holding its English text, a plural
// string with a line for each of lang's categories. Keys for which done
// is true are left out (a file that has them already, commented). name
// is the language's name, for the file's first lines; without a header,
// only the strings are written.
func (c *Catalog) Skeleton(lang, name string, header bool, done func(key string) bool) (yaml []byte, n int) {
	var b strings.Builder
	cats := PluralCategories(lang)
	if header {
		fmt.Fprintf(&b, "# UI strings in %s: the menus, buttons and notices of the theme.\n", calledInEnglish(lang, name))
		b.WriteString("# Each string below is commented out and holds its English text:\n")
		b.WriteString("# translate it, then remove the \"# \" in front of its lines to use it.\n")
		b.WriteString("# Keep {placeholders} such as {n} as they are. Strings still commented\n")
		b.WriteString("# out show in English, and 'fieldguide i18n status' lists them.\n")
		fmt.Fprintf(&b, "# A string that counts has a line for each form %s uses: %s.\n\n", name, strings.Join(cats, ", "))
	}
	for _, key := range c.MissingKeys(lang) {
		if done != nil && done(key) {
			continue
		}
		e := c.strings["en"][key]
		n++
		if e.plural == nil {
			fmt.Fprintf(&b, "# %s: %s\n", key, strconv.Quote(e.text))
			continue
		}
		fmt.Fprintf(&b, "# %s:\n", key)
		for _, cat := range cats {
			text, ok := e.plural[cat]
			if !ok {
				text = e.plural["other"]
			}
			fmt.Fprintf(&b, "#   %s: %s\n", cat, strconv.Quote(text))
		}
	}
	return []byte(b.String()), n
}

// calledInEnglish names a language in a message: "Persian (fa)", or "xx"
// alone when its name is only its code.
func calledInEnglish(lang, name string) string {
	if name == lang {
		return lang
	}
	return name + " (" + lang + ")"
}
