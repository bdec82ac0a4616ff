package inputs

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestEmpiricalQuantiles(t *testing.T) {
	cases := []struct {
		values []float64
		interp Interpolation
		p      float64
		want   float64
	}{
		// numpy.quantile documentation: a = [[10, 7, 4], [3, 2, 1]], q = 0.5.
		{[]float64{10, 7, 4, 3, 2, 1}, Linear, 0.5, 3.5},
		// Type 7 on 1…n is Q(p) = 1 + (n − 1) p.
		{[]float64{5, 4, 3, 2, 1}, Linear, 0.3, 2.2},
		{[]float64{1, 2, 3, 4, 10}, Linear, 0.9, 7.6}, // h = 3.6: 4 + 0.6·6
		{[]float64{1, 2, 3, 4, 10}, Linear, 0, 1},
		{[]float64{1, 2, 3, 4, 10}, Linear, 1, 10},
		{[]float64{7}, Linear, 0.3, 7},
		// Type 1: x₍ⱼ₎, j = ⌈np⌉.
		{[]float64{4, 3, 2, 1}, Step, 0.5, 2},
		{[]float64{4, 3, 2, 1}, Step, 0.51, 3},
		{[]float64{4, 3, 2, 1}, Step, 0.25, 1},
		{[]float64{4, 3, 2, 1}, Step, 0, 1},
		{[]float64{4, 3, 2, 1}, Step, 1, 4},
		{[]float64{1, 2, 3, 4, 10}, Step, 0.9, 10},
	}
	for _, c := range cases {
		e := must(NewEmpirical(c.values, c.interp))
		if got := e.Quantile(c.p); !near(got, c.want, 1e-15) {
			t.Errorf("%v: Q(%g) = %g, want %g", e, c.p, got, c.want)
		}
	}
	if _, err := ParseInterpolation("cubic"); err == nil || err.Error() != `unknown interpolation "cubic" (allowed: linear, step)` {
		t.Errorf("ParseInterpolation(cubic) = %v", err)
	}
}

func TestReadCSVColumn(t *testing.T) {
	got, err := readCSVColumn(filepath.Join("testdata", "data.csv"), "x")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1.5, 2.5, 0.5, 4.5, 3.5}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	// A single column needs no name, and a byte order mark is not part of it.
	if got, err := readCSVColumn(filepath.Join("testdata", "single.csv"), ""); err != nil || len(got) != 3 || got[2] != 1.6 {
		t.Errorf("single.csv: %v, %v", got, err)
	}
	if got, err := readCSVColumn(filepath.Join("testdata", "single.csv"), "pue"); err != nil || len(got) != 3 {
		t.Errorf("single.csv, column pue: %v, %v", got, err)
	}

	bad := []struct{ file, column, want string }{
		{"notanumber.csv", "x", `testdata/notanumber.csv:3:6: column "x": expected a finite number, got "abc"`},
		{"emptycell.csv", "x", `testdata/emptycell.csv:3:7: column "x": empty cell (missing values are not allowed)`},
		{"ragged.csv", "x", `testdata/ragged.csv:3:1: wrong number of fields`},
		{"data.csv", "z", `testdata/data.csv:1: no column "z" (columns: year, x, y)`},
		{"data.csv", "", `testdata/data.csv:1: the file has 3 columns (year, x, y): say which one with column:`},
		{"headeronly.csv", "x", `testdata/headeronly.csv: column "x" has no values below its header`},
		{"twice.csv", "x", `testdata/twice.csv:1: column "x" appears twice in the header`},
		{"missing.csv", "x", `open testdata/missing.csv: no such file or directory`},
		{".", "x", `testdata: not a regular file`},
	}
	for _, c := range bad {
		_, err := readCSVColumn(filepath.Join("testdata", c.file), c.column)
		if err == nil || filepath.ToSlash(err.Error()) != c.want {
			t.Errorf("%s, column %q: error %v\n want %s", c.file, c.column, err, c.want)
		}
	}
}

func TestLoadEmpiricalCSV(t *testing.T) {
	sc, err := Load(filepath.Join("testdata", "scenario.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	x, ok := sc.Factor("x")
	if !ok {
		t.Fatal("no factor x")
	}
	// Sorted x: 0.5 1.5 2.5 3.5 4.5; type 7 at p = 0.375: h = 1.5.
	if got := x.Dist.Quantile(0.375); got != 2 {
		t.Errorf("x: Q(0.375) = %g, want 2", got)
	}
	if s := x.Dist.String(); s != "empirical(file=data.csv, column=x, n=5, values=[0.5, 1.5, 2.5, 3.5, 4.5], interpolation=linear)" {
		t.Errorf("x: String() = %s", s)
	}
	pue, _ := sc.Factor("pue")
	if got := pue.Dist.Quantile(0.5); got != 1.2 {
		t.Errorf("pue: step Q(0.5) = %g, want 1.2", got)
	}
	if !strings.Contains(pue.Dist.String(), "interpolation=step") {
		t.Errorf("pue: String() = %s", pue.Dist)
	}
}
