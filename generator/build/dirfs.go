package build

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/generator/content"
)

// DirFS is the course folder dir as a file system that never leaves it.
// os.DirFS follows symbolic links anywhere, and a chain of links that each
// look local (static/p.txt → ../sub/passwd, sub → /etc) would bring a
// file from elsewhere into the site; an os.Root resolves every link inside
// dir and refuses the rest. The folder stays open as long as the program.
func DirFS(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir) // which fails as it is read, saying why
	}
	return &courseFS{FS: root.FS(), root: root}
}

// courseFS is DirFS's file system. Build reads it through a folderCache;
// the preview and the other commands read it as it is, and need every
// method of root.FS(): without Lstat and ReadLink, fs.Lstat would follow
// a link and the walk would not see it (and not report one out of the
// course).
type courseFS struct {
	fs.FS // root.FS()
	root  *os.Root
}

var (
	_ fs.ReadLinkFS = (*courseFS)(nil)
	_ fs.ReadFileFS = (*courseFS)(nil)
	_ fs.ReadDirFS  = (*courseFS)(nil)
	_ fs.StatFS     = (*courseFS)(nil)
	_ fs.ReadLinkFS = (*folderCache)(nil)
	_ fs.ReadFileFS = (*folderCache)(nil)
	_ fs.ReadDirFS  = (*folderCache)(nil)
	_ fs.StatFS     = (*folderCache)(nil)

	_ content.InfoReadFS = (*folderCache)(nil)
)

func (c *courseFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(c.FS, name) }
func (c *courseFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }
func (c *courseFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(c.FS, name) }
func (c *courseFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(c.FS, name) }
func (c *courseFS) ReadLink(name string) (string, error)       { return fs.ReadLink(c.FS, name) }

// maxOpenFolders bounds the folders a folderCache keeps open, well below
// the usual limit of 1,024 open files: a course of leaf bundles has a
// folder per lesson.
const maxOpenFolders = 256

// folderCache is a courseFS as one build reads it. An os.Root opens each
// folder of a path in turn, so reading content/en/m/l.md opens content,
// en and m first, and a Markdown file is stated and read twice in a
// build: some 16 system calls for one file. The cache keeps each folder it
// has opened as an os.Root of its own, and opens or states a file in it.
//
// A folder's own root refuses what a link takes out of that folder, even
// to elsewhere in the course; whatever it refuses or cannot find is asked
// of the course's root again, so the answers, errors included, are the
// course root's. It is for one build only: a folder renamed afterwards
// would still be read where it was, which a long-lived preview must not
// do.
type folderCache struct {
	c       *courseFS
	mu      sync.Mutex
	folders map[string]*openFolder // nil: the folder's root could not be opened
}

// openFolder is a folder a folderCache keeps open: as an os.Root, and
// where readIn can read files in it, as a plain *os.File too.
type openFolder struct {
	root *os.Root
	file *os.File // or nil
}

func (f *openFolder) close() {
	f.root.Close()
	if f.file != nil {
		f.file.Close()
	}
}

// Cached is fsys read as one build reads it, through a folderCache, when
// it is a DirFS, with the function that lets its folders go; any other
// fsys as it is. For one pass over a course (the bundle's version hash),
// not for a long-lived reader.
func Cached(fsys fs.FS) (fs.FS, func()) {
	if c, ok := fsys.(*courseFS); ok {
		fc := c.cache()
		return fc, fc.Close
	}
	return fsys, func() {}
}

func (c *courseFS) cache() *folderCache {
	return &folderCache{c: c, folders: map[string]*openFolder{}}
}

// folder returns the open root of the course folder dir ("" for the
// course itself), or nil.
func (fc *folderCache) folder(dir string) *openFolder {
	if dir == "" || dir == "." {
		return &openFolder{root: fc.c.root}
	}
	fc.mu.Lock()
	f, ok := fc.folders[dir]
	fc.mu.Unlock()
	if ok {
		return f
	}
	var r *os.Root
	parent, base := path.Split(dir)
	if p := fc.folder(path.Clean(parent)); p != nil {
		r, _ = p.root.OpenRoot(base)
	}
	if r == nil {
		r, _ = fc.c.root.OpenRoot(dir) // through a link to elsewhere in the course
	}
	if r != nil {
		f = &openFolder{root: r, file: folderFile(r)}
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if old, ok := fc.folders[dir]; ok { // another worker was first
		if f != nil {
			f.close()
		}
		return old
	}
	if len(fc.folders) >= maxOpenFolders {
		// Let the others go: a build reads a module's folders together,
		// so those kept are those it is done with. A worker still using
		// one gets os.ErrClosed, and asks the course's root.
		for _, old := range fc.folders {
			if old != nil {
				old.close()
			}
		}
		clear(fc.folders)
	}
	fc.folders[dir] = f
	return f
}

// Close lets every folder go.
func (fc *folderCache) Close() {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, f := range fc.folders {
		if f != nil {
			f.close()
		}
	}
	clear(fc.folders)
}

// in returns the root of name's folder and name's last element, or nil
// when name is not a valid path or its folder cannot be opened.
func (fc *folderCache) in(name string) (*os.Root, string) {
	f, base := fc.inFolder(name)
	if f == nil {
		return nil, ""
	}
	return f.root, base
}

// inFolder is in, with the whole open folder.
func (fc *folderCache) inFolder(name string) (*openFolder, string) {
	if !fs.ValidPath(name) || name == "." {
		return nil, ""
	}
	dir, base := path.Split(name)
	return fc.folder(path.Clean(dir)), base
}

func (fc *folderCache) Open(name string) (fs.File, error) {
	if r, base := fc.in(name); r != nil {
		if f, err := r.Open(base); err == nil {
			return f, nil
		}
	}
	return fc.c.FS.Open(name)
}

func (fc *folderCache) ReadFile(name string) ([]byte, error) {
	if f, base := fc.inFolder(name); f != nil {
		// A regular file, not a link: read on bare descriptors. The
		// root then answers the rest, with its own errors.
		if f.file != nil {
			if data, ok := readIn(f.file, base); ok {
				return data, nil
			}
		}
		if data, err := f.root.ReadFile(base); err == nil {
			return data, nil
		}
	}
	return fs.ReadFile(fc.c.FS, name)
}

// ReadFileInfo is content.InfoReadFS's: a regular file is opened, stated
// and read on bare descriptors (readInfoIn), four system calls where
// Stat then ReadFile make six, and a walk that reads each Markdown file
// then states nothing. The rest, links among them, is left to Stat and
// ReadFile.
func (fc *folderCache) ReadFileInfo(name string, limit int64) (fs.FileInfo, []byte, bool) {
	if f, base := fc.inFolder(name); f != nil && f.file != nil {
		return readInfoIn(f.file, base, limit)
	}
	return nil, nil, false
}

func (fc *folderCache) Stat(name string) (fs.FileInfo, error) {
	if r, base := fc.in(name); r != nil {
		if info, err := r.Stat(base); err == nil {
			return info, nil
		}
	}
	return fs.Stat(fc.c.FS, name)
}

func (fc *folderCache) Lstat(name string) (fs.FileInfo, error) {
	if r, base := fc.in(name); r != nil {
		if info, err := r.Lstat(base); err == nil {
			return info, nil
		}
	}
	return fs.Lstat(fc.c.FS, name)
}

func (fc *folderCache) ReadLink(name string) (string, error) {
	if r, base := fc.in(name); r != nil {
		if target, err := r.Readlink(base); err == nil {
			return target, nil
		}
	}
	return fs.ReadLink(fc.c.FS, name)
}

func (fc *folderCache) ReadDir(name string) ([]fs.DirEntry, error) {
	if fs.ValidPath(name) {
		name = path.Clean(name)
		if f := fc.folder(name); f != nil {
			// The root's ReadDir states every entry (os.Root cannot state
			// one lazily): a walk of the course would state each of its
			// files, and use only their names and types.
			if f.file != nil {
				if list, ok := listIn(f.file); ok {
					return fc.entries(name, list), nil
				}
			}
			if entries, err := fs.ReadDir(f.root.FS(), "."); err == nil {
				return entries, nil
			}
		}
	}
	return fs.ReadDir(fc.c.FS, name)
}

// entries are the entries of dir as listed by listIn, in the order of
// their names as fs.ReadDir gives them.
func (fc *folderCache) entries(dir string, list []dirent) []fs.DirEntry {
	slices.SortFunc(list, func(a, b dirent) int { return strings.Compare(a.name, b.name) })
	all := make([]dirEntry, len(list))
	out := make([]fs.DirEntry, len(list))
	for i, d := range list {
		all[i] = dirEntry{fc: fc, dir: dir, dirent: d}
		out[i] = &all[i]
	}
	return out
}

// dirent is a folder's entry as its listing gives it: its name and type.
type dirent struct {
	name string
	typ  fs.FileMode
}

// dirEntry is an entry of a folder a folderCache lists (listIn): its info
// is stated when it is asked for, as the folder's root states it.
type dirEntry struct {
	fc  *folderCache
	dir string
	dirent
}

func (e *dirEntry) Name() string               { return e.name }
func (e *dirEntry) IsDir() bool                { return e.typ.IsDir() }
func (e *dirEntry) Type() fs.FileMode          { return e.typ }
func (e *dirEntry) Info() (fs.FileInfo, error) { return e.fc.Lstat(path.Join(e.dir, e.name)) }
func (e *dirEntry) String() string             { return fs.FormatDirEntry(e) }
