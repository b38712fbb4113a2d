// Package output is the only code that writes a built site to disk.
//
// A build writes into a fresh temporary folder beside the destination and,
// only when the whole build succeeded, swaps it in place of the old
// destination in two renames. A failed build leaves the previous site as it
// was; files no longer produced disappear with the old folder. Nothing
// outside the destination is touched, and a destination that is the source
// folder or contains it is refused, so a build can never delete a course.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. Put may be called concurrently.
type Sink interface {
	// Put stores data at name, a slash-separated path relative to the site
	// root ("fr/m1/intro/index.html").
	Put(name string, data []byte) error
}

// CheckPath refuses names that could escape the destination.
func CheckPath(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.Contains(name, "\x00") {
		return fmt.Errorf("invalid output path %q", name)
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return fmt.Errorf("invalid output path %q", name)
		}
	}
	return nil
}

// Dir writes a build into a temporary folder and swaps it into place.
type Dir struct {
	dest string
	tmp  string
	mu   sync.Mutex
	dirs map[string]bool
}

// NewDir prepares a build of source into dest.
func NewDir(source, dest string) (*Dir, error) {
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if realSrc, err := filepath.EvalSymlinks(absSrc); err == nil {
		absSrc = realSrc
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(absDest)); err == nil {
		absDest = filepath.Join(parent, filepath.Base(absDest))
	}
	if absDest == absSrc || within(absDest, absSrc) {
		return nil, fmt.Errorf("destination %s is the course folder or contains it; choose a folder inside it, such as %s",
			dest, filepath.Join(source, "public"))
	}
	for _, keep := range []string{"content", "layouts", "static"} {
		if p := filepath.Join(absSrc, keep); absDest == p || within(p, absDest) {
			return nil, fmt.Errorf("destination %s is inside the course's %s/ folder; choose another, such as %s", dest, keep, filepath.Join(source, "public"))
		}
	}
	if info, err := os.Stat(absDest); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("destination %s is a file, not a folder", dest)
	}
	if err := os.MkdirAll(filepath.Dir(absDest), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(absDest), "."+filepath.Base(absDest)+".tmp-")
	if err != nil {
		return nil, err
	}
	return &Dir{dest: absDest, tmp: tmp, dirs: map[string]bool{}}, nil
}

// within reports whether child is inside parent.
func within(parent, child string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Put writes one file into the temporary folder.
func (d *Dir) Put(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return err
	}
	dir := path.Dir(name)
	d.mu.Lock()
	made := d.dirs[dir]
	d.dirs[dir] = true
	d.mu.Unlock()
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	if !made {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(full, data, 0o644)
}

// Commit replaces the destination with the new build.
func (d *Dir) Commit() error {
	old := d.dest + ".old"
	_ = os.RemoveAll(old)
	hadOld := false
	if _, err := os.Stat(d.dest); err == nil {
		if err := os.Rename(d.dest, old); err != nil {
			return fmt.Errorf("cannot move the previous build aside: %w", err)
		}
		hadOld = true
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		if hadOld {
			_ = os.Rename(old, d.dest)
		}
		return fmt.Errorf("cannot put the new build in place: %w", err)
	}
	if hadOld {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort drops the temporary folder; the destination is untouched.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }

// Memory keeps a build in memory (live preview, tests, bundles).
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Put stores a file.
func (m *Memory) Put(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Get returns a file's bytes.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Delete removes a file.
func (m *Memory) Delete(name string) {
	m.mu.Lock()
	delete(m.files, name)
	m.mu.Unlock()
}

// Names lists the files, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	m.mu.RUnlock()
	sort.Strings(names)
	return names
}

// Len is the number of files.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

// WriteTo writes every file into a Dir sink.
func (m *Memory) WriteTo(s Sink) error {
	for _, n := range m.Names() {
		b, _ := m.Get(n)
		if err := s.Put(n, b); err != nil {
			return err
		}
	}
	return nil
}

// ReadDir loads a built folder (tests compare builds with it).
func ReadDir(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	return out, err
}
