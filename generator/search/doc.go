// Package search builds the full-text index of one language of the site, as
// classic <script> files that the browser loads the first time a reader uses
// the search box.
//
// The build hands Build the sections that may be indexed: trainer-only text
// and drafts never reach this package, and it must not look for them. It
// returns files; it never writes them (package output does).
//
// The browser side, layouts/assets/js/40-search.js, tokenizes queries and
// ranks results. This package implements the same tokenizer and the same
// ranking (Query) so that both can be tested in Go, and the parity tests run
// the JS in node to hold the two to the same answers.
//
// # Tokens
//
// Text is put in NFC and then folded one code point at a time:
//
//   - NFKD, lower case, NFKD again, then NFC: full-width and ligature forms
//     become plain letters (Ａ→a, ﬁ→fi), Arabic presentation forms their
//     letters, no-break spaces spaces.
//   - Diacritics are dropped: Latin, Greek and Cyrillic accents (é→e, ü→u,
//     ç→c, ё→е), Hebrew points, Arabic tashkeel (harakat, shadda, sukun,
//     superscript alef) and the hamza and madda of أ إ آ, which so become ا.
//     й is kept: it is a letter of its own, never written и, while ё is
//     commonly written е. Marks of other scripts are kept (kana voicing
//     marks change the word).
//   - ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d; ٱ→ا, ى→ي, ة→ه; tatweel, soft
//     hyphens, joiners and direction marks removed; Arabic-Indic digits →
//     0-9; ’ and ‘ → '.
//
// The folded text is cut into words on Unicode word boundaries (UAX #29, by
// github.com/rivo/uniseg). Segments without a letter or a digit are dropped,
// and words are split at apostrophes, so "l'homme" gives "l" and "homme".
// Numbers keep their separators ("3.14", "1,000") as UAX #29 says.
//
// Han, hiragana, katakana and hangul have no spaces between words (or, in
// Korean, particles glued to them), so adjacent CJK characters form a run
// that is indexed as every character and every overlapping pair: 人口贩卖
// gives 人 人口 口 口贩 贩 贩卖 卖. A query of two or more CJK characters
// looks up its pairs, all required, so a two-character word is found
// wherever it is written.
package search
