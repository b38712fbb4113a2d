package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// Report is what Verify found.
type Report struct {
	// Missing lists files the manifest names that the copy lacks.
	Missing []string
	// Altered lists files whose size or SHA-256 differs from the manifest,
	// or whose content cannot be read back (a damaged entry).
	Altered []string
	// Extra lists files in the copy that the manifest does not name.
	Extra []string
	// Signed says whether the zip holds MANIFEST.sig.
	Signed bool
	// SignatureChecked says whether a public key was given.
	SignatureChecked bool
	// SignatureValid says whether MANIFEST.sig is a valid signature of
	// MANIFEST.json by that key; false when the zip is not signed.
	SignatureValid bool
	// Manifest is the bundle's manifest as read.
	Manifest Manifest
	// Dir is the folder VerifyDir checked (dir, or the copy's folder in
	// it); "" for a zip.
	Dir string
	// Ignored lists the files VerifyDir left aside as the system's, not
	// the course's (see VerifyDir).
	Ignored []string
}

// OK reports whether the bundle is complete and unchanged, and, when a key
// was given, signed by it.
func (r Report) OK() bool {
	return r.FilesMatch() && (!r.SignatureChecked || r.SignatureValid)
}

// FilesMatch reports whether every file is as the manifest lists it:
// none missing, altered or extra.
func (r Report) FilesMatch() bool {
	return len(r.Missing) == 0 && len(r.Altered) == 0 && len(r.Extra) == 0
}

// Verify checks the bundle at zipPath against its manifest and, when pub is
// not nil, the manifest's signature against pub. It returns an error (and
// no verdict) when the zip is unsafe to read (wrapping ErrUnsafe), is not a
// zip, or is not a bundle (wrapping ErrNotBundle); everything else is in the
// Report. Verify reads entries as streams and never holds more than the
// manifest in memory.
func Verify(zipPath string, pub ed25519.PublicKey) (Report, error) {
	f, err := os.Open(zipPath)
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Report{}, err
	}
	if !st.Mode().IsRegular() {
		return Report{}, fmt.Errorf("%s: not a regular file", zipPath)
	}
	rep, err := verifyArchive(f, st.Size(), pub, defaultLimits)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", zipPath, err)
	}
	return rep, nil
}

func verifyArchive(r io.ReaderAt, size int64, pub ed25519.PublicKey, lim limits) (Report, error) {
	var rep Report
	if err := checkKeySize(pub); err != nil {
		return rep, err
	}
	a, err := openArchive(r, size, lim)
	if err != nil {
		return rep, err
	}
	manifestEntry := a.files[ManifestName]
	if manifestEntry == nil {
		return rep, fmt.Errorf("%w: no %s", ErrNotBundle, ManifestName)
	}
	if manifestEntry.UncompressedSize64 > uint64(lim.manifest) {
		return rep, fmt.Errorf("%w: %s is larger than %d bytes", ErrUnsafe, ManifestName, lim.manifest)
	}
	var manifestJSON bytes.Buffer
	if _, err := readEntry(manifestEntry, lim, &manifestJSON); err != nil {
		// Its bytes were changed on the way: the copy is damaged, not
		// something else than a bundle.
		return rep, fmt.Errorf("damaged: %s cannot be read (%v); get a new copy of the bundle", ManifestName, err)
	}
	var sig []byte
	sigEntry := a.files[SignatureName]
	// A signature is one short line; anything longer is not one.
	if sigEntry != nil && pub != nil && sigEntry.UncompressedSize64 <= maxSignatureSize {
		var b bytes.Buffer
		if _, err := readEntry(sigEntry, lim, &b); err == nil {
			sig = b.Bytes()
		}
	}
	if err := rep.readManifest(manifestJSON.Bytes(), sigEntry != nil, sig, pub); err != nil {
		return rep, err
	}
	var files []copyFile
	for _, e := range a.entries {
		if a.files[e.Name] != e || e.Name == ManifestName || e.Name == SignatureName {
			continue // a folder, or the manifest itself
		}
		files = append(files, copyFile{name: e.Name, read: func(w io.Writer) (int64, error) { return readEntry(e, lim, w) }})
	}
	return rep, rep.compare(files, lim)
}

func checkKeySize(pub ed25519.PublicKey) error {
	if pub != nil && len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("public key has %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	return nil
}

// readManifest decodes the manifest into the report and checks its
// signature sig (nil when none could be read) when pub is given.
func (rep *Report) readManifest(manifestJSON []byte, signed bool, sig []byte, pub ed25519.PublicKey) error {
	m, err := decodeManifest(manifestJSON)
	if err != nil {
		return err
	}
	rep.Manifest = m
	rep.Signed = signed
	rep.SignatureChecked = pub != nil
	rep.SignatureValid = pub != nil && sig != nil && verifySignature(pub, manifestJSON, sig)
	return nil
}

// A copyFile is a file of a copy being verified (a zip's entry, or a file
// of an unpacked folder) other than the manifest and its signature.
type copyFile struct {
	name string
	// read writes the file's bytes to w and returns how many there were.
	// An error wrapping ErrUnsafe stops the verification; any other
	// means the file is damaged.
	read func(w io.Writer) (int64, error)
	// notFile is set for a name that is not a plain file (a link, say),
	// which cannot be the file the manifest lists.
	notFile bool
}

// compare checks files against the manifest, filling the report's lists.
func (rep *Report) compare(files []copyFile, lim limits) error {
	listed := make(map[string]ManifestFile, len(rep.Manifest.Files))
	for _, mf := range rep.Manifest.Files {
		listed[mf.Path] = mf
	}
	var total int64
	for _, f := range files {
		want, ok := listed[f.name]
		if !ok {
			rep.Extra = append(rep.Extra, f.name)
			continue
		}
		delete(listed, f.name)
		if f.notFile {
			rep.Altered = append(rep.Altered, f.name)
			continue
		}
		h := sha256.New()
		n, err := f.read(h)
		if errors.Is(err, ErrUnsafe) {
			return err
		}
		if total += n; total > lim.totalSize {
			return fmt.Errorf("%w: files hold more than %d bytes in total", ErrUnsafe, lim.totalSize)
		}
		if err != nil || n != want.Size || hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
			rep.Altered = append(rep.Altered, f.name)
		}
	}
	for name := range listed {
		rep.Missing = append(rep.Missing, name)
	}
	slices.Sort(rep.Missing)
	slices.Sort(rep.Altered)
	slices.Sort(rep.Extra)
	return nil
}

// maxSignatureSize is far more than the 89 bytes MANIFEST.sig holds.
const maxSignatureSize = 1 << 10

// verifySignature checks the text form of MANIFEST.sig: the standard
// base64 of the 64-byte signature, surrounding white space ignored.
func verifySignature(pub ed25519.PublicKey, manifestJSON, sigText []byte) bool {
	sig, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(sigText)))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(pub, manifestJSON, sig)
}

// decodeManifest reads MANIFEST.json and checks what Verify relies on:
// the format, and file entries that are safe, unique and well-formed.
// Unknown fields are allowed so that additions need no new format.
func decodeManifest(data []byte) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("%w: %s: %v", ErrNotBundle, ManifestName, err)
	}
	if m.Format != FormatVersion {
		return m, fmt.Errorf("%w: %s: format %q, this fieldguide reads %q (is it from a newer fieldguide?)",
			ErrNotBundle, ManifestName, m.Format, FormatVersion)
	}
	names := make([]string, len(m.Files))
	for i, f := range m.Files {
		switch {
		case pathProblem(f.Path) != "":
			return m, fmt.Errorf("%w: %s: file %q: %s", ErrNotBundle, ManifestName, f.Path, pathProblem(f.Path))
		case f.Path == ManifestName || f.Path == SignatureName:
			return m, fmt.Errorf("%w: %s lists %s", ErrNotBundle, ManifestName, f.Path)
		case f.Size < 0:
			return m, fmt.Errorf("%w: %s: file %q: negative size", ErrNotBundle, ManifestName, f.Path)
		case !isSHA256Hex(f.SHA256):
			return m, fmt.Errorf("%w: %s: file %q: sha256 %q is not 64 lowercase hex digits", ErrNotBundle, ManifestName, f.Path, f.SHA256)
		}
		names[i] = f.Path
	}
	if conflict := treeConflict(names, func(int) bool { return false }); conflict != "" {
		return m, fmt.Errorf("%w: %s: %s", ErrNotBundle, ManifestName, conflict)
	}
	return m, nil
}

func isSHA256Hex(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
