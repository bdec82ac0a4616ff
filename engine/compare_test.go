package engine

import (
	"context"
	"math"
	"strings"
	"testing"

	"mc/inputs"
	"mc/model"
	"mc/results"
)

// cmp-product: y_total = x1·x2 and a trajectory c_total[t] = x1·x2·(t − 2020)/10,
// whose relative changes are known exactly when a variant scales x1.
func init() {
	model.Register("cmp-product", func(cfg model.Config) (model.Model, error) {
		years := cfg.Years
		if years == nil {
			years = []int{2030, 2040, 2050}
		}
		return productModel{years}, nil
	})
}

type productModel struct{ years []int }

func (productModel) Factors() []model.Factor { return []model.Factor{{Name: "x1"}, {Name: "x2"}} }
func (m productModel) Outputs() []model.Output {
	return []model.Output{{Name: "y_total", Unit: "kWh"}, {Name: "c_total", Unit: "kWh", Years: m.years}, {Name: "x1_echo"}}
}
func (m productModel) Evaluate(in, out [][]float64) {
	for s := range in[0] {
		y := in[0][s] * in[1][s]
		out[0][s] = y
		for i, t := range m.years {
			out[1+i][s] = y * float64(t-2020) / 10
		}
		out[1+len(m.years)][s] = in[0][s]
	}
}

const productBase = "model: cmp-product\nsamples: 4000\nseed: 7\ndesign: mc\nfactors:\n  x1: {distribution: uniform, min: 1, max: 3}\n  x2: {distribution: lognormal, median: 2, gsd: 1.5}\n"

func compare(t *testing.T, base string, variants []string, names []string, opt CompareOptions, opts Options) (*Comparison, []results.CompareRow) {
	t.Helper()
	var vs []*inputs.Scenario
	for _, v := range variants {
		vs = append(vs, scenario(t, v))
	}
	c, err := NewComparison(scenario(t, base), vs, names, Overrides{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, tb := run(t, c.Plan, opts)
	rows, err := c.Rows(tb)
	if err != nil {
		t.Fatal(err)
	}
	return c, rows
}

func row(t *testing.T, rows []results.CompareRow, measure, output string, year int32) results.CompareRow {
	t.Helper()
	for _, r := range rows {
		if r.Measure == measure && r.Output == output && (r.Year == nil && year == 0 || r.Year != nil && *r.Year == year) {
			return r
		}
	}
	t.Fatalf("no row %s %s %d", measure, output, year)
	return results.CompareRow{}
}

const cmpBase = "model: ishigami\nsamples: 50000\nseed: 1\ndesign: mc\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"

// A scenario compared with itself differs by exactly zero in every sample.
func TestCompareWithItselfIsExactlyZero(t *testing.T) {
	_, rows := compare(t, cmpBase, []string{cmpBase}, []string{"same"}, CompareOptions{Threshold: 0.1, Outputs: []string{"*"}}, Options{})
	r := rows[0]
	if r.DiffMin != 0 || r.DiffMax != 0 || r.RelQ5 != 0 || r.RelQ95 != 0 || r.RelMean != 0 || r.PReduction != 0 || r.N != 50000 {
		t.Errorf("comparison with itself: %+v", r)
	}
}

// Common random numbers: fixing x2 at 0 changes Ishigami by exactly
// −7 sin²(x2) in each sample, whatever x1 and x3 (shared values).
func TestCompareCommonRandomNumbers(t *testing.T) {
	variant := "model: ishigami\nsamples: 50000\nseed: 1\ndesign: mc\nfactors:\n  x1: " + piRange + "\n  x2: {fixed: 0}\n  x3: " + piRange + "\n"
	_, rows := compare(t, cmpBase, []string{variant}, []string{"x2-off"}, CompareOptions{Threshold: 0.1, Outputs: []string{"*"}}, Options{})
	d := rows[0]
	if d.DiffMax > 0 || d.DiffMin < -7 {
		t.Errorf("difference outside [−7, 0]: %+v", d)
	}
	// E[−7 sin² x2] = −3.5; the median of −7 sin² x2 is −3.5 too (sin² x2 is
	// symmetric about 1/2 on (−π, π)). Without common random numbers the
	// difference would carry the variance of x1 and x3.
	se := 7 / math.Sqrt(8) / math.Sqrt(float64(d.N))
	if math.Abs(d.DiffMean+3.5) > 4*se {
		t.Errorf("mean difference %v, exact −3.5 (SE %v)", d.DiffMean, se)
	}
	// The 5 % quantile of −7 sin² x2: sin² x2 ≥ q on a share 1 − 2·asin(√q)/π·… ;
	// P(sin² x2 > s) = 1 − (2/π)·asin(√s), so the 5 % quantile of the
	// difference is −7 s with (2/π) asin(√s) = 0.95.
	// Quantiles come from the sketch: within 0.5 % (relative) of the order
	// statistic, which is within ~0.01 of the exact quantile at N = 50000.
	s := math.Pow(math.Sin(0.95*math.Pi/2), 2)
	if math.Abs(d.DiffQ5+7*s) > 0.005*7*s+0.01 {
		t.Errorf("5 %% quantile of the difference %v, exact %v", d.DiffQ5, -7*s)
	}
}

func TestCompareRefusesDifferentOutputs(t *testing.T) {
	other := "model: atantemp\nsamples: 10\nfactors:\n  x1: {distribution: uniform, min: -7, max: 7}\n  x2: {distribution: uniform, min: -7, max: 7}\n"
	if _, err := NewComparison(scenario(t, cmpBase), []*inputs.Scenario{scenario(t, other)}, []string{"a"}, Overrides{}, CompareOptions{Threshold: 0.1}); err == nil {
		t.Error("comparing ishigami with atantemp: no error")
	}
	if _, err := NewComparison(scenario(t, cmpBase), []*inputs.Scenario{scenario(t, cmpBase), scenario(t, cmpBase)}, []string{"a", "a"}, Overrides{}, CompareOptions{}); err == nil {
		t.Error("two variants of the same name: no error")
	}
	if _, err := NewComparison(scenario(t, cmpBase), []*inputs.Scenario{scenario(t, cmpBase)}, []string{"a"}, Overrides{}, CompareOptions{Outputs: []string{"nope*"}}); err == nil || !strings.Contains(err.Error(), "nope*") {
		t.Errorf("an output pattern matching nothing: %v", err)
	}
}

// A variant that halves x1 (U(1, 3) → U(0.5, 1.5): the same coordinate gives
// exactly x1/2) halves y = x1·x2 in every sample: relative change −0.5
// exactly, P(reduction > 10 %) = 1 and P(reduction > 50 %) = 0 (strictly more
// than the threshold). Fixing x1 at 1.5 gives rel = 1.5/x1 − 1 < −0.25 iff
// x1 > 2: probability 1/2 exactly, median −0.25 exactly.
func TestComparePReductionKnownAnswer(t *testing.T) {
	half := strings.Replace(productBase, "min: 1, max: 3", "min: 0.5, max: 1.5", 1)
	fixed := strings.Replace(productBase, "x1: {distribution: uniform, min: 1, max: 3}", "x1: {fixed: 1.5}", 1)
	for _, thr := range []float64{0.1, 0.5} {
		_, rows := compare(t, productBase, []string{half}, []string{"half"}, CompareOptions{Threshold: thr}, Options{})
		for _, r := range rows {
			want := 1.0
			if thr == 0.5 {
				want = 0
			}
			if r.RelQ5 != -0.5 || r.RelQ95 != -0.5 || r.RelQ50 != -0.5 || r.RelMean != -0.5 || r.PReduction != want {
				t.Errorf("threshold %g, %s %d: rel q5 %v q50 %v q95 %v mean %v, P %v (want −0.5 and P %v)",
					thr, r.Output, yearOf(r.Year), r.RelQ5, r.RelQ50, r.RelQ95, r.RelMean, r.PReduction, want)
			}
		}
	}
	sc := strings.Replace(productBase, "design: mc", "design: sobol", 1)
	sc = strings.Replace(sc, "samples: 4000", "samples: 4096", 1)
	_, rows := compare(t, sc, []string{fixed}, []string{"fixed"}, CompareOptions{Threshold: 0.25, Outputs: []string{"y_total"}}, Options{})
	r := rows[0]
	// Scrambled Sobol' points: the share of x1 > 2 is 1/2 up to O(1/N); the
	// median is the sketch's, within 0.5 % of the order statistic.
	if math.Abs(r.PReduction-0.5) > 2.0/4096 || math.Abs(r.RelQ50+0.25) > 0.005*0.25+1e-3 {
		t.Errorf("fixed x1 = 1.5: P(reduction > 25 %%) %v, exact 0.5; median %v, exact −0.25", r.PReduction, r.RelQ50)
	}
}

func yearOf(y *int32) int32 {
	if y == nil {
		return 0
	}
	return *y
}

// Comparing K variants at once gives, bit for bit, the rows of K separate
// pairwise comparisons, whatever the workers and batch, and whatever the
// variants fix or sample (x1 is fixed by the base and sampled by a variant:
// the coordinates do not depend on which scenarios are compared). Quantiles
// are the sketch's in both, whatever the number of series.
func TestCompareManyEqualsPairwise(t *testing.T) {
	base := strings.Replace(productBase, "x1: {distribution: uniform, min: 1, max: 3}", "x1: {distribution: uniform, min: 1, max: 3, fixed: median}", 1)
	variants := []string{
		strings.Replace(productBase, "min: 1, max: 3", "min: 0.5, max: 1.5", 1),
		strings.Replace(productBase, "median: 2, gsd: 1.5", "median: 1.8, gsd: 1.2", 1),
		strings.Replace(base, "x2: {distribution: lognormal, median: 2, gsd: 1.5}", "x2: {fixed: 2}", 1),
	}
	names := []string{"half", "narrow", "fixed"}
	for _, opts := range []Options{{}, {Workers: 1, Batch: 1000}, {Workers: 3, Batch: 17}} {
		opt := CompareOptions{Threshold: 0.1, Outputs: []string{"*"}}
		_, all := compare(t, base, variants, names, opt, opts)
		var sep []results.CompareRow
		for k := range variants {
			_, rows := compare(t, base, variants[k:k+1], names[k:k+1], opt, Options{})
			sep = append(sep, rows...)
		}
		if len(all) != len(sep) || len(all) != 3*5 {
			t.Fatalf("%d rows at once, %d separately (want 15)", len(all), len(sep))
		}
		for i := range all {
			if !sameRow(all[i], sep[i]) {
				t.Errorf("options %+v: row %d differs:\n at once    %+v\n separately %+v", opts, i, all[i], sep[i])
			}
		}
		if all[0].Method != "sketch(0.005)" {
			t.Errorf("quantile method %s, want sketch(0.005)", all[0].Method)
		}
	}
}

func sameRow(a, b results.CompareRow) bool {
	f := func(r results.CompareRow) []float64 {
		return []float64{r.Threshold, r.PReduction, r.RelMean, r.RelQ5, r.RelQ25, r.RelQ50, r.RelQ75, r.RelQ95,
			r.DiffMean, r.DiffMin, r.DiffQ5, r.DiffQ25, r.DiffQ50, r.DiffQ75, r.DiffQ95, r.DiffMax, r.BaseMean, r.BaseQ50}
	}
	x, y := f(a), f(b)
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
			return false
		}
	}
	return a.Measure == b.Measure && a.Output == b.Output && yearOf(a.Year) == yearOf(b.Year) && a.N == b.N && a.Unit == b.Unit && a.Method == b.Method
}

// By default the compared outputs are the index outputs and the criterion
// totals (*_total), and the ranking puts the larger median reduction first.
func TestCompareDefaultOutputsAndRanking(t *testing.T) {
	half := strings.Replace(productBase, "min: 1, max: 3", "min: 0.5, max: 1.5", 1)
	fixed := strings.Replace(productBase, "x1: {distribution: uniform, min: 1, max: 3}", "x1: {fixed: 1.5}", 1)
	c, rows := compare(t, productBase, []string{fixed, half}, []string{"fixed", "half"}, CompareOptions{Threshold: 0.1}, Options{})
	outs := map[string]bool{}
	for _, r := range rows {
		outs[r.Output] = true
	}
	// The model has no DefaultIndexOutputs: every output gets indices.
	if len(outs) != 3 {
		t.Errorf("compared outputs %v, want all three", outs)
	}
	crit := CriterionOutputs(c.Base)
	if strings.Join(crit, ",") != "y_total,c_total" {
		t.Errorf("criteria %v", crit)
	}
	ranked, missing := Rank(rows, crit, []int{2030, 2045})
	if len(ranked) != 2 || len(missing) != 1 || !strings.Contains(missing[0], "2045") {
		t.Fatalf("ranked %d tables, missing %v", len(ranked), missing)
	}
	for _, r := range ranked {
		if r.Rows[0].Measure != "half" || r.Rows[1].Measure != "fixed" {
			t.Errorf("%s: ranking %s, %s; want half (−50 %%) before fixed (−25 %%)", r.Output, r.Rows[0].Measure, r.Rows[1].Measure)
		}
	}
	if ranked[1].Year == nil || *ranked[1].Year != 2030 {
		t.Errorf("second table is %v, want c_total in 2030", ranked[1])
	}
}

// A relative change from a base of exactly 0 is undefined: the run stops
// with an error naming the output, never a silent Inf.
func TestCompareUndefinedRelativeChange(t *testing.T) {
	base := "model: cmp-product\nsamples: 100\nfactors:\n  x1: {fixed: 0}\n  x2: {distribution: uniform, min: 1, max: 2}\n"
	variant := strings.Replace(base, "x1: {fixed: 0}", "x1: {fixed: 1}", 1)
	c, err := NewComparison(scenario(t, base), []*inputs.Scenario{scenario(t, variant)}, []string{"v"}, Overrides{}, CompareOptions{Outputs: []string{"y_total"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = runErr(c.Plan)
	if err == nil || !strings.Contains(err.Error(), "v/rel:y_total") {
		t.Errorf("base 0, variant > 0: error %v", err)
	}
}

func runErr(p *Plan) (*Outcome, error) { return Run(context.Background(), p, Options{}) }

// Memory grows with the number of series compared, never with N: a
// comparison of too many series is refused before it starts.
func TestCompareRefusesTooManySeries(t *testing.T) {
	many := strings.Replace(productBase, "model: cmp-product", "model: cmp-product\nyears: {from: 1, to: 10000}", 1)
	_, err := NewComparison(scenario(t, many), []*inputs.Scenario{scenario(t, many), scenario(t, many)}, []string{"a", "b"}, Overrides{}, CompareOptions{})
	if err == nil || !strings.Contains(err.Error(), "--outputs") {
		t.Errorf("comparing 2 variants on 10,002 series: %v", err)
	}
}

// A --batch smaller than the pilot's 64 rows (it once panicked) changes no
// result.
func TestSmallBatch(t *testing.T) {
	p := plan(t, scenario(t, ishigamiYAML, "%N%", "1000", "%DESIGN%", "mc", "%METHOD%", "mc"), Overrides{})
	_, a := run(t, p, Options{})
	_, b := run(t, p, Options{Batch: 5, Workers: 2})
	sameBits(t, "batch 5", bitsOf(a), bitsOf(b))
}
