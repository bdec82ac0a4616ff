package main

import (
	"bytes"
	"mc/results"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mc run writes report.html into the run's files, listed in the manifest
// (mc check passes and lists it); mc report DIR rebuilds the same page and
// records it, so mc check still passes; --no-report writes none, and a run
// with --no-report leaves no report of an earlier run; mc compare writes one.
func TestReportHooks(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(s, []byte(atantempScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r")
	check := func(what string) string {
		t.Helper()
		code, stdout, stderr := runMain("check", out)
		if code != 0 {
			t.Errorf("mc check after %s: exit %d, %s %s", what, code, stdout, stderr)
		}
		return stdout
	}
	code, stdout, stderr := runMain("run", s, "-n", "64", "-o", out)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, filepath.Join(out, "report.html")+" (open it in a browser)") {
		t.Errorf("mc run does not say where the report is:\n%s", stdout)
	}
	first, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatalf("mc run wrote no report: %v", err)
	}
	if !bytes.Contains(first, []byte(`<meta name="mc-wall-seconds" content="`)) || bytes.Contains(first, []byte(`content="0"`)) {
		t.Errorf("report of mc run does not record the wall time")
	}
	if c := check("mc run"); !strings.Contains(c, "report.html") {
		t.Errorf("mc check does not list report.html:\n%s", c)
	}
	m, err := results.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	id := m.RunID

	// Rebuilt from the Parquet files: the same page, the wall time kept,
	// the folder still the complete results of the same run.
	code, stdout, stderr = runMain("report", out)
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
	check("mc report")
	if m, err := results.ReadManifest(out); err != nil || m.RunID != id {
		t.Errorf("mc report changed the run of the manifest: %v, %v", m, err)
	}
	// A report edited by hand is rewritten and recorded.
	if err := os.WriteFile(filepath.Join(out, "report.html"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := runMain("check", out); code == 0 {
		t.Errorf("mc check passes with an edited report: %s", stdout)
	}
	if code, _, stderr := runMain("report", out, "--quiet"); code != 0 {
		t.Errorf("mc report of a folder with an edited report: exit %d, %s", code, stderr)
	}
	check("mc report of an edited report")
	// A changed result file is refused, naming it.
	bands := filepath.Join(out, "bands.parquet")
	b, err := os.ReadFile(bands)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(bands, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runMain("report", out, "--quiet"); code != 2 || !strings.Contains(stderr, "bands.parquet differs") {
		t.Errorf("mc report of a folder whose files differ from the manifest: exit %d, %s; want 2 naming the file", code, stderr)
	}

	// A second run with --no-report: no report of the first run is left.
	code, _, stderr = runMain("run", s, "-n", "128", "-o", out, "--quiet", "--no-report")
	if code != 0 {
		t.Fatalf("run --no-report: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); !os.IsNotExist(err) {
		t.Errorf("a run with --no-report left the earlier run's report (%v)", err)
	}
	if c := check("mc run --no-report"); strings.Contains(c, "report.html") {
		t.Errorf("mc check lists a report after --no-report:\n%s", c)
	}
	// mc report then adds one, without a wall time, and the folder checks.
	if code, _, stderr := runMain("report", out, "--quiet"); code != 0 {
		t.Fatalf("mc report: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "report.html")); !bytes.Contains(b, []byte("not recorded")) {
		t.Errorf("a report rebuilt without the previous one should say the wall time is not recorded")
	}
	if c := check("mc report after --no-report"); !strings.Contains(c, "report.html") {
		t.Errorf("mc check does not list the report mc report added:\n%s", c)
	}

	if code, _, stderr := runMain("report", filepath.Join(dir, "nothing")); code != 2 || !strings.Contains(stderr, "no such result folder") {
		t.Errorf("mc report of a missing folder: exit %d, %s; want 2", code, stderr)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if code, _, stderr := runMain("report", empty); code != 2 || !strings.Contains(stderr, "no manifest.json") {
		t.Errorf("mc report of a folder without results: exit %d, %s; want 2 and 'no manifest.json'", code, stderr)
	}
	cmp := filepath.Join(dir, "c")
	if code, _, stderr := runMain("compare", s, s, "-n", "64", "-o", cmp, "--quiet"); code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(cmp, "report.html")); err != nil || !bytes.Contains(b, []byte(`"compare":{`)) {
		t.Errorf("mc compare: no report with the comparison (%v)", err)
	}
	if code, stdout, stderr := runMain("check", cmp); code != 0 || !strings.Contains(stdout, "report.html") {
		t.Errorf("mc check of a comparison: exit %d, %s %s; want the report listed", code, stdout, stderr)
	}
}

// mc web refuses a scenario whose model runs a program (exit 2), and writes nothing.
func TestWebRefusesExternalModel(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runMain("web", filepath.Join("..", "..", "scenarios", "examples", "external", "ishigami.yaml"), "--export", out)
	if code != 2 || !strings.Contains(stderr, "runs a program") {
		t.Errorf("mc web of an external model: exit %d, %s; want 2 and 'runs a program'", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("mc web wrote %s for a scenario it refuses", out)
	}
}
