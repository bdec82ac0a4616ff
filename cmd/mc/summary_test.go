package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mc/inputs"
	"mc/scenarios"
)

func TestIndexCell(t *testing.T) {
	for _, c := range []struct {
		est, lo, hi float64
		want        string
	}{
		{0.5, 0.452, 0.548, "0.500 ±0.048"},
		{0.25, 0.2, 0.2999, "0.250 ±0.050"},
		{0.5, 0.4, 0.6001, wideCell},
		{1.22, 0.636, 1.804, wideCell},
		{-0.001, -0.003, 0.001, "-0.001 ±0.002"},
		{0.5, 0.5, nan(), wideCell},
	} {
		if got, _ := indexCell(c.est, c.lo, c.hi); got != c.want {
			t.Errorf("indexCell(%v, %v, %v) = %q, want %q", c.est, c.lo, c.hi, got, c.want)
		}
	}
}

func nan() float64 { z := 0.0; return z / z }

const groupedIshigami = `model: ishigami
parameters: {a: 7, b: 0.1}
samples: %N%
method: sobol
seed: 3
sobol: {by: both}
groups:
  x1-lever: {kind: lever, description: "a measure"}
  x2-trend: exogenous
factors:
  x1: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793, group: x1-lever}
  x2: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793, group: x2-trend}
  x3: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}
`

// mc run prints the levers' ranking apart from the exogenous uncertainties'
// (and what has no kind apart from both), by group and by factor.
func TestSummarySeparatesLeversFromExogenous(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(strings.Replace(groupedIshigami, "%N%", "16384", 1)), 0o644)
	code, out, stderr := runMain("run", sc, "-o", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	table := func(title string) string {
		i := strings.Index(out, title)
		if i < 0 {
			t.Fatalf("no table %q in:\n%s", title, out)
		}
		rest := out[i:]
		if j := strings.Index(rest, "\n\n"); j > 0 {
			rest = rest[:j]
		}
		return rest
	}
	for _, by := range []string{"groups", "factors"} {
		lev := table("LEVERS — Sobol' indices of y by " + by)
		exo := table("EXOGENOUS uncertainties — Sobol' indices of y by " + by)
		other := table("not classified (no group kind) — Sobol' indices of y by " + by)
		x1, x2 := "x1-lever", "x2-trend"
		if by == "factors" {
			x1, x2 = "x1", "x2"
		}
		if !strings.Contains(lev, "1     "+x1) || strings.Contains(lev, x2) || strings.Contains(lev, "x3") {
			t.Errorf("levers by %s:\n%s", by, lev)
		}
		if !strings.Contains(exo, "1     "+x2) || strings.Contains(exo, x1) {
			t.Errorf("exogenous by %s:\n%s", by, exo)
		}
		if !strings.Contains(other, "1     x3") {
			t.Errorf("unclassified by %s:\n%s", by, other)
		}
	}
	if strings.Contains(out, wideCell) {
		t.Errorf("N = 16384 printed a wide interval:\n%s", out)
	}
}

// An index whose interval is wider than 0.1 is not printed: the cell says
// to raise N, and a note explains.
func TestSummaryHidesWideIntervals(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(strings.Replace(groupedIshigami, "%N%", "64", 1)), 0o644)
	code, out, stderr := runMain("run", sc, "-o", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, wideCell) || !strings.Contains(out, "wider than 0.1") {
		t.Errorf("N = 64: no %q cell or note:\n%s", wideCell, out)
	}
}

// The rule of the shipped scenarios: at their default N no printed index has
// an interval wider than 0.1.
func TestShippedScenariosPrintNoWideInterval(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every shipped Sobol' scenario at its default N")
	}
	for _, name := range scenarios.Names() {
		data, _ := scenarios.Lookup(name)
		sc, err := inputs.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Method != "sobol" {
			continue
		}
		code, out, stderr := runMain("run", name, "-o", t.TempDir())
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		if strings.Contains(out, wideCell) {
			t.Errorf("%s: an index printed as %q at the default N:\n%s", name, wideCell, out)
		}
	}
}

// Morris rankings are split the same way.
func TestMorrisSummarySeparatesLevers(t *testing.T) {
	dir := t.TempDir()
	sc := filepath.Join(dir, "s.yaml")
	os.WriteFile(sc, []byte(strings.Replace(groupedIshigami, "%N%", "1024", 1)), 0o644)
	code, out, stderr := runMain("run", sc, "--method", "morris", "-n", "20", "-o", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for title, first := range map[string]string{"LEVERS — Morris elementary effects of y by factors": "1     x1",
		"EXOGENOUS uncertainties — Morris elementary effects of y by factors":        "1     x2",
		"not classified (no group kind) — Morris elementary effects of y by factors": "1     x3"} {
		i := strings.Index(out, title)
		if i < 0 {
			t.Errorf("no table %q:\n%s", title, out)
			continue
		}
		// title, header, then the first ranked row
		if lines := strings.SplitN(out[i:], "\n", 4); len(lines) < 3 || !strings.HasPrefix(lines[2], first) {
			t.Errorf("table %q does not start with %q:\n%s", title, first, out[i:])
		}
	}
}
