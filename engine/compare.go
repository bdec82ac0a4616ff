package engine

import (
	"fmt"
	"math"
	"path"
	"strings"
	"sync"

	"mc/inputs"
	"mc/model"
)

// A paired comparison runs a base scenario and K variants on common random
// numbers: sample i of every scenario uses the same point of the design, and
// a factor of the same name takes its value from the same coordinate in all
// of them (the same value when its distribution is the same). The difference
// of two runs then carries no sampling noise from the shared factors, which
// is what makes the effect of a measure visible.
//
// Coordinates are assigned by name in the order of the base model's factors
// (then any name only a variant has), whether or not a scenario fixes the
// factor: the coordinates of a sample do not depend on which variants are
// compared, so comparing K variants at once gives, to the last bit, the
// numbers of K separate pairwise comparisons.
//
// It is run as an ordinary Monte Carlo plan over a comparison model: its
// factors are the design coordinates (uniform on (0, 1)) and, for every
// compared output X of the base, its outputs are base:X and, per variant v,
// v/diff:X = variant − base, v/rel:X = diff/|base| and v/reduced:X = 1 when
// rel < −threshold (the variant reduces X by more than the threshold), else
// 0, whose mean is the probability of that reduction. One pass evaluates the
// base once and each variant once per sample: K + 1 model runs per sample
// instead of 2K for K pairwise runs.

// CompareOptions are the settings of a comparison.
type CompareOptions struct {
	// Threshold is the relative reduction that counts, in [0, 1).
	Threshold float64
	// Outputs are the names or path.Match patterns of the outputs compared;
	// nil: the base scenario's index outputs and the criterion totals
	// (CriterionOutputs).
	Outputs []string
}

// MaxCompareSeries bounds the series a comparison accumulates: 1 + 3K per
// compared series for K variants. Memory does not grow with N but with the
// series: about 14 kB of quantile sketch each per worker (measured: 36,700
// series, 530 MB peak RSS on 2 workers).
const MaxCompareSeries = 1 << 16

// Comparison is a paired comparison of variants with a base.
type Comparison struct {
	Plan      *Plan // the comparison run (method mc over design coordinates)
	Base      *Plan
	Variants  []*Plan
	Names     []string // the variants' (measures') names
	Threshold float64
	// Compared are the base series compared, in order.
	Compared []int
}

// Sections of a comparison's outputs, per variant.
const (
	secDiff = iota
	secRel
	secReduced
	secPerVariant
)

// NewComparison builds the paired comparison of each variant against base.
// names are the variants' names (unique, not empty).
func NewComparison(base *inputs.Scenario, variants []*inputs.Scenario, names []string, ov Overrides, opt CompareOptions) (*Comparison, error) {
	if len(variants) == 0 {
		return nil, fmt.Errorf("cannot compare: no variant")
	}
	if len(names) != len(variants) {
		return nil, fmt.Errorf("engine: %d names for %d variants", len(names), len(variants))
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" || seen[n] {
			return nil, fmt.Errorf("cannot compare: variant name %q is empty or given twice", n)
		}
		seen[n] = true
	}
	if !(opt.Threshold >= 0 && opt.Threshold < 1) {
		return nil, fmt.Errorf("threshold must be in [0, 1), got %g", opt.Threshold)
	}
	// The scenarios' own methods do not matter: a comparison samples plainly.
	ov.Method = "mc"
	pb, err := NewPlan(base, ov)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Base: pb, Names: names, Threshold: opt.Threshold}
	for _, v := range variants {
		pv, err := NewPlan(v, ov)
		if err != nil {
			return nil, err
		}
		if err := sameOutputs(pb, pv); err != nil {
			return nil, err
		}
		c.Variants = append(c.Variants, pv)
	}
	if c.Compared, err = comparedSeries(pb, opt.Outputs); err != nil {
		return nil, err
	}
	if total := len(c.Compared) * (1 + secPerVariant*len(variants)); total > MaxCompareSeries {
		return nil, fmt.Errorf("comparing %d variants on %d output series accumulates %d series (about %d MB of quantile sketches per worker), more than %d: choose fewer outputs (--outputs) or compare fewer variants at once",
			len(variants), len(c.Compared), total, total*14/1000, MaxCompareSeries)
	}
	cm := &compareModel{base: pb, variants: c.Variants, threshold: opt.Threshold, compared: c.Compared}
	index := map[string]int{}
	all := append([]*Plan{pb}, c.Variants...)
	for _, p := range all {
		for _, f := range p.Factors {
			if _, ok := index[f.Name]; !ok {
				index[f.Name] = len(cm.factors)
				cm.factors = append(cm.factors, model.Factor{Name: f.Name, Unit: "1", Description: "design coordinate of " + f.Name})
			}
		}
	}
	for _, p := range all {
		col := make([]int, len(p.Factors))
		for j, f := range p.Factors {
			col[j] = -1
			if !f.Fixed {
				col[j] = index[f.Name]
			}
		}
		cm.cols = append(cm.cols, col)
	}
	cm.outputs = compareOutputs(pb, c.Compared, names)
	var text strings.Builder
	fmt.Fprintf(&text, "# base: %s\n%s\n", base.File, base.Text)
	files := []string{base.File}
	for k, v := range variants {
		fmt.Fprintf(&text, "# variant %s: %s\n%s\n", names[k], v.File, v.Text)
		files = append(files, v.File)
	}
	sc := &inputs.Scenario{
		File:  strings.Join(files, " vs "),
		Text:  []byte(text.String()),
		Model: "compare(" + base.Model + ")", Samples: pb.N, Design: pb.Design, Seed: pb.Seed, Method: "mc",
	}
	for _, f := range cm.factors {
		sc.Factors = append(sc.Factors, inputs.Factor{Name: f.Name, Unit: "1", Dist: unitUniform{}})
	}
	if c.Plan, err = newPlan(sc, Overrides{Samples: pb.N, Method: "mc"}, cm); err != nil {
		return nil, err
	}
	// Every series gets a band (names hold the variants', which may contain
	// '/': no pattern is involved), none gets indices.
	c.Plan.Bands = make([]int, len(c.Plan.Series))
	for i := range c.Plan.Bands {
		c.Plan.Bands[i] = i
	}
	c.Plan.Indices, c.Plan.IndexScales = nil, nil
	// Quantiles by the sketch (relative accuracy SketchAlpha) whatever N and
	// the number of variants: exact quantiles would be chosen or not by the
	// memory of all variants together, and comparing K variants at once
	// would then not give the numbers of K pairwise comparisons.
	c.Plan.sketchOnly = true
	return c, nil
}

// CriterionOutputs names the outputs by which measures are ranked: those the
// model flags (a CriterionOutputs method), else those named *_total.
func CriterionOutputs(p *Plan) []string {
	if m, ok := p.Model.(interface{ CriterionOutputs() []string }); ok {
		return m.CriterionOutputs()
	}
	var names []string
	for _, o := range p.Outputs {
		if strings.HasSuffix(o.Name, "_total") {
			names = append(names, o.Name)
		}
	}
	return names
}

// comparedSeries returns the base series of the outputs matching patterns,
// or by default of the index outputs and the criterion totals.
func comparedSeries(pb *Plan, patterns []string) ([]int, error) {
	if len(patterns) > 0 {
		for _, pat := range patterns {
			hit := false
			for _, o := range pb.Outputs {
				ok, err := path.Match(pat, o.Name)
				if err != nil {
					return nil, fmt.Errorf("compared outputs: bad pattern %q: %v", pat, err)
				}
				hit = hit || ok
			}
			if !hit {
				return nil, fmt.Errorf("compared outputs: %q matches no output of model %s", pat, pb.Scenario.Model)
			}
		}
		return pb.selectSeries(patterns, "compared", nil)
	}
	want := map[int]bool{}
	for _, c := range pb.Indices {
		want[pb.Series[c].Output] = true
	}
	crit := map[string]bool{}
	for _, n := range CriterionOutputs(pb) {
		crit[n] = true
	}
	var s []int
	for c, se := range pb.Series {
		if want[se.Output] || crit[pb.Outputs[se.Output].Name] {
			s = append(s, c)
		}
	}
	return s, nil
}

// compareOutputs lists the comparison model's outputs: base:X for each
// compared output X, then per variant v its diff, rel and reduced sections.
// Each section lists the same outputs, so section q holds series
// q·S … q·S + S − 1 for S compared series.
func compareOutputs(pb *Plan, compared []int, names []string) []model.Output {
	var outs []int
	for _, c := range compared {
		o := pb.Series[c].Output
		if len(outs) == 0 || outs[len(outs)-1] != o {
			outs = append(outs, o)
		}
	}
	section := func(prefix, unit string) []model.Output {
		var s []model.Output
		for _, o := range outs {
			out := pb.Outputs[o]
			u := out.Unit
			if unit != "" {
				u = unit
			}
			s = append(s, model.Output{Name: prefix + out.Name, Unit: u, Years: out.Years, Description: out.Description})
		}
		return s
	}
	res := section("base:", "")
	for _, n := range names {
		res = append(res, section(n+"/diff:", "")...)
		res = append(res, section(n+"/rel:", "1")...)
		res = append(res, section(n+"/reduced:", "1")...)
	}
	return res
}

func sameOutputs(a, b *Plan) error {
	if len(a.Series) != len(b.Series) {
		return fmt.Errorf("cannot compare: %s has %d output series, %s has %d", a.Scenario.File, len(a.Series), b.Scenario.File, len(b.Series))
	}
	for i := range a.Series {
		if a.Series[i] != b.Series[i] {
			return fmt.Errorf("cannot compare: output series %d is %s (%d) in %s but %s (%d) in %s", i,
				a.Series[i].Name, a.Series[i].Year, a.Scenario.File, b.Series[i].Name, b.Series[i].Year, b.Scenario.File)
		}
	}
	return nil
}

// unitUniform is U(0, 1): the comparison's factors are design coordinates.
type unitUniform struct{}

func (unitUniform) Quantile(p float64) float64 { return p }
func (unitUniform) String() string             { return "uniform(min=0, max=1)" }

type compareModel struct {
	base      *Plan
	variants  []*Plan
	threshold float64
	compared  []int
	factors   []model.Factor
	outputs   []model.Output
	cols      [][]int // per scenario (base first): model factor j → coordinate (−1: fixed)
	pool      sync.Pool
}

// compareScratch holds one evaluation's factor values and the outputs of
// the base and of the variant being compared (all variants share the same
// model, so one buffer of each serves them all).
type compareScratch struct {
	n       int
	x       [][]float64
	u       [][]float64 // coordinates of a scenario with correlations
	base, v [][]float64
}

func (m *compareModel) Factors() []model.Factor { return m.factors }
func (m *compareModel) Outputs() []model.Output { return m.outputs }

func (m *compareModel) scratch(n int) *compareScratch {
	sc, _ := m.pool.Get().(*compareScratch)
	if sc != nil && sc.n >= n {
		return sc
	}
	nf, ns := len(m.base.Factors), len(m.base.Series)
	for _, p := range m.variants {
		nf = max(nf, len(p.Factors))
	}
	return &compareScratch{n: n, x: mat(nf, n), u: mat(nf, n), base: mat(ns, n), v: mat(ns, n)}
}

// coordinates returns the design coordinates of scenario k's factors (u[j]
// for factor j; fixed factors' entries nil): the comparison's own columns,
// or, when the scenario has correlations, copies in scratch with its copulas
// applied (the columns are shared with the other scenarios, which have their
// own).
func (m *compareModel) coordinates(k int, p *Plan, in, scratch [][]float64, n int) [][]float64 {
	u := make([][]float64, len(p.Factors))
	for j, c := range m.cols[k] {
		if c >= 0 {
			u[j] = in[c][:n]
		}
	}
	if len(p.copulas) == 0 {
		return u
	}
	us := make([][]float64, len(p.Sampled))
	for i, fi := range p.Sampled {
		us[i] = scratch[fi][:n]
		copy(us[i], u[fi])
		u[fi] = us[i]
	}
	p.applyCopulas(us, n)
	return u
}

// eval evaluates scenario k (0: base, k: variant k) on the coordinates in.
func (m *compareModel) eval(k int, p *Plan, in, scratch [][]float64, x, res [][]float64) {
	coords := m.coordinates(k, p, in, scratch, len(x[0]))
	for j, f := range p.Factors {
		xs := x[j]
		if m.cols[k][j] < 0 {
			for s := range xs {
				xs[s] = f.Value
			}
			continue
		}
		us := coords[j]
		if qs, ok := f.Dist.(inputs.QuantileSlicer); ok {
			qs.QuantileSlice(xs, us)
			continue
		}
		for s, u := range us {
			xs[s] = f.Dist.Quantile(u)
		}
	}
	p.Model.Evaluate(x[:len(p.Factors)], res)
}

func (m *compareModel) Evaluate(in, out [][]float64) {
	n := len(out[0])
	sc := m.scratch(n)
	defer m.pool.Put(sc)
	x := sub(sc.x, n)
	bo := sub(sc.base, n)
	m.eval(0, m.base, in, sc.u, x, bo)
	S := len(m.compared)
	for i, c := range m.compared {
		copy(out[i], bo[c])
	}
	vo := sub(sc.v, n)
	for k, p := range m.variants {
		m.eval(k+1, p, in, sc.u, x, vo)
		at := S * (1 + secPerVariant*k)
		for i, c := range m.compared {
			b, v := bo[c], vo[c]
			d, r, red := out[at+secDiff*S+i], out[at+secRel*S+i], out[at+secReduced*S+i]
			for s := 0; s < n; s++ {
				d[s] = v[s] - b[s]
				switch {
				case d[s] == 0:
					r[s] = 0
				case b[s] == 0:
					r[s] = math.Copysign(math.Inf(1), d[s]) // undefined: the engine refuses it with the sample
				default:
					r[s] = d[s] / math.Abs(b[s])
				}
				red[s] = 0
				if r[s] < -m.threshold {
					red[s] = 1
				}
			}
		}
	}
}
