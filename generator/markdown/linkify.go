package markdown

import "bytes"

// mayLinkify reports whether GFM's linkify (bare URLs and e-mail
// addresses become links) may find something in src. It links nothing
// but what starts with "http:", "https:", "ftp:" or "www.", or an address
// with "@": a document without any of these (most pages) is parsed
// without it (Converter.unlinked). goldmark asks linkify at every space
// of every text, and looks at the next word each time: with it, parsing
// such a document costs an eighth more, for nothing.
func mayLinkify(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("http:")) ||
		bytes.Contains(src, []byte("https:")) || bytes.Contains(src, []byte("ftp:")) ||
		bytes.Contains(src, []byte("www."))
}
