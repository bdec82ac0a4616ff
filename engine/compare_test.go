package engine

import (
	"math"
	"testing"
)

func compareBands(t *testing.T, base, variant string, thr float64) map[string]Tables {
	t.Helper()
	p, err := NewComparePlan(scenario(t, base), scenario(t, variant), Overrides{}, thr)
	if err != nil {
		t.Fatal(err)
	}
	_, tb := run(t, p, Options{})
	out := map[string]Tables{}
	for _, r := range tb.Bands {
		m, _ := SplitCompareOutput(r.Output)
		x := out[m]
		x.Bands = append(x.Bands, r)
		out[m] = x
	}
	return out
}

const cmpBase = "model: ishigami\nsamples: 50000\nseed: 1\ndesign: mc\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"

// A scenario compared with itself differs by exactly zero in every sample.
func TestCompareWithItselfIsExactlyZero(t *testing.T) {
	b := compareBands(t, cmpBase, cmpBase, 0.1)
	d := b["diff"].Bands[0]
	r := b["rel"].Bands[0]
	red := b["reduced"].Bands[0]
	if d.Min != 0 || d.Max != 0 || r.Min != 0 || r.Max != 0 || red.Max != 0 || d.N != 50000 {
		t.Errorf("difference %+v, relative %+v, reduced %+v", d, r, red)
	}
}

// Common random numbers: fixing x2 at 0 changes Ishigami by exactly
// −7 sin²(x2) in each sample, whatever x1 and x3 (shared values).
func TestCompareCommonRandomNumbers(t *testing.T) {
	variant := "model: ishigami\nsamples: 50000\nseed: 1\ndesign: mc\nfactors:\n  x1: " + piRange + "\n  x2: {fixed: 0}\n  x3: " + piRange + "\n"
	b := compareBands(t, cmpBase, variant, 0.1)
	d := b["diff"].Bands[0]
	if d.Max > 0 || d.Min < -7 {
		t.Errorf("difference outside [−7, 0]: %+v", d)
	}
	// E[−7 sin² x2] = −3.5, sd = 7·sd(sin²) = 7/√8.
	se := 7 / math.Sqrt(8) / math.Sqrt(float64(d.N))
	if math.Abs(d.Mean+3.5) > 4*se {
		t.Errorf("mean difference %v, exact −3.5 (SE %v)", d.Mean, se)
	}
	if math.Abs(d.SD-7/math.Sqrt(8)) > 0.02 {
		t.Errorf("sd of the difference %v, exact %v", d.SD, 7/math.Sqrt(8))
	}
	// Without common random numbers the difference would carry the variance
	// of x1 and x3 (sd ≈ 3.7): its sd would be far above 7/√8 ≈ 2.47.
}

func TestCompareRefusesDifferentOutputs(t *testing.T) {
	other := "model: atantemp\nsamples: 10\nfactors:\n  x1: {distribution: uniform, min: -7, max: 7}\n  x2: {distribution: uniform, min: -7, max: 7}\n"
	if _, err := NewComparePlan(scenario(t, cmpBase), scenario(t, other), Overrides{}, 0.1); err == nil {
		t.Error("comparing ishigami with atantemp: no error")
	}
}
