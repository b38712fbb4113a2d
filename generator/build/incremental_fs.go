package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// trackedRoots are the paths of a course that a build reads. An
// Incremental keeps them in memory; anything else is read from disk.
var trackedRoots = []string{"site.yaml", "content", "layouts", "static"}

func isTracked(name string) bool {
	for _, r := range trackedRoots {
		if name == r || strings.HasPrefix(name, r+"/") {
			return true
		}
	}
	return false
}

// snapEntry is one file or folder of the course as last seen.
type snapEntry struct {
	name    string
	mode    fs.FileMode // as Lstat gives it: symbolic links are not followed
	size    int64
	modTime time.Time
	// data and sum are a regular file's bytes and their digest.
	data []byte
	sum  digest
	// children are a folder's entry names, sorted.
	children []string
	// readErr is why a folder could not be listed (permissions), given
	// back to the build as the disk gave it.
	readErr error
}

func (e *snapEntry) isDir() bool     { return e.mode.IsDir() }
func (e *snapEntry) isSymlink() bool { return e.mode&fs.ModeSymlink != 0 }

// snapshot is an image of the course's tracked files in memory, refreshed
// path by path when the watcher reports changes. A build reads it through
// memFS, so a rebuild touches the disk only for the files that changed.
//
// It is changed only between builds (Incremental.mu), never during one.
type snapshot struct {
	disk    fs.FS
	entries map[string]*snapEntry
}

func newSnapshot(disk fs.FS) *snapshot {
	return &snapshot{disk: disk, entries: map[string]*snapEntry{}}
}

// update brings the given paths (and, for folders, everything under them)
// up to date with the disk and returns the files whose presence, kind or
// bytes changed. Reported files are read again even when their size and
// time are unchanged: an editor can rewrite a file within one tick of the
// clock without changing its size.
func (s *snapshot) update(paths []string, force bool) map[string]bool {
	changed := map[string]bool{}
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if !fs.ValidPath(p) || !isTracked(p) {
			continue
		}
		// A path in a folder not yet seen is reached from that folder.
		top := p
		for parent := path.Dir(top); parent != "." && s.entries[parent] == nil; parent = path.Dir(top) {
			top = parent
		}
		s.refresh(top, force, changed)
		// A removed file may have taken its folders with it.
		for dir := path.Dir(p); dir != "." && s.entries[dir] != nil; dir = path.Dir(dir) {
			if _, err := fs.Lstat(s.disk, dir); err == nil {
				break
			}
			s.refresh(dir, force, changed)
		}
	}
	return changed
}

func (s *snapshot) refresh(p string, force bool, changed map[string]bool) {
	info, err := fs.Lstat(s.disk, p)
	if err != nil {
		s.remove(p, changed)
		return
	}
	old := s.entries[p]
	if old != nil && old.isDir() != info.IsDir() {
		s.remove(p, changed)
		old = nil
	}
	if info.IsDir() {
		e := old
		if e == nil {
			e = &snapEntry{name: path.Base(p)}
			s.entries[p] = e
			s.link(p)
		}
		e.mode, e.modTime = info.Mode(), info.ModTime()
		list, err := fs.ReadDir(s.disk, p)
		e.readErr = err
		names := make([]string, 0, len(list))
		onDisk := make(map[string]bool, len(list))
		for _, d := range list {
			names = append(names, d.Name())
			onDisk[d.Name()] = true
		}
		// A copy: removing a child edits e.children.
		for _, name := range slices.Clone(e.children) {
			if !onDisk[name] {
				s.remove(p+"/"+name, changed)
			}
		}
		// Files under a reported folder are compared by size and time:
		// reading the whole of content/ again for one event would cost
		// more than the rebuild. New ones are read in any case.
		for _, name := range names {
			s.refresh(p+"/"+name, false, changed)
		}
		return
	}
	if !force && old != nil && old.mode == info.Mode() && old.size == info.Size() && old.modTime.Equal(info.ModTime()) {
		return
	}
	e := &snapEntry{name: path.Base(p), mode: info.Mode(), size: info.Size(), modTime: info.ModTime()}
	if !e.isSymlink() && info.Mode().IsRegular() {
		data, err := fs.ReadFile(s.disk, p)
		if err != nil {
			// Gone between Lstat and read: the next event says what it became.
			s.remove(p, changed)
			return
		}
		e.data, e.sum = data, sumBytes(data)
	}
	if old == nil || old.mode != e.mode || old.sum != e.sum || e.isSymlink() {
		changed[p] = true
	}
	s.entries[p] = e
	if old == nil {
		s.link(p)
	}
}

// link adds p to its folder's list.
func (s *snapshot) link(p string) {
	dir := path.Dir(p)
	parent := s.entries[dir]
	if parent == nil {
		return
	}
	name := path.Base(p)
	if i, found := slices.BinarySearch(parent.children, name); !found {
		parent.children = slices.Insert(parent.children, i, name)
	}
}

// remove forgets p and everything under it.
func (s *snapshot) remove(p string, changed map[string]bool) {
	e := s.entries[p]
	if e == nil {
		return
	}
	// A copy: removing a child edits e.children.
	for _, name := range slices.Clone(e.children) {
		s.remove(p+"/"+name, changed)
	}
	if !e.isDir() {
		changed[p] = true
	}
	delete(s.entries, p)
	if parent := s.entries[path.Dir(p)]; parent != nil {
		if i, found := slices.BinarySearch(parent.children, e.name); found {
			parent.children = slices.Delete(parent.children, i, i+1)
		}
	}
}

// seen is what the snapshot knows of one path, for diffing it with the
// disk without holding the snapshot.
type seen struct {
	mode     fs.FileMode
	size     int64
	modTime  time.Time
	children []string
}

// view copies what diff compares, so the disk is read without a lock.
func (s *snapshot) view() map[string]seen {
	v := make(map[string]seen, len(s.entries))
	for p, e := range s.entries {
		v[p] = seen{mode: e.mode, size: e.size, modTime: e.modTime, children: slices.Clone(e.children)}
	}
	return v
}

// diff lists the tracked paths whose size, time or kind on disk differ
// from view, or that appeared or disappeared: what a watcher missed. It
// reads folders and file information, not file contents.
func diff(disk fs.FS, view map[string]seen) []string {
	var out []string
	var walk func(p string)
	walk = func(p string) {
		info, err := fs.Lstat(disk, p)
		e, known := view[p]
		switch {
		case err != nil:
			if known {
				out = append(out, p)
			}
			return
		case !known || e.mode.IsDir() != info.IsDir():
			out = append(out, p)
			return
		case !info.IsDir():
			if e.mode != info.Mode() || e.size != info.Size() || !e.modTime.Equal(info.ModTime()) {
				out = append(out, p)
			}
			return
		}
		list, _ := fs.ReadDir(disk, p)
		names := map[string]bool{}
		for _, d := range list {
			names[d.Name()] = true
			walk(p + "/" + d.Name())
		}
		for _, name := range e.children {
			if !names[name] {
				out = append(out, p+"/"+name)
			}
		}
	}
	for _, r := range trackedRoots {
		walk(r)
	}
	return out
}

// memFS reads the course from a snapshot. Paths outside the tracked roots,
// and symbolic links, are read from disk.
type memFS struct{ s *snapshot }

var (
	_ fs.ReadDirFS  = memFS{}
	_ fs.ReadFileFS = memFS{}
	_ fs.StatFS     = memFS{}
	_ fs.ReadLinkFS = memFS{}
)

// lookup returns the entry of a tracked path, or an error like the one the
// disk would give.
func (m memFS) lookup(op, name string) (*snapEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	e := m.s.entries[name]
	if e == nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return e, nil
}

func (m memFS) Open(name string) (fs.File, error) {
	if !isTracked(name) {
		return m.s.disk.Open(name)
	}
	e, err := m.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if e.isSymlink() {
		return m.s.disk.Open(name)
	}
	if e.isDir() {
		return &memDir{fsys: m, name: name, entry: e}, nil
	}
	return &memFile{info: fileInfo{e}, Reader: bytes.NewReader(e.data)}, nil
}

func (m memFS) ReadFile(name string) ([]byte, error) {
	if !isTracked(name) {
		return fs.ReadFile(m.s.disk, name)
	}
	e, err := m.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if e.isSymlink() {
		return fs.ReadFile(m.s.disk, name)
	}
	if e.isDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return e.data, nil
}

func (m memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !isTracked(name) {
		return fs.ReadDir(m.s.disk, name)
	}
	e, err := m.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if e.isSymlink() {
		return fs.ReadDir(m.s.disk, name)
	}
	if !e.isDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	if e.readErr != nil {
		return nil, e.readErr
	}
	out := make([]fs.DirEntry, 0, len(e.children))
	for _, c := range e.children {
		if ce := m.s.entries[name+"/"+c]; ce != nil {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{ce}))
		}
	}
	return out, nil
}

func (m memFS) Stat(name string) (fs.FileInfo, error) {
	if !isTracked(name) {
		return fs.Stat(m.s.disk, name)
	}
	e, err := m.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	if e.isSymlink() {
		return fs.Stat(m.s.disk, name)
	}
	return fileInfo{e}, nil
}

func (m memFS) Lstat(name string) (fs.FileInfo, error) {
	if !isTracked(name) {
		return fs.Lstat(m.s.disk, name)
	}
	e, err := m.lookup("lstat", name)
	if err != nil {
		return nil, err
	}
	return fileInfo{e}, nil
}

func (m memFS) ReadLink(name string) (string, error) { return fs.ReadLink(m.s.disk, name) }

type fileInfo struct{ e *snapEntry }

func (fi fileInfo) Name() string       { return fi.e.name }
func (fi fileInfo) Size() int64        { return fi.e.size }
func (fi fileInfo) Mode() fs.FileMode  { return fi.e.mode }
func (fi fileInfo) ModTime() time.Time { return fi.e.modTime }
func (fi fileInfo) IsDir() bool        { return fi.e.isDir() }
func (fi fileInfo) Sys() any           { return nil }

type memFile struct {
	info fileInfo
	*bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	fsys  memFS
	name  string
	entry *snapEntry
	read  int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return fileInfo{d.entry}, nil }
func (d *memDir) Close() error               { return nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	all, err := d.fsys.ReadDir(d.name)
	if err != nil {
		return nil, err
	}
	rest := all[min(d.read, len(all)):]
	if n <= 0 {
		d.read = len(all)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return rest, nil
}
