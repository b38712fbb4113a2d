package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/fieldguide/fieldguide/generator/build"
	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/markdown"
	"github.com/fieldguide/fieldguide/generator/scaffold"
	"github.com/fieldguide/fieldguide/generator/scaffold/placeholder"
	"github.com/fieldguide/fieldguide/generator/site"
	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"
)

func init() { extraCommands = append(extraCommands, newNewCmd) }

func newNewCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Create a course, a module or a lesson",
		Long: `New writes the files of a new course, module or lesson with their front
matter filled in. It never overwrites a file.`,
		Example: `  fieldguide new site my-course
  fieldguide new module interviews -s my-course
  fieldguide new lesson interviews/first-questions -s my-course
  fieldguide new lesson interviews/first-questions --lang fr -s my-course`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newNewSiteCmd(), newNewModuleCmd(), newNewLessonCmd())
	return cmd
}

func newNewSiteCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "site DIR",
		Short: "Create a starter course in a new folder",
		Long: `Site creates DIR with a working course in English and French: site.yaml, a
home page, a module with a lesson that shows every training block (callouts, a
case scenario with a discussion, a quiz, a trainer note) and a glossary.

DIR must not exist or be empty (a .git folder is allowed). The course title
is made from the folder's name; change it in site.yaml.`,
		Example: `  fieldguide new site my-course
  cd my-course && fieldguide serve`,
		Args: oneArg("the folder to create"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return newSite(cmd.OutOrStdout(), args[0])
		},
	}
}

func newSite(stdout io.Writer, dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return usageError{fmt.Errorf("%s is a file; give the name of a new folder for the course", dir)}
		}
		return fmt.Errorf("%s: %w", dir, err)
	default:
		for _, e := range entries {
			if e.Name() != ".git" {
				return usageError{fmt.Errorf("%s is not empty (it has %s); give a new folder name, or add modules to an existing course with 'fieldguide new module NAME -s %s'",
					dir, e.Name(), shellQuote(dir))}
			}
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	files, err := scaffold.Site(scaffold.Title(filepath.Base(abs)))
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := createFile(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return err
		}
	}
	// Quoted where a shell needs it: the line is there to be pasted.
	fmt.Fprintf(stdout, "created a course in %s (%d files)\n\nNext:\n  cd %s\n  fieldguide serve      # preview it at http://127.0.0.1:1313/\n  fieldguide new module NAME\n",
		dir, len(files), shellQuote(dir))
	return nil
}

// pageFlags are the flags of `new module` and `new lesson`.
type pageFlags struct {
	source string
	lang   string
}

func (f *pageFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&f.source, "source", "s", ".", "course folder (with site.yaml and content/)")
	cmd.Flags().StringVar(&f.lang, "lang", "", "language to create the page in (default: the course's default language); another language copies the default language's page to translate")
}

// resolve loads the course and returns it with the language to write in.
func (f *pageFlags) resolve(stderr io.Writer) (*loadedCourse, string, error) {
	c, err := loadCourse(f.source, stderr)
	if err != nil {
		return nil, "", err
	}
	lang := f.lang
	if lang == "" {
		lang = c.cfg.DefaultLanguage
	}
	if _, ok := c.cfg.Language(lang); !ok {
		return nil, "", usageError{fmt.Errorf("--lang %s is not a language of this course (%s); add it to site.yaml first", lang, c.languageCodes())}
	}
	return c, lang, nil
}

// pageName checks a module or lesson path given on the command line and
// returns it cleaned, slash-separated, without ".md". A new page's own
// name typed as a title ("Document checks") becomes a file name fit for a
// URL ("document-checks"), and the text typed its title; a name given with
// ".md" is a file name, and the folders before it are the course's own:
// both stay as they are.
func pageName(arg, what string) (name, typed, title string, err error) {
	name = strings.TrimSuffix(filepath.ToSlash(strings.TrimSpace(arg)), "/")
	fileName := strings.HasSuffix(name, ".md") // then named as it is
	name = strings.TrimSuffix(name, ".md")
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || path.Clean(name) != name ||
		name == ".." || strings.HasPrefix(name, "../") {
		return "", "", "", usageError{fmt.Errorf("%s %q: give a path inside the language folder, like %s", what, arg, examplePath(what))}
	}
	typed = name
	dir, base := path.Split(name)
	if !fileName && (strings.IndexFunc(base, needsSlug) >= 0 || base != strings.ToLower(base) || base != latinASCII(base)) {
		slug := fileSlug(base)
		if slug == "" {
			return "", "", "", usageError{fmt.Errorf("%s %q: the name has no letter or digit to make a file name of; give it words, like %s", what, arg, examplePath(what))}
		}
		name, title = dir+slug, strings.Join(strings.Fields(base), " ")
		if strings.IndexFunc(base, needsSlug) < 0 && base == strings.ToLower(base) {
			title = scaffold.Title(base) // "días": a name with accents, titled as names are ("Días")
		}
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_") || seg == "index" {
			return "", "", "", usageError{fmt.Errorf("%s %q: %q cannot be part of a page name (names starting with . or _, and \"index\", are reserved)", what, arg, seg)}
		}
	}
	return name, typed, title, nil
}

// fileSlug is the file name of a page whose name was typed as a title
// ("Días festivos" → "dias-festivos"): a slug as headings' ids are
// (markdown.Slug), with Latin letters written without their accents
// (latinASCII), so that its URL reads the same in a browser's address bar
// and in a link, instead of d%C3%ADas. Other scripts keep their letters:
// a Chinese or Arabic name stays a Chinese or Arabic URL, as their
// heading ids do.
func fileSlug(s string) string { return markdown.Slug(latinASCII(s)) }

// latinASCII writes Latin letters without their accents ("í" → "i",
// "ß" → "ss") and leaves every other character as it is: an accent of
// another script (Arabic's vowel marks, Devanagari's vowel signs) is part
// of its word.
func latinASCII(s string) string {
	var b strings.Builder
	latin := false // the last letter is Latin: the marks after it go
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if !latin {
				b.WriteRune(r)
			}
			continue
		case latinLetters[r] != "":
			b.WriteString(latinLetters[r])
		default:
			b.WriteRune(r)
		}
		latin = unicode.Is(unicode.Latin, r)
	}
	return norm.NFC.String(b.String())
}

// latinLetters are the Latin letters that Unicode does not decompose
// into a letter and an accent, as they are written without one.
var latinLetters = map[rune]string{
	'ß': "ss", 'ẞ': "SS", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O",
	'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'ł': "l", 'Ł': "L", 'þ': "th", 'Þ': "TH", 'ı': "i", 'ħ': "h", 'Ħ': "H",
}

// needsSlug reports whether a page's name cannot be its file name as it
// is: white space, or a character a URL or a file name cannot hold. Such
// a name, or one with capitals ("Documents", which would make a URL
// /en/Documents/ beside /en/travel-papers/), is made a slug as headings
// are (markdown.Slug), and titles the page as typed.
func needsSlug(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(`?#%"'<>|*:;,!&+=@$[]{}^~`+"`", r)
}

func examplePath(what string) string {
	if what == "module" {
		return "interviews"
	}
	return "interviews/first-questions"
}

func newNewModuleCmd() *cobra.Command {
	var pf pageFlags
	cmd := &cobra.Command{
		Use:   "module NAME",
		Short: "Create a module: a folder with its _index.md",
		Long: `Module creates content/<lang>/NAME/_index.md with a title made from NAME and a
weight that puts the module after the last one.

With --lang set to another language than the default one, the default
language's module page is copied instead, to be translated; it starts
unmarked (see 'fieldguide i18n status').`,
		Example: `  fieldguide new module victim-centred-interview
  fieldguide new module victim-centred-interview --lang fr   # start its translation
  fieldguide new module indicators/documents                 # a module inside a module`,
		Args: oneArg("the name of the module"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, typed, title, err := pageName(args[0], "module")
			if err != nil {
				return err
			}
			c, lang, err := pf.resolve(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			// A translation is of the module named as typed when the
			// default language has it ("Documents", made before names
			// were made lower case).
			if lang != c.cfg.DefaultLanguage && typed != name && c.find(c.cfg.DefaultLanguage, typed+"/_index.md") != nil {
				name = typed
			}
			rel := name + "/_index.md"
			if err := refuseExisting(c, lang, rel, name+".md", name+"/index.md"); err != nil {
				return err
			}
			var data []byte
			note := ""
			if lang == c.cfg.DefaultLanguage {
				parent := path.Dir(name)
				if parent == "." {
					parent = ""
				}
				weight := scaffold.NextWeight(c.sources, lang, parent)
				data = scaffold.Module(name, cmp.Or(title, scaffold.Title(path.Base(name))), weight)
				note = fmt.Sprintf("weight %d", weight)
			} else {
				src := c.find(c.cfg.DefaultLanguage, rel)
				if src == nil {
					if typed != name && c.isFolder(c.cfg.DefaultLanguage, typed) {
						// Its folder as typed, without an _index.md: the
						// module to give one, not a second module.
						name, rel = typed, typed+"/_index.md"
					}
					return fmt.Errorf("content/%s/%s does not exist: create the module in %s first (fieldguide new module %s)",
						c.cfg.DefaultLanguage, rel, c.cfg.DefaultLanguage, shellQuote(name))
				}
				var aliases string
				if data, aliases, err = translationCopy(c, src, lang); err != nil {
					return err
				}
				note = "copied from " + src.File + "; translate it, then run fieldguide i18n mark"
				if err := createPage(cmd.OutOrStdout(), c, lang, rel, data, note); err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), aliases)
				return nil
			}
			return createPage(cmd.OutOrStdout(), c, lang, rel, data, note)
		},
	}
	pf.register(cmd)
	return cmd
}

func newNewLessonCmd() *cobra.Command {
	var pf pageFlags
	var duration int
	cmd := &cobra.Command{
		Use:   "lesson MODULE/NAME",
		Short: "Create a lesson in a module",
		Long: `Lesson creates content/<lang>/MODULE/NAME.md with its front matter filled in:
a title made from NAME ("first-questions" → "First questions"), a weight that
puts it after the module's last lesson, a duration, and empty objectives and
keypoints lists to complete. The module folder must exist.

With --lang set to another language than the default one, the default
language's lesson is copied to content/<lang>/MODULE/NAME.md instead, to be
translated. Files beside a lesson in its own folder (images, documents) are
not copied: the translation shows its source's until you put a translated
file of the same name beside it, which only those holding text need. It
starts unmarked: 'fieldguide i18n status' lists it until you run
'fieldguide i18n mark' on it.`,
		Example: `  fieldguide new lesson victim-centred-interview/first-questions
  fieldguide new lesson victim-centred-interview/first-questions --duration 45
  fieldguide new lesson victim-centred-interview/first-questions --lang fr`,
		Args: oneArg("the module and the name of the lesson"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, typed, title, err := pageName(args[0], "lesson")
			if err != nil {
				return err
			}
			if duration < 0 {
				return usageError{fmt.Errorf("--duration must be a number of minutes (0 or more), not %d", duration)}
			}
			c, lang, err := pf.resolve(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			module := path.Dir(name)
			if module == "." {
				module = ""
			}
			// "Mixed Case Module/…" is the module made by
			// 'new module "Mixed Case Module"': mixed-case-module.
			if slug := slugPath(module); slug != module && !c.isFolder(lang, module) &&
				(c.isFolder(lang, slug) || c.isFolder(c.cfg.DefaultLanguage, slug)) {
				module, name = slug, slug+"/"+path.Base(name)
			}
			def := c.cfg.DefaultLanguage
			var rel string
			var data []byte
			note := ""
			if lang == def {
				if err := c.requireFolder(lang, module, name); err != nil {
					return err
				}
				rel = name + ".md"
				if err := refuseExisting(c, lang, rel, name+"/index.md", name+"/_index.md"); err != nil {
					return err
				}
				weight := scaffold.NextWeight(c.sources, lang, module)
				data = scaffold.Lesson(cmp.Or(title, scaffold.Title(path.Base(name))), weight, duration)
				note = fmt.Sprintf("weight %d, %d minutes", weight, duration)
				if module == "" {
					if err := createPage(cmd.OutOrStdout(), c, lang, rel, data, note); err != nil {
						return err
					}
					fmt.Fprint(cmd.OutOrStdout(), c.standAloneNote(lang, rel, typed, elsewhere(pf.source)))
					return nil
				}
			} else {
				// The lesson named as typed first, when the default
				// language has it ("First steps.md", a file named so by
				// hand), then as new would have named it.
				var src *content.Source
				for _, n := range []string{typed, path.Join(module, path.Base(typed)), name} {
					if src = cmp.Or(c.find(def, n+".md"), c.find(def, n+"/index.md")); src != nil {
						break
					}
				}
				if src == nil {
					return c.noSourceLesson(lang, module, name, elsewhere(pf.source))
				}
				rel = src.Rel
				name = strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), "/index")
				if err := refuseExisting(c, lang, rel, name+".md", name+"/index.md", name+"/_index.md"); err != nil {
					return err
				}
				var aliases string
				if data, aliases, err = translationCopy(c, src, lang); err != nil {
					return err
				}
				note = "copied from " + src.File + "; translate it, then run fieldguide i18n mark"
				if err := createPage(cmd.OutOrStdout(), c, lang, rel, data, note); err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), aliases)
				fmt.Fprint(cmd.OutOrStdout(), sourceFilesNote(src, lang))
				return nil
			}
			return createPage(cmd.OutOrStdout(), c, lang, rel, data, note)
		},
	}
	pf.register(cmd)
	cmd.Flags().IntVar(&duration, "duration", 30, "duration of the lesson in minutes")
	return cmd
}

// noSourceLesson is the error for a lesson to translate into lang that the
// default language does not have. A translator most often typed the name
// in their own language (formas-de-explotacion), whereas a translation
// keeps its source's file name: so when the module has lessons not yet
// translated into lang, it offers the nearest by name, or all of them,
// each with the command that starts its translation. Writing the lesson in
// the default language first is the advice only when the module has none.
func (c *loadedCourse) noSourceLesson(lang, module, name, course string) error {
	def := c.cfg.DefaultLanguage
	writeFirst := fmt.Sprintf("write the lesson in %s first (fieldguide new lesson %s%s), then translate it", def, shellQuote(name), sourceFlag(course))
	missing := fmt.Sprintf("content/%s/%s.md does not exist", def, name)
	lessons := scaffold.Lessons(c.sources, def, module)
	if len(lessons) == 0 {
		return fmt.Errorf("%s: %s", missing, writeFirst)
	}
	translated := map[string]bool{}
	for _, s := range c.sources {
		if s.Lang == lang {
			translated[site.GroupKey(s)] = true
		}
	}
	var open []*content.Source
	var names []string
	for _, s := range lessons {
		if !translated[site.GroupKey(s)] {
			open = append(open, s)
			names = append(names, s.Name())
		}
	}
	folder := path.Join("content", def, module) + "/"
	defName := i18n.LanguageName("en", def, def)
	langName := i18n.LanguageName("en", lang, lang)
	if len(open) == 0 {
		return fmt.Errorf("%s, and every lesson of %s is translated into %s already: %s", missing, folder, langName, writeFirst)
	}
	start := func(s *content.Source) string { return startTranslation(def, lang, s.Rel, course) }
	keeps := fmt.Sprintf("a translation keeps the file name of the %s lesson it translates", defName)
	if near := diag.Suggest(path.Base(name), names); near != "" {
		s := open[slices.Index(names, near)]
		return fmt.Errorf("%s; %s. Did you mean %s (%q)? Start its translation with:\n  %s",
			missing, keeps, s.Name(), cmp.Or(s.FM.Title, s.Name()), start(s))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s; %s. The lessons of %s not translated into %s yet, each with the command that starts its translation:", missing, keeps, folder, langName)
	const shown = 12 // a module's lessons; more would scroll the command away
	for i, s := range open {
		if i == shown {
			fmt.Fprintf(&b, "\n  … and %d more: fieldguide i18n status%s lists them all", len(open)-shown, sourceFlag(course))
			break
		}
		// The title on a line of its own, so that a triple click copies
		// the command alone (zsh reads no # comment when it is pasted).
		fmt.Fprintf(&b, "\n  %s\n    %s", cmp.Or(s.FM.Title, s.Name()), start(s))
	}
	fmt.Fprintf(&b, "\nTo add a lesson that %s does not have, %s.", defName, writeFirst)
	return errors.New(b.String())
}

// standAloneNote tells that a lesson created at the top of the language
// folder (rel, "holidays.md": its module forgotten, most often) is a
// stand-alone page, listed on the home page beside the modules, and how
// to make it a lesson of a module instead: the command again, with the
// name as typed.
func (c *loadedCourse) standAloneNote(lang, rel, name, course string) string {
	var modules []string
	entries, _ := os.ReadDir(filepath.Join(c.root, "content", lang))
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") {
			modules = append(modules, e.Name())
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "content/%s/%s is a stand-alone page, not a lesson of a module: the home page lists it beside the modules.\n", lang, rel)
	switch len(modules) {
	case 0:
		fmt.Fprintf(&b, "To make it a lesson of a module instead, delete it, create a module and the lesson in it:\n  fieldguide new module MODULE%s\n  fieldguide new lesson %s%s\n",
			sourceFlag(course), shellQuote("MODULE/"+name), sourceFlag(course))
	case 1:
		fmt.Fprintf(&b, "To make it a lesson of the module %s instead, delete it and run:\n  fieldguide new lesson %s%s\n",
			modules[0], shellQuote(modules[0]+"/"+name), sourceFlag(course))
	default:
		fmt.Fprintf(&b, "To make it a lesson of a module instead, delete it and run:\n  fieldguide new lesson %s%s\nwith MODULE one of: %s\n",
			shellQuote("MODULE/"+name), sourceFlag(course), strings.Join(modules, ", "))
	}
	return b.String()
}

// find returns the source of lang at rel, or nil.
func (c *loadedCourse) find(lang, rel string) *content.Source {
	for _, s := range c.sources {
		if s.Lang == lang && s.Rel == rel {
			return s
		}
	}
	return nil
}

// requireFolder checks that the module a lesson goes into exists, so a
// typo does not silently start a new module.
// isFolder reports whether content/<lang>/<dir> is a folder.
func (c *loadedCourse) isFolder(lang, dir string) bool {
	info, err := os.Stat(filepath.Join(c.root, "content", lang, filepath.FromSlash(dir)))
	return err == nil && info.IsDir()
}

// slugPath is a folder path with each name typed as a title made the
// name 'new module' gives it.
func slugPath(dir string) string {
	segs := strings.Split(dir, "/")
	for i, seg := range segs {
		if strings.IndexFunc(seg, needsSlug) >= 0 || seg != latinASCII(seg) {
			if slug := fileSlug(seg); slug != "" {
				segs[i] = slug
			}
		}
	}
	return strings.Join(segs, "/")
}

func (c *loadedCourse) requireFolder(lang, module, name string) error {
	if module == "" || c.isFolder(lang, module) {
		return nil
	}
	var modules []string
	_ = fs.WalkDir(build.DirFS(filepath.Join(c.root, "content", lang)), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != "." && !strings.HasPrefix(d.Name(), ".") {
			modules = append(modules, p)
		}
		return nil
	})
	hint := diag.DidYouMean(module, modules)
	if hint != "" {
		hint += " "
	}
	return fmt.Errorf("module content/%s/%s does not exist; %screate it first with: fieldguide new module %s", lang, module, hint, shellQuote(module))
}

// refuseExisting refuses to create rel in lang when it, or a file that
// would give the page the same URL (alternatives), already exists, also
// when the names differ only in letter case (they clash on Windows and macOS).
func refuseExisting(c *loadedCourse, lang, rel string, alternatives ...string) error {
	for _, candidate := range append([]string{rel}, alternatives...) {
		full := filepath.Join(c.root, "content", lang, filepath.FromSlash(candidate))
		if _, err := os.Stat(full); err == nil {
			if candidate == rel {
				return fmt.Errorf("%s already exists; fieldguide new never overwrites a file", full)
			}
			return fmt.Errorf("%s already exists and would have the same URL as content/%s/%s; choose another name", full, lang, rel)
		}
	}
	for _, s := range c.sources {
		if s.Lang == lang && strings.EqualFold(s.Rel, rel) {
			return fmt.Errorf("%s already exists, differing only in letter case; choose another name", s.File)
		}
	}
	return nil
}

// translationCopy is the default language's page as the start of a
// translation into lang: its bytes as they are, with translatedFrom
// removed so the copy starts unmarked until a translator has done the
// work and marks it, and its aliases made the translation's
// (translationAliases). aliases says what became of them, or is "".
func translationCopy(c *loadedCourse, src *content.Source, lang string) (data []byte, aliases string, err error) {
	data, err = os.ReadFile(filepath.Join(c.root, filepath.FromSlash(src.File)))
	if err != nil {
		return nil, "", err
	}
	if data, err = i18n.SetTranslatedFrom(src.File, data, ""); err != nil {
		return nil, "", err
	}
	kept, moved, dropped := translationAliases(src.FM.Aliases, src.Lang, lang)
	if len(moved)+len(dropped) == 0 {
		return data, "", nil
	}
	srcName, langName := i18n.LanguageName("en", src.Lang, src.Lang), i18n.LanguageName("en", lang, lang)
	out, err := i18n.SetAliases(src.File, data, kept)
	if err != nil {
		// Copied as they are, the build reports each alias both pages
		// have: the translator is told now which to change.
		return data, fmt.Sprintf("aliases: %v: change its absolute aliases to /%s/… addresses, or remove them (an address leads to one page: the %s one)\n", err, lang, srcName), nil
	}
	var b strings.Builder
	if len(moved) > 0 {
		addresses := "address"
		if len(moved) > 1 {
			addresses += "es"
		}
		fmt.Fprintf(&b, "aliases: %s (the %s page's old %s, under /%s/: old %s links lead to the translation)\n",
			strings.Join(moved, ", "), srcName, addresses, lang, langName)
	}
	if len(dropped) > 0 {
		fmt.Fprintf(&b, "aliases: %s left to the %s page (an address leads to one page)\n", strings.Join(dropped, ", "), srcName)
	}
	return out, b.String(), nil
}

// translationAliases are the aliases of a page of language from, for its
// translation into to. An alias is an old address of the page, and one
// address leads to one page (the build refuses two with the same alias):
// copied as they are, the translation's absolute aliases would take the
// source's old addresses and send its readers to the translation.
//
//   - A relative alias ("old-name") is an address in the page's own
//     language folder: kept as it is.
//   - An absolute alias under /<from>/ is rewritten under /<to>/: the
//     same old address in the translation's language, where the source,
//     shown untranslated, had it too (with missingTranslations:
//     fallback), so old links of that language keep leading to the page.
//     moved lists them as they are now ("/en/old/ → /fr/old/").
//   - Any other absolute alias (another language's, or of no language:
//     an older site's address) is the source's alone: dropped.
func translationAliases(aliases []string, from, to string) (kept, moved, dropped []string) {
	for _, a := range aliases {
		t := strings.TrimSpace(a)
		switch rest, under := strings.CutPrefix(t, "/"+from+"/"); {
		case !strings.HasPrefix(t, "/"):
			kept = append(kept, a)
		case under:
			kept = append(kept, "/"+to+"/"+rest)
			moved = append(moved, t+" → /"+to+"/"+rest)
		default:
			dropped = append(dropped, t)
		}
	}
	return kept, moved, dropped
}

// shellQuote quotes a name (a file, a page) for a command to type again,
// when it needs quoting: in double quotes, which Windows' shells and Unix
// ones read alike, unless it holds a character that Unix shells expand
// there ($ ` \ ! or "), which single quotes keep as it is. On Windows,
// whose shells do not read single quotes (and whose paths hold \),
// always double quotes.
func shellQuote(s string) string {
	switch {
	case runtime.GOOS != "windows" && strings.ContainsAny(s, "$`\\!\""):
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	case s == "" || strings.ContainsAny(s, " \t\n\r'&;|<>()[]{}*?#~"):
		return `"` + s + `"`
	}
	return s
}

// elsewhere is the course folder given with -s, as typed, when it is not
// the working directory, else "": the folder commands suggested to paste
// must name with -s.
func elsewhere(source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return source
	}
	cwd, err := os.Getwd()
	if err != nil || abs == cwd {
		return ""
	}
	// The same folder by another path (a symbolic link, /tmp on macOS).
	a, errA := os.Stat(abs)
	b, errB := os.Stat(cwd)
	if errA == nil && errB == nil && os.SameFile(a, b) {
		return ""
	}
	return source
}

// sourceFlag is " -s DIR" for a course elsewhere (see elsewhere), else "".
func sourceFlag(course string) string {
	if course == "" {
		return ""
	}
	return " -s " + shellQuote(course)
}

// createPage creates content/<lang>/<rel> of course c and says so on out.
func createPage(out io.Writer, c *loadedCourse, lang, rel string, data []byte, note string) error {
	file := filepath.Join(c.root, "content", lang, filepath.FromSlash(rel))
	if err := createFile(file, data); err != nil {
		return err
	}
	fmt.Fprintf(out, "created %s (%s)\n", file, note)
	if placeholder.Find(data) != nil {
		fmt.Fprintln(out, "  write your text in place of its placeholder sentence: 'fieldguide check' points at any left")
	}
	return nil
}

// sourceFilesNote tells, for a translation into lang of src, a lesson
// folder's index.md, that the files beside src were not copied: the
// translated page shows its source's (site.File), so a translator adds
// only the translated ones, and a picture corrected in the source is
// corrected in every language that has no copy of it. "" for a source
// without files.
func sourceFilesNote(src *content.Source, lang string) string {
	if len(src.Resources) == 0 {
		return ""
	}
	var names []string
	for _, r := range src.Resources {
		names = append(names, path.Base(r))
	}
	srcName := i18n.LanguageName("en", src.Lang, src.Lang)
	return fmt.Sprintf("%s not copied: %s (beside %s); the %s page shows %s until you put a translated file of the same name in %s (%s)\n",
		countOf(len(names), "file", "files"), strings.Join(names, ", "), src.File,
		i18n.LanguageName("en", lang, lang), pick(len(names), "the "+srcName+" one", "the "+srcName+" ones"),
		path.Join("content", lang, path.Dir(src.Rel))+"/",
		pick(len(names), "needed only if it holds "+srcName+" text", "only those with "+srcName+" text need one"))
}

// createFile writes a new file as writeExclusive does, and says so in
// new's words when the file exists.
func createFile(name string, data []byte) error {
	err := writeExclusive(name, data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; fieldguide new never overwrites a file: %w", name, fs.ErrExist)
	}
	return err
}

// writeExclusive writes a new file, creating its folders, and fails if the
// file exists (O_EXCL: even one created a moment ago by someone else). A
// file it could not write whole is removed.
func writeExclusive(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		_ = os.Remove(name)
		return err
	}
	return f.Close()
}
