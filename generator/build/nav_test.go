package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fieldguide/fieldguide/generator/output"
)

// navOverride is a course's navigation partial that reads .Nav itself,
// every level of it and its marks, and .NavHTML as a value: pages whose
// navigation is shared must give it the whole, marked navigation.
const navOverride = `{{len .Nav}}{{range .Nav}}<a href="{{.URL}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>` +
	`{{range .Children}}<i{{if .Current}} class="c"{{end}} data-id="{{.ID}}">{{.Title}}{{range .Children}}{{.URL}}{{.Current}}{{end}}</i>{{end}}{{end}}` +
	`<div title="{{.NavHTML}}"></div>`

// TestSharedNavRandomCourses builds generated courses with random
// untranslated lessons and modules (shown in English), trainer-only
// lessons and aliases, online and offline, for participants and
// trainers, with the theme's navigation and with a course's own that
// reads .Nav, with each section's navigation shared by its lessons and
// made for each page, and wants the same bytes.
func TestSharedNavRandomCourses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds several courses")
	}
	gen, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if _, err := os.Stat(gen); err != nil {
		t.Skip("gencorpus.py not found")
	}
	dir := t.TempDir()
	if out, err := exec.Command("python3", gen, dir, "--modules", "4", "--lessons", "6", "--words", "40").CombinedOutput(); err != nil {
		t.Skipf("gencorpus: %v\n%s", err, out)
	}
	base := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		base[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(59, 3))
	for seed := range 3 {
		course := fstest.MapFS{}
		for _, p := range slices.Sorted(func(yield func(string) bool) {
			for p := range base {
				if !yield(p) {
					return
				}
			}
		}) {
			data := base[p].Data
			translated := strings.HasPrefix(p, "content/") && !strings.HasPrefix(p, "content/en/")
			switch {
			case translated && rng.IntN(6) == 0:
				continue // shown in English
			case strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") && bytes.HasPrefix(data, []byte("---\n")):
				var fm string
				if rng.IntN(8) == 0 {
					fm += "audience: trainer\n"
				}
				if rng.IntN(10) == 0 {
					fm += fmt.Sprintf("aliases: [/%s/old-%d/]\n", strings.Split(p, "/")[1], rng.IntN(1000))
				}
				data = append([]byte("---\n"+fm), data[4:]...)
			}
			course[p] = &fstest.MapFile{Data: data}
		}
		for _, override := range []bool{false, true} {
			if override {
				course["layouts/partials/nav.html"] = &fstest.MapFile{Data: []byte(navOverride)}
				course["layouts/alias.html"] = &fstest.MapFile{Data: []byte(`<a href="{{.Redirect}}">{{.NavHTML}}</a>` + navOverride)}
			}
			for _, opts := range []Options{{}, {Audience: "trainer"}, {Offline: true, Audience: "trainer"}} {
				opts.FS = course
				label := fmt.Sprintf("course %d, override %v, offline %v, audience %q", seed, override, opts.Offline, opts.Audience)
				site := compareSharedNav(t, label, opts)
				var fallbacks, aliases, marked int
				for _, n := range site.Names() {
					page, _ := site.Get(n)
					fallbacks += bytes.Count(page, []byte("notice-fallback"))
					if strings.Contains(n, "/old-") {
						aliases++
					}
					marked += bytes.Count(page, []byte(`aria-current="page"`))
				}
				if fallbacks == 0 || aliases == 0 || marked == 0 {
					t.Errorf("%s: %d pages in English, %d aliases, %d marked links", label, fallbacks, aliases, marked)
				}
			}
		}
	}
}

// TestSharedNavOverride is TestSharedNavIsEachPages on the bundled
// course with a navigation partial that reads .Nav.
func TestSharedNavOverride(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole course")
	}
	course := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, top := range []string{"site.yaml", "content", "layouts", "static"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(p, "content/ar/case-scenarios/") {
				return err
			}
			data, err := fs.ReadFile(root, p)
			course[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	course["layouts/partials/nav.html"] = &fstest.MapFile{Data: []byte(navOverride)}
	for _, opts := range []Options{{}, {Offline: true, Audience: "trainer"}} {
		opts.FS = course
		compareSharedNav(t, fmt.Sprintf("offline %v", opts.Offline), opts)
	}
}

// compareSharedNav builds opts with the navigation shared and not, and
// wants the same files.
func compareSharedNav(t *testing.T, label string, opts Options) *output.Memory {
	t.Helper()
	var sites [2]*output.Memory
	defer func() { shareNav = true }()
	for i, share := range []bool{true, false} {
		shareNav = share
		sites[i] = output.NewMemory()
		if _, err := Build(context.Background(), opts, sites[i]); err != nil {
			t.Fatalf("%s: %v", label, err)
		}
	}
	names := sites[0].Names()
	if !slices.Equal(names, sites[1].Names()) || len(names) < 20 {
		t.Fatalf("%s: %d files shared, %d each", label, len(names), len(sites[1].Names()))
	}
	for _, n := range names {
		a, _ := sites[0].Get(n)
		b, _ := sites[1].Get(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s differs", label, n)
		}
	}
	return sites[0]
}
