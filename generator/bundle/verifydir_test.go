package bundle

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// unpacked writes a signed bundle of files and extracts it into a new
// folder's sub (the folder itself when sub is "").
func unpacked(t *testing.T, files []File, sub string) (dir, root string) {
	t.Helper()
	_, priv := testKey(t)
	dir = t.TempDir()
	root = filepath.Join(dir, sub)
	if err := Extract(saveZip(t, writeBundle(t, files, sampleManifest(), priv)), root); err != nil {
		t.Fatal(err)
	}
	return dir, root
}

func TestVerifyDir(t *testing.T) {
	pub, _ := testKey(t)
	otherPub, _, _ := ed25519.GenerateKey(nil)
	write := func(t *testing.T, name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("intact, signed", func(t *testing.T) {
		dir, _ := unpacked(t, sampleFiles(), "")
		rep, err := VerifyDir(dir, pub)
		if err != nil || !rep.OK() || !rep.SignatureValid || rep.Dir != dir || len(rep.Manifest.Files) != len(sampleFiles()) {
			t.Errorf("VerifyDir = %+v, %v", rep, err)
		}
		if rep, err := VerifyDir(dir, otherPub); err != nil || rep.OK() || rep.SignatureValid {
			t.Errorf("other key: %+v, %v", rep, err)
		}
	})
	t.Run("unpacked into a folder of its own, with the system's files", func(t *testing.T) {
		dir, root := unpacked(t, sampleFiles(), "course-fr-zh")
		for _, name := range []string{".DS_Store", "course-fr-zh/.DS_Store", "course-fr-zh/en/Thumbs.db", "course-fr-zh/desktop.ini",
			"course-fr-zh/en/._index.html", "course-fr-zh/__MACOSX/en/._index.html"} {
			write(t, filepath.Join(dir, name), "system")
		}
		rep, err := VerifyDir(dir, pub)
		want := []string{".DS_Store", "__MACOSX", "desktop.ini", "en/._index.html", "en/Thumbs.db"}
		if err != nil || !rep.OK() || rep.Dir != root || !slices.Equal(rep.Ignored, want) {
			t.Errorf("VerifyDir = %+v, %v; want intact in %s, ignoring %v", rep, err, root, want)
		}
	})
	t.Run("altered, missing, extra, a link", func(t *testing.T) {
		dir, _ := unpacked(t, sampleFiles(), "")
		write(t, filepath.Join(dir, "en/index.html"), "<p>changed</p>")
		write(t, filepath.Join(dir, "en/extra.html"), "<p>new</p>")
		if err := os.Remove(filepath.Join(dir, "assets/site.css")); err != nil {
			t.Fatal(err)
		}
		png := filepath.Join(dir, "en/m1/diagram.png")
		if err := os.Rename(png, filepath.Join(dir, "diagram.png")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("../../diagram.png", png); err != nil {
			t.Fatal(err)
		}
		rep, err := VerifyDir(dir, nil)
		if err != nil || rep.OK() || !slices.Equal(rep.Altered, []string{"en/index.html", "en/m1/diagram.png"}) ||
			!slices.Equal(rep.Missing, []string{"assets/site.css"}) || !slices.Equal(rep.Extra, []string{"diagram.png", "en/extra.html"}) {
			t.Errorf("VerifyDir = altered %v, missing %v, extra %v (%v)", rep.Altered, rep.Missing, rep.Extra, err)
		}
	})
	t.Run("names decomposed, as macOS may store them", func(t *testing.T) {
		files := append(sampleFiles(), File{"fr/écoute/index.html", []byte("<p>Écouter</p>")})
		dir, _ := unpacked(t, files, "")
		if err := os.Rename(filepath.Join(dir, "fr/écoute"), filepath.Join(dir, "fr/e\u0301coute")); err != nil {
			t.Fatal(err)
		}
		if rep, err := VerifyDir(dir, pub); err != nil || !rep.OK() {
			t.Errorf("VerifyDir = %+v, %v", rep, err)
		}
	})
	t.Run("not a copy", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "a/index.html"), "a")
		write(t, filepath.Join(dir, "b/index.html"), "b")
		if _, err := VerifyDir(dir, nil); !errors.Is(err, ErrNotBundle) {
			t.Errorf("two folders: %v, want ErrNotBundle", err)
		}
		if _, err := VerifyDir(filepath.Join(dir, "a/index.html"), nil); err == nil {
			t.Error("a file verified as a folder")
		}
	})
	t.Run("manifest damaged", func(t *testing.T) {
		dir, _ := unpacked(t, sampleFiles(), "")
		write(t, filepath.Join(dir, ManifestName), `{"format":`)
		if _, err := VerifyDir(dir, nil); !errors.Is(err, ErrNotBundle) {
			t.Errorf("cut manifest: %v, want ErrNotBundle", err)
		}
	})
}
