package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axeScript reads axe-core from node_modules (npm ci at the repository root).
func axeScript(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		var data []byte
		data, axeErr = os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
		axeSource = string(data)
	})
	if axeErr != nil {
		t.Fatalf("axe-core is missing: run npm ci at the repository root (%v)", axeErr)
	}
	return axeSource
}

// axeViolation is one rule that failed, with a few of the elements.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
	Count int `json:"count"`
}

// colorRules are the axe rules whose outcome depends on colours only: after
// a switch to the dark scheme, which changes nothing but colours, only they
// need to run again.
const colorRules = `["color-contrast", "link-in-text-block"]`

// runAxe injects axe-core into the page (once) and returns its serious and
// critical violations; minor and moderate ones are logged.
// context is a CSS selector of the part of the page to check ("" for all).
func (tb *tab) runAxe(context, rules string) []axeViolation {
	tb.t.Helper()
	axeScript(tb.t) // fails with "run npm ci" when node_modules is missing
	if !eval[bool](tb, "typeof window.axe === 'object'") {
		if eval[string](tb, "location.protocol") == "http:" {
			eval[bool](tb, `new Promise(function (resolve, reject) {
  var s = document.createElement("script");
  s.src = "`+axePath+`";
  s.onload = function () { resolve(true); };
  s.onerror = function () { reject(new Error("cannot load `+axePath+`")); };
  document.head.appendChild(s);
})`)
		} else {
			eval[bool](tb, axeScript(tb.t)+";true")
		}
	}
	options := "{resultTypes: ['violations']}"
	if rules != "" {
		options = "{resultTypes: ['violations'], runOnly: {type: 'rule', values: " + rules + "}}"
	}
	target := "document"
	if context != "" {
		target = jsString(context)
	}
	all := eval[[]axeViolation](tb, `axe.run(`+target+`, `+options+`).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 4).map(function (n) {
        return {target: n.target.join(" "), html: n.html.slice(0, 160), summary: (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 300)};
      })};
  });
})`)
	var serious []axeViolation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, v)
		} else {
			tb.t.Logf("axe %s (%s, %d elements): %s", v.ID, v.Impact, v.Count, v.Help)
		}
	}
	return serious
}

func (tb *tab) reportAxe(where string, violations []axeViolation) {
	tb.t.Helper()
	for _, v := range violations {
		// Each element separately, so that a known issue on one element
		// does not hide a new one on another.
		for i, n := range v.Nodes {
			more := ""
			if i == len(v.Nodes)-1 && v.Count > len(v.Nodes) {
				more = fmt.Sprintf(" (and %d more elements)", v.Count-len(v.Nodes))
			}
			msg := fmt.Sprintf("%s: axe %s (%s): %s\n\t%s\n\t  %s\n\t  %s%s", where, v.ID, v.Impact, v.Help, n.Target, n.HTML, n.Summary, more)
			failUnlessKnown(tb.t, v.ID+" "+n.Target, msg)
		}
	}
}

// settle waits for running CSS transitions and animations to end (2 s at
// most): a colour switch starts transitions, and axe would measure colours
// half-way.
func (tb *tab) settle() {
	tb.t.Helper()
	eval[bool](tb, `Promise.race([
  Promise.all(document.getAnimations().map(function (a) { return a.finished; })),
  new Promise(function (resolve) { setTimeout(resolve, 2000); })
]).then(function () { return true; })`)
}

// checkAxeLightDark runs axe in the light scheme, then the colour rules in
// the dark scheme (prefers-color-scheme: dark), on the page as it is.
// context limits the check to a part of the page ("" for all of it).
func (tb *tab) checkAxeLightDark(where, context string) {
	tb.t.Helper()
	tb.emulateMedia("prefers-color-scheme", "light")
	tb.reportAxe(where+" (light)", tb.runAxe(context, ""))
	tb.emulateMedia("prefers-color-scheme", "dark")
	tb.settle()
	tb.reportAxe(where+" (dark)", tb.runAxe(context, colorRules))
	tb.emulateMedia("prefers-color-scheme", "light")
}

// TestAccessibility runs axe-core, and checks the landmarks, on every kind
// of page in English, Chinese and Arabic, light and dark: home, module, lessons that together show
// every kind of block, glossary, printable module, the 404 page, a lesson
// with its search results open, and one with a quiz answered; and, on the
// partial course, Arabic pages shown in English with the notice of a
// missing translation.
func TestAccessibility(t *testing.T) {
	requireBrowser(t)
	axeScript(t)
	for _, lang := range []string{"en", "zh", "ar"} {
		t.Run(lang, func(t *testing.T) {
			var pages []builtPage
			pages = append(pages, pagesOf(t, siteDir, "home", lang)...)
			if s := pagesOf(t, siteDir, "section", lang); len(s) > 0 {
				pages = append(pages, s[0])
			}
			lessons, covered := lessonsCoveringBlocks(t, lang)
			t.Logf("lessons covering %s: %d", strings.Join(covered, ", "), len(lessons))
			pages = append(pages, lessons...)
			pages = append(pages, pagesOf(t, siteDir, "glossary", lang)...)
			// The shortest printable module: they all use one template.
			if prints := pagesOf(t, siteDir, "print", lang); len(prints) > 0 {
				pages = append(pages, shortestPage(prints))
			}
			for _, p := range pages {
				t.Run(p.Kind+"/"+strings.TrimSuffix(p.Dir(), "/"), func(t *testing.T) {
					t.Parallel()
					tb := newTab(t)
					tb.open(siteURL(p.Dir()))
					tb.checkAxeLightDark(p.Dir(), "")
					tb.checkLandmarks(p.Dir())
				})
			}
			{
				// The test server answers with 404.html, in the first
				// language, with absolute links; its script moves a
				// reader of another language to that language's page.
				t.Run("404", func(t *testing.T) {
					t.Parallel()
					tb := newTab(t)
					tb.allowLogError(`status of 404`)
					tb.open(siteURL(lang + "/no-such-lesson/"))
					tb.waitFor("404 page styled, in "+lang, "document.documentElement.lang === "+strconv.Quote(lang)+" && document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 0", 5*time.Second)
					tb.checkAxeLightDark("404", "")
					tb.checkLandmarks("404")
				})
			}
			t.Run("search-open", func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				lesson := lessons[0]
				tb.open(siteURL(lesson.Dir()))
				tb.openSearch(searchWords[lang][0])
				// The rest of the page is checked above: only the box and
				// its results are new.
				tb.checkAxeLightDark(lesson.Dir()+" with search results open", "[data-fg-search]")
			})
			t.Run("quiz-answered", func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				q := quizLesson(t, lang, "radio")
				tb.open(siteURL(q.Dir()))
				quiz := tb.quizzes()[0]
				tb.requireQuizJS(quiz)
				tb.answerQuiz(quiz, false)
				tb.checkAxeLightDark(q.Dir()+" with a quiz answered", "#"+quiz.ID)
			})
		})
	}
	// The real course is translated in full, so it no longer shows the
	// notice of a missing translation, nor English text (lang="en"
	// dir="ltr") inside an Arabic right-to-left page: the partial course,
	// whose Arabic untranslatedModule is shown in English, does.
	t.Run("ar-untranslated", func(t *testing.T) {
		for _, p := range untranslatedPages(t, "ar") {
			t.Run(p.Kind+"/"+strings.TrimSuffix(p.Dir(), "/"), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				tb.open(partialURL(p.Dir()))
				// What this subtest is for: were the page translated
				// after all, it would pass while checking nothing new.
				if !eval[bool](tb, `document.documentElement.lang === "ar" && document.documentElement.dir === "rtl" &&
  document.querySelector(".notice-fallback") !== null && document.querySelector("main [lang=en][dir=ltr]") !== null`) {
					t.Fatalf("%s of the partial course is not an Arabic right-to-left page showing English text with the notice of a missing translation", p.Dir())
				}
				tb.checkAxeLightDark(p.Dir()+" (shown in English)", "")
				tb.checkLandmarks(p.Dir() + " (shown in English)")
			})
		}
	})
}

// untranslatedPages returns pages of the partial course (partialDir) in
// lang that show the notice of a missing translation: its module page,
// lessons that together show every kind of block of its untranslated
// lessons, and its shortest printable module. It fails the test when a
// kind has no such page: the checks would pass on nothing.
func untranslatedPages(t *testing.T, lang string) []builtPage {
	t.Helper()
	fallback := map[string][]builtPage{}
	for _, p := range pagesOf(t, partialDir, "", lang) {
		if strings.Contains(p.HTML, "notice-fallback") {
			fallback[p.Kind] = append(fallback[p.Kind], p)
		}
	}
	for _, kind := range []string{"section", "page", "print"} {
		if len(fallback[kind]) == 0 {
			t.Fatalf("the partial course has no %s page in %s shown with the notice of a missing translation (%s left out of content/%s)", kind, lang, untranslatedModule, lang)
		}
	}
	lessons, covered := coveringBlocks(fallback["page"])
	if !slices.Contains(covered, "fallback-notice") {
		t.Fatalf("the lessons of the partial course shown in English match no blockMarkers[\"fallback-notice\"] (covered: %s)", strings.Join(covered, ", "))
	}
	t.Logf("untranslated lessons covering %s: %d", strings.Join(covered, ", "), len(lessons))
	pages := []builtPage{fallback["section"][0]}
	pages = append(pages, lessons...)
	return append(pages, shortestPage(fallback["print"]))
}

// shortestPage is the page with the least HTML.
func shortestPage(pages []builtPage) builtPage {
	shortest := pages[0]
	for _, p := range pages {
		if len(p.HTML) < len(shortest.HTML) {
			shortest = p
		}
	}
	return shortest
}
