package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/generator/output"
	"github.com/fieldguide/fieldguide/generator/refscan"
)

// A Collector receives a site's files as a build produces them (it is an
// output sink: Put may be called from many goroutines) and keeps each one
// only compressed, with its SHA-256 and the references it holds. A bundle
// of a large course so never holds the site uncompressed, and the
// compressing, hashing and scanning run on the build's workers, in
// parallel with rendering. SelfCheck and Write then work from what was
// kept.
type Collector struct {
	mu     sync.Mutex
	files  map[string]*collected
	noScan bool // Write's own use: no SelfCheck to come
	// targets numbers the target paths: thousands of pages link to the
	// same few hundred, and a number takes 4 bytes.
	targetID map[string]int32
	targets  []string
	// spillRemoved says the spill file is already unlinked.
	spillRemoved bool
	// spill, when set, receives the compressed bytes (see Spill).
	spill    *os.File
	spillEnd int64
}

// Spill makes the Collector keep compressed files in a temporary file in
// dir (the system's temporary folder if dir is ""), not in memory: a large
// course's zip is tens of megabytes. Call it before the first Put, and
// Close when done.
func (c *Collector) Spill(dir string) error {
	f, err := os.CreateTemp(dir, ".fieldguide-bundle-*")
	if err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	// Unlinked at once where the system allows it, so that nothing is
	// left behind even if the process is killed.
	if os.Remove(f.Name()) == nil {
		c.spillRemoved = true
	}
	c.spill = f
	return nil
}

// Sink is c as a build's sink. A spilling Collector (see Spill) has
// compressed, hashed, scanned and written out a file's bytes when Put
// returns, and keeps none of them: its Sink says so (output.Transient),
// and the build renders the next pages into the same buffers. Without a
// spill file, stored files keep the bytes they were given.
func (c *Collector) Sink() output.Sink {
	if c.spill != nil {
		return spillingCollector{c}
	}
	return c
}

// spillingCollector is a Collector with a spill file, as an
// output.Transient sink.
type spillingCollector struct{ *Collector }

// KeepsNoData marks a spilling Collector as output.Transient.
func (spillingCollector) KeepsNoData() {}

// Close removes the spill file, if any.
func (c *Collector) Close() error {
	if c.spill == nil {
		return nil
	}
	err := c.spill.Close()
	if !c.spillRemoved {
		err = errors.Join(err, os.Remove(c.spill.Name()))
	}
	c.spill = nil
	return err
}

// collected is what a Collector keeps of a file: its bytes compressed,
// and what the self-check found in it. References are judged at once as
// far as they can be without the list of files; what needs that list is
// kept as a bare target path. A file with a target that fails is scanned
// again, from its compressed bytes, for the full report.
type collected struct {
	packed   packedEntry
	size     int64
	sum      [sha256.Size]byte
	findings          // those judged on arrival
	paths    []string // targets to look up, until Put numbers them
	targets  []int32  // the numbers (Collector.targets) of paths

	recheck bool // a reference names a folder: the report needs a full scan
}

// packBuffers hold a file's compressed bytes on their way to the spill
// file: allocating them, and trimming them to size, for every file of a
// bundle cost more than writing them.
var packBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{files: map[string]*collected{}, targetID: map[string]int32{}}
}

// Put compresses, hashes and scans one file of the site. A later Put of
// the same path replaces the earlier one.
func (c *Collector) Put(name string, data []byte) error {
	if int64(len(data)) > defaultLimits.entrySize {
		return fmt.Errorf("bundle: %q: %d bytes, more than the %d a bundle file may have", name, len(data), defaultLimits.entrySize)
	}
	e := &collected{size: int64(len(data)), sum: sha256.Sum256(data)}
	var buf *bytes.Buffer
	if c.spill != nil {
		// The compressed bytes go to the spill file: compress into a
		// buffer used again for the next file.
		buf = packBuffers.Get().(*bytes.Buffer)
		defer packBuffers.Put(buf)
		e.packed = packInto(buf, File{name, data})
	} else {
		e.packed = pack(File{name, data})
	}
	if e.packed.err != nil {
		return fmt.Errorf("bundle: compressing %s: %w", name, e.packed.err)
	}
	if !c.noScan {
		e.precheck(name, data)
	}
	if c.spill != nil {
		// Take a place in the file under the lock and write outside it:
		// writes at distinct offsets may run at once.
		n := int64(len(e.packed.data))
		c.mu.Lock()
		at := c.spillEnd
		c.spillEnd += n
		c.mu.Unlock()
		if _, err := c.spill.WriteAt(e.packed.data, at); err != nil {
			return fmt.Errorf("bundle: writing %s to the temporary file: %w", name, err)
		}
		e.packed.spill, e.packed.at, e.packed.n, e.packed.data = c.spill, at, n, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e.targets = make([]int32, len(e.paths))
	for i, p := range e.paths {
		id, ok := c.targetID[p]
		if !ok {
			id = int32(len(c.targets))
			c.targetID[p] = id
			c.targets = append(c.targets, p)
		}
		e.targets[i] = id
	}
	e.paths = nil
	if c.noScan && c.files[name] != nil {
		return fmt.Errorf("bundle: %q appears twice", name)
	}
	c.files[name] = e
	return nil
}

// Len is the number of files collected.
func (c *Collector) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.files)
}

// Size is the files' total uncompressed size.
func (c *Collector) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for _, e := range c.files {
		n += e.size
	}
	return n
}

// precheck scans data for references and judges them as far as it can
// without the bundle's list of files.
func (e *collected) precheck(name string, data []byte) {
	refs := scanFile(name, data)
	lines := lazyLines{data: data}
	from := newReferrer(name)
	for _, r := range refs {
		code, reason, external, t, ok := precheck(from, r)
		switch {
		case ok && t.folder:
			e.recheck = true
		case ok:
			// Duplicates are kept: a page repeats few of its targets
			// (7 in 100 on a lesson), and a set of them, made for every
			// page, cost more than numbering them twice in Put.
			e.paths = append(e.paths, t.path)
		default:
			e.note(name, r, code, reason, external, &lines)
		}
	}
}

// findings are what a self-check reports of a file.
type findings struct {
	problems []Problem
	external []ExternalLink
}

// note records a judged reference of file: a problem if code is set, an
// external link if external, nothing otherwise.
func (f *findings) note(file string, r reference, code, reason string, external bool, lines *lazyLines) {
	switch {
	case code != "":
		line, col := lines.position(r.Offset)
		f.problems = append(f.problems, Problem{File: file, Line: line, Col: col, Ref: r.URL, Code: code, Reason: reason})
	case external:
		line, col := lines.position(r.Offset)
		f.external = append(f.external, ExternalLink{File: file, Line: line, Col: col, URL: cleanURL(r.URL)})
	}
}

// lazyLines finds positions in data, indexing its lines on first use:
// most pages have nothing to report.
type lazyLines struct {
	data  []byte
	index *lineIndex
}

func (l *lazyLines) position(offset int) (line, col int) {
	if l.index == nil {
		l.index = newLineIndex(l.data)
	}
	return l.index.position(offset)
}

// scanFile finds the references of an HTML, SVG, CSS or JavaScript file;
// other files have none.
func scanFile(name string, data []byte) []reference {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return refscan.Markup(data, false)
	case ".svg":
		return refscan.Markup(data, true)
	case ".css":
		return refscan.CSS(data, 0)
	case ".js", ".mjs":
		return refscan.JS(data, 0)
	}
	return nil
}

// checkFile is the self-check of one file with the bundle's list of files.
func checkFile(site *siteIndex, name string, data []byte) findings {
	var f findings
	lines := lazyLines{data: data}
	from := newReferrer(name)
	for _, r := range scanFile(name, data) {
		code, reason, external := site.classify(from, r)
		f.note(name, r, code, reason, external, &lines)
	}
	return f
}

// names returns the collected paths, sorted (byte order: the order of the
// zip and of the manifest).
func (c *Collector) names() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(maps.Keys(c.files))
}

// SelfCheck is the package's SelfCheck on the collected files.
func (c *Collector) SelfCheck() (problems []Problem, external []ExternalLink, err error) {
	names := c.names()
	site := newSiteIndex(names)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range names {
		e := c.files[name]
		recheck := e.recheck
		for _, id := range e.targets {
			if t := c.targets[id]; !site.files[t] || site.dirs[t] {
				recheck = true
				break
			}
		}
		if !recheck {
			problems = append(problems, e.problems...)
			external = append(external, e.external...)
			continue
		}
		data, err := e.packed.unpack()
		if err != nil {
			return nil, nil, fmt.Errorf("bundle: reading back %s: %w", name, err)
		}
		f := checkFile(site, name, data)
		problems = append(problems, f.problems...)
		external = append(external, f.external...)
	}
	sortFindings(problems, external)
	return problems, external, nil
}

// Write writes the bundle of the collected files, as the package's Write.
func (c *Collector) Write(w io.Writer, m Manifest, signer ed25519.PrivateKey, opts ...Option) error {
	var o writeOptions
	for _, opt := range opts {
		opt(&o)
	}
	if signer != nil && len(signer) != ed25519.PrivateKeySize {
		return fmt.Errorf("bundle: signing key has %d bytes, want %d", len(signer), ed25519.PrivateKeySize)
	}
	names := c.names()
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := checkNames(names, func(i int) int64 { return c.files[names[i]].size }, defaultLimits); err != nil {
		return err
	}
	if m.Built.IsZero() {
		return errors.New("bundle: Manifest.Built is not set (use BuildTime)")
	}
	m.Files = make([]ManifestFile, len(names))
	for i, n := range names {
		e := c.files[n]
		m.Files[i] = ManifestFile{Path: n, Size: e.size, SHA256: hex.EncodeToString(e.sum[:])}
	}
	m, manifestJSON, err := completeManifest(m)
	if err != nil {
		return err
	}
	entries := []zipEntry{{File: File{ManifestName, manifestJSON}, packed: pack(File{ManifestName, manifestJSON})}}
	if signer != nil {
		sig := []byte(signature(signer, manifestJSON))
		entries = append(entries, zipEntry{File: File{SignatureName, sig}, packed: pack(File{SignatureName, sig})})
	}
	for _, n := range names {
		e := c.files[n]
		entries = append(entries, zipEntry{File: File{Path: n}, packed: e.packed, size: e.size})
	}
	return writeZip(w, entries, m, o)
}
