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
// Arabic joins the article, and the particles written with it, to the word:
// الضحايا "the victims", بالوثائق "with the documents". Such a word is
// indexed whole and without its article (وال بال كال فال ال لل), and a
// query looks it up without, so "ضحايا", "الضحايا" and "بالضحايا" find each
// other. This is the only stemming: other languages match whole words, and
// the last word of a query matches as a prefix.
//
// Han, hiragana, katakana and hangul have no spaces between words (or, in
// Korean, particles glued to them), so adjacent CJK characters form a run
// that is indexed as every character and every overlapping pair: 人口贩卖
// gives 人 人口 口 口贩 贩 贩卖 卖. A query of two or more CJK characters
// looks up its pairs, all required, so a two-character word is found
// wherever it is written.
//
// # Index files
//
// search/<lang>/0.js, 1.js, ... each hold one call:
//
//	window.__fieldguideSearch.add("fr", 0, {"v":1,"shards":2,"pages":[...],"docs":[...],"terms":"...","post":"..."});
//
// Shard 0 alone has "v" (the format version), "shards" (how many files) and
// "pages" ([url, title] per page). Any shard may hold "docs" (sections, in
// site order: [page, anchor, heading, text, length], where text is the
// start of the section's text, for snippets, and length its number of
// terms) and a slice of the dictionary in "terms" with its postings in
// "post". Reading the shards in order gives every section in order and
// every term in UTF-16 order, the order of JS string comparison.
//
// Numbers are written in a base-32 varint: each character of
// "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef" ends a number with 5 bits, each of
// "ghijklmnopqrstuvwxyz0123456789-_" carries 5 bits more, least significant
// first. "terms" is a list of entries "<shared><suffix> ": the number of
// UTF-16 units shared with the previous term of the shard, then the rest
// of the term. "post" holds, for each term, the number of sections with it,
// then for each section the gap from the previous one and
// tf<<2 | inTitle<<1 | inHeading.
//
// # Ranking
//
// See Index.Query.
package search
