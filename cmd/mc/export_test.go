package main

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"mc/results"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func sameFloat(cell string, want float64) bool {
	got, err := strconv.ParseFloat(cell, 64)
	return err == nil && (got == want || math.IsNaN(got) && math.IsNaN(want))
}

// TestExportCSV: `mc export DIR --csv` writes every Parquet file of a folder
// as CSV with the same columns and rows, numbers exact, nulls empty.
func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(atantempScenario), 0o644)
	out := filepath.Join(dir, "out")
	mustRun(t, "run", sc, "-o", out, "--method", "sobol", "-n", "256", "--keep-samples", "--quiet")
	scalar := filepath.Join(dir, "scalar")
	mustRun(t, "run", "ishigami", "-n", "300", "--method", "mc", "-o", scalar, "--quiet")
	csvDir := filepath.Join(dir, "csv")
	stdout := mustRun(t, "export", out, "--csv", "-o", csvDir)
	mustRun(t, "export", scalar, "--csv", "--quiet")

	parquets, _ := filepath.Glob(filepath.Join(out, "*.parquet"))
	if len(parquets) < 5 {
		t.Fatalf("only %v", parquets)
	}
	for _, p := range parquets {
		name := strings.TrimSuffix(filepath.Base(p), ".parquet") + ".csv"
		if !strings.Contains(stdout, filepath.Join(csvDir, name)) {
			t.Errorf("stdout does not list %s: %s", name, stdout)
		}
		recs := readCSV(t, filepath.Join(csvDir, name))
		f, _ := os.Open(p)
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for _, c := range pf.Schema().Columns() {
			cols = append(cols, strings.Join(c, "."))
		}
		if strings.Join(recs[0], ",") != strings.Join(cols, ",") {
			t.Errorf("%s: header %v, columns %v", name, recs[0], cols)
		}
		if int64(len(recs)-1) != pf.NumRows() {
			t.Errorf("%s: %d rows, Parquet %d", name, len(recs)-1, pf.NumRows())
		}
		f.Close()
	}
	left, _ := filepath.Glob(filepath.Join(csvDir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// Every value of sobol.parquet, read by parquet-go's typed reader.
	sobol := readCSV(t, filepath.Join(csvDir, "sobol.csv"))
	rows, err := parquet.ReadFile[results.SobolRow](filepath.Join(out, "sobol.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(sobol)-1 || len(rows) == 0 {
		t.Fatalf("sobol: %d CSV rows, %d Parquet rows", len(sobol)-1, len(rows))
	}
	for i, r := range rows {
		c := sobol[i+1]
		year := ""
		if r.Year != nil {
			year = strconv.Itoa(int(*r.Year))
		}
		if c[0] != r.Output || c[1] != year || c[2] != r.Kind || c[3] != r.By || c[4] != r.Name || c[11] != strconv.FormatInt(r.N, 10) ||
			!sameFloat(c[5], r.S1) || !sameFloat(c[6], r.S1Lo) || !sameFloat(c[7], r.S1Hi) ||
			!sameFloat(c[8], r.ST) || !sameFloat(c[9], r.STLo) || !sameFloat(c[10], r.STHi) {
			t.Errorf("sobol row %d: CSV %v, Parquet %+v", i, c, r)
		}
	}
	// A scalar output: the year is an empty cell.
	bands := readCSV(t, filepath.Join(scalar, "bands.csv"))
	brows, err := parquet.ReadFile[results.BandRow](filepath.Join(scalar, "bands.parquet"))
	if err != nil || len(brows) != 1 || len(bands) != 2 {
		t.Fatalf("bands: %v, %d rows, %d CSV lines", err, len(brows), len(bands))
	}
	if b, c := brows[0], bands[1]; c[2] != "" || !sameFloat(c[4], b.Mean) || !sameFloat(c[5], b.SD) || !sameFloat(c[10], b.Q50) || c[15] != b.Method {
		t.Errorf("bands: CSV %v, Parquet %+v", c, b)
	}

	for _, args := range [][]string{{"export", out}, {"export", filepath.Join(dir, "nope"), "--csv"}, {"export", dir, "--csv"}} {
		if code, _, _ := runMain(args...); code != 2 {
			t.Errorf("mc %v: exit %d, want 2", args, code)
		}
	}
}

// TestModelsCommand: `mc models` lists every model with its parameters,
// factors and outputs, each with its unit and meaning.
func TestModelsCommand(t *testing.T) {
	out := mustRun(t, "models")
	for _, want := range []string{
		"ishigami: test function of Ishigami & Homma (1990)",
		"    a     1     7        weight of the sin² x2 term",
		"    x1    1       first input, usually U(−π, π)",
		"    y     1     scalar  sin x1 + a sin² x2 + b x3⁴ sin x1",
		"ai-global: AI worldwide, 2020–2050 (v2", "  factors (109):",
		"ai-global-v1: v1 of ai-global", "  factors (59):",
		"CI24 ", "kgCO2e/kWh", "H1 grid carbon intensity",
		"ai-services: ", "(factors and outputs as configured in embedded:ai-services", "services  -     (required)",
		"sobol-g: ", "morris2006: ", "atantemp: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("mc models lacks %q", want)
		}
	}
	if code, _, stderr := runMain("models", "nope"); code != 2 || !strings.Contains(stderr, `unknown model "nope"`) {
		t.Errorf("models nope: exit %d, %s", code, stderr)
	}
}

// TestFactorsShowsDescriptions: `mc factors` has a description column.
func TestFactorsShowsDescriptions(t *testing.T) {
	out := mustRun(t, "factors", "ai-global")
	if !strings.Contains(out, "description") || !strings.Contains(out, "D1 training compute of all developers in 2024") {
		t.Errorf("mc factors ai-global:\n%.600s", out)
	}
}

// CSV files exported into a result folder belong to its run: the folder
// still checks, and the next run into it removes them with the run's other
// files (never CSV files of one run beside the Parquet files of another).
// A folder that does not hold the complete results of one run is refused.
func TestExportedCSVBelongToTheRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	mustRun(t, "run", "ishigami", "-n", "64", "--method", "sobol", "-o", dir, "--quiet", "--no-report")
	mustRun(t, "export", dir, "--csv", "--quiet")
	if out := mustRun(t, "check", dir); !strings.Contains(out, "sobol.csv") {
		t.Errorf("mc check does not list the exported CSV files:\n%s", out)
	}
	mustRun(t, "run", "ishigami", "-n", "64", "--method", "mc", "-o", dir, "--quiet", "--no-report")
	for _, n := range []string{"bands.csv", "sobol.csv", "convergence.csv"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s of the earlier run is still in the folder", n)
		}
	}
	os.Remove(filepath.Join(dir, "manifest.json"))
	if code, _, stderr := runMain("export", dir, "--csv"); code != 2 || !strings.Contains(stderr, "manifest") {
		t.Errorf("export of a folder without manifest: exit %d, %q", code, stderr)
	}
}
