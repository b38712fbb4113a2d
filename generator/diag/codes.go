package diag

import "slices"

// codes is every code a Diagnostic may carry, sorted.
var codes = []string{
	"absolute-url", "active-file", "alias", "alias-clash", "asset", "audience",
	"backslash", "bad-escape", "base", "block-name", "broken-anchor", "broken-link", "case",
	"case-clash", "config", "duplicate-id", "empty-link", "empty-page",
	"external-link", "external-offline", "file-url", "folder", "footnote-missing",
	"footnote-unused", "front-matter", "glossary",
	"heading-attribute", "heading-skip", "i18n", "image-alt", "invalid-utf8",
	"javascript", "javascript-url", "language-folder", "language-tag",
	"left-out-link", "long-page", "markdown-extension", "missing", "no-language", "not-a-file", "orphan-file",
	"outside", "placeholder", "protocol-relative", "quiz", "raw-html", "remote-image",
	"root-relative", "short-fence", "stray-fence", "symlink", "template", "title-twice",
	"toml", "too-deep", "too-large", "trainer-block-name", "trainer-footnote",
	"translation-alias",
	"translation-key", "translation-missing", "translation-orphaned",
	"translation-outdated", "ui-strings-missing", "ui-strings-none",
	"unclosed-block", "unknown-alert", "unknown-block", "unknown-key", "untranslated-copy", "url-clash",
	"url-colon", "weight", "windows-name", "yaml", "yaml-not-mapping",
}

// Codes returns every code a Diagnostic may carry, sorted: the codes CI
// tools see in check's JSON report and that --allow accepts.
// TestCodesComplete keeps the list in step with the source.
func Codes() []string { return slices.Clone(codes) }

// Known reports whether code is one a Diagnostic may carry.
func Known(code string) bool {
	_, found := slices.BinarySearch(codes, code)
	return found
}
