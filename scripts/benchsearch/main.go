// Command benchsearch measures fieldguide's search against Pagefind on one
// generated course, in one run, for scripts/bench-search (issue 6): build
// times, index bytes per language, and query latency in headless Chromium
// over HTTP and from file://. It prints one report with the targets of the
// issue and PASS or FAIL next to each.
//
// It is a benchmark, not a test: it changes nothing in the course but its
// public/ and offline/ folders, and it reads the search engine only through
// what a page exposes (window.__fieldguideSearch).
package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/fieldguide/fieldguide/internal/chromium"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/output"
)

// langs are the benchmark course's languages, in the order reported.
var langs = []string{"en", "fr", "zh", "ar"}

// queries are the 20 timed queries, five to a language at most: words of
// gencorpus.py's word lists, French with and without its accents, Chinese
// two-character words (looked up as CJK pairs), Arabic with and without the
// article. The first query of each language is its "first query".
var queries = []struct{ lang, text string }{
	{"en", "passport"}, {"en", "interview"}, {"en", "trafficking victim"}, {"en", "consular screening"}, {"en", "shelter"}, {"en", "embassy"},
	{"fr", "sécurité"}, {"fr", "securite"}, {"fr", "passeport"}, {"fr", "traumatisme"}, {"fr", "contrôle frontière"}, {"fr", "entretien"},
	{"zh", "债务"}, {"zh", "护照"}, {"zh", "人口贩运"}, {"zh", "签证"},
	{"ar", "جواز"}, {"ar", "ضحية"}, {"ar", "سفارة"}, {"ar", "الاتجار"},
}

// Targets of issue 6.
const (
	targetMedianMs = 30.0
	targetFirstMs  = 150.0
	// resultLimit is what the search box asks for (MAX_RESULTS in
	// layouts/assets/js/40-search.js), firstScreen how many of them it
	// shows first (FIRST_SCREEN).
	resultLimit = 20
	firstScreen = 5
	// pagefindShown is how many results' data Pagefind's own UI loads
	// before "load more": a Pagefind query is timed until their
	// fragments (title, snippet) are loaded, the nearest equivalent of a
	// fieldguide query, whose results carry their snippets.
	pagefindShown = 5
	stepTimeout   = 3 * time.Minute
)

func main() {
	course := flag.String("course", "", "the generated course folder (gencorpus.py OUT)")
	fieldguide := flag.String("fieldguide", "", "fieldguide binary, for the online build")
	pagefind := flag.String("pagefind", "", "pagefind binary (node_modules/.bin/pagefind)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium binary")
	rounds := flag.Int("rounds", 5, "times each query runs once its index is loaded (its median is kept)")
	trials := flag.Int("trials", 3, "fresh page loads per first-query measurement (the median is kept)")
	buildRuns := flag.Int("build-runs", 3, "online builds to time (the median is kept)")
	flag.Parse()
	if *course == "" || *fieldguide == "" || *pagefind == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*course, *fieldguide, *pagefind, *chromium, *rounds, *trials, *buildRuns); err != nil {
		fmt.Fprintln(os.Stderr, "benchsearch:", err)
		os.Exit(1)
	}
}

func run(course, fieldguide, pagefind, chromium string, rounds, trials, buildRuns int) error {
	course, err := filepath.Abs(course)
	if err != nil {
		return err
	}
	// Chrome reports file:// URLs with the real path.
	if real, err := filepath.EvalSymlinks(course); err == nil {
		course = real
	}
	public := filepath.Join(course, "public")
	offline := filepath.Join(course, "offline")
	r := &report{rounds: rounds, trials: trials}
	r.load = append(r.load, loadAverage("start"))

	for i := range buildRuns {
		step(fmt.Sprintf("online build %d/%d: fieldguide build -s COURSE -d COURSE/public", i+1, buildRuns))
		c, err := timeCommand(fieldguide, "build", "-s", course, "-d", public)
		if err != nil {
			return err
		}
		r.online = append(r.online, c)
	}
	step("offline build (build.Options{Offline: true}) with the search index timed")
	if r.offline, err = timedBuild(course, build.Options{Offline: true}, offline); err != nil {
		return err
	}
	r.pages = r.offline.pages
	step("search index's final step, one language per build")
	for _, l := range langs {
		t, err := timedBuild(course, build.Options{Languages: []string{l}}, "")
		if err != nil {
			return err
		}
		r.perLang = append(r.perLang, t.index)
	}
	step("pagefind --site COURSE/public")
	if r.pagefind, err = timeCommand(pagefind, "--site", public); err != nil {
		return err
	}
	if r.pagefindVersion, err = pagefindVersion(public); err != nil {
		return err
	}
	step("index sizes")
	if r.sizes, err = measureSizes(course, public); err != nil {
		return err
	}
	if out, err := exec.Command(chromium, "--version").Output(); err == nil {
		r.chromium = strings.TrimSpace(string(out))
	}
	r.load = append(r.load, loadAverage("browser start"))

	// A plain file server, without the deploy headers: the site's
	// Content-Security-Policy (generator/deploy) would stop Pagefind,
	// which needs fetch and WebAssembly, and changes nothing to the timing
	// of fieldguide's scripts.
	server := httptest.NewServer(http.FileServer(http.Dir(public)))
	defer server.Close()
	b, err := startBrowser(chromium)
	if err != nil {
		return err
	}
	defer b.stop()
	b.trials = trials
	modes := []struct {
		name, base, suffix, dir string
	}{
		{"HTTP", server.URL + "/", "", public},
		{"file://", "file://" + filepath.ToSlash(offline) + "/", "index.html", offline},
	}
	// The browser's own first navigations (its network service, its
	// first renderer) are not the search's cost.
	for _, m := range modes {
		_, done, err := b.tab(m.base + "en/" + m.suffix)
		if err != nil {
			return err
		}
		done()
	}
	for _, m := range modes {
		res := modeResult{name: m.name}
		for _, l := range langs {
			page := m.base + l + "/module-001/lesson-001/" + m.suffix
			step(fmt.Sprintf("fieldguide, %s, %s", m.name, l))
			lr, err := b.measureFieldguide(page, m.dir, l, rounds)
			if err != nil {
				return fmt.Errorf("fieldguide %s %s: %w", m.name, l, err)
			}
			if lr.ui, lr.uiTotals, err = b.measureUI(page, l); err != nil {
				return fmt.Errorf("fieldguide UI %s %s: %w", m.name, l, err)
			}
			res.langs = append(res.langs, lr)
		}
		r.fieldguide = append(r.fieldguide, res)
	}
	pf := modeResult{name: "HTTP"}
	for _, l := range langs {
		step("Pagefind, HTTP, " + l)
		lr, err := b.measurePagefind(server.URL+"/"+l+"/module-001/lesson-001/", l, rounds, trials)
		if err != nil {
			return fmt.Errorf("pagefind %s: %w", l, err)
		}
		pf.langs = append(pf.langs, lr)
	}
	r.pagefindHTTP = pf
	// Pagefind on the same pages opened from disk: what a consulate's
	// unzipped copy would get if Pagefind were its search.
	_, err = b.measurePagefind("file://"+filepath.ToSlash(public)+"/en/module-001/lesson-001/index.html", "en", 1, 1)
	if err == nil {
		r.pagefindFile = "works"
	} else {
		msg := firstLine(err.Error())
		if i := strings.LastIndex(msg, "TypeError:"); i >= 0 {
			msg = msg[i:] // chromedp repeats the exception in its own words first
		}
		r.pagefindFile = "fails: " + msg
	}
	r.load = append(r.load, loadAverage("end"))
	r.print(os.Stdout)
	return nil
}

func step(what string) { fmt.Fprintf(os.Stderr, "… %s\n", what) }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// ---------------------------------------------------------------------
// Builds
// ---------------------------------------------------------------------

// commandRun is one timed command.
type commandRun struct {
	wall   time.Duration
	maxRSS int64 // KiB
}

func timeCommand(name string, args ...string) (commandRun, error) {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return commandRun{}, fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out.Bytes())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return commandRun{wall: wall, maxRSS: rss}, nil
}

// buildTiming is one in-process build.
type buildTiming struct {
	total time.Duration
	// index is from the last file of the pages to the first file of the
	// search index. In a one-language build that is the index's final
	// step (sorting the pages, cutting and encoding the shards); its
	// tokenizing and postings are done by the render workers as the pages
	// come, and cannot be timed apart from rendering.
	index time.Duration
	// write is from the first index file handed to the sink to the last.
	write time.Duration
	// firstIndex is when the first index file came, from the start.
	firstIndex time.Duration
	pages      int
}

// timingSink notes when the search index's files arrive.
type timingSink struct {
	output.Sink
	mu                     sync.Mutex
	lastPage               time.Time // the last non-index file before the index
	firstIndex, afterIndex time.Time
	sawIndex               bool
}

func isIndexFile(name string) bool {
	return strings.HasPrefix(name, "search/") && strings.HasSuffix(name, ".js")
}

func (s *timingSink) Put(name string, data []byte) error {
	now := time.Now()
	index := isIndexFile(name)
	s.mu.Lock()
	switch {
	case index && !s.sawIndex:
		s.sawIndex, s.firstIndex = true, now
	case !index && !s.sawIndex:
		s.lastPage = now
	}
	s.mu.Unlock()
	err := s.Sink.Put(name, data)
	if index {
		s.mu.Lock()
		s.afterIndex = time.Now()
		s.mu.Unlock()
	}
	return err
}

// discard keeps nothing: the per-language builds are only timed.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }

// timedBuild builds the course in this process, into dest (or nowhere).
func timedBuild(course string, opts build.Options, dest string) (buildTiming, error) {
	opts.FS = os.DirFS(course)
	opts.BuildDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	opts.Version = "bench-search"
	var sink output.Sink = discard{}
	var dir *output.Dir
	if dest != "" {
		var err error
		if dir, err = output.NewDir(course, dest); err != nil {
			return buildTiming{}, err
		}
		sink = dir
	}
	ts := &timingSink{Sink: sink}
	runtime.GC() // not the previous build's garbage
	start := time.Now()
	res, err := build.Build(context.Background(), opts, ts)
	total := time.Since(start)
	if err != nil {
		if dir != nil {
			dir.Abort()
		}
		return buildTiming{}, fmt.Errorf("build %v: %w", opts.Languages, err)
	}
	if dir != nil {
		if err := dir.Commit(); err != nil {
			return buildTiming{}, err
		}
	}
	if !ts.sawIndex {
		return buildTiming{}, errors.New("the build wrote no search index")
	}
	return buildTiming{total: total, index: ts.firstIndex.Sub(ts.lastPage), write: ts.afterIndex.Sub(ts.firstIndex),
		firstIndex: ts.firstIndex.Sub(start), pages: res.Pages}, nil
}

// ---------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------

type langSize struct {
	lang          string
	markdownFiles int
	markdownBody  int64 // bytes of Markdown after the front matter
	fgBytes       int64 // search/<lang>/*.js
	fgGzip        int64 // the same, each file gzipped (what a server sends)
	fgFiles       int
	// fgTermFiles and fgDocFiles count the term and doc shards.
	fgTermFiles, fgDocFiles int
	// What the fieldguide files hold: the meta file; by key of the
	// object each shard passes to add(), docs (of which the snippet text),
	// pages, terms, post; and the rest (the call, the ids).
	fgMeta, fgDocs, fgSnippets, fgTerms, fgPost, fgPages, fgRest int64
	pfBytes                                                      int64 // fragments + index chunks + filters + meta + wasm
	pfFragments                                                  int64
	pfIndex                                                      int64
	pfOther                                                      int64 // filters, meta, wasm
	pfFiles                                                      int
	pfWasm                                                       string
	pfFragmentsCnt                                               int
}

type sizes struct {
	langs []langSize
	// Shared files, not counted as index: the engines themselves.
	fgEngine      int64 // assets/search.*.js (the box, 40-search.js, is in the main bundle)
	pfRuntime     int64 // pagefind.js + pagefind-worker.js + pagefind-entry.json
	pfUI          int64 // pagefind-*ui*, highlight: optional UI, not counted
	pfTotalIndex  int64 // sum over languages, each wasm file once
	pfFolder      int64 // the whole pagefind/ folder
	fgTotalIndex  int64
	fgTotalGzip   int64
	markdownTotal int64
}

func measureSizes(course, public string) (*sizes, error) {
	s := &sizes{}
	entry := struct {
		Languages map[string]struct {
			Hash string  `json:"hash"`
			Wasm *string `json:"wasm"`
		} `json:"languages"`
	}{}
	pfDir := filepath.Join(public, "pagefind")
	data, err := os.ReadFile(filepath.Join(pfDir, "pagefind-entry.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &entry); err != nil {
		return nil, fmt.Errorf("pagefind-entry.json: %w", err)
	}
	wasmCounted := map[string]bool{}
	for _, l := range langs {
		ls := langSize{lang: l}
		// Denominator: the Markdown the reader's text comes from.
		err := filepath.WalkDir(filepath.Join(course, "content", l), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			ls.markdownFiles++
			ls.markdownBody += int64(len(body(data)))
			return nil
		})
		if err != nil {
			return nil, err
		}
		shards, _ := filepath.Glob(filepath.Join(public, "search", l, "*.js"))
		ls.fgFiles = len(shards)
		for _, p := range shards {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			ls.fgBytes += int64(len(data))
			ls.fgGzip += gzipSize(data)
			if err := ls.addComposition(p, data); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
		}
		e, ok := entry.Languages[l]
		if !ok {
			return nil, fmt.Errorf("pagefind indexed no %s pages", l)
		}
		add := func(pattern string, into *int64) (int, error) {
			files, err := filepath.Glob(filepath.Join(pfDir, pattern))
			if err != nil {
				return 0, err
			}
			for _, f := range files {
				st, err := os.Stat(f)
				if err != nil {
					return 0, err
				}
				*into += st.Size()
			}
			return len(files), nil
		}
		n, _ := add("fragment/"+l+"_*.pf_fragment", &ls.pfFragments)
		ls.pfFragmentsCnt = n
		ls.pfFiles += n
		n, _ = add("index/"+l+"_*.pf_index", &ls.pfIndex)
		ls.pfFiles += n
		n, _ = add("filter/"+l+"_*.pf_filter", &ls.pfOther)
		ls.pfFiles += n
		n, _ = add("pagefind."+e.Hash+".pf_meta", &ls.pfOther)
		ls.pfFiles += n
		ls.pfWasm = "unknown" // Pagefind's build without a stemmer
		if e.Wasm != nil {
			ls.pfWasm = *e.Wasm
		}
		var wasm int64
		n, _ = add("wasm."+ls.pfWasm+".pagefind", &wasm)
		ls.pfFiles += n
		ls.pfOther += wasm
		ls.pfBytes = ls.pfFragments + ls.pfIndex + ls.pfOther
		s.pfTotalIndex += ls.pfBytes
		if wasmCounted[ls.pfWasm] {
			s.pfTotalIndex -= wasm
		}
		wasmCounted[ls.pfWasm] = true
		s.fgTotalIndex += ls.fgBytes
		s.fgTotalGzip += ls.fgGzip
		s.markdownTotal += ls.markdownBody
		s.langs = append(s.langs, ls)
	}
	engines, _ := filepath.Glob(filepath.Join(public, "assets", "search.*.js"))
	for _, p := range engines {
		if st, err := os.Stat(p); err == nil {
			s.fgEngine += st.Size()
		}
	}
	entries, err := os.ReadDir(pfDir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, err
		}
		switch n := e.Name(); {
		case n == "pagefind.js" || n == "pagefind-worker.js" || n == "pagefind-entry.json":
			s.pfRuntime += info.Size()
		case strings.Contains(n, "ui") || strings.Contains(n, "highlight"):
			s.pfUI += info.Size()
		}
	}
	s.pfFolder, err = dirSize(pfDir)
	return s, err
}

// addComposition adds the sizes of the parts of one index file.
func (ls *langSize) addComposition(path string, data []byte) error {
	name := strings.TrimSuffix(filepath.Base(path), ".js")
	if name == "meta" {
		ls.fgMeta += int64(len(data))
		return nil
	}
	switch name[0] {
	case 't':
		ls.fgTermFiles++
	case 'd':
		ls.fgDocFiles++
	}
	start, end := bytes.IndexByte(data, '{'), bytes.LastIndexByte(data, '}')
	if start < 0 || end < start {
		return errors.New("no object in the file")
	}
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(data[start:end+1], &parts); err != nil {
		return err
	}
	counted := int64(0)
	for key, into := range map[string]*int64{"docs": &ls.fgDocs, "terms": &ls.fgTerms, "post": &ls.fgPost, "pages": &ls.fgPages} {
		*into += int64(len(parts[key]))
		counted += int64(len(parts[key]))
	}
	ls.fgRest += int64(len(data)) - counted
	if raw, ok := parts["docs"]; ok {
		var rows [][]json.RawMessage
		if err := json.Unmarshal(raw, &rows); err != nil {
			return err
		}
		for _, row := range rows {
			for _, text := range row[min(3, len(row)):] { // a text per passage (index format 4)
				ls.fgSnippets += int64(len(text))
			}
		}
	}
	return nil
}

// body is a Markdown file without its front matter.
func body(data []byte) []byte {
	for _, fence := range []string{"---", "+++"} {
		if rest, ok := bytes.CutPrefix(data, []byte(fence+"\n")); ok {
			if i := bytes.Index(rest, []byte("\n"+fence+"\n")); i >= 0 {
				return rest[i+len(fence)+2:]
			}
		}
	}
	return data
}

func gzipSize(data []byte) int64 {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return int64(b.Len())
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	return n, err
}

func pagefindVersion(public string) (string, error) {
	data, err := os.ReadFile(filepath.Join(public, "pagefind", "pagefind-entry.json"))
	if err != nil {
		return "", err
	}
	var e struct {
		Version string `json:"version"`
	}
	err = json.Unmarshal(data, &e)
	return e.Version, err
}

func loadAverage(when string) string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return when + ": unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return when + ": unknown"
	}
	return when + " " + strings.Join(f[:3], " ")
}

// ---------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------

type browser struct {
	ctx    context.Context
	stop   func()
	trials int
}

// startBrowser starts headless Chromium the way browsertest does.
func startBrowser(path string) (*browser, error) {
	profile, err := os.MkdirTemp("", "fieldguide-bench-search-profile-")
	if err != nil {
		return nil, err
	}
	opts := chromium.Options(path, profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Run starts the browser and must not carry a timeout.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		err = errors.New("the browser did not start within 60 s")
	}
	stop := func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(profile)
	}
	if err != nil {
		stop()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return &browser{ctx: ctx, stop: stop}, nil
}

// tab opens a page in a new browser context (a fresh profile: no cache, no
// script left from another measurement) and returns a context bounded by
// stepTimeout for what follows.
func (b *browser) tab(url string) (context.Context, func(), error) {
	tabCtx, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	// The first Run attaches the tab for as long as tabCtx lives.
	if err := chromedp.Do(tabCtx, chromedp.EmulateViewport(1280, 900)); err != nil {
		cancelTab()
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(tabCtx, stepTimeout)
	closeAll := func() { cancel(); cancelTab() }
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("opening %s: %w", url, err)
	}
	return ctx, closeAll, nil
}

func js(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// firstQuery is the in-page measurement of a language's first query.
type firstQuery struct {
	Query    string   `json:"query"`
	EngineMs float64  `json:"engineMs"` // focus → engine script run
	MetaMs   float64  `json:"metaMs"`   // focus → the meta file has run
	TermsMs  float64  `json:"termsMs"`  // focus → the query's last term shard has run
	AskMs    float64  `json:"askMs"`    // focus → the query asked
	FirstMs  float64  `json:"firstMs"`  // focus → the first screen of results (answer with more: true), with titles and snippets
	TotalMs  float64  `json:"totalMs"`  // focus → all the results, with titles and snippets
	Hits     int      `json:"hits"`
	Files    []string `json:"files"` // the index files the query read
	Error    string   `json:"error"`
	// Pagefind's: import + init, then search + data.
	ReadyMs float64 `json:"readyMs"`
	QueryMs float64 `json:"queryMs"`
	// bytes is the size of Files, from the disk.
	bytes int64
}

// uiFirst is the first query typed into the search box.
type uiFirst struct {
	FocusToResult float64 `json:"focusToResult"` // focus → the query's first .fg-search-result in the list
	InputToResult float64 `json:"inputToResult"` // last input event → the same
	Shown         int     `json:"shown"`
}

type queryTiming struct {
	Query string    `json:"query"`
	Times []float64 `json:"times"`
	Hits  int       `json:"hits"`
}

type langResult struct {
	lang string
	// first and ui are the median trials (by total time).
	first        firstQuery
	firstTotals  []float64
	firstScreens []float64 // fieldguide's first screen of results
	// preloaded is the median trial of the query asked once the meta file
	// has come; its times are from the ask.
	preloaded                     firstQuery
	preloadScreens, preloadTotals []float64
	ui                            uiFirst
	uiTotals                      []float64
	queries                       []queryTiming
}

type modeResult struct {
	name  string
	langs []langResult
}

// firstQueryJS focuses the search box, as a reader does, which loads the
// engine and the meta file, and asks the query the moment the box starts
// on the language (engine.preload, once the engine has run): the time a
// reader takes to type, during which the meta file would load, is not
// counted. It times the load of every file the query reads and the query,
// until the first screen of results (the search box's first 5) and then
// all of them (its 20) come with their titles and snippets. It learns the
// moment the engine arrives from its assignment to
// window.__fieldguideSearch.engine, and when each index file has run from
// window.__fieldguideSearch.add (the box's stand-in until the engine
// comes, then the engine's). With preloaded, the query is asked once the
// meta file has come, as when a reader types it after focusing the box.
const firstQueryJS = `(async function (lang, query, limit, first, preloaded) {
  var api = window.__fieldguideSearch;
  var input = document.getElementById("fg-search-input");
  if (!api || !input || !api.add) throw new Error("no search box on " + location.href);
  if (api.engine) throw new Error("the engine is already loaded");
  var t0 = performance.now(), tEngine = 0, tAsk = 0, tFirst = 0, arrived = {}, engine;
  var note = function (add) {
    return function (l, name) {
      if (l === lang && !arrived[name]) arrived[name] = performance.now();
      return add.apply(this, arguments);
    };
  };
  api.add = note(api.add);
  var answer = new Promise(function (resolve, reject) {
    Object.defineProperty(api, "engine", {
      configurable: true, enumerable: true,
      get: function () { return engine; },
      set: function (v) {
        engine = v;
        tEngine = performance.now();
        api.add = note(api.add); // the engine's, set just before
        var preload = v.preload;
        var ask = function () {
          tAsk = performance.now();
          v.query(lang, query, limit, function (found) {
            if (!tFirst) tFirst = performance.now();
            if (found.error) reject(new Error(found.error));
            else if (!found.more) resolve(found);
          }, first);
        };
        v.preload = function (l) {
          preload.apply(this, arguments);
          if (l !== lang) return;
          if (!preloaded) {
            ask();
            return;
          }
          // As while a reader types: the query comes once the meta file has.
          (function wait() {
            if (v.indexFor(lang).meta) ask();
            else setTimeout(wait, 2);
          })();
        };
      }
    });
  });
  input.focus();
  // A page without the window's focus gets no focus event from focus().
  if (!document.querySelector('script[src*="/assets/search."]')) input.dispatchEvent(new FocusEvent("focus"));
  var found = await answer;
  var t1 = performance.now();
  var terms = 0;
  found.files.forEach(function (f) { if (f.charAt(0) === "t" && arrived[f] > terms) terms = arrived[f]; });
  return {query: query, engineMs: tEngine - t0, metaMs: arrived.meta - t0, termsMs: terms ? terms - t0 : 0,
    askMs: tAsk - t0, firstMs: tFirst - t0, totalMs: t1 - t0, hits: found.total, files: found.files};
})(%s, %s, %d, %d, %v)`

// roundsJS runs each query rounds times, one after the other in turn, so
// that no query is timed straight after itself. A query's first run loads
// the term and doc shards it needs that earlier queries did not.
const roundsJS = `(async function (lang, queries, rounds, limit) {
  var api = window.__fieldguideSearch, out = [];
  var ask = function (q) {
    return new Promise(function (resolve, reject) {
      api.query(lang, q, limit, function (found) {
        if (found.error) reject(new Error(found.error));
        else resolve(found);
      });
    });
  };
  for (var i = 0; i < queries.length; i++) out.push({query: queries[i], times: [], hits: 0});
  for (var r = 0; r < rounds; r++) {
    for (var i = 0; i < queries.length; i++) {
      var t0 = performance.now();
      var found = await ask(queries[i]);
      out[i].times.push(performance.now() - t0);
      out[i].hits = found.total;
    }
  }
  return out;
})(%s, %s, %d, %d)`

func langQueries(lang string) []string {
	var qs []string
	for _, q := range queries {
		if q.lang == lang {
			qs = append(qs, q.text)
		}
	}
	return qs
}

// measureFieldguide times the first query of a language in b.trials fresh
// pages, asked as the engine starts, then in as many asked once the meta
// file has come; then, in the last page, every query of the language.
func (b *browser) measureFieldguide(url, dir, lang string, rounds int) (langResult, error) {
	qs := langQueries(lang)
	lr := langResult{lang: lang}
	var firsts, preloads []firstQuery
	for trial := range 2 * b.trials {
		preloaded := trial < b.trials
		ctx, done, err := b.tab(url)
		if err != nil {
			return lr, err
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[firstQuery](fmt.Sprintf(firstQueryJS, js(lang), js(qs[0]), resultLimit, firstScreen, preloaded), chromedp.EvalAwaitPromise))
		for _, name := range f.Files {
			if info, err := os.Stat(filepath.Join(dir, "search", lang, name+".js")); err == nil {
				f.bytes += info.Size()
			}
		}
		if err == nil && trial == 2*b.trials-1 {
			lr.queries, err = chromedp.Run(ctx, chromedp.Evaluate[[]queryTiming](fmt.Sprintf(roundsJS, js(lang), js(qs), rounds, resultLimit), chromedp.EvalAwaitPromise))
		}
		done()
		if err != nil {
			return lr, err
		}
		if preloaded {
			preloads = append(preloads, f)
			lr.preloadScreens = append(lr.preloadScreens, f.FirstMs-f.AskMs)
			lr.preloadTotals = append(lr.preloadTotals, f.TotalMs-f.AskMs)
			continue
		}
		firsts = append(firsts, f)
		lr.firstTotals = append(lr.firstTotals, f.TotalMs)
		lr.firstScreens = append(lr.firstScreens, f.FirstMs)
	}
	lr.first = medianBy(firsts, func(f firstQuery) float64 { return f.TotalMs })
	lr.preloaded = medianBy(preloads, func(f firstQuery) float64 { return f.TotalMs - f.AskMs })
	return lr, nil
}

// medianBy is the middle element of xs by key (the lower middle of an even count).
func medianBy[T any](xs []T, key func(T) float64) T {
	s := slices.Clone(xs)
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return s[(len(s)-1)/2]
}

// uiWatchJS notes when the box gets the focus, when the last character
// arrives, and when the first result for the whole query is in the list:
// results for the first letters may show while the rest is typed.
const uiWatchJS = `(function (query) {
  var b = window.__bench = {focus: 0, lastInput: 0, result: 0, shown: 0};
  var input = document.getElementById("fg-search-input");
  var list = document.getElementById("fg-search-listbox");
  var start = function () { if (!b.focus) b.focus = performance.now(); };
  input.addEventListener("focus", start, true);
  input.addEventListener("keydown", start, true);
  input.addEventListener("input", function () { b.lastInput = performance.now(); }, true);
  new MutationObserver(function () {
    if (!b.result && input.value === query && list.querySelector(".fg-search-result")) {
      b.result = performance.now();
      b.shown = list.children.length;
    }
  }).observe(list, {childList: true});
  return true;
})(%s)`

// measureUI types the first query of a language into the box of b.trials
// fresh pages.
func (b *browser) measureUI(url, lang string) (uiFirst, []float64, error) {
	var all []uiFirst
	var totals []float64
	for range b.trials {
		u, err := b.measureUIOnce(url, lang)
		if err != nil {
			return u, nil, err
		}
		all = append(all, u)
		totals = append(totals, u.FocusToResult)
	}
	return medianBy(all, func(u uiFirst) float64 { return u.FocusToResult }), totals, nil
}

func (b *browser) measureUIOnce(url, lang string) (uiFirst, error) {
	ctx, done, err := b.tab(url)
	if err != nil {
		return uiFirst{}, err
	}
	defer done()
	query := langQueries(lang)[0]
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(uiWatchJS, js(query)))); err != nil {
		return uiFirst{}, err
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#fg-search-input"), query)); err != nil {
		return uiFirst{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.__bench.result > 0", chromedp.WithPollingTimeout(stepTimeout-10*time.Second), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		return uiFirst{}, fmt.Errorf("waiting for .fg-search-result: %w", err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[uiFirst](`({focusToResult: __bench.result - __bench.focus, inputToResult: __bench.result - __bench.lastInput, shown: __bench.shown})`))
}

// pagefindFirstJS loads Pagefind as its documentation says (a dynamic
// import of pagefind.js, init, search) and times the first query until the
// data of the first results is loaded.
const pagefindFirstJS = `(async function (query, shown) {
  var t0 = performance.now();
  var pf = await import(new URL(document.documentElement.dataset.root + "pagefind/pagefind.js", location.href).href);
  await pf.init();
  var tReady = performance.now();
  var found = await pf.search(query);
  await Promise.all(found.results.slice(0, shown).map(function (r) { return r.data(); }));
  var t1 = performance.now();
  window.__pagefind = pf;
  return {query: query, engineMs: tReady - t0, readyMs: tReady - t0, queryMs: t1 - tReady, totalMs: t1 - t0, hits: found.results.length};
})(%s, %d)`

const pagefindRoundsJS = `(async function (queries, rounds, shown) {
  var pf = window.__pagefind, out = [];
  for (var i = 0; i < queries.length; i++) out.push({query: queries[i], times: [], hits: 0});
  for (var r = 0; r < rounds; r++) {
    for (var i = 0; i < queries.length; i++) {
      var t0 = performance.now();
      var found = await pf.search(queries[i]);
      await Promise.all(found.results.slice(0, shown).map(function (x) { return x.data(); }));
      out[i].times.push(performance.now() - t0);
      out[i].hits = found.results.length;
    }
  }
  return out;
})(%s, %d, %d)`

// measurePagefind is measureFieldguide for Pagefind, over trials fresh pages.
func (b *browser) measurePagefind(url, lang string, rounds, trials int) (langResult, error) {
	qs := langQueries(lang)
	lr := langResult{lang: lang}
	var firsts []firstQuery
	for trial := range trials {
		ctx, done, err := b.tab(url)
		if err != nil {
			return lr, err
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[firstQuery](fmt.Sprintf(pagefindFirstJS, js(qs[0]), pagefindShown), chromedp.EvalAwaitPromise))
		if err == nil && trial == trials-1 {
			lr.queries, err = chromedp.Run(ctx, chromedp.Evaluate[[]queryTiming](fmt.Sprintf(pagefindRoundsJS, js(qs), rounds, pagefindShown), chromedp.EvalAwaitPromise))
		}
		done()
		if err != nil {
			return lr, err
		}
		firsts = append(firsts, f)
		lr.firstTotals = append(lr.firstTotals, f.TotalMs)
	}
	lr.first = medianBy(firsts, func(f firstQuery) float64 { return f.TotalMs })
	return lr, nil
}

// ---------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------

type report struct {
	rounds, trials  int
	load            []string
	pages           int
	online          []commandRun
	offline         buildTiming
	perLang         []time.Duration
	pagefind        commandRun
	pagefindVersion string
	chromium        string
	sizes           *sizes
	fieldguide      []modeResult
	pagefindHTTP    modeResult
	pagefindFile    string
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// queryMedians is each query's median over its rounds, in query order.
func (m modeResult) queryMedians() []float64 {
	var out []float64
	for _, l := range m.langs {
		for _, q := range l.queries {
			out = append(out, median(q.Times))
		}
	}
	return out
}

func (m modeResult) worstFirst(pick func(langResult) float64) (float64, string) {
	worst, lang := 0.0, ""
	for _, l := range m.langs {
		if v := pick(l); v >= worst {
			worst, lang = v, l.lang
		}
	}
	return worst, lang
}

// pad pads s with spaces to n terminal columns (CJK characters take two).
func pad(s string, n int) string {
	w := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
			w += 2
		} else {
			w++
		}
	}
	if w >= n {
		return s
	}
	return s + strings.Repeat(" ", n-w)
}

func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }

func kbPer(n int64, files int) float64 {
	if files == 0 {
		return 0
	}
	return float64(n) / float64(files) / 1e3
}

func pct(a, b int64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// over says by how much a figure misses its target.
func over(v, target float64, unit string) string {
	if v <= target {
		return ""
	}
	return fmt.Sprintf(" (over by %.0f %s, %.1f× the target)", v-target, unit, v/target)
}

func (r *report) print(w *os.File) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	s := r.sizes
	files := 0
	for _, l := range s.langs {
		files += l.markdownFiles
	}
	p("\n== fieldguide search vs Pagefind %s ==\n", r.pagefindVersion)
	p("course: %d Markdown files in %s (gencorpus.py), %d pages built; %d cores, GOMAXPROCS %d\n",
		files, strings.Join(langs, " "), r.pages, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	p("load average (1/5/15 min): %s\n", strings.Join(r.load, "; "))
	p("browser: %s, headless; each first query in a new browser context (empty cache)\n\n", r.chromium)

	p("-- Build (wall time) --\n")
	var walls []float64
	var rss int64
	for _, c := range r.online {
		walls = append(walls, c.wall.Seconds())
		rss = max(rss, c.maxRSS)
	}
	p("fieldguide build, online (CLI)             %7.2f s   peak RSS %4d MiB   (median of %d runs, [%.2f–%.2f] s)\n",
		median(walls), rss/1024, len(walls), slices.Min(walls), slices.Max(walls))
	p("fieldguide build, offline (in process)     %7.2f s\n", r.offline.total.Seconds())
	p("  the search index is built inside it: each page's sections are indexed by the worker that rendered\n")
	p("  the page, and a language's files are written when its last page is done (the first at %.2f s)\n",
		r.offline.firstIndex.Seconds())
	var sum time.Duration
	var per []string
	for i, l := range langs {
		sum += r.perLang[i]
		per = append(per, fmt.Sprintf("%s %.2f", l, r.perLang[i].Seconds()))
	}
	p("  index files after the last page, 1 lang  %7.2f s   (%s s: sorting and encoding the shards)\n", sum.Seconds(), strings.Join(per, ", "))
	p("pagefind --site public                     %7.2f s   peak RSS %4d MiB\n", r.pagefind.wall.Seconds(), r.pagefind.maxRSS/1024)
	p("  (tokenizing and postings run in the render workers as pages come and cannot be timed apart;\n")
	p("   go test -bench IndexCorpus ./generator/search times them per script; the online build indexes\n")
	p("   the same sections, in site order and small doc shards, where the offline one puts the sections\n")
	p("   that open their pages first, in a few large shards that its meta.js carries: see search.Options)\n\n")

	p("-- Index size, bytes on disk (online build; text = Markdown after front matter) --\n")
	p("lang  Markdown text   fieldguide (files)          share   gzipped      | Pagefind (files)              share   fragments   index chunks  meta+wasm\n")
	for _, l := range s.langs {
		p("%-4s  %11d    %11d (%4d files)   %5s   %10d   | %11d (%4d files)      %5s   %10d   %10d   %8d (wasm.%s)\n",
			l.lang, l.markdownBody, l.fgBytes, l.fgFiles, pct(l.fgBytes, l.markdownBody), l.fgGzip,
			l.pfBytes, l.pfFiles, pct(l.pfBytes, l.markdownBody), l.pfFragments, l.pfIndex, l.pfOther, l.pfWasm)
	}
	p("all   %11d    %11d                %5s   %10d   | %11d                    %5s   (each wasm once)\n",
		s.markdownTotal, s.fgTotalIndex, pct(s.fgTotalIndex, s.markdownTotal), s.fgTotalGzip,
		s.pfTotalIndex, pct(s.pfTotalIndex, s.markdownTotal))
	p("fieldguide's files by part (bytes as written: JSON for docs and pages, varint strings for terms and post;\n")
	p("meta = meta.js; terms, post = term shards t*.js; docs, snippets, pages = doc shards d*.js; rest = calls and ids):\n")
	p("lang  %8s %10s %10s %10s %10s %10s %10s   %s\n", "meta", "docs", "snippets", "terms", "post", "pages", "rest", "shards, mean size")
	for _, l := range s.langs {
		p("%-4s  %8d %10d %10d %10d %10d %10d %10d   %d term shards of %.1f KB, %d doc shards of %.1f KB\n", l.lang, l.fgMeta, l.fgDocs, l.fgSnippets, l.fgTerms, l.fgPost, l.fgPages, l.fgRest,
			l.fgTermFiles, kbPer(l.fgTerms+l.fgPost, l.fgTermFiles), l.fgDocFiles, kbPer(l.fgDocs+l.fgPages, l.fgDocFiles))
	}
	p("not counted above: fieldguide's engine assets/search.*.js %d B; Pagefind's pagefind.js + worker + entry.json %d B,\n", s.fgEngine, s.pfRuntime)
	p("its UI bundles %d B; whole pagefind/ folder %d B (%s). Pagefind's files are gzipped on disk already.\n\n", s.pfUI, s.pfFolder, mb(s.pfFolder))

	p("-- Query latency in Chromium, ms (performance.now() in the page; median of %d fresh page loads, [min–max]) --\n", r.trials)
	p("fieldguide first query, in a fresh page: focus the box, which loads the engine and meta.js; the query is asked the\n")
	p("    moment the engine starts on the language, so the reader's typing time hides nothing. Each column is from the focus:\n")
	p("    engine script run; meta.js run; last term shard of the query run; first %d results returned, with titles and\n", firstScreen)
	p("    snippets (what the box shows first); all %d returned (total). read = index files the query read, and their bytes.\n", resultLimit)
	p("after preload: a fresh page as above, but the query is asked once meta.js has run, as when a reader types after the\n")
	p("    focus; timed from the ask (so the term and doc shards are loaded, the engine and meta.js are not timed).\n")
	p("UI: type the query into #fg-search-input (chromedp.SendKeys, one key event at a time) → its first .fg-search-result;\n")
	p("    'after last key' counts from the last input event and includes the box's 60 ms typing pause\n")
	p("Pagefind first query: import pagefind.js + init() → search() + data() of the first %d results (its UI shows 5)\n", pagefindShown)
	p("%s %s %s %7s %7s %7s %8s %13s %8s %13s %15s   %8s %13s %14s\n", pad("", 10), pad("lang", 4), pad("first query", 12), "engine", "meta", "terms",
		fmt.Sprintf("first %d", firstScreen), "[range]", "total", "[range]", "read", "UI total", "[range]", "after last key")
	rangeOf := func(xs []float64) string {
		return fmt.Sprintf("[%.0f–%.0f]", slices.Min(xs), slices.Max(xs))
	}
	for _, m := range r.fieldguide {
		for _, l := range m.langs {
			read := fmt.Sprintf("%d, %.0f KB", len(l.first.Files), float64(l.first.bytes)/1e3)
			p("%s %s %s %7.1f %7.1f %7.1f %8.1f %13s %8.1f %13s %15s   %8.1f %13s %14.1f\n", pad("fg "+m.name, 10), pad(l.lang, 4), pad(l.first.Query, 12),
				l.first.EngineMs, l.first.MetaMs, l.first.TermsMs, l.first.FirstMs, rangeOf(l.firstScreens), l.first.TotalMs, rangeOf(l.firstTotals), read,
				l.ui.FocusToResult, rangeOf(l.uiTotals), l.ui.InputToResult)
		}
	}
	for _, m := range r.fieldguide {
		for _, l := range m.langs {
			f := l.preloaded
			p("%s %s %s %7s %7s %7s %8.1f %13s %8.1f %13s %15s   (after preload: from the query, asked %.0f ms after the focus)\n", pad("fg "+m.name, 10), pad(l.lang, 4), pad(f.Query, 12),
				"", "", "", f.FirstMs-f.AskMs, rangeOf(l.preloadScreens), f.TotalMs-f.AskMs, rangeOf(l.preloadTotals), "", f.AskMs)
		}
	}
	for _, l := range r.pagefindHTTP.langs {
		p("%s %s %s %7.1f %7s %7s %8.1f %13s %8s %13s   (init %.1f, search + data of %d %.1f)\n", pad("pf HTTP", 10), pad(l.lang, 4), pad(l.first.Query, 12),
			l.first.EngineMs, "", "", l.first.TotalMs, rangeOf(l.firstTotals), "", "", l.first.ReadyMs, pagefindShown, l.first.QueryMs)
	}
	p("Pagefind from file://: %s\n\n", r.pagefindFile)

	p("each query after the first query of its language, in the same page: median of %d runs [first run, which loads the\n", r.rounds)
	p("index files the query needs that earlier ones did not]; hits = sections (fieldguide) / pages (Pagefind)\n")
	p("%s %s %18s %18s %20s %6s %6s\n", pad("lang", 4), pad("query", 20), "fg HTTP", "fg file://", "Pagefind HTTP", "fg", "pf")
	fgH, fgF, pf := r.fieldguide[0], r.fieldguide[1], r.pagefindHTTP
	for li := range fgH.langs {
		for qi, q := range fgH.langs[li].queries {
			f := fgF.langs[li].queries[qi]
			g := pf.langs[li].queries[qi]
			p("%s %s %8.2f [%7.2f] %8.2f [%7.2f] %9.2f [%8.2f] %6d %6d\n", pad(fgH.langs[li].lang, 4), pad(q.Query, 20),
				median(q.Times), q.Times[0], median(f.Times), f.Times[0], median(g.Times), g.Times[0], q.Hits, g.Hits)
		}
	}
	mH, mF, mP := median(fgH.queryMedians()), median(fgF.queryMedians()), median(pf.queryMedians())
	p("median of the 20 queries: fieldguide HTTP %.2f ms, file:// %.2f ms; Pagefind HTTP %.2f ms\n\n", mH, mF, mP)

	p("-- Targets --\n")
	okSize := s.fgTotalIndex <= s.pfTotalIndex
	sizeNote := ""
	if !okSize {
		sizeNote = fmt.Sprintf(" (over by %d B, +%.1f%%)", s.fgTotalIndex-s.pfTotalIndex, 100*float64(s.fgTotalIndex-s.pfTotalIndex)/float64(s.pfTotalIndex))
	}
	p("%-62s %s vs %s  %s%s\n", "fieldguide index bytes ≤ Pagefind's (all languages)", mb(s.fgTotalIndex), mb(s.pfTotalIndex), verdict(okSize), sizeNote)
	for _, l := range s.langs {
		ok := l.fgBytes <= l.pfBytes
		p("%-62s %s vs %s  %s\n", "  "+l.lang, mb(l.fgBytes), mb(l.pfBytes), verdict(ok))
	}
	p("%-62s %.2f ms  %s%s\n", "median query ≤ 30 ms, HTTP", mH, verdict(mH <= targetMedianMs), over(mH, targetMedianMs, "ms"))
	p("%-62s %.2f ms  %s%s\n", "median query ≤ 30 ms, file://", mF, verdict(mF <= targetMedianMs), over(mF, targetMedianMs, "ms"))
	worst, wl := fgF.worstFirst(func(l langResult) float64 { return l.first.TotalMs })
	p("%-62s %.1f ms (%s)  %s%s\n", fmt.Sprintf("first query with engine + index load ≤ 150 ms, all %d, file:// (worst)", resultLimit), worst, wl, verdict(worst <= targetFirstMs), over(worst, targetFirstMs, "ms"))
	for _, l := range fgF.langs {
		p("%-62s %.1f ms  %s\n", "  "+l.lang, l.first.TotalMs, verdict(l.first.TotalMs <= targetFirstMs))
	}
	worstScreen, ws := fgF.worstFirst(func(l langResult) float64 { return l.first.FirstMs })
	p("%-62s %.1f ms (%s)  %s%s\n", fmt.Sprintf("  its first %d results, what the box shows first (worst)", firstScreen), worstScreen, ws, verdict(worstScreen <= targetFirstMs), over(worstScreen, targetFirstMs, "ms"))
	worstPre, wp := fgF.worstFirst(func(l langResult) float64 { return l.preloaded.TotalMs - l.preloaded.AskMs })
	p("%-62s %.1f ms (%s)  (no verdict: the engine and meta.js load before)\n", fmt.Sprintf("  after preload, all %d, from the query (worst)", resultLimit), worstPre, wp)
	worstUI, wlUI := fgF.worstFirst(func(l langResult) float64 { return l.ui.FocusToResult })
	p("%-62s %.1f ms (%s)  (no verdict: includes typing over CDP and the 60 ms pause)\n", "  through the UI, typed, file:// (worst)", worstUI, wlUI)
}
