package layout

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/fieldguide/fieldguide/generator/diag"
	"github.com/fieldguide/fieldguide/generator/i18n"
	"github.com/fieldguide/fieldguide/layouts"
)

// parseAll parses the theme, overlaid with site, in every language of
// the embedded catalog, folding constant strings or not.
func parseAll(t *testing.T, site fs.FS, fold bool) map[string]*Templates {
	t.Helper()
	defer func(was bool) { foldConstantStrings = was }(foldConstantStrings)
	foldConstantStrings = fold
	entries, err := fs.Glob(layouts.FS, "i18n/*.yaml")
	if err != nil || len(entries) < 2 {
		t.Fatalf("catalog files: %v %v", entries, err)
	}
	var langs []string
	for _, e := range entries {
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(e, "i18n/"), ".yaml"))
	}
	diags := &diag.List{}
	catalog := i18n.Load(layouts.FS, site, langs, diags)
	theme := LoadTheme(layouts.FS, site, diags)
	out := map[string]*Templates{}
	for _, lang := range langs {
		out[lang] = theme.Parse(catalog, lang, diags)
	}
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	return out
}

// render executes every kind with a lesson's data in every language.
func render(t *testing.T, sets map[string]*Templates) map[string]string {
	t.Helper()
	out := map[string]string{}
	for lang, ts := range sets {
		for _, kind := range Kinds {
			data := lessonData()
			data.Lang, data.Kind = lang, kind
			data.Redirect = "../lesson-008/"
			var buf bytes.Buffer
			err := ts.Execute(&buf, kind, data)
			out[lang+"/"+kind] = buf.String()
			if err != nil {
				out[lang+"/"+kind] += "\nerror: " + err.Error()
			}
		}
	}
	return out
}

// constantT counts the actions of a kind's templates that call T with
// constant arguments only.
func constantT(ts *Templates, kind string) int {
	n := 0
	for _, each := range ts.byKind[kind].Templates() {
		if each.Tree == nil {
			continue
		}
		walkActions(each.Tree.Root, func(a *parse.ActionNode) parse.Node {
			args := a.Pipe.Cmds[0].Args
			if id, ok := args[0].(*parse.IdentifierNode); ok && id.Ident == "T" {
				for _, arg := range args[1:] {
					if _, ok := arg.(*parse.StringNode); !ok {
						return nil
					}
				}
				n++
			}
			return nil
		})
	}
	return n
}

// TestFoldKeepsOutput: folding the constant strings changes no byte of
// any page, in any language of the catalog (their strings hold quotes,
// ampersands and right-to-left text), and leaves no constant T call in
// the theme's HTML and attribute contexts.
func TestFoldKeepsOutput(t *testing.T) {
	folded, plain := parseAll(t, nil, true), parseAll(t, nil, false)
	got, want := render(t, folded), render(t, plain)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s differs when folded:\n%s\nwant:\n%s", name, got[name], w)
		}
	}
	if n := constantT(plain["en"], "page"); n < 20 {
		t.Fatalf("the unfolded page template has %d constant T calls: the test tests nothing", n)
	}
	if n := constantT(folded["en"], "page"); n != 0 {
		t.Errorf("%d constant T calls left in the page template", n)
	}
}

// TestFoldLeavesOtherContexts: a course's own template that puts a
// constant string in a URL, a script or a style is escaped for that
// context by html/template at every execution, as without folding.
func TestFoldLeavesOtherContexts(t *testing.T) {
	site := fstest.MapFS{
		"partials/footer.html": {Data: []byte(`<a href="/search?q={{T "search"}}">{{T "search"}}</a>` +
			`<script>var s = {{T "searchNoResults"}};</script><p style="content: '{{T "menu"}}'" title="{{T "menu"}}"><title>{{T "printable"}}</title>`)},
		"i18n/en.yaml": {Data: []byte("search: \"a&b <c> 'd'\"\nsearchNoResults: \"</script><b>\"\nmenu: \"x'y\"\nprintable: \"P& </title><script>\"\n")},
	}
	folded, plain := parseAll(t, site, true), parseAll(t, site, false)
	got, want := render(t, folded), render(t, plain)
	if got["en/page"] != want["en/page"] {
		t.Errorf("page differs when folded:\n%s\nwant:\n%s", got["en/page"], want["en/page"])
	}
	for _, s := range []string{`/search?q=a%26b%20%3cc%3e%20%27d%27`, `>a&amp;b &lt;c&gt; &#39;d&#39;</a>`, `title="x&#39;y"`,
		`<title>P&amp; &lt;/title&gt;&lt;script&gt;</title>`} { // <title> is folded too
		if !strings.Contains(got["en/page"], s) {
			t.Errorf("page lacks %s", s)
		}
	}
	// The URL, script and style calls stay; those in HTML text, attribute
	// and <title> contexts are folded.
	if p, f := constantT(plain["en"], "page"), constantT(folded["en"], "page"); f != 3 {
		t.Errorf("%d constant T calls left of %d, want the 3 in a URL, a script and a style", f, p)
	}
}
