package content

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/fieldguide/fieldguide/generator/diag"
)

// textEditRTF is how macOS TextEdit, in its default rich-text mode, saves
// a lesson typed into it.
const textEditRTF = `{\rtf1\ansi\ansicpg1252\cocoartf2761
\cocoatextscaling0\cocoaplatform0{\fonttbl\f0\fswiss\fcharset0 Helvetica;}
{\colortbl;\red255\green255\blue255;}
{\*\expandedcolortbl;;}
\paperw11900\paperh16840\margl1440\margr1440\vieww11520\viewh8400\viewkind0
\pard\tx566\tx1133\tx1700\pardirnatural\partightenfactor0

\f0\fs24 \cf0 ---\
title: "Role play answers"\
audience: trainer\
---\
SECRET answers}`

func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// A page saved under another name than .md is neither a page nor copied
// beside one (copied, a trainer's answers would be a download in the
// participants' site and zip): whatever the name when it opens with
// front matter, and by its name when an editor added .txt or .rtf to
// "lesson.md". Every other file is copied as it is.
func TestWalkLeavesOutMisnamedPages(t *testing.T) {
	const trainerPage = "---\ntitle: \"Role play answers\"\naudience: trainer\n---\nSECRET answers\n"
	withheld := map[string]struct{ data, msg, hint string }{
		// Windows Notepad's default save of "role-play.md".
		"role-play.md.txt": {trainerPage, "a file whose name ends in .md.txt is left out of the site",
			"rename it to role-play.md; Windows may hide the .txt at the end of the name"},
		"CAPITALS.MD.TXT":     {"no front matter\n", "name ends in .md.txt", "rename it to CAPITALS.md;"},
		"long.markdown.txt":   {"# Lesson\n", "name ends in .markdown.txt", "rename it to long.md;"},
		"answers.txt":         {"\xef\xbb\xbf---\r\ndraft: true\r\n---\r\nSECRET\r\n", "this file starts with front matter, as a page does, but only .md files become pages: a .txt file is left out of the site", "rename it to answers.md;"},
		"notepad-unicode.txt": {string(utf16LE(trainerPage)), "starts with front matter", "rename it to notepad-unicode.md;"},
		"toml.text":           {"+++  \ntitle = \"T\"\naudience = \"trainer\"\n+++\nSECRET\n", "a .text file is left out", "rename it to toml.md;"},
		"no-ending":           {trainerPage, "a file without .md at the end of its name is left out", "rename it to no-ending.md"},
		"data.yaml":           {"---\naudience: trainer\n", "a .yaml file is left out", "rename it to data.md"},
		"role-play.md.rtf":    {textEditRTF, "name ends in .md.rtf", "save it as plain text named role-play.md (in TextEdit: Format → Make Plain Text"},
		"typed-in-textedit.rtf": {textEditRTF, "saved as rich text (RTF) and only plain-text .md files become pages",
			"save it as plain text named typed-in-textedit.md"},
		"lesson.markdown": {"# Lesson\n", "a .markdown file is left out of the site", "rename it to lesson.md"},
	}
	copied := map[string]string{
		"readme.txt":  "Read me.\n---\ntitle: not at the start\n---\n",
		"rules.txt":   "----\nfour dashes are a rule, not front matter\n",
		"dashes.txt":  "--- a heading underlined\n",
		"handout.rtf": `{\rtf1\ansi{\fonttbl\f0 Helvetica;}\f0 Handout\par ---\par}`,
		"diagram.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"slides.pdf":  "%PDF-1.7\n",
		"empty.txt":   "",
		// YAML documents start with --- too: data, unless it says who may
		// see it (data.yaml above).
		"checklist.yaml":  "---\n- passport\n- invitation letter\n",
		"contacts.yml":    "---\ntitle: Referral contacts\nphone: \"+00 000 000 000\"\n",
		"short-utf16.txt": string(utf16LE("Hi")),
	}
	fsys := fstest.MapFS{
		"content/en/_index.md":   {Data: []byte("Home\n")},
		"content/en/m/_index.md": {Data: []byte("Module\n")},
	}
	for name, f := range withheld {
		fsys["content/en/m/"+name] = &fstest.MapFile{Data: []byte(f.data)}
	}
	for name, data := range copied {
		fsys["content/en/m/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	var l diag.List
	var resources []string
	for _, src := range Walk(fsys, []string{"en"}, &l) {
		resources = append(resources, src.Resources...)
	}
	for _, r := range resources {
		if _, ok := withheld[strings.TrimPrefix(r, "m/")]; ok {
			t.Errorf("%s is copied beside its page", r)
		}
	}
	if len(resources) != len(copied) {
		t.Errorf("copied %q, want the %d files of %v", resources, len(copied), copied)
	}
	said := map[string]diag.Diagnostic{}
	for _, d := range l.Items() {
		said[d.File] = d
	}
	for name, want := range withheld {
		d, ok := said["content/en/m/"+name]
		switch {
		case !ok:
			t.Errorf("%s: no warning", name)
		case d.Severity != diag.Warning || d.Code != "markdown-extension" || !strings.Contains(d.Message, want.msg) || !strings.HasPrefix(d.Hint, want.hint):
			t.Errorf("%s: got %s [%s]\nwant a markdown-extension warning with %q (%s…)", name, d.Error(), d.Code, want.msg, want.hint)
		}
	}
	if len(said) != len(withheld) {
		t.Errorf("%d messages for %d files: %v", len(said), len(withheld), l.Items())
	}
}

func TestRTFText(t *testing.T) {
	for in, want := range map[string]string{
		textEditRTF: "---\ntitle: \"Role play answers\"\naudience: trainer\n---\nSECRET answers",
		// Word writes paragraphs with \par, and escapes braces.
		`{\rtf1\ansi{\fonttbl{\f0 Calibri;}}{\*\generator Word;}\pard\plain\f0 +++\par title = "x" \{\}\par}`: "+++\ntitle = \"x\" {}\n",
		`{\rtf1 caf\'e9}`: "caf?",
	} {
		if got := rtfText([]byte(in)); got != want {
			t.Errorf("rtfText(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

// FuzzMisnamedPage: whatever a file beside the lessons holds, reading its
// start does not fail, and one that opens with front matter is never
// copied.
func FuzzMisnamedPage(f *testing.F) {
	for _, seed := range []string{textEditRTF, "---\ntitle: x\n---\n", string(utf16LE("+++\n")), `{\rtf1{\*\x{}}\'`, `{\rtf1\`, "\xfe\xff\x00-\x00-\x00-\x00\n", "\x89PNG\r\n"} {
		f.Add("answers.txt", []byte(seed))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		// A name fs.FS cannot open (not UTF-8, say) is never walked to.
		if strings.Contains(name, "/") || !fs.ValidPath(name) || name == "." {
			return
		}
		fsys := fstest.MapFS{name: {Data: data}}
		msg, hint, ok := misnamedPage(fsys, name, name)
		if ok && (msg == "" || hint == "") {
			t.Errorf("left out without a word: %q %q", msg, hint)
		}
		if bytes.HasPrefix(data, []byte("---\n")) && !ok {
			t.Errorf("%q opens with front matter and is copied", data)
		}
	})
}
