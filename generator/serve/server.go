package serve

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/output"
)

// Options configure a Server.
type Options struct {
	// Source is the course folder.
	Source string
	// Build selects what is built. Its FS defaults to Source; its BaseURL
	// to the server's own URL, so canonical links and the 404 page work
	// in the preview.
	Build build.Options
	// Bind is the address to listen on: 127.0.0.1 unless another
	// interface is asked for.
	Bind string
	// Port is the port to listen on; when it is taken the next free one
	// is used (Ports tries in all). 0 picks any free port.
	Port  int
	Ports int
	// Write, when set, is a folder kept as `fieldguide build` would write
	// it: after each good build (see Server.writer).
	Write string
	// Log receives what the terminal shows; nil discards it. Diagnostics,
	// when set, receives the build's messages instead.
	Log, Diagnostics io.Writer
	// Debounce is how long the course must be quiet after an event
	// before a rebuild starts (default 5ms): one save is several events,
	// which editors make within a millisecond or two; an event that comes
	// later cancels the rebuild it interrupts.
	Debounce time.Duration
	// Idle is how long the course must be quiet after a rebuild before the
	// search index is rebuilt, when the rebuild left it behind (default
	// 1.5s). Building an index takes seconds on a large course and cannot
	// be stopped halfway, so it waits for a pause in the saves rather than
	// competing with the next rebuild.
	Idle time.Duration
	// ScanEvery is how often, when nothing happens, the course is compared
	// with what was built, in case the watcher missed something (default 2s).
	ScanEvery time.Duration
}

// Server is a running live preview.
type Server struct {
	opts Options
	inc  *build.Incremental
	ln   net.Listener
	// localOnly is set when the server listens on a loopback address: it
	// then answers only requests addressed to this machine by name.
	localOnly bool
	http      *http.Server
	events    *hub
	watch     *watcher
	instance  string
	url       string

	state atomic.Pointer[state]

	// The rebuild loop's channels.
	idleReq chan chan struct{}
	stop    context.CancelFunc
	done    chan struct{}

	// The writer's state (Options.Write): a write is owed after a good
	// build, and a build for it in progress is cancelled by a newer one.
	writeOpts   build.Options
	writeMu     sync.Mutex
	writeOwed   bool
	writeCancel context.CancelFunc
	writeKick   chan struct{}
	writeDone   chan struct{}

	logMu       sync.Mutex
	lastWarning string
}

// state is what the server serves and tells pages.
type state struct {
	// out is the last good site (nil before the first).
	out *build.Output
	// version counts the good builds that changed the site.
	version uint64
	// errors are the messages of the last build when it failed.
	errors []diag.Diagnostic
}

func (s *Server) current() *state { return s.state.Load() }

// Start listens, builds the course once, and serves it while watching it
// for changes, until ctx ends or Close is called. It returns once the
// first build is done (successful or not) and the site is served.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Ports == 0 {
		opts.Ports = 20
	}
	if opts.Debounce == 0 {
		opts.Debounce = 5 * time.Millisecond
	}
	if opts.Idle == 0 {
		opts.Idle = 1500 * time.Millisecond
	}
	if opts.ScanEvery == 0 {
		opts.ScanEvery = 2 * time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Diagnostics == nil {
		opts.Diagnostics = opts.Log
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	opts.Source = src
	if opts.Build.FS == nil {
		opts.Build.FS = build.DirFS(src)
	}
	s := &Server{opts: opts, events: newHub(), idleReq: make(chan chan struct{}), done: make(chan struct{}),
		writeKick: make(chan struct{}, 1)}
	s.state.Store(&state{})
	var id [6]byte
	_, _ = rand.Read(id[:])
	s.instance = hex.EncodeToString(id[:])

	if opts.Write != "" {
		if _, err := output.CheckDest(src, opts.Write); err != nil {
			return nil, err
		}
		// As `fieldguide build` would: the course's own baseURL, not the
		// preview's address.
		s.writeOpts = opts.Build
		s.writeOpts.DropSources = true
		s.writeDone = make(chan struct{})
	}
	if err := s.listen(); err != nil {
		return nil, err
	}
	if opts.Build.BaseURL == "" {
		s.opts.Build.BaseURL = s.url
	}
	s.inc, err = build.NewIncremental(s.opts.Build)
	if err != nil {
		s.ln.Close()
		return nil, err
	}
	// Watch before the first build, so edits made during it are seen.
	s.watch, err = newWatcher(src)
	if err != nil {
		s.ln.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", src, err)
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.http.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(s.opts.Log, "server stopped: %v\n", err)
		}
	}()

	fmt.Fprintf(s.opts.Log, "Building %s\n", src)
	u := s.inc.Build(ctx, nil)
	s.publish(u, "build")
	loopCtx, stop := context.WithCancel(ctx)
	s.stop = stop
	go s.loop(loopCtx)
	if opts.Write != "" {
		go s.writer(loopCtx)
	}
	return s, nil
}

// listen opens the port, or the next free one when it is taken.
func (s *Server) listen() error {
	o := s.opts
	host := o.Bind
	var err error
	for i := range max(o.Ports, 1) {
		port := o.Port + i
		if o.Port == 0 && i > 0 {
			break
		}
		s.ln, err = net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		if err == nil {
			if i > 0 {
				fmt.Fprintf(o.Log, "Port %d is in use; serving on port %d instead.\n", o.Port, port)
			}
			break
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return err
		}
	}
	if err != nil {
		return fmt.Errorf("ports %d to %d are all in use; choose another with --port", o.Port, o.Port+o.Ports-1)
	}
	port := s.ln.Addr().(*net.TCPAddr).Port
	ip := net.ParseIP(host)
	urlHost := host
	switch {
	case ip != nil && ip.IsUnspecified():
		urlHost = "localhost"
	case ip != nil && ip.To4() == nil:
		urlHost = "[" + host + "]"
	}
	s.url = fmt.Sprintf("http://%s:%d/", urlHost, port)
	s.localOnly = isLoopback(host)
	if !isLoopback(host) {
		fmt.Fprintf(o.Log, "Warning: listening on %s, so anyone on your network can read this course", host)
		if o.Build.Audience == "trainer" {
			fmt.Fprint(o.Log, ", trainer notes included")
		}
		fmt.Fprintln(o.Log, ". Use --bind 127.0.0.1 to keep it on this computer.")
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// localHost reports whether a request's Host names this machine. A web
// page elsewhere can point a name of its own at 127.0.0.1 (DNS
// rebinding) and read the preview, trainer notes included, through it;
// its requests carry that name, which is refused.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	return isLoopback(host) || strings.HasSuffix(host, ".localhost")
}

// URL is where the site is served: "http://127.0.0.1:1313/".
func (s *Server) URL() string { return s.url }

// Output is the site being served (nil before the first good build).
func (s *Server) Output() *build.Output { return s.current().out }

// Wait blocks until the server stops.
func (s *Server) Wait() { <-s.done }

// Close stops watching and serving. Open pages reconnect by themselves
// when a server comes back.
func (s *Server) Close() error {
	s.stop()
	<-s.done
	if s.writeDone != nil {
		<-s.writeDone // the last save, written
	}
	s.events.close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.http.Shutdown(ctx)
}

// Settle waits until the server has no work left: no change waiting, no
// rebuild, no search index to rebuild, no comparison with the disk. Tests
// use it after an edit; events the watcher has not delivered yet are not
// known, so it first waits for quiet (the debounce time, at least 50ms).
func (s *Server) Settle(ctx context.Context) error {
	for {
		select {
		case <-time.After(max(s.opts.Debounce*4, 50*time.Millisecond)):
		case <-ctx.Done():
			return ctx.Err()
		}
		ch := make(chan struct{})
		select {
		case s.idleReq <- ch:
		case <-s.done:
			return errors.New("server stopped")
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		if len(s.watch.paths) == 0 {
			return nil
		}
	}
}

// buildResult is a finished rebuild, or search index, or disk comparison.
type buildResult struct {
	kind  string // "build", "search" or "scan"
	paths []string
	u     *build.Update
	err   error
	scan  []string
}

// midSaveWait is how long a change that looks like half a save waits
// for the rest (see halfSaved).
const midSaveWait = 150 * time.Millisecond

// halfSaved reports whether p, a Markdown file that just changed, is
// empty or missing: what an editor leaves between the two steps of a
// save. A file really emptied or deleted is built as well, midSaveWait
// later.
func (s *Server) halfSaved(p string) bool {
	if !strings.HasSuffix(p, ".md") {
		return false
	}
	info, err := os.Lstat(filepath.Join(s.opts.Source, filepath.FromSlash(p)))
	return errors.Is(err, fs.ErrNotExist) || err == nil && info.Mode().IsRegular() && info.Size() == 0
}

// loop gathers changes, runs rebuilds one at a time (a new change cancels
// the running one), and does the idle work: the search index, then a
// comparison of the course with what was built.
func (s *Server) loop(ctx context.Context) {
	defer close(s.done)
	defer s.watch.close()
	pending := map[string]bool{}
	var first time.Time // of the oldest pending change
	halfSaved := false  // a pending change looked like half a save
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	armed := false
	idle := time.NewTimer(s.opts.Idle)
	idleArmed := true
	scanTick := time.NewTicker(s.opts.ScanEvery)
	defer scanTick.Stop()
	results := make(chan buildResult, 4)
	var cancelBuild context.CancelFunc
	building, finishing, scanning := false, false, false
	searchPending := true
	var waiters []chan struct{}

	arm := func() {
		if len(pending) == 0 {
			return
		}
		quiet := s.opts.Debounce
		noise := true
		for p := range pending {
			if !isNoise(p) {
				noise = false
				break
			}
		}
		switch {
		case noise:
			// Swap and backup files alone: wait for the real save.
			quiet = 250 * time.Millisecond
		case halfSaved:
			// A file emptied or gone: editors save by truncating and then
			// writing, or by moving the old file aside and the new one in,
			// and a build in between shows an empty page or broken links.
			// Still, a stream of such events is built within 400ms.
			quiet = min(midSaveWait, max(time.Until(first.Add(400*time.Millisecond)), 0))
		default:
			// A stream of events still gets a build at least every 100ms.
			if wait := time.Until(first.Add(100 * time.Millisecond)); wait < quiet {
				quiet = max(wait, 0)
			}
		}
		debounce.Reset(quiet)
		armed = true
	}
	startBuild := func() {
		paths := make([]string, 0, len(pending))
		all := false
		for p := range pending {
			if p == scanAll {
				all = true
			}
			paths = append(paths, p)
		}
		slices.Sort(paths)
		pending, first, halfSaved = map[string]bool{}, time.Time{}, false
		bctx, cancel := context.WithCancel(ctx)
		cancelBuild, building = cancel, true
		go func() {
			changed := paths
			if all {
				changed = nil
			}
			u := s.inc.Build(bctx, changed)
			cancel()
			results <- buildResult{kind: "build", paths: paths, u: u}
		}()
	}
	isIdle := func() bool {
		return !building && !finishing && !scanning && !armed && len(pending) == 0 && !searchPending
	}
	wake := func() {
		if isIdle() {
			for _, w := range waiters {
				close(w)
			}
			waiters = nil
		}
	}

	for {
		select {
		case <-ctx.Done():
			// A search index being built is not waited for: it cannot be
			// stopped, and may take seconds. results has room for it.
			if cancelBuild != nil {
				cancelBuild()
			}
			for building || scanning {
				r := <-results
				switch r.kind {
				case "build":
					building = false
				case "search":
					finishing = false
				case "scan":
					scanning = false
				}
			}
			return
		case p := <-s.watch.paths:
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[p] = true
			halfSaved = halfSaved || s.halfSaved(p)
			if building && !isNoise(p) {
				cancelBuild()
			}
			if !building {
				arm()
			}
		case err := <-s.watch.errs:
			s.logf("watching: %v", err)
		case <-debounce.C:
			armed = false
			if !building && len(pending) > 0 {
				startBuild()
			}
		case r := <-results:
			switch r.kind {
			case "build":
				building = false
				if r.u.Err != nil && errors.Is(r.u.Err, context.Canceled) {
					for _, p := range r.paths {
						if len(pending) == 0 {
							first = time.Now()
						}
						pending[p] = true
					}
				} else {
					s.publish(r.u, "build")
					searchPending = s.inc.SearchPending()
				}
			case "search":
				finishing = false
				if r.err != nil {
					// Reported once; the next rebuild tries again.
					s.logf("search index: %v", r.err)
					searchPending = false
				} else {
					if r.u != nil {
						s.publish(r.u, "search")
					}
					// Newer builds may have left other work meanwhile.
					searchPending = s.inc.SearchPending()
				}
			case "scan":
				scanning = false
				for _, p := range r.scan {
					if len(pending) == 0 {
						first = time.Now()
					}
					pending[p] = true
				}
			}
			if len(pending) > 0 && !building {
				arm()
			}
			idle.Reset(s.opts.Idle)
			idleArmed = true
		case <-idle.C:
			idleArmed = false
			if searchPending && !building && !armed && len(pending) == 0 && !finishing {
				finishing = true
				go func() {
					u, err := s.inc.Finish(ctx)
					results <- buildResult{kind: "search", u: u, err: err}
				}()
			}
		case <-scanTick.C:
			// The watcher is not trusted alone: now and then, when nothing
			// else happens, the disk is compared with what was built.
			if !building && !armed && len(pending) == 0 && !scanning && !idleArmed {
				scanning = true
				go func() { results <- buildResult{kind: "scan", scan: s.inc.Scan()} }()
			}
		case w := <-s.idleReq:
			waiters = append(waiters, w)
		}
		wake()
	}
}

// publish makes a build's outcome what is served and tells the pages
// and the terminal.
func (s *Server) publish(u *build.Update, kind string) {
	prev := s.current()
	if u.Err != nil {
		items := withExcerpts(diagnosticsOf(u), s.inc.ReadSource)
		s.state.Store(&state{out: prev.out, version: prev.version, errors: items})
		if prev.out != nil {
			s.logf("Build failed (%s); still serving the last good version.", summary(items))
		} else {
			s.logf("Build failed (%s); the preview shows the course once you fix this and save.", summary(items))
		}
		s.logMu.Lock()
		diag.Print(s.opts.Diagnostics, items)
		s.lastWarning = ""
		s.logMu.Unlock()
		s.events.broadcast("errors", s.helloJSON())
		return
	}
	if prev.out != nil && u.Output.Seq <= prev.out.Seq {
		return // an older result than what is served
	}
	changed := len(u.Changed)+len(u.Removed) > 0
	next := &state{out: u.Output, version: prev.version}
	if kind == "build" && changed {
		next.version++
	}
	s.state.Store(next)
	s.printWarnings(u.Result)
	switch {
	case kind == "search":
		// Pages are unchanged; the search box loads the new index itself.
		s.logf("Search index updated in %s.", roundDuration(u.Duration))
	case prev.out == nil:
		s.logf("Built %d pages in %s.", u.Result.Pages, roundDuration(u.Duration))
		s.events.broadcast("reload", s.versionJSON(next))
	case !changed:
		if prev.errors != nil {
			s.logf("Build fixed; nothing else changed.")
			s.events.broadcast("ok", s.versionJSON(next))
		}
	default:
		s.logf("%s: %s in %s.", describeInputs(u.Inputs), describeOutputs(u), roundDuration(u.Duration))
		if css, ok := cssOnly(u); ok {
			css["version"] = next.version
			data, _ := json.Marshal(css)
			s.events.broadcast("css", data)
		} else {
			msg := map[string]any{"version": next.version}
			if moved := movedPages(prev.out, u); len(moved) > 0 {
				msg["moved"] = moved
			}
			data, _ := json.Marshal(msg)
			s.events.broadcast("reload", data)
		}
	}
	if s.opts.Write != "" && kind != "search" {
		// The writer builds its own search index: the preview's, done
		// later, changes nothing it writes.
		s.queueWrite()
	}
}

// movedPages pairs the pages an update removed with those it added that
// are the same page moved (a lesson renamed, moved to another module, or
// given a slug): the same text in their <article>, from the previous good
// site to this one. A tab showing the old one follows it, rather than
// reload onto "page not found". Of several pages of the same text, one of
// the same file name is the one, or none. The paths are URL paths,
// escaped as the browser's location.pathname is.
func movedPages(prev *build.Output, u *build.Update) map[string]string {
	if prev == nil || u.Output == nil {
		return nil
	}
	pageDir := func(name string) (string, bool) {
		dir, ok := strings.CutSuffix(name, "/index.html")
		return dir, ok && strings.Contains(dir, "/")
	}
	var gone, added []string
	for _, name := range u.Removed {
		if dir, ok := pageDir(name); ok {
			gone = append(gone, dir)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	for _, name := range u.Changed {
		if _, existed := prev.Files[name]; existed {
			continue
		}
		if dir, ok := pageDir(name); ok {
			added = append(added, dir)
		}
	}
	// Each page's text once: a module renamed moves all its lessons.
	byText := map[string][]string{}
	for _, a := range added {
		if t := articleText(u.Output.Files[a+"/index.html"]); t != "" {
			byText[t] = append(byText[t], a)
		}
	}
	urlPath := func(dir string) string { return (&url.URL{Path: "/" + dir + "/"}).EscapedPath() }
	moved := map[string]string{}
	for _, g := range gone {
		was := articleText(prev.Files[g+"/index.html"])
		if was == "" {
			continue
		}
		same := slices.Clone(byText[was])
		if len(same) > 1 {
			same = slices.DeleteFunc(same, func(a string) bool { return path.Base(a) != path.Base(g) })
		}
		if len(same) == 1 {
			moved[urlPath(g)] = urlPath(same[0])
		}
	}
	return moved
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// articleText is the text of a page's <article> (its title and its
// lesson), without the markup, whose links change when the page moves.
func articleText(page []byte) string {
	start := bytes.Index(page, []byte("<article"))
	end := bytes.LastIndex(page, []byte("</article>"))
	if start < 0 || end < start {
		return ""
	}
	return strings.Join(strings.Fields(htmlTag.ReplaceAllString(string(page[start:end]), " ")), " ")
}

// diagnosticsOf is a failed build's messages; an error that is not about
// the course's content becomes one message without a position.
//
// The errors come first, each kind in file order: the overlay's heading
// counts the errors ("Build failed: 1 error"), and a warning listed above
// them looked like the cause.
func diagnosticsOf(u *build.Update) []diag.Diagnostic {
	var items []diag.Diagnostic
	var es *diag.Errors
	if errors.As(u.Err, &es) {
		items = slices.Clone(es.Items)
	} else {
		items = slices.Clone(u.Result.Diagnostics)
		if !slices.ContainsFunc(items, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
			items = append(items, diag.AsList(u.Err)...)
		}
	}
	slices.SortStableFunc(items, func(a, b diag.Diagnostic) int { return cmp.Compare(a.Severity, b.Severity) })
	return items
}

// cssOnly reports whether a build changed only stylesheets, and which:
// pages can then swap them instead of reloading.
func cssOnly(u *build.Update) (map[string]any, bool) {
	if len(u.Inputs) == 0 {
		return nil, false
	}
	for _, in := range u.Inputs {
		if !strings.HasSuffix(in, ".css") || !(strings.HasPrefix(in, "static/") || strings.HasPrefix(in, "layouts/assets/css/")) {
			return nil, false
		}
	}
	var changed, removed []string
	for _, f := range u.Changed {
		switch {
		case strings.HasSuffix(f, ".css"):
			changed = append(changed, f)
		case strings.HasSuffix(f, ".html"):
			// Pages link to the stylesheet by its fingerprinted name.
		default:
			return nil, false
		}
	}
	for _, f := range u.Removed {
		if !strings.HasSuffix(f, ".css") {
			return nil, false
		}
		removed = append(removed, f)
	}
	return map[string]any{"changed": changed, "removed": removed}, true
}

// describeInputs names the files a rebuild follows: the first that is the
// course's, not an editor's swap or backup file saved beside it.
func describeInputs(inputs []string) string {
	if len(inputs) == 0 {
		return "Rebuilt"
	}
	var files []string
	for _, in := range inputs {
		if !isNoise(in) {
			files = append(files, in)
		}
	}
	if len(files) == 0 {
		files = inputs[:1]
	}
	if len(files) == 1 {
		return files[0]
	}
	return fmt.Sprintf("%s and %d more", files[0], len(files)-1)
}

// roundDuration is d as a trainer reads it: 45ms, 1.55s.
func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

func describeOutputs(u *build.Update) string {
	n := len(u.Changed) + len(u.Removed)
	if n == 1 {
		return "1 file updated"
	}
	return fmt.Sprintf("%d files updated", n)
}

// printWarnings shows a good build's warnings when they differ from the
// last ones shown, so each save does not repeat them.
func (s *Server) printWarnings(res *build.Result) {
	if res == nil {
		return
	}
	items := withExcerpts(res.Diagnostics, s.inc.ReadSource)
	var b strings.Builder
	diag.Print(&b, items)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if b.String() == s.lastWarning {
		return
	}
	hadSome := s.lastWarning != ""
	s.lastWarning = b.String()
	if len(items) > 0 {
		fmt.Fprintf(s.opts.Diagnostics, "%s:\n%s", summary(items), b.String())
	} else if hadSome {
		// Else the last warnings printed would look current.
		fmt.Fprintln(s.opts.Diagnostics, "No warnings left.")
	}
}

func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, "%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// helloJSON is the state a page needs: which server, which version of the
// site, and the errors of the last build when it failed.
func (s *Server) helloJSON() []byte {
	st := s.current()
	errs := st.errors
	if errs == nil {
		errs = []diag.Diagnostic{}
	}
	// key names the errors, so a page whose reader closed the overlay
	// does not show the same errors again when it reconnects.
	key := ""
	if len(st.errors) > 0 {
		data, _ := json.Marshal(st.errors)
		key = shortSum(data)
	}
	data, _ := json.Marshal(map[string]any{
		"instance": s.instance, "version": st.version, "hasSite": st.out != nil, "errors": errs, "key": key,
	})
	return data
}

func (s *Server) versionJSON(st *state) []byte {
	data, _ := json.Marshal(map[string]any{"version": st.version})
	return data
}

func shortSum(data []byte) string {
	var h uint64 = 14695981039346656037
	for _, c := range data {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return strconv.FormatUint(h, 36)
}

// queueWrite asks the writer to write out; a newer site replaces one not
// written yet.
func (s *Server) queueWrite() {
	s.writeMu.Lock()
	s.writeOwed = true
	if s.writeCancel != nil {
		s.writeCancel() // a build of an older course
	}
	s.writeMu.Unlock()
	select {
	case s.writeKick <- struct{}{}:
	default:
	}
}

// writer keeps Options.Write as `fieldguide build` would write it. What is
// served is built for the preview (its canonical links, sitemap and 404
// page name the preview's address), so after each good build the writer
// builds the course again, with its own baseURL, through a working folder
// swapped into place. A good build meanwhile cancels that build for a new
// one; when the server stops, a write still owed is done first, so the
// last save is on disk.
func (s *Server) writer(ctx context.Context) {
	defer close(s.writeDone)
	for {
		stopping := false
		select {
		case <-ctx.Done():
			stopping = true
		case <-s.writeKick:
		}
		s.writeMu.Lock()
		owed := s.writeOwed
		s.writeOwed = false
		wctx, cancel := context.WithCancel(context.Background())
		s.writeCancel = cancel
		s.writeMu.Unlock()
		if owed {
			if stopping {
				s.logf("Writing %s before stopping.", s.opts.Write)
			}
			if err := s.writeOnce(wctx); err != nil && wctx.Err() == nil {
				s.logf("Cannot write %s: %v", s.opts.Write, err)
			}
		}
		cancel()
		if stopping {
			return
		}
	}
}

func (s *Server) writeOnce(ctx context.Context) error {
	dir, err := output.NewDir(s.opts.Source, s.opts.Write)
	if err != nil {
		return err
	}
	dir.Audience = cmp.Or(s.writeOpts.Audience, "participant")
	if _, err := build.Build(ctx, s.writeOpts, dir); err != nil {
		dir.Abort()
		return err
	}
	if err := dir.Commit(); err != nil {
		dir.Abort()
		return err
	}
	return nil
}
