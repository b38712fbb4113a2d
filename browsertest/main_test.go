package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/bundle"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/internal/chromium"
	"golang.org/x/sync/errgroup"
)

// baseURL is where the participant build is published; the test server
// serves it under the same path, so every sub-path bug shows.
const (
	baseURL  = "https://example.org/training/"
	basePath = "/training/"
)

// Per-test limits: a browser test that has not finished in a minute is stuck.
const testTimeout = 60 * time.Second

var (
	repoRoot string
	// siteDir is the participant build, offlineDir the offline variant
	// as a consulate has it: bundled into a zip, verified and unzipped.
	siteDir, offlineDir string
	// server serves siteDir under basePath with the deploy headers.
	server *httptest.Server
	// partialDir is the participant build of a copy of the course without
	// one Arabic module (untranslatedModule), served by partialServer like
	// siteDir: the Arabic course as a reader sees it while a translation is
	// missing, which the real course, translated in full, no longer shows.
	partialDir    string
	partialServer *httptest.Server
	// browserCtx is the chromedp context of the one browser, nil without one;
	// noBrowser then says why.
	browserCtx context.Context
	noBrowser  string
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	var err error
	repoRoot, err = findRepoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "fieldguide-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	// Chrome reports file:// URLs with the real path.
	if real, err := filepath.EvalSymlinks(tmp); err == nil {
		tmp = real
	}
	siteDir = filepath.Join(tmp, "site")
	offlineDir = filepath.Join(tmp, "offline")
	partialDir = filepath.Join(tmp, "partial")

	// Build the variants while the browser starts.
	var g errgroup.Group
	g.Go(func() error { return buildCourse(siteDir, build.Options{BaseURL: baseURL}) })
	g.Go(func() error { return bundleCourse(filepath.Join(tmp, "course.zip"), offlineDir) })
	g.Go(func() error { return buildPartialCourse(filepath.Join(tmp, "partial-source"), partialDir) })
	stopBrowser := startBrowser(tmp)
	defer stopBrowser()
	if err := g.Wait(); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest: building the course:", err)
		return 1
	}
	server = httptest.NewServer(newSiteHandler(siteDir))
	defer server.Close()
	partialServer = httptest.NewServer(newSiteHandler(partialDir))
	defer partialServer.Close()
	return m.Run()
}

// findRepoRoot is the folder above this package that holds go.mod.
func findRepoRoot() (string, error) {
	dir, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return "", fmt.Errorf("no go.mod in %s: run the tests from the repository", dir)
	}
	return dir, nil
}

// buildCourse builds the real course (content/) into dest.
func buildCourse(dest string, opts build.Options) error {
	return buildCourseFrom(repoRoot, dest, opts)
}

// buildCourseFrom builds the course in the folder source into dest.
func buildCourseFrom(source, dest string, opts build.Options) error {
	out, err := output.NewDir(source, dest)
	if err != nil {
		return err
	}
	opts.FS = os.DirFS(source)
	opts.BuildDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	opts.Version = "browsertest"
	if _, err := build.Build(context.Background(), opts, out); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}

// The Arabic module that the partial course leaves out, and a lesson of
// it: in the partial build, Arabic readers see both in English.
const (
	untranslatedModule = "case-scenarios"
	untranslatedLesson = untranslatedModule + "/forced-marriage"
)

// buildPartialCourse copies what a build reads (site.yaml, content/,
// layouts/, static/) into source, without the Arabic untranslatedModule,
// and builds that copy into dest as buildCourse builds the real course.
// It fails when the build does not show untranslatedLesson in English
// with the notice for a missing translation: the tests that use it would
// test nothing.
func buildPartialCourse(source, dest string) error {
	if err := os.MkdirAll(source, 0o755); err != nil {
		return err
	}
	for _, name := range []string{"site.yaml", "content", "layouts", "static"} {
		from, to := filepath.Join(repoRoot, name), filepath.Join(source, name)
		info, err := os.Stat(from)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		case info.IsDir():
			err = os.CopyFS(to, os.DirFS(from))
		default:
			var data []byte
			if data, err = os.ReadFile(from); err == nil {
				err = os.WriteFile(to, data, 0o644)
			}
		}
		if err != nil {
			return err
		}
	}
	if err := os.RemoveAll(filepath.Join(source, "content", "ar", untranslatedModule)); err != nil {
		return err
	}
	if err := buildCourseFrom(source, dest, build.Options{BaseURL: baseURL}); err != nil {
		return err
	}
	html, err := os.ReadFile(filepath.Join(dest, "ar", filepath.FromSlash(untranslatedLesson), "index.html"))
	if err != nil {
		return fmt.Errorf("the partial course has no Arabic page for %s: %w", untranslatedLesson, err)
	}
	if !strings.Contains(string(html), "notice-fallback") {
		return fmt.Errorf("the partial course shows ar/%s/ without the notice of a missing translation", untranslatedLesson)
	}
	return nil
}

// partialURL is the URL of a page of the partial build on its test
// server: partialURL("ar/indicators/").
func partialURL(rel string) string { return partialServer.URL + basePath + rel }

// bundleCourse does what a consulate receives and does: the offline build
// packed as a zip (after the bundler's self-check), then unpacked into dest
// with the same safe extraction fieldguide verify uses.
func bundleCourse(zipPath, dest string) error {
	mem := output.NewMemory()
	opts := build.Options{FS: os.DirFS(repoRoot), Offline: true,
		BuildDate: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Version: "browsertest"}
	res, err := build.Build(context.Background(), opts, mem)
	if err != nil {
		return err
	}
	var files []bundle.File
	for _, name := range mem.Names() {
		data, _ := mem.Get(name)
		files = append(files, bundle.File{Path: name, Data: data})
	}
	if problems, _ := bundle.SelfCheck(files); len(problems) > 0 {
		return fmt.Errorf("the offline build would not work from disk: %v", problems)
	}
	var langs []string
	for _, l := range res.Config.Languages {
		langs = append(langs, l.Code)
	}
	f, err := os.Create(zipPath)
	if err != nil {
		return err
	}
	m := bundle.Manifest{Title: res.Config.Title, Languages: langs, Audience: "participant", Version: opts.Version, Built: opts.BuildDate}
	if err := bundle.Write(f, files, m, nil); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if rep, err := bundle.Verify(zipPath, nil); err != nil || !rep.OK() {
		return fmt.Errorf("verify %s: %v %+v", zipPath, err, rep)
	}
	return bundle.Extract(zipPath, dest)
}

// startBrowser starts the one browser of the package with a fresh profile
// under tmp. On failure it leaves browserCtx nil and says why in noBrowser.
func startBrowser(tmp string) (stop func()) {
	path := chromium.Find()
	if path == "" {
		noBrowser = "no Chromium found (apt-get install chromium, or set CHROME_PATH)"
		return func() {}
	}
	profile := filepath.Join(tmp, "profile")
	opts := chromium.Options(path, profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Run starts the browser; it must not carry a timeout, which
	// would stop the browser with it, so a watchdog bounds it instead.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		err = errors.New("the browser did not start within 60 s")
	}
	if err != nil {
		cancel()
		cancelAlloc()
		noBrowser = fmt.Sprintf("cannot start %s: %v", path, err)
		return func() {}
	}
	browserCtx = ctx
	return func() {
		cancel()
		cancelAlloc()
	}
}

// requireBrowser skips the test without a browser, or fails it in CI.
func requireBrowser(t *testing.T) {
	t.Helper()
	if browserCtx != nil {
		return
	}
	if isCI() {
		t.Fatalf("browser tests cannot run in CI: %s", noBrowser)
	}
	t.Skipf("browser tests skipped: %s", noBrowser)
}

func isCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v == "true" || v == "1"
}
