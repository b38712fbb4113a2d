package i18n

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/decode"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// SetTranslatedFrom returns data, the bytes of a Markdown file, with its
// front matter's translatedFrom set to hash, and every other byte as it was:
// translators review these files in diffs, and an editor's choice of quotes,
// comments, key order, CRLF line ends or a BOM must survive `i18n mark`.
//
//   - YAML front matter ("---"): the translatedFrom line is replaced, or a
//     line "translatedFrom: HASH" is inserted before the closing "---".
//   - TOML front matter ("+++"): the same with `translatedFrom = "HASH"`,
//     inserted before the first [table] so the key stays at the top level.
//   - No front matter: a YAML block holding only translatedFrom is added.
//
// An empty hash removes the key (a copied source starts unmarked).
//
// The result is checked as setKey says, so a front matter this function
// does not understand is never damaged.
func SetTranslatedFrom(file string, data []byte, hash string) ([]byte, error) {
	entry := frontMatterEntry{key: "translatedFrom"}
	if hash != "" {
		entry.yaml, entry.toml = []string{"translatedFrom: " + hash}, []string{"translatedFrom = " + strconv.Quote(hash)}
	}
	return setKey(file, data, entry, hash, "add `translatedFrom: "+hash+"` to the front matter by hand")
}

// SetAliases returns data, the bytes of a Markdown file, with its front
// matter's aliases replaced by aliases (the key removed when there are
// none), and every other byte as it was, checked as SetTranslatedFrom is.
func SetAliases(file string, data []byte, aliases []string) ([]byte, error) {
	entry := frontMatterEntry{key: "aliases"}
	if len(aliases) > 0 {
		quoted := make([]string, len(aliases))
		entry.yaml = []string{"aliases:"}
		for i, a := range aliases {
			quoted[i] = strconv.Quote(a)
			entry.yaml = append(entry.yaml, "  - "+quoted[i])
		}
		entry.toml = []string{"aliases = [" + strings.Join(quoted, ", ") + "]"}
	}
	return setKey(file, data, entry, aliases, "edit its aliases by hand")
}

// setKey writes entry into data's front matter (rewriteKey) and returns
// the result only when everything but entry's key is unchanged: data is
// parsed before and after, and if the key would not read back as want,
// or the body or any other front matter value would change, or the
// front matter would no longer parse, nothing is returned but an error
// naming file and ending with byHand, what to do instead. A front matter
// with an error already is refused, with that error.
func setKey(file string, data []byte, entry frontMatterEntry, want any, byHand string) ([]byte, error) {
	out, err := rewriteKey(data, entry)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	before, beforeDiags := parseForMark(file, data)
	if before == nil || countErrors(beforeDiags) > 0 {
		return nil, fmt.Errorf("fix this first: %s", firstError(beforeDiags))
	}
	after, afterDiags := parseForMark(file, out)
	if after == nil || countErrors(afterDiags) > 0 {
		return nil, fmt.Errorf("%s: changing %s would break the front matter (%s); %s", file, entry.key, firstError(afterDiags), byHand)
	}
	fmBefore, fmAfter := before.FM, after.FM
	switch {
	case !sameValue(cutKey(&fmAfter, entry.key), want):
		return nil, fmt.Errorf("%s:1: could not set %s in this front matter; %s", file, entry.key, byHand)
	case !bytes.Equal(before.Body, after.Body):
		return nil, fmt.Errorf("%s: changing %s would change the text of the page; %s", file, entry.key, byHand)
	}
	cutKey(&fmBefore, entry.key)
	if !reflect.DeepEqual(fmBefore, fmAfter) {
		return nil, fmt.Errorf("%s: changing %s would change other front matter keys; %s", file, entry.key, byHand)
	}
	return out, nil
}

// cutKey zeroes the field of fm that key fills and returns the value it
// had.
func cutKey(fm *content.FrontMatter, key string) any {
	v := reflect.ValueOf(fm).Elem()
	i, ok := decode.FieldIndex(v.Type(), key)
	if !ok {
		panic("i18n: no front matter key " + key)
	}
	was := v.Field(i).Interface()
	v.Field(i).SetZero()
	return was
}

// sameValue reports whether a front matter value read back is the one
// written: an empty list is no list (the key was removed).
func sameValue(got, want any) bool {
	if g, ok := got.([]string); ok {
		w, _ := want.([]string)
		return slices.Equal(g, w)
	}
	return reflect.DeepEqual(got, want)
}

// LooksUntranslated reports whether tr, a translation of src, still has
// its source's title and text, white space aside: the copy that
// `fieldguide new --lang` made, not translated yet. `i18n mark` refuses
// it, because a mark would tell the site the page is translated, and
// readers of tr's language would get the source's language with no
// notice. The rest of the front matter does not count: a translator who
// changed only the objectives has not translated the page. A source with
// neither title nor text has nothing to translate, so its copy is never
// reported.
func LooksUntranslated(tr, src *content.Source) bool {
	// The titles first: every build asks this of every translation, and
	// a translated title spares reading two bodies word by word.
	srcTitle := appendWords(nil, src.FM.Title)
	if !bytes.Equal(appendWords(nil, tr.FM.Title), srcTitle) {
		return false
	}
	srcBody := appendWords(nil, string(src.Body))
	if len(srcTitle)+len(srcBody) == 0 {
		return false
	}
	return bytes.Equal(appendWords(nil, string(tr.Body)), srcBody)
}

// UntouchedCopy reports whether tr, a translation of src, is the copy
// of src not translated yet: it looks untranslated (LooksUntranslated)
// and nobody has marked it. The build shows such a page as not
// translated, as if it were missing: readers of tr's language get src's
// page with the notice that says so, not src's text in a page that says
// it is theirs. A page meant to read the same in both languages is
// marked with `i18n mark --force`, and is then a translation.
func UntouchedCopy(tr, src *content.Source) bool {
	return tr.FM.TranslatedFrom == "" && LooksUntranslated(tr, src)
}

func parseForMark(file string, data []byte) (*content.Source, *diag.List) {
	s := &content.Source{File: file}
	var diags diag.List
	if !content.Parse(s, data, &diags) {
		return nil, &diags
	}
	return s, &diags
}

func countErrors(l *diag.List) int {
	n := 0
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

func firstError(l *diag.List) string {
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			return d.Error()
		}
	}
	return "unknown error"
}

// frontMatterEntry is a top-level front matter key and the lines that
// write it with its value, in YAML and in TOML; no lines remove it.
type frontMatterEntry struct {
	key        string
	yaml, toml []string
}

// line is one line of a file: its bytes without the line end, and the line
// end itself ("\n", "\r\n" or "" for the last line).
type line struct {
	text, end []byte
}

func splitLines(data []byte) []line {
	var out []line
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, line{text: data})
			break
		}
		text, end := data[:i], data[i:i+1]
		if i > 0 && data[i-1] == '\r' {
			text, end = data[:i-1], data[i-1:i+1]
		}
		out = append(out, line{text: text, end: end})
		data = data[i+1:]
	}
	return out
}

func isDelim(text []byte, delim string) bool {
	return string(bytes.TrimRight(text, " \t")) == delim
}

// rewriteKey writes entry into data's front matter: in place of the
// key's line and the lines that continue its value, or, when the key is
// not there, before the closing delimiter (in TOML, before the first
// [table], whose keys it would otherwise join). A file without front
// matter gets one holding the entry alone.
func rewriteKey(data []byte, entry frontMatterEntry) ([]byte, error) {
	bom := []byte{}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		bom, data = data[:3], data[3:]
	}
	lines := splitLines(data)
	newline := []byte("\n")
	if len(lines) > 0 && string(lines[0].end) == "\r\n" {
		newline = []byte("\r\n")
	}
	format := ""
	if len(lines) > 0 {
		switch {
		case isDelim(lines[0].text, "---"):
			format = "yaml"
		case isDelim(lines[0].text, "+++"):
			format = "toml"
		}
	}
	closing := -1
	if format != "" {
		delim := string(bytes.TrimRight(lines[0].text, " \t"))
		for i := 1; i < len(lines); i++ {
			if isDelim(lines[i].text, delim) {
				closing = i
				break
			}
		}
		if closing < 0 {
			return nil, fmt.Errorf("1:1: the front matter is not closed; end it with a line %s", delim)
		}
	}
	var out bytes.Buffer
	out.Write(bom)
	writeEntry := func(entryLines []string) {
		for _, l := range entryLines {
			out.WriteString(l)
			out.Write(newline)
		}
	}
	if format == "" {
		if len(entry.yaml) == 0 {
			out.Write(data)
			return out.Bytes(), nil
		}
		// No front matter: start one.
		out.WriteString("---")
		out.Write(newline)
		writeEntry(entry.yaml)
		out.WriteString("---")
		out.Write(newline)
		out.Write(data)
		return out.Bytes(), nil
	}
	entryLines := entry.yaml
	if format == "toml" {
		entryLines = entry.toml
	}
	texts := make([][]byte, 0, closing-1)
	for i := 1; i < closing; i++ {
		texts = append(texts, lines[i].text)
	}
	insertAt := closing // a new key goes last, or before TOML's first [table]
	if t := decode.TOMLFirstTable(texts); format == "toml" && t >= 0 {
		insertAt = t + 1 // texts start at the line after the opening delimiter
	}
	found := decode.KeyIndex(texts, format, entry.key)
	if found >= 0 {
		found++ // texts start at the line after the opening delimiter
	}
	// The lines of the old value: those after the key's that continue it.
	end := found + 1
	if found >= 0 {
		open := brackets(lines[found].text, format)
		for end < closing && (open > 0 || isContinuation(lines[end].text, format)) {
			open += brackets(lines[end].text, format)
			end++
		}
	}
	for i, l := range lines {
		switch {
		case i == found:
			writeEntry(entryLines)
			continue
		case found >= 0 && i > found && i < end:
			continue
		case found < 0 && i == insertAt:
			writeEntry(entryLines)
		}
		out.Write(l.text)
		out.Write(l.end)
	}
	return out.Bytes(), nil
}

// isContinuation reports whether a front matter line continues the value of
// the previous key: in YAML, an indented line (a block scalar, a list) or
// a list item written at the key's indentation ("- item"). A TOML value
// continues while its brackets are open (see brackets).
func isContinuation(text []byte, format string) bool {
	if format != "yaml" || len(bytes.TrimSpace(text)) == 0 {
		return false
	}
	return text[0] == ' ' || text[0] == '\t' || bytes.HasPrefix(text, []byte("- ")) || string(text) == "-"
}

// brackets is the number of TOML array brackets a line opens less those
// it closes, outside strings; 0 in YAML.
func brackets(text []byte, format string) int {
	if format != "toml" {
		return 0
	}
	n := 0
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return n
		case c == '[':
			n++
		case c == ']':
			n--
		}
	}
	return n
}
