package inputs

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Normal is the normal (Gaussian) distribution with mean Mean and standard
// deviation SD > 0:
//
//	Q(p) = Mean + SD Φ⁻¹(p).
type Normal struct {
	Mean, SD float64
}

// NewNormal returns the normal distribution N(mean, sd²), sd > 0.
func NewNormal(mean, sd float64) (Normal, error) {
	if err := checkFinite("mean", mean); err != nil {
		return Normal{}, err
	}
	if err := checkPositive("sd", sd); err != nil {
		return Normal{}, err
	}
	return Normal{Mean: mean, SD: sd}, nil
}

// Quantile returns the p-quantile (gonum distuv.Normal).
func (n Normal) Quantile(p float64) float64 {
	return distuv.Normal{Mu: n.Mean, Sigma: n.SD}.Quantile(p)
}

// CDF returns P(X ≤ x) = ½ erfc(−(x − Mean)/(SD √2)).
func (n Normal) CDF(x float64) float64 {
	return distuv.Normal{Mu: n.Mean, Sigma: n.SD}.CDF(x)
}

// Survival returns P(X > x) = ½ erfc((x − Mean)/(SD √2)). gonum's Survival
// computes 1 − erf, which loses every digit in the upper tail.
func (n Normal) Survival(x float64) float64 {
	return 0.5 * math.Erfc((x-n.Mean)/(n.SD*math.Sqrt2))
}

// InverseSurvival returns x with P(X > x) = q: Mean − SD Φ⁻¹(q), by symmetry.
func (n Normal) InverseSurvival(q float64) float64 {
	return n.Mean - n.SD*distuv.UnitNormal.Quantile(q)
}

func (n Normal) String() string {
	return "normal(mean=" + num(n.Mean) + ", sd=" + num(n.SD) + ")"
}
