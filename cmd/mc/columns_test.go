package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mc/engine"
	"mc/inputs"
	"mc/results"
	"mc/scenarios"
)

// allResultFiles runs every kind of analysis into one folder each and returns
// the Parquet files written: bands, sobol, sobol2, convergence, morris,
// samples, outputs and compare.
func allResultFiles(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(atantempScenario+"sobol: {second_order: true}\n"), 0o644)
	mustRun(t, "run", sc, "-o", filepath.Join(dir, "mc"), "--keep-samples", "--quiet")
	mustRun(t, "run", sc, "-o", filepath.Join(dir, "sobol"), "--method", "sobol", "-n", "256", "--by", "both", "--quiet")
	mustRun(t, "run", sc, "-o", filepath.Join(dir, "morris"), "--method", "morris", "-n", "10", "--quiet")
	mustRun(t, "compare", sc, sc, "-n", "500", "-o", filepath.Join(dir, "compare"), "--quiet")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.parquet"))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	for _, want := range []string{"bands", "sobol", "sobol2", "convergence", "morris", "samples", "outputs", "compare"} {
		if !strings.Contains(strings.Join(names, " "), want+".parquet") {
			t.Fatalf("no %s.parquet among %v", want, names)
		}
	}
	return files
}

// TestResultColumnsAndCreatedBy reads every result file with DuckDB: no column
// needs quoting (issue 8: `by` did), every column can be selected unquoted,
// and created_by names mc and its version.
func TestResultColumnsAndCreatedBy(t *testing.T) {
	want := results.CreatedBy(engine.Version)
	if !strings.HasPrefix(want, "mc version "+engine.Version) || strings.Contains(want, "(build )") {
		t.Fatalf("CreatedBy = %q", want)
	}
	for _, f := range allResultFiles(t) {
		r := duckdb(t, f, "")
		if len(r.KeywordColumns) > 0 {
			t.Errorf("%s: columns named with SQL keywords: %v", f, r.KeywordColumns)
		}
		if r.CreatedBy != want {
			t.Errorf("%s: created_by %q, want %q", f, r.CreatedBy, want)
		}
		if r.UnquotedSelect != "ok" {
			t.Errorf("%s: selecting every column by its bare name: %s", f, r.UnquotedSelect)
		}
		// The scenario is recorded by its path as given, not its base name.
		if sf := r.Metadata["mc.scenario_file"]; filepath.Base(f) != "compare.parquet" && (!filepath.IsAbs(sf) || filepath.Base(sf) != "s.yaml") {
			t.Errorf("%s: mc.scenario_file = %q, want the path of s.yaml", f, sf)
		}
		if filepath.Base(f) == "compare.parquet" {
			// 500 paired samples: base and variant are each evaluated 500 times.
			if got := r.Metadata["mc.evaluations"]; got != strconv.Itoa(2*500) {
				t.Errorf("compare.parquet mc.evaluations = %s, want 1000", got)
			}
			if !strings.HasSuffix(r.Metadata["mc.base_file"], "s.yaml") || !strings.HasSuffix(r.Metadata["mc.variant_file.s"], "s.yaml") {
				t.Errorf("compare.parquet base/variant files: %q %q", r.Metadata["mc.base_file"], r.Metadata["mc.variant_file.s"])
			}
		}
	}
}

// TestShippedFactorNamesAreNotSQLKeywords: factor names become the columns of
// samples.parquet.
func TestShippedFactorNamesAreNotSQLKeywords(t *testing.T) {
	for _, name := range scenarios.Names() {
		data, _ := scenarios.Lookup(name)
		sc, err := inputs.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range sc.Factors {
			if results.IsSQLKeyword(f.Name) {
				t.Errorf("%s: factor %s is an SQL keyword", name, f.Name)
			}
		}
	}
}
