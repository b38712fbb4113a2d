package search

import (
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
			[]string{"identifying", "victims", "first", "line", "support", "e.g", "3", "steps"}},
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

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		query string
		want  []queryTerm
	}{
		{"traff", []queryTerm{{"traff", true}}},
		{"trafficking ", []queryTerm{{"trafficking", false}}},
		{"victim traff", []queryTerm{{"victim", false}, {"traff", true}}},
		{"victim.", []queryTerm{{"victim", false}}},
		{"Victim victim", []queryTerm{{"victim", false}}},
		{"人口", []queryTerm{{"人口", false}}},
		{"人口贩卖", []queryTerm{{"人口", false}, {"口贩", false}, {"贩卖", false}}},
		{"人", []queryTerm{{"人", false}}},
		{"人口 traff", []queryTerm{{"人口", false}, {"traff", true}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := queryTerms("en", tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("queryTerms(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range parityTable {
		f.Add(s)
	}
	f.Add("\xff\xfe invalid \xc3")
	f.Fuzz(func(t *testing.T, text string) {
		terms := Tokenize("en", text)
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

func TestArabicArticle(t *testing.T) {
	// ئ folds to ي (its hamza is dropped).
	if got, want := Tokenize("ar", "بالوثائق الضحايا للضحايا وثائق ال الي"), []string{
		"بالوثايق", "وثايق", "الضحايا", "ضحايا", "للضحايا", "ضحايا", "وثايق", "ال", "الي",
	}; !slices.Equal(got, want) {
		t.Errorf("Tokenize = %q, want %q", got, want)
	}
	if got, want := queryTerms("ar", "الوثائق ضحايا"), []queryTerm{{"وثايق", false}, {"ضحايا", true}}; !slices.Equal(got, want) {
		t.Errorf("queryTerms = %v, want %v", got, want)
	}
}
