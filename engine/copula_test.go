package engine

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const correlatedScenario = `model:
  equations:
    y: a + b + c + d
samples: 20000
seed: 9
correlations:
  - [a, b, 0.7]
  - {factors: [b, c], matrix: [[1, -0.4], [-0.4, 1]]}
factors:
  a: {distribution: normal, mean: 0, sd: 1}
  b: {distribution: lognormal, median: 5, gsd: 2}
  c: {distribution: uniform, min: 0, max: 10}
  d: {distribution: triangular, min: 0, mode: 1, max: 4}
`

// keepX collects the factor values of every sample.
type keepX struct{ x [][]float64 }

func (k *keepX) Keep(first int64, x, out [][]float64) error {
	if k.x == nil {
		k.x = make([][]float64, len(x))
	}
	for j := range x {
		k.x[j] = append(k.x[j], x[j]...)
	}
	return nil
}

func ranks(v []float64) []float64 {
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

// spearman is the Pearson correlation of the ranks (no ties here).
func spearman(a, b []float64) float64 {
	ra, rb := ranks(a), ranks(b)
	n := float64(len(a))
	mean := (n - 1) / 2
	var sab, saa, sbb float64
	for i := range ra {
		da, db := ra[i]-mean, rb[i]-mean
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	return sab / math.Sqrt(saa*sbb)
}

// The achieved rank correlations are the declared ones (0 for pairs not
// declared) within sampling error, and every marginal distribution is the
// declared one: the share of samples below its p-quantile is p.
func TestCorrelationsAchievedAndMarginsKept(t *testing.T) {
	p := plan(t, scenario(t, correlatedScenario), Overrides{})
	k := &keepX{}
	run(t, p, Options{Keep: k})
	col := map[string][]float64{}
	for j, f := range p.Factors {
		col[f.Name] = k.x[j]
	}
	n := float64(len(col["a"]))
	for _, c := range []struct {
		a, b string
		want float64
	}{{"a", "b", 0.7}, {"b", "c", -0.4}, {"a", "c", 0}, {"a", "d", 0}, {"c", "d", 0}} {
		got := spearman(col[c.a], col[c.b])
		// The standard error of a rank correlation is below 1/√n.
		if math.Abs(got-c.want) > 4/math.Sqrt(n) {
			t.Errorf("Spearman(%s, %s) = %.4f, want %.4f ± %.4f", c.a, c.b, got, c.want, 4/math.Sqrt(n))
		}
	}
	for _, f := range p.Factors {
		for _, q := range []float64{0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99} {
			x := f.Dist.Quantile(q)
			below := 0
			for _, v := range col[f.Name] {
				if v <= x {
					below++
				}
			}
			share := float64(below) / n
			if tol := 4 * math.Sqrt(q*(1-q)/n); math.Abs(share-q) > tol {
				t.Errorf("%s: %.4f of the samples below its %g-quantile (±%.4f)", f.Name, share, q, tol)
			}
		}
	}
}

// Correlated factors in one group: the group indices of Y = x1 + x2 + x3
// (standard normal margins, x1 and x2 with rank correlation 0.5 by a
// Gaussian copula, so Pearson R = 2 sin(π/12)) are exact: S_{x1,x2} =
// (2 + 2R)/(3 + 2R) and S_{x3} = 1/(3 + 2R), first and total order alike.
// Results do not depend on the workers.
func TestCorrelatedGroupIndicesExact(t *testing.T) {
	text := `model:
  equations:
    y: x1 + x2 + x3
samples: 16384
seed: 4
method: sobol
sobol: {by: group}
correlations: [[x1, x2, 0.5]]
factors:
  x1: {distribution: normal, mean: 0, sd: 1, group: g}
  x2: {distribution: normal, mean: 0, sd: 1, group: g}
  x3: {distribution: normal, mean: 0, sd: 1, group: h}
`
	p := plan(t, scenario(t, text), Overrides{})
	_, one := run(t, p, Options{Workers: 1})
	_, two := run(t, p, Options{Workers: 2, Batch: 100})
	if !reflect.DeepEqual(one, two) {
		t.Fatal("1 and 2 workers differ")
	}
	r := 2 * math.Sin(math.Pi/12)
	for name, want := range map[string]float64{"g": (2 + 2*r) / (3 + 2*r), "h": 1 / (3 + 2*r)} {
		g := index(t, one.Sobol, "group", name, nil)
		near(t, "S1 "+name, g.S1, want, 0.01)
		near(t, "ST "+name, g.ST, want, 0.01)
	}
}

func TestCorrelationRefusals(t *testing.T) {
	base := `model:
  equations:
    y: x1 + x2 + x3
samples: 64
method: %s
%s
correlations: %s
factors:
  x1: {distribution: normal, mean: 0, sd: 1, group: g}
  x2: {distribution: normal, mean: 0, sd: 1, group: %s}
  x3: {distribution: normal, mean: 0, sd: 1, group: h}
`
	cases := []struct {
		method, sobol, corr, group2, want string
	}{
		{"sobol", "sobol: {by: group}", "[[x1, x2, 0.5]]", "h", `test.yaml:7:16: method sobol: x1 (group "g") and x2 (group "h") are correlated. Sensitivity indices are defined only between independent sets of factors: put correlated factors in the same group`},
		{"sobol", "sobol: {by: factor}", "[[x1, x2, 0.5]]", "g", "x1 and x2 are correlated, and indices by factor would include single factors"},
		{"morris", "", "[[x1, x3, 0.5]]", "g", `method morris: x1 (group "g") and x3 (group "h") are correlated`},
		{"mc", "", "[[x1, x2, 0.9], [x1, x3, 0.9], [x2, x3, -0.9]]", "g", "the correlation matrix of x1, x2, x3 is not positive definite"},
		{"mc", "", "[[x1, x9, 0.5]]", "g", "test.yaml:7:16: correlations: x9 is not a factor of the scenario"},
		{"sobol", "sobol: {by: group}", "[[x1, x2, 0.5], [x1, x3, 0.2]]", "g", `x1 (group "g") and x3 (group "h") are correlated`},
	}
	for _, c := range cases {
		text := fmt.Sprintf(base, c.method, c.sobol, c.corr, c.group2)
		_, err := NewPlan(scenario(t, text), Overrides{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: got %v, want %q", c.method, c.corr, err, c.want)
		}
	}
}

// mc compare imposes each scenario's correlations: with a and b standard
// normal and rank correlation 0.9 in the base only, the base's a − b has sd
// √(2 − 2R), R = 2 sin(0.9π/6), the variant's √2.
func TestCompareUsesCorrelations(t *testing.T) {
	variant := `model:
  equations:
    y: a - b
samples: 40000
seed: 2
factors:
  a: {distribution: normal, mean: 0, sd: 1}
  b: {distribution: normal, mean: 0, sd: 1}
`
	base := strings.Replace(variant, "factors:", "correlations: [[a, b, 0.9]]\nfactors:", 1)
	b := compareBands(t, base, variant, 0.1)
	r := 2 * math.Sin(0.9*math.Pi/6)
	for m, want := range map[string]float64{"base": math.Sqrt(2 - 2*r), "variant": math.Sqrt2} {
		if got := b[m].Bands[0].SD; math.Abs(got/want-1) > 0.02 {
			t.Errorf("%s: sd of a − b %.4f, want %.4f", m, got, want)
		}
	}
}

// A correlation with a fixed factor (fixed: median, to study the levers)
// is ignored, with a note: the plan then has no copula.
func TestCorrelationWithFixedFactorIgnored(t *testing.T) {
	text := strings.Replace(correlatedScenario, "a: {distribution: normal, mean: 0, sd: 1}", "a: {distribution: normal, mean: 0, sd: 1, fixed: median}", 1)
	p := plan(t, scenario(t, text), Overrides{})
	found := false
	for _, n := range p.Notes {
		found = found || n == "the correlation of a and b is ignored: a is fixed"
	}
	if !found || p.copula == nil || len(p.copula.cols) != 2 {
		t.Fatalf("notes %q, copula %+v", p.Notes, p.copula)
	}
}
