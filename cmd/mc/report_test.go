package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mc run writes report.html beside the Parquet files (not with --no-report);
// mc report DIR rebuilds the same page; mc compare writes one too.
func TestReportHooks(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(s, []byte(atantempScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r")
	if code, _, stderr := runMain("run", s, "-n", "64", "-o", out, "--quiet"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	first, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatalf("mc run wrote no report: %v", err)
	}
	if !bytes.Contains(first, []byte(`<meta name="mc-wall-seconds" content="`)) || bytes.Contains(first, []byte(`content="0"`)) {
		t.Errorf("report of mc run does not record the wall time")
	}
	// Rebuilt from the Parquet files: the same page, the wall time kept.
	code, stdout, stderr := runMain("report", out)
	if code != 0 || !strings.Contains(stdout, "report.html") {
		t.Fatalf("mc report: exit %d, %s %s", code, stdout, stderr)
	}
	rebuilt, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, rebuilt) {
		t.Errorf("mc report DIR: the page differs from the one mc run wrote")
	}
	if err := os.Remove(filepath.Join(out, "report.html")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runMain("report", out, "--quiet"); code != 0 {
		t.Fatalf("mc report: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "report.html")); !bytes.Contains(b, []byte("not recorded")) {
		t.Errorf("a report rebuilt without the previous one should say the wall time is not recorded")
	}

	noRep := filepath.Join(dir, "n")
	if code, _, stderr := runMain("run", s, "-n", "64", "-o", noRep, "--quiet", "--no-report"); code != 0 {
		t.Fatalf("run --no-report: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(noRep, "report.html")); !os.IsNotExist(err) {
		t.Errorf("--no-report wrote a report (%v)", err)
	}
	if code, _, stderr := runMain("report", filepath.Join(dir, "nothing")); code != 2 || !strings.Contains(stderr, "no result files") {
		t.Errorf("mc report of a folder without results: exit %d, %s; want 2 and 'no result files'", code, stderr)
	}
	cmp := filepath.Join(dir, "c")
	if code, _, stderr := runMain("compare", s, s, "-n", "64", "-o", cmp, "--quiet"); code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(cmp, "report.html")); err != nil || !bytes.Contains(b, []byte(`"compare":{`)) {
		t.Errorf("mc compare: no report with the comparison (%v)", err)
	}
}
