package site

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/diag"
)

// A Filter decides which sources a build includes. Front matter says what
// a page is, and two rules carry it further, so that trainer notes never
// reach participants because one line of front matter was left out:
//
//   - audience: trainer and draft: true on a section's _index.md hold for
//     every page under that section, in that language;
//   - audience: trainer on any page of a translation group holds for all
//     its translations.
//
// The home page's front matter holds for itself alone: every language has
// a home page.
type Filter struct {
	opts Options
	// trainer and draft map a restricted source to why it is.
	trainer, draft map[*content.Source]restriction
	sections       map[string]*content.Source // "lang/dir" → section source
}

// A restriction is why a source is trainer-only or a draft.
type restriction struct {
	by  *content.Source // the restricted section or translation, or the source itself
	via string          // "", "section" or "translation"
}

// NewFilter works out the restrictions of sources for a build with opts.
func NewFilter(sources []*content.Source, opts Options) *Filter {
	f := &Filter{opts: opts, trainer: map[*content.Source]restriction{}, draft: map[*content.Source]restriction{},
		sections: map[string]*content.Source{}}
	var groups [][]*content.Source
	groupOf := map[string]int{}
	for _, src := range sources {
		if src.Kind == content.Section {
			f.sections[src.Lang+"/"+src.Dir()] = src
		}
		if src.FM.Audience == "trainer" {
			f.trainer[src] = restriction{by: src}
		}
		if src.FM.Draft {
			f.draft[src] = restriction{by: src}
		}
		// A page's translations are those with its translationKey, and
		// those at its path: a key on one of them does not unpair them
		// here, whatever the build then pairs.
		for _, key := range []string{GroupKey(src), pathKey(src)} {
			if key != "" {
				i := groupIndex(groupOf, &groups, key)
				groups[i] = append(groups[i], src)
			}
		}
	}
	// inherit restricts src if a section above it is, and reports
	// whether that is new.
	inherit := func(m map[*content.Source]restriction, src *content.Source) bool {
		if _, ok := m[src]; ok {
			return false
		}
		if sec := f.restrictedSection(m, src); sec != nil {
			m[src] = restriction{by: sec, via: "section"}
			return true
		}
		return false
	}
	// A translation may make a section trainer-only, whose pages then
	// are, whose translations then are: go on until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, src := range sources {
			changed = inherit(f.trainer, src) || changed
		}
		for _, members := range groups {
			var by *content.Source
			for _, src := range members {
				if _, ok := f.trainer[src]; ok {
					by = src
					break
				}
			}
			if by == nil {
				continue
			}
			for _, src := range members {
				if _, ok := f.trainer[src]; !ok {
					f.trainer[src] = restriction{by: by, via: "translation"}
					changed = true
				}
			}
		}
	}
	for _, src := range sources {
		inherit(f.draft, src)
	}
	return f
}

// groupIndex is the index in groups of the group named key, made empty
// when there is none yet.
func groupIndex(groupOf map[string]int, groups *[][]*content.Source, key string) int {
	i, ok := groupOf[key]
	if !ok {
		i = len(*groups)
		groupOf[key] = i
		*groups = append(*groups, nil)
	}
	return i
}

// pathKey names the page's path, translationKey or not ("" for a home
// page, which is no page's translation here).
func pathKey(src *content.Source) string {
	if key := pageKey(src.Rel); key != "" {
		return "path:" + key
	}
	return ""
}

// restrictedSection is the nearest section above src, in its language,
// that m restricts, or nil. The home page restricts nothing but itself.
func (f *Filter) restrictedSection(m map[*content.Source]restriction, src *content.Source) *content.Source {
	if src.Kind == content.Home {
		return nil
	}
	dir := src.Dir()
	if src.Kind == content.Section {
		dir = parentDir(dir)
	}
	for ; dir != ""; dir = parentDir(dir) {
		sec := f.sections[src.Lang+"/"+dir]
		if _, ok := m[sec]; ok && sec != nil {
			return sec
		}
	}
	return nil
}

// Include reports whether src belongs in the build.
func (f *Filter) Include(src *content.Source) bool {
	if _, ok := f.draft[src]; ok && !f.opts.Drafts {
		return false
	}
	return f.opts.Trainer() || !f.TrainerOnly(src)
}

// Draft reports whether src is a draft, by its own front matter or its
// section's.
func (f *Filter) Draft(src *content.Source) bool {
	_, ok := f.draft[src]
	return ok
}

// TrainerOnly reports whether src is for trainers only, by its own front
// matter, its section's or a translation's.
func (f *Filter) TrainerOnly(src *content.Source) bool {
	_, ok := f.trainer[src]
	return ok
}

// why says why the build leaves src out, as the end of a sentence that
// names it, or "" when it does not.
func (f *Filter) why(src *content.Source) string {
	if r, ok := f.draft[src]; ok && !f.opts.Drafts {
		if r.via == "section" {
			return "is in a draft section (" + r.by.File + " has draft: true), built only with --drafts"
		}
		return "is a draft (draft: true), built only with --drafts"
	}
	if r, ok := f.trainer[src]; ok && !f.opts.Trainer() {
		switch r.via {
		case "section":
			return "is in a section for trainers only (" + r.by.File + " has audience: trainer)"
		case "translation":
			return "translates a page for trainers only (" + r.by.File + ")"
		}
		return "is for trainers only (audience: trainer)"
	}
	return ""
}

// warn reports the pages that are trainer-only only because a translation
// is, so that the translator can say so too. A page under such a section
// is not reported: its section is.
func (f *Filter) warn(sources []*content.Source, diags *diag.List) {
	for _, src := range sources {
		r, ok := f.trainer[src]
		if !ok || r.via != "translation" || f.restrictedSection(f.trainer, src) != nil {
			continue
		}
		why := "audience: trainer"
		if own, ok := f.trainer[r.by]; ok && own.via == "section" {
			why = "its section " + own.by.File + " has audience: trainer"
		}
		diags.Add(diag.Diagnostic{File: src.File, Line: 1, Severity: diag.Warning, Code: "audience",
			Message: fmt.Sprintf("its translation %s is for trainers only (%s), so this page is left out of participant builds too", r.by.File, why),
			Hint:    "add `audience: trainer` to this page's front matter to say so"})
	}
}

// withhold leaves out the files that only left-out pages link to. A file
// belongs to the folder it is in: a role-play sheet put beside a
// trainer-only lesson in its module's folder is the module's file, and
// would be copied with the module's page for everybody. When no page the
// build includes links to it, in any language, it is trainer text (or a
// draft's) all the same, and is left out with the page that links to it.
//
// Links are read from the Markdown (inline, reference and raw HTML src and
// href) and resolved from the page's folder, as the build resolves them; a
// translation's link also counts for the default language's file of that
// path, which an untranslated module shows. A file no page links to is
// copied, as before: nothing says whom it is for.
func (s *Site) withhold(sources []*content.Source) {
	s.files = map[string]bool{}
	for _, src := range sources {
		if s.Filter.Include(src) {
			for _, r := range src.Resources {
				s.files[src.Lang+"/"+r] = true
			}
		}
	}
	if len(s.leftOut) == 0 || len(s.files) == 0 {
		return
	}
	by := map[string]*content.Source{} // withheld file → the left-out page linking to it
	for _, src := range sources {
		if s.Filter.Include(src) {
			continue
		}
		for _, key := range s.FilesLinked(src) {
			if _, done := by[key]; !done {
				by[key] = src
			}
		}
	}
	for _, src := range sources {
		if len(by) == 0 {
			return
		}
		if s.Filter.Include(src) {
			for _, key := range s.FilesLinked(src) {
				delete(by, key)
			}
		}
	}
	s.withheld = map[string]bool{}
	for key, src := range by {
		s.withheld[key] = true
		s.leftOutFiles[key] = src
	}
}

// markdownLinks finds the destinations of links and images in Markdown:
// inline ](dest), reference definitions [x]: dest, and the src and href of
// raw HTML. It reads more than goldmark would (a link inside code counts),
// which errs on the side of copying a file.
var markdownLinks = regexp.MustCompile(`\]\(\s*<([^>\n]+)>|\]\(\s*([^)\s<]+)` + // ](<a b.png>), ](a.png "title")
	`|(?m)^ {0,3}\[[^\]]+\]:\s*(?:<([^>\n]+)>|(\S+))` + // [x]: a.png
	`|(?i)\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^"'\s>]+))`) // <img src="a.png">

// FilesLinked are the files of the build's included pages (as "lang/rel",
// sorted) that src's Markdown links to (see withhold).
func (s *Site) FilesLinked(src *content.Source) []string {
	if len(s.files) == 0 {
		return nil
	}
	def := s.Config.DefaultLanguage
	var out []string
	for _, m := range markdownLinks.FindAllSubmatch(src.Body, -1) {
		t, ok := s.relativeLink(src, string(bytes.Join(m[1:], nil))) // the one group that matched
		if !ok {
			continue // a page of this one, a file of static/, another site
		}
		keys := []string{t.code + "/" + t.rel}
		if t.code == src.Lang && src.Lang != def {
			keys = append(keys, def+"/"+t.rel)
		}
		for _, k := range keys {
			if s.files[k] && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Files are the files of src's folder that the build copies beside its
// page: its Resources, less those withheld (see withhold).
func (s *Site) Files(src *content.Source) []string {
	if len(s.withheld) == 0 {
		return src.Resources
	}
	var out []string
	for _, r := range src.Resources {
		if !s.withheld[src.Lang+"/"+r] {
			out = append(out, r)
		}
	}
	return out
}
