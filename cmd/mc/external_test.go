package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A simulator that answers correctly unless MODE says how to fail.
const faultySim = `import math, os, sys
mode = sys.argv[1]
marker = sys.argv[2] if len(sys.argv) > 2 else ""
inp, out = sys.stdin, sys.stdout
while True:
    header = inp.readline()
    if not header:
        sys.exit(0)
    rows = []
    while True:
        line = inp.readline().strip()
        if not line:
            break
        rows.append([float(v) for v in line.split(",")])
    if mode == "crash":
        sys.stderr.write("Traceback (most recent call last):\nValueError: boom at x1=%r\n" % rows[0][0])
        sys.exit(3)
    if mode == "crash-once" and not os.path.exists(marker):
        open(marker, "w").close()
        sys.exit(1)
    if mode == "hang":
        import time
        time.sleep(3600)
    out.write("y[2020],y[2021],z[2020],z[2021]\n")
    for i, (x1, x2) in enumerate(rows):
        if mode == "few" and i == len(rows) - 1:
            break
        y = float("nan") if mode == "nan" and i == 3 else x1 + 2 * x2
        out.write("%r,%r,%r,%r\n" % (y, y / 2, x1 * x2, x1 - x2))
    out.write("\n")
    out.flush()
`

func externalScenario(dir, mode string, timeout string) string {
	return `model:
  command: [/usr/bin/python3, sim.py, ` + mode + `, ` + filepath.Join(dir, "marker") + `]
  years: [2020, 2021]
  outputs: [y, z]
  timeout: ` + timeout + `
samples: 300
seed: 1
factors:
  x1: {distribution: uniform, min: 0, max: 1}
  x2: {distribution: normal, mean: 1, sd: 1}
`
}

func TestExternalFailures(t *testing.T) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	cases := []struct {
		mode, timeout string
		want          []string
	}{
		{"crash", "60s", []string{"external model /usr/bin/python3 sim.py crash", "block of", "rows starting with x1=", "the process died: exit status 3", "retried once in a new process, which failed too", "its standard error ends with:", "ValueError: boom at x1="}},
		{"hang", "1s", []string{"no complete answer within 1s (the time limit per block", "retried once"}},
		{"few", "60s", []string{"too few rows: 63 for the 64 rows of input"}},
		{"nan", "60s", []string{"row 4 of the answer, column y[2020]: NaN is not a finite number"}},
		{"ok-but", "60s", nil},
		{"crash-once", "60s", nil},
	}
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "sim.py"), []byte(faultySim), 0o644)
			sc := filepath.Join(dir, "sc.yaml")
			os.WriteFile(sc, []byte(externalScenario(dir, c.mode, c.timeout)), 0o644)
			res := filepath.Join(dir, "res")
			code, _, errs := runMain("run", sc, "-o", res, "--quiet", "--workers", "2")
			if c.want == nil {
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errs)
				}
				if _, err := os.Stat(filepath.Join(res, "bands.parquet")); err != nil {
					t.Fatal(err)
				}
				return
			}
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("message lacks %q:\n%s", w, errs)
				}
			}
			if _, err := os.Stat(filepath.Join(res, "bands.parquet")); err == nil {
				t.Error("bands.parquet written after a failure")
			}
		})
	}
}

// mc validate says which program the scenario would run, and where.
func TestExternalValidateNamesCommand(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "sc.yaml")
	os.WriteFile(sc, []byte(externalScenario(dir, "ok", "60s")), 0o644)
	code, out, errs := runMain("validate", sc)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if all := out + errs; !strings.Contains(all, "this scenario runs a program: /usr/bin/python3 sim.py ok") || !strings.Contains(all, "in the folder "+dir) {
		t.Fatalf("validate does not name the command and folder:\n%s%s", out, errs)
	}
}

// A command whose program does not exist is an input error at the command.
func TestExternalMissingProgram(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "sc.yaml")
	os.WriteFile(sc, []byte(strings.Replace(externalScenario(dir, "ok", "60s"), "/usr/bin/python3", "./nosuch", 1)), 0o644)
	code, _, errs := runMain("validate", sc)
	if want := sc + ":2:12: command: " + filepath.Join(dir, "nosuch") + " is not an executable file"; code != 2 || !strings.Contains(errs, want) {
		t.Fatalf("exit %d, %q; want exit 2 and %q", code, errs, want)
	}
}
