package layout

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// templateErr is how text/template words its errors: the template's
// name, line and (when executing) column, then what went wrong.
var templateErr = regexp.MustCompile(`^template: ([^:\s]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" )?(.*)$`)

// executeError is an error of executing a template, with the templates'
// sources, where its column is counted in characters as editors do (the
// template package counts bytes from 0) and a name is found on its line.
type executeError struct {
	err     error
	sources map[string]string // template name → text
}

func (e *executeError) Error() string { return e.err.Error() }
func (e *executeError) Unwrap() error { return e.err }

// TemplateError is an error of parsing or executing a template as a
// message at its file, line and column, in a trainer's words
// ("layouts/partials/header.html:3:5: the page has no field SiteTitel;
// did you mean .SiteTitle?"), or at file when the error does not name a
// place.
func TemplateError(err error, file string) diag.Diagnostic {
	var sources map[string]string
	if e, ok := errors.AsType[*executeError](err); ok {
		sources = e.sources
	}
	return templateError(err, file, sources)
}

func templateError(err error, file string, sources map[string]string) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Severity: diag.Error, Code: "template", Message: err.Error(),
		Hint: "check the templates in layouts/"}
	m := templateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return d
	}
	name := m[1]
	d.File = "layouts/" + name
	d.Line, _ = strconv.Atoi(m[2])
	d.Message = m[4]
	d.Hint = "fix the template: a course's layouts/ folder overrides the theme's file of the same name"
	line, haveLine := sourceLine(sources[name], d.Line)
	if m[3] != "" {
		// A byte offset from 0 on the line; messages count characters from 1.
		at, _ := strconv.Atoi(m[3])
		d.Col = at + 1
		if haveLine && at <= len(line) {
			d.Col = utf8.RuneCountInString(line[:at]) + 1
		}
	}
	if f := unknownField.FindStringSubmatch(d.Message); f != nil {
		d.Message, d.Hint = noSuchField(f[1], f[2], f[3])
		// At the misspelt name: the template package may give the start
		// of $.Page.Titel.
		if haveLine && m[3] != "" {
			from, _ := strconv.Atoi(m[3])
			if at := wordIndex(line[min(from, len(line)):], "."+f[2]); at >= 0 {
				d.Col = utf8.RuneCountInString(line[:from+at]) + 1
			}
		}
		return d
	}
	if f := nilValue.FindStringSubmatch(d.Message); f != nil {
		d.Message, d.Hint = emptyValue(f[1], f[2])
		return d
	}
	if f := unknownFunction.FindStringSubmatch(d.Message); f != nil {
		d.Message, d.Hint = noSuchFunction(f[1])
		if haveLine {
			if at := wordIndex(line, f[1]); at >= 0 {
				d.Col = utf8.RuneCountInString(line[:at]) + 1
			}
		}
		return d
	}
	// The parser's words for a broken {{ … }}, in a trainer's.
	switch {
	case strings.Contains(d.Message, "bad character U+007D '}'"), strings.HasPrefix(d.Message, `unexpected "}" in`):
		d.Message, d.Hint = "a {{ … }} on this line closes with one brace", "close each {{ with two braces, }}"
	case strings.Contains(d.Message, "bad character"):
		d.Message, d.Hint = "a {{ on this line is not closed before the text after it, or holds a character templates do not take", "close the {{ with }}; inside, use names, dots, spaces and quoted text"
	case strings.Contains(d.Message, "unclosed action"):
		d.Message, d.Hint = "a {{ on this line is not closed", "close it with }}"
	case strings.HasPrefix(d.Message, "unexpected EOF"):
		d.Message, d.Hint = "the template ends inside a {{if}}, {{range}}, {{with}} or {{define}}", "close each with {{end}}"
	}
	return d
}

// unknownField is a name after a dot that the value before it lacks:
// the name as written (".Page.Titel"), the name, and the value's Go type.
var unknownField = regexp.MustCompile(`^at <([^>]*)>: can't evaluate field (\w+) in type (\S+)$`)

// nilValue is a name after a dot whose value before it is empty (nil):
// the chain as written (".Page.Title") and the name.
var nilValue = regexp.MustCompile(`^at <([^>]*)>: nil pointer evaluating \S+\.(\w+)$`)

// emptyValue says that the value before .name in chain is empty on the
// page being made: .Page, most often, which the pages the build makes
// without a Markdown file (the 404 page, the language chooser, a module's
// print page) do not have.
func emptyValue(chain, name string) (msg, hint string) {
	before := strings.TrimSuffix(chain, "."+name)
	if before == ".Page" || before == "$.Page" {
		return fmt.Sprintf("%s is used on a page made without a Markdown file (the 404 page, the language chooser or a print page), which has no .Page", chain),
			fmt.Sprintf("write {{with %s}}{{.%s}}{{end}} to leave it out there, or use the page's own .%s if it has one", before, name, name)
	}
	return fmt.Sprintf("%s is empty on one of the pages, so it has no .%s", before, name),
		fmt.Sprintf("write {{with %s}}{{.%s}}{{end}} to leave it out where it is empty", before, name)
}

// unknownFunction is a name called as a function that is none.
var unknownFunction = regexp.MustCompile(`^function "(\w+)" not defined$`)

// noSuchField says that the value before .name (written as chain, such as
// ".Page.Titel" or "$.Titel") has no such field, and which name it has
// that was meant.
func noSuchField(chain, name, goType string) (msg, hint string) {
	before := strings.TrimSuffix(chain, "."+name) // ".Page", "$", "" for the dot itself
	var what string
	switch {
	case goType == "*layout.Data" && (before == "" || before == "$"):
		what = "the page"
	case before == "":
		// Inside {{range}} or {{with}}, the dot is something else.
		what = fmt.Sprintf("{{.}} here (%s, inside a {{range}} or {{with}})", friendlyType(goType))
	default:
		what = before
	}
	msg = fmt.Sprintf("%s has no field %s", what, name)
	names := namesOf(goType)
	if s := diag.Suggest(name, names); s != "" {
		fix := before + "." + s
		return msg + fmt.Sprintf("; did you mean %s?", fix), fmt.Sprintf("write %s where the template says %s (letter case counts)", fix, chain)
	}
	if len(names) == 0 {
		return fmt.Sprintf("%s has no field %s: it is %s, which has none", what, name, friendlyType(goType)), fmt.Sprintf("remove .%s", name)
	}
	if len(names) > 12 {
		names = append(names[:12:12], "…")
	}
	return msg, fmt.Sprintf("write one of %s (letter case counts)", strings.Join(names, ", "))
}

// friendlyType is a Go type as a trainer may read it: "a Link" for
// "layout.Link" or "*layout.Link", "text" for a string.
func friendlyType(goType string) string {
	t := strings.TrimLeft(goType, "*")
	switch {
	case t == "string", t == "template.HTML":
		return "text"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "a yes-or-no value"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	}
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return "a " + t
}

// dataTypes are the types a template reaches from Data, by their Go
// names as the template package writes them ("*site.Page", "layout.Link").
var dataTypes = sync.OnceValue(func() map[string]reflect.Type {
	types := map[string]reflect.Type{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		if _, seen := types[t.String()]; seen {
			return
		}
		types[t.String()] = t
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			visit(t.Elem())
		case reflect.Map:
			visit(t.Elem())
		case reflect.Struct:
			visit(reflect.PointerTo(t))
			for _, f := range reflect.VisibleFields(t) {
				if f.IsExported() {
					visit(f.Type)
				}
			}
		}
	}
	visit(reflect.TypeFor[*Data]())
	return types
})

// namesOf returns the fields and methods a template can use on a value of
// goType, or nil when it has none or is unknown.
func namesOf(goType string) []string {
	t, ok := dataTypes()[goType]
	if !ok {
		return nil
	}
	var names []string
	methods := t
	if t.Kind() != reflect.Pointer {
		methods = reflect.PointerTo(t)
	}
	for m := range methods.Methods() {
		names = append(names, m.Name)
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() && !f.Anonymous {
				names = append(names, f.Name)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// builtinFunctions are the functions of text/template that every template has.
var builtinFunctions = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print",
	"printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

// noSuchFunction says that name is no function, and which was meant.
func noSuchFunction(name string) (msg, hint string) {
	names := slices.Concat(funcNames, builtinFunctions)
	msg = fmt.Sprintf("there is no function %s", name)
	if s := diag.Suggest(name, names); s != "" {
		return msg + fmt.Sprintf("; did you mean %s?", s), fmt.Sprintf("write %s (letter case counts)", s)
	}
	return msg, fmt.Sprintf("the functions are %s, and the template language's own (%s)",
		strings.Join(funcNames, ", "), strings.Join(builtinFunctions, ", "))
}

// sourceLine returns line n (from 1) of src.
func sourceLine(src string, n int) (string, bool) {
	if src == "" || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		_, rest, ok := strings.Cut(src, "\n")
		if !ok {
			return "", false
		}
		src = rest
	}
	line, _, _ := strings.Cut(src, "\n")
	return line, true
}

// wordIndex returns the byte offset of name on line as a whole word, or
// -1. A name of a field, ".Titel", may follow another (".Page.Titel").
func wordIndex(line, name string) int {
	isWord := func(b byte) bool {
		return b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '.' || b == '$'
	}
	for from := 0; ; {
		i := strings.Index(line[from:], name)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(name)
		if (i == 0 || name[0] == '.' || !isWord(line[i-1])) && (end == len(line) || !isWord(line[end])) {
			return i
		}
		from = i + 1
	}
}
