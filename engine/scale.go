package engine

import (
	"fmt"
	"math"
	"path"

	"mc/inputs"
)

// Indices on the scale that fits. For an output spanning orders of
// magnitude (a total whose 90 % band runs from tens to thousands of TWh), the
// variance of y is that of its upper tail. An index output on log scale
// reaches the Sobol' and Morris accumulators as log(y), so that its indices
// apportion the variance of log(y) — of relative, not absolute, deviations.
// For y = exp(a·x1 + b·x2) with x1, x2 i.i.d. the indices of log y are
// S_i = a_i²/(a² + b²) exactly (additive). Bands always describe y itself.
// log needs y > 0: a value ≤ 0 stops the run with an error naming the
// output, year and sample, never a NaN.

// resolveScales sets p.IndexScales: the scale of each index series, from the
// scenario's outputs.indices entries. An entry without a scale leaves the
// output linear unless another entry gives it one; two entries giving one
// output different scales are an error.
func (p *Plan) resolveScales() error {
	sel := p.Scenario.Outputs
	scale := make([]string, len(p.Outputs))
	from := make([]int, len(p.Outputs)) // the entry that set scale[o]
	for k, pat := range sel.Indices {
		if k >= len(sel.Scales) || sel.Scales[k] == "" {
			continue
		}
		for o, out := range p.Outputs {
			if ok, _ := path.Match(pat, out.Name); !ok {
				continue
			}
			if scale[o] != "" && scale[o] != sel.Scales[k] {
				return &inputs.Error{Pos: indexPos(sel, k), Msg: fmt.Sprintf("outputs.indices: output %s is asked on %s scale here and on %s scale by %q (%s)",
					out.Name, sel.Scales[k], scale[o], sel.Indices[from[o]], indexPos(sel, from[o]))}
			}
			scale[o], from[o] = sel.Scales[k], k
		}
	}
	p.IndexScales = make([]string, len(p.Indices))
	p.logIndices = false
	for i, c := range p.Indices {
		s := scale[p.Series[c].Output]
		if s == "" {
			s = inputs.ScaleLinear
		}
		p.IndexScales[i] = s
		if s == inputs.ScaleLog {
			p.logIndices = true
		}
	}
	return nil
}

func indexPos(sel inputs.OutputSelection, k int) inputs.Pos {
	if k < len(sel.IndexPos) {
		return sel.IndexPos[k]
	}
	return inputs.Pos{}
}

// hashedScales is what the design hash records of the scales: nothing when
// all are linear, so that the hashes of earlier runs do not change.
func (p *Plan) hashedScales() []string {
	if !p.logIndices {
		return nil
	}
	return p.IndexScales
}

// scaleIndexCols puts the index series cols (cols[i] is index series i, n
// rows) on their scale, in place. where(s) names row s for an error.
func (w *worker) scaleIndexCols(cols [][]float64, n int, where func(s int) string) error {
	p := w.r.p
	if !p.logIndices {
		return nil
	}
	for i, col := range cols {
		if p.IndexScales[i] != inputs.ScaleLog {
			continue
		}
		for s, v := range col[:n] {
			if !(v > 0) {
				return w.nonPositive(p.Indices[i], v, where(s), s)
			}
			col[s] = math.Log(v)
		}
	}
	return nil
}

// scaleTrajectory puts a Morris trajectory (traj[q][i]: point q, index
// series i) on the index scales, in place.
func (w *worker) scaleTrajectory(traj [][]float64, t int) error {
	p := w.r.p
	if !p.logIndices {
		return nil
	}
	for i, sc := range p.IndexScales {
		if sc != inputs.ScaleLog {
			continue
		}
		for q := range traj {
			v := traj[q][i]
			if !(v > 0) {
				return w.nonPositive(p.Indices[i], v, fmt.Sprintf("trajectory %d, point %d", t, q), q)
			}
			traj[q][i] = math.Log(v)
		}
	}
	return nil
}

// indexCentres returns the mean of each index series of cols (all series,
// n rows) on its scale: the pilot's centres of the sensitivity sums.
func (w *worker) indexCentres(cols [][]float64, n int) ([]float64, error) {
	p := w.r.p
	c := make([]float64, len(p.Indices))
	buf := make([]float64, n)
	for i, se := range p.Indices {
		copy(buf, cols[se][:n])
		if p.IndexScales[i] == inputs.ScaleLog {
			for s, v := range buf {
				if !(v > 0) {
					return nil, w.nonPositive(se, v, fmt.Sprintf("pilot row %d", s), s)
				}
				buf[s] = math.Log(v)
			}
		}
		sum := 0.0
		for _, v := range buf {
			sum += v
		}
		c[i] = sum / float64(n)
	}
	return c, nil
}

// nonPositive is the error for a log-scale output y ≤ 0: series c, value v,
// at the sample described by where (row s of the current inputs).
func (w *worker) nonPositive(c int, v float64, where string, s int) error {
	p := w.r.p
	se := p.Series[c]
	name := se.Name
	if p.Outputs[se.Output].Years != nil {
		name = fmt.Sprintf("%s in %d", se.Name, se.Year)
	}
	return fmt.Errorf("output %s is analysed on log scale (outputs.indices) but is %v at %s: log needs values > 0; analyse it on linear scale or fix the model (factors: %s)",
		name, v, where, w.factorValues(s))
}

// evalName names evaluation set e for messages: the first set using it.
func (p *Plan) evalName(e int) string {
	for _, s := range p.Sets {
		if s.Eval == e {
			return s.By + " " + s.Name
		}
	}
	return fmt.Sprintf("set %d", e)
}
