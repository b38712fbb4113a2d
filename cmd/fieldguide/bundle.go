package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/bundle"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/markdown"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, newBundleCmd, newVerifyCmd, newKeygenCmd)
}

func newBundleCmd() *cobra.Command {
	var sf siteFlags
	var langs []string
	var out, signKey string
	cmd := &cobra.Command{
		Use:   "bundle",
		Short: "Pack an offline copy of the course as a zip",
		Long: `Bundle builds the offline variant of the course (every link relative and
ending in index.html, search loaded as plain script files) and writes it as a
zip that opens from disk with no server and no internet.

Before writing, every HTML, CSS and JS file is checked for references that
would leave the bundle or point at a missing file; any such reference fails
the bundle. Links to other web sites in lesson text are listed, not fetched.

The zip is reproducible: the same sources and options give the same bytes.
Its date comes from SOURCE_DATE_EPOCH when set, else from the newest source
file. MANIFEST.json inside lists every file with its SHA-256; --sign adds an
Ed25519 signature of it (make a key with 'fieldguide keygen').`,
		Example: `  fieldguide bundle
  fieldguide bundle --lang fr,zh -o consulate-beijing.zip
  fieldguide bundle --audience trainer --sign ~/keys/course-key`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := sf.check(); err != nil {
				return err
			}
			named := "" // what -o said, when .zip was added to it
			if out != "" {
				zipName, warning, err := bundleOutName(out)
				if err != nil {
					return usageError{err}
				}
				if warning != "" {
					fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+warning)
				}
				if zipName != out {
					named, out = out, zipName
				}
				if err := checkBundleOut(sf.source, out); err != nil {
					return usageError{err}
				}
			}
			start := time.Now()
			var signer []byte
			if signKey != "" {
				key, err := bundle.LoadPrivateKey(signKey)
				if err != nil {
					return usageError{fmt.Errorf("--sign %s: %w", signKey, err)}
				}
				signer = key
				if info, err := os.Stat(signKey); err == nil && info.Mode().Perm()&0o077 != 0 {
					fmt.Fprintf(cmd.ErrOrStderr(), "warning: other users of this computer can read the private key %s (mode %04o); make it yours alone: chmod 600 %s\n",
						signKey, info.Mode().Perm(), signKey)
				}
			}
			stderr := cmd.ErrOrStderr()
			newest, version, err := sourceStamp(sf.source)
			if err != nil {
				return err
			}
			built, err := bundle.BuildTime(os.Getenv("SOURCE_DATE_EPOCH"), newest)
			if err != nil {
				return usageError{fmt.Errorf("SOURCE_DATE_EPOCH: %w", err)}
			}
			walked := tuneGC()
			opts := sf.options()
			opts.Offline = true
			opts.DropSources = true // only the pages are wanted
			opts.Walked = walked
			// "--lang 'fr, zh'", as a list is written in prose; an empty
			// item ("fr,") is nothing.
			for _, l := range langs {
				if l = strings.TrimSpace(l); l != "" {
					opts.Languages = append(opts.Languages, l)
				}
			}
			opts.BuildDate = built
			opts.Version = version
			// Each page is compressed, hashed and scanned as it is
			// rendered, and only kept compressed.
			collected := bundle.NewCollector()
			spillDir := "."
			if out != "" {
				spillDir = filepath.Dir(out)
			}
			if err := collected.Spill(spillDir); err != nil {
				return err
			}
			defer collected.Close()
			ctx, stop := interruptible()
			defer stop()
			res, err := build.Build(ctx, opts, collected.Sink())
			if ctx.Err() != nil {
				return errors.New("stopped; no bundle was written")
			}
			diag.Print(stderr, res.Diagnostics)
			if err != nil {
				if res.Diagnostics == nil {
					return usageError{err}
				}
				fmt.Fprintln(stderr, "bundle not written: the course has errors")
				return contentError{err}
			}
			problems, external, err := collected.SelfCheck()
			if err != nil {
				return err
			}
			if len(problems) > 0 {
				diags := offlineDiagnostics(res, opts.FS, problems)
				diag.Print(stderr, diags)
				what := fmt.Sprintf("%d references", len(diags))
				if len(diags) == 1 {
					what = "1 reference"
				}
				fmt.Fprintf(stderr, "bundle not written: %s would not work offline\n", what)
				return contentError{fmt.Errorf("%d offline problems", len(diags))}
			}
			languages := res.Languages // as the build took them
			if out == "" {
				out = defaultBundleName(res.Config.Title, languages, opts.Audience, built)
			}
			manifest := bundle.Manifest{Title: res.Config.Title, Languages: languages, Audience: opts.Audience, Version: version, Built: built}
			var writeOpts []bundle.Option
			if collected.Len() >= 1000 {
				// Only long bundles need a progress bar.
				writeOpts = append(writeOpts, bundle.WithProgress(bundle.ProgressPrinter(stderr, isTerminal(stderr))))
			}
			if err := writeFileAtomic(out, func(w io.Writer) error {
				return collected.Write(w, manifest, signer, writeOpts...)
			}); err != nil {
				return err
			}
			info, _ := os.Stat(out)
			var zipSize int64
			if info != nil {
				zipSize = info.Size()
			}
			wrote := out
			if named != "" {
				wrote += " (.zip added to -o " + named + ")"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d files, %s (site %s), languages %s, %s, version %s, in %s\n",
				wrote, collected.Len(), humanBytes(zipSize), humanBytes(collected.Size()), strings.Join(languages, ","), opts.Audience, version,
				time.Since(start).Round(10*time.Millisecond))
			// What a reader of each language will find in another one.
			for _, code := range languages {
				if l := res.Site.Lang(code); l != nil && code != res.Config.DefaultLanguage {
					fallback := 0
					for _, p := range l.Pages {
						if p.Fallback {
							fallback++
						}
					}
					if fallback > 0 {
						def, _ := res.Config.Language(res.Config.DefaultLanguage)
						// Of this copy's pages: not of the files i18n status and
						// check count, which include what this edition leaves out.
						fmt.Fprintf(cmd.OutOrStdout(), "  %s: %d of the %d pages of this copy (%s edition) are shown in %s, not translated yet; i18n status counts the files of content/%s/ instead, drafts and trainer-only pages included\n",
							code, fallback, len(l.Pages), opts.Audience, def.Name, def.Code)
					}
				}
			}
			if len(external) > 0 {
				seen := map[string]bool{}
				var urls []string
				for _, e := range external {
					if !seen[e.URL] {
						seen[e.URL] = true
						urls = append(urls, e.URL)
					}
				}
				sort.Strings(urls)
				fmt.Fprintf(stderr, "%d links to other web sites (they need internet; not fetched):\n", len(urls))
				for _, u := range urls {
					fmt.Fprintln(stderr, "  "+u)
				}
			}
			return nil
		},
	}
	sf.register(cmd)
	cmd.Flags().StringSliceVar(&langs, "lang", nil, "languages to include, e.g. fr,zh (default: all)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "zip file to write; .zip is added when the name has no extension (default: from the title, languages and date)")
	cmd.Flags().StringVar(&signKey, "sign", "", "private key file (from 'fieldguide keygen') to sign the manifest with")
	return cmd
}

// sourceStamp returns the newest modification time of the course's sources
// and a short hash of their contents, used as the bundle's version.
//
// The build cannot start before it has both, so the files are read on
// every core as the walk finds them (reading them one after another took
// 0.15 s of the 20x50 course's bundle) and hashed in the order of the
// walk. A file that cannot be read is left out of the hash.
func sourceStamp(dir string) (time.Time, string, error) {
	var newest time.Time
	fsys := build.DirFS(dir)
	var walkErr error
	walk := func(found func(path string)) {
		for _, root := range []string{"site.yaml", "content", "layouts", "static"} {
			walkErr = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					if os.IsNotExist(err) {
						return nil
					}
					return err
				}
				if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
					return nil
				}
				info, err := d.Info()
				if err != nil {
					return err
				}
				if info.ModTime().After(newest) {
					newest = info.ModTime()
				}
				found(p)
				return nil
			})
			if walkErr != nil {
				return
			}
		}
	}
	h := sha256.New()
	for f := range readInOrder(fsys, walk) {
		if f.err != nil {
			continue
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f.path, len(f.data))
		h.Write(f.data)
	}
	if walkErr != nil {
		return newest, "", walkErr
	}
	return newest, hex.EncodeToString(h.Sum(nil))[:12], nil
}

// readFile is a file that readInOrder read, or failed to.
type readFile struct {
	path string
	data []byte
	err  error
}

// readInOrder reads, on every core, the files of fsys that walk finds,
// and yields them in the order it found them, holding a few dozen read
// ahead. walk has returned when the last is yielded.
//
// The files are read as a build reads them (build.Cached): each in its
// folder, opened once, not through every folder above it, with the
// course's own answer for anything a folder refuses.
func readInOrder(fsys fs.FS, walk func(found func(path string))) iter.Seq[readFile] {
	return func(yield func(readFile) bool) {
		const ahead = 64
		type job struct {
			path string
			done chan readFile
		}
		jobs := make(chan job, ahead)
		order := make(chan chan readFile, ahead)
		cached, release := build.Cached(fsys)
		defer release()
		var workers sync.WaitGroup
		for range max(runtime.GOMAXPROCS(0), 2) {
			workers.Go(func() {
				for j := range jobs {
					data, err := fs.ReadFile(cached, j.path)
					j.done <- readFile{j.path, data, err}
				}
			})
		}
		stop := make(chan struct{})
		go func() {
			defer close(order)
			defer close(jobs)
			walk(func(p string) {
				done := make(chan readFile, 1)
				select {
				case order <- done:
					jobs <- job{p, done}
				case <-stop:
				}
			})
		}()
		defer workers.Wait()
		// After a break, the walk goes on without reading (it sets what
		// the caller reads) and what was read ahead is dropped.
		stopped := false
		for done := range order {
			if !stopped && !yield(<-done) {
				stopped = true
				close(stop)
			}
		}
	}
}

// bundleOutName is the file -o names, with .zip added when it has no
// extension: a zip without one does not open with a double click on
// Windows. Another extension is kept, with a warning. A folder is left to
// checkBundleOut to refuse, and "-" (standard output elsewhere) is refused:
// the bundle is written to a file, renamed into place when complete.
func bundleOutName(out string) (name, warning string, err error) {
	if out == "-" {
		return "", "", errors.New("-o -: bundle writes a zip file, not to standard output; name the file, e.g. -o course.zip")
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return out, "", nil
	}
	switch ext := filepath.Ext(out); {
	case ext == "" || ext == ".":
		return strings.TrimSuffix(out, ".") + ".zip", "", nil
	case !strings.EqualFold(ext, ".zip"):
		return out, fmt.Sprintf("-o %s does not end in .zip, so Windows and macOS will not open it as a zip with a double click; writing it under that name anyway", out), nil
	}
	return out, "", nil
}

// checkBundleOut says, before anything is built, what is wrong with -o.
func checkBundleOut(source, out string) error {
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return fmt.Errorf("-o %s is a folder; name the zip file, e.g. -o %s", out, filepath.Join(out, "course.zip"))
	}
	dir := filepath.Dir(out)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("-o %s: folder %s does not exist; create it first", out, dir)
	}
	absOut, err1 := filepath.Abs(out)
	absSrc, err2 := filepath.Abs(source)
	if keep := output.SourceFolder(absSrc, absOut); err1 == nil && err2 == nil && keep != "" {
		return fmt.Errorf("-o %s is inside the course's %s/ folder, so the next bundle would carry this one; write it elsewhere", out, keep)
	}
	return nil
}

// defaultBundleName names a bundle after the course, its languages, its
// edition when it is the trainers' (so that it is never taken for, or
// written over by, the participants' one) and its date.
func defaultBundleName(title string, langs []string, audience string, built time.Time) string {
	name := markdown.Slug(title)
	if name == "" || !isASCII(name) {
		name = "course"
	}
	if len(name) > 64 {
		// At a word's end, not in the middle of one.
		cut := name[:64]
		if i := strings.LastIndexByte(cut, '-'); i > 0 && name[64] != '-' {
			cut = cut[:i]
		}
		name = strings.TrimRight(cut, "-")
	}
	edition := ""
	if audience == "trainer" {
		edition = "-trainer"
	}
	return fmt.Sprintf("%s-%s%s-%s.zip", name, strings.Join(langs, "-"), edition, built.UTC().Format("2006-01-02"))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// writeFileAtomic writes through a temporary file renamed into place, so a
// failed bundle never leaves half a zip under the final name.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func newVerifyCmd() *cobra.Command {
	var keyPath string
	cmd := &cobra.Command{
		Use:   "verify FILE.zip|FOLDER [--key KEY.pub]",
		Short: "Check that an offline copy is complete and unaltered",
		Long: `Verify checks every file of a bundle against the SHA-256 in its manifest and,
with --key, the manifest's signature. Its first line is the verdict; then it
reports each missing, altered or extra file.

Only the signature, checked with --key, shows who made the copy: without it,
anyone who changed a file could have rewritten the manifest to match (and
left out the signature). So without --key, verify checks the files only,
against damage on the way, and its verdict says who made the copy was not
checked. It exits 0 when the files match the manifest and, with --key, the
signature is valid for the key; 1 otherwise.

It checks the zip as received, or the copy unpacked from it: give the folder
that holds its index.html and MANIFEST.json, or the folder a zip was unpacked
into. Files that Windows and macOS add to folders they show (Thumbs.db,
desktop.ini, .DS_Store) are listed as ignored, not as extra.`,
		Example: `  fieldguide verify course-fr-zh-2026-11-27.zip
  fieldguide verify course.zip --key course-key.pub
  fieldguide verify D:\training\course-fr-zh --key course-key.pub   # the unpacked copy`,
		Args: oneArg("the copy to check (a zip, or the folder it was unpacked into)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var pub []byte
			if keyPath != "" {
				key, err := bundle.LoadPublicKey(keyPath)
				if err != nil {
					return usageError{fmt.Errorf("--key %s: %w", keyPath, err)}
				}
				pub = key
			}
			verify, name := bundle.Verify, args[0]
			if info, err := os.Stat(args[0]); err == nil && info.IsDir() {
				verify = bundle.VerifyDir
			}
			rep, err := verify(args[0], pub)
			if err != nil {
				return contentErrorf(cmd, "%v", err) // it names the file
			}
			if rep.Dir != "" {
				name = rep.Dir
			}
			v := judge(rep, args[0], keyPath, pub)
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%s: %s\n", name, v.verdict)
			for _, line := range v.next {
				fmt.Fprintln(out, "  "+line)
			}
			m := rep.Manifest
			fmt.Fprintf(out, "  %s · %s · %s · version %s · built %s · %d files\n", m.Title, strings.Join(m.Languages, ","), m.Audience, m.Version, m.Built.UTC().Format(time.RFC3339), len(m.Files))
			for _, f := range rep.Missing {
				fmt.Fprintln(out, "  missing: "+f)
			}
			for _, f := range rep.Altered {
				fmt.Fprintln(out, "  altered: "+f)
			}
			for _, f := range rep.Extra {
				fmt.Fprintln(out, "  extra:   "+f)
			}
			if n := len(rep.Ignored); n > 0 {
				fmt.Fprintf(out, "  ignored: %d added by the system, not the course's (%s)\n", n, strings.Join(rep.Ignored, ", "))
			}
			fmt.Fprintln(out, "  signature: "+v.signature)
			if !v.ok {
				return contentErrorf(cmd, "%s: %s", name, v.verdict)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&keyPath, "key", "", "public key (NAME.pub from 'fieldguide keygen') to check the signature with")
	return cmd
}

// A verifyVerdict is what verify concludes about a copy, for people who
// read no further than its first line.
type verifyVerdict struct {
	verdict   string   // one line, after the copy's name
	next      []string // what to do about it, when there is something to do
	signature string   // the signature's detail line
	ok        bool     // exit 0
}

// judge says what rep shows, and what it cannot show: files that match
// the manifest prove nothing about who made the copy unless the manifest's
// signature was checked with the maker's key, since whoever changed a file
// could have changed the manifest too. typed is the copy as the user named
// it, for the command to run again; keyPath and pub are --key's.
func judge(rep bundle.Report, typed, keyPath string, pub []byte) verifyVerdict {
	var v verifyVerdict
	switch {
	case rep.SignatureChecked && rep.SignatureValid:
		v.signature = fmt.Sprintf("valid (key %s)", bundle.Fingerprint(pub))
	case rep.SignatureChecked && rep.Signed:
		v.signature = fmt.Sprintf("does not match this key (%s, key %s)", keyPath, bundle.Fingerprint(pub))
	case rep.Signed:
		v.signature = "present, not checked (no --key given)"
	default:
		v.signature = "none (the copy is not signed)"
	}
	switch {
	case !rep.FilesMatch():
		var what []string
		for _, c := range []struct {
			n    int
			verb string
		}{{len(rep.Altered), "altered"}, {len(rep.Missing), "missing"}, {len(rep.Extra), "added"}} {
			if c.n > 0 {
				what = append(what, countOf(c.n, "file", "files")+" "+c.verb)
			}
		}
		v.verdict = "NOT intact (" + strings.Join(what, ", ") + ")"
		v.next = []string{"Do not use this copy; ask the sender for a new one."}
		if rep.SignatureValid {
			v.signature += ", so the files listed above were changed after the copy was signed"
		}
	case rep.SignatureChecked && rep.SignatureValid:
		v.verdict = "intact (every file is as it was packed, and it is signed with the key in " + keyPath + ")"
		v.ok = true
	case rep.SignatureChecked && rep.Signed:
		v.verdict = "the files are unchanged, but the signature does not match this key (wrong key file, or the copy was re-packed by someone else)"
		v.next = []string{"Check that " + keyPath + " is the key sent with the course; if it is, do not use this copy."}
	case rep.SignatureChecked:
		v.verdict = "the files are unchanged, but this copy is not signed, so --key cannot be checked"
		v.next = []string{"Who made this copy cannot be checked; ask the sender for a signed copy."}
	case rep.Signed:
		// Ok as a copy without a signature is: without the key nothing
		// tells a copy re-packed by someone else, who would have left the
		// signature out, so the exit code cannot (only --key can).
		v.verdict = "the files are unchanged, but who made this copy was NOT checked"
		v.ok = true
		v.next = []string{
			"To check it, run again with the course's public key (the .pub file sent with the course, e.g. course-key.pub):",
			"  fieldguide verify " + shellQuote(notAFlag(typed)) + " --key course-key.pub",
		}
	default:
		// Ok: an unsigned copy has nothing more to check.
		v.verdict = "the files are unchanged, but this copy is not signed, so who made it was not checked"
		v.ok = true
	}
	return v
}

// notAFlag is a file name to type again that a command cannot read as a
// flag: "./-copy.zip" for "-copy.zip".
func notAFlag(name string) string {
	if strings.HasPrefix(name, "-") {
		return "./" + name
	}
	return name
}

// contentErrorf prints a message and fails with exit code 1.
func contentErrorf(cmd *cobra.Command, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	fmt.Fprintln(cmd.ErrOrStderr(), "fieldguide: "+err.Error())
	return contentError{err}
}

func newKeygenCmd() *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "keygen -o NAME",
		Short: "Create an Ed25519 key pair for signing bundles",
		Long: `Keygen writes NAME (the private key, readable only by you: keep it secret)
and NAME.pub (the public key, to send to consulates with the bundles).
It never overwrites an existing file.`,
		Example: `  fieldguide keygen -o ~/keys/course-key     # outside the course folder
  fieldguide bundle --sign ~/keys/course-key
  fieldguide verify course.zip --key course-key.pub`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if name == "" {
				return usageError{fmt.Errorf("give the key's file name with -o NAME")}
			}
			where, published := keyPlace(filepath.Dir(name))
			if published {
				return usageError{fmt.Errorf("%s would be published with the course: %s is copied into the site; keep the private key outside the course, e.g. -o ~/keys/%s",
					name, where, filepath.Base(name))}
			}
			priv, pub, err := bundle.Keygen(filepath.Dir(name), filepath.Base(name))
			if err != nil {
				return err
			}
			key, err := bundle.LoadPublicKey(pub)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "private key: %s (keep it secret)\npublic key:  %s\nfingerprint: %s\n", priv, pub, bundle.Fingerprint(key))
			if where != "" {
				// 'git add .' takes it, and whoever can read the
				// repository can sign copies in the course's name.
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: the private key is inside %s: keep it out of version control (add %s to .gitignore), or move it outside\n",
					where, filepath.Base(priv))
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&name, "output", "o", "", "file name of the private key (the public key gets .pub)")
	return cmd
}

// keyPlace says where a private key written in dir would be at risk: in
// a course's content/, static/ or layouts/ (published is true: the build
// copies their files into the site), or in a course folder or a git work
// tree (where is the folder; "" when neither).
func keyPlace(dir string) (where string, published bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if parent := filepath.Dir(d); isCourse(parent) {
			switch filepath.Base(d) {
			case "content", "static", "layouts":
				return filepath.Join(parent, filepath.Base(d)), true
			}
		}
		if isCourse(d) {
			return "the course folder " + d, false
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return "the git work tree " + d, false
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// offlineDiagnostics presents the self-check's problems, found in built
// pages, where the trainer can fix them: at the reference in the Markdown
// the page was made from, when it is written there (a link or raw HTML),
// and otherwise at that Markdown file, naming the built page and line. A
// module's printable page is made from its lessons, whose problems it
// repeats: they are reported once, at the lesson. A problem of a file made
// from no page (a script, the root page) stays at that file.
func offlineDiagnostics(res *build.Result, fsys fs.FS, problems []bundle.Problem) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, l := range locateProblems(res, fsys, problems) {
		out = append(out, l.Diagnostic)
	}
	return out
}

// A located problem is a self-check problem as a message at the Markdown,
// with the reference it is about.
type located struct {
	diag.Diagnostic
	refs []string // as written in the page, and as the Markdown may write it
}

// locateProblems is offlineDiagnostics with each problem's reference.
func locateProblems(res *build.Result, fsys fs.FS, problems []bundle.Problem) []located {
	sources := map[string][]string{} // built file → the Markdown files it is made from
	if res.Site != nil {
		for _, l := range res.Site.Langs {
			for _, p := range l.Pages {
				// A folder without _index.md has a page made from no file.
				var files []string
				for _, q := range append([]*site.Page{p}, p.Lessons()...) {
					if strings.HasSuffix(q.Source.File, ".md") {
						files = append(files, q.Source.File)
					}
				}
				if strings.HasSuffix(p.Source.File, ".md") {
					sources[p.Path+"index.html"] = []string{p.Source.File}
				}
				if p.Kind == content.Section && len(files) > 0 {
					sources[site.PrintPath(p)+"index.html"] = files
				}
			}
		}
	}
	// A /-rooted path of the course's own template or stylesheet is on
	// every page: it has its warning at its line in layouts/, where the
	// offline copy's problem is put too (once, not once per page).
	var rooted []diag.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Code == "root-relative" && strings.HasPrefix(d.File, "layouts/") {
			rooted = append(rooted, d)
		}
	}
	inLayouts := func(d *diag.Diagnostic, refs []string) bool {
		for _, r := range rooted {
			// A stylesheet's from a stylesheet, a template's from a page.
			if strings.HasSuffix(r.File, ".css") != strings.HasSuffix(d.File, ".css") {
				continue
			}
			if slices.ContainsFunc(refs, func(ref string) bool { return strings.Contains(r.Message, strconv.Quote(ref)) }) {
				d.File, d.Line, d.Col = r.File, r.Line, r.Col
				return true
			}
		}
		return false
	}
	texts := map[string][]byte{}
	seen := map[string]bool{}
	out := make([]located, 0, len(problems))
	for _, p := range problems {
		d := p.Diagnostic()
		// As written, or as the build escaped it ("100%.pdf" is written
		// "100%25.pdf").
		refs := []string{p.Ref}
		if u, err := url.PathUnescape(p.Ref); err == nil && u != p.Ref {
			refs = append(refs, u)
		}
		if mds := sources[p.File]; len(mds) == 0 {
			inLayouts(&d, refs)
		} else {
			found := false
			for _, md := range mds {
				text, ok := texts[md]
				if !ok {
					text, _ = fs.ReadFile(fsys, md)
					texts[md] = text
				}
				for _, ref := range refs {
					if i := refIndex(text, ref); i >= 0 && !found {
						d.File = md
						d.Line, d.Col = diag.Position(text, i)
						found = true
					}
				}
			}
			if !found && !inLayouts(&d, refs) {
				// Not written as such in the Markdown (a template's, say):
				// at the page's file, saying where it was built.
				d.Message += fmt.Sprintf(" (in the built page %s, line %d)", p.File, p.Line)
				d.File, d.Line, d.Col = mds[0], 0, 0
			}
		}
		if key := d.Error(); !seen[key] {
			seen[key] = true
			out = append(out, located{Diagnostic: d, refs: refs})
		}
	}
	return out
}

// refIndex is where ref is written in a page's Markdown as a link or an
// attribute's value (after "(", "<", a quote, "=" or a space), not inside
// another name ("a.png" in "data.png"), or -1.
func refIndex(text []byte, ref string) int {
	if ref == "" {
		return -1
	}
	for from := 0; ; {
		i := bytes.Index(text[from:], []byte(ref))
		if i < 0 {
			return -1
		}
		at := from + i
		if at == 0 || strings.IndexByte("(<\"'= \t\n]", text[at-1]) >= 0 {
			return at
		}
		from = at + 1
	}
}
