package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/spf13/cobra"
)

// siteFlags are the flags every command that builds shares.
type siteFlags struct {
	source   string
	audience string
	drafts   bool
}

func (f *siteFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&f.source, "source", "s", ".", "course folder (with site.yaml and content/)")
	cmd.Flags().StringVar(&f.audience, "audience", "participant", "participant or trainer (trainer notes and pages are only in trainer builds)")
	cmd.Flags().BoolVar(&f.drafts, "drafts", false, "include pages with draft: true")
	_ = cmd.RegisterFlagCompletionFunc("audience", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"participant", "trainer"}, cobra.ShellCompDirectiveNoFileComp
	})
}

// checkCourseFolder says what is wrong when dir, given with -s, is not a
// course folder.
func checkCourseFolder(dir string) error {
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return usageError{fmt.Errorf("course folder %s not found (use -s to name it)", dir)}
	case !info.IsDir():
		return usageError{fmt.Errorf("%s is a file; -s names the course folder, the one with site.yaml and content/ (here: -s %s)", dir, filepath.Dir(dir))}
	}
	return nil
}

func (f *siteFlags) check() error {
	if f.audience != "participant" && f.audience != "trainer" {
		return usageError{fmt.Errorf("--audience must be participant or trainer, not %q", f.audience)}
	}
	if err := checkCourseFolder(f.source); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(f.source, "content")); err != nil {
		return noCourse(f.source)
	}
	return nil
}

// noCourse says that dir is not a course (it has no content/ folder), and
// where the course probably is: a folder above dir (fieldguide run from
// content/fr, or given -s content/fr) or in it (run from the folder that
// holds the course), named as the shell reads it, from the working folder.
func noCourse(dir string) error {
	shown := dir
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	if dir == "." {
		shown = "this folder (" + abs + ")"
	}
	msg := fmt.Sprintf("%s is not a course: it has no content/ folder", shown)
	// Not isCourse (site.yaml or content/): the course this message
	// looks for is one that has what it lacks.
	hasContent := func(d string) bool {
		info, err := os.Stat(filepath.Join(d, "content"))
		return err == nil && info.IsDir()
	}
	// fromHere is how the working folder names folder d.
	cwd, _ := os.Getwd()
	fromHere := func(d string) string {
		if rel, err := filepath.Rel(cwd, d); err == nil && cwd != "" {
			return rel
		}
		return d
	}
	course := ""
	for up := filepath.Dir(abs); ; up = filepath.Dir(up) {
		if hasContent(up) {
			course = up
			break
		}
		if filepath.Dir(up) == up {
			break
		}
	}
	if course == "" {
		entries, _ := os.ReadDir(abs)
		var in []string
		for _, e := range entries {
			if e.IsDir() && hasContent(filepath.Join(abs, e.Name())) {
				in = append(in, filepath.Join(abs, e.Name()))
			}
		}
		if len(in) == 1 {
			course = in[0]
		}
	}
	switch rel := fromHere(course); {
	case course == "":
		return usageError{fmt.Errorf("%s; go to your course's folder first (cd my-course), or name it with -s my-course. To start a course: fieldguide new site my-course", msg)}
	case rel == ".":
		return usageError{fmt.Errorf("%s; the course is this folder: leave out -s", msg)}
	default:
		return usageError{fmt.Errorf("%s; the course is %s: cd %s first, or add -s %s", msg, course, shellQuote(rel), shellQuote(rel))}
	}
}

func (f *siteFlags) options() build.Options {
	return build.Options{FS: build.DirFS(f.source), Audience: f.audience, Drafts: f.drafts}
}

func newBuildCmd() *cobra.Command {
	var sf siteFlags
	var dest, baseURL string
	var strict bool
	var allow []string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the course into a static site",
		Long: `Build reads site.yaml, content/, layouts/ and static/ and writes the site.

The new site is written to a temporary folder and replaces the destination
only when the build succeeded, so a failed build leaves the previous site.

--strict fails the build on the warnings of this build. 'fieldguide check
--strict' fails on more: it also builds the other audience and the offline
copy, and warns about outdated translations and untranslated UI strings,
which a build does not look at: for a CI job, run check --strict.`,
		Example: `  fieldguide build
  fieldguide build -s ~/courses/trafficking -d /srv/www/training
  fieldguide build --audience trainer -d public-trainer
  fieldguide build --strict        # warnings fail the build
  fieldguide build --strict --allow left-out-link   # except links to trainer pages`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			allowed, err := allowedCodes(allow, strict)
			if err != nil {
				return err
			}
			if err := sf.check(); err != nil {
				return err
			}
			if baseURL != "" {
				base, err := config.NormalizeBaseURL(baseURL)
				var bad *config.BaseURLError
				if errors.As(err, &bad) {
					return usageError{fmt.Errorf("%s: write --baseURL %s", bad.Message, shellQuote(bad.Example))}
				}
				baseURL = base
			}
			walked := tuneGC()
			if dest == "" {
				dest = filepath.Join(sf.source, "public")
			}
			out, err := output.NewDir(sf.source, dest)
			if err != nil {
				return usageError{err}
			}
			// What a failed or stopped build leaves: the previous site, or
			// nothing when there was none.
			leftAlone := dest + " was left as it was"
			if _, err := os.Stat(dest); err != nil {
				leftAlone = "nothing was written to " + dest
			}
			opts := sf.options()
			out.Audience = cmp.Or(opts.Audience, "participant")
			// --strict is applied here rather than by the build, so that
			// the command can say how many warnings it turned into errors.
			opts.BaseURL = baseURL
			opts.DropSources = true // only the pages are wanted
			opts.Walked = walked
			start := time.Now()
			ctx, stop := interruptible()
			defer stop()
			res, err := build.Build(ctx, opts, out)
			if ctx.Err() != nil {
				out.Abort()
				return errors.New("stopped; " + leftAlone)
			}
			var strictLine string
			if strict && res != nil {
				var l diag.List
				for _, d := range res.Diagnostics {
					l.Add(d)
				}
				turned, codes := l.Strict(allowed...)
				res.Diagnostics = l.Items()
				if turned > 0 {
					strictLine = strictSummary(turned, codes)
					err = cmp.Or(err, l.Err())
				}
			}
			diag.Print(cmd.ErrOrStderr(), res.Diagnostics)
			if err != nil {
				out.Abort()
				if res.Diagnostics == nil {
					return err
				}
				if strictLine != "" {
					fmt.Fprintln(cmd.ErrOrStderr(), strictLine)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "build failed; %s\n", leftAlone)
				return contentError{err}
			}
			if err := out.Commit(); err != nil {
				out.Abort()
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "built %d pages (%d files) in %s to %s\n", res.Pages, res.Files, time.Since(start).Round(time.Millisecond), dest)
			if out.Audience == "trainer" {
				// public/ is the folder people deploy: say what it now holds.
				fmt.Fprintf(cmd.ErrOrStderr(), "note: this is the TRAINER edition, with trainer notes and answer keys: do not publish %s to participants\n", dest)
			}
			return nil
		},
	}
	sf.register(cmd)
	cmd.Flags().StringVarP(&dest, "destination", "d", "", "output folder (default SOURCE/public)")
	cmd.Flags().StringVar(&baseURL, "baseURL", "", "URL the site is published at (overrides site.yaml)")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors")
	cmd.Flags().StringSliceVar(&allow, "allow", nil, allowUsage)
	return cmd
}

// allowedCodes checks the codes given to --allow: a misspelt one would
// allow nothing, and --strict would fail on the warnings it was meant to
// keep; without --strict, --allow has nothing to do, which is an error
// too (a CI job that meant --strict would not fail on anything). It
// returns them without the spaces of "a, b".
func allowedCodes(allow []string, strict bool) ([]string, error) {
	if len(allow) > 0 && !strict {
		return nil, usageError{fmt.Errorf("--allow %s: --allow keeps warnings from failing --strict, which is not given; add --strict", strings.Join(allow, ","))}
	}
	var codes []string
	for _, code := range allow {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		if !diag.Known(code) {
			hint := diag.DidYouMean(code, diag.Codes())
			if hint == "" {
				hint = "the codes are " + strings.Join(diag.Codes(), ", ")
			}
			return nil, usageError{fmt.Errorf("--allow %s: no message has this code (%s)", code, hint)}
		}
		codes = append(codes, code)
	}
	return codes, nil
}

// strictSummary is the line that says why warnings failed a build or a
// check, and how to accept a kind of them: without it a build that
// printed only warnings seems to have failed for nothing.
func strictSummary(turned int, codes []string) string {
	s := countOf(turned, "warning counts as an error", "warnings count as errors") + " under --strict"
	slices.Sort(codes)
	switch len(codes) {
	case 0:
	case 1:
		s += fmt.Sprintf(" (to accept this kind of warning, add --allow %s)", codes[0])
	default:
		s += fmt.Sprintf(" (%s; to accept a kind of warning, add --allow with its code)", strings.Join(codes, ", "))
	}
	return s
}

// interruptible is a context that Ctrl+C or a SIGTERM (what CI sends a
// cancelled job) ends, so that a build stops and removes its working
// folder instead of leaving it beside the destination.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
