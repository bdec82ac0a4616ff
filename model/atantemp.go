package model

import (
	"fmt"
	"math"
)

func init() { Register("atantemp", newAtantemp) }

// Atantemp is the arctangent temporal function of the R package sensitivity
// (atantemp.fun; B. Auder, PhD thesis, Université Paris VI, 2011), a toy
// model with a functional output:
//
//	y(t_k) = atan(x1) cos t_k + atan(x2) sin t_k,   t_k = 2πk/(q − 1), k = 0..q−1,
//
// usually with x1, x2 ~ U(−7, 7). Parameter q (default 100, q ≥ 2).
// Factors x1, x2; one trajectory output y whose "years" are the step indices
// k = 0..q−1 (a Config.Years selection picks a subset of them), not calendar
// years.
type Atantemp struct {
	Q        int
	steps    []int // selected k
	cos, sin []float64
}

func newAtantemp(cfg Config) (Model, error) {
	p := newParams("atantemp", cfg.Params)
	q, err := p.int("q", 100)
	if err != nil {
		return nil, err
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	if q < 2 {
		return nil, &ParamError{Param: "q", Msg: fmt.Sprintf("q = %d; want q ≥ 2 steps", q)}
	}
	if q > 1<<20 {
		return nil, &ParamError{Param: "q", Msg: fmt.Sprintf("q = %d; want at most %d steps", q, 1<<20)}
	}
	steps, _, err := selectYears(cfg.Years, 0, q-1)
	if err != nil {
		return nil, err
	}
	m := &Atantemp{Q: q, steps: steps, cos: make([]float64, len(steps)), sin: make([]float64, len(steps))}
	for i, k := range steps {
		t := 2 * math.Pi * float64(k) / float64(q-1)
		m.cos[i], m.sin[i] = math.Cos(t), math.Sin(t)
	}
	return m, nil
}

// Factors returns x1, x2.
func (m *Atantemp) Factors() []Factor {
	return []Factor{
		{Name: "x1", Unit: "1", Description: "cosine amplitude input, usually U(−7, 7)"},
		{Name: "x2", Unit: "1", Description: "sine amplitude input, usually U(−7, 7)"},
	}
}

// Outputs returns the trajectory y over the step indices.
func (m *Atantemp) Outputs() []Output {
	return []Output{{Name: "y", Unit: "1",
		Description: fmt.Sprintf("atan(x1) cos t + atan(x2) sin t at t_k = 2πk/%d; the years are the step indices k", m.Q-1),
		Years:       append([]int(nil), m.steps...)}}
}

// Evaluate computes the selected steps of y for each sample, a chunk of
// samples at a time so that each series is written contiguously.
func (m *Atantemp) Evaluate(in, out [][]float64) {
	n := len(in[0])
	var a1, a2 [256]float64
	for lo := 0; lo < n; lo += len(a1) {
		hi := min(lo+len(a1), n)
		x1, x2 := in[0][lo:hi], in[1][lo:hi]
		for s := range x1 {
			a1[s], a2[s] = math.Atan(x1[s]), math.Atan(x2[s])
		}
		for i, c := range m.cos {
			sn := m.sin[i]
			y := out[i][lo:hi]
			for s := range y {
				y[s] = a1[s]*c + a2[s]*sn
			}
		}
	}
}
