package browsertest

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/output"
)

// A lesson every language of the course has, with a scenario, a discussion
// and glossary terms.
const sampleLesson = "indicators/third-party-control/"

// featureScriptMissing is called when a control that a script should
// reveal stays hidden. While the site's script has no code for the feature
// (it does not mention marker), the feature is not written yet and the test
// skips; when the code is there, the script failed, and so does the test.
func (tb *tab) featureScriptMissing(marker, symptom, script string) {
	tb.t.Helper()
	matches, _ := filepath.Glob(filepath.Join(siteDir, "assets", "fieldguide.*.js"))
	for _, m := range matches {
		if data, err := os.ReadFile(m); err == nil && strings.Contains(string(data), marker) {
			tb.t.Fatalf("%s although the site's script has %s: it did not run (see the exceptions below)", symptom, script)
		}
	}
	tb.t.Skipf("%s: %s is not in the build yet", symptom, script)
}

// waitURLChange waits until the tab shows a loaded document at a URL other
// than before, whatever the navigation (a new page, or a new #fragment).
func (tb *tab) waitURLChange(before string, timeout time.Duration) string {
	tb.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		cancel()
		if err == nil && href != "" && href != before {
			return href
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatalf("still at %s after %v", before, timeout)
	return ""
}

func TestLanguageSwitcherKeepsTheLesson(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("en/" + sampleLesson))
	for _, lang := range []string{"fr", "zh"} {
		tb.clickToPage(`nav.languages a[hreflang="` + lang + `"]`)
		want := siteURL(lang + "/" + sampleLesson)
		if got := tb.location(); got != want {
			t.Fatalf("the %s link of the language switcher led to %s, want %s", lang, got, want)
		}
		if got := eval[string](tb, "document.documentElement.lang"); got != lang {
			t.Errorf("%s: <html lang=%q>", want, got)
		}
		current := eval[string](tb, `(document.querySelector('nav.languages a[aria-current]') || {}).hreflang || ""`)
		if current != lang {
			t.Errorf("%s: the switcher marks %q as the current language", want, current)
		}
		if eval[string](tb, `document.querySelector("main h1").textContent.trim()`) == "" {
			t.Errorf("%s: the lesson has no title", want)
		}
	}
}

func TestArabicIsRightToLeft(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("ar/" + sampleLesson))
	type box struct{ Left, Right, Width float64 }
	got := eval[struct {
		Dir, Lang string
		Nav, Main box
		Title     box
		ViewWidth float64
	}](tb, `(function () {
  function box(sel) { var r = document.querySelector(sel).getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width}; }
  return {dir: document.documentElement.dir, lang: document.documentElement.lang,
    nav: box("#site-nav"), main: box("main"), title: box(".site-title"), viewWidth: document.documentElement.clientWidth};
})()`)
	if got.Dir != "rtl" || got.Lang != "ar" {
		t.Errorf(`<html lang=%q dir=%q>, want lang="ar" dir="rtl"`, got.Lang, got.Dir)
	}
	// At 1280 px the layout has its columns side by side: the navigation,
	// on the left in English, is on the right in Arabic.
	if got.Nav.Left < got.Main.Right-1 {
		t.Errorf("the navigation (x %.0f–%.0f) is not to the right of the main content (x %.0f–%.0f)", got.Nav.Left, got.Nav.Right, got.Main.Left, got.Main.Right)
	}
	if got.Title.Right < got.ViewWidth/2 {
		t.Errorf("the site title (x %.0f–%.0f) is not on the right of the header", got.Title.Left, got.Title.Right)
	}
	tb.open(siteURL("en/" + sampleLesson))
	en := eval[struct{ Nav, Main box }](tb, `(function () {
  function box(sel) { var r = document.querySelector(sel).getBoundingClientRect(); return {left: r.left, right: r.right}; }
  return {nav: box("#site-nav"), main: box("main")};
})()`)
	if en.Nav.Right > en.Main.Left+1 {
		t.Errorf("in English the navigation (x %.0f–%.0f) is not to the left of the main content (x %.0f–%.0f)", en.Nav.Left, en.Nav.Right, en.Main.Left, en.Main.Right)
	}
}

// focusInfo describes the focused element and how its focus shows.
type focusInfo struct {
	Desc          string  `json:"desc"`
	Outline       string  `json:"outline"`
	OutlineWidth  float64 `json:"outlineWidth"`
	BoxShadow     string  `json:"boxShadow"`
	Top, Bottom   float64 `json:"-"`
	Left, Right   float64 `json:"-"`
	Width, Height float64
	InView        bool `json:"inView"`
	ID            string
	Class         string
}

const focusedJS = `(function () {
  var e = document.activeElement;
  if (!e || e === document.body) return {desc: "body"};
  var cs = getComputedStyle(e), r = e.getBoundingClientRect();
  var text = (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return {desc: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " “" + text + "”",
    outline: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, boxShadow: cs.boxShadow,
    width: r.width, height: r.height, id: e.id, class: String(e.className),
    inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < document.documentElement.clientWidth};
})()`

func (f focusInfo) visibleFocus() bool {
	return (f.Outline != "none" && f.OutlineWidth >= 1) || (f.BoxShadow != "" && f.BoxShadow != "none")
}

// TestSkipLink: the first Tab reaches the skip link, which shows, and Enter
// moves the focus to the main content.
func TestSkipLink(t *testing.T) {
	for _, lang := range []string{"en", "zh", "ar"} {
		t.Run(lang, func(t *testing.T) {
			tb := newTab(t)
			tb.open(siteURL(lang + "/" + sampleLesson))
			tb.pressKey(kb.Tab)
			f := eval[focusInfo](tb, focusedJS)
			if !strings.Contains(f.Class, "skip-link") {
				t.Fatalf("the first Tab focuses %s, not the skip link", f.Desc)
			}
			if !f.InView || f.Width < 1 || f.Height < 1 {
				t.Errorf("the focused skip link is not visible (%.0f×%.0f, in view: %v)", f.Width, f.Height, f.InView)
			}
			if !f.visibleFocus() {
				t.Errorf("the focused skip link has no focus indicator (outline %s %.0fpx, box-shadow %s)", f.Outline, f.OutlineWidth, f.BoxShadow)
			}
			tb.pressKey(kb.Enter)
			tb.waitFor("focus on main", `document.activeElement && document.activeElement.id === "main"`, 3*time.Second)
			if h := eval[string](tb, "location.hash"); h != "#main" {
				t.Errorf("after the skip link, location.hash = %q", h)
			}
			// The next Tab continues inside the main content.
			tb.pressKey(kb.Tab)
			if inMain := eval[bool](tb, `!!document.activeElement.closest("main")`); !inMain {
				t.Errorf("Tab after the skip link focuses %s, outside main", eval[focusInfo](tb, focusedJS).Desc)
			}
		})
	}
}

// TestFocusVisible tabs through the first stops of a lesson and of the home
// page: each focused element must be visible, in view, and show a focus
// indicator.
func TestFocusVisible(t *testing.T) {
	for _, page := range []string{"en/" + sampleLesson, "en/", "ar/" + sampleLesson} {
		t.Run(strings.TrimSuffix(page, "/"), func(t *testing.T) {
			tb := newTab(t)
			tb.open(siteURL(page))
			seen := map[string]bool{}
			for i := 0; i < 40; i++ {
				tb.pressKey(kb.Tab)
				f := eval[focusInfo](tb, focusedJS)
				if f.Desc == "body" || seen[f.Desc] {
					break
				}
				seen[f.Desc] = true
				switch {
				case f.Width < 1 || f.Height < 1:
					t.Errorf("Tab stop %d, %s, is invisible (%.0f×%.0f): a keyboard user lands on nothing", i+1, f.Desc, f.Width, f.Height)
				case !f.InView:
					t.Errorf("Tab stop %d, %s, is out of view", i+1, f.Desc)
				case !f.visibleFocus():
					t.Errorf("Tab stop %d, %s, shows no focus (outline %s %.0fpx, box-shadow %s)", i+1, f.Desc, f.Outline, f.OutlineWidth, f.BoxShadow)
				}
			}
			if len(seen) < 5 {
				t.Errorf("only %d Tab stops on %s", len(seen), page)
			}
		})
	}
}

// checkLandmarks: one banner, one main, one contentinfo, and every
// navigation region named, as a screen reader user expects to jump between
// them.
func (tb *tab) checkLandmarks(where string) {
	tb.t.Helper()
	got := eval[struct {
		Banner, Main, Contentinfo int
		UnnamedNav                []string
	}](tb, `(function () {
  function top(sel) { return Array.prototype.filter.call(document.querySelectorAll(sel), function (e) { return !e.closest("article, aside, main, nav, section"); }).length; }
  var unnamed = Array.prototype.filter.call(document.querySelectorAll("nav"), function (n) { return !n.getAttribute("aria-label") && !n.getAttribute("aria-labelledby"); })
    .map(function (n) { return n.className || n.outerHTML.slice(0, 60); });
  return {banner: top("header"), main: document.querySelectorAll("main").length, contentinfo: top("footer"), unnamedNav: unnamed};
})()`)
	if got.Banner != 1 || got.Main != 1 || got.Contentinfo != 1 {
		tb.t.Errorf("%s: landmarks: %d banner, %d main, %d contentinfo; want one of each", where, got.Banner, got.Main, got.Contentinfo)
	}
	for _, n := range got.UnnamedNav {
		tb.t.Errorf("%s: a <nav> has no accessible name: %s", where, n)
	}
}

// overflowJS lists the elements that stick out of the viewport sideways,
// except those inside a scrolling box (a wide table scrolls by itself).
const overflowJS = `(function () {
  var root = document.documentElement, W = root.clientWidth, out = [];
  function clipped(e) {
    for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  }
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    if ((r.right > W + 1 || r.left < -1) && !clipped(e)) {
      var cls = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "";
      out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + cls + " x " + Math.round(r.left) + "–" + Math.round(r.right) +
        " “" + (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40) + "”");
    }
  });
  return {scrollWidth: root.scrollWidth, clientWidth: W, culprits: out.slice(-8)};
})()`

type overflow struct {
	ScrollWidth, ClientWidth int
	Culprits                 []string
}

func (tb *tab) checkNoHorizontalScroll(where string) {
	tb.t.Helper()
	o := eval[overflow](tb, overflowJS)
	if o.ScrollWidth > o.ClientWidth {
		tb.t.Errorf("%s scrolls sideways: scrollWidth %d > clientWidth %d; sticking out:\n\t%s", where, o.ScrollWidth, o.ClientWidth, strings.Join(o.Culprits, "\n\t"))
	}
}

// TestNarrowScreen: at 320 CSS px (a small phone, or 1280 px at 400 %
// zoom, WCAG 1.4.10) nothing scrolls sideways.
func TestNarrowScreen(t *testing.T) {
	for _, lang := range []string{"en", "zh", "ar"} {
		// The lesson has a wide table and a quiz.
		for _, page := range []string{"", "understanding-trafficking/forms-of-exploitation/", "glossary/"} {
			t.Run(lang+"/"+strings.TrimSuffix(page, "/"), func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				tb.viewport(320, 640, 1)
				tb.open(siteURL(lang + "/" + page))
				tb.checkNoHorizontalScroll(lang + "/" + page + " at 320 px")
			})
		}
	}
}

// TestZoom200: a 1280 px window zoomed to 200 % is a 640 CSS px viewport
// at twice the pixel density. The page must not scroll sideways, text keeps
// its size, the header's controls stay on screen, and the menu link leads
// to the navigation.
func TestZoom200(t *testing.T) {
	for _, page := range []string{"en/", "en/" + sampleLesson, "en/glossary/", "ar/" + sampleLesson} {
		t.Run(strings.TrimSuffix(page, "/"), func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.viewport(640, 450, 2)
			tb.open(siteURL(page))
			tb.checkNoHorizontalScroll(page + " at 200 % zoom")
			got := eval[struct {
				FontSize  float64
				Offscreen []string
				MenuOK    bool
			}](tb, `(function () {
  var W = document.documentElement.clientWidth, off = [];
  document.querySelectorAll(".site-header a, .site-header input, .site-header button").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (e.closest("[hidden]") || getComputedStyle(e).display === "none" || e.classList.contains("skip-link")) return;
    if (r.width === 0 || r.left < -1 || r.right > W + 1) off.push(e.tagName.toLowerCase() + " “" + (e.textContent || e.placeholder || "").trim().slice(0, 30) + "” x " + Math.round(r.left) + "–" + Math.round(r.right));
  });
  var menu = document.querySelector("a.menu-link");
  var menuOK = !menu || (menu.getBoundingClientRect().width > 0 && !!document.querySelector(menu.getAttribute("href")));
  return {fontSize: parseFloat(getComputedStyle(document.querySelector("main .content p") || document.body).fontSize), offscreen: off, menuOK: menuOK};
})()`)
			if got.FontSize < 16 {
				t.Errorf("body text is %.1f CSS px at 640 px wide, want at least 16", got.FontSize)
			}
			for _, o := range got.Offscreen {
				t.Errorf("header control off screen at 200 %% zoom: %s", o)
			}
			if !got.MenuOK {
				t.Error("the menu link is hidden or leads nowhere at 200 % zoom, where the navigation is below the content")
			}
		})
	}
}

// TestReducedMotion: with prefers-reduced-motion: reduce, nothing animates
// or transitions, and scrolling is not smooth.
func TestReducedMotion(t *testing.T) {
	tb := newTab(t)
	tb.emulateMedia("prefers-reduced-motion", "reduce")
	tb.open(siteURL("en/understanding-trafficking/palermo-definition/"))
	moving := eval[[]string](tb, `(function () {
  function secs(list) { return list.split(",").some(function (d) { return parseFloat(d) > 0; }); }
  var out = [];
  if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") out.push("html: scroll-behavior smooth");
  document.querySelectorAll("*").forEach(function (e) {
    [null, "::before", "::after"].forEach(function (pseudo) {
      var cs = getComputedStyle(e, pseudo);
      var what = e.tagName.toLowerCase() + (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "") + (pseudo || "");
      if (cs.animationName !== "none" && secs(cs.animationDuration)) out.push(what + ": animation " + cs.animationName + " " + cs.animationDuration);
      if (secs(cs.transitionDuration)) out.push(what + ": transition " + cs.transitionProperty + " " + cs.transitionDuration);
    });
  });
  return out.slice(0, 10);
})()`)
	for _, m := range moving {
		t.Errorf("moves despite prefers-reduced-motion: reduce: %s", m)
	}
}

// TestPageWeightInBrowser loads a lesson and adds up what the browser
// fetched for it (HTML, CSS, JS: not images, not search shards), against
// the same budget as TestPageWeight, and checks that no font is loaded.
func TestPageWeightInBrowser(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("en/understanding-trafficking/palermo-definition/"))
	got := eval[struct {
		Total int
		Parts []string
		Fonts []string
	}](tb, `(function () {
  var nav = performance.getEntriesByType("navigation")[0], total = nav.decodedBodySize, parts = ["HTML " + nav.decodedBodySize], fonts = [];
  performance.getEntriesByType("resource").forEach(function (r) {
    if (/\.(woff2?|ttf|otf|eot)(\?|$)/.test(r.name) || r.initiatorType === "css" && /font/.test(r.name)) fonts.push(r.name);
    if (r.initiatorType === "img" || /\.(png|jpe?g|gif|svg|webp|avif|ico)(\?|$)/.test(r.name) || /\/search\//.test(r.name)) return;
    total += r.decodedBodySize;
    parts.push(r.name.replace(/^.*\//, "") + " " + r.decodedBodySize);
  });
  return {total: total, parts: parts, fonts: fonts};
})()`)
	t.Logf("the lesson weighs %d bytes in the browser (%s)", got.Total, strings.Join(got.Parts, " + "))
	if got.Total > pageWeightBudget {
		checkPageWeights(t, []string{fmt.Sprintf("en/understanding-trafficking/palermo-definition/ weighs %d bytes in the browser (%s), over the budget of %d",
			got.Total, strings.Join(got.Parts, " + "), pageWeightBudget)}, []int{got.Total})
	}
	for _, f := range got.Fonts {
		t.Errorf("web font loaded: %s", f)
	}
}

// TestScenarioDiscussion: a scenario's discussion is collapsed and opens
// with a click, then closes with the keyboard.
func TestScenarioDiscussion(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("en/" + sampleLesson))
	if eval[int](tb, `document.querySelectorAll(".scenario details.discussion").length`) == 0 {
		t.Skip("no <details class=\"discussion\"> inside a .scenario in " + sampleLesson + ": scenario blocks not rendered yet (generator/blocks)")
	}
	if eval[bool](tb, `document.querySelector("details.discussion").open`) {
		t.Fatal("the discussion is open before any click")
	}
	tb.do("clicking the discussion", chromedp.Click(chromedp.CSS("details.discussion > summary"), chromedp.NodeVisible))
	tb.waitFor("discussion open", `document.querySelector("details.discussion").open`, 2*time.Second)
	if h := eval[float64](tb, `(function () { var d = document.querySelector("details.discussion"); var s = d.querySelector("summary"); return d.getBoundingClientRect().height - s.getBoundingClientRect().height; })()`); h < 20 {
		t.Errorf("the open discussion shows nothing (%.0f px below its summary)", h)
	}
	if !eval[bool](tb, `document.activeElement === document.querySelector("details.discussion > summary")`) {
		tb.do("focusing the summary", chromedp.Focus(chromedp.CSS("details.discussion > summary")))
	}
	tb.pressKey(kb.Enter)
	tb.waitFor("discussion closed by Enter", `!document.querySelector("details.discussion").open`, 2*time.Second)
}

// quizLesson is the first lesson of a language with a quiz whose inputs
// are of the given type (radio: one answer; checkbox: several).
func quizLesson(t *testing.T, lang, inputType string) builtPage {
	t.Helper()
	marker := blockMarkers["quiz-single"]
	if inputType == "checkbox" {
		marker = blockMarkers["quiz-multiple"]
	}
	for _, p := range pagesOf(t, siteDir, "page", lang) {
		if marker.MatchString(p.HTML) {
			return p
		}
	}
	t.Skipf("no lesson in %s has a quiz with %s inputs (form[data-quiz]): quizzes not rendered yet (generator/blocks)", lang, inputType)
	return builtPage{}
}

type quizOption struct {
	ID, Value, K, Type string
	Label              string
}

type quiz struct {
	ID, Salt string
	Options  []quizOption
	Msg      map[string]string
}

// correct tells a right option from a wrong one as generator/blocks does:
// data-k is FNV-1a of "salt:value:correct" for a right option.
func (q quiz) correct(o quizOption) bool {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s:%s:correct", q.Salt, o.Value)
	return fmt.Sprintf("%08x", h.Sum32()) == o.K
}

func (tb *tab) quizzes() []quiz {
	tb.t.Helper()
	qs := eval[[]quiz](tb, `Array.prototype.map.call(document.querySelectorAll("form[data-quiz]"), function (f) {
  var msg = {};
  ["correct", "incorrect", "partly", "select"].forEach(function (k) { msg[k] = f.getAttribute("data-msg-" + k) || ""; });
  return {id: f.id, salt: f.getAttribute("data-quiz-salt") || "", msg: msg,
    options: Array.prototype.map.call(f.querySelectorAll("input[data-k]"), function (i) {
      return {id: i.id, value: i.value, k: i.getAttribute("data-k"), type: i.type};
    })};
})`)
	if len(qs) == 0 {
		tb.t.Skip("no form[data-quiz] in the page: quizzes not rendered yet (generator/blocks)")
	}
	return qs
}

// requireQuizJS skips while the quiz script is absent: it is what shows
// the Check button.
func (tb *tab) requireQuizJS(q quiz) {
	tb.t.Helper()
	if eval[bool](tb, `(function () { var b = document.querySelector("#`+q.ID+` .quiz-check"); return !b || b.hidden; })()`) {
		tb.featureScriptMissing("form[data-quiz]", "the quiz's Check button (.quiz-check) stays hidden", "the quiz script (layouts/assets/js/20-blocks.js)")
	}
}

// answerQuiz picks the right options (or one wrong one), presses Check and
// returns the announced result.
func (tb *tab) answerQuiz(q quiz, right bool) (result string, chosen []quizOption) {
	tb.t.Helper()
	for _, o := range q.Options {
		if q.correct(o) == right {
			chosen = append(chosen, o)
			if !right {
				break
			}
		}
	}
	if len(chosen) == 0 {
		tb.t.Fatalf("quiz #%s has no %v option (answer key %+v)", q.ID, right, q.Options)
	}
	for _, o := range chosen {
		tb.do("choosing "+o.ID, chromedp.Click(chromedp.CSS(`label[for="`+o.ID+`"]`), chromedp.NodeVisible))
	}
	tb.do("pressing Check", chromedp.Click(chromedp.CSS("#"+q.ID+" .quiz-check"), chromedp.NodeVisible))
	tb.waitFor("quiz result", `document.querySelector("#`+q.ID+` .quiz-result").textContent.trim() !== ""`, 3*time.Second)
	return eval[string](tb, `document.querySelector("#`+q.ID+` .quiz-result").textContent.trim()`), chosen
}

// TestQuiz answers a single-answer and a several-answer quiz wrongly, then
// rightly: the result is announced in a live region and the feedback of the
// chosen options shows.
func TestQuiz(t *testing.T) {
	for _, c := range []struct {
		typ     string
		offline bool
	}{{"radio", false}, {"checkbox", false}, {"radio", true}} {
		typ := c.typ
		name := typ
		if c.offline {
			name += "/offline"
		}
		t.Run(name, func(t *testing.T) {
			tb := newTab(t)
			p := quizLesson(t, "en", typ)
			if c.offline {
				// From the unzipped bundle, as a consulate opens it.
				tb.open(fileURL(p.Dir() + "index.html"))
				defer tb.checkRequestsStayInBuild(3)
			} else {
				tb.open(siteURL(p.Dir()))
			}
			var q quiz
			for _, c := range tb.quizzes() {
				if len(c.Options) > 0 && c.Options[0].Type == typ {
					q = c
					break
				}
			}
			tb.requireQuizJS(q)
			live := eval[string](tb, `(function () { var r = document.querySelector("#`+q.ID+` .quiz-result"); return r ? (r.getAttribute("aria-live") || r.getAttribute("role") || "") : "missing"; })()`)
			if live != "polite" && live != "status" && live != "assertive" {
				t.Errorf("the quiz result is not a live region (aria-live/role: %q)", live)
			}

			// The verdict, then the chosen options' feedback: focus moves to
			// "Try again", so the feedback is read from the announcement.
			result, chosen := tb.answerQuiz(q, false)
			if !strings.HasPrefix(result, q.Msg["incorrect"]+": ") && !strings.HasPrefix(result, q.Msg["partly"]+": ") {
				t.Errorf("a wrong answer announces %q, want %q and the feedback", result, q.Msg["incorrect"])
			}
			for _, o := range chosen {
				said := eval[string](tb, `(function () { var f = document.getElementById("`+o.ID+`").closest(".quiz-option").querySelector(".quiz-feedback"); return f ? f.textContent.trim() : ""; })()`)
				if !strings.Contains(result, said) {
					t.Errorf("the announcement %q lacks the feedback of %s: %q", result, o.ID, said)
				}
			}
			for _, o := range chosen {
				if !eval[bool](tb, `(function () { var f = document.getElementById("`+o.ID+`").closest(".quiz-option").querySelector(".quiz-feedback"); return !f || (!f.hidden && f.getBoundingClientRect().height > 0); })()`) {
					t.Errorf("the feedback of the chosen option %s stays hidden", o.ID)
				}
			}
			tb.do("pressing Try again", chromedp.Click(chromedp.CSS("#"+q.ID+" .quiz-retry"), chromedp.NodeVisible))
			tb.waitFor("quiz reset", `!document.querySelector("#`+q.ID+` .quiz-check").hidden && document.querySelector("#`+q.ID+` .quiz-result").textContent === ""`, 3*time.Second)

			result, chosen = tb.answerQuiz(q, true)
			if !strings.HasPrefix(result, q.Msg["correct"]+": ") {
				t.Errorf("the right answer (%d options) announces %q, want %q", len(chosen), result, q.Msg["correct"])
			}
		})
	}
}

// TestMarkComplete: "Mark as complete" marks the lesson in the navigation
// and remembers it after a reload (localStorage), and a second press undoes it.
func TestMarkComplete(t *testing.T) {
	tb := newTab(t)
	url := siteURL("en/" + sampleLesson)
	tb.open(url)
	eval[bool](tb, "localStorage.clear(), true")
	t.Cleanup(func() { chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void]("localStorage.clear()")) })
	tb.open(url)
	if eval[int](tb, `document.querySelectorAll("button.mark-complete").length`) == 0 {
		t.Skip("no button.mark-complete on the lesson (layouts/partials/lesson-footer.html)")
	}
	if eval[bool](tb, `document.querySelector("button.mark-complete").hidden`) {
		tb.featureScriptMissing("mark-complete", "button.mark-complete stays hidden", "the progress script (layouts/assets/js/30-progress.js)")
	}
	// Done: the button pressed, "Completed" beside it for the eye, the
	// navigation link marked.
	const done = `document.querySelector("button.mark-complete").getAttribute("aria-pressed") === "true" &&
  !document.querySelector(".lesson-done-note").hidden &&
  document.querySelector('#site-nav a[aria-current="page"]').classList.contains("done")`
	tb.do("pressing Mark as complete", chromedp.Click(chromedp.CSS("button.mark-complete"), chromedp.NodeVisible))
	tb.waitFor("lesson marked complete (button pressed, nav link .done)", done, 3*time.Second)
	// Kept under the course's own key: copies of other courses opened from
	// file:// share the origin.
	if !eval[bool](tb, `localStorage.getItem("fieldguide-progress:" + document.documentElement.getAttribute("data-course")) !== null && document.documentElement.getAttribute("data-course") === "identifying-and-supporting-victims-of-trafficking"`) {
		t.Error("progress is not kept under the course's own key")
	}
	tb.do("reloading", chromedp.Reload())
	tb.waitFor("completion kept after a reload", done, 3*time.Second)
	tb.open(siteURL("en/indicators/"))
	if !eval[bool](tb, `(function () { var a = document.querySelector('#site-nav a[data-progress-id="indicators/third-party-control"]'); return !!a && a.classList.contains("done"); })()`) {
		t.Error("on the module page, the navigation does not show the lesson as done")
	}
	tb.open(url)
	tb.do("pressing the button again", chromedp.Click(chromedp.CSS("button.mark-complete"), chromedp.NodeVisible))
	tb.waitFor("completion undone", `document.querySelector("button.mark-complete").getAttribute("aria-pressed") === "false" &&
  document.querySelector(".lesson-done-note").hidden &&
  !document.querySelector('#site-nav a[aria-current="page"]').classList.contains("done")`, 3*time.Second)
}

// searchWords are typed into the search box of each language: French
// with and without its accent, Chinese without spaces, Arabic.
var searchWords = map[string][]string{
	"en": {"passport"},
	"fr": {"securite"}, // without its accent: the pages say “sécurité”
	"zh": {"债务"},
	"ar": {"جواز"},
}

// requireSearch skips while the search feature is absent from the page.
func (tb *tab) requireSearch() {
	tb.t.Helper()
	if !eval[bool](tb, `!!document.querySelector("[data-fg-search] input")`) {
		tb.t.Skip("no search box ([data-fg-search] input) in the page: layouts/partials/search.html not written yet")
	}
	if eval[bool](tb, `document.querySelector("[data-fg-search]").hidden`) {
		tb.featureScriptMissing("data-fg-search", "the search box stays hidden", "the search script (layouts/assets/js/40-search.js)")
	}
}

// openSearch types a word in the header's search box and waits for results.
func (tb *tab) openSearch(word string) []string {
	tb.t.Helper()
	tb.requireSearch()
	tb.do("typing "+word, chromedp.SendKeys(chromedp.CSS("[data-fg-search] input"), word, chromedp.NodeVisible))
	tb.waitFor("search results for "+word, `document.querySelectorAll("[data-fg-search] [role=listbox] [role=option]").length > 0`, 10*time.Second)
	// Results come as the reader types, a query per pause: wait until the
	// list has stopped changing, so that they are those of the whole word
	// and not of its first letters.
	eval[bool](tb, `new Promise(function (resolve) {
  var list = document.querySelector("[data-fg-search] [role=listbox]"), last = list.innerHTML, calm = 0;
  var timer = setInterval(function () {
    if (list.innerHTML === last) { calm++; } else { calm = 0; last = list.innerHTML; }
    if (calm >= 4) { clearInterval(timer); resolve(true); }
  }, 100);
})`)
	return eval[[]string](tb, `Array.prototype.map.call(document.querySelectorAll("[data-fg-search] [role=listbox] [role=option]"), function (o) { return o.textContent.replace(/\s+/g, " ").trim(); })`)
}

// searchTarget reports where the search sent the reader: the section the
// URL fragment names, whether it exists, whether it is in view, and
// whether it (or the page's title) contains the word, compared without
// case or accents.
const searchTargetJS = `(function (word) {
  function norm(s) { return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
  var id = decodeURIComponent(location.hash.slice(1)), el = id ? document.getElementById(id) : null, text = "";
  if (el) {
    text = el.textContent;
    var level = /^H[1-6]$/.test(el.tagName) ? +el.tagName[1] : 7;
    for (var n = el.nextElementSibling; n; n = n.nextElementSibling) {
      if (/^H[1-6]$/.test(n.tagName) && +n.tagName[1] <= level) break;
      text += " " + n.textContent;
    }
  } else {
    text = (document.querySelector("main") || document.body).textContent;
  }
  var h1 = document.querySelector("main h1");
  var r = el ? el.getBoundingClientRect() : null;
  return {hash: id, found: !id || !!el, inView: !r || (r.top > -5 && r.top < innerHeight),
    contains: norm(text).indexOf(norm(word)) >= 0 || (!!h1 && norm(h1.textContent).indexOf(norm(word)) >= 0)};
})`

type searchTarget struct {
	Hash          string
	Found, InView bool
	Contains      bool
}

// searchAndGo types a word, presses Enter and checks the page section it
// lands on.
func (tb *tab) searchAndGo(word string) (results []string, landed string) {
	tb.t.Helper()
	results = tb.openSearch(word)
	before := tb.location()
	tb.pressKey(kb.Enter)
	landed = tb.waitURLChange(before, 10*time.Second)
	tb.waitFor("the result page loaded", `document.readyState === "complete"`, 5*time.Second)
	got := eval[searchTarget](tb, searchTargetJS+`(`+jsString(word)+`)`)
	if !got.Found {
		tb.t.Errorf("search %q: Enter led to %s, but the page has no #%s", word, landed, got.Hash)
	}
	if !got.Contains {
		tb.t.Errorf("search %q: Enter led to %s, whose section does not contain the word (first results: %q)", word, landed, results[:min(3, len(results))])
	}
	if got.Found && !got.InView {
		tb.t.Errorf("search %q: the section #%s of %s is not scrolled into view", word, got.Hash, landed)
	}
	return results, landed
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// TestSearch searches each language over HTTP and follows the first result.
func TestSearch(t *testing.T) {
	for _, lang := range []string{"en", "fr", "zh", "ar"} {
		for _, word := range searchWords[lang] {
			t.Run(lang+"/"+word, func(t *testing.T) {
				t.Parallel()
				tb := newTab(t)
				tb.open(siteURL(lang + "/"))
				results, landed := tb.searchAndGo(word)
				if !strings.HasPrefix(landed, siteURL(lang+"/")) {
					t.Errorf("search %q in %s led out of the language: %s", word, lang, landed)
				}
				t.Logf("%q: %d results, Enter → %s", word, len(results), strings.TrimPrefix(landed, server.URL))
			})
		}
	}
	t.Run("fr/accents", func(t *testing.T) {
		t.Parallel()
		tb := newTab(t)
		tb.open(siteURL("fr/"))
		with := tb.openSearch("sécurité")
		tb.do("clearing the box", chromedp.Evaluate[chromedp.Void](`(function () { var i = document.querySelector("[data-fg-search] input"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); })()`))
		without := tb.openSearch("securite")
		if len(with) != len(without) || (len(with) > 0 && with[0] != without[0]) {
			t.Errorf("“sécurité” and “securite” find different results: %d (first %q) and %d (first %q)", len(with), first(with), len(without), first(without))
		}
	})
}

// TestCompletedLabelInPageLanguage: in Arabic, the "completed" label that
// progress adds to the link of a lesson shown in English is marked Arabic,
// right to left, not English like the title beside it. The Arabic course
// is translated in full, so the lesson is one the partial course leaves
// untranslated.
func TestCompletedLabelInPageLanguage(t *testing.T) {
	tb := newTab(t)
	url := partialURL("ar/" + untranslatedLesson + "/")
	tb.open(url)
	eval[bool](tb, "localStorage.clear(), true")
	t.Cleanup(func() { chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void]("localStorage.clear()")) })
	tb.open(url)
	tb.do("pressing Mark as complete", chromedp.Click(chromedp.CSS("button.mark-complete"), chromedp.NodeVisible))
	tb.waitFor("the navigation link marked done", `!!document.querySelector('#site-nav a[aria-current="page"] .progress-mark')`, 3*time.Second)
	got := eval[string](tb, `(function () {
  var a = document.querySelector('#site-nav a[aria-current="page"]'), m = a.querySelector(".progress-mark");
  return a.lang + " " + a.dir + " / " + m.lang + " " + m.dir + " " + getComputedStyle(m).direction + " " + m.textContent.trim();
})()`)
	if want := "en ltr / ar rtl rtl"; !strings.HasPrefix(got, want) {
		t.Errorf("link and its completed label: %q, want %q…", got, want)
	}
	// The home page counts the module's completed lessons in the digits
	// the build wrote its other numbers in (1 من 4 beside 4 دروس, not
	// ١ من ٤): whatever digits the browser's data gives Arabic.
	tb.open(partialURL("ar/"))
	tb.waitFor("the module's progress", `!!document.querySelector('[data-progress-module] .module-progress:not([hidden])')`, 3*time.Second)
	module := eval[string](tb, `document.querySelector('.module-progress:not([hidden])').closest('[data-progress-module]').textContent`)
	latin, arabic := strings.ContainsAny(module, "0123456789"), strings.ContainsAny(module, "٠١٢٣٤٥٦٧٨٩")
	if latin == arabic {
		t.Errorf("Arabic module with its progress %q: want one kind of digits", module)
	}
}

// TestSearchMarksUntranslatedResults: in Arabic, a result from a lesson
// not yet translated (shown in English) says it is English, left to
// right; a result from an Arabic lesson takes the page's language and
// direction. It searches the partial course, whose Arabic module
// untranslatedModule is shown in English.
func TestSearchMarksUntranslatedResults(t *testing.T) {
	tb := newTab(t)
	tb.open(partialURL("ar/"))
	marks := func() []string {
		return eval[[]string](tb, `Array.prototype.map.call(document.querySelectorAll("[data-fg-search] [role=option] .fg-search-title, [data-fg-search] [role=option] .fg-search-snippet"), function (s) {
  return (s.getAttribute("lang") || "-") + " " + (s.getAttribute("dir") || "-") + " " + getComputedStyle(s).direction;
})`)
	}
	tb.openSearch("emergency") // only in lessons the Arabic course shows in English
	for _, m := range marks() {
		if m != "en ltr ltr" {
			t.Errorf("a result for “emergency” is marked %q, want en ltr (and shown ltr)", m)
		}
	}
	tb.do("clearing the box", chromedp.Evaluate[chromedp.Void](`(function () { var i = document.querySelector("[data-fg-search] input"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); })()`))
	tb.openSearch("جواز")
	for _, m := range marks() {
		if m != "- - rtl" {
			t.Errorf("a result for “جواز” is marked %q, want no lang or dir of its own (and shown rtl)", m)
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

var reFileIndex = regexp.MustCompile(`/index\.html(#.*)?$`)

// TestOfflineJourney opens the offline build from file:// as a consulate
// would, and walks it with links only: the language chooser, the home page,
// a module, its first lesson, the next lesson, the French version. Every
// request must stay inside the build folder.
func TestOfflineJourney(t *testing.T) {
	tb := newTab(t)
	tb.open(fileURL("index.html"))
	// The chooser sends the reader to their language (English here); without
	// its script the reader clicks.
	loc := tb.location()
	if loc == fileURL("index.html") {
		if href, err := chromedp.Run(tb.ctx, chromedp.Poll[string](`/\/en\/index\.html$/.test(location.href) ? location.href : null`,
			chromedp.WithPollingTimeout(3*time.Second))); err == nil {
			loc = href
		} else {
			tb.clickToPage(`.language-list a[data-lang="en"]`)
			loc = tb.location()
		}
	}
	if loc != fileURL("en/index.html") {
		t.Fatalf("the language chooser led to %s, want %s", loc, fileURL("en/index.html"))
	}
	steps := []struct{ what, selector string }{
		{"first module", ".module-list a"},
		{"first lesson", ".lesson-list a"},
		{"next lesson", "a.next[rel=next]"},
	}
	for _, s := range steps {
		tb.clickToPage(s.selector)
		loc = tb.location()
		if !reFileIndex.MatchString(loc) {
			t.Errorf("the %s link led to %s, which does not end in index.html: a folder does not open from file://", s.what, loc)
		}
		// A file:// stylesheet's rules cannot be read by script: look at its effect.
		if !eval[bool](tb, `getComputedStyle(document.querySelector(".skip-link")).position === "absolute"`) {
			t.Errorf("%s: the stylesheet did not load from file://", loc)
		}
	}
	lesson := strings.TrimPrefix(loc, fileURL("en/"))
	tb.clickToPage(`nav.languages a[hreflang="fr"]`)
	if got, want := tb.location(), fileURL("fr/"+lesson); got != want {
		t.Errorf("the French link led to %s, want %s", got, want)
	}
	tb.checkRequestsStayInBuild(5)
}

// checkRequestsStayInBuild fails for any request outside the offline build
// folder (data: URLs are inline, not requests).
// atLeast is how many requests the journey must have made (a page is 3:
// HTML, stylesheet, script), so a silent network listener cannot pass.
func (tb *tab) checkRequestsStayInBuild(atLeast int) {
	tb.t.Helper()
	inside := fileURL("")
	reqs := tb.requested()
	if len(reqs) < atLeast {
		tb.t.Errorf("only %d requests were seen: is the network listener working?", len(reqs))
	}
	for _, u := range reqs {
		if !strings.HasPrefix(u, inside) && !strings.HasPrefix(u, "data:") {
			tb.t.Errorf("request outside the offline build: %s", u)
		}
	}
}

// TestOfflineSearch searches from a lesson opened from file://: the index
// must load as script files, and the result must open.
func TestOfflineSearch(t *testing.T) {
	// The index loads the same way in every language; Chinese (no spaces)
	// and Arabic (its own normalisation) are the ones that could break.
	for _, c := range []struct{ lang, word string }{{"fr", "securite"}, {"zh", "债务"}, {"ar", "جواز"}} {
		t.Run(c.lang, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(fileURL(c.lang + "/" + sampleLesson + "index.html"))
			_, landed := tb.searchAndGo(c.word)
			if !reFileIndex.MatchString(landed) || !strings.HasPrefix(landed, fileURL(c.lang+"/")) {
				t.Errorf("search %q from file:// led to %s", c.word, landed)
			}
			tb.checkRequestsStayInBuild(5)
		})
	}
}

// TestSearchEnterRightAfterTyping: a reader who types a word and presses
// Enter at once must land on a result of the whole word, not of the
// letters typed before the search caught up.
func TestSearchEnterRightAfterTyping(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("en/"))
	tb.openSearch("trafficking") // loads the index
	tb.do("clearing the box", chromedp.Evaluate[chromedp.Void](`(function () { var i = document.querySelector("[data-fg-search] input"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); })()`))
	tb.waitFor("results cleared", `document.querySelectorAll("[data-fg-search] [role=option]").length === 0`, 3*time.Second)
	before := tb.location()
	tb.do("typing passport and Enter", chromedp.SendKeys(chromedp.CSS("[data-fg-search] input"), "passport"+kb.Enter))
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`location.href !== `+jsString(before), chromedp.WithPollingTimeout(1500*time.Millisecond)))
	if err != nil && tb.location() == before {
		failUnlessKnown(t, "search-enter-race", "Enter pressed right after typing “passport” did nothing: the query had not run yet, and Enter was dropped instead of running it")
		return
	}
	landed := tb.waitURLChange(before, 10*time.Second)
	got := eval[searchTarget](tb, searchTargetJS+`("passport")`)
	if !got.Contains {
		failUnlessKnown(t, "search-enter-race", fmt.Sprintf("Enter pressed right after typing “passport” led to %s, whose section does not contain the word: Enter acted on the results of an unfinished query", landed))
	}
}

// TestChooserFollowsTheScript: the root page sends a reader whose browser
// asks for Taiwanese or Hong Kong Chinese to the Traditional Chinese
// course, not the Simplified one, and a mainland reader to Simplified.
func TestChooserFollowsTheScript(t *testing.T) {
	src := t.TempDir()
	for name, text := range map[string]string{
		"site.yaml":                 "languages:\n  en: {}\n  zh: {}\n  zh-Hant: {}\n",
		"content/en/_index.md":      "Home.\n",
		"content/zh/_index.md":      "首页。\n",
		"content/zh-Hant/_index.md": "首頁。\n",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "site")
	out, err := output.NewDir(src, dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(context.Background(), build.Options{FS: os.DirFS(src), Offline: true}, out); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	for accept, want := range map[string]string{
		"zh-TW,zh": "zh-Hant/index.html", "zh-HK": "zh-Hant/index.html", "zh-Hant-TW": "zh-Hant/index.html",
		"zh-CN,zh": "zh/index.html", "zh": "zh/index.html", "fr,en": "en/index.html",
	} {
		tb := newTab(t)
		tb.do("setting the browser's languages", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
				UserAgent: "Mozilla/5.0 fieldguide-test", AcceptLanguage: accept})
			return err
		}))
		tb.open("file://" + filepath.ToSlash(dest) + "/index.html")
		wantURL := "file://" + filepath.ToSlash(dest) + "/" + want
		tb.waitFor("the chooser to send "+accept+" to "+want, fmt.Sprintf("location.href === %q", wantURL), 5*time.Second)
	}
}

// TestPopupsStayOnScreen: the search results at tablet widths, where the
// box sits at the end of the header, and a glossary term's tooltip on a
// phone, where the term may be mid-line, stay inside the screen.
func TestPopupsStayOnScreen(t *testing.T) {
	rectJS := func(sel string) string {
		return `(function () { var r = document.querySelector(` + fmt.Sprintf("%q", sel) + `).getBoundingClientRect();
  return [r.left, r.right, document.documentElement.clientWidth]; })()`
	}
	for _, tc := range []struct {
		lang  string
		width int64
	}{{"ar", 700}, {"en", 800}, {"zh", 700}, {"en", 980}} {
		t.Run(fmt.Sprintf("search/%s/%d", tc.lang, tc.width), func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.viewport(tc.width, 800, 1)
			tb.open(siteURL(tc.lang + "/indicators/"))
			tb.openSearch(searchWords[tc.lang][0])
			if r := eval[[]float64](tb, rectJS(".fg-search-popup")); r[0] < 0 || r[1] > r[2] {
				t.Errorf("the results span %.0f…%.0f of a %.0f px screen", r[0], r[1], r[2])
			}
			tb.checkNoHorizontalScroll("with the results open")
		})
	}
	// The lesson in each script and direction, and in English inside the
	// Arabic course (the partial course has no Arabic translation of it).
	for _, tc := range []struct{ name, url string }{
		{"en", siteURL("en/" + untranslatedLesson + "/")},
		{"zh", siteURL("zh/" + untranslatedLesson + "/")},
		{"ar", siteURL("ar/" + untranslatedLesson + "/")},
		{"ar/untranslated", partialURL("ar/" + untranslatedLesson + "/")},
	} {
		t.Run("tooltips/"+tc.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.viewport(320, 640, 1)
			tb.open(tc.url)
			n := eval[int](tb, `document.querySelectorAll(".term-wrap").length`)
			if n == 0 {
				t.Fatal("no glossary term on the page")
			}
			for i := range n {
				r := eval[[]float64](tb, fmt.Sprintf(`(function () { var w = document.querySelectorAll(".term-wrap")[%d];
  w.querySelector("a.term").focus(); var r = w.querySelector(".term-tip").getBoundingClientRect();
  return [r.left, r.right, document.documentElement.clientWidth]; })()`, i))
				if r[1]-r[0] > 0 && (r[0] < 0 || r[1] > r[2]) {
					t.Errorf("tooltip %d spans %.0f…%.0f of a %.0f px screen", i, r[0], r[1], r[2])
				}
			}
		})
	}
}

// TestMenuLinkOnWideScreens: on a wide screen, where the module menu
// comes after the lesson in the keyboard's order, the Menu link is the
// third stop (after the skip link and the course title), shows itself
// with the focus, and leads the next Tab into the menu.
func TestMenuLinkOnWideScreens(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("en/indicators/ilo-indicators/"))
	for range 3 {
		tb.pressKey(kb.Tab)
	}
	got := eval[string](tb, `(function () { var a = document.activeElement, r = a.getBoundingClientRect(); return a.className + " " + (r.width > 10 && r.height > 10); })()`)
	if got != "menu-link true" {
		t.Fatalf("third Tab: %q, want the Menu link, visible", got)
	}
	tb.pressKey(kb.Enter)
	tb.pressKey(kb.Tab)
	if !eval[bool](tb, `!!document.activeElement.closest("#site-nav")`) {
		t.Error("the Tab after following the Menu link is not in the module menu")
	}
}

// TestEnglishTitlesLineUpInTheArabicMenu: in the Arabic menu, a module
// not yet translated keeps its English title left to right, but lines up
// on the right with the Arabic ones. In the partial course, the module
// untranslatedModule is the one not yet translated.
func TestEnglishTitlesLineUpInTheArabicMenu(t *testing.T) {
	tb := newTab(t)
	tb.open(partialURL("ar/indicators/"))
	got := eval[[]string](tb, `Array.from(document.querySelectorAll('#site-nav a[dir="ltr"]')).map(function (a) { return a.textContent.trim() + ": " + getComputedStyle(a).textAlign; })`)
	if len(got) == 0 {
		t.Fatal("no English title in the Arabic menu: the test tests nothing")
	}
	for _, g := range got {
		if !strings.HasSuffix(g, ": right") {
			t.Errorf("%s, want right", g)
		}
	}
}

// TestFootnotesInArabic: a page's notes open under a heading in the page's
// language, a reference leads to its note and the note's back link,
// named in Arabic, leads back; its arrow points the way Arabic runs.
func TestFootnotesInArabic(t *testing.T) {
	tb := newTab(t)
	tb.open(siteURL("ar/understanding-trafficking/palermo-definition/"))
	got := eval[struct {
		Title, Back, Transform, EnTransform string
		Refs                                int
	}](tb, `(function () {
  var back = document.querySelector(".footnotes .footnote-backref");
  return {title: document.querySelector(".footnotes > .footnotes-title").textContent,
    back: back.getAttribute("aria-label"), transform: getComputedStyle(back).transform,
    refs: document.querySelectorAll("a.footnote-ref").length};
})()`)
	if got.Refs == 0 {
		t.Fatal("the Arabic Palermo lesson has no footnote: the test tests nothing")
	}
	if got.Title != "الحواشي" || got.Back != "العودة إلى النص" {
		t.Errorf("notes heading %q, back link %q: want them in Arabic", got.Title, got.Back)
	}
	if !strings.HasPrefix(got.Transform, "matrix(-1,") {
		t.Errorf("the back link's arrow is not mirrored in Arabic (transform %s)", got.Transform)
	}
	tb.do("following the reference", chromedp.Click(chromedp.CSS("a.footnote-ref"), chromedp.NodeVisible))
	if loc := tb.location(); !strings.HasSuffix(loc, "#fn:1") {
		t.Errorf("after the reference: %s, want #fn:1", loc)
	}
	tb.do("following the back link", chromedp.Click(chromedp.CSS(".footnotes .footnote-backref"), chromedp.NodeVisible))
	if loc := tb.location(); !strings.HasSuffix(loc, "#fnref:1") {
		t.Errorf("after the back link: %s, want #fnref:1", loc)
	}
	tb.open(siteURL("en/understanding-trafficking/palermo-definition/"))
	if tr := eval[string](tb, `getComputedStyle(document.querySelector(".footnote-backref")).transform`); tr != "none" {
		t.Errorf("the back link's arrow is transformed in English (%s)", tr)
	}
}

// TestNotFoundInTheReadersLanguage: the test server, as nginx or GitHub
// Pages would, answers every missing URL with the site's one 404.html,
// which is English. A mistyped Arabic URL ends on the Arabic 404 page; a
// mistyped English one stays where it is.
func TestNotFoundInTheReadersLanguage(t *testing.T) {
	tb := newTab(t)
	tb.allowLogError(`status of 404`)
	tb.open(siteURL("ar/no-such-lesson/"))
	tb.waitFor("the Arabic 404 page", `document.documentElement.lang === "ar" && location.pathname.endsWith("/ar/404.html")`, 5*time.Second)
	if h := eval[string](tb, `document.querySelector("main h1").textContent`); h != "الصفحة غير موجودة" {
		t.Errorf("Arabic 404 heading %q", h)
	}
	tb.open(siteURL("en/no-such-lesson/"))
	// The script runs before the load event open waits for: a redirect
	// would have started by now.
	if loc := tb.location(); !strings.HasSuffix(loc, "/en/no-such-lesson/") {
		t.Errorf("the English 404 page moved to %s", loc)
	}
}
