//go:build !linux

package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// writeFile writes data to the file full, as os.WriteFile does; with over
// (a reused working folder, see Dir.write), a file already there holding
// data is left as it is, another is written over and cut to length
// rather than emptied first, and a link there is not followed.
func writeFile(full string, data []byte, over bool) error {
	if !over {
		return os.WriteFile(full, data, 0o644)
	}
	info, err := os.Lstat(full)
	if err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", full)
	}
	f, err := os.OpenFile(full, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if info != nil && info.Size() == int64(len(data)) {
		old := make([]byte, len(data))
		if _, err := io.ReadFull(f, old); err == nil && bytes.Equal(old, data) {
			return f.Close()
		}
	}
	_, err = f.WriteAt(data, 0)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
