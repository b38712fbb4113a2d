package bundle

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// VerifyDir checks an offline copy unpacked into dir, as Verify checks its
// zip: a consulate can check the copy on its machine, not only the zip it
// received. dir is the folder with MANIFEST.json, or a folder holding just
// that folder (as "Extract All" and Archive Utility unpack a zip into a
// folder of its name); Report.Dir says which was checked.
//
// Files that systems add to folders they show (.DS_Store, Thumbs.db,
// desktop.ini, AppleDouble "._" files, __MACOSX) are not the course's:
// they are listed in Report.Ignored, not as extra, unless the manifest
// lists them. File names are compared in Unicode NFC, as the manifest
// writes them, since macOS may store them decomposed. Links are not
// followed: a link where the manifest lists a file is an altered file.
func VerifyDir(dir string, pub ed25519.PublicKey) (Report, error) {
	rep, err := verifyDir(dir, pub, defaultLimits)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", dir, err)
	}
	return rep, nil
}

func verifyDir(dir string, pub ed25519.PublicKey, lim limits) (Report, error) {
	var rep Report
	if err := checkKeySize(pub); err != nil {
		return rep, err
	}
	root, err := copyRoot(dir)
	if err != nil {
		return rep, err
	}
	rep.Dir = root
	manifestJSON, err := readSmall(filepath.Join(root, ManifestName), lim.manifest)
	if err != nil {
		return rep, fmt.Errorf("damaged: %s cannot be read (%v); get a new copy of the bundle", ManifestName, err)
	}
	sigPath := filepath.Join(root, SignatureName)
	_, statErr := os.Lstat(sigPath)
	var sig []byte
	if statErr == nil && pub != nil {
		sig, _ = readSmall(sigPath, maxSignatureSize)
	}
	if err := rep.readManifest(manifestJSON, statErr == nil, sig, pub); err != nil {
		return rep, err
	}
	listed := make(map[string]bool, len(rep.Manifest.Files))
	for _, f := range rep.Manifest.Files {
		listed[f.Path] = true
	}
	var files []copyFile
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := norm.NFC.String(filepath.ToSlash(rel))
		switch {
		case p == root, name == ManifestName, name == SignatureName:
			return nil
		case systemFile(d.Name(), d.IsDir()) && !listed[name]:
			rep.Ignored = append(rep.Ignored, name)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		f := copyFile{name: name, notFile: !d.Type().IsRegular()}
		if !f.notFile {
			f.read = func(w io.Writer) (int64, error) { return copyLimited(w, p, lim.entrySize) }
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return rep, err
	}
	slices.Sort(rep.Ignored)
	return rep, rep.compare(files, lim)
}

// copyRoot is the folder of dir's copy: dir itself when it holds the
// manifest, or its one folder that does.
func copyRoot(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", fmt.Errorf("not a folder")
	}
	if _, err := os.Lstat(filepath.Join(dir, ManifestName)); err == nil {
		return dir, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var folders []string
	for _, e := range entries {
		if !systemFile(e.Name(), e.IsDir()) {
			if !e.IsDir() {
				folders = nil
				break
			}
			folders = append(folders, e.Name())
		}
	}
	if len(folders) == 1 {
		sub := filepath.Join(dir, folders[0])
		if _, err := os.Lstat(filepath.Join(sub, ManifestName)); err == nil {
			return sub, nil
		}
	}
	return "", fmt.Errorf("%w: no %s in this folder; give the folder that holds the copy's index.html and %s", ErrNotBundle, ManifestName, ManifestName)
}

// systemFile reports whether a file or folder named name is one that
// Windows or macOS adds to a folder they show or unpack.
func systemFile(name string, isDir bool) bool {
	if isDir {
		return name == "__MACOSX"
	}
	switch strings.ToLower(name) {
	case ".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini":
		return true
	}
	return strings.HasPrefix(name, "._")
}

// readSmall reads a plain file of at most limit bytes.
func readSmall(name string, limit int64) ([]byte, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a plain file")
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return os.ReadFile(name)
}

// copyLimited writes the file name to w, failing past limit bytes.
func copyLimited(w io.Writer, name string, limit int64) (int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := io.Copy(w, io.LimitReader(f, limit+1))
	if err == nil && n > limit {
		err = fmt.Errorf("larger than %d bytes", limit)
	}
	return n, err
}
