package inputs

import "gonum.org/v1/gonum/stat/distuv"

// Uniform is the continuous uniform distribution on [Min, Max]:
//
//	Q(p) = Min + p (Max − Min).
type Uniform struct {
	Min, Max float64
}

// NewUniform returns the uniform distribution on [min, max], min < max.
func NewUniform(min, max float64) (Uniform, error) {
	if err := checkRange(min, max); err != nil {
		return Uniform{}, err
	}
	return Uniform{Min: min, Max: max}, nil
}

// Quantile returns the p-quantile (gonum distuv.Uniform).
func (u Uniform) Quantile(p float64) float64 {
	return distuv.Uniform{Min: u.Min, Max: u.Max}.Quantile(p)
}

func (u Uniform) String() string {
	return "uniform(min=" + num(u.Min) + ", max=" + num(u.Max) + ")"
}

// QuantileSlice sets dst[i] to the p[i]-quantile, as Quantile does, without
// a call per value (the engine's hot path for uniform factors).
func (u Uniform) QuantileSlice(dst, p []float64) {
	if u.Min == 0 && u.Max == 1 {
		copy(dst, p) // p·1 + 0 is p: the same bits, at the cost of a copy
		return
	}
	w := u.Max - u.Min
	dst = dst[:len(p)]
	for i, v := range p {
		// Same expression as gonum's distuv.Uniform.Quantile: same bits.
		dst[i] = v*w + u.Min
	}
}
