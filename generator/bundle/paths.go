package bundle

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/generator/output"
	"golang.org/x/text/unicode/norm"
)

// resolveRef is path.Join(path.Dir(from), rel): where a relative reference
// of the file from points. It is worked out without path.Join for the
// common shape, a few "../" and then plain segments, from a clean folder
// that does not climb itself: a course's pages hold hundreds of thousands
// of such links, and path.Join was a fifth of the self-check's time.
// FuzzResolveRef holds it to path.Join.
func resolveRef(from, rel string) string { return newReferrer(from).resolve(rel) }

// A referrer is a file whose references are resolved, with what resolve
// needs to know of its folder worked out once for all of them.
type referrer struct {
	path, dir string // dir is path.Dir(path)
	plainDir  bool   // dir is "." or plainRelative
}

func newReferrer(from string) referrer {
	dir := path.Dir(from)
	return referrer{path: from, dir: dir, plainDir: dir == "." || plainRelative(dir)}
}

// resolve is resolveRef(r.path, rel).
func (r referrer) resolve(rel string) string {
	dir, rest := r.dir, rel
	up := 0
	for strings.HasPrefix(rest, "../") {
		rest = rest[len("../"):]
		up++
	}
	if !r.plainDir || !plainRelative(rest) {
		return path.Join(r.dir, rel)
	}
	for ; up > 0 && dir != "."; up-- {
		if i := strings.LastIndexByte(dir, '/'); i >= 0 {
			dir = dir[:i]
		} else {
			dir = "."
		}
	}
	if up > 0 {
		return path.Join(r.dir, rel) // above the top: Join keeps the ".."
	}
	if dir == "." {
		return rest
	}
	return dir + "/" + rest
}

// plainRelative reports whether p is a relative path that path.Clean
// leaves as it is and that has no "." or ".." segment.
func plainRelative(p string) bool {
	if p == "" || p[0] == '/' || p[len(p)-1] == '/' {
		return false
	}
	for p != "" {
		seg := p
		if i := strings.IndexByte(p, '/'); i >= 0 {
			seg, p = p[:i], p[i+1:]
		} else {
			p = ""
		}
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// pathProblem says why name cannot be the path of a file in a bundle, or
// returns "" when it can. The same rule guards writing, verifying and
// extracting, so fieldguide never writes a zip it would refuse to open.
//
// Besides the zip-slip cases (absolute paths, "..", backslashes, drive
// letters) it refuses names that Windows cannot create or silently changes,
// because consulates unpack bundles on Windows: a reserved device name
// ("NUL", "com1.txt") or a trailing dot or space would make two entries land
// on one file, or write to a device.
func pathProblem(name string) string {
	switch {
	case name == "":
		return "empty name"
	case !utf8.ValidString(name):
		return "name is not valid UTF-8"
	case strings.HasPrefix(name, "/"):
		return "absolute path"
	case strings.Contains(name, `\`):
		return "backslash in path (zip paths use /)"
	}
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f:
			return "control character in name"
		case r == ':':
			return `":" in name (a drive letter or a Windows alternate data stream)`
		case strings.ContainsRune(`<>"|?*`, r):
			return fmt.Sprintf("%q is not allowed in Windows file names", r)
		}
	}
	for seg := range strings.SplitSeq(name, "/") {
		switch {
		case seg == "":
			return "empty path segment (a doubled or trailing /)"
		case seg == "." || seg == "..":
			return fmt.Sprintf("%q segment in path", seg)
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return fmt.Sprintf("segment %q ends with a dot or a space, which Windows drops", seg)
		case output.WindowsDeviceName(seg):
			return fmt.Sprintf("segment %q is a reserved device name on Windows", seg)
		}
	}
	return ""
}

// foldKey is the name under which case-insensitive file systems (Windows,
// macOS) store name, and macOS whatever its Unicode normalization ("é" as
// one character or as e and an accent); two entries with one key would
// overwrite each other.
func foldKey(name string) string { return strings.ToLower(norm.NFC.String(name)) }

// treeConflict returns a message when the names, taken as one tree, cannot
// all be created on a case-insensitive file system: a name used twice
// (ignoring case), or a file that is also the folder of another file.
// isDir tells which names are folders (directory entries of a zip).
func treeConflict(names []string, isDir func(i int) bool) string {
	type seen struct {
		name string
		dir  bool
	}
	byKey := make(map[string]seen, len(names))
	for i, name := range names {
		key, dir := foldKey(name), isDir(i)
		if prev, ok := byKey[key]; ok {
			if prev.dir && dir {
				continue // a folder listed twice is harmless
			}
			if prev.name == name {
				return fmt.Sprintf("%q appears twice", name)
			}
			return fmt.Sprintf("%q and %q differ only in case or in Unicode normalization", prev.name, name)
		}
		byKey[key] = seen{name, dir}
	}
	for i, name := range names {
		if isDir(i) {
			continue
		}
		for parent := range parents(name) {
			if prev, ok := byKey[foldKey(parent)]; ok && !prev.dir {
				return fmt.Sprintf("%q is a file but %q needs it to be a folder", prev.name, name)
			}
		}
	}
	return ""
}

// parents yields the folders above name: "a/b/c" yields "a" and "a/b".
func parents(name string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for i := 0; i < len(name); i++ {
			if name[i] == '/' && !yield(name[:i]) {
				return
			}
		}
	}
}
