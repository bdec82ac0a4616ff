package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sampleScenario is a formula model with a scalar and a trajectory output,
// whose outputs an outside script computes exactly (+ − × ÷ only: IEEE
// arithmetic is the same in Python and Go).
const sampleScenario = `model:
  years: {from: 2020, to: 2022}
  equations:
    y: x1 + 2*x2*x3 - x3/3
    z: x1 * (t - 2020) + x2 * x3
  outputs: [y, z]
samples: 256
method: sobol
seed: 7
factors:
  x1: {distribution: uniform, min: 0, max: 1}
  x2: {distribution: normal, mean: 1, sd: 0.5}
  x3: {distribution: triangular, min: 0, mode: 1, max: 3}
`

// simulator is the outside script: it reads samples.csv with Python's
// standard library, computes the model, and writes the outputs in wide
// (z[2020], …) or long (sample_index, year, y, z) form, keeping the design
// hash line.
const simulator = `import csv, sys
src, dst, form = sys.argv[1], sys.argv[2], sys.argv[3]
with open(src) as f:
    head = f.readline()
    rows = list(csv.DictReader(f))
years = (2020, 2021, 2022)
with open(dst, "w") as f:
    f.write(head)
    f.write("sample_index,y,z[2020],z[2021],z[2022]\n" if form == "wide" else "sample_index,year,y,z\n")
    for r in reversed(rows):  # any order
        x1, x2, x3 = float(r["x1"]), float(r["x2"]), float(r["x3"])
        y = x1 + 2*x2*x3 - x3/3
        zs = [x1 * (t - 2020) + x2 * x3 for t in years]
        if form == "wide":
            f.write(",".join([r["sample_index"], repr(y)] + [repr(z) for z in zs]) + "\n")
        else:
            for t, z in zip(years, zs):
                f.write(",".join([r["sample_index"], str(t), repr(y), repr(z)]) + "\n")
`

func python(t *testing.T, args ...string) {
	t.Helper()
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	if out, err := exec.Command(py, args...).CombinedOutput(); err != nil {
		t.Fatalf("python3 %v: %v\n%s", args, err, out)
	}
}

// mc sample, an outside script, then mc analyze give the result files of
// mc run, byte for byte, for outputs in wide and long form.
func TestSampleAnalyzeBitIdenticalToRun(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "sc.yaml")
	sim := filepath.Join(dir, "sim.py")
	os.WriteFile(sc, []byte(sampleScenario), 0o644)
	os.WriteFile(sim, []byte(simulator), 0o644)
	if code, _, errs := runMain("run", sc, "-o", filepath.Join(dir, "run"), "--quiet"); code != 0 {
		t.Fatalf("run: %s", errs)
	}
	if code, _, errs := runMain("sample", sc, "-o", filepath.Join(dir, "s"), "--quiet"); code != 0 {
		t.Fatalf("sample: %s", errs)
	}
	samples := filepath.Join(dir, "s", "samples.csv")
	if _, err := os.Stat(filepath.Join(dir, "s", "samples.parquet")); err != nil {
		t.Fatal(err)
	}
	head, _ := os.ReadFile(samples)
	if !bytes.HasPrefix(head, []byte("# mc design_hash=")) || !bytes.Contains(head, []byte("\nsample_index,x1,x2,x3\n")) {
		t.Fatalf("samples.csv starts %q", head[:min(len(head), 200)])
	}
	// 256 base rows × (A, B and one A_B per factor).
	if n := bytes.Count(head, []byte("\n")); n != 2+256*5 {
		t.Fatalf("samples.csv has %d lines", n)
	}
	for _, form := range []string{"wide", "long"} {
		outs := filepath.Join(dir, form+".csv")
		python(t, sim, samples, outs, form)
		res := filepath.Join(dir, "an-"+form)
		if code, _, errs := runMain("analyze", sc, "--outputs", outs, "-o", res, "--quiet", "--workers", "2"); code != 0 {
			t.Fatalf("analyze %s: %s", form, errs)
		}
		for _, name := range []string{"bands.parquet", "sobol.parquet", "convergence.parquet"} {
			a, err := os.ReadFile(filepath.Join(dir, "run", name))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(res, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s form: %s differs from mc run's", form, name)
			}
		}
	}
}

// Outputs of another design, or with missing, duplicated or foreign sample
// indices, are refused with a clear message and no result file.
func TestAnalyzeRefusesOtherDesigns(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "sc.yaml")
	sim := filepath.Join(dir, "sim.py")
	os.WriteFile(sc, []byte(sampleScenario), 0o644)
	os.WriteFile(sim, []byte(simulator), 0o644)
	for _, seed := range []string{"7", "8"} {
		if code, _, errs := runMain("sample", sc, "--seed", seed, "-o", filepath.Join(dir, "s"+seed), "--quiet"); code != 0 {
			t.Fatalf("sample: %s", errs)
		}
		python(t, sim, filepath.Join(dir, "s"+seed, "samples.csv"), filepath.Join(dir, "out"+seed+".csv"), "wide")
	}
	good, _ := os.ReadFile(filepath.Join(dir, "out7.csv"))
	lines := strings.SplitAfter(string(good), "\n")
	write := func(name string, ls []string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(strings.Join(ls, "")), 0o644)
		return p
	}
	cat := func(parts ...[]string) []string {
		var out []string
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	cases := []struct {
		file, want string
	}{
		{filepath.Join(dir, "out8.csv"), "these outputs are for another design"},
		{write("missing.csv", cat(lines[:2], lines[3:])), "1 of the design's 1280 sample indices are missing: 1279"},
		{write("dup.csv", cat(lines, lines[4:5])), "dup.csv:1283: sample_index 1277 appears twice (first at line 5)"},
		{write("nohash.csv", lines[1:]), "no design hash"},
		{write("foreign.csv", cat(lines[:2], []string{"5000,1,2,3,4\n"}, lines[2:])), "foreign.csv:3: sample_index 5000 is outside the design's 0…1279"},
		{write("nan.csv", cat(lines[:2], []string{strings.Replace(lines[2], ",", ",nan,", 1)[:strings.LastIndex(strings.Replace(lines[2], ",", ",nan,", 1), ",")] + "\n"}, lines[3:])), "column y: NaN is not a finite number"},
		{write("column.csv", cat(lines[:1], []string{strings.Replace(lines[1], "z[2022]", "w", 1)}, lines[2:])), `column "w" is not an output`},
	}
	for _, c := range cases {
		res := filepath.Join(dir, "res-"+filepath.Base(c.file))
		code, _, errs := runMain("analyze", sc, "--outputs", c.file, "-o", res, "--quiet")
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 and %q", filepath.Base(c.file), code, errs, c.want)
		}
		if _, err := os.Stat(filepath.Join(res, "bands.parquet")); err == nil {
			t.Errorf("%s: bands.parquet written", filepath.Base(c.file))
		}
	}
}
