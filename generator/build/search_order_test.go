package build

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fieldguide/fieldguide/generator/search"
	"github.com/fieldguide/fieldguide/generator/site"
)

// TestSearchOrderMatchesSortedAdds delivers a language's pages from
// several workers, in shuffled order and with some pages without docs,
// and holds the index to the one of the same pages added in key order:
// the searchOrder hands them on in that order. Navigation order is not
// key order here (m10 before m2), online and offline.
func TestSearchOrderMatchesSortedAdds(t *testing.T) {
	for _, offline := range []bool{false, true} {
		b := &builder{opts: Options{Offline: offline}}
		home := &site.Page{Kind: content.Home, Path: "en/"}
		l := &site.Lang{Pages: []*site.Page{home}}
		for _, m := range []int{1, 10, 2, 3} {
			sec := &site.Page{Kind: content.Section, Path: fmt.Sprintf("en/m%d/", m)}
			home.Children = append(home.Children, sec)
			l.Pages = append(l.Pages, sec)
			for i := range 12 {
				lesson := &site.Page{Kind: content.Page, Path: fmt.Sprintf("%sl%d/", sec.Path, 12-i)}
				sec.Children = append(sec.Children, lesson)
				l.Pages = append(l.Pages, lesson)
			}
		}
		docsOf := func(p *site.Page) []search.Doc {
			if p.Kind == content.Home {
				return nil
			}
			u := b.searchURL(p)
			return []search.Doc{
				{URL: u, Title: "Page " + p.Path, Section: "One", Anchor: "one", Text: "officer interview " + p.Path},
				{URL: u, Title: "Page " + p.Path, Section: "Two", Anchor: "two", Text: "passport shelter " + p.Path},
			}
		}

		want := search.NewIndexer("en", search.Options{Offline: offline})
		o := b.newSearchOrder(want, l)
		for _, key := range o.keys {
			p := &site.Page{Path: key}
			if offline {
				p.Path = key[:len(key)-len("index.html")]
			}
			if key != "en/" && key != "en/index.html" {
				want.Add(key, docsOf(p))
			}
		}
		wantFiles, err := want.Files()
		if err != nil {
			t.Fatal(err)
		}

		ix := search.NewIndexer("en", search.Options{Offline: offline})
		o = b.newSearchOrder(ix, l)
		pages := append([]*site.Page(nil), l.Pages...)
		rand.New(rand.NewPCG(3, 4)).Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := w; i < len(pages); i += 4 {
					o.deliver(pages[i], docsOf(pages[i]))
				}
			})
		}
		wg.Wait()
		o.flush()
		if o.next != len(o.keys) {
			t.Errorf("offline=%v: %d of %d slots indexed", offline, o.next, len(o.keys))
		}
		got, err := ix.Files()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(wantFiles) {
			t.Fatalf("offline=%v: got %d files, want %d", offline, len(got), len(wantFiles))
		}
		for i := range got {
			if got[i].Path != wantFiles[i].Path || !bytes.Equal(got[i].Data, wantFiles[i].Data) {
				t.Errorf("offline=%v: %s differs from the index of the pages added in key order", offline, got[i].Path)
			}
		}
	}
}
