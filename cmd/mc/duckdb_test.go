package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mc/engine"
)

// duckdb reads a Parquet file with DuckDB (tests/duckdb/check.mjs, installed
// by scripts/test-setup.sh), as a notebook user would.
type duckdbResult struct {
	Columns []struct {
		Name string `json:"column_name"`
		Type string `json:"column_type"`
	} `json:"columns"`
	KeywordColumns []string          `json:"keyword_columns"`
	CreatedBy      string            `json:"created_by"`
	UnquotedSelect string            `json:"unquoted_select"`
	Rows           int               `json:"rows"`
	Metadata       map[string]string `json:"metadata"`
	Query          []map[string]any  `json:"query"`
}

func duckdb(t *testing.T, file, sql string) duckdbResult {
	t.Helper()
	dir, _ := filepath.Abs("../../tests/duckdb")
	if _, err := os.Stat(filepath.Join(dir, "node_modules/@duckdb/node-api")); err != nil {
		if os.Getenv("MC_SKIP_DUCKDB") != "" {
			t.Skip("MC_SKIP_DUCKDB set and @duckdb/node-api not installed")
		}
		t.Fatalf("DuckDB for Node is not installed: run scripts/test-setup.sh (%v)", err)
	}
	args := []string{filepath.Join(dir, "check.mjs"), file}
	if sql != "" {
		args = append(args, sql)
	}
	cmd := exec.Command("node", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node check.mjs %s: %v\n%s", file, err, stderr.String())
	}
	var r duckdbResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("decoding %s: %v", out, err)
	}
	return r
}

func num(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case float64:
		return x
	case string:
		var f float64
		if err := json.Unmarshal([]byte(x), &f); err != nil {
			t.Fatalf("not a number: %q", x)
		}
		return f
	}
	t.Fatalf("not a number: %#v", v)
	return 0
}

func columns(r duckdbResult) string {
	var c []string
	for _, col := range r.Columns {
		c = append(c, col.Name)
	}
	return strings.Join(c, ",")
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Main(args, &stdout, &stderr); code != 0 {
		t.Fatalf("mc %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

const atantempScenario = `
model: atantemp
parameters: {q: 5}
samples: 3000
design: lhs
seed: 7
factors:
  x1: {distribution: uniform, min: -7, max: 7, unit: "1", group: both}
  x2: {distribution: uniform, min: -7, max: 7, unit: "1", group: both}
`

// TestParquetReadByDuckDB runs mc and reads every file it writes with DuckDB:
// row counts, column names, metadata, and values recomputed from the kept
// samples by DuckDB itself.
func TestParquetReadByDuckDB(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(atantempScenario), 0o644)
	out := filepath.Join(dir, "out")
	mustRun(t, "run", sc, "-o", out, "--keep-samples", "--quiet")

	b := duckdb(t, filepath.Join(out, "bands.parquet"),
		`SELECT output, year, n, mean, sd, min, max, q2_5, q5, q25, q50, q75, q95, q97_5 FROM t ORDER BY year`)
	if got, want := columns(b), "output,unit,year,n,mean,sd,min,q2_5,q5,q25,q50,q75,q95,q97_5,max,quantile_method,flag"; got != want {
		t.Errorf("bands columns %s, want %s", got, want)
	}
	if b.Rows != 5 {
		t.Errorf("bands rows %d, want 5 (q = 5 steps)", b.Rows)
	}
	if b.Metadata["mc.seed"] != "7" || b.Metadata["mc.samples"] != "3000" || b.Metadata["mc.design"] != "lhs" ||
		!strings.Contains(b.Metadata["mc.scenario"], "model: atantemp") || b.Metadata["mc.version"] == "" {
		t.Errorf("bands metadata %v", b.Metadata)
	}

	s := duckdb(t, filepath.Join(out, "samples.parquet"), "")
	if got := columns(s); got != "sample,x1,x2" || s.Rows != 3000 {
		t.Errorf("samples: columns %s rows %d", got, s.Rows)
	}
	// Every statistic of bands.parquet, recomputed by DuckDB from outputs.parquet.
	o := duckdb(t, filepath.Join(out, "outputs.parquet"), `SELECT year, count(*) AS n, avg(value) AS mean, stddev_samp(value) AS sd,
		min(value) AS min, max(value) AS max,
		quantile_cont(value, 0.025) AS q2_5, quantile_cont(value, 0.05) AS q5, quantile_cont(value, 0.25) AS q25,
		quantile_cont(value, 0.5) AS q50, quantile_cont(value, 0.75) AS q75, quantile_cont(value, 0.95) AS q95,
		quantile_cont(value, 0.975) AS q97_5 FROM t GROUP BY year ORDER BY year`)
	if got := columns(o); got != "sample,output,year,value" || o.Rows != 3000*5 {
		t.Errorf("outputs: columns %s rows %d", got, o.Rows)
	}
	if len(o.Query) != 5 || len(b.Query) != 5 {
		t.Fatalf("query rows: outputs %d, bands %d", len(o.Query), len(b.Query))
	}
	// Moments and extremes agree to rounding. Quantiles come from the
	// sketch: within α·max(|x₍ₖ₎|, |x₍ₖ₊₁₎|) of the exact type-7 quantile
	// (docs/methods.md), bounded here by α·(|q| + (max − min)/100), the
	// gap between neighbouring order statistics of 3,000 samples being far
	// below a hundredth of their range.
	for i := range o.Query {
		span := num(t, o.Query[i]["max"]) - num(t, o.Query[i]["min"])
		for _, k := range []string{"year", "n", "mean", "sd", "min", "max", "q2_5", "q5", "q25", "q50", "q75", "q95", "q97_5"} {
			got, want := num(t, b.Query[i][k]), num(t, o.Query[i][k])
			tol := 1e-12 * math.Max(1, math.Abs(want))
			if k[0] == 'q' {
				tol = engine.SketchAlpha * (math.Abs(want) + span/100)
			}
			if math.Abs(got-want) > tol {
				t.Errorf("year %v %s: bands.parquet %v, DuckDB from outputs.parquet %v", o.Query[i]["year"], k, got, want)
			}
		}
	}
}

// TestSobolParquetReadByDuckDB checks the sensitivity files' columns and rows.
func TestSobolParquetReadByDuckDB(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(atantempScenario), 0o644)
	out := filepath.Join(dir, "out")
	mustRun(t, "run", sc, "-o", out, "--method", "sobol", "-n", "1024", "--by", "both", "--quiet")
	r := duckdb(t, filepath.Join(out, "sobol.parquet"), `SELECT kind, count(*) AS n FROM t GROUP BY kind ORDER BY kind`)
	if got, want := columns(r), "output,year,kind,name_kind,name,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,n,scale,zero_variance"; got != want {
		t.Errorf("sobol columns %s, want %s", got, want)
	}
	// 5 steps × (2 factors + 1 group) + aggregates (2 factors + 1 group).
	if r.Rows != 5*3+3 {
		t.Errorf("sobol rows %d, want 18", r.Rows)
	}
	c := duckdb(t, filepath.Join(out, "convergence.parquet"), `SELECT DISTINCT n FROM t ORDER BY n`)
	var ns []float64
	for _, q := range c.Query {
		ns = append(ns, num(t, q["n"]))
	}
	// Powers of two from 2R = 32 (R = 16 replicates... or fewer at this N) up to 1024.
	if len(ns) == 0 || ns[len(ns)-1] != 1024 {
		t.Errorf("convergence n: %v", ns)
	}
	for i := 1; i < len(ns); i++ {
		if ns[i] != 2*ns[i-1] {
			t.Errorf("convergence n not successive powers of two: %v", ns)
		}
	}
}
