package inputs

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Exponential is the exponential distribution with rate λ = Rate > 0:
// S(x) = exp(−λx) and
//
//	Q(p) = −ln(1 − p)/λ.
type Exponential struct {
	Rate float64
}

// NewExponential returns the exponential distribution with the given rate.
func NewExponential(rate float64) (Exponential, error) {
	if err := checkPositive("rate", rate); err != nil {
		return Exponential{}, err
	}
	return Exponential{Rate: rate}, nil
}

func (e Exponential) gonum() distuv.Exponential { return distuv.Exponential{Rate: e.Rate} }

// Quantile returns the p-quantile (gonum distuv.Exponential).
func (e Exponential) Quantile(p float64) float64 { return e.gonum().Quantile(p) }

// CDF returns P(X ≤ x) = −expm1(−λx).
func (e Exponential) CDF(x float64) float64 { return e.gonum().CDF(x) }

// Survival returns P(X > x) = exp(−λx).
func (e Exponential) Survival(x float64) float64 { return e.gonum().Survival(x) }

// InverseSurvival returns x with P(X > x) = q: −ln(q)/λ.
func (e Exponential) InverseSurvival(q float64) float64 { return -math.Log(q) / e.Rate }

func (e Exponential) String() string { return "exponential(rate=" + num(e.Rate) + ")" }
