package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/ed25519"
	"flag"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// builtAt is an odd second on purpose: zip times have two-second resolution.
var builtAt = time.Date(2026, 11, 27, 9, 14, 7, 0, time.UTC)

func sampleFiles() []File {
	return []File{
		{"index.html", []byte(`<!doctype html><meta charset=utf-8><a href="en/index.html">English</a>`)},
		{"en/index.html", []byte(`<link rel=stylesheet href="../assets/site.css"><a href="m1/index.html">Module 1</a>`)},
		{"en/m1/index.html", []byte(`<link rel=stylesheet href="../../assets/site.css"><img src="diagram.png" alt="">`)},
		{"en/m1/diagram.png", []byte("\x89PNG\r\n\x1a\nnot really a png")},
		{"assets/site.css", []byte(`body { font-family: "Noto Sans" }`)},
		{"zh/课程/index.html", []byte(`<p>中文</p>`)},
	}
}

func sampleManifest() Manifest {
	return Manifest{
		Title:     "Identifying & Supporting Victims <of> Trafficking",
		Languages: []string{"en", "zh"},
		Audience:  "participant",
		Version:   "3f9c2a1b7d40",
		Built:     builtAt,
	}
}

func testKey(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	seed := bytes.Repeat([]byte{7}, ed25519.SeedSize) // fixed: signatures are deterministic too
	priv := ed25519.NewKeyFromSeed(seed)
	return priv.Public().(ed25519.PublicKey), priv
}

func writeBundle(t testing.TB, files []File, m Manifest, signer ed25519.PrivateKey) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, files, m, signer); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func saveZip(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bundle.zip")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// rawEntry describes an entry of a hand-made zip, possibly a hostile one.
type rawEntry struct {
	name string
	data []byte
	// mode sets the entry's Unix mode when not zero.
	mode os.FileMode
	// stored uses Store instead of Deflate; method, when set, overrides both.
	stored bool
	method uint16
	// finalName, when set, replaces name (same length) in the finished
	// zip's bytes, for names archive/zip would write differently
	// (a folder name on an entry with content).
	finalName string
	// declared replaces the uncompressed size in the headers when not zero,
	// to make a zip lie about its content.
	declared uint64
	flags    uint16
}

// craftZip writes entries as given, without any of Write's checks.
func craftZip(t testing.TB, entries []rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.stored {
			method = zip.Store
		}
		if e.method != 0 {
			method = e.method
		}
		h := &zip.FileHeader{Name: e.name, Method: method, Flags: e.flags}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		if e.declared == 0 && e.flags == 0 && (method == zip.Deflate || method == zip.Store) {
			w, err := zw.CreateHeader(h)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(e.data); err != nil {
				t.Fatal(err)
			}
			continue
		}
		// CreateRaw writes the headers we say, with data compressed here.
		var body bytes.Buffer
		if method == zip.Deflate {
			fw, _ := flate.NewWriter(&body, flate.BestCompression)
			fw.Write(e.data)
			fw.Close()
		} else {
			body.Write(e.data)
		}
		h.CRC32 = crc32.ChecksumIEEE(e.data)
		h.CompressedSize64 = uint64(body.Len())
		h.UncompressedSize64 = uint64(len(e.data))
		if e.declared != 0 {
			h.UncompressedSize64 = e.declared
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, &body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	for _, e := range entries {
		if e.finalName != "" {
			out = bytes.ReplaceAll(out, []byte(e.name), []byte(e.finalName))
		}
	}
	return out
}

// readZip lists a zip's entries for assertions.
func readZip(t testing.TB, data []byte) *zip.Reader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("reading zip back: %v", err)
	}
	return zr
}

func entryData(t testing.TB, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rawZip writes entries whose compressed bytes and declared size the test
// chooses, such as a deflate stream far larger than its header says.
type rawZip struct{ zw *zip.Writer }

func newRawZip(w io.Writer) *rawZip { return &rawZip{zip.NewWriter(w)} }

func (r *rawZip) raw(t testing.TB, name string, deflated []byte, declared uint64, crc uint32) {
	t.Helper()
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(len(deflated)), UncompressedSize64: declared, CRC32: crc}
	w, err := r.zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(deflated); err != nil {
		t.Fatal(err)
	}
}

func (r *rawZip) close(t testing.TB) {
	t.Helper()
	if err := r.zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func deflate(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
