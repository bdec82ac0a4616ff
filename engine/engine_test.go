package engine

import (
	"context"
	"math"
	"strings"
	"testing"

	"mc/inputs"
	_ "mc/model"
)

const ishigamiYAML = `
model: ishigami
parameters: {a: 7, b: 0.1}
samples: %N%
design: %DESIGN%
method: %METHOD%
seed: 42
factors:
  x1: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793, group: g13}
  x2: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}
  x3: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793, group: g13}
`

func scenario(t testing.TB, text string, kv ...string) *inputs.Scenario {
	t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		text = strings.ReplaceAll(text, kv[i], kv[i+1])
	}
	sc, err := inputs.Parse("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func plan(t testing.TB, sc *inputs.Scenario, ov Overrides) *Plan {
	t.Helper()
	p, err := NewPlan(sc, ov)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, p *Plan, opts Options) (*Outcome, *Tables) {
	t.Helper()
	out, err := Run(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	return out, tb
}

// The Monte Carlo mean of Ishigami is within its standard error of a/2 = 3.5.
func TestIshigamiMeanWithinStandardError(t *testing.T) {
	for _, design := range []string{"mc", "lhs", "sobol"} {
		sc := scenario(t, ishigamiYAML, "%N%", "200000", "%DESIGN%", design, "%METHOD%", "mc")
		_, tb := run(t, plan(t, sc, Overrides{}), Options{})
		b := tb.Bands[0]
		se := b.SD / math.Sqrt(float64(b.N))
		// 3 standard errors: the test fails 0.3 % of the time for a correct
		// sampler with a random seed; the seed is fixed, so it is stable.
		if d := math.Abs(b.Mean - 3.5); d > 3*se {
			t.Errorf("%s: mean %v, |error| %v > 3 SE = %v", design, b.Mean, d, 3*se)
		}
		// Exact variance: V = V1 + V2 + V13 (sensitivity.md §5).
		a, bb := 7.0, 0.1
		v1 := 0.5 * math.Pow(1+bb*math.Pow(math.Pi, 4)/5, 2)
		v := v1 + a*a/8 + 8*bb*bb*math.Pow(math.Pi, 8)/225
		if rel := math.Abs(b.SD*b.SD-v) / v; rel > 0.02 {
			t.Errorf("%s: variance %v, exact %v", design, b.SD*b.SD, v)
		}
	}
}

func bitsOf(tb *Tables) []uint64 {
	var out []uint64
	for _, b := range tb.Bands {
		for _, v := range []float64{b.Mean, b.SD, b.Min, b.Max, b.Q2_5, b.Q5, b.Q25, b.Q50, b.Q75, b.Q95, b.Q97_5} {
			out = append(out, math.Float64bits(v))
		}
	}
	for _, s := range tb.Sobol {
		for _, v := range []float64{s.S1, s.S1Lo, s.S1Hi, s.ST, s.STLo, s.STHi} {
			out = append(out, math.Float64bits(v))
		}
	}
	for _, c := range tb.Convergence {
		out = append(out, math.Float64bits(c.S1), math.Float64bits(c.ST))
	}
	for _, m := range tb.Morris {
		for _, v := range []float64{m.Mu, m.MuStar, m.MuStarLo, m.MuStarHi, m.Sigma} {
			out = append(out, math.Float64bits(v))
		}
	}
	return out
}

func sameBits(t *testing.T, what string, a, b []uint64) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d values vs %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("%s: value %d differs: %v vs %v", what, i, math.Float64frombits(a[i]), math.Float64frombits(b[i]))
		}
	}
}

// Results are bit-identical for 1, 2 and 7 workers and two batch sizes.
func TestBitIdenticalAcrossWorkersAndBatches(t *testing.T) {
	cases := []struct{ method, design, n string }{
		{"mc", "mc", "50000"}, {"mc", "lhs", "30000"}, {"mc", "sobol", "40000"},
		{"sobol", "sobol", "4096"}, {"morris", "mc", "40"},
	}
	for _, c := range cases {
		sc := scenario(t, ishigamiYAML, "%N%", c.n, "%DESIGN%", c.design, "%METHOD%", c.method)
		p := plan(t, sc, Overrides{By: "both"})
		_, ref := run(t, p, Options{Workers: 1, Batch: 256})
		want := bitsOf(ref)
		if len(want) == 0 {
			t.Fatalf("%s/%s: no results", c.method, c.design)
		}
		for _, o := range []Options{{Workers: 2, Batch: 256}, {Workers: 7, Batch: 256}, {Workers: 7, Batch: 100}, {Workers: 2, Batch: 1000}} {
			_, got := run(t, p, o)
			sameBits(t, c.method+"/"+c.design, want, bitsOf(got))
		}
	}
}
