package bundle

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"
)

// File is one file of the site as it will appear in the zip.
type File struct {
	// Path is slash-separated and relative to the site root,
	// e.g. "fr/module/lesson/index.html".
	Path string
	Data []byte
}

// Names of the entries Write adds; no file of the site may use them.
const (
	ManifestName  = "MANIFEST.json"
	SignatureName = "MANIFEST.sig"
)

// FormatVersion is the value of the manifest's "format" field. It changes
// only when an older Verify could no longer read a new bundle correctly.
const FormatVersion = "fieldguide-bundle/1"

// Manifest describes a bundle; it is stored as MANIFEST.json.
type Manifest struct {
	// Format is FormatVersion; Write sets it.
	Format string `json:"format"`
	// Title is the course title, for people looking inside the zip.
	Title string `json:"title"`
	// Languages are the BCP 47 tags of the languages included.
	Languages []string `json:"languages"`
	// Audience is "participant" or "trainer".
	Audience string `json:"audience"`
	// Version is the source revision, or VersionID of the files when no
	// revision is known.
	Version string `json:"version"`
	// Built is when the sources last changed (see BuildTime), not when the zip
	// was made, so that rebuilding unchanged sources gives the same zip.
	// Write stores it in UTC, truncated to the second.
	Built time.Time `json:"built"`
	// Files lists every entry of the zip except MANIFEST.json and
	// MANIFEST.sig, sorted by path. Write fills it; what the caller
	// puts there is replaced.
	Files []ManifestFile `json:"files"`
}

// ManifestFile is one file of a bundle as the manifest records it.
type ManifestFile struct {
	Path string `json:"path"`
	// Size is the uncompressed size in bytes.
	Size int64 `json:"size"`
	// SHA256 is the lowercase hex SHA-256 of the uncompressed content.
	SHA256 string `json:"sha256"`
}

// Option changes how Write works.
type Option func(*writeOptions)

type writeOptions struct {
	progress Progress
}

// WithProgress makes Write call p after each entry it writes, and once with
// done == 0 before the first.
func WithProgress(p Progress) Option {
	return func(o *writeOptions) { o.progress = p }
}

// Write writes the bundle of files, described by m, as a zip to w, signing
// the manifest with signer when it is not nil. The same files and manifest
// give the same bytes, whatever the order of files.
//
// Write does not look at what the files contain: call SelfCheck first.
// It refuses paths that Verify or Extract would refuse, and bundles over
// their size limits, so that everything it writes can be opened again.
// (A build streams its files into a Collector instead, which writes the
// same bytes.)
func Write(w io.Writer, files []File, m Manifest, signer ed25519.PrivateKey, opts ...Option) error {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Path
	}
	slices.Sort(names)
	if err := checkNames(names, nil, defaultLimits); err != nil {
		return err
	}
	// Deflating is most of the work: compress on every core. The bytes do
	// not depend on the number of cores.
	c := &Collector{files: make(map[string]*collected, len(files)), noScan: true}
	next := make(chan File)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				if err := c.Put(f.Path, f.Data); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	return c.Write(w, m, signer, opts...)
}

// checkNames checks the sorted paths of a bundle, and their sizes when
// sizeOf is given: what Verify and Extract would refuse, Write refuses.
func checkNames(names []string, sizeOf func(i int) int64, lim limits) error {
	if len(names) == 0 {
		return errors.New("bundle: no files to bundle")
	}
	if len(names)+2 > lim.entries {
		return fmt.Errorf("bundle: %d files, more than the %d a bundle may hold", len(names), lim.entries-2)
	}
	var total int64
	for i, name := range names {
		if reason := pathProblem(name); reason != "" {
			return fmt.Errorf("bundle: %q: %s", name, reason)
		}
		if strings.EqualFold(name, ManifestName) || strings.EqualFold(name, SignatureName) {
			return fmt.Errorf("bundle: %q: name reserved for the bundle's manifest", name)
		}
		if sizeOf == nil {
			continue
		}
		size := sizeOf(i)
		if size > lim.entrySize {
			return fmt.Errorf("bundle: %q: %d bytes, more than the %d a bundle file may have", name, size, lim.entrySize)
		}
		total += size
		if total > lim.totalSize {
			return fmt.Errorf("bundle: files total more than the %d bytes a bundle may hold", lim.totalSize)
		}
	}
	if conflict := treeConflict(names, func(int) bool { return false }); conflict != "" {
		return fmt.Errorf("bundle: %s", conflict)
	}
	return nil
}

// completeManifest fills in what Write owns (format, normalised time) in
// a manifest whose Files are set, and encodes it.
func completeManifest(m Manifest) (Manifest, []byte, error) {
	if m.Built.IsZero() {
		return m, nil, errors.New("bundle: Manifest.Built is not set (use BuildTime)")
	}
	m.Format = FormatVersion
	m.Built = m.Built.UTC().Truncate(time.Second)
	if m.Languages == nil {
		m.Languages = []string{} // "[]", not "null", whoever builds the manifest
	}
	data, err := encodeManifest(m)
	return m, data, err
}

// signature is the detached signature of a manifest, as MANIFEST.sig holds it.
func signature(signer ed25519.PrivateKey, manifestJSON []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(signer, manifestJSON)) + "\n"
}

// zipEntry is one entry, compressed, ready to be written.
type zipEntry struct {
	File   // Path, and Data for entries Write made (the manifest)
	packed packedEntry
	size   int64 // uncompressed
}

// writeZip writes the entries in their order, with the manifest's time.
func writeZip(w io.Writer, entries []zipEntry, m Manifest, o writeOptions) error {
	for i := range entries {
		if entries[i].Data != nil {
			entries[i].size = int64(len(entries[i].Data))
		}
	}
	date, clock := dosTime(m.Built)
	report := func(done int) {
		if o.progress != nil {
			o.progress(done, len(entries))
		}
	}
	report(0)
	// zip.NewWriter buffers w in 4 KB, a write or two for every entry of
	// a bundle that has thousands; it uses a larger bufio.Writer as it is.
	// Close flushes it.
	zw := zip.NewWriter(bufio.NewWriterSize(w, 1<<20))
	var spilled []byte // an entry read back from a Collector's spill file
	for i, e := range entries {
		if err := writeEntry(zw, e, date, clock, &spilled); err != nil {
			return fmt.Errorf("bundle: writing %s: %w", e.Path, err)
		}
		report(i + 1)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	return nil
}

// encodeManifest is the one encoding of a manifest: indented for people
// who open it, without HTML escaping so titles read as written.
func encodeManifest(m Manifest) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("bundle: encoding manifest: %w", err)
	}
	return buf.Bytes(), nil
}

// packedEntry is a file compressed ahead of writing.
type packedEntry struct {
	method uint16
	data   []byte
	crc    uint32
	err    error
	// A Collector with a spill file keeps the compressed bytes there, at
	// at, n bytes long, instead of in data.
	spill io.ReaderAt
	at, n int64
}

// compressed returns the compressed bytes, reading them back if spilled.
func (p packedEntry) compressed() ([]byte, error) {
	if p.spill == nil {
		return p.data, nil
	}
	b := make([]byte, p.n)
	_, err := p.spill.ReadAt(b, p.at)
	return b, err
}

// compressedSize is the length of the compressed bytes.
func (p packedEntry) compressedSize() int64 {
	if p.spill != nil {
		return p.n
	}
	return int64(len(p.data))
}

// flateWriters are reused: a new one allocates and clears over half a
// megabyte, which cost more than compressing the small files of a search
// index.
var flateWriters = sync.Pool{New: func() any {
	fw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		panic(err) // BestSpeed is a valid level
	}
	return fw
}}

// pack compresses f with the fastest level of klauspost/compress's flate:
// on a 4,000-page course (179 MB) it took 0.7 s and gave 45.7 MB, where
// the standard library's fastest level took 1.6 s for 46.9 MB and its
// level 5 (archive/zip's default) three and a half seconds. The output is
// plain deflate: any unzip reads it.
func pack(f File) packedEntry {
	var buf bytes.Buffer
	p := packInto(&buf, f)
	if cap(p.data)-len(p.data) > len(p.data)/8 {
		// A Collector keeps thousands of these: not their slack too.
		p.data = bytes.Clone(p.data)
	}
	return p
}

// packInto is pack writing into buf, whose bytes p.data then are (or
// f.Data's, for a stored file).
func packInto(buf *bytes.Buffer, f File) packedEntry {
	p := packedEntry{method: methodFor(f.Path), crc: crc32.ChecksumIEEE(f.Data)}
	if p.method == zip.Store {
		p.data = f.Data
		return p
	}
	buf.Reset()
	buf.Grow(len(f.Data)/3 + 64)
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(buf)
	_, err := fw.Write(f.Data)
	if err == nil {
		err = fw.Close()
	}
	fw.Reset(nil)
	flateWriters.Put(fw)
	p.data, p.err = buf.Bytes(), err
	return p
}

// unpack returns the bytes p was made from.
func (p packedEntry) unpack() ([]byte, error) {
	data, err := p.compressed()
	if err != nil || p.method == zip.Store {
		return data, err
	}
	return io.ReadAll(flate.NewReader(bytes.NewReader(data)))
}

// writeEntry writes one file with a fixed header: DOS time only (Modified
// left zero so archive/zip adds no extended-timestamp field, keeping one
// source of time in the header), mode 0644 from a Unix creator, no
// directory entries. A spilled entry is read back into *spilled, which
// is reused from one entry to the next.
func writeEntry(zw *zip.Writer, e zipEntry, date, clock uint16, spilled *[]byte) error {
	p := e.packed
	if p.err != nil {
		return p.err
	}
	h := &zip.FileHeader{
		Name:               e.Path,
		Method:             p.method,
		ModifiedDate:       date,
		ModifiedTime:       clock,
		CRC32:              p.crc,
		CompressedSize64:   uint64(p.compressedSize()),
		UncompressedSize64: uint64(e.size),
	}
	h.SetMode(0o644)
	if !isASCII(e.Path) {
		// The name is UTF-8: say so (general purpose flag bit 11), or
		// Windows Explorer, 7-Zip and Python read it as code page 437
		// and '关于' comes out as 'σà│Σ║Ä'. CreateHeader sets it;
		// CreateRaw, used here, does not.
		h.Flags |= 0x800
	}
	fw, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	if p.spill != nil {
		// One read of the whole entry: io.Copy made a 32 KB buffer
		// for each of them.
		if int64(cap(*spilled)) < p.n {
			*spilled = make([]byte, p.n)
		}
		b := (*spilled)[:p.n]
		if _, err := p.spill.ReadAt(b, p.at); err != nil {
			return err
		}
		_, err = fw.Write(b)
		return err
	}
	_, err = fw.Write(p.data)
	return err
}

// methodFor stores formats that are already compressed: deflating them
// again costs time and gains nothing.
func methodFor(name string) uint16 {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif",
		".woff", ".woff2", ".zip", ".gz", ".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".opus":
		return zip.Store
	}
	return zip.Deflate
}

// dosTime encodes t (UTC) the way zip headers store times: two-second
// resolution, years 1980 to 2107. Times outside that range are clamped, so
// SOURCE_DATE_EPOCH=0 still works; the manifest keeps the exact time.
func dosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// BuildTime is the time recorded in a bundle: SOURCE_DATE_EPOCH when it is
// set (https://reproducible-builds.org/specs/source-date-epoch/; a value that
// is not a whole number of seconds is an error), else newestSource, the
// modification time of the newest source file. Either way it is in UTC,
// truncated to the second.
func BuildTime(sourceDateEpoch string, newestSource time.Time) (time.Time, error) {
	if sourceDateEpoch != "" {
		for _, c := range []byte(sourceDateEpoch) {
			if c < '0' || c > '9' {
				return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970-01-01 UTC", sourceDateEpoch)
			}
		}
		secs, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
		if err != nil || secs > 253402300799 { // past 9999-12-31 JSON cannot encode it
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: out of range", sourceDateEpoch)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	if newestSource.IsZero() {
		return time.Time{}, errors.New("no build time: no source file time and SOURCE_DATE_EPOCH is not set")
	}
	return newestSource.UTC().Truncate(time.Second), nil
}

// VersionID is a short hash (12 hex digits) of the files' paths and
// contents, independent of their order: the manifest's Version when no
// source revision is known.
func VersionID(files []File) string {
	sorted := slices.Clone(files)
	slices.SortStableFunc(sorted, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	h := sha256.New()
	for _, f := range sorted {
		sum := sha256.Sum256(f.Data)
		// The length prefix keeps "a b"+"c" apart from "a"+"b c".
		fmt.Fprintf(h, "%d:%s %x\n", len(f.Path), f.Path, sum)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
