package model

import (
	"fmt"
	"math"
)

func init() { Register("morris2006", newMorris2006) }

// Morris2006 is the screening test function of Morris, Moore & McKay (2006),
// "Sampling plans based on balanced incomplete block designs for evaluating
// the importance of computer model inputs", J. Stat. Plan. Inference
// 136:3203–3220:
//
//	y = α Σ_{i≤p} x_i + β Σ_{i<j≤p} x_i x_j,
//	α = √12 − 6 √(0.1 (p − 1)),   β = 12 / √(10 (p − 1)),
//
// with x_i ∈ [0, 1]. The first p of the M inputs are active and equally
// important, the other M − p are inert. The double sum is computed in O(p) as
// ((Σx)² − Σx²)/2.
// Parameters: p (default 5, p ≥ 2), M (default 20, M ≥ p). Factors x1..xM;
// one scalar output y.
type Morris2006 struct {
	P, M        int
	alpha, beta float64
}

func newMorris2006(cfg Config) (Model, error) {
	pr := newParams("morris2006", cfg.Params)
	p, err := pr.int("p", 5)
	if err != nil {
		return nil, err
	}
	mm, err := pr.int("M", 20)
	if err != nil {
		return nil, err
	}
	if err := pr.done(); err != nil {
		return nil, err
	}
	if p < 2 {
		return nil, &ParamError{Param: "p", Msg: fmt.Sprintf("p = %d; want p ≥ 2 (β = 12/√(10(p − 1)))", p)}
	}
	if p > mm {
		return nil, &ParamError{Param: "p", Msg: fmt.Sprintf("p = %d active inputs exceeds M = %d inputs", p, mm)}
	}
	if err := noYears("morris2006", cfg.Years); err != nil {
		return nil, err
	}
	q := float64(p - 1)
	return &Morris2006{P: p, M: mm, alpha: math.Sqrt(12) - 6*math.Sqrt(0.1*q), beta: 12 / math.Sqrt(10*q)}, nil
}

// Factors returns x1..xM.
func (m *Morris2006) Factors() []Factor {
	fs := make([]Factor, m.M)
	for i := range fs {
		d := "inert input in [0, 1]"
		if i < m.P {
			d = "active input in [0, 1]"
		}
		fs[i] = Factor{Name: fmt.Sprintf("x%d", i+1), Unit: "1", Description: d}
	}
	return fs
}

// Outputs returns the scalar y.
func (m *Morris2006) Outputs() []Output {
	return []Output{{Name: "y", Unit: "1", Description: "α Σ_{i≤p} x_i + β Σ_{i<j≤p} x_i x_j"}}
}

// Evaluate computes y for each sample. Only the first p factors are read.
func (m *Morris2006) Evaluate(in, out [][]float64) {
	n := len(in[0])
	y := out[0][:n]
	var sum, sq [256]float64 // per-block partial sums, reused over chunks
	for lo := 0; lo < n; lo += len(sum) {
		hi := min(lo+len(sum), n)
		s1, s2 := sum[:hi-lo], sq[:hi-lo]
		clear(s1)
		clear(s2)
		for i := range m.P {
			x := in[i][lo:hi]
			for s, v := range x {
				s1[s] += v
				s2[s] += v * v
			}
		}
		for s := range s1 {
			y[lo+s] = m.alpha*s1[s] + m.beta*0.5*(s1[s]*s1[s]-s2[s])
		}
	}
}
