package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"mc/results"
	"mc/scenarios"
)

// v1Scenario returns the text of the v1 AI model's scenario (embedded as
// ai-global-v1 once v2 is the default, else as ai-global).
func v1Scenario(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"ai-global-v1", "ai-global"} {
		if data, ok := scenarios.Lookup(name); ok {
			return string(data)
		}
	}
	t.Fatal("no embedded ai-global scenario")
	return ""
}

// measureVariants writes a small base (N = 256) of the v1 model and three
// measure variants, each a lever at its ambitious end, into dir.
func measureVariants(t *testing.T, dir string) (base string, variants []string) {
	t.Helper()
	text := strings.Replace(v1Scenario(t), "samples: 8192", "samples: 256", 1)
	write := func(name string, from, to []string) string {
		s := text
		for i := range from {
			if !strings.Contains(s, from[i]) {
				t.Fatalf("%s: %q not in the v1 scenario", name, from[i])
			}
			s = strings.Replace(s, from[i], to[i], 1)
		}
		p := filepath.Join(dir, name+".yaml")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base = write("base", nil, nil)
	variants = []string{
		write("sufficiency", []string{"s_suff: {distribution: uniform, min: 0, max: 0.5,"}, []string{"s_suff: {distribution: uniform, min: 0, max: 0.5, fixed: 0.5,"}),
		write("cooling", []string{"PUE50: {distribution: uniform, min: 1.05, max: 1.25,", "WUEon_m: {distribution: uniform, min: 0.3, max: 1.2,"},
			[]string{"PUE50: {distribution: uniform, min: 1.05, max: 1.25, fixed: 1.05,", "WUEon_m: {distribution: uniform, min: 0.3, max: 1.2, fixed: 0.3,"}),
		write("lifetime", []string{"L_hw: {distribution: uniform, min: 3, max: 6,"}, []string{"L_hw: {distribution: uniform, min: 3, max: 6, fixed: 6,"}),
	}
	return base, variants
}

func TestCompareMeasuresCLI(t *testing.T) {
	dir := t.TempDir()
	base, variants := measureVariants(t, dir)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runMain(append(append([]string{"compare", base}, variants...), "-o", out, "--threshold", "5%")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"FE_total in 2030 (base median ", " TWh): measures ranked", "FE_total in 2050", "GWP_total in 2030", "P(reduction > 5 %)", "wrote " + filepath.Join(out, "compare.parquet")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "FE_total in 2040") {
		t.Error("2040 ranked though --years defaults to 2030,2050")
	}
	rows, err := parquet.ReadFile[results.CompareRow](filepath.Join(out, "compare.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	// 3 measures × 6 index outputs (the 5 totals and FE_storage) × 31 years.
	if len(rows) != 3*6*31 {
		t.Fatalf("%d rows, want %d", len(rows), 3*6*31)
	}
	first := map[string]string{}
	for _, r := range rows {
		if r.Threshold != 0.05 || r.N != 256 {
			t.Fatalf("row %+v: threshold or n", r)
		}
		if r.Year == nil {
			t.Fatalf("row %+v: no year", r)
		}
		// In v1 the hardware lifetime changes manufacturing only: its
		// electricity is exactly that of the base, in every sample.
		if r.Measure == "lifetime" && r.Output == "FE_total" && (r.DiffMin != 0 || r.DiffMax != 0 || r.PReduction != 0) {
			t.Errorf("lifetime changes FE_total in %d: %+v", *r.Year, r)
		}
		// Sufficiency avoids up to 50 % of demand from 2030 on: it reduces
		// every criterion, by at most the share avoided.
		if r.Measure == "sufficiency" && *r.Year >= 2030 && r.Output != "FE_storage" && (r.RelQ95 > 0 || r.RelQ5 < -0.5-1e-9) {
			t.Errorf("sufficiency %s in %d: rel band [%v, %v]", r.Output, *r.Year, r.RelQ5, r.RelQ95)
		}
		if _, ok := first[r.Output]; !ok {
			first[r.Output] = r.Measure
		}
	}
	if first["FE_total"] != "sufficiency" {
		t.Errorf("rows start with measure %s, want the variants' order", first["FE_total"])
	}
	// Ranked first in 2030 for electricity: sufficiency.
	i := strings.Index(stdout, "FE_total in 2030")
	if i < 0 || !strings.Contains(stdout[i:], "1     sufficiency") {
		t.Errorf("sufficiency not first for FE_total in 2030:\n%s", stdout[max(i, 0):])
	}

	// The two-scenario form.
	code, stdout, stderr = runMain("compare", base, variants[1], "-o", out, "--years", "2040")
	if code != 0 || !strings.Contains(stdout, "FE_total in 2040") || !strings.Contains(stdout, "1     cooling") {
		t.Errorf("two-scenario form: exit %d\n%s\n%s", code, stdout, stderr)
	}
	rows, err = parquet.ReadFile[results.CompareRow](filepath.Join(out, "compare.parquet"))
	if err != nil || len(rows) != 6*31 {
		t.Errorf("two-scenario form: %d rows, %v", len(rows), err)
	}
}

func TestCompareUsageErrors(t *testing.T) {
	dir := t.TempDir()
	base, variants := measureVariants(t, dir)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"compare", base}, "at least one variant"},
		{[]string{"compare", base, variants[0], "--years", "20x0"}, "--years"},
		{[]string{"compare", base, "nothing-like-this-*"}, "no file or embedded scenario matches"},
		{[]string{"compare", base, variants[0], variants[0]}, "given twice"},
		{[]string{"compare", base, variants[0], "--outputs", "NOPE"}, "NOPE"},
		{[]string{"compare", base, variants[0], "--threshold", "150%"}, "--threshold"},
	} {
		code, _, stderr := runMain(c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.msg) {
			t.Errorf("mc %v: exit %d, stderr %q (want 2 and %q)", c.args[2:], code, stderr, c.msg)
		}
	}
}

// Patterns name embedded scenarios too; a path with a separator does only
// with the explicit embedded: prefix (issue 8: a path names a file).
func TestEmbeddedGlob(t *testing.T) {
	m := scenarios.Glob("ai-global*")
	if len(m) < 2 || !slices.Contains(m, "embedded:ai-global") {
		t.Errorf("Glob(ai-global*) = %v", m)
	}
	if m := scenarios.Glob("embedded:measures/*"); len(m) == 0 {
		t.Log("no embedded measures yet")
	}
	if _, ok := scenarios.Lookup("scenarios/ishigami"); ok {
		t.Error("Lookup(scenarios/ishigami) found an embedded scenario: a path must name a file")
	}
	if _, ok := scenarios.Lookup("embedded:ishigami"); !ok {
		t.Error("Lookup(embedded:ishigami) failed")
	}
	if _, ok := scenarios.Lookup("embedded:../scenarios/ishigami"); ok {
		t.Error("Lookup escapes the embedded folder")
	}
}

func TestEmbeddedLookupOnlyScenarios(t *testing.T) {
	if _, ok := scenarios.Lookup("scenarios.go"); ok {
		t.Error("Lookup returns the package's Go source")
	}
	for _, n := range scenarios.Names() {
		if _, ok := scenarios.Lookup(n); !ok || filepath.Ext(n) != "" {
			t.Errorf("Names lists %s", n)
		}
	}
}
