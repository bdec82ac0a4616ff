package engine

import (
	"math"
	"os"
	"testing"

	"mc/inputs"
	"mc/model"
	"mc/scenarios"
)

// aiGlobalFormulaFile is ai-global v1 rewritten as a formula model.
const aiGlobalFormulaFile = "../scenarios/ai-global-v1-formula.yaml"

// aiGlobalPair builds the compiled ai-global model and its formula rewrite
// for the same factors (those of the v1 scenario), with the plan of each.
func aiGlobalPair(t testing.TB) (compiled, formula *Plan) {
	t.Helper()
	// The compiled v1 model and its scenario: ai-global (to be renamed
	// ai-global-v1; either name is accepted).
	data, ok := scenarios.Lookup("ai-global-v1")
	if !ok {
		data, _ = scenarios.Lookup("ai-global")
	}
	sc, err := inputs.Parse("ai-global.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(aiGlobalFormulaFile)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := inputs.Parse(aiGlobalFormulaFile, text)
	if err != nil {
		t.Fatal(err)
	}
	if (sc.Model != "ai-global" && sc.Model != "ai-global-v1") || sf.ModelNode == nil {
		t.Fatalf("models %s and %s", sc.Model, sf.Model)
	}
	return plan(t, sc, Overrides{Method: "mc"}), plan(t, sf, Overrides{Method: "mc"})
}

// aiGlobalInputs draws n factor vectors for p's factors (in p's order) by
// their quantile functions: the first 40 sit in the tails (every factor at
// p = 1e−6, 1e−3, 0.999 or 1 − 1e−6 in turn), the rest are spread over (0, 1).
func aiGlobalInputs(p *Plan, n int) [][]float64 {
	tails := []float64{1e-6, 1e-3, 0.999, 1 - 1e-6}
	in := make([][]float64, len(p.Factors))
	for j, f := range p.Factors {
		in[j] = make([]float64, n)
		for i := range n {
			var u float64
			if i < 40 {
				u = tails[(i+j)%len(tails)]
			} else {
				u = math.Mod(float64(i)*0.6180339887498949+float64(j)*0.7548776662466927, 1)
				u = min(max(u, 1e-9), 1-1e-9)
			}
			in[j][i] = f.Dist.Quantile(u)
		}
	}
	return in
}

func evaluate(m model.Model, in [][]float64) [][]float64 {
	out := make([][]float64, len(model.SeriesOf(m.Outputs())))
	for i := range out {
		out[i] = make([]float64, len(in[0]))
	}
	m.Evaluate(in, out)
	return out
}

// ai-global v1 as formulas equals the compiled model to 1e−12 (relative) on
// every output, year and factor vector, tails included.
func TestFormulaAIGlobalEqualsCompiled(t *testing.T) {
	pc, pf := aiGlobalPair(t)
	const n = 200
	in := aiGlobalInputs(pc, n)
	// The formula model reads the factors in the scenario's order.
	col := map[string][]float64{}
	for j, f := range pc.Factors {
		col[f.Name] = in[j]
	}
	inF := make([][]float64, len(pf.Factors))
	for j, f := range pf.Factors {
		if inF[j] = col[f.Name]; inF[j] == nil {
			t.Fatalf("factor %s missing", f.Name)
		}
	}
	want, got := evaluate(pc.Model, in), evaluate(pf.Model, inF)
	sw, sg := model.SeriesOf(pc.Model.Outputs()), model.SeriesOf(pf.Model.Outputs())
	if len(sw) != len(sg) || len(sw) != 91*31 {
		t.Fatalf("%d series, compiled has %d", len(sg), len(sw))
	}
	worst := 0.0
	for c := range sw {
		if sw[c].Name != sg[c].Name || sw[c].Year != sg[c].Year {
			t.Fatalf("series %d: %s %d, compiled %s %d", c, sg[c].Name, sg[c].Year, sw[c].Name, sw[c].Year)
		}
		for i := range n {
			a, b := got[c][i], want[c][i]
			d := math.Abs(a - b)
			if d == 0 {
				continue
			}
			rel := d / math.Abs(b)
			worst = max(worst, rel)
			if !(rel <= 1e-12) {
				t.Fatalf("%s %d, vector %d: formula %v, compiled %v (relative %.3g)", sw[c].Name, sw[c].Year, i, a, b, rel)
			}
		}
	}
	t.Logf("largest relative difference %.3g over %d series × %d vectors", worst, len(sw), n)
}

// BenchmarkAIGlobalCompiled and BenchmarkAIGlobalFormula evaluate the same
// block of 256 samples (the engine's batch) with each model; scripts/bench.sh
// prints the ratio of their speeds.
func BenchmarkAIGlobalCompiled(b *testing.B) { benchAIGlobal(b, false) }

func BenchmarkAIGlobalFormula(b *testing.B) { benchAIGlobal(b, true) }

func benchAIGlobal(b *testing.B, formula bool) {
	pc, pf := aiGlobalPair(b)
	p := pc
	if formula {
		p = pf
	}
	const n = 256
	in := aiGlobalInputs(p, n)
	out := make([][]float64, len(model.SeriesOf(p.Model.Outputs())))
	for i := range out {
		out[i] = make([]float64, n)
	}
	b.ResetTimer()
	for b.Loop() {
		p.Model.Evaluate(in, out)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
