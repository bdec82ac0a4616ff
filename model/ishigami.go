package model

func init() { Register("ishigami", newIshigami) }

// Ishigami is the test function of Ishigami & Homma (1990), "An importance
// quantification technique in uncertainty analysis for computer models",
// Proc. ISUMA '90, 398–403:
//
//	y = sin x1 + a sin² x2 + b x3⁴ sin x1.
//
// With x_i ~ U(−π, π) its mean is a/2 and its variance
// a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; its Sobol' indices are known in closed form.
// Parameters: a (default 7), b (default 0.1). Factors x1, x2, x3; one scalar
// output y.
type Ishigami struct {
	A, B float64
}

func newIshigami(cfg Config) (Model, error) {
	p := newParams("ishigami", cfg.Params)
	a, err := p.float("a", 7)
	if err != nil {
		return nil, err
	}
	b, err := p.float("b", 0.1)
	if err != nil {
		return nil, err
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := noYears("ishigami", cfg.Years); err != nil {
		return nil, err
	}
	return &Ishigami{A: a, B: b}, nil
}

// Factors returns x1, x2, x3.
func (m *Ishigami) Factors() []Factor {
	return []Factor{
		{Name: "x1", Unit: "1", Description: "first input, usually U(−π, π)"},
		{Name: "x2", Unit: "1", Description: "second input, usually U(−π, π)"},
		{Name: "x3", Unit: "1", Description: "third input, usually U(−π, π)"},
	}
}

// Outputs returns the scalar y.
func (m *Ishigami) Outputs() []Output {
	return []Output{{Name: "y", Unit: "1", Description: "sin x1 + a sin² x2 + b x3⁴ sin x1"}}
}

// Evaluate computes y for each sample.
func (m *Ishigami) Evaluate(in, out [][]float64) {
	x1, x2, x3 := in[0], in[1], in[2]
	y := out[0]
	x2, x3, y = x2[:len(x1)], x3[:len(x1)], y[:len(x1)]
	// The sines first, a chunk at a time (sinSlice: math.Sin bit for bit,
	// without branches).
	var s1, s2 [256]float64
	for lo := 0; lo < len(x1); lo += len(s1) {
		n := min(len(s1), len(x1)-lo)
		sinSlice(s1[:n], x1[lo:lo+n])
		sinSlice(s2[:n], x2[lo:lo+n])
		for s := range n {
			z := x3[lo+s] * x3[lo+s]
			y[lo+s] = s1[s] + m.A*s2[s]*s2[s] + m.B*z*z*s1[s]
		}
	}
}
