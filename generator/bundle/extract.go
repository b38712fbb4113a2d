package bundle

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Extract unpacks the zip at zipPath into dir, which must be empty or not
// exist yet: mixing an old copy of a course with a new one would leave
// pages that link to files that no longer match.
//
// Every entry is checked before anything is written (see the package
// documentation); an unsafe zip wraps ErrUnsafe and leaves dir untouched.
// Files are written with mode 0644 and folders with 0755 (less the umask),
// through an os.Root so that nothing can land outside dir. Extract does not
// verify the manifest: call Verify for that.
func Extract(zipPath, dir string) error {
	f, err := os.Open(zipPath)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", zipPath)
	}
	if err := extractArchive(f, st.Size(), dir, defaultLimits); err != nil {
		return fmt.Errorf("%s: %w", zipPath, err)
	}
	return nil
}

func extractArchive(r io.ReaderAt, size int64, dir string, lim limits) (err error) {
	a, err := openArchive(r, size, lim)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	_, err = d.Readdirnames(1)
	d.Close()
	if err == nil {
		return fmt.Errorf("%s is not empty: extract into a new folder", dir)
	} else if !errors.Is(err, io.EOF) {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := root.Close(); err == nil {
			err = cerr
		}
	}()

	var total int64
	for _, e := range a.entries {
		name, isDir := strings.CutSuffix(e.Name, "/")
		local := filepath.FromSlash(name)
		if isDir {
			if err := root.MkdirAll(local, 0o755); err != nil {
				return err
			}
			continue
		}
		if parent := path.Dir(name); parent != "." {
			if err := root.MkdirAll(filepath.FromSlash(parent), 0o755); err != nil {
				return err
			}
		}
		// O_EXCL: a name that somehow reached the disk twice is an error,
		// never an overwrite.
		out, err := root.OpenFile(local, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		n, err := readEntry(e, lim, out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if total += n; total > lim.totalSize {
			return fmt.Errorf("%w: entries hold more than %d bytes in total", ErrUnsafe, lim.totalSize)
		}
		if !e.Modified.IsZero() {
			// The build time, so every copy of one bundle shows the same dates.
			if err := root.Chtimes(local, e.Modified, e.Modified); err != nil {
				return err
			}
		}
	}
	return nil
}
