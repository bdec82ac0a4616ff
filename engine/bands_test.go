package engine

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// keepY collects the first output of every sample, in sample order.
type keepY struct{ y []float64 }

func (k *keepY) Keep(first int64, x, out [][]float64) error {
	if int64(len(k.y)) != first {
		return nil // the test checks the count
	}
	k.y = append(k.y, out[0]...)
	return nil
}

// type7 is the Hyndman–Fan type-7 quantile of sorted values.
func type7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	k := int(h)
	if k >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[k] + (h-float64(k))*(sorted[k+1]-sorted[k])
}

const heavyYAML = `
model: sobol-g
parameters: {a: [0]}
samples: %N%
design: mc
method: mc
seed: 3
factors:
  x1: {distribution: lognormal, meanlog: 24, sdlog: 100}
`

// TestHeavyTailBands is issue 8 item 2 end to end: one lognormal factor with
// sdlog 100, and y = |4x − 2| (Sobol' G, a = 0), whose median is exactly
// 4e²⁴ − 2 (y ≤ 4m − 2 ⇔ x ≤ m for the median m = e²⁴ of x). The SD was NaN
// and the quantiles all equal; now every quantile is within the sketch's α of
// the exact type-7 quantile of the same outputs, the SD is finite, nothing is
// flagged, and the results do not depend on workers or batches.
func TestHeavyTailBands(t *testing.T) {
	const n = 1 << 16
	p := plan(t, scenario(t, heavyYAML, "%N%", "65536"), Overrides{})
	keep := &keepY{}
	_, tb := run(t, p, Options{Workers: 1, Keep: keep})
	if len(keep.y) != n || len(tb.Bands) != 1 {
		t.Fatalf("%d outputs kept, %d bands", len(keep.y), len(tb.Bands))
	}
	b := tb.Bands[0]
	if b.Flag != "" || !strings.HasPrefix(b.Method, "sketch(") {
		t.Errorf("flag %q, method %q", b.Flag, b.Method)
	}
	sorted := slices.Clone(keep.y)
	slices.Sort(sorted)
	got := []float64{b.Q2_5, b.Q5, b.Q25, b.Q50, b.Q75, b.Q95, b.Q97_5}
	for i, prob := range []float64{0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975} {
		if want := type7(sorted, prob); math.Abs(got[i]-want) > SketchAlpha*want {
			t.Errorf("q%v = %v, exact %v", prob, got[i], want)
		}
	}
	if b.Min != sorted[0] || b.Max != sorted[n-1] {
		t.Errorf("min, max = %v, %v, want %v, %v", b.Min, b.Max, sorted[0], sorted[n-1])
	}
	if !(b.SD > 0 && b.SD < math.Inf(1)) || !(b.Mean >= b.Min && b.Mean <= b.Max) {
		t.Errorf("mean %v, sd %v", b.Mean, b.SD)
	}
	// The sample median's log has sd σ·√(π/2)/√n = 0.49.
	if med := 4*math.Exp(24) - 2; math.Abs(math.Log(b.Q50/med)) > 4*100*math.Sqrt(math.Pi/2/n) {
		t.Errorf("q50 = %v, exact median %v", b.Q50, med)
	}
	want := bitsOf(tb)
	for _, o := range []Options{{Workers: 3, Batch: 100}, {Workers: 2, Batch: 1000}} {
		_, other := run(t, p, o)
		sameBits(t, "heavy tail", want, bitsOf(other))
	}
}

// TestNonFiniteOutputIsAnError: a model output that is NaN or ±Inf stops the
// run with an error naming the output and the sample row, never a silent
// NaN in the bands: here x ~ lognormal(708, 0.2) is finite but 4x − 2
// overflows to +Inf when x > e^708.4 (2 % of the samples).
func TestNonFiniteOutputIsAnError(t *testing.T) {
	text := strings.Replace(heavyYAML, "meanlog: 24, sdlog: 100", "meanlog: 708, sdlog: 0.2", 1)
	p := plan(t, scenario(t, text, "%N%", "4096"), Overrides{})
	_, err := Run(t.Context(), p, Options{})
	if err == nil || !strings.Contains(err.Error(), "output y at row") || !strings.Contains(err.Error(), "+Inf") {
		t.Errorf("error %v, want one naming output y, the row and +Inf", err)
	}
}

// TestHugeOutputs: outputs up to 1.6e308 (y = |4x − 2|, x uniform on
// ±4e307), whose pilot mean used to overflow into an infinite centre and
// fail the run, give the moments and median of y ≈ 4|x|, uniform on
// [0, 1.6e308): mean 8e307, sd 1.6e308/√12, median 8e307.
func TestHugeOutputs(t *testing.T) {
	text := strings.Replace(heavyYAML, "{distribution: lognormal, meanlog: 24, sdlog: 100}", "{distribution: uniform, min: -4e307, max: 4e307}", 1)
	p := plan(t, scenario(t, text, "%N%", "100000"), Overrides{})
	_, tb := run(t, p, Options{})
	b := tb.Bands[0]
	const top = 1.6e308
	// Monte Carlo: within 5 standard errors.
	if se := top / math.Sqrt(12*100000); math.Abs(b.Mean-top/2) > 5*se || math.Abs(b.SD-top/math.Sqrt(12)) > 0.01*top || b.Flag != "" {
		t.Errorf("mean %v, sd %v, flag %q; want about %v, %v", b.Mean, b.SD, b.Flag, top/2, top/math.Sqrt(12))
	}
	if math.Abs(b.Q50-top/2) > 0.01*top {
		t.Errorf("q50 %v, want about %v", b.Q50, top/2)
	}
}

// TestHeavyTailAIGlobal is the report of issue 8 item 2 on the default
// scenario: one factor (V24, data at rest) made lognormal with sdlog 100
// gave sd = NaN and q5 = … = q97.5 in a third of the 2,821 rows. Now every
// row has a finite sd and spread quantiles, and none is flagged.
func TestHeavyTailAIGlobal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the default scenario")
	}
	text, err := os.ReadFile("../scenarios/ai-global-v1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const from, to = "V24: {distribution: lognormal, p5: 5, p95: 200,", "V24: {distribution: lognormal, meanlog: 3.43, sdlog: 100,"
	if !strings.Contains(string(text), from) {
		t.Fatalf("ai-global-v1.yaml no longer has %q", from)
	}
	sc := scenario(t, strings.Replace(string(text), from, to, 1))
	_, tb := run(t, plan(t, sc, Overrides{Method: "mc", Samples: 2048}), Options{})
	bad := 0
	for _, b := range tb.Bands {
		if !(b.SD >= 0 && b.SD < math.Inf(1)) || b.Flag != "" || (b.Min < b.Max && b.Q2_5 == b.Q97_5) {
			if bad++; bad <= 3 {
				year := "-"
				if b.Year != nil {
					year = fmt.Sprint(*b.Year)
				}
				t.Errorf("%s %s: sd %v, q2.5 %v, q97.5 %v, flag %q", b.Output, year, b.SD, b.Q2_5, b.Q97_5, b.Flag)
			}
		}
	}
	if bad > 0 || len(tb.Bands) != 2821 {
		t.Errorf("%d of %d bands wrong", bad, len(tb.Bands))
	}
}
