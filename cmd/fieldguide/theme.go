package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/layouts"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newThemeCmd) }

// themeFiles describes the theme's files a course may copy and change.
// The preview's own files (assets/livereload) are not the site's and are
// left out.
var themeFiles = map[string]string{
	"base.html":                    "every page's frame: <head>, the header with the course title, the footer",
	"home.html":                    "a language's home page: the course's modules",
	"section.html":                 "a module's page: its lessons",
	"page.html":                    "a lesson",
	"glossary.html":                "the glossary",
	"print.html":                   "a module's printable page",
	"404.html":                     "the page for an address that does not exist",
	"root.html":                    "the site's first page, that leads to each language",
	"alias.html":                   "the page an old address (aliases:) leaves for the new one",
	"partials/breadcrumbs.html":    "the path above a page (Modules › module)",
	"partials/content.html":        "a page's text, with its notices",
	"partials/footer.html":         "the footer's text",
	"partials/languages.html":      "the language switcher",
	"partials/lesson-footer.html":  "below a lesson: key points, completed",
	"partials/lesson-header.html":  "above a lesson: duration, objectives",
	"partials/nav.html":            "the module navigation",
	"partials/prevnext.html":       "previous and next lesson",
	"partials/search.html":         "the search box",
	"assets/lazy/search-engine.js": "the search engine, loaded at the first search",
}

func newThemeCmd() *cobra.Command {
	theme := &cobra.Command{
		Use:   "theme",
		Short: "List the theme's files, or copy one into your course to change it",
		Long: `The theme is built into fieldguide. A file in your course's layouts/ folder
with the same path as a theme file replaces it: copy the file, then change
the copy. fieldguide serve shows each change as you save; deleting the copy
brings the theme's file back.

Colours and fonts need no copy: add a stylesheet of your own, such as
layouts/assets/css/90-brand.css, which comes after the theme's files:

  :root { --accent: #0b5d8f; }
  @media (prefers-color-scheme: dark) { :root { --accent: #7cc4f0; } }

The theme's colours are --fg, --bg, --muted, --accent, --border, --surface,
and --note, --tip, --important, --warning, --caution for the boxes.

In templates, links to your course's files start with {{.Root}}, which leads
from any page to the site's root, on the web (under any baseURL) and in the
offline copy: <img src="{{.Root}}img/logo.svg" alt=""> for static/img/logo.svg.
A link starting with / would point at the host's root instead.`,
		Example: `  fieldguide theme list
  fieldguide theme copy partials/footer.html
  fieldguide theme copy base.html assets/css/10-theme.css`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	theme.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the theme's files a course may replace",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			names, err := themeNames()
			if err != nil {
				return err
			}
			width := 0
			for _, n := range names {
				width = max(width, len(n))
			}
			for _, n := range names {
				fmt.Fprintf(cmd.OutOrStdout(), "%-*s  %s\n", width, n, themeDescription(n))
			}
			return nil
		},
	})
	var source string
	copyCmd := &cobra.Command{
		Use:   "copy FILE...",
		Short: "Copy theme files into the course's layouts/ folder, to change them there",
		Example: `  fieldguide theme copy partials/footer.html
  fieldguide theme copy -s ~/courses/safe-recruitment base.html`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("theme copy needs the files to copy, as 'fieldguide theme list' names them: %s", callLine(cmd))}
			}
			return nil
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			names, _ := themeNames()
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkCourseFolder(source); err != nil {
				return err
			}
			if !isCourse(source) {
				return noCourse(source)
			}
			names, err := themeNames()
			if err != nil {
				return err
			}
			// Every name is checked before anything is copied.
			for i, a := range args {
				name := strings.TrimPrefix(filepath.ToSlash(a), "layouts/")
				if !slices.Contains(names, name) {
					hint := diag.DidYouMean(name, names)
					if hint == "" {
						hint = "'fieldguide theme list' names them"
					}
					return usageError{fmt.Errorf("%s is not a file of the theme (%s)", a, hint)}
				}
				args[i] = name
			}
			for _, name := range args {
				dest := filepath.Join(source, "layouts", filepath.FromSlash(name))
				if _, err := os.Lstat(dest); err == nil {
					return contentErrorf(cmd, "%s is already in your course: change it there, or delete it first to copy the theme's again", dest)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return err
				}
				data, err := fs.ReadFile(layouts.FS, name)
				if err != nil {
					return err
				}
				if err := writeExclusive(dest, data); err != nil { // never over a file made meanwhile
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "copied %s: change it there (delete it to use the theme's again)\n", dest)
			}
			return nil
		},
	}
	copyCmd.Flags().StringVarP(&source, "source", "s", ".", "course folder (with site.yaml and content/)")
	theme.AddCommand(copyCmd)
	return theme
}

// themeNames are the theme's files a course may replace, sorted: its
// templates, stylesheets, scripts and UI strings.
func themeNames() ([]string, error) {
	var names []string
	err := fs.WalkDir(layouts.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == "assets/livereload" {
				return fs.SkipDir
			}
			return nil
		}
		names = append(names, p)
		return nil
	})
	return names, err
}

// themeDescription says what a theme file is for.
func themeDescription(name string) string {
	if d, ok := themeFiles[name]; ok {
		return d
	}
	switch dir, file := path.Split(name); dir {
	case "assets/css/":
		return "stylesheet (the theme's and yours are joined in name order)"
	case "assets/js/":
		return "script (joined in name order)"
	case "i18n/":
		return "UI strings in " + strings.TrimSuffix(file, ".yaml") + " (a copy may hold only the keys it changes)"
	}
	return ""
}
