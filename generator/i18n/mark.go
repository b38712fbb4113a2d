package i18n

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"

	"github.com/fieldguide/fieldguide/generator/content"
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
// The result is parsed again and compared with the original: if the body or
// any other front matter value would change, or translatedFrom would not
// read back as hash, nothing is returned but an error naming file, so a
// front matter this function does not understand is never damaged.
func SetTranslatedFrom(file string, data []byte, hash string) ([]byte, error) {
	out, err := rewriteTranslatedFrom(data, hash)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	before, beforeDiags := parseForMark(file, data)
	after, afterDiags := parseForMark(file, out)
	switch {
	case before == nil || countErrors(beforeDiags) > 0:
		return nil, fmt.Errorf("fix this first: %s", firstError(beforeDiags))
	case after == nil || countErrors(afterDiags) > countErrors(beforeDiags):
		return nil, fmt.Errorf("%s: updating translatedFrom would break the front matter (%s); add `translatedFrom: %s` by hand",
			file, firstError(afterDiags), hash)
	case after.FM.TranslatedFrom != hash:
		return nil, fmt.Errorf("%s:1: could not set translatedFrom in this front matter; add `translatedFrom: %s` by hand", file, hash)
	case !bytes.Equal(before.Body, after.Body):
		return nil, fmt.Errorf("%s: setting translatedFrom would change the text of the page; add `translatedFrom: %s` to the front matter by hand", file, hash)
	}
	fmBefore, fmAfter := before.FM, after.FM
	fmBefore.TranslatedFrom, fmAfter.TranslatedFrom = "", ""
	if !reflect.DeepEqual(fmBefore, fmAfter) {
		return nil, fmt.Errorf("%s: setting translatedFrom would change other front matter keys; add `translatedFrom: %s` by hand", file, hash)
	}
	return out, nil
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
	srcTitle, srcBody := appendWords(nil, src.FM.Title), appendWords(nil, string(src.Body))
	if len(srcTitle)+len(srcBody) == 0 {
		return false
	}
	return bytes.Equal(appendWords(nil, tr.FM.Title), srcTitle) &&
		bytes.Equal(appendWords(nil, string(tr.Body)), srcBody)
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

var (
	yamlKey = regexp.MustCompile(`^["']?translatedFrom["']?[ \t]*:`)
	tomlKey = regexp.MustCompile(`^["']?translatedFrom["']?[ \t]*=`)
)

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

func rewriteTranslatedFrom(data []byte, hash string) ([]byte, error) {
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
	if format == "" {
		if hash == "" {
			out.Write(data)
			return out.Bytes(), nil
		}
		// No front matter: start one.
		out.WriteString("---")
		out.Write(newline)
		out.WriteString("translatedFrom: " + hash)
		out.Write(newline)
		out.WriteString("---")
		out.Write(newline)
		out.Write(data)
		return out.Bytes(), nil
	}
	key, entry := yamlKey, "translatedFrom: "+hash
	if format == "toml" {
		key, entry = tomlKey, "translatedFrom = "+strconv.Quote(hash)
	}
	// Where a new key goes: before the closing delimiter, or in TOML before
	// the first table header, whose keys it would otherwise join.
	insertAt := closing
	found := -1
	for i := 1; i < closing; i++ {
		if key.Match(lines[i].text) {
			found = i
			break
		}
		if format == "toml" && insertAt == closing && bytes.HasPrefix(bytes.TrimLeft(lines[i].text, " \t"), []byte("[")) {
			insertAt = i
		}
	}
	inOldValue := false
	for i, l := range lines {
		if inOldValue && i < closing && isContinuation(l.text, format) {
			// The rest of the old value, written over several lines.
			continue
		}
		inOldValue = false
		switch {
		case i == found:
			if hash != "" {
				out.WriteString(entry)
				out.Write(l.end)
			}
			inOldValue = true
			continue
		case found < 0 && i == insertAt && hash != "":
			out.WriteString(entry)
			out.Write(newline)
		}
		out.Write(l.text)
		out.Write(l.end)
	}
	return out.Bytes(), nil
}

// isContinuation reports whether a front matter line continues the value of
// the previous key: an indented YAML line (a block scalar or a list). TOML
// values of translatedFrom are always one line.
func isContinuation(text []byte, format string) bool {
	if format != "yaml" || len(text) == 0 {
		return false
	}
	return (text[0] == ' ' || text[0] == '\t') && len(bytes.TrimSpace(text)) > 0
}
