package serve

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/generator/content"
	"github.com/fsnotify/fsnotify"
)

// scanAll is sent instead of a path when events were lost (the kernel's
// queue overflowed): the whole course must be compared.
const scanAll = "*"

// watched are the course paths whose changes matter.
var watched = []string{"site.yaml", "content", "layouts", "static"}

func isWatched(rel string) bool {
	for _, w := range watched {
		if rel == w || strings.HasPrefix(rel, w+"/") {
			return true
		}
	}
	return false
}

// watcher reports the course paths that change, slash-separated and
// relative to the course folder. fsnotify watches one folder at a time,
// so every folder is added, and each one created later as it appears.
type watcher struct {
	fsw   *fsnotify.Watcher
	root  string
	paths chan string
	errs  chan error
	done  chan struct{}
	wg    sync.WaitGroup
}

func newWatcher(root string) (*watcher, error) {
	fsw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	w := &watcher{fsw: fsw, root: root, paths: make(chan string, 4096), errs: make(chan error, 16), done: make(chan struct{})}
	// The course folder itself, for site.yaml and for content/, layouts/
	// and static/ appearing or going.
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range []string{"content", "layouts", "static"} {
		w.addTree(filepath.Join(root, d))
	}
	w.wg.Add(1)
	go w.run()
	return w, nil
}

// addTree watches dir and every folder under it. Symbolic links to
// folders are not followed, as the build does not follow them.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			w.report(err)
		}
		return nil
	})
}

// forget drops the watches of p and everything under it. A renamed
// folder's watches would otherwise go on reporting the old names.
func (w *watcher) forget(p string) {
	for _, wp := range w.fsw.WatchList() {
		if wp == p || strings.HasPrefix(wp, p+string(filepath.Separator)) {
			_ = w.fsw.Remove(wp)
		}
	}
}

func (w *watcher) run() {
	defer w.wg.Done()
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			rel, err := filepath.Rel(w.root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if !isWatched(rel) {
				continue
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				w.forget(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					// Files made in it before the watch was set are found
					// when the snapshot reads the folder.
					w.addTree(ev.Name)
				}
			}
			if !w.send(rel) {
				return
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				if !w.send(scanAll) {
					return
				}
				continue
			}
			w.report(err)
		case <-w.done:
			return
		}
	}
}

func (w *watcher) send(p string) bool {
	select {
	case w.paths <- p:
		return true
	case <-w.done:
		return false
	}
}

func (w *watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

func (w *watcher) close() {
	close(w.done)
	w.fsw.Close()
	w.wg.Wait()
}

// isNoise recognises the files editors write around a save (swap files,
// backups, lock files, vim's 4913 probe, atomic-save temporaries): alone,
// they do not call for a prompt rebuild.
func isNoise(rel string) bool {
	name := path.Base(rel)
	return name == ".DS_Store" || content.IsEditorTemp(name)
}
