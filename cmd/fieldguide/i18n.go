package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/config"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/fieldguide/fieldguide/layouts"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"
)

func init() { extraCommands = append(extraCommands, newI18nCmd) }

func newI18nCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "i18n",
		Short: "Follow the translations of a course",
		Long: `A translation is the page at the same path in another language's folder
(content/fr/m1/intro.md translates content/en/m1/intro.md), or the page with
the same translationKey.

A translator records which version of the source a translation follows with
'fieldguide i18n mark', which writes translatedFrom (a fingerprint of the
source's text) into the translation's front matter. When the source changes
afterwards, 'fieldguide i18n status' lists the translation as outdated and the
site shows readers a notice linking to the original.`,
		Example: `  fieldguide i18n status                       # what each language lacks
  fieldguide i18n mark content/fr/m1/intro.md  # after checking the translation
  fieldguide i18n strings uk                   # the theme's strings, to translate`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newI18nStatusCmd(), newI18nMarkCmd(), newI18nStringsCmd())
	return cmd
}

// loadedCourse is what the i18n commands and `new` read of a course: its
// configuration, every source of every language (drafts and trainer-only
// pages included) and the UI strings.
type loadedCourse struct {
	root    string
	cfg     *config.Config
	sources []*content.Source
	catalog *i18n.Catalog
	diags   *diag.List
}

// keyAt is the translationKey of the default language's page at rel, or "".
func (c *loadedCourse) keyAt(rel string) string {
	if src := c.find(c.cfg.DefaultLanguage, rel); src != nil {
		return src.FM.TranslationKey
	}
	return ""
}

// loadCourse reads the course in dir without building it. Configuration
// errors are returned as a contentError after printing them to stderr;
// other messages stay in loadedCourse.diags for the caller to show or ignore.
func loadCourse(dir string, stderr io.Writer) (*loadedCourse, error) {
	if err := checkCourseFolder(dir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		return nil, noCourse(dir)
	}
	fsys := build.DirFS(dir)
	c := &loadedCourse{root: dir, diags: &diag.List{}}
	c.cfg = config.Load(fsys, c.diags)
	if c.diags.HasErrors() {
		diag.Print(stderr, c.diags.Items())
		return nil, contentError{errors.New("site.yaml has errors")}
	}
	var codes []string
	for _, l := range c.cfg.Languages {
		codes = append(codes, l.Code)
	}
	c.sources = content.Walk(fsys, codes, c.diags)
	var siteLayouts fs.FS
	if info, err := os.Stat(filepath.Join(dir, "layouts")); err == nil && info.IsDir() {
		// Inside the course's root, as the build reads it: a link from
		// layouts/ to another folder of the course is followed.
		siteLayouts, _ = fs.Sub(fsys, "layouts")
	}
	c.catalog = i18n.Load(layouts.FS, siteLayouts, codes, c.diags)
	return c, nil
}

// languageCodes lists the course's language codes, for messages.
func (c *loadedCourse) languageCodes() string {
	var codes []string
	for _, l := range c.cfg.Languages {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ", ")
}

// failOnKinds are the lists `i18n status --fail-on` can watch.
var failOnKinds = []string{"outdated", "unmarked", "missing", "orphaned"}

func newI18nStatusCmd() *cobra.Command {
	var source, format string
	var failOn, only []string
	var verbose bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "List translated, outdated, unmarked, missing and orphaned pages per language",
		Long: `Status compares every language with the default one, page by page:

  translated  translatedFrom matches the source's current text
  outdated    the source changed since the translation was marked
  unmarked    no translatedFrom yet: review it, then run 'fieldguide i18n mark'
  missing     a page of the default language without a translation
  drafts      a draft of the default language (draft: true, or in a draft
              module) without a translation: not published, so not to
              translate yet, and no --fail-on waits for it
  orphaned    a translation whose source no longer exists

The text report lists the pages with work to do; --verbose lists the
translated ones too. Paths are relative to the language folder
(content/<lang>/). Trainer-only pages are included. UI strings
(layouts/i18n/<lang>.yaml) that a language lacks are listed too; readers see
them in English.

The command exits with 0, or with 1 when a list named by --fail-on is not
empty in some language, so CI can hold a release until translations are done.

JSON (--format json) has this shape; lists are sorted and never null:

  {"defaultLanguage": "en",
   "languages": {"fr": {"translated": ["m1/a.md"], "outdated": [], "unmarked": [],
     "missing": ["m1/b.md"], "drafts": [], "orphaned": [], "untranslatedStrings": ["search.label"],
     "sources": {"m1/entretien.md": "m1/interview.md"},
     "counts": {"pages": 2, "translated": 1, "outdated": 0, "unmarked": 0,
                "missing": 1, "drafts": 0, "orphaned": 0, "untranslatedStrings": 1}}}}

"sources" maps a translation to its source when they are paired by
translationKey rather than by path. "pages" counts every page of the default
language, drafts and trainer-only pages included.`,
		Example: `  fieldguide i18n status
  fieldguide i18n status -s ~/courses/trafficking --format json
  fieldguide i18n status --fail-on outdated,missing   # for CI
  fieldguide i18n status --fail-on missing --lang fr,zh   # Arabic is still in progress`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format must be text or json, not %q", format)}
			}
			for _, k := range failOn {
				if !slices.Contains(failOnKinds, k) {
					return usageError{fmt.Errorf("--fail-on takes %s, not %q", strings.Join(failOnKinds, ", "), k)}
				}
			}
			c, err := loadCourse(source, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			// A file that cannot be read is left out of the lists, and so
			// is a language folder site.yaml does not list: say why.
			for _, d := range c.diags.Items() {
				if d.Severity == diag.Error || d.Code == "language-folder" {
					fmt.Fprintln(cmd.ErrOrStderr(), d.Error())
				}
			}
			st := i18n.TranslationStatus(c.cfg, c.sources, c.catalog)
			if len(only) > 0 {
				// A language still being translated need not fail the
				// check of those that are done.
				keep := map[string]*i18n.LanguageStatus{}
				for _, code := range only {
					l, _ := c.cfg.LanguageNamed(code)
					ls, ok := st.Languages[l.Code]
					if !ok {
						return usageError{fmt.Errorf("--lang %s: not a translated language of this course; its languages are %s (%s is the default)", code, c.languageCodes(), c.cfg.DefaultLanguage)}
					}
					keep[l.Code] = ls
				}
				st.Languages = keep
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(st); err != nil {
					return err
				}
			} else {
				printStatus(out, c.cfg, st, c.keyAt, verbose, elsewhere(source))
			}
			var failed []string
			for _, kind := range failOn {
				n := 0
				for _, ls := range st.Languages {
					n += len(ls.List(kind))
				}
				if n > 0 {
					failed = append(failed, fmt.Sprintf("%d %s", n, kind))
				}
			}
			if len(failed) > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "fieldguide: translations not complete: %s (--fail-on %s)\n",
					strings.Join(failed, ", "), strings.Join(failOn, ","))
				return contentError{errors.New("translations not complete")}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&source, "source", "s", ".", "course folder (with site.yaml and content/)")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.Flags().StringSliceVar(&failOn, "fail-on", nil, "exit with 1 when any language has pages in these lists: "+strings.Join(failOnKinds, ", "))
	cmd.Flags().StringSliceVar(&only, "lang", nil, "only these languages (fr,zh): one still being translated then fails nothing")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list the translated pages too, not only their number")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("text", "json"))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(failOnKinds...))
	return cmd
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// printStatus writes the status as a table of counts, then each language's
// lists, the work to do first. course is the course's folder as typed
// after -s when it is not the working directory, else "": the commands
// printed must work when pasted where status was run.
func printStatus(w io.Writer, cfg *config.Config, st *i18n.Status, keyAt func(rel string) string, verbose bool, course string) {
	codes := st.Codes(cfg)
	if len(codes) == 0 {
		fmt.Fprintf(w, "The course has only one language (%s): nothing to translate.\n", st.DefaultLanguage)
		return
	}
	pages := st.Languages[codes[0]].Counts.Pages
	fmt.Fprintf(w, "Translations of %s: %s\n\n", st.DefaultLanguage, pagesCounted(pages, st.DefaultLanguage))
	width := len("language")
	for _, code := range codes {
		width = max(width, len(code))
	}
	fmt.Fprintf(w, "%-*s  translated  outdated  unmarked  missing  drafts  orphaned  UI strings\n", width, "language")
	for _, code := range codes {
		c := st.Languages[code].Counts
		fmt.Fprintf(w, "%-*s  %10d  %8d  %8d  %7d  %6d  %8d  %10d\n", width, code, c.Translated, c.Outdated, c.Unmarked, c.Missing, c.Drafts, c.Orphaned, c.UntranslatedStrings)
	}
	for _, code := range codes {
		ls := st.Languages[code]
		name := code
		if l, ok := cfg.Language(code); ok && l.Name != "" {
			name = code + " (" + l.Name + ")"
		}
		fmt.Fprintf(w, "\n%s\n", name)
		section := func(kind, advice string, list []string) {
			if len(list) == 0 {
				return
			}
			fmt.Fprintf(w, "  %s (%d)", kind, len(list))
			if advice != "" {
				fmt.Fprintf(w, ": %s", advice)
			}
			fmt.Fprintln(w)
			for _, p := range list {
				if src, ok := ls.Sources[p]; ok {
					fmt.Fprintf(w, "    %s  (source %s)\n", p, src)
				} else if kind == "missing" {
					fmt.Fprintf(w, "    %s  (%s)\n", p, startTranslation(st.DefaultLanguage, code, p, course))
				} else if key := keyAt(p); kind == "orphaned" && key != "" {
					// Its source is there, paired by a key it lacks.
					fmt.Fprintf(w, "    %s  (content/%s/%s has translationKey %q: add `translationKey: %s` to this page)\n", p, st.DefaultLanguage, p, key, key)
				} else {
					fmt.Fprintf(w, "    %s\n", p)
				}
			}
		}
		mark := fmt.Sprintf("fieldguide i18n mark%s content/%s/PATH", sourceFlag(course), code)
		section("outdated", fmt.Sprintf("update from content/%s/, then run %s", st.DefaultLanguage, mark), ls.Outdated)
		section("unmarked", "review, then run "+mark, ls.Unmarked)
		section("missing", "start each as shown", ls.Missing)
		section("drafts, not to translate yet", "not published while they have draft: true (theirs or their module's); once published they are listed as missing", ls.Drafts)
		section("orphaned", fmt.Sprintf("no page of content/%s/ has this path or translationKey", st.DefaultLanguage), ls.Orphaned)
		section("untranslated UI strings", fmt.Sprintf("add them to layouts/i18n/%s.yaml", code), ls.UntranslatedStrings)
		if verbose {
			section("translated", "", ls.Translated)
		} else if n := len(ls.Translated); n > 0 {
			fmt.Fprintf(w, "  translated (%d): listed with --verbose\n", n)
		}
		if len(ls.Outdated)+len(ls.Unmarked)+len(ls.Missing)+len(ls.Orphaned)+len(ls.UntranslatedStrings) == 0 {
			if len(ls.Drafts) > 0 {
				fmt.Fprintln(w, "  complete: every page but the drafts is translated and up to date")
			} else {
				fmt.Fprintln(w, "  complete: every page is translated and up to date")
			}
		}
	}
}

// pagesCounted says what the status's page count counts: every page of
// the default language's folder, whatever a build leaves out, which is
// why a bundle's count of the pages it shows untranslated differs.
func pagesCounted(pages int, def string) string {
	return fmt.Sprintf("%s in content/%s/ (drafts and trainer-only pages included)", countOf(pages, "page", "pages"), def)
}

// startTranslation says how to start the translation into lang of rel, a
// page of the default language def: the new command that copies it, or,
// for a page new cannot make (the home page, a page outside any module),
// which file to copy where. course is the course's folder when it is not
// the working directory (see elsewhere), else "".
func startTranslation(def, lang, rel, course string) string {
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	flags := " --lang " + lang + sourceFlag(course)
	switch {
	case base == "_index.md" && dir != "":
		return "fieldguide new module " + shellQuote(dir) + flags
	case base == "index.md" && strings.Contains(dir, "/"):
		return "fieldguide new lesson " + shellQuote(dir) + flags
	case dir != "" && base != "index.md":
		return "fieldguide new lesson " + shellQuote(dir+"/"+strings.TrimSuffix(base, ".md")) + flags
	}
	in := func(lang string) string { return filepath.Join(course, "content", lang, filepath.FromSlash(rel)) }
	return fmt.Sprintf("copy %s to %s and translate it", in(def), in(lang))
}

func newI18nStringsCmd() *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "strings LANG",
		Short: "Write the theme's UI strings a language lacks, to translate",
		Long: `Strings writes layouts/i18n/LANG.yaml in the course with every UI string (the
theme's menus, buttons and notices) that LANG does not have yet, so that a
translator starts from a file rather than a list of keys. Each string is
commented out and holds its English text: translate it, then remove the "# "
in front of its lines. Until then it shows in English, and
'fieldguide i18n status' counts it as untranslated. A string that counts
things has a line for each plural form the language uses (Arabic has six).

An existing file keeps every byte it has: the strings it lacks are added at
its end, and a string it already has, commented out or not, is not added
again. Run it again when a new version of fieldguide brings new strings.`,
		Example: `  fieldguide i18n strings uk
  fieldguide i18n strings fa -s ~/courses/trafficking`,
		Args: oneArg("the language, as a tag like fr or uk"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeStrings(cmd.OutOrStdout(), cmd.ErrOrStderr(), source, args[0])
		},
	}
	cmd.Flags().StringVarP(&source, "source", "s", ".", "course folder (with site.yaml and content/)")
	return cmd
}

// fileKey is a key of a UI strings file at the start of its line,
// commented out ("# menu: …") or not.
var fileKey = regexp.MustCompile(`(?m)^[ \t]*#?[ \t]*([^\s:#]+)[ \t]*:`)

// writeStrings writes or completes the UI strings file of lang (see
// newI18nStringsCmd).
func writeStrings(stdout, stderr io.Writer, source, lang string) error {
	c, err := loadCourse(source, stderr)
	if err != nil {
		return err
	}
	l, ok := c.cfg.LanguageNamed(lang)
	if !ok {
		if !config.ValidTag(lang) {
			return usageError{fmt.Errorf("%q is not a language tag (like fr, uk or zh-Hant); the course's languages are %s", lang, c.languageCodes())}
		}
		// A language of the course meant by another tag of it (ukr, en-GB
		// or EN for uk, en); otherwise no guess (any two-letter tag is as
		// near any other), but how to add the language, which is what a
		// translator starting one needs.
		for _, l := range c.cfg.Languages {
			if config.SameLanguage(lang, l.Code) {
				return usageError{fmt.Errorf("the course has no language %q (did you mean %q?); its languages are %s", lang, l.Code, c.languageCodes())}
			}
		}
		typed := lang
		if tag, err := language.Parse(lang); err == nil {
			lang = tag.String() // uk for ukr: the tag browsers send
		}
		self := []rune(i18n.LanguageName(lang, lang, lang)) // "українська"
		self[0] = unicode.ToUpper(self[0])                  // as a menu shows it
		return usageError{fmt.Errorf("the course has no language %q yet (its languages are %s): add it to site.yaml under languages:, as `%s: { name: %s }`, or create the folder content/%s/; then run this again",
			typed, c.languageCodes(), lang, string(self), lang)}
	}
	rel := "layouts/i18n/" + l.Code + ".yaml"
	name := filepath.Join(source, filepath.FromSlash(rel))
	old, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	exists := err == nil
	// The keys the file has, commented out or not: read once, not once a
	// key of the theme.
	have := map[string]bool{}
	for _, m := range fileKey.FindAllSubmatch(old, -1) {
		have[string(m[1])] = true
	}
	listed := func(key string) bool { return have[key] }
	langName := i18n.LanguageName("en", l.Code, cmp.Or(l.Name, l.Code))
	text, n := c.catalog.Skeleton(l.Code, langName, !exists, listed)
	left := len(c.catalog.MissingKeys(l.Code))
	if n == 0 {
		// Nothing to write: say why, and what is left for the translator
		// to do, so that "nothing" does not read as a failure.
		switch {
		case left > 0:
			fmt.Fprintf(stdout, "Nothing to add: %s lists every UI string already; %d of them are not translated yet (commented out): translate each and remove the \"# \" in front of its lines.\n", rel, left)
		case c.catalog.ThemeFile(l.Code) != "" && exists:
			fmt.Fprintf(stdout, "Nothing to add: the theme comes with every UI string in %s, and %s changes the ones you chose; to change another, add it to that file.\n", langName, rel)
		case c.catalog.ThemeFile(l.Code) != "":
			fmt.Fprintf(stdout, "Nothing to add: the theme comes with every UI string in %s. To word one differently, write it in %s (such as %s); yours takes the place of the theme's.\n",
				langName, rel, fmt.Sprintf("menu: %q", c.catalog.T(l.Code, "menu")))
		default:
			fmt.Fprintf(stdout, "Nothing to add: %s translates every UI string into %s. Run this again after updating fieldguide, which may bring new strings.\n", rel, langName)
		}
		return nil
	}
	var data []byte
	if exists {
		data = append(data, old...)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			data = append(data, '\n')
		}
		data = append(data, "\n# Strings of the theme this file lacked, commented out with their English\n# text: translate each, then remove the \"# \" in front of its lines.\n"...)
	}
	data = append(data, text...)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := replaceFileAtomically(name, data); err != nil {
		return err
	}
	verb := "wrote"
	if exists {
		verb = "added to"
	}
	fmt.Fprintf(stdout, "%s %s: %s to translate into %s. Translate each, remove its \"# \", and check with 'fieldguide i18n status'.\n", verb, rel, countOf(n, "UI string", "UI strings"), langName)
	return nil
}

func newI18nMarkCmd() *cobra.Command {
	var source string
	var force bool
	cmd := &cobra.Command{
		Use:   "mark PATH...",
		Short: "Record that translations match their source as it is now",
		Long: `Mark writes translatedFrom, a fingerprint of the source page's text, into the
front matter of each translation named, after you have checked that the
translation says what the source says today. When the source changes later,
'fieldguide i18n status' lists the translation as outdated.

PATH is a Markdown file in a language other than the default one
(content/fr/m1/intro.md) or a folder, whose .md files are all marked. Only the
translatedFrom line changes; the rest of the file is kept byte for byte. Files
are replaced atomically, so an editor or 'fieldguide serve' never sees half a
file.

A page whose title and text are still those of its source (a copy made by
'fieldguide new … --lang' and not translated yet) is not marked: marking it
would publish the source's language as the translation, with no notice for
readers. The other pages named are marked, and the command exits with 1.
When a page is meant to read the same in both languages (a table of names,
say), mark it with --force.

The course is the folder holding the content/ folder the paths are in
(preferring one with site.yaml); -s names it when that guess is wrong, and
a PATH not found from the current folder is then looked for in the course
(fieldguide i18n mark -s ~/course content/fr/m1/intro.md).`,
		Example: `  fieldguide i18n mark content/fr/indicators/ilo-indicators.md
  fieldguide i18n mark content/fr/indicators        # every page of the module
  fieldguide i18n mark content/zh                   # the whole language
  fieldguide i18n mark --force content/fr/contacts.md   # the same in both languages on purpose`,
		Args: oneOrMoreArgs("the translations to mark, files or folders"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return markTranslations(cmd.OutOrStdout(), cmd.ErrOrStderr(), source, args, force)
		},
	}
	cmd.Flags().StringVarP(&source, "source", "s", "", "course folder (default: found from the paths)")
	cmd.Flags().BoolVar(&force, "force", false, "mark pages whose title and text are still the same as their source's (meant to read the same in both languages)")
	return cmd
}

// markTarget is one file to mark.
type markTarget struct {
	abs    string // absolute path of the file
	show   string // the path as printed: relative to the working directory when possible
	course *loadedCourse
}

// markTranslations marks every file named by args and reports each one.
// Every path is checked before anything is written, so a typo in one
// argument does not leave half the files marked. A page that looks
// untranslated is another matter: it is a page not done yet, not a wrong
// path, so it is left unmarked (unless force) and the others are marked.
func markTranslations(stdout, stderr io.Writer, source string, args []string, force bool) error {
	show := shownPath
	courses := map[string]*loadedCourse{}
	var problems []string
	var targets []markTarget
	for _, arg := range args {
		abs, err := filepath.Abs(arg)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", arg, err))
			continue
		}
		info, err := os.Lstat(abs)
		if err != nil && source != "" && !filepath.IsAbs(arg) {
			// `mark -s DIR content/fr/…`, as status prints it for a
			// course elsewhere: the path is inside the course.
			if inCourse, err := filepath.Abs(filepath.Join(source, arg)); err == nil {
				if i, err := os.Lstat(inCourse); err == nil {
					abs, info = inCourse, i
				}
			}
		}
		if info == nil {
			problems = append(problems, fmt.Sprintf("%s: no such file or folder%s", arg, nearestFile(arg, abs)))
			continue
		}
		root, err := courseOf(abs, source)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", arg, err))
			continue
		}
		c := courses[root]
		if c == nil {
			if c, err = loadCourse(root, stderr); err != nil {
				return err
			}
			courses[root] = c
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			problems = append(problems, fmt.Sprintf("%s: is a symbolic link; mark the file it points to", arg))
		case info.IsDir():
			// A whole folder of the default language is one mistake, not one per file.
			if lang, inLang, err := c.languageOf(abs); err != nil || lang == c.cfg.DefaultLanguage {
				if err == nil {
					err = c.defaultLanguageError(inLang, true)
				}
				problems = append(problems, fmt.Sprintf("%s: %v", arg, err))
				continue
			}
			n := 0
			err := filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if p != abs && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(p), ".md") {
					targets = append(targets, markTarget{abs: p, show: show(p), course: c})
					n++
				}
				return nil
			})
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", arg, err))
			} else if n == 0 {
				problems = append(problems, fmt.Sprintf("%s: no .md file in this folder", arg))
			}
		case !strings.EqualFold(filepath.Ext(abs), ".md"):
			problems = append(problems, fmt.Sprintf("%s: not a Markdown (.md) file", arg))
		default:
			targets = append(targets, markTarget{abs: abs, show: show(abs), course: c})
		}
	}

	type planned struct {
		markTarget
		*markPlan
	}
	var plans []planned
	seen := map[string]bool{}
	for _, t := range targets {
		if seen[t.abs] {
			continue
		}
		seen[t.abs] = true
		p, err := planMark(t)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		plans = append(plans, planned{t, p})
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		fmt.Fprintf(stderr, "nothing was marked: fix the %s above, or leave those paths out\n", countOf(len(problems), "problem", "problems"))
		return contentError{errors.New("nothing marked")}
	}
	marked, unchanged, untranslated := 0, 0, 0
	for _, p := range plans {
		if p.current == p.hash {
			fmt.Fprintf(stdout, "up to date  %s (source %s)\n", p.show, p.source.File)
			unchanged++
			continue
		}
		if p.untranslated && !force {
			fmt.Fprintf(stderr, "%s: not marked: it looks untranslated, its title and text are still those of %s. Translate it, then mark it again; if this page is meant to read the same in both languages, mark it with: fieldguide i18n mark --force %s\n",
				p.show, p.source.File, shellQuote(p.show))
			untranslated++
			continue
		}
		out, err := i18n.SetTranslatedFrom(p.show, p.data, p.hash)
		if err == nil {
			err = replaceFileAtomically(p.abs, out)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			fmt.Fprintf(stderr, "%s marked before this one; the others were left as they were\n", countOf(marked, "translation was", "translations were"))
			return contentError{err}
		}
		fmt.Fprintf(stdout, "marked      %s (source %s, translatedFrom: %s)\n", p.show, p.source.File, p.hash)
		marked++
	}
	fmt.Fprintf(stdout, "%s marked, %d already up to date", countOf(marked, "translation", "translations"), unchanged)
	if untranslated > 0 {
		fmt.Fprintf(stdout, ", %s not marked: %s untranslated (see above)\n", countOf(untranslated, "page", "pages"), pick(untranslated, "it looks", "they look"))
		return contentError{errors.New("untranslated pages not marked")}
	}
	fmt.Fprintln(stdout)
	return nil
}

// pick is one when n is 1, else other: the verb that agrees with n.
func pick(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

func countOf(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, other)
}

type markPlan struct {
	data    []byte
	source  *content.Source
	hash    string
	current string
	// untranslated is true when the page still has its source's title and
	// text (i18n.LooksUntranslated).
	untranslated bool
}

// languageOf splits a path inside the course's content/ folder into its
// language and its path inside the language folder ("" for the folder itself).
func (c *loadedCourse) languageOf(abs string) (lang, inLang string, err error) {
	contentDir := filepath.Join(c.root, "content")
	rel, err := filepath.Rel(contentDir, abs)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", "", fmt.Errorf("not inside a language folder of %s", contentDir)
	}
	lang, inLang, _ = strings.Cut(filepath.ToSlash(rel), "/")
	if _, ok := c.cfg.Language(lang); !ok {
		return "", "", fmt.Errorf("%s is not a language of this course (%s)", lang, c.languageCodes())
	}
	return lang, inLang, nil
}

// shownPath is a path as messages print it: relative to the working
// directory when it is inside it, so that it can be typed again as it is.
func shownPath(abs string) string {
	cwd, _ := os.Getwd()
	if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return abs
}

// nearestFile is, for a path typed that does not exist, the file the
// translator most likely meant, as " (did you mean …?)": the same name
// with .md, which a file manager or a tab completion may have hidden, or
// a Markdown file of the same folder with a name close to it. Else "".
func nearestFile(arg, abs string) string {
	if !strings.EqualFold(filepath.Ext(abs), ".md") {
		if info, err := os.Stat(abs + ".md"); err == nil && info.Mode().IsRegular() {
			return fmt.Sprintf(" (did you mean %s.md?)", arg)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(abs))
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if strings.EqualFold(filepath.Ext(e.Name()), ".md") || e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	if near := diag.Suggest(filepath.Base(abs), names); near != "" {
		return fmt.Sprintf(" (did you mean %s?)", filepath.Join(filepath.Dir(arg), near))
	}
	return ""
}

// defaultLanguageError explains that inLang, a page or (folder) a folder
// of the default language, is a source, not a translation, and names what
// to mark instead: its translations that exist, else where they would be.
func (c *loadedCourse) defaultLanguageError(inLang string, folder bool) error {
	def := c.cfg.DefaultLanguage
	var others []string
	for _, l := range c.cfg.Languages {
		if l.Code != def {
			others = append(others, l.Code)
		}
	}
	if len(others) == 0 {
		return fmt.Errorf("this is the course's only language (%s): there is no translation to mark", def)
	}
	// A page's translations are the pages paired with it, by path or by
	// translationKey, as the build pairs them.
	var src *content.Source
	if !folder {
		src = c.find(def, inLang)
	}
	var existing, would []string
	for _, lang := range others {
		at := filepath.Join(c.root, "content", lang, filepath.FromSlash(inLang))
		found := ""
		switch {
		case folder:
			if c.isFolder(lang, inLang) {
				found = at
			}
		case src != nil:
			for _, s := range c.sources {
				if s.Lang == lang && site.GroupKey(s) == site.GroupKey(src) {
					found = filepath.Join(c.root, "content", lang, filepath.FromSlash(s.Rel))
					break
				}
			}
		}
		if found != "" {
			existing = append(existing, shellQuote(shownPath(found)))
		} else {
			would = append(would, shownPath(at))
		}
	}
	what := "page"
	if folder {
		what = "folder"
	}
	if len(existing) > 0 {
		return fmt.Errorf("this %s is in the default language (%s), the source of translations; mark its %s instead: fieldguide i18n mark %s",
			what, def, pick(len(existing), "translation", "translations"), strings.Join(existing, " "))
	}
	return fmt.Errorf("this %s is in the default language (%s), the source of translations, and it has no translation yet: a translation would be %s",
		what, def, strings.Join(would, " or "))
}

// planMark finds the source of the translation t and checks it can be marked.
func planMark(t markTarget) (*markPlan, error) {
	c := t.course
	lang, inLang, err := c.languageOf(t.abs)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", t.show, err)
	}
	if inLang == "" {
		return nil, fmt.Errorf("%s: a page must be inside a language folder, e.g. content/%s/", t.show, otherLanguage(c.cfg))
	}
	def := c.cfg.DefaultLanguage
	if lang == def {
		return nil, fmt.Errorf("%s: %v", t.show, c.defaultLanguageError(inLang, false))
	}
	data, err := os.ReadFile(t.abs)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", t.show, err)
	}
	tr := &content.Source{Lang: lang, Rel: inLang, File: t.show}
	var diags diag.List
	if !content.Parse(tr, data, &diags) || diags.HasErrors() {
		return nil, fmt.Errorf("fix this first: %s", firstErrorOf(&diags))
	}
	var defaults []*content.Source
	for _, s := range c.sources {
		if s.Lang == def {
			defaults = append(defaults, s)
		}
	}
	src := i18n.SourceIndex(defaults)[site.GroupKey(tr)]
	if src == nil {
		if tr.FM.TranslationKey != "" {
			return nil, fmt.Errorf("%s: no page of content/%s/ has translationKey %q, so there is no source to mark against; fix the translationKey",
				t.show, def, tr.FM.TranslationKey)
		}
		if key := c.keyAt(inLang); key != "" {
			return nil, fmt.Errorf("%s: its source content/%s/%s has translationKey %q and this page has none, so they are not paired; add `translationKey: %s` to its front matter, then mark it",
				t.show, def, inLang, key, key)
		}
		var rels []string
		for _, s := range defaults {
			rels = append(rels, s.Rel)
		}
		hint := diag.DidYouMean(inLang, rels)
		if hint != "" {
			hint = " (" + hint + ")"
		}
		return nil, fmt.Errorf("%s: its source content/%s/%s does not exist%s; rename the translation to match its source, or give both the same translationKey",
			t.show, def, inLang, hint)
	}
	return &markPlan{data: data, source: src, hash: i18n.SourceHash(src), current: tr.FM.TranslatedFrom,
		untranslated: i18n.LooksUntranslated(tr, src)}, nil
}

func firstErrorOf(l *diag.List) string {
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			return d.Error()
		}
	}
	return "the file cannot be read"
}

// otherLanguage is a non-default language of cfg, for examples in messages.
func otherLanguage(cfg *config.Config) string {
	for _, l := range cfg.Languages {
		if l.Code != cfg.DefaultLanguage {
			return l.Code
		}
	}
	return "fr"
}

// courseOf finds the course a path belongs to: source when given (the path
// must then be inside its content/ folder), else the nearest folder above
// the path that holds it in a content/ folder, preferring one with site.yaml.
func courseOf(abs, source string) (string, error) {
	if source != "" {
		root, err := filepath.Abs(source)
		if err != nil {
			return "", err
		}
		rel, err := filepath.Rel(filepath.Join(root, "content"), abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return "", fmt.Errorf("not inside %s", filepath.Join(source, "content"))
		}
		return root, nil
	}
	nearest := ""
	for dir := abs; ; {
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		if filepath.Base(dir) == "content" {
			if _, err := os.Stat(filepath.Join(parent, config.File)); err == nil {
				return parent, nil
			}
			if nearest == "" {
				nearest = parent
			}
		}
		dir = parent
	}
	if nearest == "" {
		return "", errors.New("not inside a course's content/ folder; translations live in content/<language>/")
	}
	return nearest, nil
}

// replaceFileAtomically replaces name with data: it writes a temporary file in
// the same folder (a dot file, which the content walk and the live preview
// ignore), keeps the old file's permissions (a new file is 0644), and
// renames it over the old one, so no reader ever sees a half-written page.
func replaceFileAtomically(name string, data []byte) error {
	perm := fs.FileMode(0o644) // a new file's
	if info, err := os.Stat(name); err == nil {
		perm = info.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		_ = os.Remove(tmp.Name())
		done = true
		return err
	}
	done = true
	return nil
}
