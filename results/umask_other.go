//go:build !windows

package results

import (
	"os"
	"syscall"
)

// sysUmask sets the umask and restores it, to read it.
func sysUmask() os.FileMode {
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	return os.FileMode(m)
}
