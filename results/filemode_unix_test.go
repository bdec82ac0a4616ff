//go:build unix

package results

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The mode of written files follows the umask (CreateTemp makes 0600).
func TestFileModeHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o002)
	defer syscall.Umask(old)
	for _, c := range []struct {
		umask int
		want  os.FileMode
	}{{0o002, 0o664}, {0o022, 0o644}, {0o077, 0o600}} {
		syscall.Umask(c.umask)
		p := filepath.Join(t.TempDir(), "x.parquet")
		if err := WriteAtomic(p, []byte("x")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != c.want {
			t.Errorf("umask %03o: mode %v, want %v", c.umask, fi.Mode().Perm(), c.want)
		}
	}
}
