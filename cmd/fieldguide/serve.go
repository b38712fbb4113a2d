package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/fieldguide/fieldguide/generator/serve"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newServeCmd) }

func newServeCmd() *cobra.Command {
	var sf siteFlags
	var bind, dest string
	var port int
	var write bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the course in your browser, updated on every save",
		Long: `Serve builds the course into memory and serves it on this computer. Every
time you save a file under content/, layouts/ or static/, or site.yaml, the
pages you have open in the browser update by themselves and keep their
place. If a save breaks the build, the pages keep showing the last version
that built, with the errors over them (file, line and the lines concerned)
until you fix the file.

The preview is served on 127.0.0.1 (this computer only) unless --bind names
another address. When the port is taken, the next free one is used. Links
point at the preview's address, not at site.yaml's baseURL. Nothing is
written to disk unless you ask with --write, which keeps the destination as
"fieldguide build" writes it (site.yaml's baseURL) after each good build, and
writes the last save before the preview stops.`,
		Example: `  fieldguide serve
  fieldguide serve -s ~/courses/trafficking --port 8080
  fieldguide serve --audience trainer        # preview the trainer edition
  fieldguide serve --bind 0.0.0.0            # let others on your network see it
  fieldguide serve --write                   # also keep public/ up to date`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := sf.check(); err != nil {
				return err
			}
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port must be between 0 and 65535, not %d", port)}
			}
			opts := serve.Options{Source: sf.source, Build: sf.options(), Bind: bind, Port: port,
				Log: cmd.OutOrStdout(), Diagnostics: cmd.ErrOrStderr()}
			opts.Build.Drafts = sf.drafts
			if write {
				if dest == "" {
					dest = filepath.Join(sf.source, "public")
				}
				opts.Write = dest
			} else if dest != "" {
				return usageError{fmt.Errorf("-d names where --write writes; add --write or leave -d out")}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			s, err := serve.Start(ctx, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Serving the course at %s (press Ctrl+C to stop)\n", s.URL())
			<-ctx.Done()
			// A second Ctrl+C stops at once, even while --write writes
			// the last save.
			stop()
			fmt.Fprintln(cmd.OutOrStdout(), "Stopping (press Ctrl+C again to stop at once).")
			return s.Close()
		},
	}
	sf.register(cmd)
	cmd.Flags().StringVar(&bind, "bind", "127.0.0.1", "address to listen on (0.0.0.0: every network interface)")
	cmd.Flags().IntVar(&port, "port", 1313, "port to listen on (the next free one is used when it is taken; 0: any)")
	cmd.Flags().BoolVar(&write, "write", false, "also write each good build to the destination folder")
	cmd.Flags().StringVarP(&dest, "destination", "d", "", "folder --write writes to (default SOURCE/public)")
	return cmd
}
