//go:build unix

package results

import (
	"errors"
	"os"
	"syscall"
)

const (
	lockSH = syscall.LOCK_SH
	lockEX = syscall.LOCK_EX
	lockNB = syscall.LOCK_NB
)

var errWouldBlock error = syscall.EWOULDBLOCK

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}

// unsupported tells whether flock is not available on the folder's
// filesystem (some network filesystems).
func unsupported(err error) bool {
	return errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOSYS)
}
