package build

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"math"
	"os"
	"syscall"
	"time"
	"unsafe"
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
	_, data, ok = readInfoIn(dir, name, math.MaxInt64)
	return data, ok
}

// readInfoIn is readIn with the info of the file it opened (its fstat, as
// os.Root's Stat gives it); it reads nothing when the file is larger than
// limit.
func readInfoIn(dir *os.File, name string, limit int64) (info fs.FileInfo, data []byte, ok bool) {
	conn, err := dir.SyscallConn()
	if err != nil {
		return nil, nil, false
	}
	// Control keeps the folder's descriptor open meanwhile: a cache that
	// lets it go (folderCache.folder) closes it only afterwards.
	_ = conn.Control(func(dirfd uintptr) {
		fd, err := openat(int(dirfd), name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK)
		if err != nil {
			return
		}
		defer syscall.Close(fd)
		st := &statInfo{name: name}
		if syscall.Fstat(fd, &st.sys) != nil || st.sys.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return
		}
		if st.sys.Size > limit {
			info, ok = st, true
			return
		}
		if data, ok = readAll(fd, st.sys.Size); ok {
			info = st
		}
	})
	return info, data, ok
}

func openat(dirfd int, name string, flags int) (fd int, err error) {
	for {
		fd, err = syscall.Openat(dirfd, name, flags, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// readAll reads fd, size bytes as it was stated, as os.ReadFile does, but
// without the read that finds the end of the file once it has its size:
// the bytes are then those of the file its info describes, though a file
// growing meanwhile has more. A file that says it is empty (those of
// /proc) is read to its end.
func readAll(fd int, size int64) ([]byte, bool) {
	data := make([]byte, 0, max(size, 512))
	for size == 0 || int64(len(data)) < size {
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
			break
		}
		data = data[:len(data)+n]
	}
	return data, true
}

// statInfo is a regular file's info from its fstat, as os gives it.
type statInfo struct {
	name string
	sys  syscall.Stat_t
}

func (s *statInfo) Name() string       { return s.name }
func (s *statInfo) Size() int64        { return s.sys.Size }
func (s *statInfo) IsDir() bool        { return false }
func (s *statInfo) ModTime() time.Time { return time.Unix(s.sys.Mtim.Unix()) }
func (s *statInfo) Sys() any           { return &s.sys }

func (s *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(s.sys.Mode & 0o777)
	if s.sys.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if s.sys.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if s.sys.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

// listIn lists the folder dir as os.Root's ReadDir does, unsorted, but
// without stating each entry (which a folder opened in an os.Root does):
// the listing gives each one's type. It gives up (false) on an entry of
// unknown type, which some file systems list, and on any error.
func listIn(dir *os.File) (list []dirent, ok bool) {
	conn, err := dir.SyscallConn()
	if err != nil {
		return nil, false
	}
	_ = conn.Control(func(dirfd uintptr) {
		// A descriptor of its own: listing moves its offset.
		fd, err := openat(int(dirfd), ".", syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY)
		if err != nil {
			return
		}
		defer syscall.Close(fd)
		buf := make([]byte, 8192)
		for {
			n, err := syscall.Getdents(fd, buf)
			if err == syscall.EINTR {
				continue
			}
			if err != nil {
				return
			}
			if n <= 0 {
				break
			}
			for b := buf[:n]; len(b) > 0; {
				reclen := int(binary.NativeEndian.Uint16(b[direntReclen:]))
				if reclen <= direntName || reclen > len(b) {
					return
				}
				rec := b[:reclen]
				b = b[reclen:]
				if binary.NativeEndian.Uint64(rec[direntIno:]) == 0 {
					continue // a deleted file
				}
				name := rec[direntName:]
				if i := bytes.IndexByte(name, 0); i >= 0 {
					name = name[:i]
				}
				if string(name) == "." || string(name) == ".." {
					continue
				}
				typ, known := direntType(rec[direntTypeOff])
				if !known {
					return
				}
				list = append(list, dirent{name: string(name), typ: typ})
			}
		}
		ok = true
	})
	if !ok {
		return nil, false
	}
	return list, true
}

// The offsets of the fields of a listing's record (linux_dirent64).
var (
	direntIno     = int(unsafe.Offsetof(syscall.Dirent{}.Ino))
	direntReclen  = int(unsafe.Offsetof(syscall.Dirent{}.Reclen))
	direntTypeOff = int(unsafe.Offsetof(syscall.Dirent{}.Type))
	direntName    = int(unsafe.Offsetof(syscall.Dirent{}.Name))
)

// direntType is the type of a listing's entry as os gives it; false for
// DT_UNKNOWN.
func direntType(t uint8) (fs.FileMode, bool) {
	switch t {
	case syscall.DT_BLK:
		return fs.ModeDevice, true
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case syscall.DT_DIR:
		return fs.ModeDir, true
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, true
	case syscall.DT_LNK:
		return fs.ModeSymlink, true
	case syscall.DT_REG:
		return 0, true
	case syscall.DT_SOCK:
		return fs.ModeSocket, true
	}
	return 0, false
}
