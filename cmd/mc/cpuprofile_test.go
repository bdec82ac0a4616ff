package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// mc run --cpuprofile FILE writes a pprof profile (gzip-compressed protocol
// buffer); a path that cannot be created is a usage error.
func TestRunCPUProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.pprof")
	code, _, stderr := runMain("run", "ishigami", "-n", "65536", "--quiet", "-o", filepath.Join(dir, "out"), "--cpuprofile", prof)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(prof)
	if err != nil || len(b) < 2 || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Fatalf("profile %s: %d bytes, err %v; want a gzip-compressed pprof profile", prof, len(b), err)
	}
	code, _, stderr = runMain("run", "ishigami", "-n", "1024", "--quiet", "-o", filepath.Join(dir, "out2"), "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "p"))
	if code != 2 {
		t.Errorf("unwritable profile path: exit %d (%s), want 2", code, stderr)
	}
}
