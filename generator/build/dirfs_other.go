//go:build !linux

package build

import "os"

// folderFile is nil: readIn is only for Linux.
func folderFile(r *os.Root) *os.File { return nil }

// readIn never reads: the caller asks the folder's root.
func readIn(dir *os.File, name string) ([]byte, bool) { return nil, false }
