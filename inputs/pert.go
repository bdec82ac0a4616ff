package inputs

import "gonum.org/v1/gonum/stat/distuv"

// DefaultPERTLambda is the weight of the mode in the classic PERT.
const DefaultPERTLambda = 4

// PERT is the (modified) PERT distribution on [Min, Max] with mode Mode and
// shape Lambda (Malcolm, Roseboom, Clark & Fazar 1959; modified form with λ:
// Vose 2008, "Risk Analysis", 3rd ed., §III.7.11): a Beta(α, β) scaled to
// [Min, Max] with
//
//	α = 1 + λ (Mode − Min)/(Max − Min),  β = 1 + λ (Max − Mode)/(Max − Min),
//
// so that the mean is (Min + λ Mode + Max)/(λ + 2).
type PERT struct {
	Min, Mode, Max, Lambda float64
}

// NewPERT returns the PERT distribution, min < max, min ≤ mode ≤ max, lambda > 0.
func NewPERT(min, mode, max, lambda float64) (PERT, error) {
	if err := checkRange(min, max); err != nil {
		return PERT{}, err
	}
	if err := checkMode(min, mode, max); err != nil {
		return PERT{}, err
	}
	if err := checkPositive("lambda", lambda); err != nil {
		return PERT{}, err
	}
	return PERT{Min: min, Mode: mode, Max: max, Lambda: lambda}, nil
}

// Shape returns the parameters α, β of the underlying beta distribution.
func (d PERT) Shape() (alpha, beta float64) {
	r := d.Max - d.Min
	return 1 + d.Lambda*(d.Mode-d.Min)/r, 1 + d.Lambda*(d.Max-d.Mode)/r
}

// Quantile returns the p-quantile (gonum distuv.Beta, scaled).
func (d PERT) Quantile(p float64) float64 {
	a, b := d.Shape()
	x := d.Min + (d.Max-d.Min)*distuv.Beta{Alpha: a, Beta: b}.Quantile(p)
	return clamp(x, d.Min, d.Max)
}

func (d PERT) String() string {
	return "pert(min=" + num(d.Min) + ", mode=" + num(d.Mode) + ", max=" + num(d.Max) + ", lambda=" + num(d.Lambda) + ")"
}
