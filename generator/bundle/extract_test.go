package bundle

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestExtract(t *testing.T) {
	_, priv := testKey(t)
	zipPath := saveZip(t, writeBundle(t, sampleFiles(), sampleManifest(), priv))
	dir := filepath.Join(t.TempDir(), "new", "course") // created by Extract
	if err := Extract(zipPath, dir); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range sampleFiles() {
		want[f.Path] = f.Data
	}
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = data
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			t.Errorf("%s: mode %v", rel, info.Mode())
		}
		if runtime.GOOS != "windows" && info.Mode().Perm()&0o111 != 0 {
			t.Errorf("%s: executable (%v)", rel, info.Mode().Perm())
		}
		if !info.ModTime().Equal(builtAt.Truncate(2 * time.Second)) {
			t.Errorf("%s: modified %v, want the build time", rel, info.ModTime().UTC())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: got %q, want %q", name, got[name], data)
		}
		delete(got, name)
	}
	for _, name := range []string{ManifestName, SignatureName} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s not extracted", name)
		}
		delete(got, name)
	}
	for name := range got {
		t.Errorf("unexpected file %s", name)
	}
}

func TestExtractWithFolderEntries(t *testing.T) {
	zipData := craftZip(t, []rawEntry{
		{name: "en/", mode: fs.ModeDir | 0o755},
		{name: "en/empty/"},
		{name: "en/index.html", data: []byte("<p>hi</p>")},
	})
	dir := t.TempDir()
	if err := Extract(saveZip(t, zipData), dir); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, "en", "empty")); err != nil || !st.IsDir() {
		t.Errorf("empty folder not created: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "en", "index.html")); string(data) != "<p>hi</p>" {
		t.Errorf("en/index.html = %q", data)
	}
}

func TestExtractRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "index.html")
	if err := os.WriteFile(old, []byte("old course"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Extract(saveZip(t, writeBundle(t, sampleFiles(), sampleManifest(), nil)), dir)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("error = %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(old); string(data) != "old course" {
		t.Error("existing file changed")
	}
}

func TestExtractRefusesUnsafeZips(t *testing.T) {
	for _, tt := range unsafeZips(t) {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			err := extractArchive(bytes.NewReader(tt.zip), int64(len(tt.zip)), dir, tt.lim)
			if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want ErrUnsafe with %q", err, tt.want)
			}
			// Refused before writing anything, anywhere.
			entries, _ := os.ReadDir(parent)
			if len(entries) != 0 {
				t.Errorf("Extract created %v", entries)
			}
		})
	}
}

func TestExtractDamagedEntry(t *testing.T) {
	es := bundleEntries(t, writeBundle(t, sampleFiles(), sampleManifest(), nil))
	zipData := craftZip(t, es)
	// Flip a byte inside the first deflated body (after its 30-byte header
	// and name) so that inflating or the CRC check fails.
	at := 30 + len(es[0].name) + 5
	zipData[at] ^= 0xff
	err := extractArchive(bytes.NewReader(zipData), int64(len(zipData)), t.TempDir(), defaultLimits)
	if err == nil {
		t.Fatal("Extract accepted a damaged entry")
	}
	if !strings.Contains(err.Error(), ManifestName) {
		t.Errorf("error does not name the entry: %v", err)
	}
}
