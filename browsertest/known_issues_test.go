package browsertest

import (
	"os"
	"strings"
	"testing"
)

// knownIssue is a failure that was found, reported to the owner of the
// code at fault, and is being fixed. While it is listed, the check logs it
// as KNOWN ISSUE instead of failing, so that the rest of the suite keeps
// guarding everything else; any other failure of the same check still
// fails. Delete the entry with the fix. BROWSERTEST_STRICT=1 turns every
// known issue back into a failure.
type knownIssue struct {
	// key is matched as a substring of the failure's key (for axe: "rule
	// selector", for the page weight: "page-weight").
	key string
	// owner and what to do.
	note string
}

var knownIssues = []knownIssue{
	{"color-contrast .callout-warning > .callout-title > .callout-label",
		"theme (layouts/assets/css/10-theme.css): --warning #9a6700 on --surface #f4f6f8 is 4.49:1, AA needs 4.5:1; e.g. #946200"},
	{"scrollable-region-focusable .fg-search-popup",
		"search (layouts/assets/css/40-search.css, partials/search.html): the popup scrolls but holds nothing focusable (options are aria-activedescendant); let the listbox, not the popup, scroll and give it tabindex=\"-1\", or drop the popup's overflow"},
	{"page-weight",
		"search and theme: lessons weigh more than the 60 kB budget (105 kB before minifying: 40-search.js alone is 39 kB of script every page loads though only the box needs it at first; chroma's CSS 9.6 kB though the course has no code)"},
	{"search-enter-race",
		"search (layouts/assets/js/40-search.js): Enter within the 60 ms debounce after the last keystroke is dropped (popup not yet open) or acts on the previous query's results; on Enter, run the pending update first, then go to its first result"},
	{"fallback-canonical",
		"build: pages shown in the default language for want of a translation (ar/case-scenarios/…) have no canonical link; give them the original's URL or noindex"},
}

// knownPageWeightCeiling bounds the page weight while its known issue is
// open, so that it cannot grow further unnoticed.
const knownPageWeightCeiling = 112 * 1024

func strictMode() bool { return os.Getenv("BROWSERTEST_STRICT") == "1" }

// known returns the known issue matching key, unless in strict mode.
func known(key string) (knownIssue, bool) {
	if strictMode() {
		return knownIssue{}, false
	}
	for _, k := range knownIssues {
		if strings.Contains(key, k.key) {
			return k, true
		}
	}
	return knownIssue{}, false
}

// failUnlessKnown reports a failure, or logs it when it is a known issue.
func failUnlessKnown(t testing.TB, key, msg string) {
	t.Helper()
	if k, ok := known(key); ok {
		t.Logf("KNOWN ISSUE (%s): %s", k.note, msg)
		return
	}
	t.Error(msg)
}
