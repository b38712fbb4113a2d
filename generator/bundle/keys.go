package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Keygen creates an Ed25519 key pair for signing bundles: the private key
// in dir/name (mode 0600) and the public key in dir/name.pub. It creates
// dir (mode 0700) when needed and refuses to overwrite either file: losing a
// signing key that consulates trust is not undoable.
//
// Both files are PEM, readable by OpenSSL ("openssl pkey -in NAME"): the
// private key as PKCS #8 ("PRIVATE KEY"), the public key as PKIX
// ("PUBLIC KEY"), each after a comment line saying what the file is.
func Keygen(dir, name string) (privPath, pubPath string, err error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return "", "", fmt.Errorf("key name %q: want a file name, without folders", name)
	}
	privPath = filepath.Join(dir, name)
	pubPath = privPath + ".pub"
	for _, p := range []string{privPath, pubPath} {
		if _, err := os.Lstat(p); err == nil {
			return "", "", fmt.Errorf("%s already exists: not overwriting a key (choose another name or move it away)", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", "", err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return "", "", err
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return "", "", err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", "", err
	}
	privText := "# fieldguide bundle signing key. Keep it secret: whoever has it can sign bundles.\n" +
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}))
	pubText := fmt.Sprintf("# fieldguide bundle public key %s. Give it to whoever checks bundles (fieldguide verify --key).\n",
		Fingerprint(pub)) +
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))

	if err := writeNew(privPath, privText, 0o600); err != nil {
		return "", "", err
	}
	if err := writeNew(pubPath, pubText, 0o644); err != nil {
		os.Remove(privPath) // ours: writeNew created it; a pair is all or nothing
		return "", "", err
	}
	return privPath, pubPath, nil
}

// writeNew creates name, failing if it exists (O_EXCL also closes the race
// with the check in Keygen).
func writeNew(name, text string, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// Fingerprint names a public key in a form short enough to read aloud or
// compare by eye: "SHA256:" and the unpadded base64 of the SHA-256 of the
// raw 32-byte key.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// LoadPrivateKey reads a private key written by Keygen (any PKCS #8 PEM
// Ed25519 key).
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	block, err := readPEM(path)
	if err != nil {
		return nil, err
	}
	switch block.Type {
	case "PRIVATE KEY":
	case "PUBLIC KEY":
		return nil, fmt.Errorf("%s is a public key: signing needs the private key (the file without .pub)", path)
	default:
		return nil, fmt.Errorf("%s: PEM block %q, want \"PRIVATE KEY\"", path, block.Type)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: %T, want an Ed25519 key", path, key)
	}
	return priv, nil
}

// LoadPublicKey reads a public key written by Keygen (any PKIX PEM Ed25519
// key).
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	block, err := readPEM(path)
	if err != nil {
		return nil, err
	}
	switch block.Type {
	case "PUBLIC KEY":
	case "PRIVATE KEY":
		return nil, fmt.Errorf("%s is a private key: give the .pub file, and keep this one secret", path)
	default:
		return nil, fmt.Errorf("%s: PEM block %q, want \"PUBLIC KEY\"", path, block.Type)
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pub, ok := key.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s: %T, want an Ed25519 key", path, key)
	}
	return pub, nil
}

func readPEM(path string) (*pem.Block, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("%s: no PEM key found", path)
	}
	return block, nil
}
