package markdown

import (
	"strings"
	"testing"
	"unicode"
)

// slugReference is Slug as it was written first, lowering the whole
// string before reading it: Slug must keep making the same ids.
func slugReference(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	return b.String()
}

var slugCases = []string{
	"", "Why interview?", "Qu'est-ce que la traite ?", "为什么要面谈", "ما هو الاتجار بالبشر",
	"  Officer’s  notes -- 2024 ", "KELVIN \u212a and İstanbul", "a\xffb", "ÀÉÎ ÕÜ", "नमस्ते दुनिया",
}

func TestSlugIsReference(t *testing.T) {
	for _, s := range slugCases {
		if got, want := Slug(s), slugReference(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range slugCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slug(s), slugReference(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestPlainLetter holds Slug's fast path to its general case: every rune
// plainLetter lets through is one the Unicode tables keep, as it is.
func TestPlainLetter(t *testing.T) {
	n := 0
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if !plainLetter(r) {
			continue
		}
		n++
		lower := unicode.ToLower(r)
		if lower != r || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)) {
			t.Errorf("plainLetter(%U %q), but Slug's general case does not keep it as it is", r, r)
		}
	}
	if n == 0 {
		t.Fatal("plainLetter lets nothing through")
	}
}
