package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteIsReproducible(t *testing.T) {
	_, priv := testKey(t)
	want := writeBundle(t, sampleFiles(), sampleManifest(), priv)

	reversed := sampleFiles()
	slices.Reverse(reversed)
	rotated := sampleFiles()
	rotated = append(rotated[3:], rotated[:3]...)
	withNanos := sampleManifest()
	withNanos.Built = builtAt.Add(999 * time.Millisecond).In(time.FixedZone("UTC+5", 5*3600))
	stale := sampleManifest()
	stale.Files = []ManifestFile{{Path: "old.html", Size: 1, SHA256: "00"}}
	stale.Format = "something else"

	tests := []struct {
		name  string
		files []File
		m     Manifest
	}{
		{"same input again", sampleFiles(), sampleManifest()},
		{"files reversed", reversed, sampleManifest()},
		{"files rotated", rotated, sampleManifest()},
		{"same instant, other zone, sub-second part", sampleFiles(), withNanos},
		{"caller's Files and Format replaced", sampleFiles(), stale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := writeBundle(t, tt.files, tt.m, priv)
			if !bytes.Equal(got, want) {
				t.Errorf("bytes differ: %d vs %d bytes", len(got), len(want))
			}
		})
	}

	t.Run("different content gives different bytes", func(t *testing.T) {
		files := sampleFiles()
		files[0].Data = append(slices.Clone(files[0].Data), '!')
		if bytes.Equal(writeBundle(t, files, sampleManifest(), priv), want) {
			t.Error("changing a file did not change the zip")
		}
	})
}

func TestWriteLayout(t *testing.T) {
	pub, priv := testKey(t)
	data := writeBundle(t, sampleFiles(), sampleManifest(), priv)
	zr := readZip(t, data)

	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	wantNames := []string{
		ManifestName, SignatureName,
		"assets/site.css", "en/index.html", "en/m1/diagram.png", "en/m1/index.html", "index.html", "zh/课程/index.html",
	}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("entries:\n got %q\nwant %q", names, wantNames)
	}

	wantTime := builtAt.Truncate(2 * time.Second) // zip's two-second resolution
	for _, f := range zr.File {
		if !f.Modified.Equal(wantTime) {
			t.Errorf("%s: Modified = %v, want %v", f.Name, f.Modified, wantTime)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x, want none (no extended timestamp)", f.Name, f.Extra)
		}
		if f.Mode() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r--", f.Name, f.Mode())
		}
		if f.CreatorVersion>>8 != 3 {
			t.Errorf("%s: creator %d, want 3 (Unix), so the mode is read", f.Name, f.CreatorVersion>>8)
		}
		// UTF-8 names say so, or Windows and 7-Zip read '课程' as code page 437.
		if utf8Flag := f.Flags&0x800 != 0; utf8Flag != (f.Name == "zh/课程/index.html") || f.NonUTF8 {
			t.Errorf("%s: UTF-8 flag %v (flags %#x)", f.Name, utf8Flag, f.Flags)
		}
		wantMethod := zip.Deflate
		if strings.HasSuffix(f.Name, ".png") {
			wantMethod = zip.Store
		}
		if f.Method != wantMethod {
			t.Errorf("%s: method %d, want %d", f.Name, f.Method, wantMethod)
		}
	}

	manifestJSON := entryData(t, zr.File[0])
	var m Manifest
	if err := json.Unmarshal(manifestJSON, &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != FormatVersion || !m.Built.Equal(builtAt) || m.Title != sampleManifest().Title {
		t.Errorf("manifest header = %+v", m)
	}
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	var listed []string
	for _, mf := range m.Files {
		listed = append(listed, mf.Path)
		content := entryData(t, byName[mf.Path])
		sum := sha256.Sum256(content)
		if mf.Size != int64(len(content)) || mf.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("manifest entry %+v does not match the content", mf)
		}
	}
	if !slices.Equal(listed, wantNames[2:]) {
		t.Errorf("manifest lists %q, want %q (everything but the manifest and signature)", listed, wantNames[2:])
	}

	sigText := entryData(t, zr.File[1])
	if !bytes.HasSuffix(sigText, []byte("\n")) || bytes.Count(sigText, []byte("\n")) != 1 {
		t.Errorf("MANIFEST.sig = %q, want one line", sigText)
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sigText)))
	if err != nil {
		t.Fatal(err)
	}
	if !ed25519.Verify(pub, manifestJSON, sig) {
		t.Error("MANIFEST.sig does not verify against MANIFEST.json")
	}
}

func TestWriteUnsigned(t *testing.T) {
	zr := readZip(t, writeBundle(t, sampleFiles(), sampleManifest(), nil))
	for _, f := range zr.File {
		if f.Name == SignatureName {
			t.Error("unsigned bundle has MANIFEST.sig")
		}
	}
}

// TestManifestGolden pins the manifest format that other tools may read.
// Run with -update after a deliberate change and review the diff.
func TestManifestGolden(t *testing.T) {
	zr := readZip(t, writeBundle(t, sampleFiles(), sampleManifest(), nil))
	got := entryData(t, zr.File[0])
	golden := filepath.Join("testdata", "manifest.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("MANIFEST.json differs from %s:\n%s", golden, got)
	}
}

func TestWriteRefuses(t *testing.T) {
	ok := File{"index.html", []byte("x")}
	_, priv := testKey(t)
	tests := []struct {
		name   string
		files  []File
		m      Manifest
		signer ed25519.PrivateKey
		want   string
	}{
		{"no files", nil, sampleManifest(), nil, "no files"},
		{"no build time", []File{ok}, Manifest{Title: "x"}, nil, "Built is not set"},
		{"short signing key", []File{ok}, sampleManifest(), priv[:32], "signing key"},
		{"parent segment", []File{ok, {"../evil.html", nil}}, sampleManifest(), nil, `".." segment`},
		{"absolute", []File{{"/etc/passwd", nil}}, sampleManifest(), nil, "absolute"},
		{"backslash", []File{{`en\index.html`, nil}}, sampleManifest(), nil, "backslash"},
		{"drive letter", []File{{"C:/x.html", nil}}, sampleManifest(), nil, "drive letter"},
		{"trailing slash", []File{{"en/", nil}}, sampleManifest(), nil, "empty path segment"},
		{"device name", []File{{"en/nul.html", nil}}, sampleManifest(), nil, "reserved device name"},
		{"trailing dot", []File{{"en/lesson./index.html", nil}}, sampleManifest(), nil, "ends with a dot"},
		{"duplicate", []File{ok, ok}, sampleManifest(), nil, "appears twice"},
		{"case duplicate", []File{ok, {"INDEX.html", nil}}, sampleManifest(), nil, "differ only in case"},
		{"file and folder", []File{{"en", nil}, {"en/index.html", nil}}, sampleManifest(), nil, "needs it to be a folder"},
		{"reserved manifest name", []File{{"manifest.json", nil}}, sampleManifest(), nil, "reserved"},
		{"reserved signature name", []File{{SignatureName, nil}}, sampleManifest(), nil, "reserved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.files, tt.m, tt.signer)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write error = %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before refusing", buf.Len())
			}
		})
	}
}

func TestWriteRefusesWhatReadingWouldRefuse(t *testing.T) {
	lim := limits{entries: 4, entrySize: 10, totalSize: 15, directory: 1 << 20, manifest: 1 << 20}
	tests := []struct {
		name  string
		files []File
		want  string
	}{
		{"too many files", []File{{"a", nil}, {"b", nil}, {"c", nil}}, "more than the 2"},
		{"file too large", []File{{"a", make([]byte, 11)}}, "more than the 10"},
		{"total too large", []File{{"a", make([]byte, 8)}, {"b", make([]byte, 8)}}, "total more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := make([]string, len(tt.files))
			for i, f := range tt.files {
				names[i] = f.Path
			}
			err := checkNames(names, func(i int) int64 { return int64(len(tt.files[i].Data)) }, lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestWriteClampsTimesZipCannotStore(t *testing.T) {
	tests := []struct {
		built, entry time.Time
	}{
		{time.Unix(0, 0), time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.built.String(), func(t *testing.T) {
			m := sampleManifest()
			m.Built = tt.built
			zr := readZip(t, writeBundle(t, sampleFiles(), m, nil))
			if got := zr.File[0].Modified; !got.Equal(tt.entry) {
				t.Errorf("entry time %v, want %v", got, tt.entry)
			}
			var back Manifest
			if err := json.Unmarshal(entryData(t, zr.File[0]), &back); err != nil {
				t.Fatal(err)
			}
			if !back.Built.Equal(tt.built) {
				t.Errorf("manifest built %v, want the exact %v", back.Built, tt.built)
			}
		})
	}
}

func TestWriteReportsProgress(t *testing.T) {
	type call struct{ done, total int }
	var calls []call
	var buf bytes.Buffer
	_, priv := testKey(t)
	err := Write(&buf, sampleFiles(), sampleManifest(), priv, WithProgress(func(done, total int) {
		calls = append(calls, call{done, total})
	}))
	if err != nil {
		t.Fatal(err)
	}
	total := len(sampleFiles()) + 2
	if len(calls) != total+1 {
		t.Fatalf("%d calls, want %d: %v", len(calls), total+1, calls)
	}
	for i, c := range calls {
		if c != (call{i, total}) {
			t.Errorf("call %d = %v, want {%d %d}", i, c, i, total)
		}
	}
}

func TestBuildTime(t *testing.T) {
	mtime := time.Date(2026, 3, 4, 5, 6, 7, 890, time.FixedZone("CET", 3600))
	tests := []struct {
		name    string
		epoch   string
		newest  time.Time
		want    time.Time
		wantErr string
	}{
		{"epoch wins", "1700000000", mtime, time.Unix(1700000000, 0).UTC(), ""},
		{"epoch zero", "0", mtime, time.Unix(0, 0).UTC(), ""},
		{"mtime when unset", "", mtime, time.Date(2026, 3, 4, 4, 6, 7, 0, time.UTC), ""},
		{"negative", "-5", mtime, time.Time{}, "whole number"},
		{"not a number", "yesterday", mtime, time.Time{}, "whole number"},
		{"fraction", "1700000000.5", mtime, time.Time{}, "whole number"},
		{"space", " 1700000000", mtime, time.Time{}, "whole number"},
		{"overflow", "99999999999999999999", mtime, time.Time{}, "out of range"},
		{"past year 9999", "253402300800", mtime, time.Time{}, "out of range"},
		{"no time at all", "", time.Time{}, time.Time{}, "no build time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BuildTime(tt.epoch, tt.newest)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("BuildTime = %v, want %v in UTC", got, tt.want)
			}
		})
	}
}

func TestVersionID(t *testing.T) {
	base := VersionID(sampleFiles())
	if len(base) != 12 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Fatalf("VersionID = %q, want 12 hex digits", base)
	}
	reversed := sampleFiles()
	slices.Reverse(reversed)
	edited := sampleFiles()
	edited[2].Data = []byte("changed")
	renamed := sampleFiles()
	renamed[2].Path = "en/m1/other.html"
	// Moving a byte between path and content must change the hash.
	a := VersionID([]File{{"ab", []byte("c")}})
	b := VersionID([]File{{"a", []byte("bc")}})

	if VersionID(reversed) != base {
		t.Error("VersionID depends on the order of files")
	}
	if VersionID(edited) == base {
		t.Error("VersionID ignores content")
	}
	if VersionID(renamed) == base {
		t.Error("VersionID ignores paths")
	}
	if a == b {
		t.Error("VersionID confuses path and content boundaries")
	}
}

func TestPathProblem(t *testing.T) {
	tests := []struct {
		name string
		want string // "" for a good path
	}{
		{"index.html", ""},
		{"fr/module/lesson/index.html", ""},
		{"zh-Hant/課程/index.html", ""},
		{"ar/الوحدة/index.html", ""},
		{"en/a b.pdf", ""},
		{"en/.well-known", ""},
		{"en/consolation.html", ""}, // starts with "con" but is not CON
		{"com0.txt", ""},
		{"", "empty"},
		{"/abs", "absolute"},
		{"a/../b", `".."`},
		{"../b", `".."`},
		{"./b", `"."`},
		{"a//b", "empty path segment"},
		{"a/", "empty path segment"},
		{`a\b`, "backslash"},
		{"C:/Windows", "drive letter"},
		{"c:evil", "drive letter"},
		{"file.txt:stream", "alternate data stream"},
		{"a\x00b", "control"},
		{"a\nb", "control"},
		{"a?b", "not allowed"},
		{"a*b", "not allowed"},
		{"NUL", "reserved device"},
		{"en/con.html", "reserved device"},
		{"COM1", "reserved device"},
		{"lpt9.txt", "reserved device"},
		{"com¹", "reserved device"},
		{"a./b", "ends with a dot"},
		{"a /b", "ends with a dot or a space"},
		{"\xff\xfe", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pathProblem(tt.name)
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("pathProblem(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
