package engine

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat"
)

// keepAll collects the factor values of every sample, in sample order.
type keepAll struct{ x [][]float64 }

func (k *keepAll) Keep(first int64, x, out [][]float64) error {
	if k.x == nil {
		k.x = make([][]float64, len(x))
	}
	if int64(len(k.x[0])) != first {
		return fmt.Errorf("rows from %d, expected %d", first, len(k.x[0]))
	}
	for j := range x {
		k.x[j] = append(k.x[j], x[j]...)
	}
	return nil
}

func rankOf(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for k, i := range idx {
		r[i] = float64(k)
	}
	return r
}

// spearmanOf is Pearson's correlation of the ranks (no ties here).
func spearmanOf(a, b []float64) float64 {
	return stat.Correlation(rankOf(a), rankOf(b), nil)
}

// corrScenario: y = x1 + x2 + x3 + x4, with a lognormal, a uniform, a normal
// and a triangular factor; %CORR% is the correlations: section.
const corrScenario = `model: additive
parameters: {a: [1, 1, 1, 1]}
samples: %N%
design: %DESIGN%
seed: 7
factors:
  x1: {distribution: lognormal, median: 2, gsd: 1.5, group: g}
  x2: {distribution: uniform, min: 0, max: 10, group: g}
  x3: {distribution: normal, mean: 5, sd: 2, group: g}
  x4: {distribution: triangular, min: 0, mode: 1, max: 4}
correlations:
%CORR%
`

// The quantile functions of the declared distributions, in closed form.
var corrQuantiles = []func(p float64) float64{
	func(p float64) float64 { return 2 * math.Pow(1.5, mathext.NormalQuantile(p)) },
	func(p float64) float64 { return 10 * p },
	func(p float64) float64 { return 5 + 2*mathext.NormalQuantile(p) },
	func(p float64) float64 { // triangular(0, 1, 4): F(1) = 1/4
		if p < 0.25 {
			return math.Sqrt(4 * p)
		}
		return 4 - math.Sqrt(12*(1-p))
	},
}

// Declared rank correlations are achieved within sampling error, and every
// marginal keeps its declared distribution, for the three designs, pairs
// and a 3×3 matrix, positive and negative targets.
func TestCorrelatedInputsSpearmanAndMarginals(t *testing.T) {
	const n = 40000
	cases := []struct {
		design, corr string
		target       [4][4]float64
	}{
		{"mc", "  - {factors: [x1, x2], rank: 0.7}\n  - {factors: [x3, x2], rank: -0.4}", [4][4]float64{{0, 0.7}, {0, 0, -0.4}}},
		{"lhs", "  - {factors: [x1, x2, x3], matrix: [[1, -0.5, 0.3], [-0.5, 1, 0.2], [0.3, 0.2, 1]]}", [4][4]float64{{0, -0.5, 0.3}, {0, 0, 0.2}}},
		{"sobol", "  - {factors: [x1, x3], rank: -0.8}", [4][4]float64{{0, 0, -0.8}}},
	}
	for _, c := range cases {
		sc := scenario(t, corrScenario, "%N%", fmt.Sprint(n), "%DESIGN%", c.design, "%CORR%", c.corr)
		k := &keepAll{}
		run(t, plan(t, sc, Overrides{}), Options{Keep: k, Workers: 2})
		if len(k.x) != 4 || len(k.x[0]) != n {
			t.Fatalf("%s: kept %d factors", c.design, len(k.x))
		}
		// Spearman: Fisher's z of ρ̂ has variance ≈ 1.06/(n − 3); 4 sigma.
		h := 4 * math.Sqrt(1.06/float64(n-3))
		for i := 0; i < 4; i++ {
			for j := i + 1; j < 4; j++ {
				rho := c.target[i][j]
				lo, hi := math.Tanh(math.Atanh(rho)-h), math.Tanh(math.Atanh(rho)+h)
				if got := spearmanOf(k.x[i], k.x[j]); got < lo || got > hi {
					t.Errorf("%s: ρ_S(x%d, x%d) = %.4f, target %v (band [%.4f, %.4f])", c.design, i+1, j+1, got, rho, lo, hi)
				}
			}
		}
		// Marginals: the empirical p-quantile lies between the declared
		// quantiles at p ± 4 standard errors of a proportion.
		for j, q := range corrQuantiles {
			s := append([]float64(nil), k.x[j]...)
			sort.Float64s(s)
			for _, p := range []float64{0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99} {
				se := math.Sqrt(p * (1 - p) / n)
				got := s[int(p*n)]
				if lo, hi := q(p-4*se), q(p+4*se); got < lo || got > hi {
					t.Errorf("%s: x%d: %v-quantile %v outside [%v, %v] (declared %v)", c.design, j+1, p, got, lo, hi, q(p))
				}
			}
		}
	}
}

// With design lhs the first factor of a correlated set keeps its strata
// (the copula leaves the first coordinate as it is); the others are uniform
// in distribution only.
func TestCorrelatedLHSFirstFactorKeepsStrata(t *testing.T) {
	const n = 1000
	text := "model: additive\nparameters: {a: [1, 1]}\nsamples: 1000\ndesign: lhs\nseed: 3\nfactors:\n" +
		"  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: uniform, min: 0, max: 1}\n" +
		"correlations:\n  - {factors: [x1, x2], rank: 0.8}\n"
	k := &keepAll{}
	run(t, plan(t, scenario(t, text), Overrides{}), Options{Keep: k})
	strata := func(v []float64) int {
		seen := map[int]bool{}
		for _, x := range v {
			seen[int(x*n)] = true
		}
		return len(seen)
	}
	if s := strata(k.x[0]); s != n {
		t.Errorf("x1 fills %d of %d strata", s, n)
	}
	if s := strata(k.x[1]); s == n {
		t.Errorf("x2 fills all %d strata: the copula would have been skipped", n)
	}
}

// Sobol' and Morris refuse correlated factors whose indices would be
// computed apart, saying which factors to group and why.
func TestCorrelatedFactorsRefusedWithoutGroups(t *testing.T) {
	const factors = "model: additive\nparameters: {a: [1, 1, 1]}\nsamples: 1024\nseed: 1\nfactors:\n" +
		"  x1: {distribution: uniform, min: 0, max: 1%G1%}\n  x2: {distribution: uniform, min: 0, max: 1%G2%}\n  x3: {distribution: uniform, min: 0, max: 1}\n" +
		"correlations:\n  - {factors: [x1, x2], rank: 0.5}\n"
	cases := []struct {
		method, by, g1, g2 string
		want               []string
	}{
		{"sobol", "group", "", "", []string{"test.yaml:10:5: Sobol' indices are defined only between independent sets of factors, and x1, x2 are correlated",
			"give them one group (e.g. group: x1-x2 on each) and run by group", "now they are in x1: no group, x2: no group"}},
		{"sobol", "group", ", group: a", ", group: b", []string{"x1, x2 are correlated", "now they are in x1: group a, x2: group b"}},
		{"sobol", "group", ", group: a", "", []string{"(e.g. group: a on each)", "x1: group a, x2: no group"}},
		{"sobol", "factor", ", group: a", ", group: a", []string{"they share group a, so run by group (sobol: {by: group} in the file or --by group), not by factor"}},
		{"sobol", "both", ", group: a", ", group: a", []string{"not by both, which would give each of them an index of its own"}},
		{"morris", "factor", ", group: a", ", group: a", []string{"Morris indices are defined only between independent sets", "not by factor"}},
		{"morris", "both", ", group: a", ", group: a", []string{"Morris indices", "run by group"}},
		{"morris", "group", "", "", []string{"Morris indices", "now they are in x1: no group, x2: no group"}},
	}
	for _, c := range cases {
		sc := scenario(t, factors, "%G1%", c.g1, "%G2%", c.g2)
		_, err := NewPlan(sc, Overrides{Method: c.method, By: c.by})
		if err == nil {
			t.Errorf("%s by %s (%q, %q): accepted", c.method, c.by, c.g1, c.g2)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s by %s: %v\n  lacks %q", c.method, c.by, err, w)
			}
		}
	}
	// The same file runs by group once the factors share one, and always
	// with method mc.
	for _, ov := range []Overrides{{Method: "sobol", By: "group"}, {Method: "morris", By: "group"}} {
		if _, err := NewPlan(scenario(t, factors, "%G1%", ", group: a", "%G2%", ", group: a"), ov); err != nil {
			t.Errorf("%s by group: %v", ov.Method, err)
		}
	}
	if _, err := NewPlan(scenario(t, factors, "%G1%", "", "%G2%", ""), Overrides{Method: "mc"}); err != nil {
		t.Errorf("method mc: %v", err)
	}
}

// By group, the Sobol' index of a group of correlated factors is exact: for
// y = x1 + x2 + x3 with x1, x2, x3 uniform on (0, 1), x1 and x2 of rank
// correlation ρ in group g and x3 independent, Pearson = Spearman for
// uniform margins, so Var(x1 + x2) = (2 + 2ρ)/12, Var y = (3 + 2ρ)/12 and
// S_g = ST_g = (2 + 2ρ)/(3 + 2ρ), S_x3 = ST_x3 = 1/(3 + 2ρ).
func TestSobolByGroupWithCorrelatedGroupExact(t *testing.T) {
	for _, rho := range []float64{0.6, -0.7} {
		text := fmt.Sprintf("model: additive\nparameters: {a: [1, 1, 1]}\nsamples: 16384\nseed: 11\nsobol: {by: group}\nfactors:\n"+
			"  x1: {distribution: uniform, min: 0, max: 1, group: g}\n  x2: {distribution: uniform, min: 0, max: 1, group: g}\n"+
			"  x3: {distribution: uniform, min: 0, max: 1}\ncorrelations:\n  - {factors: [x1, x2], rank: %v}\n", rho)
		tb := sobolRun(t, text, Overrides{})
		sg, s3 := (2+2*rho)/(3+2*rho), 1/(3+2*rho)
		g := index(t, tb.Sobol, "group", "g", nil)
		x3 := index(t, tb.Sobol, "group", "x3", nil)
		what := fmt.Sprintf("ρ = %v: ", rho)
		near(t, what+"S1 g", g.S1, sg, 0.01)
		near(t, what+"ST g", g.ST, sg, 0.01)
		near(t, what+"S1 x3", x3.S1, s3, 0.01)
		near(t, what+"ST x3", x3.ST, s3, 0.01)
		// Without the correlation S_g would be 2/3: the test sees it.
		if math.Abs(sg-2.0/3) < 0.05 {
			t.Fatalf("test cannot tell ρ = %v from independence", rho)
		}
	}
}

// Morris by group with a correlated group: the independent factor's
// elementary effects are those of y = x3 alone, all equal: x3 is bounded, so
// its level ℓ is u = ℓ/(p − 1) and a move of Δ = p/(2(p − 1)) in the unit
// cube moves y by Δ: EE = 1 (Morris 1991, SALib).
func TestMorrisByGroupWithCorrelatedGroup(t *testing.T) {
	text := "model: additive\nparameters: {a: [1, 1, 1]}\nmethod: morris\nmorris: {trajectories: 50, levels: 4}\nseed: 2\nsobol: {by: group}\nfactors:\n" +
		"  x1: {distribution: uniform, min: 0, max: 1, group: g}\n  x2: {distribution: lognormal, median: 1, gsd: 2, group: g}\n" +
		"  x3: {distribution: uniform, min: 0, max: 1}\ncorrelations:\n  - {factors: [x1, x2], rank: 0.5}\n"
	_, tb := run(t, plan(t, scenario(t, text), Overrides{}), Options{})
	found := false
	for _, r := range tb.Morris {
		if math.IsNaN(r.MuStar) || math.IsInf(r.MuStar, 0) {
			t.Errorf("%s: μ* = %v", r.Name, r.MuStar)
		}
		if r.Name == "x3" {
			found = true
			if math.Abs(r.MuStar-1) > 1e-12 || math.Abs(r.Sigma) > 1e-12 {
				t.Errorf("x3: μ* = %v, σ = %v, want 1, 0", r.MuStar, r.Sigma)
			}
		}
	}
	if !found || len(tb.Morris) != 2 {
		t.Errorf("Morris rows %+v, want groups g and x3", tb.Morris)
	}
}

// With correlations, results are bit-identical for 1 and 2 workers and any
// batch size, for every method and design.
func TestCorrelatedBitIdenticalAcrossWorkers(t *testing.T) {
	cases := []struct{ method, design, n string }{
		{"mc", "mc", "20000"}, {"mc", "lhs", "20000"}, {"mc", "sobol", "20000"},
		{"sobol", "sobol", "2048"}, {"morris", "mc", "40"},
	}
	for _, c := range cases {
		sc := scenario(t, corrScenario, "%N%", c.n, "%DESIGN%", c.design,
			"%CORR%", "  - {factors: [x1, x2, x3], matrix: [[1, -0.5, 0.3], [-0.5, 1, 0.2], [0.3, 0.2, 1]]}")
		p := plan(t, sc, Overrides{Method: c.method, By: "group"})
		_, ref := run(t, p, Options{Workers: 1, Batch: 256})
		want := bitsOf(ref)
		if len(want) == 0 {
			t.Fatalf("%s/%s: no results", c.method, c.design)
		}
		for _, o := range []Options{{Workers: 2, Batch: 256}, {Workers: 2, Batch: 100}} {
			_, got := run(t, p, o)
			sameBits(t, "correlated "+c.method+"/"+c.design, want, bitsOf(got))
		}
	}
}

// mc compare applies each scenario's correlations: a correlated scenario
// compared with itself differs by exactly zero (both sides get the same
// transformed coordinates), and compared with the same scenario without
// correlations the sum y = x1 + x2 + x3 changes sample by sample but keeps
// its mean (the marginals are unchanged).
func TestCompareWithCorrelations(t *testing.T) {
	const rho = 0.6
	base := "model: additive\nparameters: {a: [1, 1, 1]}\nsamples: 50000\nseed: 1\ndesign: mc\nfactors:\n" +
		"  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: uniform, min: 0, max: 1}\n  x3: {distribution: uniform, min: 0, max: 1}\n"
	variant := base + fmt.Sprintf("correlations:\n  - {factors: [x1, x2], rank: %v}\n", rho)
	opt := CompareOptions{Threshold: 0.1, Outputs: []string{"*"}}
	_, rows := compare(t, base, []string{variant}, []string{"corr"}, opt, Options{})
	r := rows[0]
	near(t, "mean difference", r.DiffMean, 0, 0.005)
	if r.DiffQ95-r.DiffQ5 < 0.05 {
		t.Errorf("correlations changed no sample: difference in [%v, %v]", r.DiffQ5, r.DiffQ95)
	}
	near(t, "base mean", r.BaseMean, 1.5, 0.01)
	_, same := compare(t, variant, []string{variant}, []string{"same"}, opt, Options{})
	if s := same[0]; s.DiffMin != 0 || s.DiffMax != 0 {
		t.Errorf("variant compared with itself: difference in [%v, %v]", s.DiffMin, s.DiffMax)
	}
}

// The design hash covers the correlations, and is unchanged without them.
func TestCorrelationsInDesignHash(t *testing.T) {
	a := plan(t, scenario(t, corrScenario, "%N%", "100", "%DESIGN%", "mc", "%CORR%", "  - {factors: [x1, x2], rank: 0.5}"), Overrides{})
	b := plan(t, scenario(t, corrScenario, "%N%", "100", "%DESIGN%", "mc", "%CORR%", "  - {factors: [x1, x2], rank: 0.6}"), Overrides{})
	c := plan(t, scenario(t, corrScenario, "%N%", "100", "%DESIGN%", "mc", "%CORR%", ""), Overrides{})
	if a.Hash() == b.Hash() || a.Hash() == c.Hash() {
		t.Error("correlations do not change the design hash")
	}
	if len(c.copulas) != 0 || strings.Contains(fmt.Sprint(c.correlationsHash()), "x1") {
		t.Error("a scenario without correlations has a copula")
	}
}

// Shards of a run with correlations merge to the single run's bits (the
// merge rebuilds the plan, copulas included, from the saved scenario).
func TestCorrelatedShardsMergeBitIdentical(t *testing.T) {
	sc := scenario(t, corrScenario, "%N%", "8192", "%DESIGN%", "sobol",
		"%CORR%", "  - {factors: [x1, x2, x3], matrix: [[1, -0.5, 0.3], [-0.5, 1, 0.2], [0.3, 0.2, 1]]}")
	p := plan(t, sc, Overrides{Method: "sobol", By: "group"})
	_, single := run(t, p, Options{})
	dir := t.TempDir()
	runShards(t, p, dir, 3)
	sameBits(t, "correlated shards", bitsOf(single), bitsOf(mergedTables(t, dir)))
}
