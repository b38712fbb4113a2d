// Package config reads site.yaml into a plain Config, decoded once per build.
//
// Without site.yaml the languages are the folders under content/ whose names
// are BCP 47 tags, and the default language is "en" when present, else the
// first in alphabetical order. Every mistake (malformed YAML, an unknown key,
// an invalid language tag) is reported with file:line:col and a suggestion.
//
// The package only reads; it never touches the file system outside fsys.
package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/fieldguide/fieldguide/generator/decode"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// File is the name of the configuration file at the root of a course.
const File = "site.yaml"

// Config is the course's configuration.
type Config struct {
	Title           string
	BaseURL         string // always ends in "/"; "/" when not set
	DefaultLanguage string
	// Languages in display order (weight, then code); the default language first among equals.
	Languages []Language
	// MissingTranslations is "fallback" (show the default language's page
	// with a notice) or "omit".
	MissingTranslations string
	// LanguageSwitcher says where the switcher sends a reader for a
	// language that lacks the current page: "fallback" (the fallback page,
	// or the home when pages are omitted) or "home".
	LanguageSwitcher string
	UnsafeHTML       bool
	// Copyright is shown in the footer (optional).
	Copyright string
}

// Language is one language of the course.
type Language struct {
	Code   string // BCP 47 tag as written in the folder name, e.g. "zh-Hant"
	Name   string // in its own script: "Français", "中文", "العربية"
	Title  string // the course title in this language ("" → Config.Title)
	Dir    string // "ltr" or "rtl"
	Weight int
}

// raw is site.yaml as written; its yaml tags are the list of known keys.
type raw struct {
	Title               string                 `yaml:"title"`
	BaseURL             string                 `yaml:"baseURL"`
	DefaultLanguage     string                 `yaml:"defaultLanguage"`
	Languages           map[string]rawLanguage `yaml:"languages"`
	MissingTranslations string                 `yaml:"missingTranslations"`
	LanguageSwitcher    string                 `yaml:"languageSwitcher"`
	UnsafeHTML          bool                   `yaml:"unsafeHTML"`
	Copyright           string                 `yaml:"copyright"`
}

type rawLanguage struct {
	Name      string `yaml:"name"`
	Title     string `yaml:"title"`
	Direction string `yaml:"direction"`
	Weight    int    `yaml:"weight"`
}

// rtlLanguages are the base languages written right to left.
var rtlLanguages = map[string]bool{
	"ar": true, "he": true, "fa": true, "ur": true, "ps": true, "yi": true, "dv": true, "sd": true, "ckb": true,
}

// Direction returns "rtl" for languages written right to left, else "ltr".
func Direction(code string) string {
	tag, err := language.Parse(code)
	if err == nil {
		if s, conf := tag.Script(); conf == language.Exact {
			switch s.String() {
			case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg":
				return "rtl"
			case "Latn", "Cyrl":
				return "ltr"
			}
		}
		base, _ := tag.Base()
		if rtlLanguages[base.String()] {
			return "rtl"
		}
		return "ltr"
	}
	if rtlLanguages[strings.ToLower(strings.SplitN(code, "-", 2)[0])] {
		return "rtl"
	}
	return "ltr"
}

// ValidTag reports whether code is a well-formed BCP 47 tag of a known language.
func ValidTag(code string) bool {
	if strings.Contains(code, "_") {
		return false // language.Parse takes en_US, but hreflang and lang need en-US
	}
	tag, err := language.Parse(code)
	if err != nil {
		return false
	}
	base, conf := tag.Base()
	return conf != language.No && base.String() != "und"
}

// Load reads site.yaml from fsys (if present) and completes the
// configuration with the language folders found under content/.
func Load(fsys fs.FS, diags *diag.List) *Config {
	var r raw
	data, err := fs.ReadFile(fsys, File)
	switch {
	case err == nil:
		decode.YAML(decode.Doc{File: File, Data: data, UnknownIsError: true}, &r, diags)
	case !isNotExist(err):
		diags.Add(diag.ReadError(File, err))
	}
	return resolve(r, data, contentLanguages(fsys), diags)
}

func isNotExist(err error) bool { return err != nil && errors.Is(err, fs.ErrNotExist) }

// contentLanguages lists the folders directly under content/.
func contentLanguages(fsys fs.FS) []string {
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil {
		return nil
	}
	var langs []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") {
			langs = append(langs, e.Name())
		}
	}
	return langs
}

func resolve(r raw, data []byte, folders []string, diags *diag.List) *Config {
	c := &Config{
		Title:               r.Title,
		DefaultLanguage:     r.DefaultLanguage,
		MissingTranslations: r.MissingTranslations,
		LanguageSwitcher:    r.LanguageSwitcher,
		UnsafeHTML:          r.UnsafeHTML,
		Copyright:           r.Copyright,
	}
	keys := keyPositions(data)
	lines := strings.Split(string(data), "\n")
	at := func(key string) (int, int) {
		if p, ok := keys[key]; ok {
			return p.line, p.col
		}
		return lineOf(data, key)
	}
	if c.Title == "" {
		c.Title = "Course"
	}
	c.BaseURL = "/"
	if r.BaseURL != "" {
		if base, err := NormalizeBaseURL(r.BaseURL); err != nil {
			line, col := at("baseURL")
			d := err.(*BaseURLError)
			diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "config",
				Message: d.Message, Hint: "write baseURL: " + d.Example})
		} else {
			c.BaseURL = base
		}
	}
	switch c.MissingTranslations {
	case "":
		c.MissingTranslations = "fallback"
	case "fallback", "omit":
	default:
		line, col := at("missingTranslations")
		diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "config",
			Message: fmt.Sprintf("missingTranslations must be fallback or omit, not %q", c.MissingTranslations),
			Hint:    diag.DidYouMean(c.MissingTranslations, []string{"fallback", "omit"})})
	}
	switch c.LanguageSwitcher {
	case "":
		c.LanguageSwitcher = "fallback"
	case "fallback", "home":
	default:
		line, col := at("languageSwitcher")
		diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "config",
			Message: fmt.Sprintf("languageSwitcher must be fallback or home, not %q", c.LanguageSwitcher),
			Hint:    diag.DidYouMean(c.LanguageSwitcher, []string{"fallback", "home"})})
	}

	// order is the languages in a stable order, for every message that
	// names or goes through them: site.yaml's, else the folders' (sorted).
	codes := map[string]rawLanguage{}
	var order []string
	if len(r.Languages) > 0 {
		for code, l := range r.Languages {
			codes[code] = l
		}
		order = languageOrder(keys, r.Languages)
	} else {
		for _, f := range folders {
			if ValidTag(f) {
				codes[f] = rawLanguage{}
				order = append(order, f)
				continue
			}
			// Other folders (content/images) are not languages; pt_BR
			// is meant to be one.
			if _, meant := dashedTag(f); meant {
				diags.Add(diag.Diagnostic{File: "content/" + f, Severity: diag.Warning, Code: "language-folder",
					Message: fmt.Sprintf("folder content/%s is not named by a language tag and is not built", f), Hint: tagHint(f)})
			}
		}
	}
	for _, code := range order {
		l := codes[code]
		// "{ name: Français weight: 2 }" is valid YAML: a name of
		// "Français weight: 2", and no weight. A comma was meant.
		if line, col := at("languages." + code); line > 0 && line <= len(lines) {
			if field, value, key := missingComma(lines[line-1]); key != "" {
				diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "config",
					Message: fmt.Sprintf("the %s of %s reads %q: a comma is missing before %s", field, code, value, key),
					Hint:    `separate the settings with commas, or put a value that holds ": " in quotes`})
			}
		}
		if !ValidTag(code) {
			line, col := at("languages." + code)
			diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "language-tag",
				Message: fmt.Sprintf("%q is not a valid BCP 47 language tag", code), Hint: tagHint(code)})
			continue
		}
		dir := Direction(code)
		if l.Direction != "" {
			if l.Direction != "ltr" && l.Direction != "rtl" {
				line, col := at("languages." + code + ".direction")
				diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "config",
					Message: fmt.Sprintf("direction must be ltr or rtl, not %q", l.Direction)})
			} else {
				dir = l.Direction
			}
		}
		name := l.Name
		if name == "" {
			name = SelfName(code)
		}
		c.Languages = append(c.Languages, Language{Code: code, Name: name, Title: l.Title, Dir: dir, Weight: l.Weight})
	}
	var unlisted []string
	if len(r.Languages) > 0 {
		for _, f := range folders {
			if _, ok := codes[f]; !ok {
				unlisted = append(unlisted, f)
				// A language listed without a folder, for the same
				// language as this folder (ES or es-ES for content/es),
				// would be built of the default language's pages alone,
				// and this folder not at all.
				if meant := listedFor(f, order, folders); meant != "" {
					line, col := at("languages." + meant)
					hint := fmt.Sprintf("write %s: in site.yaml, as the folder is named, or rename the folder to content/%s", f, meant)
					if strings.EqualFold(meant, f) {
						hint = fmt.Sprintf("write %s: in site.yaml, as the folder is named", f)
					}
					diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "language-folder",
						Message: fmt.Sprintf("site.yaml lists the language %s, but its folder is content/%s", meant, f), Hint: hint})
					continue
				}
				hint := fmt.Sprintf("add `%s: { name: ..., title: ... }` under languages: (title is the course's title in that language), rename the folder, or delete it if the course no longer has this language", f)
				if !ValidTag(f) {
					hint = "rename the folder to its language's tag: " + tagHint(f)
					// content/portuguese beside a listed pt with no folder.
					if code := namedLanguage(f, order, folders); code != "" {
						hint = fmt.Sprintf("rename it to content/%s: site.yaml lists %s (%s), which has no folder", code, code, SelfName(code))
					}
				}
				diags.Add(diag.Diagnostic{File: "content/" + f, Severity: diag.Warning, Code: "language-folder",
					Message: fmt.Sprintf("folder content/%s is not a language listed in site.yaml and is not built", f),
					Hint:    hint})
			}
		}
	}
	if c.DefaultLanguage == "" {
		if _, ok := codes["en"]; ok {
			c.DefaultLanguage = "en"
		} else if len(c.Languages) > 0 {
			sort.Slice(c.Languages, func(i, j int) bool { return c.Languages[i].Code < c.Languages[j].Code })
			c.DefaultLanguage = c.Languages[0].Code
		}
	} else if _, ok := codes[c.DefaultLanguage]; !ok {
		line, col := at("defaultLanguage")
		diags.Add(diag.Diagnostic{File: File, Line: line, Col: col, Severity: diag.Error, Code: "config",
			Message: fmt.Sprintf("defaultLanguage %q is not one of the languages", c.DefaultLanguage), Hint: languageHint(c.DefaultLanguage, order)})
	}
	// Every other language may wait for its translation, shown meanwhile
	// in the default language; the default language has nothing to show.
	if _, listed := codes[c.DefaultLanguage]; listed && len(r.Languages) > 0 && !slices.Contains(folders, c.DefaultLanguage) {
		hint := fmt.Sprintf("create content/%s/ with the course's pages", c.DefaultLanguage)
		if len(unlisted) == 1 {
			hint = fmt.Sprintf("rename content/%s to content/%s", unlisted[0], c.DefaultLanguage)
		} else if len(unlisted) > 1 {
			hint = fmt.Sprintf("rename the folder that holds it (content/ has %s) to content/%s", strings.Join(unlisted, ", "), c.DefaultLanguage)
		}
		diags.Add(diag.Diagnostic{File: "content/" + c.DefaultLanguage, Severity: diag.Error, Code: "language-folder",
			Message: fmt.Sprintf("no folder content/%s for the default language %s, so there is no course to build", c.DefaultLanguage, c.DefaultLanguage),
			Hint:    hint})
	}
	// By weight, a language without one (0) after those with one (a
	// language added without a weight does not jump to the front of the
	// switcher); then the default language, then site.yaml's order.
	place := func(code string) int {
		if i := slices.Index(order, code); i >= 0 {
			return i
		}
		return len(order)
	}
	sort.SliceStable(c.Languages, func(i, j int) bool {
		a, b := c.Languages[i], c.Languages[j]
		if (a.Weight == 0) != (b.Weight == 0) {
			return b.Weight == 0
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if (a.Code == c.DefaultLanguage) != (b.Code == c.DefaultLanguage) {
			return a.Code == c.DefaultLanguage
		}
		if pa, pb := place(a.Code), place(b.Code); pa != pb {
			return pa < pb
		}
		return a.Code < b.Code
	})
	if len(c.Languages) == 0 {
		diags.Add(diag.Diagnostic{File: "content", Severity: diag.Error, Code: "no-language",
			Message: "no language found", Hint: "put your pages in a folder per language, e.g. content/en/_index.md"})
	}
	return c
}

// missingComma looks at a flow mapping on one line of site.yaml
// ("fr: { name: Français weight: 2 }") for an unquoted value that holds
// another setting of a language, a comma missing before it: it returns
// the setting, its value as YAML reads it, and the key, or "" for none.
func missingComma(line string) (field, value, key string) {
	open, end := strings.IndexByte(line, '{'), strings.LastIndexByte(line, '}')
	if open < 0 || end < open {
		return "", "", ""
	}
	for _, part := range strings.Split(line[open+1:end], ",") {
		f, v, ok := strings.Cut(strings.TrimSpace(part), ": ")
		v = strings.TrimSpace(v)
		if !ok || v == "" || v[0] == '"' || v[0] == '\'' {
			continue // quoted: what it holds is text
		}
		for _, k := range []string{"name", "title", "direction", "weight"} {
			if strings.Contains(" "+v, " "+k+": ") {
				return f, v, k
			}
		}
	}
	return "", "", ""
}

// listedFor is the language of order, listed in site.yaml, that has no
// folder of its own and is the language of folder f: "ES" or "es-ES" for
// content/es. "" when there is none.
func listedFor(f string, order, folders []string) string {
	for _, code := range order {
		if slices.Contains(folders, code) {
			continue
		}
		if strings.EqualFold(code, f) || ValidTag(f) && ValidTag(code) && sameWriting(code, f) {
			return code
		}
	}
	return ""
}

// sameWriting reports whether tags a and b name the same language written
// in the same script: es and es-ES do, zh (Simplified) and zh-Hant
// (Traditional) do not.
func sameWriting(a, b string) bool {
	ta, errA := language.Parse(a)
	tb, errB := language.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	ba, _ := ta.Base()
	bb, _ := tb.Base()
	sa, _ := ta.Script()
	sb, _ := tb.Script()
	return ba == bb && ba.String() != "und" && sa == sb
}

// languageHint says which of the course's languages (in order) code was
// probably meant to be: the same tag in other letters (EN, en_US for
// en-US), the one language of the same base (en for en-GB), or the one a
// letter away (fr for fra). Any two-letter tag is two letters from any
// other, so a nearest guess would be a random one ("de" is no nearer "en"
// than "zh"): when nothing is that close, it lists the languages.
func languageHint(code string, order []string) string {
	if len(order) == 0 {
		return ""
	}
	dashed := strings.ReplaceAll(code, "_", "-")
	var sameBase, oneOff []string
	for _, c := range order {
		if strings.EqualFold(c, dashed) {
			return fmt.Sprintf("did you mean %q?", c)
		}
		if SameLanguage(dashed, c) {
			sameBase = append(sameBase, c)
		}
		if diag.Distance(code, c) == 1 {
			oneOff = append(oneOff, c)
		}
	}
	switch {
	case len(sameBase) == 1:
		return fmt.Sprintf("did you mean %q?", sameBase[0])
	case len(sameBase) == 0 && len(oneOff) == 1:
		return fmt.Sprintf("did you mean %q?", oneOff[0])
	case len(order) == 1:
		return "the course's one language is " + order[0]
	}
	return "the course's languages are " + strings.Join(order, ", ")
}

// SameLanguage reports whether tags a and b name the same language, as
// x/text reads them: en-GB and en, ukr and uk, zh-TW and zh.
func SameLanguage(a, b string) bool {
	ta, errA := language.Parse(a)
	tb, errB := language.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	ba, _ := ta.Base()
	bb, _ := tb.Base()
	return ba == bb && ba.String() != "und"
}

// position is where a key is in site.yaml.
type position struct{ line, col int }

// keyPositions finds the keys of site.yaml: "baseURL" for a top-level
// key, "languages.fr" for a language, "languages.fr.direction" for a key
// of a language. The configuration is decoded without positions, and a
// search for the text "direction" finds the first language's.
func keyPositions(data []byte) (keys map[string]position) {
	keys = map[string]position{}
	defer func() {
		// The parser panics on some malformed input, which decode has
		// reported already.
		_ = recover()
	}()
	f, err := parser.ParseBytes(bytes.TrimPrefix(data, []byte("\ufeff")), 0)
	if err != nil || len(f.Docs) == 0 {
		return keys
	}
	var walk func(prefix string, n ast.Node, depth int)
	walk = func(prefix string, n ast.Node, depth int) {
		for _, mv := range mappingValues(n) {
			tk := mv.Key.GetToken()
			if tk == nil || tk.Position == nil {
				continue
			}
			name := prefix + tk.Value
			if _, dup := keys[name]; !dup {
				keys[name] = position{tk.Position.Line, tk.Position.Column}
			}
			if depth < 2 && (name == "languages" || strings.HasPrefix(name, "languages.")) {
				walk(name+".", mv.Value, depth+1)
			}
		}
	}
	walk("", f.Docs[0].Body, 0)
	return keys
}

// languageOrder is the codes of languages in the order site.yaml lists
// them, found in keys (keyPositions); those it cannot place come last,
// sorted.
func languageOrder(keys map[string]position, languages map[string]rawLanguage) []string {
	codes := slices.Sorted(maps.Keys(languages))
	where := func(code string) position {
		if p, ok := keys["languages."+code]; ok {
			return p
		}
		return position{line: math.MaxInt}
	}
	slices.SortStableFunc(codes, func(a, b string) int {
		pa, pb := where(a), where(b)
		return cmp.Or(cmp.Compare(pa.line, pb.line), cmp.Compare(pa.col, pb.col))
	})
	return codes
}

func mappingValues(n ast.Node) []*ast.MappingValueNode {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

// tagHint suggests how to write code as a language tag.
func tagHint(code string) string {
	if fixed, ok := dashedTag(code); ok {
		return fmt.Sprintf("write %s: language tags join their parts with -", fixed)
	}
	return "use a tag such as en, fr, zh, zh-Hant, ar"
}

// namedLanguage is the listed language without a folder that a folder is
// named after, in English or in the language itself (content/portuguese
// or content/Português for pt), or "".
func namedLanguage(folder string, listed, folders []string) string {
	for _, code := range listed {
		tag, err := language.Parse(code)
		if err != nil || slices.Contains(folders, code) {
			continue
		}
		for _, name := range []string{display.English.Languages().Name(tag), display.Self.Name(tag)} {
			if name != "" && strings.EqualFold(norm.NFC.String(folder), norm.NFC.String(name)) {
				return code
			}
		}
	}
	return ""
}

// dashedTag is code with _ written -, and whether that is a tag code was
// meant to be (pt_BR for pt-BR).
func dashedTag(code string) (string, bool) {
	fixed := strings.ReplaceAll(code, "_", "-")
	return fixed, fixed != code && ValidTag(fixed)
}

// Language returns the language with the given code.
func (c *Config) Language(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// LanguageNamed returns the language a user named on the command line:
// tags ignore letter case (ZH is zh, zh-hant is zh-Hant).
func (c *Config) LanguageNamed(code string) (Language, bool) {
	for _, l := range c.Languages {
		if strings.EqualFold(l.Code, code) {
			return l, true
		}
	}
	return Language{}, false
}

// SiteTitle is the course title in language code.
func (c *Config) SiteTitle(code string) string {
	if l, ok := c.Language(code); ok && l.Title != "" {
		return l.Title
	}
	return c.Title
}

// SelfName is a language's name in its own script ("Français"), from CLDR.
func SelfName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.Self.Name(tag); n != "" {
		r := []rune(n)
		return strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return code
}

// lineOf finds the first line of data containing needle as a key, for
// messages about values that were decoded without positions.
func lineOf(data []byte, needle string) (int, int) {
	for i, line := range strings.Split(string(data), "\n") {
		if idx := strings.Index(line, needle); idx >= 0 {
			return i + 1, idx + 1
		}
	}
	return 0, 0
}

// BaseURLError is a baseURL that cannot be used, with the value to write
// instead.
type BaseURLError struct {
	Message string
	Example string // what to write instead
}

func (e *BaseURLError) Error() string { return e.Message + " (write " + e.Example + ")" }

// NormalizeBaseURL checks the URL a site is published at, from site.yaml
// or --baseURL, and returns it ending in "/", with its path escaped. It is
// a full http(s) URL (https://example.org/training/), or a path from the
// host's root (/training/). Anything else would be written into every
// page's canonical link, the sitemap and the 404 page's links as it is: a
// baseURL without its scheme (example.org/training/) becomes a link
// relative to each page.
func NormalizeBaseURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	u, err := url.Parse(s)
	switch {
	case err != nil, s == "":
		return "", &BaseURLError{fmt.Sprintf("baseURL %q is not a URL", raw), "https://example.org/training/"}
	case u.Scheme == "" && u.Host == "" && !strings.HasPrefix(s, "/"):
		// example.org/training or www.example.org: a host without scheme.
		return "", &BaseURLError{fmt.Sprintf("baseURL %q has no https:// in front", raw), "https://" + strings.TrimSuffix(s, "/") + "/"}
	case u.Scheme == "" && u.Host != "":
		// //example.org/training/: the scheme of whoever reads the sitemap.
		return "", &BaseURLError{fmt.Sprintf("baseURL %q has no https: in front", raw), "https:" + strings.TrimSuffix(s, "/") + "/"}
	case u.Opaque != "" && u.Scheme != "http" && u.Scheme != "https":
		// localhost:8080/training: a host and port without scheme.
		return "", &BaseURLError{fmt.Sprintf("baseURL %q has no https:// in front", raw), "https://" + strings.TrimSuffix(s, "/") + "/"}
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return "", &BaseURLError{fmt.Sprintf("baseURL %q is not an http or https address", raw), "https://example.org/training/"}
	case u.Scheme != "" && u.Host == "":
		return "", &BaseURLError{fmt.Sprintf("baseURL %q has no host name", raw), "https://example.org/training/"}
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.Contains(s, "#"):
		return "", &BaseURLError{fmt.Sprintf("baseURL %q has a ? or # part, which a site's address cannot have", raw), "https://example.org/training/"}
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/"
	u.RawPath = ""
	return u.String(), nil
}
