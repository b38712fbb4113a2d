package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
)

// A failing seed is run alone, with as many edits as it took, by
//
//	go test ./generator/build/ -run TestIncrementalRandomEdits -random.seed=N -random.steps=K
var (
	randomSeed    = flag.Uint64("random.seed", 0, "TestIncrementalRandomEdits: run this seed only")
	randomSteps   = flag.Int("random.steps", 0, "TestIncrementalRandomEdits: edits per seed")
	randomSeeds   = flag.Int("random.seeds", 0, "TestIncrementalRandomEdits: run seeds 1 to N, to look further")
	randomVerbose = flag.Bool("random.v", false, "TestIncrementalRandomEdits: log every edit and whether the build failed")
	randomNoSkip  = flag.Bool("random.noskip", false, "TestIncrementalFoundSequences: run the sequences of bugs not fixed yet")
)

// TestIncrementalRandomEdits applies random sequences of the edits
// trainers and translators make to the course of
// testdata/incremental.txtar and checks after each one that the
// incremental build gives what a clean build gives. A fixed list of edits
// (TestIncrementalMatchesClean) only finds the bugs of its own order; the
// stale state an incremental build keeps shows up in combinations
// (a slug then a move, a translation then its source deleted), which a
// few hundred random steps try. The seeds are fixed so that a failure
// reproduces; it prints the seed and the edits that led to it.
func TestIncrementalRandomEdits(t *testing.T) {
	archive, err := os.ReadFile("testdata/incremental.txtar")
	if err != nil {
		t.Fatal(err)
	}
	seeds, steps := []uint64{1, 2, 3, 4, 5, 6, 7, 8}, 25
	if testing.Short() {
		seeds, steps = seeds[:2], 10
	}
	if *randomSeeds > 0 {
		seeds = nil
		for i := range *randomSeeds {
			seeds = append(seeds, uint64(i+1))
		}
	}
	if *randomSeed != 0 {
		seeds = []uint64{*randomSeed}
	}
	if *randomSteps > 0 {
		steps = *randomSteps
	}
	for _, seed := range seeds {
		// Both modes see the same edits: the choices depend only on the
		// seed and the files on disk.
		for _, mode := range []string{"watcher paths", "scan"} {
			t.Run(fmt.Sprintf("seed=%d/%s/%s", seed, mode, randomOptions(seed, "").name), func(t *testing.T) {
				runRandomEdits(t, archive, seed, steps, mode == "scan")
			})
		}
	}
}

// randomVariant is the options a seed builds with, and their name.
type randomVariant struct {
	name string
	opts Options
}

// randomOptions varies the options with the seed's bits, so that eight
// seeds try every combination: the trainer audience keeps pages and
// notes a participant build leaves out; --drafts keeps drafts; and
// fieldguide serve reads the course through DirFS with its own address
// as the base URL.
func randomOptions(seed uint64, dir string) randomVariant {
	v := randomVariant{name: "participant", opts: Options{FS: os.DirFS(dir), Audience: "participant"}}
	if seed%2 == 0 {
		v.name, v.opts.Audience = "trainer", "trainer"
	}
	if seed/2%2 == 1 {
		v.name += ",drafts"
		v.opts.Drafts = true
	}
	if seed/4%2 == 1 {
		v.name += ",serve"
		v.opts.BaseURL = "http://127.0.0.1:1313/"
		if dir != "" {
			v.opts.FS = DirFS(dir)
		}
	}
	return v
}

func runRandomEdits(t *testing.T, archive []byte, seed uint64, steps int, scan bool) {
	r := &randomCourse{course: writeCourse(t, archive), rnd: rand.New(rand.NewPCG(seed, seed)), site: randomSite{
		title: "Incremental Course", defaultLang: "en", langs: []string{"en", "fr", "ar"}, missing: "fallback",
	}}
	variant := randomOptions(seed, r.dir)
	opts := variant.opts
	inc, err := NewIncremental(opts)
	if err != nil {
		t.Fatal(err)
	}
	var done []string
	defer func() {
		if t.Failed() {
			t.Logf("seed %d (%s) failed after these edits:\n  %s\nrun it alone: go test ./generator/build/ -run TestIncrementalRandomEdits -random.seed=%d -random.steps=%d",
				seed, variant.name, strings.Join(done, "\n  "), seed, len(done))
		}
	}()
	ctx := context.Background()
	compareWithClean(t, "first build", inc.Build(ctx, nil), inc, opts)
	var pending []string // paths edited since the last Build
	for i := range steps {
		name, changed := r.step()
		pending = append(pending, changed...)
		// The preview does not always see one save at a time: two saves
		// may come in one batch of events, a build may be stopped by the
		// next save, or served before its search index is finished.
		pace := "built"
		if i < steps-1 {
			switch r.rnd.IntN(10) {
			case 0:
				pace = "batched with the next edit"
			case 1:
				pace = "built, stopped"
			case 2:
				pace = "built, not finished"
			}
		}
		// Some watchers (macOS FSEvents) report the folder of a change
		// rather than the file; the coin is drawn in both modes, so that
		// they see the same edits.
		build := pending
		if r.rnd.IntN(4) == 0 {
			build = folders(pending)
			pace += ", folders reported"
		}
		done = append(done, fmt.Sprintf("%2d %s %v (%s)", i+1, name, changed, pace))
		if scan {
			build = nil
		}
		switch strings.TrimSuffix(pace, ", folders reported") {
		case "batched with the next edit":
			continue
		case "built, stopped":
			stopped, cancel := context.WithCancel(ctx)
			cancel()
			if u := inc.Build(stopped, build); u.Err == nil {
				t.Fatalf("%s: a stopped build succeeded", name)
			}
			pending = nil
			continue
		case "built, not finished":
			inc.Build(ctx, build)
			pending = nil
			continue
		}
		pending = nil
		u := checkIncrementalStep(t, name, inc, build, opts)
		r.errors = nil
		for _, d := range u.Result.Diagnostics {
			if d.Severity == diag.Error {
				r.errors = append(r.errors, d)
			}
		}
		if *randomVerbose {
			t.Logf("%s: err=%v", done[len(done)-1], u.Err)
		}
		if t.Failed() {
			return
		}
	}
}

// folders are the folders of the paths, each once. A file at the top
// (site.yaml) is itself: the course folder is never reported, as the
// watcher of fieldguide serve watches only site.yaml, content/,
// layouts/ and static/.
func folders(paths []string) []string {
	var out []string
	for _, p := range paths {
		dir := path.Dir(p)
		if dir == "." {
			dir = p
		}
		if !slices.Contains(out, dir) {
			out = append(out, dir)
		}
	}
	return out
}

// checkIncrementalStep rebuilds after one edit and compares with a clean
// build, as TestIncrementalMatchesClean does.
func checkIncrementalStep(t *testing.T, name string, inc *Incremental, changed []string, opts Options) *Update {
	t.Helper()
	before := inc.Output()
	u := inc.Build(context.Background(), changed)
	if u.Err == nil {
		wantChanged, wantRemoved := diffFiles(before, u.Output)
		if !slices.Equal(u.Changed, wantChanged) || !slices.Equal(u.Removed, wantRemoved) {
			t.Errorf("%s: reported changed %v removed %v, want %v and %v", name, u.Changed, u.Removed, wantChanged, wantRemoved)
		}
	}
	compareWithClean(t, name, u, inc, opts)
	return u
}

// randomCourse is a course edited at random. The files on disk are the
// model: each edit looks at them to pick a target that exists, so that
// every edit is one a person could make to the course as it is. Only
// site.yaml, short and rewritten whole, is kept as a value.
type randomCourse struct {
	*course
	rnd *rand.Rand
	// fresh numbers new names, so that no edit makes a name clash by
	// accident (clashes are errors that no later edit would repair).
	fresh int
	site  randomSite
	// errors are the last build's errors, for the repairs.
	errors []diag.Diagnostic
}

type randomSite struct {
	title, defaultLang, missing string
	langs                       []string
	unsafeHTML                  bool
}

var languageNames = map[string]string{"en": "English", "fr": "Français", "ar": "العربية", "de": "Deutsch", "es": "Español"}

// randomEdit is one kind of edit. do returns what it did and the paths a
// watcher would report, or "" when the course offers it nothing to edit.
type randomEdit struct {
	name   string
	weight int
	do     func(r *randomCourse) (what string, changed []string)
}

// step applies one edit. Some edits break the build (a bad front matter,
// a link to nothing); while the course is broken, a repair is likely
// next, so that most steps compare whole sites rather than messages.
func (r *randomCourse) step() (string, []string) {
	if len(r.errors) > 0 && r.rnd.IntN(2) == 0 {
		for _, i := range r.rnd.Perm(len(randomRepairs)) {
			e := randomRepairs[i]
			if what, changed := e.do(r); what != "" {
				return e.name + ": " + what, changed
			}
		}
	}
	total := 0
	for _, e := range randomEdits {
		total += e.weight
	}
	for {
		n := r.rnd.IntN(total)
		for _, e := range randomEdits {
			if n -= e.weight; n < 0 {
				if what, changed := e.do(r); what != "" {
					return e.name + ": " + what, changed
				}
				break
			}
		}
	}
}

// name is a new name: numbers from 100 on, so that none is a name the
// course has already (m1, m2).
func (r *randomCourse) name(prefix string) string {
	r.fresh++
	return fmt.Sprintf("%s%d", prefix, 100+r.fresh)
}

func pickOne[T any](r *randomCourse, list []T) T { return list[r.rnd.IntN(len(list))] }

func (r *randomCourse) exists(rel string) bool {
	_, err := os.Lstat(r.path(rel))
	return err == nil
}

// files lists the files under dir (course paths, in order) that keep
// accepts.
func (r *randomCourse) files(dir string, keep func(rel string) bool) []string {
	var out []string
	filepath.WalkDir(r.path(dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(r.dir, p)
		rel = filepath.ToSlash(rel)
		if keep == nil || keep(rel) {
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// folders lists the folders directly in dir, as course paths.
func (r *randomCourse) folders(dir string) []string {
	list, _ := os.ReadDir(r.path(dir))
	var out []string
	for _, d := range list {
		if d.IsDir() {
			out = append(out, dir+"/"+d.Name())
		}
	}
	return out
}

func langOf(rel string) string { return strings.Split(rel, "/")[1] }

// pages are the Markdown files under content/<lang>/ (lang "" for all).
func (r *randomCourse) pages(lang string) []string {
	dir := "content"
	if lang != "" {
		dir += "/" + lang
	}
	return r.files(dir, func(rel string) bool { return strings.HasSuffix(rel, ".md") && strings.Count(rel, "/") >= 2 })
}

// lessons are the pages inside a module, each named by what moves with
// it: the file, or the folder of a lesson with files beside it.
func (r *randomCourse) lessons(lang string) []string {
	var out []string
	for _, p := range r.pages(lang) {
		if strings.Count(p, "/") < 3 || path.Base(p) == "_index.md" {
			continue
		}
		if path.Base(p) == "index.md" {
			p = path.Dir(p)
		}
		out = append(out, p)
	}
	return out
}

// languages are the language folders under content/ that site.yaml lists.
func (r *randomCourse) languages() []string {
	var out []string
	for _, code := range r.site.langs {
		if r.exists("content/" + code) {
			out = append(out, code)
		}
	}
	return out
}

func (r *randomCourse) modules(lang string) []string { return r.folders("content/" + lang) }

// pageFile is the Markdown file of a lesson as lessons names it.
func (r *randomCourse) pageFile(lesson string) string {
	if strings.HasSuffix(lesson, ".md") {
		return lesson
	}
	return lesson + "/index.md"
}

// splitFrontMatter cuts a page into its YAML front matter's lines and
// its body; ok is false for a page without front matter.
func splitFrontMatter(text string) (fm, body string, ok bool) {
	rest, found := strings.CutPrefix(text, "---\n")
	if !found {
		return "", text, false
	}
	if strings.HasPrefix(rest, "---\n") {
		return "", rest[4:], true
	}
	i := strings.Index(rest, "\n---\n")
	if i < 0 {
		return "", text, false
	}
	return rest[:i+1], rest[i+5:], true
}

// setField sets key in a page's front matter (adding front matter to a
// page without); an empty value removes the key.
func setField(text, key, value string) string {
	fm, body, ok := splitFrontMatter(text)
	if !ok && value == "" {
		return text
	}
	var lines []string
	for _, l := range strings.SplitAfter(fm, "\n") {
		if l != "" && !strings.HasPrefix(l, key+":") {
			lines = append(lines, l)
		}
	}
	if value != "" {
		lines = append(lines, key+": "+value+"\n")
	}
	return "---\n" + strings.Join(lines, "") + "---\n" + body
}

func field(text, key string) string {
	fm, _, _ := splitFrontMatter(text)
	for _, l := range strings.Split(fm, "\n") {
		if v, ok := strings.CutPrefix(l, key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// linkFrom is a relative link from one page to another file.
func linkFrom(from, to string) string {
	rel, err := filepath.Rel(path.Dir(from), to)
	if err != nil {
		panic(err)
	}
	return filepath.ToSlash(rel)
}

// paragraph is text a trainer adds to a page: plain, with a glossary
// term, a heading, a training block, a link to another page or to a
// static file.
func (r *randomCourse) paragraph(page string) string {
	n := r.name("")
	switch r.rnd.IntN(12) {
	case 8:
		return "```go\nfmt.Println(" + n + ")\n```"
	case 9:
		return "A claim to check.[^" + n + "]\n\n[^" + n + "]: The source " + n + "."
	case 10:
		return "## Signs {#signs}\n\nWhat to look for."
	case 11:
		return "::: quiz\nWho answers the questions?\n\n- [ ] A third party.\n- [x] The applicant.\n  > Yes.\n:::\n\n::: scenaro\nA block misspelt.\n:::"
	case 0:
		return "A victim may fear the police. Ask about the passport in a private interview."
	case 1:
		return "## Heading " + n + "\n\nSection text " + n + "."
	case 2:
		return "::: trainer\nTrainer note " + n + ".\n:::"
	case 3:
		return "::: note\nNote " + n + " on the referral.\n:::"
	case 4, 5:
		others := r.pages(langOf(page))
		target := pickOne(r, others)
		anchor := ""
		switch r.rnd.IntN(4) {
		case 0:
			anchor = "#signs"
		case 1:
			anchor = "#nowhere"
		}
		return "See [another page](" + linkFrom(page, target) + anchor + ")."
	case 6:
		if static := r.files("static", nil); len(static) > 0 {
			return "The [file](/" + strings.TrimPrefix(pickOne(r, static), "static/") + ")."
		}
	case 7:
		// A file beside this or another page: whether it is copied
		// depends on which pages link to it.
		files := r.files("content/"+langOf(page), func(rel string) bool { return !strings.HasSuffix(rel, ".md") })
		if len(files) > 0 {
			return "Use the [handout](" + linkFrom(page, pickOne(r, files)) + ") <b>now</b>."
		}
	}
	return "Paragraph " + n + " about a consent form."
}

func (r *randomCourse) appendText(page, text string) []string {
	return r.save(page, r.read(page)+"\n"+text+"\n")
}

// save writes a page as a trainer's editor does: in place, or (one time
// in four) through a temporary file renamed over it.
func (r *randomCourse) save(page, text string) []string {
	if r.rnd.IntN(4) == 0 {
		return r.saveLikeAnEditor(page, text)
	}
	return paths(r.write(page, text))
}

// withFrontMatter are the pages that have front matter to edit.
func (r *randomCourse) withFrontMatter(lang string) []string {
	var out []string
	for _, p := range r.pages(lang) {
		if _, _, ok := splitFrontMatter(r.read(p)); ok {
			out = append(out, p)
		}
	}
	return out
}

// toggleField sets a key on a random page, or removes it where set.
func toggleField(key string, value func(r *randomCourse) string) func(r *randomCourse) (string, []string) {
	return func(r *randomCourse) (string, []string) {
		pages := r.pages("")
		if len(pages) == 0 {
			return "", nil
		}
		p := pickOne(r, pages)
		text := r.read(p)
		if field(text, key) != "" {
			return p + " without " + key, paths(r.write(p, setField(text, key, "")))
		}
		v := value(r)
		return fmt.Sprintf("%s %s: %s", p, key, v), paths(r.write(p, setField(text, key, v)))
	}
}

// sourceHash is what `fieldguide i18n mark` records of a page.
func (r *randomCourse) sourceHash(rel string) string {
	src := &content.Source{}
	if !content.Parse(src, []byte(r.read(rel)), &diag.List{}) {
		return ""
	}
	return i18n.SourceHash(src)
}

func (r *randomCourse) writeSite() string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nbaseURL: https://example.org/guide/\ndefaultLanguage: %s\nlanguages:\n", r.site.title, r.site.defaultLang)
	for i, code := range r.site.langs {
		fmt.Fprintf(&b, "  %s: { name: %s, weight: %d }\n", code, languageNames[code], i+1)
	}
	fmt.Fprintf(&b, "missingTranslations: %s\n", r.site.missing)
	if r.site.unsafeHTML {
		b.WriteString("unsafeHTML: true\n")
	}
	return r.write("site.yaml", b.String())
}

func (r *randomCourse) png() string {
	var b bytes.Buffer
	if err := pngEncode(&b, 1+r.rnd.IntN(9), 1+r.rnd.IntN(9)); err != nil {
		r.t.Fatal(err)
	}
	return b.String()
}

var glossaryTerms = []string{"Passport", "Interview", "Scenario", "Consent", "Trafficker", "Referral"}

// glossaryTerm matches one term of a glossary with its definition.
var glossaryTerm = regexp.MustCompile(`(?m)^\n?([A-Z][a-z]+)\n: [^\n]*\n`)

// markdownLink matches a link or an image with its destination.
var markdownLink = regexp.MustCompile(`(!?)\[([^\]]*)\]\(([^)\s]+)\)`)

// randomEdits are what trainers and translators do to a course, with how
// often. Each picks its target among the files as they are.
var randomEdits = []randomEdit{
	{"body", 8, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		return p, r.appendText(p, r.paragraph(p))
	}},
	{"heading removed", 2, func(r *randomCourse) (string, []string) {
		// Links to it from other pages now miss it.
		var with []string
		for _, p := range r.pages("") {
			if strings.Contains(r.read(p), "\n## ") {
				with = append(with, p)
			}
		}
		if len(with) == 0 {
			return "", nil
		}
		p := pickOne(r, with)
		lines := strings.SplitAfter(r.read(p), "\n")
		var headings []int
		for i, l := range lines {
			if strings.HasPrefix(l, "## ") {
				headings = append(headings, i)
			}
		}
		i := pickOne(r, headings)
		what := p + " " + strings.TrimSpace(lines[i])
		lines[i] = ""
		return what, r.save(p, strings.Join(lines, ""))
	}},
	{"body rewritten with the same bytes", 1, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		return p, paths(r.write(p, r.read(p)))
	}},
	{"title", 3, func(r *randomCourse) (string, []string) {
		pages := r.withFrontMatter("")
		if len(pages) == 0 {
			return "", nil
		}
		p, title := pickOne(r, pages), r.name("Title ")
		return p + " " + title, paths(r.write(p, setField(r.read(p), "title", title)))
	}},
	{"title removed (from the first heading, else the file name)", 1, func(r *randomCourse) (string, []string) {
		var titled []string
		for _, p := range r.pages("") {
			if field(r.read(p), "title") != "" {
				titled = append(titled, p)
			}
		}
		if len(titled) == 0 {
			return "", nil
		}
		p := pickOne(r, titled)
		text := setField(r.read(p), "title", "")
		if r.rnd.IntN(2) == 0 {
			fm, body, _ := splitFrontMatter(text)
			text = "---\n" + fm + "---\n# " + r.name("Heading ") + "\n\n" + body
		}
		return p, paths(r.write(p, text))
	}},
	{"weight", 3, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		w := fmt.Sprint(r.rnd.IntN(5))
		if r.rnd.IntN(4) == 0 {
			w = ""
		}
		return p + " weight " + w, paths(r.write(p, setField(r.read(p), "weight", w)))
	}},
	{"description and duration", 1, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		text := setField(setField(r.read(p), "description", r.name("About ")), "duration", fmt.Sprint(5*r.rnd.IntN(6)))
		return p, paths(r.write(p, text))
	}},
	{"objectives, key points and prerequisites", 1, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		text := r.read(p)
		for _, key := range []string{"objectives", "keypoints", "prerequisites"} {
			v := ""
			if r.rnd.IntN(2) == 0 {
				v = "[" + r.name("Point ") + "]"
			}
			text = setField(text, key, v)
		}
		return p, paths(r.write(p, text))
	}},
	{"draft", 2, toggleField("draft", func(*randomCourse) string { return "true" })},
	{"slug", 2, toggleField("slug", func(r *randomCourse) string { return r.name("s") })},
	{"aliases", 2, toggleField("aliases", func(r *randomCourse) string { return "[" + r.name("old-") + "]" })},
	{"audience", 2, toggleField("audience", func(*randomCourse) string { return "trainer" })},
	{"translationKey", 2, func(r *randomCourse) (string, []string) {
		// A translation under another file name: both pages name the key.
		var keyed []string
		for _, p := range r.pages("") {
			if field(r.read(p), "translationKey") != "" {
				keyed = append(keyed, p)
			}
		}
		if len(keyed) > 0 && r.rnd.IntN(2) == 0 {
			p := pickOne(r, keyed)
			return p + " without translationKey", paths(r.write(p, setField(r.read(p), "translationKey", "")))
		}
		langs := r.languages()
		if len(langs) < 2 {
			return "", nil
		}
		a, b := pickOne(r, langs), pickOne(r, langs)
		pa, pb := r.lessons(a), r.lessons(b)
		if a == b || len(pa) == 0 || len(pb) == 0 {
			return "", nil
		}
		x, y, key := r.pageFile(pickOne(r, pa)), r.pageFile(pickOne(r, pb)), r.name("k")
		return fmt.Sprintf("%s and %s share %s", x, y, key),
			paths(r.write(x, setField(r.read(x), "translationKey", key)), r.write(y, setField(r.read(y), "translationKey", key)))
	}},
	{"lesson added", 3, func(r *randomCourse) (string, []string) {
		lang := pickOne(r, r.languages())
		modules := r.modules(lang)
		if len(modules) == 0 {
			return "", nil
		}
		dir := pickOne(r, modules)
		if r.rnd.IntN(4) == 0 {
			dir += "/" + r.name("sub")
		}
		p := dir + "/" + r.name("l") + ".md"
		var text string
		switch r.rnd.IntN(4) {
		case 0:
			text = "# " + r.name("Heading ") + "\n\nA lesson without front matter.\n"
		case 1:
			text = "A lesson titled from its file name.\n"
		default:
			text = fmt.Sprintf("---\ntitle: %s\nweight: %d\nduration: 10\n---\n%s\n", r.name("Lesson "), r.rnd.IntN(5), r.paragraph(p))
		}
		return p, paths(r.write(p, text))
	}},
	{"stand-alone page added", 1, func(r *randomCourse) (string, []string) {
		p := "content/" + pickOne(r, r.languages()) + "/" + r.name("page") + ".md"
		return p, paths(r.write(p, "---\ntitle: "+r.name("Page ")+"\n---\n"+r.paragraph(p)+"\n"))
	}},
	{"lesson removed", 2, func(r *randomCourse) (string, []string) {
		lessons := r.lessons("")
		if len(lessons) == 0 {
			return "", nil
		}
		p := pickOne(r, lessons)
		return p, paths(r.remove(p))
	}},
	{"lesson renamed", 2, func(r *randomCourse) (string, []string) {
		lessons := r.lessons("")
		if len(lessons) == 0 {
			return "", nil
		}
		p := pickOne(r, lessons)
		to := path.Dir(p) + "/" + r.name("r")
		if strings.HasSuffix(p, ".md") {
			to += ".md"
		}
		return p + " → " + to, r.rename(p, to)
	}},
	{"lesson moved to another module", 2, func(r *randomCourse) (string, []string) {
		lessons := r.lessons("")
		if len(lessons) == 0 {
			return "", nil
		}
		p := pickOne(r, lessons)
		modules := r.modules(langOf(p))
		to := pickOne(r, modules) + "/" + path.Base(p)
		if r.exists(to) || strings.HasPrefix(to, p+"/") {
			return "", nil
		}
		return p + " → " + to, r.rename(p, to)
	}},
	{"module added", 1, func(r *randomCourse) (string, []string) {
		lang := pickOne(r, r.languages())
		dir := "content/" + lang + "/" + r.name("m")
		if r.rnd.IntN(3) > 0 {
			r.write(dir+"/_index.md", fmt.Sprintf("---\ntitle: %s\nweight: %d\n---\nA new module.\n", r.name("Module "), r.rnd.IntN(5)))
		}
		r.write(dir+"/"+r.name("l")+".md", "---\ntitle: "+r.name("Lesson ")+"\n---\nThe new module's lesson about a victim.\n")
		return dir, paths(dir)
	}},
	{"module removed", 1, func(r *randomCourse) (string, []string) {
		modules := r.modules(pickOne(r, r.languages()))
		if len(modules) == 0 {
			return "", nil
		}
		m := pickOne(r, modules)
		return m, paths(r.remove(m))
	}},
	{"module renamed", 1, func(r *randomCourse) (string, []string) {
		modules := r.modules(pickOne(r, r.languages()))
		if len(modules) == 0 {
			return "", nil
		}
		m := pickOne(r, modules)
		to := path.Dir(m) + "/" + r.name("m")
		return m + " → " + to, r.rename(m, to)
	}},
	{"module file added", 1, func(r *randomCourse) (string, []string) {
		lang := pickOne(r, r.languages())
		modules := r.modules(lang)
		if len(modules) == 0 {
			return "", nil
		}
		// Files are copied beside a module's page: a module without
		// _index.md has none, and its files are not copied (a warning).
		m := pickOne(r, modules)
		f := m + "/" + r.name("roles") + ".txt"
		changed := paths(r.write(f, "Role cards.\n"))
		if lessons := r.files(m, func(rel string) bool { return path.Dir(rel) == m && strings.HasSuffix(rel, ".md") }); len(lessons) > 0 && r.exists(m+"/_index.md") {
			l := pickOne(r, lessons)
			changed = append(changed, r.appendText(l, "Hand out the [roles]("+linkFrom(l, f)+").")...)
		}
		return f, changed
	}},
	{"translation added", 3, func(r *randomCourse) (string, []string) {
		def := r.site.defaultLang
		var others []string
		for _, l := range r.languages() {
			if l != def {
				others = append(others, l)
			}
		}
		sources := r.pages(def)
		if len(others) == 0 || len(sources) == 0 {
			return "", nil
		}
		src, lang := pickOne(r, sources), pickOne(r, others)
		to := "content/" + lang + "/" + strings.TrimPrefix(src, "content/"+def+"/")
		if r.exists(to) {
			return "", nil
		}
		text := "---\ntitle: " + r.name("Traduction ") + "\n"
		if w := field(r.read(src), "weight"); w != "" {
			text += "weight: " + w + "\n"
		}
		switch r.rnd.IntN(3) {
		case 0:
			if h := r.sourceHash(src); h != "" {
				text += "translatedFrom: \"" + h + "\"\n"
			}
		case 1:
			text += "translatedFrom: \"0123456789ab\"\n"
		}
		text += "---\nTexte traduit, une victime.\n"
		return to, paths(r.write(to, text))
	}},
	{"translation marked current", 1, func(r *randomCourse) (string, []string) {
		// What `fieldguide i18n mark` does.
		def := r.site.defaultLang
		var marked []string
		for _, l := range r.languages() {
			if l == def {
				continue
			}
			for _, p := range r.pages(l) {
				src := "content/" + def + "/" + strings.TrimPrefix(p, "content/"+l+"/")
				if r.exists(src) && r.sourceHash(src) != "" {
					marked = append(marked, p)
				}
			}
		}
		if len(marked) == 0 {
			return "", nil
		}
		p := pickOne(r, marked)
		h := r.sourceHash("content/" + def + "/" + strings.TrimPrefix(p, "content/"+langOf(p)+"/"))
		return p, paths(r.write(p, setField(r.read(p), "translatedFrom", `"`+h+`"`)))
	}},
	{"translated source deleted", 1, func(r *randomCourse) (string, []string) {
		def := r.site.defaultLang
		var translated []string
		for _, p := range r.pages(def) {
			rel := strings.TrimPrefix(p, "content/"+def+"/")
			if rel == "_index.md" {
				continue
			}
			for _, l := range r.languages() {
				if l != def && r.exists("content/"+l+"/"+rel) {
					translated = append(translated, p)
					break
				}
			}
		}
		if len(translated) == 0 {
			return "", nil
		}
		p := pickOne(r, translated)
		return p, paths(r.remove(p))
	}},
	{"translation deleted", 1, func(r *randomCourse) (string, []string) {
		var pages []string
		for _, l := range r.languages() {
			if l != r.site.defaultLang {
				for _, p := range r.pages(l) {
					if p != "content/"+l+"/_index.md" {
						pages = append(pages, p)
					}
				}
			}
		}
		if len(pages) == 0 {
			return "", nil
		}
		p := pickOne(r, pages)
		return p, paths(r.remove(p))
	}},
	{"link broken", 2, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		return p, r.appendText(p, "See [the missing page](missing.md).")
	}},
	{"glossary term added", 2, func(r *randomCourse) (string, []string) {
		lang := pickOne(r, r.languages())
		g := "content/" + lang + "/glossary.md"
		text := "---\ntitle: Glossary\n---\n"
		if r.exists(g) {
			text = r.read(g)
		}
		term := pickOne(r, glossaryTerms)
		if strings.Contains(text, "\n"+term+"\n") {
			return "", nil
		}
		return g + " " + term, paths(r.write(g, text+"\n"+term+"\n: "+r.name("Definition ")+".\n"))
	}},
	{"glossary term removed", 2, func(r *randomCourse) (string, []string) {
		glossaries := r.files("content", func(rel string) bool { return path.Base(rel) == "glossary.md" })
		if len(glossaries) == 0 {
			return "", nil
		}
		g := pickOne(r, glossaries)
		if r.rnd.IntN(4) == 0 {
			return g + " (the whole glossary)", paths(r.remove(g))
		}
		text := r.read(g)
		terms := glossaryTerm.FindAllStringIndex(text, -1)
		if len(terms) == 0 {
			return "", nil
		}
		at := pickOne(r, terms)
		return g + " " + strings.Fields(text[at[0]:at[1]])[0], paths(r.write(g, text[:at[0]]+text[at[1]:]))
	}},
	{"image added beside a lesson", 2, func(r *randomCourse) (string, []string) {
		lessons := r.lessons("")
		if len(lessons) == 0 {
			return "", nil
		}
		l := pickOne(r, lessons)
		var changed []string
		if dir, ok := strings.CutSuffix(l, ".md"); ok {
			// A lesson gets files of its own by becoming a folder.
			if r.exists(dir) {
				return "", nil
			}
			changed = r.rename(l, dir+"/index.md")
			l = dir
		}
		img := l + "/" + r.name("map") + ".png"
		changed = append(changed, r.write(img, r.png()))
		changed = append(changed, r.appendText(l+"/index.md", "![A map]("+path.Base(img)+")")...)
		return img, changed
	}},
	{"image removed", 2, func(r *randomCourse) (string, []string) {
		images := r.files("content", func(rel string) bool { return strings.HasSuffix(rel, ".png") })
		if len(images) == 0 {
			return "", nil
		}
		img := pickOne(r, images)
		changed := paths(r.remove(img))
		page := path.Dir(img) + "/index.md"
		if r.exists(page) && r.rnd.IntN(4) > 0 {
			changed = append(changed, r.write(page, strings.ReplaceAll(r.read(page), "![A map]("+path.Base(img)+")", "")))
		}
		return img, changed
	}},
	{"image changed", 1, func(r *randomCourse) (string, []string) {
		images := r.files("content", func(rel string) bool { return strings.HasSuffix(rel, ".png") })
		if len(images) == 0 {
			return "", nil
		}
		img := pickOne(r, images)
		return img, paths(r.write(img, r.png()))
	}},
	{"static file added", 1, func(r *randomCourse) (string, []string) {
		f := "static/img/" + r.name("s") + ".svg"
		return f, paths(r.write(f, `<svg xmlns="http://www.w3.org/2000/svg"></svg>`+"\n"))
	}},
	{"static file changed", 1, func(r *randomCourse) (string, []string) {
		static := r.files("static", nil)
		if len(static) == 0 {
			return "", nil
		}
		f := pickOne(r, static)
		return f, paths(r.write(f, r.read(f)+"/* "+r.name("")+" */\n"))
	}},
	{"static file removed", 1, func(r *randomCourse) (string, []string) {
		static := r.files("static", nil)
		if len(static) == 0 {
			return "", nil
		}
		f := pickOne(r, static)
		return f, paths(r.remove(f))
	}},
	{"site title", 1, func(r *randomCourse) (string, []string) {
		r.site.title = r.name("Incremental Course, edition ")
		return r.site.title, paths(r.writeSite())
	}},
	{"site language added", 1, func(r *randomCourse) (string, []string) {
		var unlisted []string
		for _, code := range []string{"fr", "ar", "de", "es"} {
			if !slices.Contains(r.site.langs, code) {
				unlisted = append(unlisted, code)
			}
		}
		if len(unlisted) == 0 {
			return "", nil
		}
		code := pickOne(r, unlisted)
		r.site.langs = append(r.site.langs, code)
		changed := paths(r.writeSite())
		if !r.exists("content/"+code) && r.rnd.IntN(3) > 0 {
			r.write("content/"+code+"/_index.md", "---\ntitle: Start\n---\nWillkommen.\n")
			if r.rnd.IntN(2) == 0 {
				r.write("content/"+code+"/m1/intro.md", "---\ntitle: Einführung\nweight: 1\n---\nEin Opfer.\n")
			}
			changed = append(changed, "content/"+code)
		}
		return code, changed
	}},
	{"site language removed", 1, func(r *randomCourse) (string, []string) {
		var others []string
		for _, code := range r.site.langs {
			if code != r.site.defaultLang {
				others = append(others, code)
			}
		}
		if len(others) == 0 {
			return "", nil
		}
		code := pickOne(r, others)
		r.site.langs = slices.DeleteFunc(r.site.langs, func(c string) bool { return c == code })
		changed := paths(r.writeSite())
		// A translator's folder is often left behind (a warning).
		if r.rnd.IntN(2) == 0 {
			changed = append(changed, r.remove("content/"+code))
			code += " and its folder"
		}
		return code, changed
	}},
	{"site default language", 1, func(r *randomCourse) (string, []string) {
		var others []string
		for _, code := range r.languages() {
			if code != r.site.defaultLang {
				others = append(others, code)
			}
		}
		if len(others) == 0 {
			return "", nil
		}
		r.site.defaultLang = pickOne(r, others)
		return r.site.defaultLang, paths(r.writeSite())
	}},
	{"site.yaml removed (the languages are the folders)", 1, func(r *randomCourse) (string, []string) {
		if !r.exists("site.yaml") {
			return "", nil
		}
		return "removed", paths(r.remove("site.yaml"))
	}},
	{"site missing translations", 1, func(r *randomCourse) (string, []string) {
		if r.site.missing == "fallback" {
			r.site.missing = "omit"
		} else {
			r.site.missing = "fallback"
		}
		return r.site.missing, paths(r.writeSite())
	}},
	{"site unsafe HTML", 1, func(r *randomCourse) (string, []string) {
		r.site.unsafeHTML = !r.site.unsafeHTML
		return fmt.Sprint(r.site.unsafeHTML), paths(r.writeSite())
	}},
	{"layout override", 3, func(r *randomCourse) (string, []string) {
		n := r.name("")
		switch r.rnd.IntN(5) {
		case 0:
			return "footer", paths(r.write("layouts/partials/footer.html", `<p class="custom-footer">{{.SiteTitle}} · `+n+"</p>\n"))
		case 1:
			lang := pickOne(r, r.site.langs)
			return "UI strings " + lang, paths(r.write("layouts/i18n/"+lang+".yaml", "onThisPage: On this page "+n+"\n"))
		case 2:
			return "stylesheet", paths(r.write("layouts/assets/css/90-course.css", ".course"+n+" { color: teal; }\n"))
		case 3:
			// One time in three with a syntax error, which fails the build.
			js := "document.documentElement.dataset.course = '" + n + "';\n"
			if r.rnd.IntN(3) == 0 {
				js = "function ( {\n"
			}
			return "script", paths(r.write("layouts/assets/js/90-course.js", js))
		}
		if !r.exists("layouts") {
			return "", nil
		}
		return "all removed", paths(r.remove("layouts"))
	}},
	{"page template override", 1, func(r *randomCourse) (string, []string) {
		const page = "layouts/page.html"
		if r.exists(page) {
			return "removed", paths(r.remove(page))
		}
		theme, err := os.ReadFile("../../layouts/page.html")
		if err != nil {
			r.t.Fatal(err)
		}
		return "added", paths(r.write(page, "<!-- "+r.name("course ")+" -->\n"+string(theme)))
	}},
	{"template broken", 1, func(r *randomCourse) (string, []string) {
		return "footer", paths(r.write("layouts/partials/footer.html", "<p>{{.SiteTitle</p>\n"))
	}},
	{"front matter broken", 1, func(r *randomCourse) (string, []string) {
		pages := r.withFrontMatter("")
		if len(pages) == 0 {
			return "", nil
		}
		p := pickOne(r, pages)
		return p, paths(r.write(p, setField(r.read(p), "broken", "[unclosed")))
	}},
	{"invalid UTF-8", 1, func(r *randomCourse) (string, []string) {
		p := pickOne(r, r.pages(""))
		return p, paths(r.write(p, r.read(p)+"\xff\xfe\n"))
	}},
}

// randomRepairs undo the breaking edits, as the trainer does on seeing
// the message.
var randomRepairs = []randomEdit{
	{"front matter fixed", 1, func(r *randomCourse) (string, []string) {
		for _, p := range r.pages("") {
			if text := r.read(p); field(text, "broken") != "" {
				return p, paths(r.write(p, setField(text, "broken", "")))
			}
		}
		return "", nil
	}},
	{"invalid UTF-8 fixed", 1, func(r *randomCourse) (string, []string) {
		for _, p := range r.pages("") {
			if text := r.read(p); strings.Contains(text, "\xff\xfe\n") {
				return p, paths(r.write(p, strings.ReplaceAll(text, "\xff\xfe\n", "")))
			}
		}
		return "", nil
	}},
	{"script fixed", 1, func(r *randomCourse) (string, []string) {
		const script = "layouts/assets/js/90-course.js"
		if !r.exists(script) || !strings.Contains(r.read(script), "function ( {") {
			return "", nil
		}
		return script, paths(r.remove(script))
	}},
	{"template fixed", 1, func(r *randomCourse) (string, []string) {
		const footer = "layouts/partials/footer.html"
		if !r.exists(footer) || !strings.Contains(r.read(footer), "{{.SiteTitle</p>") {
			return "", nil
		}
		return footer, paths(r.remove(footer))
	}},
	{"broken link fixed", 1, func(r *randomCourse) (string, []string) {
		for _, p := range r.pages("") {
			if text := r.read(p); strings.Contains(text, "](missing.md)") {
				target := pickOne(r, r.pages(langOf(p)))
				return p + " → " + target, paths(r.write(p, strings.Replace(text, "](missing.md)", "]("+linkFrom(p, target)+")", 1)))
			}
		}
		return "", nil
	}},
	{"broken links made text", 1, func(r *randomCourse) (string, []string) {
		// The links the last build reported as broken, whatever broke
		// them (a page moved, a file that is not copied).
		lines := map[string][]int{}
		for _, d := range r.errors {
			if d.Code == "broken-link" && d.Line > 0 {
				lines[d.File] = append(lines[d.File], d.Line)
			}
		}
		var changed []string
		for _, file := range slices.Sorted(maps.Keys(lines)) {
			if !r.exists(file) {
				continue
			}
			text := strings.SplitAfter(r.read(file), "\n")
			for _, n := range lines[file] {
				if n <= len(text) {
					text[n-1] = markdownLink.ReplaceAllString(text[n-1], "$2")
				}
			}
			changed = append(changed, r.write(file, strings.Join(text, "")))
		}
		if len(changed) == 0 {
			return "", nil
		}
		return strings.Join(changed, ", "), changed
	}},
}

// foundSequences are sequences TestIncrementalRandomEdits found, reduced
// to the edits that matter. Each runs on testdata/incremental.txtar in
// both modes and for both audiences.
var foundSequences = []struct {
	name string
	// skip names the bug while it is not fixed.
	skip  string
	edits []courseEdit
}{
	// Not incremental bugs: a message about a page shown in several
	// languages is reported once per copy, each with a hint found among
	// that language's pages or headings, and diag.List.Items kept the
	// first of messages equal but for the hint, whichever copy was
	// rendered first, so even a clean build's hint changed from run to run
	// (the steps build the same course again to show it). Items now keeps
	// the same one every time.
	{name: "a link to a heading no language has, from a page shown untranslated",
		edits: append([]courseEdit{
			{"link to a heading that is not there", func(c *course) []string {
				return paths(c.replace("content/en/m1/next.md", "Try the scenario.", "Try the scenario. Recall the [elements](intro.md#element)."))
			}},
		}, builtAgain("content/en/m1/next.md", 5)...)},
	{name: "a broken link on a home page shown in a language without pages",
		edits: append([]courseEdit{
			{"a language without pages, missing translations omitted", func(c *course) []string {
				return paths(c.replace("site.yaml", "  ar: { name: العربية, weight: 3 }\nmissingTranslations: fallback",
					"  ar: { name: العربية, weight: 3 }\n  de: { name: Deutsch, weight: 4 }\nmissingTranslations: omit"))
			}},
			{"broken link on the home page", func(c *course) []string {
				return paths(c.replace("content/en/_index.md", "Welcome to the course", "Welcome to [the course](m1/nxt.md)"))
			}},
		}, builtAgain("content/en/_index.md", 5)...)},
	{name: "a broken link, then a page named like it added and removed",
		edits: []courseEdit{
			{"broken link", func(c *course) []string {
				return paths(c.replace("content/en/m1/next.md", "Try the scenario.", "Try the [scenario](scenarios.md)."))
			}},
			{"a page named like the link (the message suggests it)", func(c *course) []string {
				return paths(c.write("content/en/m1/scenario.md", "---\ntitle: Scenario\n---\nA case.\n"))
			}},
			{"the page removed", func(c *course) []string { return paths(c.remove("content/en/m1/scenario.md")) }},
		}},
	{name: "slug of a page another module links to",
		edits: []courseEdit{
			{"slug", func(c *course) []string {
				return paths(c.replace("content/en/m2/indicators.md", "duration: 20", "duration: 20\nslug: signs"))
			}},
		}},
}

// builtAgain rewrites a file n times with the same bytes: the course built
// again unchanged, for a mismatch that shows in some builds only.
func builtAgain(rel string, n int) []courseEdit {
	edits := make([]courseEdit, n)
	for i := range edits {
		edits[i] = courseEdit{"built again", func(c *course) []string { return paths(c.write(rel, c.read(rel))) }}
	}
	return edits
}

// TestIncrementalFoundSequences runs foundSequences; with -random.noskip,
// those of bugs not fixed yet too.
func TestIncrementalFoundSequences(t *testing.T) {
	archive, err := os.ReadFile("testdata/incremental.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, seq := range foundSequences {
		for _, mode := range []string{"watcher paths", "scan"} {
			for _, audience := range []string{"participant", "trainer"} {
				t.Run(seq.name+"/"+mode+"/"+audience, func(t *testing.T) {
					if seq.skip != "" && !*randomNoSkip {
						t.Skip(seq.skip)
					}
					c := writeCourse(t, archive)
					opts := Options{FS: os.DirFS(c.dir), Audience: audience}
					inc, err := NewIncremental(opts)
					if err != nil {
						t.Fatal(err)
					}
					compareWithClean(t, "first build", inc.Build(context.Background(), nil), inc, opts)
					for _, e := range seq.edits {
						changed := e.do(c)
						if mode == "scan" {
							changed = nil
						}
						checkIncrementalStep(t, e.name, inc, changed, opts)
					}
				})
			}
		}
	}
}
