package engine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"mc/inputs"
	"mc/scenarios"
)

// Ishigami written as a formula model, in the operation order of the
// compiled model, so that a run of either is bit-identical.
const ishigamiFormula = `
model:
  parameters: {a: 7, b: 0.1}
  equations:
    s1: sin(x1)
    s2: sin(x2)
    z: x3 * x3
    y: {value: s1 + a*s2*s2 + b*z*z*s1, unit: "1"}
  outputs: [y]
samples: 16384
seed: 3
sobol: {by: both}
factors:
  x1: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793, group: g13}
  x2: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}
  x3: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793, group: g13}
`

// The Sobol' indices of Ishigami written as formulas are the exact ones
// (sensitivity.md §5) within their confidence intervals and 0.01.
func TestFormulaIshigamiExactIndices(t *testing.T) {
	tb := sobolRun(t, ishigamiFormula, Overrides{})
	for _, f := range []string{"x1", "x2", "x3"} {
		r := index(t, tb.Sobol, "factor", f, nil)
		near(t, "S1 "+f, r.S1, ishigamiS1[f], 0.01)
		near(t, "ST "+f, r.ST, ishigamiST[f], 0.01)
		if e := ishigamiS1[f]; e < r.S1Lo || e > r.S1Hi {
			t.Errorf("S1 %s: exact %.5f outside the CI [%.5f, %.5f]", f, e, r.S1Lo, r.S1Hi)
		}
		if e := ishigamiST[f]; e < r.STLo || e > r.STHi {
			t.Errorf("ST %s: exact %.5f outside the CI [%.5f, %.5f]", f, e, r.STLo, r.STHi)
		}
	}
	g := index(t, tb.Sobol, "group", "g13", nil)
	near(t, "ST {x1,x3}", g.ST, 0.5575888552, 0.01)
}

// A formula model that computes what a compiled model computes, in the same
// order, gives bit-identical results: the engine treats both alike.
func TestFormulaIshigamiBitIdenticalToCompiled(t *testing.T) {
	compiled := strings.Replace(ishigamiFormula, ishigamiFormula[:strings.Index(ishigamiFormula, "samples:")],
		"\nmodel: ishigami\nparameters: {a: 7, b: 0.1}\n", 1)
	ov := Overrides{Method: "sobol"}
	_, b := run(t, plan(t, scenario(t, compiled), ov), Options{Workers: 2})
	for _, o := range []Options{{Workers: 1}, {Workers: 2, Batch: 100}} {
		_, a := run(t, plan(t, scenario(t, ishigamiFormula), ov), o)
		if !reflect.DeepEqual(a.Sobol, b.Sobol) || !reflect.DeepEqual(a.Bands, b.Bands) {
			t.Fatalf("%+v: formula and compiled Ishigami differ", o)
		}
	}
}

// Sobol' G (8 factors, a = 0, 1, 4.5, 9, 99, 99, 99, 99) written as a formula.
func TestFormulaSobolGExactIndices(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	var b strings.Builder
	b.WriteString("model:\n  equations:\n")
	var terms []string
	for i, ai := range a {
		fmt.Fprintf(&b, "    g%d: (abs(4*x%d - 2) + %v) / (1 + %v)\n", i+1, i+1, ai, ai)
		terms = append(terms, fmt.Sprintf("g%d", i+1))
	}
	fmt.Fprintf(&b, "    y: %s\n  outputs: [y]\nsamples: 16384\nseed: 5\nfactors:\n", strings.Join(terms, " * "))
	for i := range a {
		fmt.Fprintf(&b, "  x%d: {distribution: uniform, min: 0, max: 1}\n", i+1)
	}
	tb := sobolRun(t, b.String(), Overrides{})
	s1, st := sobolGExact(a)
	for i := range a {
		r := index(t, tb.Sobol, "factor", fmt.Sprintf("x%d", i+1), nil)
		near(t, fmt.Sprintf("S1 x%d", i+1), r.S1, s1[i], 0.01)
		near(t, fmt.Sprintf("ST x%d", i+1), r.ST, st[i], 0.01)
		if e := s1[i]; e < r.S1Lo-1e-3 || e > r.S1Hi+1e-3 {
			t.Errorf("S1 x%d: exact %.5f outside the CI [%.5f, %.5f]", i+1, e, r.S1Lo, r.S1Hi)
		}
	}
}

// An error inside an expression of the scenario's model is reported at its
// line and column in the scenario file.
func TestFormulaErrorPosition(t *testing.T) {
	text := "model:\n  equations:\n    y: sin(x1) + sinn(x2)\nsamples: 8\nfactors:\n  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: uniform, min: 0, max: 1}\n"
	_, err := NewPlan(scenario(t, text), Overrides{})
	want := "test.yaml:3:18: equation y: unknown function sinn (did you mean sin?)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// The embedded formula scenarios (inline models) validate and run.
func TestFormulaEmbeddedScenarios(t *testing.T) {
	for _, name := range []string{"formula-stock", "ai-global-v1-formula"} {
		data, ok := scenarios.Lookup(name)
		if !ok {
			t.Fatalf("%s not embedded", name)
		}
		sc, err := inputs.Parse("embedded:"+name+".yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		p := plan(t, sc, Overrides{Method: "mc", Samples: 64})
		run(t, p, Options{})
	}
}

// Two formula models with the same factors but another equation have
// different design hashes (their shard states must never merge); the same
// model has the same hash.
func TestFormulaDesignHashCoversEquations(t *testing.T) {
	a := plan(t, scenario(t, ishigamiFormula), Overrides{})
	b := plan(t, scenario(t, ishigamiFormula), Overrides{})
	c := plan(t, scenario(t, strings.Replace(ishigamiFormula, "b*z*z*s1", "b*z*s1", 1)), Overrides{})
	if a.Hash() != b.Hash() || a.Hash() == c.Hash() {
		t.Fatalf("hashes %s %s %s", a.Hash(), b.Hash(), c.Hash())
	}
}
