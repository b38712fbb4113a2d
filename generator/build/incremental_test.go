package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/generator/output"
	"golang.org/x/tools/txtar"
)

// course is a course folder on disk that a test edits.
type course struct {
	t   *testing.T
	dir string
	// tick gives every edited file a distinct modification time, so that
	// comparing by size and time (Scan) sees edits made within one tick
	// of the file system's clock.
	tick time.Time
}

var hashPlaceholder = regexp.MustCompile(`\{\{hash:([^}]+)\}\}`)

// writeCourse writes a txtar course into a new folder.
func writeCourse(t *testing.T, archive []byte) *course {
	t.Helper()
	c := &course{t: t, dir: t.TempDir(), tick: time.Now().Add(-time.Hour)}
	files := txtar.Parse(archive).Files
	for _, f := range files {
		c.write(f.Name, string(f.Data))
	}
	// Translations recorded as current: their source's hash.
	for _, f := range files {
		if hashPlaceholder.Match(f.Data) {
			text := hashPlaceholder.ReplaceAllStringFunc(string(f.Data), func(m string) string {
				src := &content.Source{}
				if !content.Parse(src, []byte(c.read("content/"+hashPlaceholder.FindStringSubmatch(m)[1])), &diag.List{}) {
					t.Fatalf("%s does not parse", m)
				}
				return i18n.SourceHash(src)
			})
			c.write(f.Name, text)
		}
	}
	return c
}

// incrementalCourse writes a txtar course (testdata/incremental.txtar when
// archive is nil) and prepares incremental builds of it.
func incrementalCourse(t *testing.T, archive []byte) (*course, *Incremental) {
	t.Helper()
	if archive == nil {
		var err error
		if archive, err = os.ReadFile("testdata/incremental.txtar"); err != nil {
			t.Fatal(err)
		}
	}
	c := writeCourse(t, archive)
	inc, err := NewIncremental(Options{FS: os.DirFS(c.dir)})
	if err != nil {
		t.Fatal(err)
	}
	return c, inc
}

func (c *course) path(rel string) string { return filepath.Join(c.dir, filepath.FromSlash(rel)) }

func (c *course) read(rel string) string {
	c.t.Helper()
	b, err := os.ReadFile(c.path(rel))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

func (c *course) touch(rel string) {
	c.tick = c.tick.Add(time.Second)
	if err := os.Chtimes(c.path(rel), c.tick, c.tick); err != nil {
		c.t.Fatal(err)
	}
}

func (c *course) write(rel, text string) string {
	c.t.Helper()
	p := c.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.touch(rel)
	return rel
}

// replace changes old to new in a file, which must contain old.
func (c *course) replace(rel, old, new string) string {
	c.t.Helper()
	text := c.read(rel)
	if !strings.Contains(text, old) {
		c.t.Fatalf("%s does not contain %q", rel, old)
	}
	return c.write(rel, strings.Replace(text, old, new, 1))
}

func (c *course) remove(rel string) string {
	c.t.Helper()
	if err := os.RemoveAll(c.path(rel)); err != nil {
		c.t.Fatal(err)
	}
	return rel
}

func (c *course) rename(from, to string) []string {
	c.t.Helper()
	if err := os.MkdirAll(filepath.Dir(c.path(to)), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.Rename(c.path(from), c.path(to)); err != nil {
		c.t.Fatal(err)
	}
	return []string{from, to}
}

// saveLikeAnEditor writes a file the way vim and many editors do: the new
// text into a temporary file, the old file kept as a backup, then a rename
// over the original and the backup removed.
func (c *course) saveLikeAnEditor(rel, text string) []string {
	c.t.Helper()
	tmp, backup := rel+".tmp", rel+"~"
	c.write(tmp, text)
	if err := os.Rename(c.path(rel), c.path(backup)); err != nil {
		c.t.Fatal(err)
	}
	if err := os.Rename(c.path(tmp), c.path(rel)); err != nil {
		c.t.Fatal(err)
	}
	c.touch(rel)
	c.remove(backup)
	return []string{tmp, backup, rel}
}

// courseEdit is one change a trainer makes; it returns the paths a file
// watcher would report.
type courseEdit struct {
	name string
	do   func(c *course) []string
}

func paths(p ...string) []string { return p }

// courseEdits is the sequence TestIncrementalMatchesClean applies. Some
// break the build on purpose; a later one repairs it.
var courseEdits = []courseEdit{
	{"body text", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "Try the scenario.", "Try the scenario with a partner."))
	}},
	{"body text of a translated source (translation becomes outdated)", func(c *course) []string {
		return paths(c.replace("content/en/m1/intro.md", "An act, a means and a purpose.", "An act, a means and an exploitative purpose."))
	}},
	{"title", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "title: Next steps", "title: What comes next"))
	}},
	{"title from the first heading", func(c *course) []string {
		return paths(c.write("content/en/m2/untitled.md", "# Heading as title\n\nText.\n"))
	}},
	{"weight", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "weight: 2", "weight: 0"), c.replace("content/en/m1/intro.md", "weight: 1", "weight: 5"))
	}},
	{"description and duration", func(c *course) []string {
		return paths(c.replace("content/en/m1/_index.md", "The basic terms.", "The basic terms and ideas."),
			c.replace("content/en/m2/indicators.md", "duration: 20", "duration: 25"))
	}},
	{"add page", func(c *course) []string {
		return paths(c.write("content/en/m1/third.md", "---\ntitle: Third\nweight: 4\n---\nA third lesson about a victim.\n"))
	}},
	{"delete page", func(c *course) []string { return paths(c.remove("content/en/m1/third.md")) }},
	{"rename page", func(c *course) []string { return c.rename("content/en/about.md", "content/en/info.md") }},
	{"new folder, nested", func(c *course) []string {
		c.write("content/en/m3/_index.md", "---\ntitle: Support\nweight: 3\n---\nModule three.\n")
		c.write("content/en/m3/deep/first.md", "---\ntitle: Deep lesson\n---\nNested two folders down. See the [intro](../../m1/intro.md).\n")
		return paths("content/en/m3")
	}},
	{"delete folder", func(c *course) []string { return paths(c.remove("content/en/m3")) }},
	{"rename folder", func(c *course) []string {
		return append(c.rename("content/en/m2", "content/en/signs"),
			c.replace("content/en/m1/intro.md", "../m2/indicators.md#signs", "../signs/indicators.md#signs"))
	}},
	{"broken link", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "a referral.", "a [referral](missing.md)."))
	}},
	{"broken link fixed", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "[referral](missing.md)", "[referral](intro.md#consent)"))
	}},
	{"link to a missing heading (warning)", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "intro.md#consent", "intro.md#nowhere"))
	}},
	{"the heading appears", func(c *course) []string {
		return paths(c.replace("content/en/m1/intro.md", "## Consent", "## Consent\n\n### Nowhere"))
	}},
	{"layout override added", func(c *course) []string {
		return paths(c.write("layouts/partials/footer.html", `<p class="custom-footer">{{.SiteTitle}} · custom</p>`+"\n"))
	}},
	{"layout override changed", func(c *course) []string {
		return paths(c.replace("layouts/partials/footer.html", "custom", "overridden"))
	}},
	{"layout override removed", func(c *course) []string { return paths(c.remove("layouts")) }},
	{"UI strings override", func(c *course) []string {
		return paths(c.write("layouts/i18n/fr.yaml", "onThisPage: Sur cette page (cours)\n"))
	}},
	{"stylesheet override", func(c *course) []string {
		return paths(c.write("layouts/assets/css/90-course.css", ".course { color: teal; }\n"))
	}},
	{"stylesheet override changed", func(c *course) []string {
		return paths(c.replace("layouts/assets/css/90-course.css", "teal", "navy"))
	}},
	{"script override", func(c *course) []string {
		return paths(c.write("layouts/assets/js/90-course.js", "(function () { document.documentElement.dataset.course = '1'; })();\n"))
	}},
	{"assets overrides removed", func(c *course) []string { return paths(c.remove("layouts")) }},
	{"site.yaml change", func(c *course) []string {
		return paths(c.replace("site.yaml", "title: Incremental Course", "title: Incremental Course, second edition"))
	}},
	{"site.yaml omits missing translations", func(c *course) []string {
		return paths(c.replace("site.yaml", "missingTranslations: fallback", "missingTranslations: omit"))
	}},
	{"site.yaml back to fallbacks", func(c *course) []string {
		return paths(c.replace("site.yaml", "missingTranslations: omit", "missingTranslations: fallback"))
	}},
	{"static file added", func(c *course) []string {
		return paths(c.write("static/img/new.svg", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`+"\n"))
	}},
	{"static file changed", func(c *course) []string {
		return paths(c.replace("static/css/extra.css", "red", "green"))
	}},
	{"static file removed", func(c *course) []string { return paths(c.remove("static/img/new.svg")) }},
	{"resource beside a lesson changed", func(c *course) []string {
		return paths(c.replace("content/en/m1/bundle/form.txt", "Name:", "Name and date:"))
	}},
	{"glossary term added", func(c *course) []string {
		return paths(c.replace("content/en/glossary.md", "Referral\n", "Scenario\n: A case to practise on.\n\nReferral\n"))
	}},
	{"translation added", func(c *course) []string {
		return paths(c.write("content/fr/m1/next.md", "---\ntitle: Étapes suivantes\nweight: 2\n---\nQue faire ensuite.\n"))
	}},
	{"translation removed", func(c *course) []string { return paths(c.remove("content/fr/m1/intro.md")) }},
	{"broken front matter", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "title: What comes next", "title: [What comes next"))
	}},
	{"broken front matter fixed", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "title: [What comes next", "title: What comes next"))
	}},
	{"unclosed front matter, then closed", func(c *course) []string {
		return paths(c.write("content/en/about2.md", "---\ntitle: Unclosed\n\nBody.\n"))
	}},
	{"unclosed front matter closed", func(c *course) []string {
		return paths(c.write("content/en/about2.md", "---\ntitle: Closed\n---\nBody.\n"))
	}},
	{"unknown front matter key (warning)", func(c *course) []string {
		return paths(c.replace("content/en/about2.md", "title: Closed", "title: Closed\ntitel: typo"))
	}},
	{"draft page", func(c *course) []string {
		return paths(c.write("content/en/m1/draft.md", "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n"))
	}},
	{"draft published", func(c *course) []string {
		return paths(c.replace("content/en/m1/draft.md", "draft: true", "draft: false"))
	}},
	{"trainer-only page", func(c *course) []string {
		return paths(c.replace("content/en/m1/draft.md", "draft: false", "audience: trainer"))
	}},
	{"module file added", func(c *course) []string { return paths(c.write("content/en/m1/roles.txt", "Role cards.\n")) }},
	{"a trainer-only page links the module file", func(c *course) []string {
		return paths(c.replace("content/en/m1/draft.md", "Not yet.", "Not yet. [Roles](roles.txt)"))
	}},
	{"a lesson links it too", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "## Practice\n", "## Practice\n\nHand out [roles](roles.txt).\n"))
	}},
	{"the lesson's link removed", func(c *course) []string {
		return paths(c.replace("content/en/m1/next.md", "\nHand out [roles](roles.txt).\n", ""))
	}},
	{"the trainer-only page's link removed", func(c *course) []string {
		return paths(c.replace("content/en/m1/draft.md", " [Roles](roles.txt)", ""))
	}},
	{"slug", func(c *course) []string {
		return paths(c.replace("content/en/m1/_index.md", "weight: 1", "weight: 1\nslug: basics"))
	}},
	{"saved like an editor (temp file, backup, rename)", func(c *course) []string {
		text := strings.Replace(c.read("content/en/m1/next.md"), "Keep notes short.", "Keep notes short and factual.", 1)
		return c.saveLikeAnEditor("content/en/m1/next.md", text)
	}},
	{"swap and backup files lying around", func(c *course) []string {
		return paths(c.write("content/en/m1/.next.md.swp", "swap"), c.write("content/en/m1/next.md~", "backup"),
			c.write("content/en/m1/4913", ""), c.write("static/.#extra.css", "lock"))
	}},
	{"orphan file and case clash", func(c *course) []string {
		return paths(c.write("content/en/m2orphans/notes.txt", "no page here"), c.write("content/en/m1/Intro.md", "---\ntitle: Clash\n---\n"))
	}},
	{"orphan and clash removed", func(c *course) []string {
		return paths(c.remove("content/en/m2orphans"), c.remove("content/en/m1/Intro.md"))
	}},
	{"invalid UTF-8", func(c *course) []string {
		return paths(c.write("content/ar/m1/bad.md", "---\ntitle: x\n---\n\xff\xfe"))
	}},
	{"invalid UTF-8 removed", func(c *course) []string { return paths(c.remove("content/ar/m1/bad.md")) }},
	{"symbolic links, inside and outside the course", func(c *course) []string {
		if err := os.Symlink("next.md", c.path("content/en/m1/linked.md")); err != nil {
			c.t.Fatal(err)
		}
		if err := os.Symlink("/etc/hostname", c.path("content/en/m1/outside.md")); err != nil {
			c.t.Fatal(err)
		}
		return paths("content/en/m1/linked.md", "content/en/m1/outside.md")
	}},
	{"symbolic links removed", func(c *course) []string {
		return paths(c.remove("content/en/m1/linked.md"), c.remove("content/en/m1/outside.md"))
	}},
	{"rewritten with the same bytes", func(c *course) []string {
		return paths(c.write("content/en/m1/next.md", c.read("content/en/m1/next.md")))
	}},
	{"new language", func(c *course) []string {
		c.write("content/de/_index.md", "---\ntitle: Start\n---\nWillkommen.\n")
		return paths("content/de", c.replace("site.yaml", "  ar: { name: العربية, weight: 3 }", "  ar: { name: العربية, weight: 3 }\n  de: { name: Deutsch, weight: 4 }"))
	}},
	{"language removed", func(c *course) []string {
		return paths(c.replace("site.yaml", "\n  de: { name: Deutsch, weight: 4 }", ""), c.remove("content/de"))
	}},
}

// TestIncrementalMatchesClean edits a course in every way a trainer might
// and checks after each edit that the incremental build gives the same
// files, byte for byte, and the same messages as a clean build.
func TestIncrementalMatchesClean(t *testing.T) {
	archive, err := os.ReadFile("testdata/incremental.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"watcher paths", "scan"} {
		for _, audience := range []string{"participant", "trainer"} {
			if testing.Short() && (mode != "watcher paths" || audience != "participant") {
				continue
			}
			t.Run(mode+"/"+audience, func(t *testing.T) {
				c := writeCourse(t, archive)
				opts := Options{FS: os.DirFS(c.dir), Audience: audience}
				inc, err := NewIncremental(opts)
				if err != nil {
					t.Fatal(err)
				}
				ctx := context.Background()
				compareWithClean(t, "first build", inc.Build(ctx, nil), inc, opts)
				for _, e := range courseEdits {
					changed := e.do(c)
					if mode == "scan" {
						changed = nil
					}
					before := inc.Output()
					u := inc.Build(ctx, changed)
					if u.Err == nil {
						// What pages are told changed must be what did.
						wantChanged, wantRemoved := diffFiles(before, u.Output)
						if !slices.Equal(u.Changed, wantChanged) || !slices.Equal(u.Removed, wantRemoved) {
							t.Errorf("%s: reported changed %v removed %v, want %v and %v", e.name, u.Changed, u.Removed, wantChanged, wantRemoved)
						}
					}
					compareWithClean(t, e.name, u, inc, opts)
				}
			})
		}
	}
}

// TestIncrementalReusesWork checks that the incremental build does little
// for small edits: a body edit takes the fast path and converts only the
// page (and its fallback copies); a title edit re-renders its module but
// converts no other page.
func TestIncrementalReusesWork(t *testing.T) {
	c, inc := incrementalCourse(t, nil)
	ctx := context.Background()
	if u := inc.Build(ctx, nil); u.Err != nil || u.Fast {
		t.Fatalf("first build: %v (fast %v)", u.Err, u.Fast)
	}
	// next.md exists in English only: French and Arabic show fallback copies.
	u := inc.Build(ctx, paths(c.replace("content/en/m1/next.md", "Try the scenario.", "Try it.")))
	if !u.Fast || u.Converted != 3 || u.Rendered != 6 {
		t.Errorf("body edit: fast %v, converted %d, rendered %d; want fast, 3 (page and 2 fallbacks), 6 (and 3 printable modules)", u.Fast, u.Converted, u.Rendered)
	}
	if want := []string{"ar/m1/next/index.html", "ar/m1/print/index.html", "en/m1/next/index.html", "en/m1/print/index.html", "fr/m1/next/index.html", "fr/m1/print/index.html"}; !slices.Equal(u.Changed, want) {
		t.Errorf("body edit changed %v, want %v", u.Changed, want)
	}
	u = inc.Build(ctx, paths(c.replace("content/en/m1/next.md", "title: Next steps", "title: Later steps")))
	if u.Fast || u.Converted != 3 {
		t.Errorf("title edit: fast %v, converted %d; want the full path converting only the page and its fallbacks", u.Fast, u.Converted)
	}
	u = inc.Build(ctx, paths(c.write("layouts/partials/footer.html", "<p>footer</p>\n")))
	if u.Converted != 0 || u.Rendered == 0 {
		t.Errorf("template edit: converted %d, rendered %d; want templates run again, no Markdown converted", u.Converted, u.Rendered)
	}
	u = inc.Build(ctx, paths(c.write("layouts/assets/css/90-x.css", ".x{color:red}\n")))
	if u.Converted != 0 || u.Rendered != 0 {
		t.Errorf("stylesheet edit: converted %d, rendered %d; want nothing rendered", u.Converted, u.Rendered)
	}
}

// TestIncrementalStoppedBuildInputs: a build stopped by a newer save has
// read its inputs already; the next build still names them, so the
// preview says what was rebuilt (and can swap a stylesheet in place).
func TestIncrementalStoppedBuildInputs(t *testing.T) {
	c, inc := incrementalCourse(t, nil)
	if u := inc.Build(context.Background(), nil); u.Err != nil {
		t.Fatal(u.Err)
	}
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	css := c.write("layouts/assets/css/90-x.css", ".x{color:red}\n")
	if u := inc.Build(stopped, paths(css)); u.Err == nil {
		t.Fatal("a stopped build succeeded")
	}
	u := inc.Build(context.Background(), paths(c.replace("content/en/m1/next.md", "Try the scenario.", "Try it.")))
	if u.Err != nil || !slices.Equal(u.Inputs, []string{"content/en/m1/next.md", css}) {
		t.Errorf("inputs %v (%v), want the stopped build's too", u.Inputs, u.Err)
	}
	if u := inc.Build(context.Background(), nil); len(u.Inputs) != 0 {
		t.Errorf("inputs %v after a finished build, want none", u.Inputs)
	}
}

// TestIncrementalAliasLines: a message about an alias names the line of
// the aliases: key, of both pages of a clash; a line added above it in
// the front matter, which changes no value, moves it there too.
func TestIncrementalAliasLines(t *testing.T) {
	c, inc := incrementalCourse(t, []byte(`
-- content/en/m/_index.md --
-- content/en/m/a.md --
---
aliases: [/en/old/]
---
A.
-- content/en/m/b.md --
---
aliases: [/en/old/]
---
B.
`))
	ctx := context.Background()
	if u := inc.Build(ctx, nil); u.Err == nil {
		t.Fatal("the clash was not found")
	}
	for _, f := range []string{"content/en/m/a.md", "content/en/m/b.md"} {
		u := inc.Build(ctx, paths(c.replace(f, "---\naliases", "---\n# moved here\naliases")))
		compareWithClean(t, f+": a line above aliases", u, inc, Options{FS: os.DirFS(c.dir)})
	}
}

// TestIncrementalLeftOutLinks: whether a link's page is left out or
// missing is checked again on every build, as a clean build would.
func TestIncrementalLeftOutLinks(t *testing.T) {
	c, inc := incrementalCourse(t, []byte(`
-- content/en/m/_index.md --
-- content/en/m/a.md --
See [b](b.md).
-- content/en/m/b.md --
---
draft: true
---
B.
`))
	ctx := context.Background()
	codes := func(u *Update) (out []string) {
		for _, d := range u.Result.Diagnostics {
			out = append(out, d.Code)
		}
		return out
	}
	if u := inc.Build(ctx, nil); u.Err != nil || !slices.Equal(codes(u), []string{"left-out-link"}) {
		t.Fatalf("draft: %v %v", u.Err, codes(u))
	}
	// The draft is deleted: the link is broken.
	if u := inc.Build(ctx, paths(c.remove("content/en/m/b.md"))); u.Err == nil || !slices.Equal(codes(u), []string{"broken-link"}) {
		t.Errorf("deleted: %v %v, want the broken link", u.Err, codes(u))
	}
	// It comes back as a draft: left out again, the build succeeds.
	if u := inc.Build(ctx, paths(c.write("content/en/m/b.md", "---\ndraft: true\n---\nB.\n"))); u.Err != nil || !slices.Equal(codes(u), []string{"left-out-link"}) {
		t.Errorf("a draft again: %v %v", u.Err, codes(u))
	}
}

// TestIncrementalImageSize: a page writes its images' sizes, so a new
// size of an image is a new page, as in a clean build.
func TestIncrementalImageSize(t *testing.T) {
	var small, large bytes.Buffer
	if err := pngEncode(&small, 3, 2); err != nil {
		t.Fatal(err)
	}
	if err := pngEncode(&large, 5, 4); err != nil {
		t.Fatal(err)
	}
	c, inc := incrementalCourse(t, []byte("-- content/en/m/a/index.md --\n![A map](map.png)\n"))
	c.write("content/en/m/a/map.png", small.String())
	ctx := context.Background()
	if u := inc.Build(ctx, nil); u.Err != nil || !bytes.Contains(u.Output.Files["en/m/a/index.html"], []byte(`width="3" height="2"`)) {
		t.Fatalf("first build: %v", u.Err)
	}
	u := inc.Build(ctx, paths(c.write("content/en/m/a/map.png", large.String())))
	if u.Err != nil || !bytes.Contains(u.Output.Files["en/m/a/index.html"], []byte(`width="5" height="4"`)) {
		t.Errorf("after the image changed: %v\n%s", u.Err, u.Output.Files["en/m/a/index.html"])
	}

	// An image that is not in the page's own folder: beside the module's
	// _index.md, or in another lesson's folder. Replaced by one of another
	// size, the page that shows it has the new size too.
	c, inc = incrementalCourse(t, []byte("-- content/en/m/_index.md --\nM.\n-- content/en/m/b.md --\n![A chart](chart.png) ![A map](a/map.png)\n-- content/en/m/a/index.md --\nA.\n"))
	c.write("content/en/m/chart.png", small.String())
	c.write("content/en/m/a/map.png", small.String())
	if u := inc.Build(ctx, nil); u.Err != nil || bytes.Count(u.Output.Files["en/m/b/index.html"], []byte(`width="3" height="2"`)) != 2 {
		t.Fatalf("first build: %v\n%s", u.Err, u.Output.Files["en/m/b/index.html"])
	}
	for _, img := range []string{"content/en/m/chart.png", "content/en/m/a/map.png"} {
		u := inc.Build(ctx, paths(c.write(img, large.String())))
		compareWithClean(t, img+" replaced", u, inc, Options{FS: os.DirFS(c.dir)})
	}

	// A translated module shows its source's image until it has its own
	// copy: then every page of its language shows that one's size, the
	// untranslated lesson's too, whose source did not change.
	c, inc = incrementalCourse(t, []byte("-- site.yaml --\nlanguages: {en: {}, fr: {}}\n-- content/en/m/_index.md --\nM.\n-- content/en/m/b.md --\n![A chart](chart.png)\n-- content/fr/m/_index.md --\nM fr.\n"))
	c.write("content/en/m/chart.png", small.String())
	if u := inc.Build(ctx, nil); u.Err != nil || !bytes.Contains(u.Output.Files["fr/m/b/index.html"], []byte(`width="3" height="2"`)) {
		t.Fatalf("first build: %v\n%s", u.Err, u.Output.Files["fr/m/b/index.html"])
	}
	u = inc.Build(ctx, paths(c.write("content/fr/m/chart.png", large.String())))
	compareWithClean(t, "French copy added", u, inc, Options{FS: os.DirFS(c.dir)})
	u = inc.Build(ctx, paths(c.remove("content/fr/m/chart.png")))
	compareWithClean(t, "French copy removed", u, inc, Options{FS: os.DirFS(c.dir)})
}

// compareWithClean finishes an incremental build and compares it with a
// clean build of the same course.
func compareWithClean(t *testing.T, step string, u *Update, inc *Incremental, opts Options) {
	t.Helper()
	ctx := context.Background()
	if u.Err == nil {
		for {
			f, err := inc.Finish(ctx)
			if err != nil {
				t.Fatalf("%s: Finish: %v", step, err)
			}
			if f == nil {
				break
			}
		}
	}
	mem := output.NewMemory()
	res, err := Build(ctx, opts, mem)
	if (err == nil) != (u.Err == nil) {
		t.Fatalf("%s: clean build error %v, incremental %v", step, err, u.Err)
	}
	if got, want := diagnosticLines(u.Result), diagnosticLines(res); got != want {
		t.Errorf("%s: messages differ\nincremental:\n%s\nclean:\n%s", step, got, want)
	}
	if err != nil {
		return
	}
	out := inc.Output()
	var names []string
	for n := range out.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	if want := mem.Names(); !slices.Equal(names, want) {
		t.Fatalf("%s: files differ\nonly incremental: %v\nonly clean: %v", step, minus(names, want), minus(want, names))
	}
	for _, n := range names {
		want, _ := mem.Get(n)
		if got := out.Files[n]; !bytes.Equal(got, want) {
			t.Errorf("%s: %s differs from a clean build:\n%s", step, n, firstDifference(got, want))
		}
	}
}

func diagnosticLines(res *Result) string {
	if res == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		fmt.Fprintf(&b, "%s [%s %s]\n", d.Error(), d.Severity, d.Code)
	}
	return b.String()
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// firstDifference shows where two files part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("incremental: …%s…\nclean:       …%s…", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// BenchmarkIncrementalEdit measures the rebuild after an edit to one
// lesson's body on the benchmark course (4,084 pages): what fieldguide
// serve does between a save and serving the page. The search index is
// left to Finish, as serve does.
func BenchmarkIncrementalEdit(b *testing.B) {
	dir := corpus(b, "20", "50")
	inc, err := NewIncremental(Options{FS: os.DirFS(dir)})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if u := inc.Build(ctx, nil); u.Err != nil {
		b.Fatal(u.Err)
	}
	const lesson = "content/fr/module-007/lesson-023.md"
	original, err := os.ReadFile(filepath.Join(dir, lesson))
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(filepath.Join(dir, lesson), original, 0o644)
	b.ResetTimer()
	for i := range b.N {
		text := fmt.Sprintf("%s\n\nedit %d\n", original, i)
		if err := os.WriteFile(filepath.Join(dir, lesson), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		u := inc.Build(ctx, []string{lesson})
		if u.Err != nil {
			b.Fatal(u.Err)
		}
		if i == 0 {
			b.Logf("converted %d, rendered %d pages, %d files changed", u.Converted, u.Rendered, len(u.Changed))
		}
	}
}
