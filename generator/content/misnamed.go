package content

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf16"
)

// markdownExts are the other names editors give Markdown files, which
// the walk does not take as pages.
var markdownExts = map[string]bool{".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true, ".mdtext": true, ".mdtxt": true}

// savedAsExts are the endings that editors add to a name typed as
// "lesson.md": Windows Notepad saves "lesson.md.txt" (and File Explorer
// then shows "lesson.md"), macOS TextEdit "lesson.md.rtf" in its default
// rich-text mode or "lesson.md.txt" in plain text.
var savedAsExts = map[string]bool{".txt": true, ".text": true, ".rtf": true}

// misnamedPage says why name, a file beside the lessons that is not a .md
// file, is a page all the same, one its author meant to write: a
// Markdown ending other than .md ("lesson.markdown"), a Markdown name an
// editor added its own ending to ("lesson.md.txt", "lesson.md.rtf"), or
// text that opens with front matter as a page does, whatever the ending
// ("lesson.txt", rich text from TextEdit). Such a file is neither a page
// nor copied beside one: copied, it would publish its text as it is, its
// trainer notes and its audience: trainer or draft: true with it. ok is
// false for any other file, which is a resource.
func misnamedPage(fsys fs.FS, p, name string) (msg, hint string, ok bool) {
	ext := strings.ToLower(path.Ext(name))
	stem := strings.TrimSuffix(name, path.Ext(name))
	if markdownExts[ext] {
		return fmt.Sprintf("this file looks like Markdown, but only .md files become pages: a %s file is left out of the site", ext),
			fmt.Sprintf("rename it to %s.md", stem), true
	}
	if inner := strings.ToLower(path.Ext(stem)); savedAsExts[ext] && (inner == ".md" || markdownExts[inner]) {
		stem = strings.TrimSuffix(stem, path.Ext(stem))
		msg = fmt.Sprintf("this file looks like Markdown, but only .md files become pages: a file whose name ends in %s%s is left out of the site", inner, ext)
		if ext == ".rtf" {
			return msg, plainTextHint(stem), true
		}
		return msg, renameHint(stem, ext), true
	}
	start, rtf := fileStart(fsys, p)
	if !opensFrontMatter(start) {
		return "", "", false
	}
	if (ext == ".yaml" || ext == ".yml") && !pageKeys(fsys, p) {
		// A YAML document starts with --- as often as not: a data file
		// offered for download, not a page, unless it says who may see it.
		return "", "", false
	}
	if rtf {
		return "this file starts with front matter, as a page does, but it is saved as rich text (RTF) and only plain-text .md files become pages: it is left out of the site",
			plainTextHint(stem), true
	}
	what := "a " + ext + " file"
	if ext == "" {
		what = "a file without .md at the end of its name"
	}
	return fmt.Sprintf("this file starts with front matter, as a page does, but only .md files become pages: %s is left out of the site", what),
		renameHint(stem, ext), true
}

// pageKeys reports whether the YAML file p has, among its first lines,
// a top-level audience: or draft: key: a page saved under a data file's
// name, whose text must not be copied to everybody.
func pageKeys(fsys fs.FS, p string) bool {
	f, err := fsys.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, 4<<10))
	for _, line := range strings.Split(string(head), "\n") {
		if strings.HasPrefix(line, "audience:") || strings.HasPrefix(line, "draft:") {
			return true
		}
	}
	return false
}

// renameHint tells to rename a file to stem.md. Windows' File Explorer
// hides a known ending such as .txt: renamed there to "lesson.md", the file
// would be "lesson.md.txt" still.
func renameHint(stem, ext string) string {
	hint := fmt.Sprintf("rename it to %s.md", stem)
	if ext == ".txt" || ext == ".text" {
		hint += fmt.Sprintf("; Windows may hide the %s at the end of the name: in File Explorer turn on View → Show → File name extensions, and in Notepad save with \"Save as type: All files\"", ext)
	}
	return hint
}

// plainTextHint is the advice for rich text: renamed, it would be a page
// of RTF codes.
func plainTextHint(stem string) string {
	return fmt.Sprintf("save it as plain text named %s.md (in TextEdit: Format → Make Plain Text, then save; in Word: Save As → Plain Text)", stem)
}

// fileStart returns the text a file starts with, enough of it to see
// whether its first line opens front matter: its first bytes, decoded from
// UTF-16 when it is (Notepad's "Unicode"), or the first text of a
// rich-text (RTF) file, whose header of fonts and colours may run to
// kilobytes. A file that cannot be read gives "" (copying it fails with
// its own message).
func fileStart(fsys fs.FS, p string) (start string, rtf bool) {
	f, err := fsys.Open(p)
	if err != nil {
		return "", false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if bytes.HasPrefix(head, []byte(`{\rtf`)) {
		rest, _ := io.ReadAll(io.LimitReader(f, 64<<10))
		return rtfText(append(head, rest...)), true
	}
	return decodeStart(head), false
}

// decodeStart decodes the first bytes of a text file: UTF-8 (with or
// without its BOM) or UTF-16 (as isUTF16 tells it).
func decodeStart(head []byte) string {
	utf16Text, bigEndian := isUTF16(head)
	if !utf16Text {
		return string(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	}
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		head = head[2:]
	}
	units := make([]uint16, len(head)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(head[2*i])<<8 | uint16(head[2*i+1])
		} else {
			units[i] = uint16(head[2*i+1])<<8 | uint16(head[2*i])
		}
	}
	return string(utf16.Decode(units))
}

// opensFrontMatter reports whether text starts with a line that opens
// front matter: "---" or "+++", spaces after it allowed, then the end of
// the line.
func opensFrontMatter(text string) bool {
	for _, delim := range []string{"---", "+++"} {
		if rest, ok := strings.CutPrefix(text, delim); ok {
			rest = strings.TrimLeft(rest, " \t")
			if strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "\r") {
				return true
			}
		}
	}
	return false
}

// rtfSkipped are RTF groups that hold no text of the document: its
// tables of fonts, colours and styles, and its properties. Groups
// starting with \* are skipped as well.
var rtfSkipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"listtable": true, "listoverridetable": true, "rsidtbl": true, "latentstyles": true,
	"themedata": true, "colorschememapping": true, "datastore": true, "xmlnstbl": true,
	"header": true, "footer": true, "object": true, "filetbl": true, "revtbl": true,
}

// rtfText is the text of an RTF document's start, its paragraphs ending
// in "\n", with everything but text left out: enough to read its first
// lines, not a reader of RTF.
func rtfText(data []byte) string {
	var b strings.Builder
	depth, skipFrom := 0, 0 // skipFrom > 0: inside a skipped group opened at that depth
	for i := 0; i < len(data) && b.Len() < 256; i++ {
		c := data[i]
		switch c {
		case '{':
			depth++
			if skipFrom > 0 {
				continue
			}
			if j := i + 1; j+1 < len(data) && data[j] == '\\' {
				word := rtfWord(data[j+1:])
				if word == "*" || rtfSkipped[word] {
					skipFrom = depth
				}
			}
		case '}':
			if depth == skipFrom {
				skipFrom = 0
			}
			depth--
		case '\r', '\n':
			// Line breaks of the RTF file itself; a paragraph's end is
			// written \par, or a backslash before the line break.
		case '\\':
			if i+1 >= len(data) {
				continue
			}
			next := data[i+1]
			switch {
			case next == '\\' || next == '{' || next == '}':
				i++
				if skipFrom == 0 {
					b.WriteByte(next)
				}
			case next == '\n' || next == '\r':
				i++
				if skipFrom == 0 {
					b.WriteByte('\n')
				}
			case next == '\'':
				// A character by its code, \'e9: not one of the
				// front matter's opening line.
				i = min(i+3, len(data)-1)
				if skipFrom == 0 {
					b.WriteByte('?')
				}
			case isASCIILetter(next):
				word := rtfWord(data[i+1:])
				i += len(word)
				for i+1 < len(data) && (data[i+1] == '-' || data[i+1] >= '0' && data[i+1] <= '9') {
					i++
				}
				if i+1 < len(data) && data[i+1] == ' ' {
					i++ // the space that ends a control word is not text
				}
				if skipFrom == 0 && (word == "par" || word == "line") {
					b.WriteByte('\n')
				}
			default:
				i++ // a control symbol: \~, \-, \*
			}
		default:
			if skipFrom == 0 {
				b.WriteByte(c)
			}
		}
	}
	return strings.TrimLeft(b.String(), " \t\n")
}

// rtfWord is the control word (letters) at the start of data, or "*".
func rtfWord(data []byte) string {
	if len(data) > 0 && data[0] == '*' {
		return "*"
	}
	n := 0
	for n < len(data) && isASCIILetter(data[n]) {
		n++
	}
	return string(data[:n])
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
