package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// One writer per folder: a second exclusive lock (flock is per open file,
// so this holds within one process too) is refused with a message naming
// the folder and the holder; shards share; Unlock frees the folder.
func TestLockFolder(t *testing.T) {
	dir := t.TempDir()
	a, err := LockFolder(dir, true, "mc run first")
	if err != nil || a == nil {
		t.Fatalf("first lock: %v", err)
	}
	_, err = LockFolder(dir, true, "mc run second")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), dir) ||
		!strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) || !strings.Contains(err.Error(), "mc run first") {
		t.Errorf("second writer: %v", err)
	}
	if _, err := LockFolder(dir, false, "shard"); !errors.Is(err, ErrLocked) {
		t.Errorf("shard while a run writes: %v", err)
	}
	a.Unlock()
	if _, err := os.Stat(filepath.Join(dir, LockName)); !os.IsNotExist(err) {
		t.Errorf("lock file left after Unlock: %v", err)
	}
	s1, err := LockFolder(dir, false, "shard 1")
	if err != nil {
		t.Fatal(err)
	}
	s2, err := LockFolder(dir, false, "shard 2")
	if err != nil {
		t.Fatalf("two shards: %v", err)
	}
	_, err = LockFolder(dir, true, "merge")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "shards") {
		t.Errorf("merge while shards run: %v", err)
	}
	s1.Unlock()
	s2.Unlock()
	b, err := LockFolder(dir, true, "merge")
	if err != nil {
		t.Fatalf("after the shards: %v", err)
	}
	b.Unlock()
}

func stage(t *testing.T, dir string, files map[string]string) *Staging {
	t.Helper()
	st, err := NewStaging(dir)
	if err != nil {
		t.Fatal(err)
	}
	for n, content := range files {
		if err := WriteAtomic(filepath.Join(st.Dir(), n), []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func meta(hash string) Meta {
	return Meta{"mc.scenario_file": "s.yaml", "mc.method": "sobol", "mc.design": "sobol", "mc.seed": "1", "mc.samples": "8",
		"mc.design_hash": hash, "mc.version": "test"}
}

func names(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range es {
		n = append(n, e.Name())
	}
	return strings.Join(n, " ")
}

// A folder holds one run: publishing a run removes the files of the earlier
// one (and says so), the manifest lists the new files, and CheckFolder
// finds every way a folder can be incomplete or mixed.
func TestPublishAndCheckFolder(t *testing.T) {
	dir := t.TempDir()
	st := stage(t, dir, map[string]string{"bands.parquet": "b1", "sobol.parquet": "s1", "convergence.parquet": "c1"})
	if _, err := st.Publish(NewManifest("run", meta("aaaa")), nil, func(s string) { t.Errorf("note on an empty folder: %s", s) }); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); got != "bands.parquet convergence.parquet manifest.json sobol.parquet" {
		t.Fatalf("folder: %s", got)
	}
	m, err := CheckFolder(dir)
	if err != nil || len(m.Files) != 3 || m.DesignHash != "aaaa" {
		t.Fatalf("check: %v %+v", err, m)
	}

	// Another run (method mc) into the same folder: sobol and convergence go.
	st = stage(t, dir, map[string]string{"bands.parquet": "b2"})
	var notes []string
	if _, err := st.Publish(NewManifest("run", meta("bbbb")), nil, func(s string) { notes = append(notes, s) }); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); got != "bands.parquet manifest.json" {
		t.Errorf("after the second run: %s", got)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "design hash aaaa") || !strings.Contains(notes[0], "convergence.parquet, sobol.parquet") {
		t.Errorf("notes: %q", notes)
	}
	if _, err := CheckFolder(dir); err != nil {
		t.Errorf("check: %v", err)
	}

	// Interrupted before the commit: the folder is left as it was.
	st = stage(t, dir, map[string]string{"bands.parquet": "b3", "morris.parquet": "m3"})
	stop := errors.New("signal")
	if _, err := st.Publish(NewManifest("run", meta("cccc")), func() error { return stop }, nil); err != stop {
		t.Errorf("interrupted publish: %v", err)
	}
	st.Abort()
	if got := names(t, dir); got != "bands.parquet manifest.json" {
		t.Errorf("after an interrupted publish: %s", got)
	}
	if m, err := CheckFolder(dir); err != nil || m.DesignHash != "bbbb" {
		t.Errorf("the earlier results must still check: %v", err)
	}

	// A hostile manifest cannot make Publish remove a file outside the folder.
	outside := filepath.Join(filepath.Dir(dir), "precious.txt")
	os.WriteFile(outside, []byte("keep"), 0o644)
	defer os.Remove(outside)
	bad := NewManifest("run", meta("dddd"))
	bad.Files = []ManifestFile{{Name: "../precious.txt"}}
	bj, _ := json.Marshal(bad)
	os.WriteFile(filepath.Join(dir, ManifestName), bj, 0o644)
	st = stage(t, dir, map[string]string{"bands.parquet": "b2"})
	if _, err := st.Publish(NewManifest("run", meta("bbbb")), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("a manifest entry removed a file outside the folder: %v", err)
	}

	// Every way to be incomplete.
	os.WriteFile(filepath.Join(dir, "sobol.parquet"), []byte("foreign"), 0o644)
	if _, err := CheckFolder(dir); err == nil || !strings.Contains(err.Error(), "sobol.parquet is not a file of run") {
		t.Errorf("foreign file: %v", err)
	}
	os.Remove(filepath.Join(dir, "sobol.parquet"))
	os.WriteFile(filepath.Join(dir, "bands.parquet"), []byte("b9"), 0o644)
	if _, err := CheckFolder(dir); err == nil || !strings.Contains(err.Error(), "bands.parquet differs") {
		t.Errorf("replaced file: %v", err)
	}
	os.Remove(filepath.Join(dir, "bands.parquet"))
	if _, err := CheckFolder(dir); err == nil || !strings.Contains(err.Error(), "bands.parquet is missing") {
		t.Errorf("missing file: %v", err)
	}
	os.Remove(filepath.Join(dir, ManifestName))
	if _, err := CheckFolder(dir); err == nil || !strings.Contains(err.Error(), "no manifest.json") {
		t.Errorf("no manifest: %v", err)
	}
}

// CleanStale removes staging folders and temporary files; CleanStaleOf only
// those of the names given (a shard's own), never another shard's.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".mc-staging-123"), 0o700)
	os.WriteFile(filepath.Join(dir, ".mc-staging-123", ".bands.parquet.tmp-9"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, ".state-00001-of-00002.mcstate.tmp-5"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, ".state-00000-of-00002.mcstate.tmp-6"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, ".samples-00001-of-00002.parquet.tmp-77"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "bands.parquet"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".notes.txt.tmp-1"), []byte("someone else's"), 0o644)
	got, err := CleanStaleOf(dir, "state-00001-of-00002.mcstate")
	if err != nil || len(got) != 1 || got[0] != ".state-00001-of-00002.mcstate.tmp-5" {
		t.Errorf("CleanStaleOf: %v %v", got, err)
	}
	if _, err := CleanStale(dir); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); got != ".notes.txt.tmp-1 bands.parquet" {
		t.Errorf("after CleanStale: %s", got)
	}
}
