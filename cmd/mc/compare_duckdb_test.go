package main

import (
	"path/filepath"
	"testing"
)

// compare.parquet as a notebook reads it: columns, one row per measure,
// output and year, and the measures of the run in its metadata.
func TestCompareParquetReadByDuckDB(t *testing.T) {
	dir := t.TempDir()
	base, variants := measureVariants(t, dir)
	out := filepath.Join(dir, "out")
	mustRun(t, append(append([]string{"compare", base}, variants...), "-o", out, "--quiet", "--outputs", "FE_total,GWP_total")...)
	r := duckdb(t, filepath.Join(out, "compare.parquet"),
		`SELECT measure, count(*) AS n FROM t WHERE year IN (2030, 2050) GROUP BY measure ORDER BY measure`)
	want := "measure,output,unit,year,n,threshold,p_reduction,rel_mean,rel_q5,rel_q25,rel_q50,rel_q75,rel_q95," +
		"diff_mean,diff_min,diff_q5,diff_q25,diff_q50,diff_q75,diff_q95,diff_max,base_mean,base_q50,quantile_method,flag"
	if got := columns(r); got != want {
		t.Errorf("columns %s,\nwant %s", got, want)
	}
	if r.Rows != 3*2*31 {
		t.Errorf("%d rows, want %d", r.Rows, 3*2*31)
	}
	if len(r.Query) != 3 || r.Query[0]["measure"] != "cooling" || num(t, r.Query[0]["n"]) != 4 {
		t.Errorf("per measure: %v", r.Query)
	}
	if r.Metadata["mc.measures"] != "sufficiency,cooling,lifetime" || r.Metadata["mc.threshold"] != "0.1" {
		t.Errorf("metadata mc.measures %q, mc.threshold %q", r.Metadata["mc.measures"], r.Metadata["mc.threshold"])
	}
}
