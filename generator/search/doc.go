// Package search builds the full-text index of one language of the site, as
// classic <script> files that the browser loads the first time a reader uses
// the search box.
//
// The build hands Build the sections that may be indexed: trainer-only text
// and drafts never reach this package, and it must not look for them. It
// returns files; it never writes them (package output does).
//
// The browser side, layouts/assets/lazy/search-engine.js, tokenizes
// queries, loads the index files a query needs and ranks results. This
// package implements the same tokenizer and the same ranking (Query), and
// says which files a query reads (Needs), so that both can be tested in Go;
// the parity tests run the JS in node to hold the two to the same answers
// and the same files.
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
// other. The particles و ف ب ك ل also join a word without the article
// (بتأشيرة "with a visa", لضحايا "for victims"): such a word is filed under
// its bare form too when at least 3 letters remain and the course uses the
// bare form as a word of its own (so بسيط "simple" is never taken for ب +
// سيط), and a query looks up the word and its bare forms (stem.go).
//
// English and French plurals are folded to their singular (victims →
// victim, countries → country, indicateurs → indicateur, travaux →
// travail), conservatively: short words and words that only look plural
// (this, bus, access, news, pays, cours) are left alone. A plural whose
// singular begins it is indexed as the singular alone; another is indexed
// as both. Other languages match whole words. The last word of a query
// matches as a prefix, and a plural being typed also as its singular.
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
// A language's index is split so that a query reads only what it needs:
// every file is a classic script (no fetch, so that it loads from file://),
// and a query reads the meta file, the term shards of its words and the doc
// shards of the results it shows. Each file holds one call:
//
//	window.__fieldguideSearch.add("fr", "t3", "6e585b2981bd", {...});
//
// with the language, the file's name and the index's id, a digest of every
// file of the index: a file whose id is not the meta file's is of another
// build (the site changed while a page had its index half loaded), and the
// engine reports an error rather than misread it. The files are
// search/<lang>/<name>.js:
//
//   - meta.js, {"v":4,"n":...,"len":[...],"terms":"...","docs":"..."}: v is
//     the format version; n the number of sections; len a number per
//     section, its number of terms times two plus one if it opens its page
//     (BM25's length normalization and the title boost need them for every
//     section a word is in); terms the first term of each term shard, as a
//     dictionary (below); docs the number of sections of each doc shard, in
//     order. An offline meta file also carries the openers' doc shards
//     (below), all or the first of them: their calls come first, a line
//     each, and the engine keeps them until the meta call, the last line,
//     comes.
//   - t0.js, t1.js, ...: {"terms":"...","post":"..."}, a range of the
//     dictionary, about 32 KB with its postings. A term is in the last
//     shard whose first term is not greater than it; the terms a prefix
//     begins are in that shard and the next ones whose first term it
//     begins.
//   - d0.js, d1.js, ...: {"pages":[[url, title], ...],"docs":[...]}, a
//     range of the sections, about 8 KB: each is [page, anchor, heading,
//     text, ...], where page is its page's position in the shard's pages,
//     anchor is 1 where it is the slug of the heading (see headingSlug),
//     and each text is the start of a passage of the section, for the
//     snippet (see # Passages). A page not yet translated, indexed with
//     the default language's text, is [url, title, lang, dir], and its
//     results are marked so.
//
// Sections are numbered in site order, a page's together. An offline index
// (Options.Offline) numbers the section that opens each page first, then
// the others, and puts the openers in shards of about 128 KB: the title
// boost makes them most of the results of most queries, from disk a file
// costs about the same whatever its size, and the first screens of most
// queries then come from a few shards, which the meta file carries (up to
// 1 MB of them): the search box loads it when it gets the focus, and a
// query then waits for its term shards alone. Online, bytes count, and
// every shard is small.
//
// Shards are small because a query reads few of them: the term shards of
// its words, and the doc shards of its results, which are spread over the
// site whatever the size of a shard. Measured in Chromium from file://,
// what a query waits for is the number of steps of loading and the number
// of files in a step rather than their bytes, so a query asks for the
// files of a step all at once: the meta file with the engine (when the
// search box gets the focus), the term shards of all its words, then the
// doc shards of its results, those of the first 5 (what the box shows
// first) before the others, unless the others are only a few more files.
//
// Numbers are written in a base-32 varint: each character of
// "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef" ends a number with 5 bits, each of
// "ghijklmnopqrstuvwxyz0123456789-_" carries 5 bits more, least significant
// first. A dictionary is a list of entries "<shared><suffix> ": the number
// of UTF-16 units shared with the previous term of the list, then the rest
// of the term; terms are in UTF-16 order, the order of JS string
// comparison. "post" holds, for each term of the shard, the number of
// sections with it, then for each section the gap from the previous one
// and tf<<2 | inTitle<<1 | inHeading.
//
// # Passages
//
// A result shows the start of its section's text, and the word it was
// found by may come far below: so a section longer than a snippet is cut
// into passages, at the start of a block (a paragraph, a list item, a
// definition) once a passage has 500 columns, or of a sentence once it
// has 1,000, or of a word once it has 1,500, and the doc shard keeps the
// start of each. The section is still what is ranked and linked: its
// score is computed on its whole text, as if it had no passages, and it
// is one result, whose snippet is the first of its passages' starts that
// shows the most of the query's words, as the index files them (the
// section's start if none does): as tokenized, and an Arabic word with a
// particle also under each bare form that is a term of the index (لضحايا
// under ضحايا), which the query's term shards tell. Go (Index.Query) and
// the browser choose alike.
//
// # Ranking
//
// See Index.Query.
package search
