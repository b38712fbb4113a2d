package blocks

import (
	"testing"
	"unicode"
)

// TestCaseless checks that every rune caseless lets through folds to
// itself and is no space, as textRun.add's general case would have it.
func TestCaseless(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if caseless(r) && (unicode.IsSpace(r) || unicode.ToLower(r) != r) {
			t.Errorf("caseless(%U), but IsSpace %v, ToLower %U", r, unicode.IsSpace(r), unicode.ToLower(r))
		}
	}
}
