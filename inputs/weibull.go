package inputs

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Weibull is the Weibull distribution with shape k = Shape > 0 and scale
// λ = Scale > 0: S(x) = exp(−(x/λ)^k) and
//
//	Q(p) = λ (−ln(1 − p))^{1/k}.
type Weibull struct {
	Shape, Scale float64
}

// NewWeibull returns the Weibull distribution with the given shape and scale.
func NewWeibull(shape, scale float64) (Weibull, error) {
	if err := checkPositive("shape", shape); err != nil {
		return Weibull{}, err
	}
	if err := checkPositive("scale", scale); err != nil {
		return Weibull{}, err
	}
	return Weibull{Shape: shape, Scale: scale}, nil
}

func (w Weibull) gonum() distuv.Weibull { return distuv.Weibull{K: w.Shape, Lambda: w.Scale} }

// Quantile returns the p-quantile (gonum distuv.Weibull).
func (w Weibull) Quantile(p float64) float64 { return w.gonum().Quantile(p) }

// CDF returns P(X ≤ x) = −expm1(−(x/λ)^k).
func (w Weibull) CDF(x float64) float64 { return w.gonum().CDF(x) }

// Survival returns P(X > x) = exp(−(x/λ)^k).
func (w Weibull) Survival(x float64) float64 { return w.gonum().Survival(x) }

// InverseSurvival returns x with P(X > x) = q: λ (−ln q)^{1/k}.
func (w Weibull) InverseSurvival(q float64) float64 {
	return w.Scale * math.Pow(-math.Log(q), 1/w.Shape)
}

func (w Weibull) String() string {
	return "weibull(shape=" + num(w.Shape) + ", scale=" + num(w.Scale) + ")"
}
