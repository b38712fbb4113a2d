package bundle

import (
	"archive/zip"
	"bufio"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// ErrUnsafe is wrapped by every error that refuses a zip because opening it
// could write outside the target folder, create links or devices, or
// exhaust memory or disk.
var ErrUnsafe = errors.New("unsafe zip")

// ErrNotBundle is wrapped by the errors of Verify when the zip is readable
// but is not a fieldguide bundle (no manifest, or one it cannot read).
var ErrNotBundle = errors.New("not a fieldguide bundle")

// limits bounds what reading a zip may cost. Tests shrink them.
type limits struct {
	// entries: fieldguide never writes zip64, which more than 65535 entries
	// would need.
	entries int
	// entrySize and totalSize bound uncompressed bytes, declared or read.
	entrySize, totalSize int64
	// directory bounds the bytes archive/zip may read to list the entries,
	// which it does before we can count them: each listed entry costs a few
	// hundred bytes of memory.
	directory int64
	// manifest bounds MANIFEST.json, the one entry held in memory.
	manifest int64
}

var defaultLimits = limits{
	entries:   65535,
	entrySize: 256 << 20,
	totalSize: 2 << 30,
	directory: 16 << 20,
	manifest:  32 << 20,
}

// archive is a zip whose entry list has passed every check of openArchive.
type archive struct {
	// entries in the zip's order, directories included.
	entries []*zip.File
	// files maps the path of each file (not directory) to its entry.
	files map[string]*zip.File
}

// errDirectoryBudget stops archive/zip when listing the entries would read
// more than limits.directory.
var errDirectoryBudget = errors.New("zip directory too large")

// budgetReaderAt fails reads once the budget is spent, while limited.
type budgetReaderAt struct {
	r         io.ReaderAt
	remaining int64
	limited   bool
}

func (b *budgetReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if b.limited {
		if int64(len(p)) > b.remaining {
			return 0, errDirectoryBudget
		}
		b.remaining -= int64(len(p))
	}
	return b.r.ReadAt(p, off)
}

// openArchive reads the entry list of the zip in r and refuses it, wrapping
// ErrUnsafe, when any entry could not be extracted safely, before any data
// is read: a path that escapes the folder, a link or special file, a
// duplicate name, an encrypted entry, too many entries or too large a
// declared size.
func openArchive(r io.ReaderAt, size int64, lim limits) (*archive, error) {
	budget := &budgetReaderAt{r: r, remaining: lim.directory, limited: true}
	zr, err := zip.NewReader(budget, size)
	budget.limited = false
	switch {
	case errors.Is(err, errDirectoryBudget):
		return nil, fmt.Errorf("%w: the list of entries is larger than %d bytes", ErrUnsafe, lim.directory)
	case errors.Is(err, zip.ErrInsecurePath):
		// Our own checks below name the entry and the reason.
	case errors.Is(err, zip.ErrFormat):
		// Most often a download cut short: the list of entries is at the end.
		return nil, fmt.Errorf("not a readable zip file (%w): if it was downloaded or copied, it may be incomplete; fetch it again", err)
	case err != nil:
		return nil, fmt.Errorf("not a readable zip file: %w", err)
	}
	if len(zr.File) > lim.entries {
		return nil, fmt.Errorf("%w: %d entries, more than %d", ErrUnsafe, len(zr.File), lim.entries)
	}
	a := &archive{entries: zr.File, files: make(map[string]*zip.File, len(zr.File))}
	names := make([]string, len(zr.File))
	dirs := make([]bool, len(zr.File))
	var total uint64
	for i, f := range zr.File {
		name, isDir := strings.CutSuffix(f.Name, "/")
		if reason := entryProblem(f, name, isDir, lim); reason != "" {
			return nil, fmt.Errorf("%w: entry %q: %s", ErrUnsafe, f.Name, reason)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.totalSize) {
			return nil, fmt.Errorf("%w: entries declare more than %d bytes in total", ErrUnsafe, lim.totalSize)
		}
		names[i], dirs[i] = name, isDir
		if !isDir {
			a.files[name] = f
		}
	}
	if conflict := treeConflict(names, func(i int) bool { return dirs[i] }); conflict != "" {
		return nil, fmt.Errorf("%w: %s", ErrUnsafe, conflict)
	}
	if err := checkLayout(r, size, zr.File); err != nil {
		return nil, err
	}
	return a, nil
}

// entryProblem says why one entry is refused, or "".
func entryProblem(f *zip.File, name string, isDir bool, lim limits) string {
	if reason := pathProblem(name); reason != "" {
		return reason
	}
	mode := f.Mode()
	switch {
	case mode&fs.ModeSymlink != 0:
		return "symbolic link"
	case isDir && mode.Type() != fs.ModeDir:
		return "special file marked as a folder"
	case isDir && f.UncompressedSize64 != 0:
		return "folder entry with content"
	case !isDir && mode&fs.ModeDir != 0:
		return "marked as a folder but its name does not end in /"
	case !isDir && !mode.IsRegular():
		return fmt.Sprintf("special file (%s)", mode.Type())
	case f.Flags&0x1 != 0:
		return "encrypted"
	case !isDir && f.Method != zip.Store && f.Method != zip.Deflate:
		return fmt.Sprintf("compression method %d (only stored and deflated entries are read)", f.Method)
	case f.UncompressedSize64 > uint64(lim.entrySize):
		return fmt.Sprintf("declares %d bytes, more than %d", f.UncompressedSize64, lim.entrySize)
	}
	return ""
}

// readEntry copies the uncompressed content of f to w, reading at most
// lim.entrySize+1 bytes whatever the header says, and checks that the
// content has the declared size. archive/zip already stops at the declared
// size; the limit here does not depend on that.
func readEntry(f *zip.File, lim limits, w io.Writer) (int64, error) {
	raw, err := f.OpenRaw()
	if err != nil {
		return 0, fmt.Errorf("entry %q: %w", f.Name, err)
	}
	// Decompressed here rather than by f.Open, to see the end of the
	// compressed data: bytes after it, still inside the entry's size, are
	// ignored by a decompressor and read by a tool that trusts the local
	// header's size instead, which could hold another file there.
	r, rest := raw, (*bufio.Reader)(nil)
	if f.Method == zip.Deflate {
		rest = bufio.NewReader(raw)
		fr := flate.NewReader(rest) // a ByteReader: it reads no further than its data
		defer fr.Close()
		r = fr
	}
	// No more than declared is read: a bomb declares a small size.
	sum := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(w, sum), io.LimitReader(r, min(int64(f.UncompressedSize64), lim.entrySize)+1))
	switch {
	case n > lim.entrySize:
		return n, fmt.Errorf("%w: entry %q: more than %d bytes once uncompressed", ErrUnsafe, f.Name, lim.entrySize)
	case err != nil:
		return n, fmt.Errorf("entry %q: %w", f.Name, err)
	case uint64(n) != f.UncompressedSize64:
		return n, fmt.Errorf("entry %q: %d bytes, but the header says %d", f.Name, n, f.UncompressedSize64)
	case sum.Sum32() != f.CRC32:
		return n, fmt.Errorf("entry %q: %w", f.Name, zip.ErrChecksum)
	}
	if rest != nil {
		if _, err := rest.ReadByte(); err != io.EOF {
			return n, fmt.Errorf("%w: entry %q: bytes after the end of its compressed data", ErrUnsafe, f.Name)
		}
	}
	return n, nil
}

// checkLayout refuses a zip whose entries do not tile it: one local entry
// after another from the first byte, each with the name the central
// directory gives it, then the central directory. Unzip tools that stream
// the local entries (bsdtar, some mail scanners) and tools that read the
// central directory (Windows, Verify, Extract) would otherwise unpack
// different files from one zip: bytes no entry accounts for could hold an
// index.html that Verify never sees. fieldguide writes zips this way, and
// so do the usual zip tools.
func checkLayout(r io.ReaderAt, size int64, files []*zip.File) error {
	type span struct {
		f    *zip.File
		data int64
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("%w: entry %q: %v", ErrUnsafe, f.Name, err)
		}
		spans = append(spans, span{f, off})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.data, b.data) })
	hidden := func(at int64) error {
		return fmt.Errorf("%w: bytes at offset %d belong to no entry the zip lists; some tools would unpack them, so the copy may not be what was verified", ErrUnsafe, at)
	}
	differs := func(name string) error {
		return fmt.Errorf("%w: entry %q: its own header and the zip's list disagree on how it is stored; tools would unpack different bytes", ErrUnsafe, name)
	}
	pos := int64(0)
	var head [30]byte
	for _, s := range spans {
		if _, err := r.ReadAt(head[:], pos); err != nil || binary.LittleEndian.Uint32(head[:]) != 0x04034b50 {
			return hidden(pos)
		}
		nameLen, extraLen := int64(binary.LittleEndian.Uint16(head[26:])), int64(binary.LittleEndian.Uint16(head[28:]))
		if pos+30+nameLen+extraLen != s.data {
			return hidden(pos)
		}
		name := make([]byte, nameLen)
		if _, err := r.ReadAt(name, pos+30); err != nil || string(name) != s.f.Name {
			return fmt.Errorf("%w: entry %q is named %q in its own header; tools would unpack it under either name", ErrUnsafe, s.f.Name, name)
		}
		// What a streaming tool reads: the local header's (or, after the
		// data, the descriptor's) method, checksum and sizes.
		le := binary.LittleEndian
		if le.Uint16(head[6:]) != s.f.Flags || le.Uint16(head[8:]) != s.f.Method {
			return differs(s.f.Name)
		}
		pos = s.data + int64(s.f.CompressedSize64)
		if s.f.Flags&0x8 == 0 {
			if le.Uint32(head[14:]) != s.f.CRC32 || uint64(le.Uint32(head[18:])) != s.f.CompressedSize64 || uint64(le.Uint32(head[22:])) != s.f.UncompressedSize64 {
				return differs(s.f.Name)
			}
		} else {
			// A data descriptor follows: CRC and two sizes, with or
			// without its signature.
			var desc [16]byte
			if _, err := r.ReadAt(desc[:], pos); err != nil && err != io.EOF {
				return hidden(pos)
			}
			d := desc[:12]
			if le.Uint32(desc[:]) == 0x08074b50 {
				d, pos = desc[4:], pos+4
			}
			if le.Uint32(d) != s.f.CRC32 || uint64(le.Uint32(d[4:])) != s.f.CompressedSize64 || uint64(le.Uint32(d[8:])) != s.f.UncompressedSize64 {
				return differs(s.f.Name)
			}
			pos += 12
		}
	}
	if end, ok := directoryOffset(r, size); !ok || end != pos {
		return hidden(pos)
	}
	return nil
}

// directoryOffset is where the central directory begins, read from the end
// of central directory record (a zip of fieldguide's size limits needs no
// zip64 record; one that has it is not read).
func directoryOffset(r io.ReaderAt, size int64) (int64, bool) {
	tail := make([]byte, min(size, 22+65535))
	if _, err := r.ReadAt(tail, size-int64(len(tail))); err != nil && err != io.EOF {
		return 0, false
	}
	for i := len(tail) - 22; i >= 0; i-- {
		if binary.LittleEndian.Uint32(tail[i:]) == 0x06054b50 && i+22+int(binary.LittleEndian.Uint16(tail[i+20:])) == len(tail) {
			off := binary.LittleEndian.Uint32(tail[i+16:])
			return int64(off), off != 0xffffffff
		}
	}
	return 0, false
}
