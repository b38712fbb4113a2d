package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// bundleEntries returns the entries of a zip written by Write, to build
// altered copies of it.
func bundleEntries(t testing.TB, data []byte) []rawEntry {
	t.Helper()
	var entries []rawEntry
	for _, f := range readZip(t, data).File {
		entries = append(entries, rawEntry{name: f.Name, data: entryData(t, f)})
	}
	return entries
}

func TestVerify(t *testing.T) {
	pub, priv := testKey(t)
	otherPub, _, _ := ed25519.GenerateKey(nil)
	signed := writeBundle(t, sampleFiles(), sampleManifest(), priv)
	unsigned := writeBundle(t, sampleFiles(), sampleManifest(), nil)

	edit := func(base []byte, change func([]rawEntry) []rawEntry) []byte {
		return craftZip(t, change(bundleEntries(t, base)))
	}
	setData := func(name, data string) func([]rawEntry) []rawEntry {
		return func(es []rawEntry) []rawEntry {
			for i := range es {
				if es[i].name == name {
					es[i].data = []byte(data)
				}
			}
			return es
		}
	}
	// The manifest rewritten to match an altered file, as a forger would.
	forged := func() []byte {
		files := sampleFiles()
		files[1].Data = []byte(`<script src="https://evil.example/x.js"></script>`)
		forgedManifest := bundleEntries(t, writeBundle(t, files, sampleManifest(), nil))[0]
		return edit(signed, func(es []rawEntry) []rawEntry {
			es[0] = forgedManifest
			return setData("en/index.html", string(files[1].Data))(es)
		})
	}()

	tests := []struct {
		name string
		zip  []byte
		key  ed25519.PublicKey
		want Report // Manifest is not compared
		ok   bool
	}{
		{"unsigned, no key", unsigned, nil, Report{}, true},
		{"signed, no key", signed, nil, Report{Signed: true}, true},
		{"signed, right key", signed, pub, Report{Signed: true, SignatureChecked: true, SignatureValid: true}, true},
		{"signed, wrong key", signed, otherPub, Report{Signed: true, SignatureChecked: true}, false},
		{"unsigned, key given", unsigned, pub, Report{SignatureChecked: true}, false},
		{"garbage signature", edit(signed, setData(SignatureName, "not base64!")), pub,
			Report{Signed: true, SignatureChecked: true}, false},
		{"oversized signature", edit(signed, setData(SignatureName, strings.Repeat("A", 2000))), pub,
			Report{Signed: true, SignatureChecked: true}, false},
		{"altered file", edit(signed, setData("en/index.html", "<p>changed</p>")), pub,
			Report{Altered: []string{"en/index.html"}, Signed: true, SignatureChecked: true, SignatureValid: true}, false},
		{"same size, other bytes", edit(unsigned, setData("assets/site.css", `body { font-family: "Noto Sant" }`)), nil,
			Report{Altered: []string{"assets/site.css"}}, false},
		{"missing files", edit(unsigned, func(es []rawEntry) []rawEntry {
			return slices.DeleteFunc(es, func(e rawEntry) bool { return strings.HasPrefix(e.name, "en/m1/") })
		}), nil, Report{Missing: []string{"en/m1/diagram.png", "en/m1/index.html"}}, false},
		{"extra file", edit(unsigned, func(es []rawEntry) []rawEntry {
			return append(es, rawEntry{name: "en/tracker.js", data: []byte("fetch('https://x')")})
		}), nil, Report{Extra: []string{"en/tracker.js"}}, false},
		{"forged manifest, no key: undetectable", forged, nil, Report{Signed: true}, true},
		{"forged manifest, key: caught", forged, pub, Report{Signed: true, SignatureChecked: true}, false},
		{"re-zipped by another tool: folders, other order, stored", edit(signed, func(es []rawEntry) []rawEntry {
			slices.Reverse(es)
			for i := range es {
				es[i].stored = true
				es[i].mode = 0o600
			}
			return append([]rawEntry{{name: "en/", mode: os.ModeDir | 0o755}, {name: "en/m1/"}}, es...)
		}), pub, Report{Signed: true, SignatureChecked: true, SignatureValid: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Verify(saveZip(t, tt.zip), tt.key)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if rep.Manifest.Title != sampleManifest().Title || len(rep.Manifest.Files) != len(sampleFiles()) {
				t.Errorf("Manifest not returned: %+v", rep.Manifest)
			}
			rep.Manifest = Manifest{}
			if !reportEqual(rep, tt.want) {
				t.Errorf("report:\n got %+v\nwant %+v", rep, tt.want)
			}
			if rep.OK() != tt.ok {
				t.Errorf("OK() = %v, want %v", rep.OK(), tt.ok)
			}
		})
	}
}

func reportEqual(a, b Report) bool {
	return slices.Equal(a.Missing, b.Missing) && slices.Equal(a.Altered, b.Altered) && slices.Equal(a.Extra, b.Extra) &&
		a.Signed == b.Signed && a.SignatureChecked == b.SignatureChecked && a.SignatureValid == b.SignatureValid
}

// unsafeZips are archives that Verify and Extract must refuse before
// reading any content. Each is refused under the default limits unless
// lim says otherwise.
func unsafeZips(t testing.TB) []struct {
	name string
	zip  []byte
	lim  limits
	want string
} {
	manifest := bundleEntries(t, writeBundle(t, []File{{"a.html", []byte("a")}}, sampleManifest(), nil))[0]
	with := func(es ...rawEntry) []byte { return craftZip(t, append([]rawEntry{manifest}, es...)) }
	small := limits{entries: 3, entrySize: 1 << 10, totalSize: 2 << 10, directory: 1 << 20, manifest: 1 << 10}
	var many []rawEntry
	for i := range 300 {
		many = append(many, rawEntry{name: strings.Repeat("x", 200) + string(rune('a'+i%26)) + strings.Repeat("y", i), stored: true})
	}
	huge := uint64(300 << 20)
	return []struct {
		name string
		zip  []byte
		lim  limits
		want string
	}{
		{"parent path", with(rawEntry{name: "../evil.html"}), defaultLimits, `".." segment`},
		{"nested parent path", with(rawEntry{name: "en/../../evil.html"}), defaultLimits, `".." segment`},
		{"absolute path", with(rawEntry{name: "/etc/cron.d/x"}), defaultLimits, "absolute"},
		{"backslash", with(rawEntry{name: `..\..\evil.bat`}), defaultLimits, "backslash"},
		{"drive letter", with(rawEntry{name: "C:/Windows/evil.dll"}), defaultLimits, "drive letter"},
		{"device name", with(rawEntry{name: "en/aux.html"}), defaultLimits, "device"},
		{"symlink", with(rawEntry{name: "link", data: []byte("/etc/passwd"), mode: os.ModeSymlink | 0o777}), defaultLimits, "symbolic link"},
		{"symlinked folder", with(rawEntry{name: "dir/", mode: os.ModeSymlink | 0o777}), defaultLimits, "symbolic link"},
		{"device", with(rawEntry{name: "dev", mode: os.ModeDevice | 0o644}), defaultLimits, "special file"},
		{"named pipe", with(rawEntry{name: "fifo", mode: os.ModeNamedPipe | 0o644}), defaultLimits, "special file"},
		{"folder with content", with(rawEntry{name: "dirQ", finalName: "dir/", data: []byte("x"), stored: true}), defaultLimits, "folder entry with content"},
		{"duplicate", with(rawEntry{name: "b.html"}, rawEntry{name: "b.html"}), defaultLimits, "appears twice"},
		{"case duplicate", with(rawEntry{name: "b.html"}, rawEntry{name: "B.HTML"}), defaultLimits, "differ only in case"},
		{"manifest case duplicate", with(rawEntry{name: "manifest.json"}), defaultLimits, "differ only in case"},
		{"normalization duplicate", with(rawEntry{name: "fr/\u00e9coute.html"}, rawEntry{name: "fr/e\u0301coute.html"}), defaultLimits, "in Unicode normalization"},
		{"file used as folder", with(rawEntry{name: "en"}, rawEntry{name: "en/index.html"}), defaultLimits, "needs it to be a folder"},
		{"encrypted", with(rawEntry{name: "secret", data: []byte("x"), flags: 0x1}), defaultLimits, "encrypted"},
		{"too many entries", with(rawEntry{name: "b"}, rawEntry{name: "c"}, rawEntry{name: "d"}), small, "4 entries, more than 3"},
		{"entry list too large", craftZip(t, many), limits{entries: 1000, entrySize: 1, totalSize: 1, directory: 64 << 10, manifest: 1}, "list of entries is larger"},
		{"declares too much", with(rawEntry{name: "bomb", data: []byte("tiny"), declared: huge}), defaultLimits, "declares 314572800 bytes"},
		{"declares too much in total", with(
			rawEntry{name: "1", declared: 255 << 20}, rawEntry{name: "2", declared: 255 << 20}, rawEntry{name: "3", declared: 255 << 20},
			rawEntry{name: "4", declared: 255 << 20}, rawEntry{name: "5", declared: 255 << 20}, rawEntry{name: "6", declared: 255 << 20},
			rawEntry{name: "7", declared: 255 << 20}, rawEntry{name: "8", declared: 255 << 20}, rawEntry{name: "9", declared: 255 << 20},
		), defaultLimits, "more than 2147483648 bytes in total"},
		{"honest bomb over a small limit", with(rawEntry{name: "bomb", data: make([]byte, 64<<10)}), small, "declares 65536 bytes"},
	}
}

func TestVerifyRefusesUnsafeZips(t *testing.T) {
	for _, tt := range unsafeZips(t) {
		t.Run(tt.name, func(t *testing.T) {
			_, err := verifyArchive(bytes.NewReader(tt.zip), int64(len(tt.zip)), nil, tt.lim)
			if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want ErrUnsafe with %q", err, tt.want)
			}
		})
	}
}

func TestVerifyRefusesNonBundles(t *testing.T) {
	good := bundleEntries(t, writeBundle(t, sampleFiles(), sampleManifest(), nil))
	manifestWith := func(change func(string) string) []byte {
		es := slices.Clone(good)
		es[0].data = []byte(change(string(es[0].data)))
		return craftZip(t, es)
	}
	tests := []struct {
		name    string
		zip     []byte
		notZip  bool
		wantErr string
	}{
		{"empty file", nil, true, "not a readable zip"},
		{"not a zip", []byte("PK but not really a zip file at all"), true, "not a readable zip"},
		{"no manifest", craftZip(t, good[1:]), false, "no MANIFEST.json"},
		{"manifest not JSON", manifestWith(func(string) string { return "{" }), false, "MANIFEST.json"},
		{"newer format", manifestWith(func(s string) string {
			return strings.Replace(s, FormatVersion, "fieldguide-bundle/2", 1)
		}), false, "newer fieldguide"},
		{"manifest lists an unsafe path", manifestWith(func(s string) string {
			return strings.Replace(s, `"path": "index.html"`, `"path": "../index.html"`, 1)
		}), false, `file "../index.html"`},
		{"manifest lists itself", manifestWith(func(s string) string {
			return strings.Replace(s, `"path": "index.html"`, `"path": "MANIFEST.json"`, 1)
		}), false, "lists MANIFEST.json"},
		{"manifest lists a file twice", manifestWith(func(s string) string {
			return strings.Replace(s, `"path": "index.html"`, `"path": "en/index.html"`, 1)
		}), false, "appears twice"},
		{"malformed hash", manifestWith(func(s string) string {
			return strings.Replace(s, `"sha256": "`, `"sha256": "XYZ`, 1)
		}), false, "64 lowercase hex"},
		{"negative size", manifestWith(func(s string) string {
			return strings.Replace(s, `"size": 33`, `"size": -1`, 1)
		}), false, "negative size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify(saveZip(t, tt.zip), nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if !tt.notZip && !errors.Is(err, ErrNotBundle) {
				t.Errorf("error does not wrap ErrNotBundle: %v", err)
			}
		})
	}

	t.Run("no such file", func(t *testing.T) {
		if _, err := Verify(filepath.Join(t.TempDir(), "nope.zip"), nil); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("a folder", func(t *testing.T) {
		if _, err := Verify(t.TempDir(), nil); err == nil {
			t.Error("Verify accepted a folder")
		}
	})
	t.Run("bad key length", func(t *testing.T) {
		if _, err := Verify(saveZip(t, craftZip(t, good)), ed25519.PublicKey{1, 2}); err == nil {
			t.Error("Verify accepted a 2-byte key")
		}
	})
}

// zeroBomb returns a raw deflate stream that inflates to n zero bytes
// (n = 1 + 258k), built by hand: one literal and k copies of the longest
// match, 13 bits per 258 bytes, so even a gigabyte costs no time to make.
func zeroBomb(n int64) []byte {
	var w bitWriter
	w.bits(1, 1)    // BFINAL
	w.bits(1, 2)    // BTYPE 01: fixed Huffman codes
	w.code(0x30, 8) // literal 0
	for range (n - 1) / 258 {
		w.code(0xC5, 8) // length 258 (symbol 285)
		w.code(0, 5)    // distance 1
	}
	w.code(0, 7) // end of block (symbol 256)
	return w.flush()
}

type bitWriter struct {
	buf []byte
	acc uint64
	n   uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	for w.n >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

// code writes a Huffman code, which deflate stores most significant bit first.
func (w *bitWriter) code(c uint64, n uint) {
	var rev uint64
	for i := range n {
		rev |= (c >> i & 1) << (n - 1 - i)
	}
	w.bits(rev, n)
}

func (w *bitWriter) flush() []byte {
	if w.n > 0 {
		w.buf = append(w.buf, byte(w.acc))
	}
	return w.buf
}

func TestZeroBombInflates(t *testing.T) {
	n := int64(1 + 258*1000)
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(zeroBomb(n))))
	if err != nil || int64(len(got)) != n || bytes.Count(got, []byte{0}) != len(got) {
		t.Fatalf("inflated %d bytes (%v), want %d zeros", len(got), err, n)
	}
}

// lyingBomb is a zip whose manifest lists a small file that is in fact a
// 1 GiB deflate stream: the header declares the small size.
func lyingBomb(t testing.TB) []byte {
	t.Helper()
	small := []byte("<p>small</p>")
	es := bundleEntries(t, writeBundle(t, []File{{"index.html", small}}, sampleManifest(), nil))
	var buf bytes.Buffer
	zw := newRawZip(&buf)
	for _, e := range es {
		if e.name == "index.html" {
			zw.raw(t, e.name, zeroBomb(1+258*(1<<30/258)), uint64(len(small)), crc32.ChecksumIEEE(small))
			continue
		}
		zw.raw(t, e.name, deflate(t, e.data), uint64(len(e.data)), crc32.ChecksumIEEE(e.data))
	}
	zw.close(t)
	return buf.Bytes()
}

func TestZipBombIsNotInflated(t *testing.T) {
	bomb := lyingBomb(t)
	if len(bomb) > 8<<20 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rep, err := verifyArchive(bytes.NewReader(bomb), int64(len(bomb)), nil, defaultLimits)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !slices.Equal(rep.Altered, []string{"index.html"}) {
		t.Errorf("report = %+v, want index.html altered", rep)
	}
	// Reading stops at the declared size: far less than the gigabyte inside.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("Verify allocated %d MiB", grew>>20)
	}

	dir := filepath.Join(t.TempDir(), "out")
	err = extractArchive(bytes.NewReader(bomb), int64(len(bomb)), dir, defaultLimits)
	if err == nil {
		t.Fatal("Extract accepted the bomb")
	}
	if st, err := os.Stat(filepath.Join(dir, "index.html")); err == nil && st.Size() > 1<<20 {
		t.Errorf("Extract wrote %d bytes of the bomb", st.Size())
	}
}

func TestVerifyDamagedEntry(t *testing.T) {
	data := writeBundle(t, sampleFiles(), sampleManifest(), nil)
	var target *zip.File
	for _, f := range readZip(t, data).File {
		if f.Name == "en/m1/index.html" {
			target = f
		}
	}
	at, err := target.DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	damaged := slices.Clone(data)
	damaged[at+2] ^= 0xff // inflating fails or gives other bytes
	rep, err := verifyArchive(bytes.NewReader(damaged), int64(len(damaged)), nil, defaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Altered, []string{"en/m1/index.html"}) || rep.OK() {
		t.Errorf("report = %+v, want en/m1/index.html altered", rep)
	}
}

// A damaged manifest is a damaged bundle, and a zip cut short (a download
// that stopped) is told as such, not as something else than a bundle.
func TestVerifyDamagedManifestAndCutZip(t *testing.T) {
	data := writeBundle(t, sampleFiles(), sampleManifest(), nil)
	var manifest *zip.File
	for _, f := range readZip(t, data).File {
		if f.Name == ManifestName {
			manifest = f
		}
	}
	at, err := manifest.DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	damaged := slices.Clone(data)
	damaged[at+10] ^= 0xff
	if _, err := verifyArchive(bytes.NewReader(damaged), int64(len(damaged)), nil, defaultLimits); err == nil ||
		errors.Is(err, ErrNotBundle) || !strings.Contains(err.Error(), "damaged: MANIFEST.json cannot be read") {
		t.Errorf("damaged manifest: %v", err)
	}
	cut := data[:len(data)/2]
	if _, err := verifyArchive(bytes.NewReader(cut), int64(len(cut)), nil, defaultLimits); err == nil || !strings.Contains(err.Error(), "it may be incomplete") {
		t.Errorf("cut zip: %v", err)
	}
}

// TestVerifyRefusesHiddenBytes: a zip whose bytes are not all its listed
// entries unpacks to other files in tools that stream local headers than
// in those that read the central directory, as Verify does; it is refused,
// signed or not.
func TestVerifyRefusesHiddenBytes(t *testing.T) {
	_, priv := testKey(t)
	good := writeBundle(t, sampleFiles(), sampleManifest(), priv)
	eocd := bytes.LastIndex(good, []byte("PK\x05\x06"))
	cd := int(binary.LittleEndian.Uint32(good[eocd+16:]))
	// A stored local entry, index.html, that the central directory does not list.
	var hiddenEntry bytes.Buffer
	zw := zip.NewWriter(&hiddenEntry)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "index.html", Method: zip.Store})
	_, _ = w.Write([]byte(`<script src="https://evil.example/x.js"></script>`))
	_ = zw.Flush()
	local := hiddenEntry.Bytes()[:bytes.Index(hiddenEntry.Bytes(), []byte("PK\x07\x08"))+16]
	withOffset := func(data []byte, shift int) []byte {
		e := bytes.LastIndex(data, []byte("PK\x05\x06"))
		binary.LittleEndian.PutUint32(data[e+16:], uint32(cd+shift))
		return data
	}
	inserted := withOffset(append(append(slices.Clone(good[:cd]), local...), good[cd:]...), len(local))
	renamed := slices.Clone(good)
	first := bytes.Index(renamed, []byte("PK\x03\x04"))
	nameLen := int(binary.LittleEndian.Uint16(renamed[first+26:]))
	copy(renamed[first+30:first+30+nameLen], bytes.Repeat([]byte("x"), nameLen))
	prefixed := append([]byte("MZ not a zip, a program"), good...)
	// The last entry's compressed size, in the list, made to cover the
	// hidden entry after its deflate stream, which a decompressor ignores.
	longer := append(append(slices.Clone(good[:cd]), local...), good[cd:]...)
	last := bytes.LastIndex(longer[:cd+len(local)+bytes.Index(good[cd:], []byte("PK\x05\x06"))], []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(longer[last+20:], binary.LittleEndian.Uint32(longer[last+20:])+uint32(len(local)))
	longer = withOffset(longer, len(local))
	for name, data := range map[string][]byte{"an entry before the directory": inserted, "a local name that differs": renamed,
		"bytes before the first entry": prefixed, "an entry's listed size covering them": longer} {
		if _, err := verifyArchive(bytes.NewReader(data), int64(len(data)), nil, defaultLimits); !errors.Is(err, ErrUnsafe) {
			t.Errorf("%s: %v, want ErrUnsafe", name, err)
		}
		if err := extractArchive(bytes.NewReader(data), int64(len(data)), t.TempDir()+"/x", defaultLimits); !errors.Is(err, ErrUnsafe) {
			t.Errorf("%s, extracted: %v, want ErrUnsafe", name, err)
		}
	}
	if rep, err := verifyArchive(bytes.NewReader(good), int64(len(good)), nil, defaultLimits); err != nil || !rep.OK() {
		t.Errorf("the bundle as written: %+v, %v", rep, err)
	}
}
