package results

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// FileMode is the mode of the files mc writes: 0666 less the process's
// umask, as for any file a program creates. Temporary files are created
// 0600 (os.CreateTemp), so they are given this mode before they take their
// final name: collaborators and services of the same group read results on
// shared storage as the umask allows.
func FileMode() os.FileMode { return 0o666 &^ readUmask() }

// readUmask reads the umask from /proc (Linux ≥ 4.7) without changing it;
// elsewhere it sets and restores it, which is racy only against files
// created at that very moment by other goroutines.
func readUmask() os.FileMode {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "Umask:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return os.FileMode(m) & 0o777
				}
			}
		}
	}
	return sysUmask() & 0o777
}
