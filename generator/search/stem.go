package search

import (
	"strings"
	"unicode/utf8"
)

// Light stemming: what an officer types and what the lesson says differ by
// an ending ("victims", "victim") or, in Arabic, by a particle written as
// part of the word (بتأشيرة "with a visa", تأشيرة "visa"). Each rule here
// is applied alike when the index is built and when a query is read, in Go
// and in layouts/assets/lazy/search-engine.js (the parity test holds the
// two together), and each errs on the side of leaving a word alone: a
// missed match costs a reader one more query, a wrong one costs trust in
// every result.

// plurals says which plural folding a language's words get.
type plurals uint8

const (
	noPlurals plurals = iota
	englishPlurals
	frenchPlurals
)

// pluralsOf is the plural folding of lang, a BCP 47 tag: English and
// French ("en", "en-GB", "fr-CA"...) have one, other languages none yet.
func pluralsOf(lang string) plurals {
	primary, _, _ := strings.Cut(lang, "-")
	switch strings.ToLower(primary) {
	case "en":
		return englishPlurals
	case "fr":
		return frenchPlurals
	}
	return noPlurals
}

// appendWord appends the terms of one word, folded and cut (not CJK, no
// Arabic article): the word, or its singular, or both (see singular).
func appendWord(terms []string, word string, plurals plurals) []string {
	// Most words end in neither s nor x: this much is inlined in the
	// tokenizer's loops, which run for every word of the site.
	if plurals != noPlurals && len(word) >= 4 {
		if c := word[len(word)-1]; c == 's' || c == 'x' {
			return appendPlural(terms, word, plurals)
		}
	}
	return append(terms, word)
}

func appendPlural(terms []string, word string, plurals plurals) []string {
	stem, alone := singular(plurals, word)
	if stem == "" {
		return append(terms, word)
	}
	if !alone {
		terms = append(terms, word)
	}
	return append(terms, stem)
}

// singular returns the singular that a plural is indexed and looked up
// as, or "" if word is left as it is. With alone, the singular begins the
// word ("victims" → "victim"), which is then indexed as its singular
// alone: a reader typing "victims" finds "victim" among the terms that
// "victi" begins, and so sees results at every key. Otherwise ("countries"
// → "country") the word is indexed too, so that "countri" still finds it
// while the reader types.
//
// The rules are the S-stemmer's (Harman 1991; Lucene's EnglishMinimalStemmer
// and FrenchMinimalStemmer are of the same kind), with fewer guesses:
//
//   - English: a word of 4 letters or more ending in s loses it, unless it
//     ends in ss, us or is (access, bus, status, this, analysis) or is one
//     of englishInvariants (news, series...); -ies becomes -y (countries →
//     country, but not ties or series), and -sses, -shes, -ches and -xes
//     lose their -es (witnesses, approaches, boxes) in words of 5 letters
//     or more. Words of 3 letters (was, has, its, yes, bus, gas) are left
//     alone.
//   - French: a word of 5 letters or more ending in s loses it, unless it
//     ends in ss or is cours (courses, and cour, a court, are other
//     words); -aux becomes -al (journaux → journal; travaux → travail), and
//     -eaux, -eux and -oux lose their x (bureaux, lieux, genoux). Words of
//     4 letters (pays, fois, sous, dans, prix) are left alone.
//
// Only words of plain letters a-z are folded (accents are already
// dropped): "1990s", "e.g" and words in other scripts are left alone. A
// possessive has been cut at its apostrophe before (Protocol's → protocol,
// s).
func singular(plurals plurals, word string) (stem string, alone bool) {
	n := len(word)
	switch plurals {
	case englishPlurals:
		if n < 4 || word[n-1] != 's' {
			return "", false
		}
		switch word[n-2] {
		case 's', 'u', 'i':
			return "", false
		}
		if !isLetterWord(word) || isEnglishInvariant(word) {
			return "", false
		}
		if word[n-2] == 'e' && n >= 5 {
			switch word[n-3] {
			case 'i': // -ies, but not -aies, -eies
				if word[n-4] != 'a' && word[n-4] != 'e' {
					return word[:n-3] + "y", false
				}
			case 's': // -sses
				if word[n-4] == 's' {
					return word[:n-2], true
				}
			case 'h': // -shes, -ches
				if word[n-4] == 's' || word[n-4] == 'c' {
					return word[:n-2], true
				}
			case 'x':
				return word[:n-2], true
			}
		}
		return word[:n-1], true
	case frenchPlurals:
		if n < 5 || !isLetterWord(word) {
			return "", false
		}
		switch word[n-1] {
		case 's':
			if word[n-2] == 's' || word == "cours" {
				return "", false
			}
			return word[:n-1], true
		case 'x':
			switch {
			case word == "travaux":
				return "travail", false
			case strings.HasSuffix(word, "eaux"), strings.HasSuffix(word, "eux"), strings.HasSuffix(word, "oux"):
				return word[:n-1], true
			case strings.HasSuffix(word, "aux"):
				return word[:n-3] + "al", false
			}
		}
	}
	return "", false
}

// isEnglishInvariant reports whether word is an English word ending in s
// that is not a plural, or whose singular is another word: "news" is not
// "new", "customs" (at a border) not "custom". (A switch, which the
// compiler turns into comparisons: a map lookup for every word ending in
// s was 3% of indexing English.)
func isEnglishInvariant(word string) bool {
	switch word {
	case "news", "customs", "series", "species", "always", "perhaps", "whereas", "does", "goes":
		return true
	}
	return false
}

// isLetterWord reports whether word is made of the letters a-z alone.
func isLetterWord(word string) bool {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Arabic writes the conjunctions و (and) and ف (so) and the prepositions ب
// (with, by), ك (like) and ل (for, to) as part of the next word, alone or
// together (وب, فل...): بتأشيرة "with a visa", لضحايا "for victims". The
// article and the particles joined to it are withoutArticle's. These
// letters also begin many words of their own (بيانات data, وسيط broker,
// كانت was), so a word's bare form is taken only when
//
//   - at least 3 letters remain, so short words (بعد, كما, ومن) are never
//     cut, and the word is not one of arabicNotProclitic, common words
//     whose first letter is their own and whose rest is another word
//     (كانت is not ك + انت "you", واحد not و + احد);
//   - and, in the index, the bare form is itself a word of the index (it
//     occurs alone, or with the article): see indexer.procliticMerges.
//     So بتأشيرة is filed under تأشيرة when the course has the word
//     تأشيرة, while بسيط (simple) is never filed under a "سيط" that no
//     lesson has, and وسيط never matches بسيط.
//
// This is the light stemming of Larkey et al. ("Light stemming for Arabic
// information retrieval", 2007) that Lucene's ArabicStemmer applies to و
// alone; the check against the index's own words is what makes the other
// particles safe enough to strip.

// procliticForms returns the bare forms of an Arabic word (folded) that
// begins with one or two of و ف ب ك ل: without the first letter, without
// the first two (و or ف, then ب ك or ل), and each without an article
// that follows. It returns nil for a word with an article
// (withoutArticle's), for other words, and for arabicNotProclitic. The
// forms are distinct and not word itself, in that order.
func procliticForms(word string) []string {
	first, size := utf8.DecodeRuneInString(word)
	if !isProclitic(first) || withoutArticle(word) != "" || arabicNotProclitic[word] {
		return nil
	}
	var forms []string
	add := func(form string) {
		if form != "" && form != word && !containsString(forms, form) {
			forms = append(forms, form)
		}
	}
	rest := word[size:]
	if utf8.RuneCountInString(rest) < 3 {
		return nil
	}
	add(rest)
	add(withoutArticle(rest))
	if second, size := utf8.DecodeRuneInString(rest); (first == 'و' || first == 'ف') && (second == 'ب' || second == 'ك' || second == 'ل') {
		if rest := rest[size:]; utf8.RuneCountInString(rest) >= 3 {
			add(rest)
			add(withoutArticle(rest))
		}
	}
	return forms
}

func isProclitic(r rune) bool {
	return r == 'و' || r == 'ف' || r == 'ب' || r == 'ك' || r == 'ل'
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// arabicNotProclitic are common words, folded, that begin with و ف ب ك or
// ل as a letter of their own and whose rest is another word of a course:
// كانت (was) is not ك + انت (you), فيها (in it) not ف + يها, واحد (one)
// not و + احد (someone), وحده (alone) not و + حده, كلما (whenever) not
// ك + لما, بناء (building; based on) not ب + ناء, وجهه (his face) not
// و + جهه (side). Found in the course's Arabic lessons, where they were
// the wrong ones among some 550 words filed under their bare forms.
var arabicNotProclitic = map[string]bool{
	"كانت": true, "كانوا": true, "كانا": true,
	"فيها": true, "فيهم": true, "فيهما": true, "فيما": true,
	"كلما": true, "كلها": true, "كلهم": true,
	"واحد": true, "واحدا": true, "واحده": true,
	"وحده": true, "وحدها": true, "وحدهم": true,
	"وجهه": true, "وجهها": true,
	"بناء": true, "بناءا": true,
	"لكنه": true, "لكنها": true, "لكنهم": true,
	"ليست": true, "بينما": true, "بينهم": true, "بينها": true,
}

// procliticMerges says which terms of the index take the postings of
// which others: an Arabic word with a particle (لضحايا) is filed under each
// of its bare forms (ضحايا) that is a term of the index on its own, from
// a word written alone or with the article. It is done once every page is
// in, since a bare form may first appear in a later page; words are
// still indexed whole too, so that a query of the exact form ranks it
// first. Only Arabic terms are looked at, two bytes each.
func (ix *indexer) procliticMerges() map[int32][]int32 {
	var merges map[int32][]int32
	for id, term := range ix.terms {
		if !mayHaveProclitic(term) {
			continue
		}
		for _, form := range procliticForms(term) {
			if target, ok := ix.termID(form); ok {
				if merges == nil {
					merges = map[int32][]int32{}
				}
				merges[target] = append(merges[target], int32(id))
			}
		}
	}
	return merges
}

// mayHaveProclitic reports whether procliticMerges looks at term for
// bare forms: 8 bytes at least, what a particle and 3 more Arabic
// letters take, beginning with a letter of U+0600–U+067F, as the
// particles are. bestPassage (and bestPassage in search-engine.js) asks
// it too, so that a passage counts a word as the index files it.
func mayHaveProclitic(term string) bool {
	return len(term) >= 8 && (term[0] == 0xD8 || term[0] == 0xD9)
}

// unionPostings merges two terms' postings, in doc order: a section with
// both counts the occurrences of both, and their title and heading flags.
func unionPostings(a, b []posting) []posting {
	out := make([]posting, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].doc < b[j].doc:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].doc < a[i].doc:
			out = append(out, b[j])
			j++
		default:
			p := a[i]
			p.tf = uint16(min(int(p.tf)+int(b[j].tf), maxTF))
			p.flags |= b[j].flags
			out = append(out, p)
			i++
			j++
		}
	}
	return out
}
