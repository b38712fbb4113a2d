//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// folderFile is nil: readIn is only for Linux.
func folderFile(r *os.Root) *os.File { return nil }

// readIn never reads: the caller asks the folder's root.
func readIn(dir *os.File, name string) ([]byte, bool) { return nil, false }

// readInfoIn never reads: the caller asks fs.Stat and fs.ReadFile.
func readInfoIn(dir *os.File, name string, limit int64) (fs.FileInfo, []byte, bool) {
	return nil, nil, false
}

// listIn never lists: the caller asks the folder's root.
func listIn(dir *os.File) ([]dirent, bool) { return nil, false }
