package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/bundle"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/spf13/cobra"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func init() { extraCommands = append(extraCommands, newCheckCmd) }

// checkReport is what `fieldguide check --format json` prints. Its shape is
// stable; fields may be added, never renamed or removed:
//
//	{
//	  "errors": 1,
//	  "warnings": 2,
//	  "audiences": ["participant", "trainer"],
//	  "diagnostics": [
//	    {"file": "content/en/m1/a.md", "line": 7, "col": 3, "severity": "error",
//	     "code": "broken-link", "message": "link to b.md: no such page or file",
//	     "hint": "check the path; …"}
//	  ],
//	  "translations": { …the JSON of `fieldguide i18n status`… },
//	  "externalLinks": [
//	    {"file": "content/en/m1/a.md", "line": 12, "url": "https://example.org/",
//	     "checked": true, "status": 404, "error": "404 Not Found"}
//	  ]
//	}
//
// Diagnostics are sorted by file, line and column; line and col are 0 when
// a message is about a whole file, and code and hint are "" when there is
// none. severity is "error", "warning" or "note". externalLinks lists every http(s)
// link of the Markdown sources, sorted by file and line; "checked", "status"
// and "error" appear only with --external ("status" 0 when no answer came).
// When no web address could be reached at all (no internet connection),
// no link is "checked" and each has the error "not checked: no internet
// connection".
type checkReport struct {
	Errors        int             `json:"errors"`
	Warnings      int             `json:"warnings"`
	Audiences     []string        `json:"audiences"`
	Diagnostics   []checkMessage  `json:"diagnostics"`
	Translations  *i18n.Status    `json:"translations"`
	ExternalLinks []externalLink  `json:"externalLinks"`
	statusText    []statusSummary // for the text format
	// noInternet is set when --external reached no web address at all:
	// the links were not checked, which is said once, not per link.
	noInternet bool
	// strictLine says how many warnings --strict turned into errors.
	strictLine string
}

// checkMessage is a diagnostic as check prints it: every field present.
type checkMessage struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

// externalLink is one http(s) link of a page.
type externalLink struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	URL     string `json:"url"`
	Checked bool   `json:"checked,omitempty"`
	Status  *int   `json:"status,omitempty"`
	Error   string `json:"error,omitempty"`
}

type statusSummary struct {
	lang string
	line string
}

// allowUsage is the --allow flag's help, for build and check alike.
const allowUsage = "with --strict, the codes that stay warnings, e.g. left-out-link,heading-skip (a --strict run names the codes it failed on)"

func newCheckCmd() *cobra.Command {
	var source, format, audience string
	var drafts, external, strict bool
	var allow []string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report every problem of a course: links, front matter, Markdown, translations",
		Long: `Check builds the course in memory, for participants and for trainers (so
trainer-only pages and notes are checked too), and once more as the offline
copy 'fieldguide bundle' makes, with the bundle's self-check of every
reference that would not work from disk. It writes nothing, and reports
every error and warning as

  path:line:col: severity: message (hint)

sorted by file and position, then a line per language on its translations and
a summary "N errors, M warnings". What only the offline copy has (raw HTML
that loads from another site, say) is a note starting "offline copy:": bundle
refuses it, but a course published only on the web may keep it, and --strict
does not fail on notes. Outdated
and orphaned translations and
untranslated UI strings are reported as warnings; missing translations as
notes (see below).

Every http(s) link of the course is listed in the JSON report; --external
also fetches each one (HEAD, then GET, 10 seconds each) and reports those
that fail as warnings. It needs internet access and is slow on a big course,
so it is off by default. When no web address can be reached at all (no
name can be looked up, or the network is unreachable), the computer is
offline: check says so in one line and reports no link.

The report goes to stdout: it is what the command is for, so it can be
piped or saved. The exit code is 1 when there is an error, else 0: warnings
do not fail a check unless --strict is given. Missing translations are
notes, not warnings: readers see the default language's page on purpose
until a translation exists, so --strict does not fail on them. The summary
says how many warnings --strict made errors, and their codes: --allow CODE
keeps that kind a warning (an unknown code is refused).

--format json prints one object, stable for CI tools:

  {"errors": 1, "warnings": 2, "audiences": ["participant", "trainer"],
   "diagnostics": [{"file": "content/en/m1/a.md", "line": 7, "col": 3,
     "severity": "error", "code": "broken-link", "message": "...", "hint": "..."}],
   "translations": {...the JSON of 'fieldguide i18n status'...},
   "externalLinks": [{"file": "content/en/m1/a.md", "line": 12, "url": "https://..."}]}

With --external each link also has "checked", "status" and, when it failed, "error".

--format github prints each message as a GitHub Actions workflow command
(::error file=…,line=…,col=…::message), which GitHub shows on the line in a
pull request, then the summary. Paths are relative to the current folder, so
run it from the repository's top folder with -s naming the course.`,
		Example: `  fieldguide check
  fieldguide check -s ~/courses/trafficking --format json > report.json
  fieldguide check --audience participant   # only what participants see
  fieldguide check --external               # also fetch every web link
  fieldguide check --strict                 # warnings fail the check (CI)
  fieldguide check --strict --allow left-out-link   # but links to trainer pages are meant
  fieldguide check -s course --format github  # annotations in a GitHub pull request`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" && format != "github" {
				return usageError{fmt.Errorf("--format must be text, json or github, not %q", format)}
			}
			audiences := []string{"participant", "trainer"}
			switch audience {
			case "all":
			case "participant", "trainer":
				audiences = []string{audience}
			default:
				return usageError{fmt.Errorf("--audience must be all, participant or trainer, not %q", audience)}
			}
			allowed, err := allowedCodes(allow, strict)
			if err != nil {
				return err
			}
			sf := siteFlags{source: source, audience: audiences[0], drafts: drafts}
			if err := sf.check(); err != nil {
				return err
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			client := &http.Client{Timeout: 10 * time.Second, Transport: linkTransport}
			var strictly []string // the codes --strict allows, or nil without it
			if strict {
				strictly = append([]string{}, allowed...)
			}
			report, err := runCheck(ctx, sf.options(), audiences, external, client, cmd.ErrOrStderr(), strictly)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch format {
			case "json":
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(report); err != nil {
					return err
				}
			case "github":
				printGitHub(out, report, sf.source)
				printSummary(out, report, external)
			default:
				printCheck(out, report, external)
			}
			if report.Errors > 0 {
				return contentError{fmt.Errorf("%d errors", report.Errors)}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&source, "source", "s", ".", "course folder (with site.yaml and content/)")
	cmd.Flags().StringVar(&format, "format", "text", "text, json, or github (annotations of GitHub Actions)")
	cmd.Flags().StringVar(&audience, "audience", "all", "all, participant or trainer: which builds to check")
	cmd.Flags().BoolVar(&drafts, "drafts", false, "check pages with draft: true too")
	cmd.Flags().BoolVar(&external, "external", false, "fetch every http(s) link and report those that fail (needs internet)")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors (notes stay notes)")
	cmd.Flags().StringSliceVar(&allow, "allow", nil, allowUsage)
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("text", "json", "github"))
	_ = cmd.RegisterFlagCompletionFunc("audience", fixedCompletion("all", "participant", "trainer"))
	return cmd
}

// linkTransport is what --external fetches links with; nil is Go's
// default. Tests replace it so as never to need the internet.
var linkTransport http.RoundTripper

// runCheck builds the course once per audience into memory and gathers
// every message, the translation status and the external links.
//
// With strict non-nil (--strict), warnings become errors, except those
// whose code it holds.
func runCheck(ctx context.Context, opts build.Options, audiences []string, fetch bool, client *http.Client, progress io.Writer, strict []string) (*checkReport, error) {
	all := &diag.List{}
	var first *build.Result
	for _, aud := range audiences {
		o := opts
		o.Audience = aud
		res, err := build.Build(ctx, o, output.NewMemory())
		var derrs *diag.Errors
		if err != nil && !errors.As(err, &derrs) {
			// Not a mistake in the course: the build itself could not run.
			return nil, err
		}
		if res == nil {
			return nil, errors.New("the build returned no result")
		}
		for _, d := range res.Diagnostics {
			all.Add(d)
		}
		if first == nil {
			first = res
		}
	}
	if first.Site != nil {
		if err := checkOffline(ctx, opts, audiences[0], all); err != nil {
			return nil, err
		}
	}
	report := &checkReport{Audiences: audiences, Diagnostics: []checkMessage{}, ExternalLinks: []externalLink{}}
	report.Translations = &i18n.Status{Languages: map[string]*i18n.LanguageStatus{}}
	if first.Config != nil {
		report.Translations.DefaultLanguage = first.Config.DefaultLanguage
	}
	// Without sources the configuration was unusable and the build said why.
	if first.Config != nil && first.Sources != nil {
		st := i18n.TranslationStatus(first.Config, first.Sources, first.Catalog)
		report.Translations = st
		for _, code := range st.Codes(first.Config) {
			translationWarnings(all, st.DefaultLanguage, code, st.Languages[code])
			report.statusText = append(report.statusText, statusSummary{lang: code, line: summariseStatus(st.Languages[code], st.DefaultLanguage)})
		}
		quizWarnings(all, first.Config, first.Sources)
		var included []*content.Source
		var filters []*site.Filter
		for _, aud := range audiences {
			filters = append(filters, site.NewFilter(first.Sources, site.Options{Audience: aud, Drafts: opts.Drafts}))
		}
		for _, src := range first.Sources {
			for _, f := range filters {
				if f.Include(src) {
					included = append(included, src)
					break
				}
			}
		}
		report.ExternalLinks = externalLinks(included)
		if fetch {
			report.noInternet = !checkExternalLinks(ctx, client, report.ExternalLinks, all, progress)
			if report.noInternet {
				// A warning, so that --strict fails: links asked to be
				// checked were not, and every site name failing the same
				// way may also be one misspelt site. A code of its own,
				// which --allow can name without allowing broken links.
				all.Add(diag.Diagnostic{File: "content", Severity: diag.Warning, Code: "external-offline",
					Message: fmt.Sprintf("%s not checked: no web address could be reached (no internet connection?)", countOf(len(report.ExternalLinks), "external link", "external links")),
					Hint:    "run check --external again when online; if it is, check the address of the site the links name"})
			}
		}
	}
	if strict != nil {
		if turned, codes := all.Strict(strict...); turned > 0 {
			report.strictLine = strictSummary(turned, codes)
		}
	}
	for _, d := range all.Items() {
		report.Diagnostics = append(report.Diagnostics, checkMessage{File: d.File, Line: d.Line, Col: d.Col,
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Hint: d.Hint})
		switch d.Severity {
		case diag.Error:
			report.Errors++
		case diag.Warning:
			report.Warnings++
		}
	}
	return report, nil
}

// checkOffline builds the offline copy of audience, as 'fieldguide
// bundle' does, and runs its self-check, so that what the bundle would
// refuse is known before the day a copy is made. What only the offline
// copy has is added to all as notes starting "offline copy:": a course
// published only on the web has nothing to fix.
func checkOffline(ctx context.Context, opts build.Options, audience string, all *diag.List) error {
	opts.Audience = audience
	opts.Offline = true
	mem := output.NewMemory()
	res, err := build.Build(ctx, opts, mem)
	var derrs *diag.Errors
	if err != nil && !errors.As(err, &derrs) {
		return err
	}
	if res == nil {
		return nil
	}
	// A message of the web builds is not repeated, whatever its severity:
	// an image from another site is a warning there and an error here.
	key := func(d diag.Diagnostic) string {
		return fmt.Sprintf("%s:%d:%d:%s:%s", d.File, d.Line, d.Col, d.Code, d.Message)
	}
	known := map[string]bool{}
	for _, d := range all.Items() {
		known[key(d)] = true
	}
	var offline []diag.Diagnostic
	for _, d := range res.Diagnostics {
		if !known[key(d)] {
			offline = append(offline, d)
		}
	}
	{
		// Pages are written even when some have errors, which the web
		// builds report: what they have is checked all the same.
		var files []bundle.File
		for _, name := range mem.Names() {
			data, _ := mem.Get(name)
			files = append(files, bundle.File{Path: name, Data: data})
		}
		problems, _ := bundle.SelfCheck(files)
		// A mistake with its message already (an image from another site,
		// a broken link) has its one message, on its line.
		byLine := map[string][]diag.Diagnostic{}
		for _, d := range append(all.Items(), offline...) {
			key := fmt.Sprintf("%s:%d", d.File, d.Line)
			byLine[key] = append(byLine[key], d)
		}
		for _, l := range locateProblems(res, opts.FS, problems) {
			said := slices.ContainsFunc(byLine[fmt.Sprintf("%s:%d", l.File, l.Line)], func(d diag.Diagnostic) bool {
				return d.Code == "remote-image" || slices.ContainsFunc(l.refs, func(ref string) bool { return strings.Contains(d.Message, ref) })
			})
			if !said {
				offline = append(offline, l.Diagnostic)
			}
		}
	}
	for _, d := range offline {
		// A note: a course published only on the web has nothing to fix,
		// and --strict does not fail on notes.
		d.Severity = diag.Info
		d.Message = "offline copy: " + d.Message
		if d.Hint == "" {
			d.Hint = "fieldguide bundle will not write an offline copy with this"
		}
		all.Add(d)
	}
	return nil
}

// translationWarnings turns one language's status into warnings: a
// summary per kind, with the first few paths in the hint.
func translationWarnings(l *diag.List, def, lang string, ls *i18n.LanguageStatus) {
	some := func(list []string) string {
		const shown = 5
		if len(list) <= shown {
			return strings.Join(list, ", ")
		}
		return strings.Join(list[:shown], ", ") + fmt.Sprintf(" and %d more", len(list)-shown)
	}
	folder := "content/" + lang
	if n := len(ls.Missing); n > 0 {
		// A note, not a warning: readers get the default language's page
		// (or, with omit, no page) on purpose until it is translated.
		l.Add(diag.Diagnostic{File: folder, Severity: diag.Info, Code: "translation-missing",
			Message: fmt.Sprintf("%s of content/%s/ not translated to %s: %s", countOf(n, "page", "pages"), def, lang, some(ls.Missing)),
			Hint:    fmt.Sprintf("readers see these pages in %s; 'fieldguide i18n status' lists them all", def)})
	}
	if n := len(ls.Outdated); n > 0 {
		l.Add(diag.Diagnostic{File: folder, Severity: diag.Warning, Code: "translation-outdated",
			Message: fmt.Sprintf("%s older than the source: %s", countOf(n, "translation", "translations"), some(ls.Outdated)),
			Hint:    "update them from the source, then run 'fieldguide i18n mark' on them"})
	}
	// Pages without a source (ls.Orphaned) are the build's warnings, one
	// at each file, which serve and build show too.
	// A language without a single string has the build's warning saying
	// so already.
	if n := len(ls.UntranslatedStrings); n > 0 && !noUIStrings(l, lang) {
		l.Add(diag.Diagnostic{File: "layouts/i18n/" + lang + ".yaml", Severity: diag.Warning, Code: "ui-strings-missing",
			// The theme's, or the course's own keys (a string its
			// templates use): "of the theme" misnamed the latter.
			Message: fmt.Sprintf("%s not translated to %s: %s", countOf(n, "UI string", "UI strings"), lang, some(ls.UntranslatedStrings)),
			Hint:    fmt.Sprintf("readers see them in English; 'fieldguide i18n strings %s' adds them to this file, to translate", lang)})
	}
}

// noUIStrings reports whether l holds the build's warning that lang has
// no UI strings at all.
func noUIStrings(l *diag.List, lang string) bool {
	for _, d := range l.Items() {
		if d.Code == "ui-strings-none" && strings.HasPrefix(d.File, "layouts/i18n/"+lang+".") {
			return true
		}
	}
	return false
}

// summariseStatus is one language's line of check's summary. Its count
// of pages is i18n status's (pagesCounted), and says so: the bundle's
// count of pages shown untranslated is of the pages one edition shows.
func summariseStatus(ls *i18n.LanguageStatus, def string) string {
	c := ls.Counts
	parts := []string{fmt.Sprintf("%d translated of %s", c.Translated, pagesCounted(c.Pages, def))}
	for _, p := range []struct {
		n    int
		name string
	}{{c.Outdated, "outdated"}, {c.Unmarked, "unmarked"}, {c.Missing, "missing"}, {c.Drafts, pick(c.Drafts, "draft", "drafts") + " not translated (not published yet)"},
		{c.Orphaned, "orphaned"}, {c.UntranslatedStrings, "UI strings missing"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.name))
		}
	}
	return strings.Join(parts, ", ")
}

// printGitHub writes each message as a GitHub Actions workflow command,
// which shows it on the line of the file in a pull request. Paths are
// made relative to the current folder (the repository's, in a workflow),
// so a course in a subfolder of its repository is annotated where it is.
func printGitHub(w io.Writer, r *checkReport, source string) {
	cwd, _ := os.Getwd()
	absSrc, _ := filepath.Abs(source)
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	for _, d := range r.Diagnostics {
		level := map[string]string{"error": "error", "warning": "warning"}[d.Severity]
		if level == "" {
			level = "notice"
		}
		file := d.File
		if rel, err := filepath.Rel(cwd, filepath.Join(absSrc, filepath.FromSlash(d.File))); err == nil {
			file = filepath.ToSlash(rel)
		}
		props := []string{"file=" + prop.Replace(file)}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
		}
		if d.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Col))
		}
		if d.Code != "" {
			props = append(props, "title="+prop.Replace("fieldguide "+d.Code))
		}
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), data.Replace(msg))
	}
}

func printCheck(w io.Writer, r *checkReport, fetched bool) {
	for _, d := range r.Diagnostics {
		fmt.Fprintln(w, formatCheckMessage(d))
	}
	if len(r.Diagnostics) > 0 {
		fmt.Fprintln(w)
	}
	printSummary(w, r, fetched)
}

// printSummary writes what follows the messages: a line per language on
// its translations, the external links and the counts.
func printSummary(w io.Writer, r *checkReport, fetched bool) {
	for _, s := range r.statusText {
		fmt.Fprintf(w, "translations %s: %s\n", s.lang, s.line)
	}
	links := countOf(len(r.ExternalLinks), "external link", "external links")
	switch {
	case r.noInternet: // a warning says so
	case fetched:
		fmt.Fprintf(w, "%s fetched\n", links)
	case len(r.ExternalLinks) > 0:
		fmt.Fprintf(w, "%s not checked (use --external to fetch them)\n", links)
	}
	if r.strictLine != "" {
		fmt.Fprintln(w, r.strictLine)
	}
	fmt.Fprintf(w, "%s, %s\n", countOf(r.Errors, "error", "errors"), countOf(r.Warnings, "warning", "warnings"))
}

// formatCheckMessage writes path:line:col: severity: message (hint).
func formatCheckMessage(m checkMessage) string {
	d := diag.Diagnostic{File: m.File, Line: m.Line, Col: m.Col}
	s := d.Position() + ": " + m.Severity + ": " + m.Message
	if m.Hint != "" {
		s += " (" + m.Hint + ")"
	}
	return s
}

// linkParser finds links the way the build's Markdown does (GFM autolinks
// included); our fenced divs need no extension here, their content parses
// as ordinary Markdown.
var linkParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList)).Parser()

// externalLinks lists the http(s) links and images of sources, with the
// line each is on, sorted by file and line.
func externalLinks(sources []*content.Source) []externalLink {
	out := []externalLink{}
	for _, src := range sources {
		if len(src.Body) == 0 {
			continue
		}
		root := linkParser.Parse(text.NewReader(src.Body))
		seen := map[string]int{} // url → where the next search for it starts
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			var u, written string // the URL, and the URL as written in the source
			switch l := n.(type) {
			case *ast.Link:
				u = string(l.Destination)
			case *ast.Image:
				u = string(l.Destination)
			case *ast.AutoLink:
				if l.AutoLinkType != ast.AutoLinkURL {
					return ast.WalkContinue, nil
				}
				// "www.example.org" becomes "http://www.example.org".
				u, written = string(l.URL(src.Body)), string(l.Label(src.Body))
			default:
				return ast.WalkContinue, nil
			}
			lower := strings.ToLower(u)
			if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
				return ast.WalkContinue, nil
			}
			if written == "" {
				written = u
			}
			line := 0
			// Find the URL as written, after the previous occurrence of the
			// same URL, so each link gets its own line.
			from := seen[written]
			if p := n.Pos(); p > from {
				from = min(p, len(src.Body))
			}
			if i := bytes.Index(src.Body[from:], []byte(written)); i >= 0 {
				off := from + i
				line = bytes.Count(src.Body[:off], []byte{'\n'}) + 1 + src.BodyLine
				seen[written] = off + len(written)
			}
			out = append(out, externalLink{File: src.File, Line: line, URL: u})
			return ast.WalkContinue, nil
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.URL < b.URL
	})
	return out
}

// checkExternalLinks fetches every distinct URL once, a few at a time, and
// reports the failures as warnings at each place the URL is used. It
// returns false when no URL could be reached at all, because no name
// could be looked up or there is no route to the network: that is a
// computer without internet, not a course whose every link is broken,
// so nothing is reported and the links are marked not checked.
func checkExternalLinks(ctx context.Context, client *http.Client, links []externalLink, diags *diag.List, progress io.Writer) (online bool) {
	type result struct {
		status int
		err    error
	}
	var urls []string
	seen := map[string]bool{}
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			urls = append(urls, l.URL)
		}
	}
	if progress != nil && len(urls) > 0 {
		// It can take minutes behind a firewall that drops requests:
		// say what is going on rather than nothing.
		fmt.Fprintf(progress, "checking %s, 4 at a time, up to %s each...\n", countOf(len(urls), "web address", "web addresses"), client.Timeout)
	}
	results := map[string]*result{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	limit := make(chan struct{}, 4)
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			limit <- struct{}{}
			defer func() { <-limit }()
			status, err := fetchURL(ctx, client, u)
			mu.Lock()
			results[u] = &result{status: status, err: err}
			mu.Unlock()
		}()
	}
	wg.Wait()
	online = len(results) == 0
	for _, r := range results {
		var down networkDown
		if !errors.As(r.err, &down) {
			online = true
		}
	}
	for i := range links {
		if !online {
			links[i].Error = "not checked: no internet connection"
			continue
		}
		r := results[links[i].URL]
		status := r.status
		links[i].Checked, links[i].Status = true, &status
		if r.err != nil {
			links[i].Error = r.err.Error()
			diags.Add(diag.Diagnostic{File: links[i].File, Line: links[i].Line, Severity: diag.Warning, Code: "external-link",
				Message: fmt.Sprintf("link to %s: %s", links[i].URL, r.err),
				Hint:    "update the address or remove the link; readers offline cannot follow it either way"})
		}
	}
	return online
}

// fetchURL asks for u with HEAD, then with GET when HEAD fails (servers
// that refuse HEAD answer 403, 404 or 405 to it). It returns the last status
// and, for a failure, why.
func fetchURL(ctx context.Context, client *http.Client, u string) (int, error) {
	status, err := request(ctx, client, http.MethodHead, u)
	if err == nil && status < 400 {
		return status, nil
	}
	// Some servers refuse HEAD: ask again with GET, unless the server did
	// not answer at all, which a second try would wait for again, or could
	// not be reached, which a second try would not change.
	var down networkDown
	if errors.Is(err, errNoAnswer) || errors.As(err, &down) {
		return 0, err
	}
	status, err = request(ctx, client, http.MethodGet, u)
	switch {
	case err != nil:
		return status, err
	case status >= 400:
		return status, fmt.Errorf("%d %s", status, http.StatusText(status))
	}
	return status, nil
}

// errNoAnswer is a request that timed out.
var errNoAnswer = errors.New("no answer")

// networkDown is a failure that says nothing about the link itself: the
// name of its site could not be looked up, or there is no route to it.
// When every link fails so, the computer is offline.
type networkDown struct{ error }

func (e networkDown) Unwrap() error { return e.error }

// describeFetchError says why a link could not be fetched in words, not
// Go's: the cause a maintainer can act on.
func describeFetchError(err error, wait time.Duration) error {
	var timeout interface{ Timeout() bool }
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	switch {
	// A name that cannot be looked up comes first, even when the lookup
	// timed out: offline, every link fails so.
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return networkDown{fmt.Errorf("no site has the name %s", dnsErr.Name)}
	case errors.As(err, &dnsErr):
		return networkDown{fmt.Errorf("the name %s could not be looked up (no internet?)", dnsErr.Name)}
	case errors.Is(err, syscall.ENETUNREACH):
		return networkDown{errors.New("the network is unreachable (no internet?)")}
	case errors.Is(err, syscall.EHOSTUNREACH):
		return networkDown{errors.New("there is no route to the server (no internet?)")}
	case errors.As(err, &timeout) && timeout.Timeout():
		return fmt.Errorf("%w within %s", errNoAnswer, wait)
	case errors.As(err, &certErr):
		return fmt.Errorf("the site's certificate is not valid (%v)", certErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return errors.New("the server refused the connection")
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return uerr.Err
	}
	return err
}

func request(ctx context.Context, client *http.Client, method, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "fieldguide-check (link checker)")
	resp, err := client.Do(req)
	if err != nil {
		return 0, describeFetchError(err, client.Timeout)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}
