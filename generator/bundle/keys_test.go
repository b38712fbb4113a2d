package bundle

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestKeygenAndLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys") // created by Keygen
	privPath, pubPath, err := Keygen(dir, "consulate-2026")
	if err != nil {
		t.Fatal(err)
	}
	if privPath != filepath.Join(dir, "consulate-2026") || pubPath != privPath+".pub" {
		t.Errorf("paths = %s, %s", privPath, pubPath)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(privPath)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("private key mode %v, want 0600", st.Mode().Perm())
		}
	}
	priv, err := LoadPrivateKey(privPath)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := LoadPublicKey(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Fatal("the public key is not the private key's")
	}
	pubText, _ := os.ReadFile(pubPath)
	if !strings.Contains(string(pubText), Fingerprint(pub)) {
		t.Errorf("public key file does not name its fingerprint:\n%s", pubText)
	}

	// The pair signs bundles that verify.
	zipPath := saveZip(t, writeBundle(t, sampleFiles(), sampleManifest(), priv))
	rep, err := Verify(zipPath, pub)
	if err != nil || !rep.OK() || !rep.SignatureValid {
		t.Fatalf("Verify = %+v, %v", rep, err)
	}
}

func TestKeygenRefusesToOverwrite(t *testing.T) {
	tests := []struct {
		name     string
		existing string // file present before Keygen
	}{
		{"private key exists", "k"},
		{"public key exists", "k.pub"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.existing), []byte("precious"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, _, err := Keygen(dir, "k"); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Fatalf("Keygen error = %v, want a refusal", err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("Keygen left %d files, want only the existing one", len(entries))
			}
			data, _ := os.ReadFile(filepath.Join(dir, tt.existing))
			if string(data) != "precious" {
				t.Error("existing file was changed")
			}
		})
	}
}

func TestKeygenRefusesPathsAsNames(t *testing.T) {
	for _, name := range []string{"", ".", "..", "a/b", `a\b`} {
		if _, _, err := Keygen(t.TempDir(), name); err == nil {
			t.Errorf("Keygen(%q) succeeded", name)
		}
	}
}

func TestLoadKeyErrors(t *testing.T) {
	dir := t.TempDir()
	privPath, pubPath, err := Keygen(dir, "k")
	if err != nil {
		t.Fatal(err)
	}
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecPriv, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	ecPub, _ := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := write("garbage", []byte("not a key"))
	ecPrivPath := write("ec", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecPriv}))
	ecPubPath := write("ec.pub", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecPub}))
	certPath := write("cert", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}}))
	badDER := write("bad", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1, 2, 3}}))

	tests := []struct {
		name string
		load func(string) error
		path string
		want string
	}{
		{"private: public given", loadPriv, pubPath, "is a public key"},
		{"public: private given", loadPub, privPath, "is a private key"},
		{"private: missing", loadPriv, filepath.Join(dir, "nope"), "no such file"},
		{"private: not PEM", loadPriv, garbage, "no PEM"},
		{"public: not PEM", loadPub, garbage, "no PEM"},
		{"private: ECDSA", loadPriv, ecPrivPath, "want an Ed25519 key"},
		{"public: ECDSA", loadPub, ecPubPath, "want an Ed25519 key"},
		{"private: certificate", loadPriv, certPath, `"CERTIFICATE"`},
		{"public: certificate", loadPub, certPath, `"CERTIFICATE"`},
		{"private: bad DER", loadPriv, badDER, "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.load(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func loadPriv(p string) error { _, err := LoadPrivateKey(p); return err }
func loadPub(p string) error  { _, err := LoadPublicKey(p); return err }

func TestFingerprint(t *testing.T) {
	pub, _ := testKey(t)
	fp := Fingerprint(pub)
	if !strings.HasPrefix(fp, "SHA256:") || len(fp) != len("SHA256:")+43 {
		t.Errorf("Fingerprint = %q", fp)
	}
	other := make(ed25519.PublicKey, ed25519.PublicKeySize)
	if Fingerprint(other) == fp {
		t.Error("two keys share a fingerprint")
	}
}
