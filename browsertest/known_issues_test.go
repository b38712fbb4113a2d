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

// Fixed since they were found: warning-callout contrast (--warning is now
// #946200), the search popup's scroll region (now focusable), page weight
// (CSS and JS minified, the search engine loaded on first use, chroma's CSS
// only on pages with code), Enter right after typing, and canonical links of
// fallback pages. Add new ones here only with an owner and a fix in mind.
var knownIssues = []knownIssue{}

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
