package model

import (
	"fmt"
	"math"
)

func init() { Register("sobol-g", newSobolG) }

// SobolG is the G function of Saltelli & Sobol' (1995), "About the use of rank
// transformation in sensitivity analysis of model output", Reliab. Eng. Syst.
// Saf. 50:225–239:
//
//	g(x) = Π_{i=1..k} (|4x_i − 2| + a_i) / (1 + a_i),   x_i ∈ [0, 1].
//
// With x_i ~ U(0, 1) each factor has mean 1 and partial variance
// V_i = 1/(3(1 + a_i)²), so S_i = V_i / (Π(1 + V_j) − 1): a small a_i makes
// x_i important, a_i = 99 makes it almost inert.
// Parameter a is the list of the a_i ≥ 0 (default [0, 1, 4.5, 9, 99, 99, 99,
// 99]); its length k sets the factors x1..xk. One scalar output y.
type SobolG struct {
	A []float64
}

func newSobolG(cfg Config) (Model, error) {
	p := newParams("sobol-g", cfg.Params)
	a, err := p.floats("a", []float64{0, 1, 4.5, 9, 99, 99, 99, 99})
	if err != nil {
		return nil, err
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(a) == 0 {
		return nil, &ParamError{Param: "a", Msg: "empty list; want one coefficient per factor"}
	}
	for i, ai := range a {
		if ai < 0 {
			return nil, &ParamError{Param: "a", Msg: fmt.Sprintf("a[%d] = %v; want a_i ≥ 0", i, ai)}
		}
	}
	if err := noYears("sobol-g", cfg.Years); err != nil {
		return nil, err
	}
	return &SobolG{A: a}, nil
}

// Factors returns x1..xk.
func (m *SobolG) Factors() []Factor {
	fs := make([]Factor, len(m.A))
	for i, a := range m.A {
		fs[i] = Factor{Name: fmt.Sprintf("x%d", i+1), Unit: "1", Description: fmt.Sprintf("input in [0, 1], a = %v", a)}
	}
	return fs
}

// Outputs returns the scalar y.
func (m *SobolG) Outputs() []Output {
	return []Output{{Name: "y", Unit: "1", Description: "Π (|4x_i − 2| + a_i)/(1 + a_i)"}}
}

// Evaluate computes g for each sample, factor by factor.
func (m *SobolG) Evaluate(in, out [][]float64) {
	y := out[0][:len(in[0])]
	for s := range y {
		y[s] = 1
	}
	for i, a := range m.A {
		x := in[i][:len(y)]
		inv := 1 / (1 + a)
		for s, v := range x {
			y[s] *= (math.Abs(4*v-2) + a) * inv
		}
	}
}
