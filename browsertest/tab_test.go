package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// tab is one browser tab of a test, with what the pages it showed did
// wrong: uncaught exceptions, CSP violations, failed loads.
type tab struct {
	t   *testing.T
	ctx context.Context // bounded by testTimeout

	mu         sync.Mutex
	requests   []string // every URL requested, in order
	exceptions []string
	violations []string // Content-Security-Policy violations
	loadErrors []string // browser log errors (failed loads, refused resources)
	// allowErrors are log texts a test expects (a 404 page loads with 404).
	allowErrors []*regexp.Regexp
}

// cspViolation is what the page reports of a securitypolicyviolation event.
type cspViolation struct {
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Sample    string `json:"sample"`
	Page      string `json:"page"`
}

// reportCSP runs in every document before the page's scripts, and hands
// each violation of the Content-Security-Policy to the test.
const reportCSP = `document.addEventListener("securitypolicyviolation", function (e) {
  if (window.fgReportCSP) window.fgReportCSP({directive: e.effectiveDirective, blocked: e.blockedURI,
    source: e.sourceFile, line: e.lineNumber, column: e.columnNumber, sample: e.sample, page: location.href});
});`

// newTab opens a tab at a desktop size (1280×900), light colour scheme.
// When the test fails, a screenshot goes to artifacts/<test>.png. When it
// ends, exceptions and CSP violations seen on its pages fail it.
func newTab(t *testing.T) *tab {
	t.Helper()
	requireBrowser(t)
	tb := &tab{t: t}
	tabCtx, cancelTab := chromedp.NewContext(browserCtx, chromedp.WithListener(tb.listen))
	// The first Run attaches the tab, and the tab lives as long as the
	// context of that Run: give it tabCtx, not the timed one.
	err := chromedp.Do(tabCtx,
		chromedp.ExposeFunc("fgReportCSP", func(ctx context.Context, v cspViolation) (chromedp.Void, error) {
			tb.mu.Lock()
			defer tb.mu.Unlock()
			where := v.Source
			if where != "" {
				where = fmt.Sprintf(" at %s:%d:%d", v.Source, v.Line, v.Column)
			}
			tb.violations = append(tb.violations, fmt.Sprintf("%s: %s blocked %q%s %q", v.Page, v.Directive, v.Blocked, where, v.Sample))
			return chromedp.Void{}, nil
		}),
		chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: reportCSP})
			return err
		}),
		chromedp.EmulateViewport(1280, 900),
	)
	if err != nil {
		cancelTab()
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tabCtx, testTimeout)
	tb.ctx = ctx
	t.Cleanup(func() {
		if t.Failed() {
			tb.screenshot(tabCtx)
		}
		cancel()
		cancelTab()
	})
	t.Cleanup(tb.checkPageErrors) // runs first: cleanups run last-in first-out
	return tb
}

// listen runs in the tab's event loop: it must return fast.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text = d.Exception.Description
		}
		tb.exceptions = append(tb.exceptions, fmt.Sprintf("%s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level != cdplog.EntryLevelError {
			return
		}
		// Chrome asks every site for /favicon.ico on its own; the theme has none.
		if strings.HasSuffix(e.URL, "/favicon.ico") {
			return
		}
		tb.loadErrors = append(tb.loadErrors, fmt.Sprintf("%s (%s, %s)", e.Text, e.Source, e.URL))
	}
}

// allowLogError tells the tab that a browser log error matching re is
// expected, such as the 404 status of the not-found page.
func (tb *tab) allowLogError(re string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.allowErrors = append(tb.allowErrors, regexp.MustCompile(re))
}

func (tb *tab) checkPageErrors() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, e := range tb.exceptions {
		tb.t.Errorf("uncaught JavaScript exception: %s", e)
	}
	for _, v := range tb.violations {
		tb.t.Errorf("Content-Security-Policy violation: %s", v)
	}
next:
	for _, e := range tb.loadErrors {
		for _, re := range tb.allowErrors {
			if re.MatchString(e) {
				continue next
			}
		}
		tb.t.Errorf("browser error: %s", e)
	}
}

// requested returns the URLs requested so far.
func (tb *tab) requested() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.requests...)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// screenshot saves the tab as artifacts/<test name>.png.
func (tb *tab) screenshot(tabCtx context.Context) {
	ctx, cancel := context.WithTimeout(tabCtx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		// A page taller than the GPU-less compositor allows: the viewport will do.
		if png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			tb.t.Logf("no screenshot: %v", err)
			return
		}
	}
	dir := filepath.Join(".", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Logf("no screenshot: %v", err)
		return
	}
	name := filepath.Join(dir, unsafeName.ReplaceAllString(tb.t.Name(), "_")+".png")
	if err := os.WriteFile(name, png, 0o644); err != nil {
		tb.t.Logf("no screenshot: %v", err)
		return
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	tb.t.Logf("screenshot of %s saved to browsertest/%s", loc, filepath.ToSlash(name))
}

// do runs actions, failing the test on error.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a URL and waits for its load event (deferred scripts have run).
func (tb *tab) open(url string) {
	tb.t.Helper()
	tb.do("opening "+url, chromedp.Navigate(url))
}

// clickToPage clicks the element and waits for the page it leads to.
func (tb *tab) clickToPage(selector string) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible)))
	if err != nil {
		tb.t.Fatalf("clicking %s: %v", selector, err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds, or fails with what.
func (tb *tab) waitFor(what, cond string, timeout time.Duration) {
	tb.t.Helper()
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		if errors.Is(err, chromedp.ErrPollingTimeout) {
			tb.t.Fatalf("%s: still not true after %v: %s", what, timeout, cond)
		}
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// location is the current URL.
func (tb *tab) location() string {
	tb.t.Helper()
	return eval[string](tb, "location.href")
}

// colorScheme emulates prefers-color-scheme (and leaves other media alone).
func (tb *tab) emulateMedia(features ...string) {
	tb.t.Helper()
	var fs []*emulation.MediaFeature
	for i := 0; i+1 < len(features); i += 2 {
		fs = append(fs, &emulation.MediaFeature{Name: features[i], Value: features[i+1]})
	}
	tb.do("emulating media "+strings.Join(features, " "), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: fs})
		return err
	}))
}

// viewport sets the CSS size of the page and its device pixel ratio.
func (tb *tab) viewport(width, height int64, scale float64) {
	tb.t.Helper()
	tb.do("setting the viewport", chromedp.EmulateViewport(width, height, chromedp.EmulateScale(scale)))
}

// pressKey sends one key (a kb constant or a character) to the focused element.
func (tb *tab) pressKey(key string) {
	tb.t.Helper()
	tb.do("pressing "+fmt.Sprintf("%q", key), chromedp.KeyEvent(key))
}
