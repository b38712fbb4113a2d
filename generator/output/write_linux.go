package output

import (
	"io"
	"io/fs"
	"syscall"
)

// writeFile writes data to the file full as os.WriteFile does, with the
// same errors, but on the bare file descriptor: opening an *os.File costs
// five more system calls on Linux (four fcntl and an epoll_ctl that fails
// for a regular file), for each of a build's thousands of files. With over
// (a reused working folder, see Dir.write), a file already there is
// written over and cut to length rather than emptied first, and neither a
// link nor a pipe there is opened: the open fails instead.
func writeFile(full string, data []byte, over bool) error {
	flags := syscall.O_WRONLY | syscall.O_CREAT | syscall.O_CLOEXEC
	if over {
		flags |= syscall.O_NOFOLLOW | syscall.O_NONBLOCK
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
