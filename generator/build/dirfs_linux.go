package build

import (
	"os"
	"syscall"
)

// folderFile opens the folder of r as a plain file, for readIn; nil if it
// cannot.
func folderFile(r *os.Root) *os.File {
	f, err := r.Open(".")
	if err != nil {
		return nil
	}
	return f
}

// readIn reads the regular file name in the folder dir as os.Root's
// ReadFile does, but on bare descriptors: an *os.File costs five more
// system calls on Linux (four fcntl and an epoll_ctl that fails for a
// regular file), and a build reads every Markdown file twice. It gives up
// (false) on anything else than a regular file, a link among them, and on
// any error: the caller then asks the root, which answers as it always did.
func readIn(dir *os.File, name string) (data []byte, ok bool) {
	conn, err := dir.SyscallConn()
	if err != nil {
		return nil, false
	}
	// Control keeps the folder's descriptor open meanwhile: a cache that
	// lets it go (folderCache.folder) closes it only afterwards.
	_ = conn.Control(func(dirfd uintptr) {
		var fd int
		for {
			fd, err = syscall.Openat(int(dirfd), name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
			if err != syscall.EINTR {
				break
			}
		}
		if err != nil {
			return
		}
		defer syscall.Close(fd)
		var st syscall.Stat_t
		if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return
		}
		data, ok = readAll(fd, st.Size)
	})
	return data, ok
}

// readAll reads fd to its end, size bytes as it was stated, as
// os.ReadFile does.
func readAll(fd int, size int64) ([]byte, bool) {
	data := make([]byte, 0, max(size+1, 512))
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n < 0 {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		data = data[:len(data)+n]
	}
}
