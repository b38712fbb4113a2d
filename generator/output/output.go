// Package output is the only code that writes a built site to disk.
//
// A build writes into a working folder beside the destination and, only
// when the whole build succeeded, swaps it with the destination (in one
// atomic exchange on Linux, two renames elsewhere). A failed build leaves
// the previous site as it was. Files the build did not produce are removed
// from the working folder before the swap, so none survives into the new
// site. Nothing outside the destination and its working folder is touched,
// and a destination that is the source folder or contains it is refused,
// so a build can never delete a course.
//
// The previous site, swapped out, is kept as the next build's working
// folder (".public.spare" beside "public"): the next build writes over
// the files that changed and leaves the others as they are, instead of
// creating thousands of new ones and deleting as many old ones, which is
// most of a build's system time. Only a participant build
// is ever kept that way, so no trainer-only text lingers beside a
// participant site; the audience of the site in the destination is noted
// in a small file beside it (".public.audience").
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
	"syscall"
)

// Sink receives the files of a build. Put may be called concurrently.
type Sink interface {
	// Put stores data at name, a slash-separated path relative to the site
	// root ("fr/m1/intro/index.html").
	Put(name string, data []byte) error
}

// Transient is a Sink that is done with a file's bytes when Put returns
// (Dir has written them out): its caller may use them again, for the
// next file.
type Transient interface {
	Sink
	KeepsNoData()
}

// KeepsNoData marks Dir as Transient.
func (d *Dir) KeepsNoData() {}

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

// Dir writes a build into a working folder and swaps it into place.
type Dir struct {
	// Audience is the audience of the build ("participant" or "trainer"),
	// for Commit to note beside the destination. Set it before Commit; a
	// site of unknown audience is never kept as a spare.
	Audience string

	dest  string
	tmp   string
	spare string // where the previous site is kept for the next build
	mu    sync.Mutex
	dirs  map[string]bool
	// written are the files of this build; in a reused working folder,
	// every other file is removed before the swap.
	written map[string]bool
	reused  bool
	// swept is closed once a reused folder holds only folders and
	// regular files (see sweep); Put waits for it.
	swept    chan struct{}
	sweepErr error
	// found are the files and folders sweep found in a reused folder
	// (slash paths), for removeStale.
	foundFiles, foundDirs []string
}

// NewDir prepares a build of source into dest.
func NewDir(source, dest string) (*Dir, error) {
	absDest, err := CheckDest(source, dest)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(absDest), 0o755); err != nil {
		return nil, err
	}
	d := &Dir{dest: absDest, spare: sparePath(absDest), dirs: map[string]bool{}, written: map[string]bool{}}
	tmp, err := os.MkdirTemp(filepath.Dir(absDest), "."+filepath.Base(absDest)+".tmp-")
	if err != nil {
		return nil, err
	}
	// Claim the spare by renaming it over the fresh, empty folder: of two
	// builds started at once, one gets it, the other builds from scratch.
	// (os.Rename refuses to replace a folder, even an empty one; the
	// system call does it in one step.)
	d.tmp, d.swept = tmp, make(chan struct{})
	if info, err := os.Lstat(d.spare); err == nil && info.IsDir() && syscall.Rename(d.spare, tmp) == nil {
		d.reused = true
		// While the build reads the course, before its first Put.
		go d.sweep()
	} else {
		close(d.swept)
	}
	return d, nil
}

// CheckDest says whether a build of source may replace dest, and returns
// dest's absolute path: not the course folder or a folder of its sources,
// not a file, and not a folder of files no build wrote (see replaceable).
func CheckDest(source, dest string) (string, error) {
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return "", err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if realSrc, err := filepath.EvalSymlinks(absSrc); err == nil {
		absSrc = realSrc
	}
	absDest = realPath(absDest)
	if absDest == absSrc || within(absDest, absSrc) {
		return "", fmt.Errorf("destination %s is the course folder or contains it; choose a folder inside it, such as %s",
			dest, filepath.Join(source, "public"))
	}
	if keep := SourceFolder(absSrc, absDest); keep != "" {
		return "", fmt.Errorf("destination %s is inside the course's %s/ folder; choose another, such as %s", dest, keep, filepath.Join(source, "public"))
	}
	if info, err := os.Stat(absDest); err == nil && !info.IsDir() {
		return "", fmt.Errorf("destination %s is a file, not a folder", dest)
	}
	if err := replaceable(absDest, dest); err != nil {
		return "", err
	}
	return absDest, nil
}

// realPath is the absolute path p with the symbolic links of its deepest
// existing folder resolved: dest may not exist yet, nor some folders above
// it, and a link higher up (clink → the course) must still be seen through.
// dest itself, when it is a link, is left as it is: the build replaces it.
func realPath(p string) string {
	rest := filepath.Base(p)
	for dir := filepath.Dir(p); ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(dir) == dir {
			return p
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// SourceFolder is the folder of the course's sources (content, layouts or
// static) that path is, or is in, or "": absSrc is the course folder.
// Both paths are absolute.
func SourceFolder(absSrc, path string) string {
	for _, keep := range []string{"content", "layouts", "static"} {
		if p := filepath.Join(absSrc, keep); path == p || within(p, path) {
			return keep
		}
	}
	return ""
}

// replaceable refuses a destination that holds files no build wrote: a
// build replaces its destination whole, and -d pointed at the wrong folder
// must not delete somebody's documents. A folder is a previous build's
// when the note of its audience is beside it, or it has the theme's
// stylesheet or script (a site built before the note, or whose note was
// deleted).
func replaceable(dest, shown string) error {
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) == 0 {
		return nil // none yet, or empty; an unreadable one fails the swap
	}
	if _, err := os.Lstat(audiencePath(dest)); err == nil {
		return nil
	}
	if ours, _ := filepath.Glob(filepath.Join(dest, "assets", "fieldguide.*")); len(ours) > 0 {
		return nil
	}
	var names []string
	for _, e := range entries[:min(len(entries), 3)] {
		names = append(names, e.Name())
	}
	if len(entries) > 3 {
		names = append(names, "…")
	}
	return fmt.Errorf("destination %s already holds files that fieldguide did not write (%s), and a build replaces its destination completely; choose a new or empty folder, or delete this one first if it can go",
		shown, strings.Join(names, ", "))
}

// sweep removes from a reused folder everything that is neither a folder
// nor a regular file: a link in it (to a folder above all) would make a
// write land outside the destination. It notes the files and folders it
// leaves, so that removeStale need not walk the folder again.
func (d *Dir) sweep() {
	defer close(d.swept)
	d.sweepErr = filepath.WalkDir(d.tmp, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == d.tmp {
			return nil
		}
		rel, err := filepath.Rel(d.tmp, p)
		if err != nil {
			return err
		}
		switch {
		case e.IsDir():
			d.foundDirs = append(d.foundDirs, filepath.ToSlash(rel))
		case e.Type().IsRegular():
			d.foundFiles = append(d.foundFiles, filepath.ToSlash(rel))
		default:
			return os.Remove(p) // the link itself, never what it points at
		}
		return nil
	})
}

// within reports whether child is inside parent.
func within(parent, child string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func sparePath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".spare")
}

func audiencePath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".audience")
}

// Put writes one file into the working folder.
func (d *Dir) Put(name string, data []byte) error {
	if err := CheckPath(name); err != nil {
		return err
	}
	<-d.swept
	if d.sweepErr != nil {
		return fmt.Errorf("cannot clear the working folder %s: %w", d.tmp, d.sweepErr)
	}
	dir := path.Dir(name)
	d.mu.Lock()
	made := d.dirs[dir]
	d.written[name] = true
	d.mu.Unlock()
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	// A reused folder most likely has the file's folder already: the file
	// is written at once, and its folder made only if that fails.
	err := d.write(name, full, data, made || d.reused)
	if err != nil && d.reused {
		// The previous site may have a file where this one has a folder,
		// or the other way round, or a link, or not the folder: clear the
		// way and try again.
		d.clear(name)
		err = d.write(name, full, data, false)
	}
	if err == nil && !made {
		// Only once it exists: another Put into the same folder that
		// took it as made would write before it was.
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	return err
}

// write writes one file; dirMade says its folder exists.
func (d *Dir) write(name, full string, data []byte, dirMade bool) error {
	if !dirMade {
		if err := d.makeDir(name, full); err != nil {
			return err
		}
	}
	// In a reused folder, a file the previous site had with the same
	// bytes is left as it is: most of a rebuild's files are unchanged,
	// and comparing costs less than writing them again, which dirties the
	// page cache and has the disk take every megabyte of the site once
	// more (4,170 pages: 170 MB a rebuild). Unchanged files also keep
	// their times, so rsync and backups see what changed. Another file is
	// written over and then cut to length, not emptied first: on ext4, a
	// file truncated to zero and written again is flushed to disk when it
	// is closed (the auto_da_alloc safeguard for programs that replace
	// files that way), which made closing the files most of a rebuild's
	// system time. Never through a link the previous site may hold.
	return writeFile(full, data, d.reused)
}

// makeDir makes the folder of the file name (full in the working folder).
// In a fresh working folder, a folder whose parent this build has written
// into is made with one system call, where MkdirAll would first state it
// and its parent.
func (d *Dir) makeDir(name, full string) error {
	dir := path.Dir(name)
	if !d.reused {
		if dir == "." {
			return nil // the working folder itself
		}
		parent := path.Dir(dir)
		d.mu.Lock()
		made := parent == "." || d.dirs[parent]
		d.mu.Unlock()
		if made && os.Mkdir(filepath.Dir(full), 0o755) == nil {
			return nil
		}
	}
	return os.MkdirAll(filepath.Dir(full), 0o755)
}

// clear removes, inside the working folder, whatever is not a folder on
// the way to name and whatever is at name itself.
func (d *Dir) clear(name string) {
	p := d.tmp
	segs := strings.Split(name, "/")
	for _, seg := range segs[:len(segs)-1] {
		p = filepath.Join(p, seg)
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			_ = os.Remove(p)
		}
	}
	_ = os.RemoveAll(filepath.Join(d.tmp, filepath.FromSlash(name)))
}

// removeStale deletes from a reused working folder every file of the
// previous site (as sweep found them) that this build did not write, and
// the folders left empty. The folder is private to the build, so nothing
// but the build has added to it since the sweep; a Put that had to clear
// the way (clear) may have removed some already.
func (d *Dir) removeStale() error {
	for _, rel := range d.foundFiles {
		if d.written[rel] {
			continue
		}
		p := filepath.Join(d.tmp, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil {
			// Gone already, or a folder of this build now (a file the
			// previous site had where this one has a folder).
			if info, lerr := os.Lstat(p); lerr == nil && info.IsDir() || errors.Is(lerr, fs.ErrNotExist) || errors.Is(lerr, syscall.ENOTDIR) {
				continue
			}
			return err
		}
	}
	// Deepest first (WalkDir lists a folder before what it holds), so a
	// folder is emptied before its parent is tried. Rmdir removes only
	// an empty folder: a folder that still holds files stays, and a file
	// this build wrote where the previous site had a folder is left.
	// A folder this build wrote a file into is not tried: it is not empty.
	for i := len(d.foundDirs) - 1; i >= 0; i-- {
		if rel := d.foundDirs[i]; !d.dirs[rel] {
			_ = syscall.Rmdir(filepath.Join(d.tmp, filepath.FromSlash(rel)))
		}
	}
	return nil
}

// Commit replaces the destination with the new build.
func (d *Dir) Commit() error {
	<-d.swept
	if d.reused {
		if err := d.removeStale(); err != nil {
			return fmt.Errorf("cannot clear the working folder %s: %w", d.tmp, err)
		}
	}
	// The note goes before the swap and comes back after it, so that a
	// crash in between leaves no note rather than a wrong one.
	previousAudience, _ := os.ReadFile(audiencePath(d.dest))
	_ = os.Remove(audiencePath(d.dest))
	// The working folder was made private (0700) so that nobody reads a
	// half-built site; the site itself must be readable by a web server
	// running as another user.
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return fmt.Errorf("cannot open the new build to readers: %w", err)
	}
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		if err := exchangeDirs(d.tmp, d.dest); err == nil {
			old = d.tmp // the previous site is where the new one was
		} else {
			old = d.tmp + ".old"
			if err := moveDir(d.dest, old); err != nil {
				if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
					// A mount point (a container's volume, say) cannot be
					// moved: the new site is written into it instead.
					return d.writeInPlace()
				}
				return fmt.Errorf("cannot move the previous build aside: %w", err)
			}
			if err := os.Rename(d.tmp, d.dest); err != nil {
				_ = os.Rename(old, d.dest)
				return fmt.Errorf("cannot put the new build in place: %w", err)
			}
		}
	} else if err := os.Rename(d.tmp, d.dest); err != nil {
		return fmt.Errorf("cannot put the new build in place: %w", err)
	}
	d.tmp = ""
	if d.Audience != "" {
		_ = os.WriteFile(audiencePath(d.dest), []byte(d.Audience+"\n"), 0o644)
	}
	if old == "" {
		return nil
	}
	// Keep the previous site for the next build only if it was a
	// participant site and no other build has left a spare meanwhile.
	if strings.TrimSpace(string(previousAudience)) == "participant" {
		// Private: a spare beside a web root must not serve the pages a
		// build has just removed.
		if err := os.Chmod(old, 0o700); err == nil {
			if _, err := os.Lstat(d.spare); os.IsNotExist(err) && os.Rename(old, d.spare) == nil {
				return nil
			}
		}
	}
	return os.RemoveAll(old)
}

// exchangeDirs and moveDir are exchange and os.Rename; tests make them
// fail as they do on a mount point.
var (
	exchangeDirs = exchange
	moveDir      = os.Rename
)

// writeInPlace makes dest hold the new site when dest cannot be swapped
// (a mount point): files it no longer has are removed, the others copied
// over, then the working folder is removed. Unlike the swap it is not
// atomic; no spare is kept.
func (d *Dir) writeInPlace() error {
	tmp := d.tmp
	// New files first, so that readers meanwhile miss as little as
	// possible; never through a link left in the destination (as Dir.write).
	err := filepath.WalkDir(tmp, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == tmp {
			return err
		}
		rel, _ := filepath.Rel(tmp, p)
		target := filepath.Join(d.dest, rel)
		info, lerr := os.Lstat(target)
		if lerr == nil && (info.IsDir() != e.IsDir() || !info.IsDir() && !info.Mode().IsRegular()) {
			if err := os.RemoveAll(target); err != nil {
				return err
			}
			lerr = fs.ErrNotExist
		}
		if e.IsDir() {
			if lerr != nil {
				return os.Mkdir(target, 0o755)
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err == nil {
		err = filepath.WalkDir(d.dest, func(p string, e fs.DirEntry, err error) error {
			if err != nil || p == d.dest {
				return err
			}
			rel, _ := filepath.Rel(d.dest, p)
			if _, err := os.Lstat(filepath.Join(tmp, rel)); os.IsNotExist(err) {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
				if e.IsDir() {
					return fs.SkipDir
				}
			}
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("cannot write the new build into %s (a mount point, which cannot be swapped): %w", d.dest, err)
	}
	_ = os.RemoveAll(tmp)
	d.tmp = ""
	if d.Audience != "" {
		_ = os.WriteFile(audiencePath(d.dest), []byte(d.Audience+"\n"), 0o644)
	}
	return nil
}

// Abort drops the working folder, or keeps it as the next build's spare
// (whatever it holds, the next build overwrites or removes) if it was one
// and this was a participant build. The destination is untouched.
func (d *Dir) Abort() {
	if d.tmp == "" {
		return
	}
	<-d.swept
	if d.reused && d.Audience == "participant" {
		if _, err := os.Lstat(d.spare); os.IsNotExist(err) && os.Rename(d.tmp, d.spare) == nil {
			d.tmp = ""
			return
		}
	}
	_ = os.RemoveAll(d.tmp)
	d.tmp = ""
}

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

// WindowsDeviceName reports whether Windows treats seg as a device, which
// it does whatever the extension ("nul.html" is NUL).
func WindowsDeviceName(seg string) bool {
	stem, _, _ := strings.Cut(seg, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		return stem[3] >= '1' && stem[3] <= '9'
	}
	if strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT") {
		switch stem[3:] {
		case "¹", "²", "³":
			return true
		}
	}
	return false
}
