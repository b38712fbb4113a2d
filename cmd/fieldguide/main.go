// Command fieldguide turns Markdown training modules into a multilingual
// static site, previews it live, and packs offline copies.
//
// The command is thin: it turns flags into options and calls the generator
// packages. See README.md for every command with an example.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

// usageError marks mistakes in how the command was called (exit code 2).
type usageError struct{ error }

// contentError marks a build that failed on the course's content (exit 1),
// already printed as diagnostics.
type contentError struct{ error }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC sets the garbage collector for a one-off build (build, bundle),
// unless GOGC or GOMEMLIMIT in the environment say otherwise. Not for
// serve, which holds a whole site in memory.
//
// A build's garbage is short-lived (a page's tree, text and HTML) and its
// live data grows with the course (the site's model and the search
// index). So the collector runs at 300% heap growth, not Go's 100%, under
// a soft memory limit of 90 MiB plus the size of the course's Markdown:
// a small course collects seldom, and a large one when it nears a limit
// that grew with it. Under the fixed limit of 256 MiB this replaces, a
// 16,324-page course (144 MB of Markdown) collected often near it: 10.9 s
// and 272 MiB peak RSS then, 9.1 s and 242 MiB now. The
// 4,084-page benchmark course peaks at about 137 MiB (121 before) and
// takes a few percent less time.
//
// The limit is set as the build's walk of the course returns, from the
// sizes of the files it read: tuneGC returns the function for the build's
// Options.Walked (nil when GOMEMLIMIT is set). Stating every file again
// to size it (4,100 system calls and 12-17 ms for 4,084 files) took a
// core from the walk, while the heap before the walk's end, the Markdown
// read so far and little else, is below any limit this sets. Until then
// there is none, as in any Go program.
func tuneGC() (walked func(markdownBytes int64)) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	return func(size int64) { debug.SetMemoryLimit(90<<20 + size) }
}

func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return 0
	}
	var ce contentError
	if errors.As(err, &ce) {
		return 1
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		path := "fieldguide"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(stderr, "fieldguide: %v\nRun '%s --help' for usage.\n", err, path)
		return 2
	}
	fmt.Fprintf(stderr, "fieldguide: %v\n", err)
	return 1
}

// isCobraUsage recognises cobra's own errors about flags and arguments.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "flag needs an argument", "invalid argument", "accepts ", "requires ", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "fieldguide",
		Short: "Build, preview and pack multilingual training courses",
		Long: `fieldguide turns Markdown training modules into a multilingual static site,
previews it live while you edit, and packs offline copies that open from a zip.

A course is a folder with site.yaml and content/<language>/... Markdown files.`,
		Example: `  fieldguide serve                 # preview the course in this folder
  fieldguide build -d public       # write the site to public/
  fieldguide bundle --lang fr,zh   # offline copy for a consulate`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{flagError(err)} })
	root.Version = versionString()
	root.SetVersionTemplate("fieldguide {{.Version}}\n")
	root.AddCommand(newBuildCmd(), newVersionCmd())
	for _, add := range extraCommands {
		root.AddCommand(add())
	}
	return root
}

// extraCommands are registered by the other files of this package.
var extraCommands []func() *cobra.Command

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of fieldguide",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "fieldguide", versionString())
			return nil
		},
	}
}

// versionString is the version, the commit it was built from and the Go
// release and platform: "v1.2.0 (commit 3f9c2a1b7d40, go1.26.0 linux/amd64)".
// A version given with -ldflags "-X main.version=…" comes first.
func versionString() string {
	v, rev, modified := version, "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	var about []string
	if len(rev) > 12 {
		rev = rev[:12]
	}
	// A pseudo-version names the commit already: v0.0.0-2026…-3858d930c842.
	if rev != "" && !strings.Contains(v, rev) {
		if modified {
			rev += "+dirty"
		}
		about = append(about, "commit "+rev)
	}
	about = append(about, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	return v + " (" + strings.Join(about, ", ") + ")"
}
