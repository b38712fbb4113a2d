//go:build !linux

package output

import (
	"fmt"
	"os"
)

// writeFile writes data to the file full, as os.WriteFile does; with over
// (a reused working folder, see Dir.write), a file already there is
// written over and cut to length rather than emptied first, and a link
// there is not followed.
func writeFile(full string, data []byte, over bool) error {
	if !over {
		return os.WriteFile(full, data, 0o644)
	}
	if info, err := os.Lstat(full); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", full)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
