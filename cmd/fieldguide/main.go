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
// unless GOGC or GOMEMLIMIT in the environment say otherwise. A build's
// live data is small (about 50 MB for 4,000 pages) but turns over fast:
// collecting at 150% growth instead of 100% saves a tenth of its CPU, and
// a soft limit of 256 MiB keeps a large course (16,000 pages) from
// growing past it. Not for serve, which holds a whole site in memory.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(150)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
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
