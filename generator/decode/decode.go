// Package decode turns YAML and TOML documents (site.yaml, front matter) into
// Go structs and reports every mistake with the line and column of the file
// it came from: syntax errors, keys the struct does not know (with the
// nearest known key), and values of the wrong type (`weight: "two"`).
//
// Known keys are the struct's `yaml` tags, so one struct definition is the
// single list of keys a file may use.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Doc names the document being decoded and where it sits in its file.
type Doc struct {
	File       string // path shown in messages
	LineOffset int    // lines of the file before Data starts
	Data       []byte
	// UnknownIsError makes an unknown key an error (site.yaml) rather than a
	// warning (front matter, where other tools' keys are common).
	UnknownIsError bool
	// Guarded are keys whose misspelling is an error even when unknown
	// keys are warnings: "audiance: trainer" would publish to everybody
	// what it was meant to hold back.
	Guarded []string
}

// unknownHint is "did you mean …?", saying why when the key is guarded.
func (d Doc) unknownHint(key string, names []string) string {
	if en := translatedKey(key, names); en != "" {
		hint := fmt.Sprintf("key names stay in English whatever the page's language: write %s:", en)
		if slices.Contains(d.Guarded, en) {
			hint += "; in another language it does not hold the page back, so the build stops"
		}
		return hint
	}
	if best := diag.Suggest(key, names); slices.Contains(d.Guarded, best) {
		return fmt.Sprintf("did you mean %q? Misspelt, it does not hold the page back, so the build stops", best)
	}
	return diag.DidYouMean(key, names)
}

// unknownSeverity is how an unknown key is reported: an error when
// unknown keys are, or when it is nearest a guarded key, misspelt or
// translated.
func (d Doc) unknownSeverity(key string, names []string) diag.Severity {
	if d.UnknownIsError || slices.Contains(d.Guarded, diag.Suggest(key, names)) || slices.Contains(d.Guarded, translatedKey(key, names)) {
		return diag.Error
	}
	return diag.Warning
}

// keyTranslations are front matter keys as translators translate them
// (título for title), in the course's languages and a few more. A word
// one letter off its key (German Titel) gets "did you mean" instead.
var keyTranslations = map[string]string{
	"título": "title", "titulo": "title", "titre": "title", "titolo": "title",
	"заголовок": "title", "название": "title", "标题": "title", "標題": "title", "عنوان": "title", "العنوان": "title",
	"descripción": "description", "descripcion": "description", "beschreibung": "description", "descrizione": "description",
	"descrição": "description", "descricao": "description", "описание": "description", "描述": "description", "说明": "description", "وصف": "description", "الوصف": "description",
	"peso": "weight", "poids": "weight", "gewicht": "weight", "вес": "weight", "权重": "weight", "順序": "weight", "وزن": "weight",
	"borrador": "draft", "brouillon": "draft", "entwurf": "draft", "bozza": "draft", "rascunho": "draft", "черновик": "draft", "草稿": "draft", "مسودة": "draft",
	"público": "audience", "publico": "audience", "audiencia": "audience", "zielgruppe": "audience", "pubblico": "audience",
	"аудитория": "audience", "受众": "audience", "对象": "audience", "الجمهور": "audience", "جمهور": "audience",
	"objetivos": "objectives", "objectifs": "objectives", "ziele": "objectives", "obiettivi": "objectives", "цели": "objectives", "目标": "objectives", "学习目标": "objectives", "أهداف": "objectives", "الأهداف": "objectives",
	"prerrequisitos": "prerequisites", "requisitos": "prerequisites", "prérequis": "prerequisites", "prerequis": "prerequisites",
	"voraussetzungen": "prerequisites", "prerequisiti": "prerequisites", "先决条件": "prerequisites", "前提条件": "prerequisites", "متطلبات": "prerequisites",
	"duración": "duration", "duracion": "duration", "durée": "duration", "duree": "duration", "dauer": "duration", "durata": "duration",
	"duração": "duration", "продолжительность": "duration", "时长": "duration", "مدة": "duration", "المدة": "duration",
}

// translatedKey is the English key of names that key translates, or "".
func translatedKey(key string, names []string) string {
	if en := keyTranslations[strings.ToLower(key)]; slices.Contains(names, en) {
		return en
	}
	return ""
}

// YAML decodes d.Data into v (a pointer to a struct) and records every
// problem in diags. It returns false when v could not be filled.
func YAML(d Doc, v any, diags *diag.List) bool {
	body, ok := d.mapping(diags, "write one `key: value` per line, e.g. `title: My lesson`")
	if body == nil {
		return ok
	}
	d.checkKeys(body, reflect.TypeOf(v), diags, &ok)
	if err := nodeToValue(body, v); err != nil {
		if !d.reportEachKey(body, reflect.TypeOf(v), diags) {
			d.report(diags, err, "a value has the wrong type", "")
		}
		return false
	}
	return ok
}

// reportEachKey decodes each known key of a struct's mapping on its own
// and reports every value of the wrong kind ("weight must be a number"),
// where decoding the whole mapping stops at the first. It reports whether
// it found one.
func (d Doc) reportEachKey(body ast.Node, t reflect.Type, diags *diag.List) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	values, isMap := asMapping(body)
	if t.Kind() != reflect.Struct || !isMap {
		return false
	}
	fields := fieldsOf(t)
	found := false
	for _, mv := range values {
		key := keyName(mv)
		ft, known := fields[key]
		if !known {
			continue
		}
		if err := nodeToValue(mv.Value, reflect.New(ft).Interface()); err != nil {
			found = true
			if k := ft.Kind(); k == reflect.Map || k == reflect.Struct {
				// The mistake is inside: the decoder's error says where.
				d.report(diags, err, "a value has the wrong type", "")
				continue
			}
			line, col := pos(mv.Value)
			diags.Add(diag.Diagnostic{File: d.File, Line: line + d.LineOffset, Col: col, Severity: diag.Error, Code: "yaml",
				Message: mustBe(key, kindOf(ft))})
		}
	}
	return found
}

// bom is the byte order mark some Windows editors (Notepad) write at the
// start of a UTF-8 file.
var bom = []byte("\ufeff")

// An Entry is one top-level `key: value` of a YAML document.
type Entry struct {
	Key       string
	Line, Col int // of the key, in the file
	Value     any // as yaml.Unmarshal gives it: string, map[string]any, []any…
}

// Entries reads d.Data as `key: value` lines, for documents whose keys are
// not a struct's (UI strings), and records syntax errors as YAML does. It
// returns false when the document could not be read.
func Entries(d Doc, diags *diag.List) ([]Entry, bool) {
	body, ok := d.mapping(diags, "write one `key: value` per line")
	if body == nil {
		return nil, ok
	}
	values, _ := asMapping(body)
	var out []Entry
	for _, mv := range values {
		var v any
		if err := nodeToValue(mv.Value, &v); err != nil {
			d.report(diags, err, "the YAML is malformed", "")
			return nil, false
		}
		line, col := pos(mv.Key)
		out = append(out, Entry{Key: keyName(mv), Line: line + d.LineOffset, Col: col, Value: v})
	}
	return out, true
}

// mapping parses d.Data as `key: value` lines (a byte order mark
// dropped) and returns the mapping, or nil: for an empty document, with ok
// true; for malformed YAML or a document of another shape, reported to
// diags with shapeHint, with ok false.
func (d Doc) mapping(diags *diag.List, shapeHint string) (body ast.Node, ok bool) {
	d.Data = bytes.TrimPrefix(d.Data, bom)
	if len(bytes.TrimSpace(d.Data)) == 0 {
		return nil, true
	}
	f, err := parseBytes(d.Data)
	if err != nil {
		d.report(diags, err, "the YAML is malformed", "check the indentation and that text containing ':' is in quotes")
		return nil, false
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, true
	}
	body = f.Docs[0].Body
	if _, isMap := asMapping(body); !isMap {
		line, col := pos(body)
		diags.Add(diag.Diagnostic{File: d.File, Line: line + d.LineOffset, Col: col, Severity: diag.Error,
			Code: "yaml-not-mapping", Message: "expected `key: value` lines", Hint: shapeHint})
		return nil, false
	}
	return body, true
}

func parseBytes(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML could not be read (%v)", r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

// nodeToValue is yaml.NodeToValue, turning the library's rare panics on
// malformed input (found by FuzzFrontMatter) into an error at the document.
func nodeToValue(n ast.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML could not be read (%v)", r)
		}
	}()
	return yaml.NodeToValue(n, v)
}

// keyName is the key of mv as YAML reads it: title for "title" or 'title'
// as well as title.
func keyName(mv *ast.MappingValueNode) string {
	if s, ok := mv.Key.(*ast.StringNode); ok {
		return s.Value
	}
	return mv.Key.String()
}

func asMapping(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

func pos(n ast.Node) (line, col int) {
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column
	}
	return 0, 0
}

// checkKeys reports keys that the struct type t does not declare, at any
// depth of nested structs (a language entry in site.yaml, say).
func (d Doc) checkKeys(n ast.Node, t reflect.Type, diags *diag.List, ok *bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		values, isMap := asMapping(n)
		if !isMap {
			return
		}
		fields := fieldsOf(t)
		names := make([]string, 0, len(fields))
		for name := range fields {
			names = append(names, name)
		}
		for _, mv := range values {
			key := keyName(mv)
			ft, known := fields[key]
			if !known {
				line, col := pos(mv.Key)
				sev := d.unknownSeverity(key, names)
				if sev == diag.Error {
					*ok = false
				}
				hint := d.unknownHint(key, names)
				if hint == "" {
					hint = "known keys: " + strings.Join(slices.Sorted(slices.Values(names)), ", ")
				}
				diags.Add(diag.Diagnostic{File: d.File, Line: line + d.LineOffset, Col: col, Severity: sev,
					Code: "unknown-key", Message: fmt.Sprintf("unknown key %q", key), Hint: hint})
				continue
			}
			d.checkKeys(mv.Value, ft, diags, ok)
		}
	case reflect.Map:
		if values, isMap := asMapping(n); isMap {
			for _, mv := range values {
				d.checkKeys(mv.Value, t.Elem(), diags, ok)
			}
		}
	}
}

func fieldsOf(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		if name, ok := fieldName(t.Field(i)); ok {
			fields[name] = t.Field(i).Type
		}
	}
	return fields
}

// fieldName is the key of a struct field: its yaml tag's name, or its
// name in lower case; ok is false for a field no key fills.
func fieldName(f reflect.StructField) (name string, ok bool) {
	name, _, _ = strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" || !f.IsExported() {
		return "", false
	}
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name, true
}

// KnownKeys lists the keys the struct pointed to by v accepts, sorted.
func KnownKeys(v any) []string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var names []string
	for name := range fieldsOf(t) {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func (d Doc) report(diags *diag.List, err error, fallback, hint string) {
	var yerr yaml.Error
	line, col := 0, 0
	msg := err.Error()
	if errors.As(err, &yerr) {
		msg = yerr.GetMessage()
		if tk := yerr.GetToken(); tk != nil && tk.Position != nil {
			line, col = tk.Position.Line, tk.Position.Column
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			msg = typeMessage(te)
		}
	}
	if msg == "" {
		msg = fallback
	}
	if m := duplicateKey.FindStringSubmatch(msg); m != nil {
		first, _ := strconv.Atoi(m[2])
		msg, hint = fmt.Sprintf("%s is given twice (first on line %d)", m[1], first+d.LineOffset), "keep one of them"
	} else if strings.Contains(msg, "quoted text") {
		hint = "close the quotation mark on that line, or write the text without quotes"
	} else if m, h, at := d.plainly(line, msg); m != "" {
		msg, hint = m, h
		if at > 0 {
			line, col = at, 1
		}
	}
	if line > 0 {
		line += d.LineOffset
	}
	diags.Add(diag.Diagnostic{File: d.File, Line: line, Col: col, Severity: diag.Error, Code: "yaml", Message: msg, Hint: hint})
}

// plainly says in a trainer's words the YAML mistakes trainers make most,
// from the parser's message and the line it names (counted in d.Data):
//
//   - a tab in the indentation, which the message shows as an invisible '\t';
//   - a colon in an unquoted value ("title: Step 1: Ask"), which it calls a
//     "mapping value";
//   - a key indented more than the `key: value` line above it, which YAML
//     reads as more of that value (the parser names either line);
//   - a key or list item indented between two levels, which belongs to
//     neither: the hint gives the columns it could take.
//
// It returns "" for other mistakes; at is the line (in d.Data) the message
// is about when it names one, or 0.
func (d Doc) plainly(line int, msg string) (message, hint string, at int) {
	lines := strings.Split(string(bytes.TrimPrefix(d.Data, bom)), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	if line < 1 || line > len(lines) {
		return "", "", 0
	}
	text := lines[line-1]
	if strings.Contains(indentOf(text), "\t") || strings.Contains(msg, "'\t'") {
		return fmt.Sprintf("line %d is indented with a tab, which YAML does not allow", line+d.LineOffset),
			"indent with spaces instead, two per level; in many editors, View → Show whitespace shows the tabs", line
	}
	if strings.Contains(msg, "used where mapping is expected") {
		// A language of site.yaml given as its name alone (es: Español).
		if k, v, ok := strings.Cut(strings.TrimSpace(text), ":"); ok && isKey(k) && strings.TrimSpace(v) != "" {
			hint := fmt.Sprintf("write %s: { name: %s }", k, strings.TrimSpace(v))
			if k == "languages" {
				hint = "list each language on a line of its own under it, e.g.   en: { name: English }"
			}
			return fmt.Sprintf("%s takes settings (`key: value`), not text", k), hint, line
		}
	}
	if m := noSpace.FindStringSubmatch(text); m != nil && (strings.Contains(msg, "unexpected key name") || strings.Contains(msg, "non-map value")) {
		// title:"Fees" or weight:2 is one key named "weight:2" to YAML.
		return fmt.Sprintf("line %d has no space after %s:", line+d.LineOffset, m[1]),
			fmt.Sprintf("put a space after the colon: %s: %s", m[1], m[2]), line
	}
	if strings.Contains(msg, "must be specified") {
		// "',' or '}' must be specified": a { or [ not closed, which the
		// parser finds out at the next key, lines later.
		for i := line; i > 0; i-- {
			open, want := unclosed(lines[i-1])
			if open == 0 {
				continue
			}
			return fmt.Sprintf("line %d opens %c and does not close it", i+d.LineOffset, open),
				fmt.Sprintf("end the line with %s: %s %s", want, strings.TrimSpace(lines[i-1]), want), i
		}
	}
	if !strings.Contains(msg, "value is not allowed") && !strings.Contains(msg, "non-map value is specified") {
		return "", "", 0
	}
	key, value, ok := strings.Cut(strings.TrimSpace(text), ": ")
	if q := strings.TrimSpace(value); ok && isKey(key) && len(q) > 2 && (q[0] == '"' || q[0] == '\'') && strings.Count(q, q[:1]) > 2 && !strings.Contains(q, `\"`) {
		other := "'"
		if q[0] == '\'' {
			other = `"`
		}
		inner := q[1 : len(q)-1]
		hint := fmt.Sprintf("put the value in the other quotation marks, %s: %s%s%s, or write the inner ones as “ ” or « »", key, other, inner, other)
		if strings.Contains(inner, other) {
			hint = "write the inner ones as “ ” or « »"
		}
		return fmt.Sprintf("the value of %s has quotation marks inside its quotation marks, so YAML reads it as ending early", key), hint, 0
	}
	// (Not in { name: Français, weight: 2 }, where ": " is meant.)
	if ok && isKey(key) && strings.Contains(value, ": ") && !strings.ContainsAny(value[:1], `"'{[`) {
		return fmt.Sprintf("the value of %s holds \": \", which YAML reads as the start of another key", key),
			fmt.Sprintf("put the value in quotes: %s: %q", key, value), 0
	}
	// A key under a line that has a value already: the parser names the
	// line with the value or the key under it.
	for _, pair := range [][2]int{{line, nextLine(lines, line, 1)}, {nextLine(lines, line, -1), line}} {
		valued, under := pair[0], pair[1]
		if valued == 0 || under == 0 {
			continue
		}
		k, v, _ := strings.Cut(strings.TrimSpace(lines[valued-1]), ":")
		v = strings.TrimSpace(v)
		item := strings.HasPrefix(strings.TrimSpace(lines[under-1]), "- ")
		if isKey(k) && v != "" && item && len(indentOf(lines[under-1])) >= len(indentOf(lines[valued-1])) {
			// objectives: [] (as new writes it), then items under it.
			if strings.HasPrefix(v, "[") {
				return fmt.Sprintf("line %d lists an item under %s: %s, which is a list already, written on its line", under+d.LineOffset, k, v),
					fmt.Sprintf("to list the items under it, take %s away from line %d, leaving %s:", v, valued+d.LineOffset, k), under
			}
			return fmt.Sprintf("line %d lists an item under %s, which has a value already (%s)", under+d.LineOffset, k, v),
				fmt.Sprintf("to list the items under it, take the value away from line %d, leaving %s:", valued+d.LineOffset, k), under
		}
		if isKey(k) && v != "" && keyOf(lines[under-1]) != "" && len(indentOf(lines[under-1])) > len(indentOf(lines[valued-1])) {
			return fmt.Sprintf("line %d is indented more than line %d, so YAML reads it as more of the value of %s", under+d.LineOffset, valued+d.LineOffset, k),
				fmt.Sprintf("start %s in the same column as %s: on line %d, %s", label(lines[under-1]), k, valued+d.LineOffset, column(len(indentOf(lines[valued-1])))), under
		}
	}
	// A line between two levels. The levels open at it are the earlier
	// lines each indented less than every line after it.
	if label(text) == "" {
		return "", "", 0
	}
	n := len(indentOf(text))
	var below, above int // lines, 1-based
	limit := -1
	for i := nextLine(lines, line, -1); i > 0; i = nextLine(lines, i, -1) {
		m := len(indentOf(lines[i-1]))
		if limit >= 0 && m >= limit {
			continue
		}
		limit = m
		switch {
		case m == n:
			return "", "", 0 // lined up with a level: not this mistake
		case m > n:
			above = i
		case below == 0:
			below = i
		}
	}
	if above == 0 || below == 0 {
		return "", "", 0
	}
	// The columns it could take: those of the lines of its kind (keys
	// beside keys, items beside items).
	var could []string
	for _, i := range []int{below, above} {
		if l := label(lines[i-1]); l != "" && (keyOf(text) == "") == (keyOf(lines[i-1]) == "") {
			could = append(could, fmt.Sprintf("%s, as %s on line %d", column(len(indentOf(lines[i-1]))), l, i+d.LineOffset))
		}
	}
	if len(could) == 0 {
		return "", "", 0
	}
	return fmt.Sprintf("line %d is not lined up with the lines above it", line+d.LineOffset),
		fmt.Sprintf("lines side by side start in the same column: start %s %s", label(text), strings.Join(could, ", or ")), line
}

// nextLine is the number of the first line after line (step 1) or before
// it (step -1) that is neither blank nor a comment, or 0.
func nextLine(lines []string, line, step int) int {
	for i := line + step; i >= 1 && i <= len(lines); i += step {
		if t := strings.TrimSpace(lines[i-1]); t != "" && !strings.HasPrefix(t, "#") {
			return i
		}
	}
	return 0
}

func indentOf(l string) string { return l[:len(l)-len(strings.TrimLeft(l, " \t"))] }

// keyOf is the plain key l starts (after its indentation), or "".
func keyOf(l string) string {
	t := strings.TrimSpace(l)
	key, _, ok := strings.Cut(t, ":")
	if !ok || !isKey(key) || (len(t) > len(key)+1 && t[len(key)+1] != ' ') {
		return ""
	}
	return key
}

// label names line l in a message: "weight:" for a key, "- one" for a
// list item (its first 20 characters), "" for anything else.
func label(l string) string {
	if k := keyOf(l); k != "" {
		return k + ":"
	}
	t := strings.TrimSpace(l)
	if !strings.HasPrefix(t, "- ") {
		return ""
	}
	if r := []rune(t); len(r) > 20 {
		t = string(r[:20]) + "…"
	}
	return `"` + t + `"`
}

// column says where a line indented by n spaces starts.
func column(n int) string {
	switch n {
	case 0:
		return "at the start of the line"
	case 1:
		return "after 1 space"
	}
	return "after " + strconv.Itoa(n) + " spaces"
}

// isKey reports whether s reads as a plain YAML key: letters, digits, _
// and -.
func isKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

var noSpace = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_-]*):([^\s/].*)$`)

var duplicateKey = regexp.MustCompile(`^mapping key "([^"]+)" already defined at \[(\d+):(\d+)\]`)

// kindOf says in plain words what kind of value t takes.
func kindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Float64:
		return "a number (without quotes)"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list (lines starting with `- `)"
	case reflect.String:
		return "text"
	case reflect.Map, reflect.Struct:
		return "`key: value` lines"
	}
	return t.String()
}

// typeMessage says in plain words what kind of value was expected.
func typeMessage(te *yaml.TypeError) string {
	field := ""
	if te.StructFieldName != nil {
		field = *te.StructFieldName
		if i := strings.LastIndexByte(field, '.'); i >= 0 {
			field = field[i+1:]
		}
	}
	kind := kindOf(te.DstType)
	if field != "" {
		return mustBe(strings.ToLower(field[:1])+field[1:], kind)
	}
	return "expected " + kind
}

// mustBe says that key's value must be of kind. A duration is said in
// minutes: "30 min" is what trainers write first.
func mustBe(key, kind string) string {
	if key == "duration" {
		return "duration must be a number of minutes, with no unit (30, not 30 min)"
	}
	return fmt.Sprintf("%s must be %s", key, kind)
}

// TOML decodes d.Data (TOML front matter) into v, with the same checks as
// YAML: it reads the keys first, so that an unknown key is reported even
// when a value is wrong, and every value of the wrong kind is reported at
// its line, not only the first.
func TOML(d Doc, v any, diags *diag.List) bool {
	var raw map[string]any
	if _, err := toml.Decode(string(d.Data), &raw); err != nil {
		var pe toml.ParseError
		line, col := 0, 0
		msg := err.Error()
		if errors.As(err, &pe) {
			line, col, msg = pe.Position.Line+d.LineOffset, pe.Position.Col, pe.Message
		}
		diags.Add(diag.Diagnostic{File: d.File, Line: line, Col: col, Severity: diag.Error, Code: "toml", Message: msg,
			Hint: "check the TOML syntax: key = \"text\", numbers without quotes"})
		return false
	}
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	fields := fieldsOf(t)
	names := KnownKeys(v)
	// The keys checked are raw's, the top-level ones: KeyIndex finds
	// "key =" where it is one (not a [table]'s key of the same name, nor
	// text in a multi-line string), tomlTableIndex the [key] or key.sub
	// that makes it a table otherwise.
	lines := bytes.Split(d.Data, []byte{'\n'})
	keyLine := func(key string) int {
		i := KeyIndex(lines, "toml", key)
		if i < 0 {
			i = tomlTableIndex(lines, key)
		}
		if i < 0 {
			return 0
		}
		return i + 1 + d.LineOffset
	}
	ok := true
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		ft, known := fields[key]
		if !known {
			sev := d.unknownSeverity(key, names)
			if sev == diag.Error {
				ok = false
			}
			diags.Add(diag.Diagnostic{File: d.File, Line: keyLine(key), Col: 1, Severity: sev, Code: "unknown-key",
				Message: fmt.Sprintf("unknown key %q", key), Hint: d.unknownHint(key, names)})
			continue
		}
		if !tomlFits(raw[key], ft) {
			diags.Add(diag.Diagnostic{File: d.File, Line: keyLine(key), Col: 1, Severity: diag.Error, Code: "toml",
				Message: mustBe(key, tomlKind(ft))})
			ok = false
		}
	}
	if !ok {
		return false
	}
	// The TOML package matches keys to fields ignoring case, so an unknown
	// "AliAses" would fill Aliases after its warning, and beside an
	// "aliases" the value kept would depend on map order: a build that
	// differs from run to run. Each known key, written exactly, is decoded
	// into its own field instead, as YAML does.
	var prims map[string]toml.Primitive
	md, err := toml.Decode(string(d.Data), &prims)
	if err == nil {
		dst := reflect.ValueOf(v)
		for dst.Kind() == reflect.Pointer {
			dst = dst.Elem()
		}
		for _, key := range slices.Sorted(maps.Keys(prims)) {
			if i, known := FieldIndex(t, key); known && err == nil {
				err = md.PrimitiveDecode(prims[key], dst.Field(i).Addr().Interface())
			}
		}
	}
	if err != nil {
		diags.Add(diag.Diagnostic{File: d.File, Severity: diag.Error, Code: "toml", Message: err.Error(),
			Hint: "check the TOML syntax: key = \"text\", numbers without quotes"})
		return false
	}
	return true
}

// FieldIndex is the index in struct type t of the field that key fills
// (its yaml tag's name, or its name in lower case), as YAML and TOML
// decode it.
func FieldIndex(t reflect.Type, key string) (int, bool) {
	for i := range t.NumField() {
		if name, ok := fieldName(t.Field(i)); ok && name == key {
			return i, true
		}
	}
	return 0, false
}

// tomlFits reports whether a value TOML decoded fits a field of type t.
func tomlFits(v any, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		_, ok := v.(string)
		return ok
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint:
		_, ok := v.(int64)
		return ok
	case reflect.Float64:
		switch v.(type) {
		case int64, float64:
			return true
		}
		return false
	case reflect.Bool:
		_, ok := v.(bool)
		return ok
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return false
		}
		for _, e := range list {
			if !tomlFits(e, t.Elem()) {
				return false
			}
		}
		return true
	case reflect.Map, reflect.Struct:
		_, ok := v.(map[string]any)
		return ok
	}
	return true
}

// tomlKind says in plain words, with TOML's syntax, what t takes.
func tomlKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return `text in quotes ("…")`
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Float64:
		return "a number (without quotes)"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return `a list (["first", "second"])`
	}
	return kindOf(t)
}

// unclosed returns the { or [ a line of YAML opens and does not close,
// (the first of them), and what closes them all, or 0. Quoted text and a
// comment are skipped.
func unclosed(line string) (open byte, want string) {
	var stack []byte
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			i = len(line)
		case c == '{' || c == '[':
			stack = append(stack, c)
		case (c == '}' || c == ']') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return 0, ""
	}
	for i := len(stack) - 1; i >= 0; i-- {
		want += map[byte]string{'{': "}", '[': "]"}[stack[i]]
	}
	return stack[0], want
}
