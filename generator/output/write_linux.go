package output

import (
	"bytes"
	"io"
	"io/fs"
	"sync"
	"syscall"
)

// readPool holds the buffers writeFile reads a previous file into, a
// piece at a time: a file of megabytes (a large course's sitemap) is
// compared without a buffer of its size.
var readPool = sync.Pool{New: func() any { b := make([]byte, 128<<10); return &b }}

// writeFile writes data to the file full as os.WriteFile does, with the
// same errors, but on the bare file descriptor: opening an *os.File costs
// five more system calls on Linux (four fcntl and an epoll_ctl that fails
// for a regular file), for each of a build's thousands of files.
//
// With over (a reused working folder, see Dir.write), a file already
// there of data's length is read first, and left as it is if it holds
// data: a rebuild writes only what changed (see Dir.write). Another file
// there is written over and cut to length rather than emptied first.
// Neither a link nor anything but a regular file there is read or
// written: the open or the read fails instead.
func writeFile(full string, data []byte, over bool) error {
	flags := syscall.O_WRONLY | syscall.O_CREAT | syscall.O_CLOEXEC
	if over {
		flags = syscall.O_RDWR | syscall.O_CREAT | syscall.O_CLOEXEC | syscall.O_NOFOLLOW | syscall.O_NONBLOCK
	} else {
		flags |= syscall.O_TRUNC
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(full, flags, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: full, Err: err}
	}
	if over {
		same, err := holds(fd, data)
		if err != nil || same {
			if err != nil {
				err = &fs.PathError{Op: "read", Path: full, Err: err}
			}
			syscall.Close(fd)
			return err
		}
	}
	err = writeAll(fd, data)
	if err != nil {
		err = &fs.PathError{Op: "write", Path: full, Err: err}
	} else if over {
		for {
			err = syscall.Ftruncate(fd, int64(len(data)))
			if err != syscall.EINTR {
				break
			}
		}
		if err != nil {
			err = &fs.PathError{Op: "truncate", Path: full, Err: err}
		}
	}
	if cerr := syscall.Close(fd); cerr != nil && err == nil {
		err = &fs.PathError{Op: "close", Path: full, Err: cerr}
	}
	return err
}

// holds reports whether the file open at fd is a regular file holding
// exactly data. It fails for anything but a regular file (a pipe or a
// device, which an open for reading and writing does not refuse).
func holds(fd int, data []byte) (bool, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(fd, &st)
		if err == nil {
			break
		}
		if err != syscall.EINTR {
			return false, err
		}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return false, syscall.EINVAL
	}
	if st.Size != int64(len(data)) {
		return false, nil
	}
	bp := readPool.Get().(*[]byte)
	defer readPool.Put(bp)
	buf := *bp
	// The folder is the build's own: nothing changes the file while it
	// is read, so its size as stated is all there is to read.
	for n := 0; n < len(data); {
		m, err := syscall.Pread(fd, buf[:min(len(buf), len(data)-n)], int64(n))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return false, err
		}
		if m == 0 || !bytes.Equal(buf[:m], data[n:n+m]) {
			return false, nil
		}
		n += m
	}
	return true, nil
}

// writeAll writes data whole, as an *os.File's Write does: in pieces of
// at most 1 GiB, again after an interruption.
func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data[:min(len(data), 1<<30)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return io.ErrUnexpectedEOF
		}
		data = data[n:]
	}
	return nil
}
