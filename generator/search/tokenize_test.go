package search

import (
	"golang.org/x/text/unicode/norm"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"english", "en", "Identifying victims: first-line support (e.g. 3 steps).",
			[]string{"identifying", "victim", "first", "line", "support", "e.g", "3", "step"}},
		{"english plural not a prefix of its singular", "en", "Countries", []string{"countries", "country"}},
		{"french plurals", "fr", "Les indicateurs, les travaux", []string{"les", "indicateur", "les", "travaux", "travail"}},
		{"numbers keep their separators", "en", "Version 1.2.3, 3.14 and 1,000,000; COVID-19, H2O",
			[]string{"version", "1.2.3", "3.14", "and", "1,000,000", "covid", "19", "h2o"}},
		{"english contraction splits", "en", "Don't ask why.", []string{"don", "t", "ask", "why"}},
		{"french elision and accents", "fr", "L'identification d’une victime à l'État, naïve, cœur",
			[]string{"l", "identification", "d", "une", "victime", "a", "l", "etat", "naive", "coeur"}},
		{"french no-break space before colon", "fr", "Attention\u00a0: traite", []string{"attention", "traite"}},
		{"german", "de", "Straße, GRÖSSE, Übergriffe", []string{"strasse", "grosse", "ubergriffe"}},
		{"russian ё folds, й stays", "ru", "Ёлка, ЕЩЁ, йод, МОЙ, объём", []string{"елка", "еще", "йод", "мой", "объем"}},
		{"decomposed input", "fr", "e\u0301cole", []string{"ecole"}},
		{"chinese bigrams", "zh", "人口贩卖。", []string{"人", "人口", "口", "口贩", "贩", "贩卖", "卖"}},
		{"chinese with latin", "zh", "贩卖（trafficking）", []string{"贩", "贩卖", "卖", "trafficking"}},
		{"japanese kana and kanji run together", "ja", "被害者を",
			[]string{"被", "被害", "害", "害者", "者", "者を", "を"}},
		{"japanese half-width katakana", "ja", "ｶﾞｲﾄﾞ", []string{"ガ", "ガイ", "イ", "イド", "ド"}},
		{"korean bigrams within words", "ko", "피해자를 식별",
			[]string{"피", "피해", "해", "해자", "자", "자를", "를", "식", "식별", "별"}},
		{"arabic tashkeel and alef forms", "ar", "الضَّحِيَّة أُمّ إِسلام آمن ٱلله",
			[]string{"الضحيه", "ضحيه", "ام", "اسلام", "امن", "الله", "له"}},
		{"arabic maksura, marbuta, tatweel", "ar", "على مدرسة مستشفـــى", []string{"علي", "مدرسه", "مستشفي"}},
		{"arabic-indic digits", "ar", "المادة ٣", []string{"الماده", "ماده", "3"}},
		{"full-width and ligatures", "zh", "ＡＢＣ１２３ ﬁne", []string{"abc123", "fine"}},
		{"invisible characters", "en", "co\u00adoperate zero\u200bwidth", []string{"cooperate", "zero", "width"}},
		{"punctuation and emoji only", "en", "... 👩‍⚕️ — !", nil},
		{"empty", "en", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.lang, tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// termsString writes query terms compactly for tests: each term's text,
// * if it is a prefix, then |alt for each alternative; terms apart by a
// space.
func termsString(terms []queryTerm) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
		if t.prefix {
			b.WriteByte('*')
		}
		for _, alt := range t.alts {
			b.WriteString("|" + alt)
		}
	}
	return b.String()
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		lang, query string
		want        string
	}{
		{"en", "traff", "traff*"},
		{"en", "trafficking ", "trafficking"},
		{"en", "victim traff", "victim traff*"},
		{"en", "victim.", "victim"},
		{"en", "Victim victim", "victim"},
		{"en", "人口", "人口"},
		{"en", "人口贩卖", "人口 口贩 贩卖"},
		{"en", "人", "人"},
		{"en", "人口 traff", "人口 traff*"},
		{"en", "", ""},
		// Plurals: a finished word is looked up as its singular; the
		// word being typed as itself (a prefix) or its singular.
		{"en", "victims ", "victim"},
		{"en", "victims", "victims*|victim"},
		{"en", "trafficked victims interview", "trafficked victim interview*"},
		{"en", "countries ", "country"},
		{"en", "countries", "countries*|country"},
		{"en", "access bus this is", "access bus this is*"},
		{"en-GB", "Witnesses ", "witness"},
		{"fr", "indicateurs ", "indicateur"},
		{"fr", "indicateurs", "indicateurs*|indicateur"},
		{"fr", "travaux journaux ", "travail journal"},
		{"fr", "pays cours ", "pays cours"},
		{"de", "victims ", "victims"}, // no plural folding for German yet
		// Arabic: without the article; a word that may begin with a
		// particle as itself or its bare forms.
		{"ar", "الوثائق ضحايا", "وثايق ضحايا*"},
		{"ar", "بتأشيرة ", "بتاشيره|تاشيره"},
		{"ar", "وبالتأشيرة ", "وبالتاشيره|بالتاشيره|تاشيره|التاشيره"},
		{"ar", "لضحايا", "لضحايا*|ضحايا"},
		{"ar", "كانت بعد ومن", "كانت بعد ومن*"},
	}
	for _, tt := range tests {
		if got := termsString(queryTerms(tt.lang, tt.query)); got != tt.want {
			t.Errorf("queryTerms(%s, %q) = %q, want %q", tt.lang, tt.query, got, tt.want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range parityTable {
		f.Add(s)
	}
	f.Add("\xff\xfe invalid \xc3")
	f.Add("L'Agent a.B 1.2 x_Y é'a __ A'_ 人 Z")
	f.Fuzz(func(t *testing.T, text string) {
		terms := Tokenize("en", text)
		if want := tokenizeWhole(text); !slices.Equal(terms, want) && len(terms)+len(want) > 0 {
			t.Fatalf("Tokenize(%q) = %q, but the whole text normalized and scanned gives %q", text, terms, want)
		}
		for _, term := range terms {
			if term == "" {
				t.Fatalf("Tokenize(%q) gave an empty term", text)
			}
			if !utf8.ValidString(term) {
				t.Fatalf("Tokenize(%q) gave invalid UTF-8 %q", text, term)
			}
			if strings.ContainsFunc(term, unicode.IsSpace) {
				t.Fatalf("Tokenize(%q) gave %q, with a space: the dictionary separates terms with spaces", text, term)
			}
		}
		for _, q := range queryTerms("en", text) {
			if q.text == "" || !utf8.ValidString(q.text) {
				t.Fatalf("queryTerms(%q) gave %q", text, q.text)
			}
		}
	})
}

// tokenizeWhole is Tokenize without its chunks: the whole text
// normalized, then scanned.
func tokenizeWhole(text string) []string {
	return appendPieces(nil, scanInto(nil, normalize(text)), pluralsOf("en"), false)
}

// TestTokenizeMatchesWholeText holds tokenize, which takes ASCII chunks
// apart from the rest, to normalizing and scanning the whole text, on
// the parity table and on random strings of the characters that decide
// where ASCII words end, next to white space and to other scripts.
func TestTokenizeMatchesWholeText(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := Tokenize("en", s), tokenizeWhole(s); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("Tokenize(%q) = %q, but the whole text normalized and scanned gives %q", s, got, want)
		}
	}
	for _, s := range parityTable {
		check(s)
	}
	pool := []string{"a", "Z", "q", "1", "0", ".", "'", ",", ";", ":", "_", "-", " ", "\n", "\t", "\r", "\v", "\f", "\x00",
		"人", "ا", "é", "\u0301", "\u00a0", "\u200b", "\u2019", "ß", "\xff", "ﬁ", "Ａ", "la", "L'", "É", "1.5", "e.g.",
		"s", "S", "ies", "x", "Word", "ward"} // and plurals, of words cut at once or after a capital
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pool[r.IntN(len(pool))])
		}
		check(b.String())
	}
}

func TestArabicArticle(t *testing.T) {
	// ئ folds to ي (its hamza is dropped).
	if got, want := Tokenize("ar", "بالوثائق الضحايا للضحايا وثائق ال الي"), []string{
		"بالوثايق", "وثايق", "الضحايا", "ضحايا", "للضحايا", "ضحايا", "وثايق", "ال", "الي",
	}; !slices.Equal(got, want) {
		t.Errorf("Tokenize = %q, want %q", got, want)
	}
	if got, want := termsString(queryTerms("ar", "الوثائق ضحايا")), "وثايق ضحايا*"; got != want {
		t.Errorf("queryTerms = %q, want %q", got, want)
	}
}

// scanAllUniseg is scanNormalized without its ASCII fast path: uniseg over
// the whole text.
func scanAllUniseg(s string) []piece { return scanUniseg(nil, s, 0) }

func TestScanMatchesUniseg(t *testing.T) {
	for _, s := range append(slices.Clone(parityTable),
		"a.b a..b a.1 1.a 1.5 1,000.25 1:2 a:b a,b a;b 1;2 a'b 'a a' _a a_ ___ a_1 1_a ._a a._b",
		"x.y.z 3.14.15 e.g. U.S.A. l'homme aujourd'hui 10:30 a\tb\nc\rd\ve\ff",
		"a \u0301b a\u0301 b \u200db a.\u0301b 1.\u03012 a\u00adb",
		"人口 traff \u3000 a b", "مرحبا a.b", "人口贩卖，债务。1，2 1、2 a：b 人a 人_a a人 a.人 人.a 《护照》「」",
		"الضحايا،1،2 ١٢ جواز؟ا.ب «élan» — naïve…a“b”c 1–2 x‑y ا_ب ﻻ ۱۲ ٱ", "ﾊﾝｶｸ a'", "'", ".", "_", "a", "") {
		if got, want := scanNormalized(s), scanAllUniseg(s); !slices.Equal(got, want) {
			t.Errorf("scanNormalized(%q) =\n%v, uniseg gives\n%v", s, got, want)
		}
	}
}

func FuzzScanMatchesUniseg(f *testing.F) {
	for _, s := range parityTable {
		f.Add(s)
	}
	f.Add("a.b a..b 1,000.5 l'homme x_y \u0301a")
	f.Fuzz(func(t *testing.T, s string) {
		s = normalize(s)
		if got, want := scanNormalized(s), scanAllUniseg(s); !slices.Equal(got, want) {
			t.Fatalf("scanNormalized(%q) =\n%v, uniseg gives\n%v", s, got, want)
		}
	})
}

// TestScanMatchesUnisegRandom compares the two paths on random strings of
// the characters whose classes matter: joiners, marks, format characters,
// regional indicators, invalid bytes, and letters of several scripts.
func TestScanMatchesUnisegRandom(t *testing.T) {
	pool := []string{"a", "Z", "1", ".", "'", ",", ";", ":", "_", " ", "\n", "\t", "人", "口", "，", "、", "ا", "ب", "،", "؟",
		"é", "ß", "\u0301", "\u200d", "\xff", "\xc3", "ｶ", "ﾞ", "가", "\u3000", "«", "—", "…", "١", "ـ", "ﻻ", "\u00ad",
		"🇫", "🇷", "👍", "\u05d0", "\"", "ж", "\u202f", "\u2019"}
	r := rand.New(rand.NewPCG(1, 1))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pool[r.IntN(len(pool))])
		}
		s := normalize(b.String())
		if got, want := scanNormalized(s), scanAllUniseg(s); !slices.Equal(got, want) {
			t.Fatalf("scanNormalized(%q) =\n%v, uniseg gives\n%v", s, got, want)
		}
	}
}

// TestToNFC holds toNFC to norm.NFC on every character alone, after a
// letter, before a combining mark, and in the test table's strings.
func TestToNFC(t *testing.T) {
	check := func(s string) {
		if got, want := toNFC(s), norm.NFC.String(s); got != want {
			t.Fatalf("toNFC(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r < 0x30000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		c := string(r)
		check(c)
		check("a" + c)
		check("\u1100" + c) // a Hangul leading consonant composes with vowels
		check(c + "\u0301")
		check(c + "\u0653")
		check(c + "\u3099") // kana voicing mark
	}
	for _, s := range parityTable {
		check(s)
	}
}

// TestLowerASCII holds lowerASCII, which lowers 8 bytes at a time, to
// lowering a byte at a time, on every byte value at every position.
func TestLowerASCII(t *testing.T) {
	for c := range 256 {
		for n := range 20 {
			for at := range n {
				s := []byte(strings.Repeat("aZ@[`{\x80\xff", 3))[:n]
				s[at] = byte(c)
				want := make([]byte, len(s))
				for i, c := range s {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					want[i] = c
				}
				if got := lowerASCII(string(s)); got != string(want) {
					t.Fatalf("lowerASCII(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

// TestWordBreakClassLetters holds what scanFast takes for granted: the
// characters it classes as letters and digits are letters or numbers to
// package unicode, and _ (ExtendNumLet) is neither, so that a word has a
// letter or a digit (hasLetterOrDigit) if it has a character of either
// class.
func TestWordBreakClassLetters(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		switch wordBreakClass(r) {
		case wbLetter, wbNumeric:
			if !hasLetterOrDigit(string(r)) {
				t.Errorf("%U is classed a letter or digit, but is neither to package unicode", r)
			}
		case wbExtendNumLet:
			if hasLetterOrDigit(string(r)) {
				t.Errorf("%U is classed ExtendNumLet, but is a letter or number to package unicode", r)
			}
		}
	}
}
