package inputs

import (
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// Gamma is the gamma distribution with shape k = Shape > 0 and rate
// λ = Rate > 0 (scale 1/λ): F(x) = P(k, λx), the regularised lower
// incomplete gamma function, and
//
//	Q(p) = P⁻¹(k, p)/λ.
type Gamma struct {
	Shape, Rate float64

	scale float64 // > 0 when the user gave the scale, for String
}

// NewGamma returns the gamma distribution with the given shape and rate.
func NewGamma(shape, rate float64) (Gamma, error) {
	if err := checkPositive("shape", shape); err != nil {
		return Gamma{}, err
	}
	if err := checkPositive("rate", rate); err != nil {
		return Gamma{}, err
	}
	return Gamma{Shape: shape, Rate: rate}, nil
}

// NewGammaScale returns the gamma distribution with the given shape and
// scale θ = 1/rate.
func NewGammaScale(shape, scale float64) (Gamma, error) {
	if err := checkPositive("shape", shape); err != nil {
		return Gamma{}, err
	}
	if err := checkPositive("scale", scale); err != nil {
		return Gamma{}, err
	}
	return Gamma{Shape: shape, Rate: 1 / scale, scale: scale}, nil
}

func (g Gamma) gonum() distuv.Gamma { return distuv.Gamma{Alpha: g.Shape, Beta: g.Rate} }

// Quantile returns the p-quantile (gonum distuv.Gamma).
func (g Gamma) Quantile(p float64) float64 { return g.gonum().Quantile(p) }

// CDF returns P(X ≤ x).
func (g Gamma) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return mathext.GammaIncReg(g.Shape, g.Rate*x)
}

// Survival returns P(X > x), accurate in the upper tail.
func (g Gamma) Survival(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return mathext.GammaIncRegComp(g.Shape, g.Rate*x)
}

// InverseSurvival returns x with P(X > x) = q.
func (g Gamma) InverseSurvival(q float64) float64 {
	return mathext.GammaIncRegCompInv(g.Shape, q) / g.Rate
}

// String shows the scale if the distribution was built from it.
func (g Gamma) String() string {
	if g.scale > 0 {
		return "gamma(shape=" + num(g.Shape) + ", scale=" + num(g.scale) + ")"
	}
	return "gamma(shape=" + num(g.Shape) + ", rate=" + num(g.Rate) + ")"
}
