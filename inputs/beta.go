package inputs

import "gonum.org/v1/gonum/stat/distuv"

// Beta is the beta distribution with shapes Alpha, Beta > 0, scaled from
// [0, 1] to [Min, Max]:
//
//	Q(p) = Min + (Max − Min) I⁻¹_p(α, β),
//
// with I the regularised incomplete beta function.
type Beta struct {
	Alpha, Beta float64
	Min, Max    float64
}

// NewBeta returns the beta distribution on [min, max] (usually [0, 1]).
func NewBeta(alpha, beta, min, max float64) (Beta, error) {
	if err := checkPositive("alpha", alpha); err != nil {
		return Beta{}, err
	}
	if err := checkPositive("beta", beta); err != nil {
		return Beta{}, err
	}
	if err := checkRange(min, max); err != nil {
		return Beta{}, err
	}
	return Beta{Alpha: alpha, Beta: beta, Min: min, Max: max}, nil
}

// Quantile returns the p-quantile (gonum distuv.Beta, scaled).
func (d Beta) Quantile(p float64) float64 {
	x := d.Min + (d.Max-d.Min)*distuv.Beta{Alpha: d.Alpha, Beta: d.Beta}.Quantile(p)
	return clamp(x, d.Min, d.Max)
}

func (d Beta) String() string {
	s := "beta(alpha=" + num(d.Alpha) + ", beta=" + num(d.Beta)
	if d.Min != 0 || d.Max != 1 {
		s += ", min=" + num(d.Min) + ", max=" + num(d.Max)
	}
	return s + ")"
}
