package engine

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"mc/inputs"
	"mc/model"
)

// A paired comparison runs two scenarios on common random numbers: sample i
// of both uses the same point of the design, and a factor of the same name
// takes its value from the same coordinate in both (the same value when its
// distribution is the same). The difference of the two runs then carries no
// sampling noise from the shared factors, which is what makes the effect of a
// measure visible.
//
// It is run as an ordinary Monte Carlo plan over a comparison model: its
// factors are the design coordinates (uniform on (0, 1)) of the union of the
// two scenarios' uncertain factors, and its outputs, for every output X of the
// base, are base:X, variant:X, diff:X = variant − base, rel:X = diff/|base|
// and reduced:X = 1 when rel:X ≤ −threshold, else 0 (its mean is the
// probability that the variant reduces X by more than the threshold).

// CompareMeasures are the prefixes of a comparison's outputs.
var CompareMeasures = []string{"base", "variant", "diff", "rel", "reduced"}

// NewComparePlan builds the paired comparison of variant against base.
func NewComparePlan(base, variant *inputs.Scenario, ov Overrides, threshold float64) (*Plan, error) {
	pb, err := NewPlan(base, ov)
	if err != nil {
		return nil, err
	}
	pv, err := NewPlan(variant, ov)
	if err != nil {
		return nil, err
	}
	if err := sameOutputs(pb, pv); err != nil {
		return nil, err
	}
	if !(threshold >= 0 && threshold < 1) {
		return nil, fmt.Errorf("threshold must be in [0, 1), got %g", threshold)
	}
	cm := &compareModel{base: pb, variant: pv, threshold: threshold}
	index := map[string]int{}
	for _, plan := range []*Plan{pb, pv} {
		for _, fi := range plan.Sampled {
			f := plan.Factors[fi]
			if _, ok := index[f.Name]; !ok {
				index[f.Name] = len(cm.factors)
				cm.factors = append(cm.factors, model.Factor{Name: f.Name, Unit: "1", Description: "design coordinate of " + f.Name})
			}
		}
	}
	for _, plan := range []*Plan{pb, pv} {
		col := make([]int, len(plan.Factors))
		for j, f := range plan.Factors {
			col[j] = -1
			if !f.Fixed {
				col[j] = index[f.Name]
			}
		}
		cm.cols = append(cm.cols, col)
	}
	for _, m := range CompareMeasures {
		for _, o := range pb.Outputs {
			unit := o.Unit
			switch m {
			case "rel", "reduced":
				unit = "1"
			}
			cm.outputs = append(cm.outputs, model.Output{Name: m + ":" + o.Name, Unit: unit, Years: o.Years, Description: o.Description})
		}
	}
	sc := &inputs.Scenario{
		File:  base.File + " vs " + variant.File,
		Text:  []byte(fmt.Sprintf("# base: %s\n%s\n# variant: %s\n%s", base.File, base.Text, variant.File, variant.Text)),
		Model: "compare(" + base.Model + ")", Samples: pb.N, Design: pb.Design, Seed: pb.Seed, Method: "mc",
	}
	for _, f := range cm.factors {
		sc.Factors = append(sc.Factors, inputs.Factor{Name: f.Name, Unit: "1", Dist: unitUniform{}})
	}
	covr := Overrides{Samples: pb.N, Method: "mc"}
	return newPlan(sc, covr, cm)
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
	base, variant *Plan
	threshold     float64
	factors       []model.Factor
	outputs       []model.Output
	cols          [][]int // per scenario: model factor j → comparison factor (−1: fixed)
	pool          sync.Pool
}

type compareScratch struct {
	x   [2][][]float64
	out [2][][]float64
}

func (m *compareModel) Factors() []model.Factor { return m.factors }
func (m *compareModel) Outputs() []model.Output { return m.outputs }

func (m *compareModel) Evaluate(in, out [][]float64) {
	n := len(out[0])
	sc, _ := m.pool.Get().(*compareScratch)
	if sc == nil || len(sc.out[0]) == 0 || len(sc.out[0][0]) < n {
		sc = &compareScratch{}
		for k, p := range []*Plan{m.base, m.variant} {
			sc.x[k] = mat(len(p.Factors), n)
			sc.out[k] = mat(len(p.Series), n)
		}
	}
	defer m.pool.Put(sc)
	var res [2][][]float64
	for k, p := range []*Plan{m.base, m.variant} {
		x := sub(sc.x[k], n)
		us := correlatedUniforms(p, m.cols[k], in, n)
		for j, f := range p.Factors {
			c := m.cols[k][j]
			if c < 0 {
				for s := range x[j] {
					x[j][s] = f.Value
				}
				continue
			}
			u := in[c][:n]
			if us != nil {
				u = us[j]
			}
			for s, u := range u {
				x[j][s] = f.Dist.Quantile(u)
			}
		}
		res[k] = sub(sc.out[k], n)
		p.Model.Evaluate(x, res[k])
	}
	ns := len(m.base.Series)
	for c := 0; c < ns; c++ {
		b, v := res[0][c], res[1][c]
		copy(out[c], b)
		copy(out[ns+c], v)
		d, r, red := out[2*ns+c], out[3*ns+c], out[4*ns+c]
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
			if r[s] <= -m.threshold && d[s] < 0 {
				red[s] = 1
			}
		}
	}
}

// SplitCompareOutput splits a comparison output name into measure and output.
func SplitCompareOutput(name string) (measure, output string) {
	measure, output, _ = strings.Cut(name, ":")
	return measure, output
}
