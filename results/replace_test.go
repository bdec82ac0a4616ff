package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ReplaceFile rewrites one result file of a run and records it: the folder
// still holds the complete results of the same run. A report of an earlier
// run, not listed, is a file of another run; publishing removes it.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := stage(t, dir, map[string]string{"bands.parquet": "b1", "report.html": "r1"}).Publish(NewManifest("run", meta("aaaa")), nil, nil); err != nil {
		t.Fatal(err)
	}
	m0, err := CheckFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.html"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := CheckFolder(dir); err == nil || !strings.Contains(err.Error(), "report.html has 6 bytes") {
		t.Errorf("CheckFolder of an edited report: %v", err)
	}
	if _, err := CheckFolderExcept(dir, "report.html"); err != nil {
		t.Errorf("CheckFolderExcept(report.html): %v", err)
	}
	if err := ReplaceFile(dir, "report.html", []byte("r2, longer")); err != nil {
		t.Fatal(err)
	}
	m, err := CheckFolder(dir)
	if err != nil || m.RunID != m0.RunID || len(m.Files) != 2 {
		t.Errorf("after ReplaceFile: %v, %+v; want the same run, 2 files", err, m)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "report.html")); string(b) != "r2, longer" {
		t.Errorf("report.html = %q", b)
	}
	if err := ReplaceFile(dir, "../x", nil); err == nil {
		t.Error("ReplaceFile wrote outside the folder")
	}
	// A run without a report: the earlier report goes; then one is added.
	if _, err := stage(t, dir, map[string]string{"bands.parquet": "b2"}).Publish(NewManifest("run", meta("bbbb")), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); !os.IsNotExist(err) {
		t.Errorf("the earlier run's report is left (%v)", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.html"), []byte("stray"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := CheckFolder(dir); err == nil || !strings.Contains(err.Error(), "report.html is not a file of") {
		t.Errorf("CheckFolder with an unlisted report: %v", err)
	}
	if err := ReplaceFile(dir, "report.html", []byte("r3")); err != nil {
		t.Fatal(err)
	}
	if m, err := CheckFolder(dir); err != nil || len(m.Files) != 2 {
		t.Errorf("after adding a report: %v %+v", err, m)
	}
}
