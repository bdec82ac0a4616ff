package inputs

import (
	"fmt"
	"math"
)

// minTruncatedMass is the least probability a truncation interval may hold.
// Below it the interval is almost surely a mistake (wrong units, wrong sign),
// and the quantiles of a sliver of the distribution carry no information.
const minTruncatedMass = 1e-12

// tailed is a continuous distribution whose tails can be computed without
// cancellation: CDF for the lower tail, Survival and its inverse for the
// upper one.
type tailed interface {
	Distribution
	CDF(x float64) float64
	Survival(x float64) float64
	InverseSurvival(q float64) float64
}

// Truncated is a continuous distribution with CDF F restricted to [Min, Max]
// (either may be infinite):
//
//	Q(p) = F⁻¹(F(Min) + p (F(Max) − F(Min))).
//
// Where that target probability lies in the upper half of the distribution
// the same point is found from the survival function S = 1 − F,
//
//	Q(p) = S⁻¹(S(Max) + (1 − p)(S(Min) − S(Max))),
//
// so that an interval far in the upper tail (F(Min) ≈ 1) keeps its precision.
// Normal, LogNormal, Gamma, Weibull and Exponential can be truncated.
type Truncated struct {
	base     tailed
	min, max float64
	fmin     float64 // F(min)
	smax     float64 // S(max)
	mass     float64 // F(max) − F(min)
}

// NewTruncated restricts base to [min, max]. Use math.Inf(-1) or math.Inf(1)
// for a one-sided truncation. The interval must hold a probability of at
// least 1e-12.
func NewTruncated(base Distribution, min, max float64) (*Truncated, error) {
	b, ok := base.(tailed)
	if !ok {
		return nil, fmt.Errorf("cannot truncate %v: truncation applies to normal, lognormal, gamma, weibull and exponential", base)
	}
	if math.IsNaN(min) || math.IsInf(min, 1) {
		return nil, badParam("min", "min must be a finite number, got %s", num(min))
	}
	if math.IsNaN(max) || math.IsInf(max, -1) {
		return nil, badParam("max", "max must be a finite number, got %s", num(max))
	}
	if min >= max {
		return nil, badParam("max", "max must be > min, got min=%s, max=%s", num(min), num(max))
	}
	t := &Truncated{base: b, min: min, max: max, fmin: b.CDF(min), smax: b.Survival(max)}
	// Each term is taken from the tail where it is small, so the difference
	// is accurate wherever the interval lies.
	switch fmax, smin := b.CDF(max), b.Survival(min); {
	case t.fmin > 0.5:
		t.mass = smin - t.smax
	case fmax <= 0.5:
		t.mass = fmax - t.fmin
	default:
		t.mass = 1 - t.fmin - t.smax
	}
	if !(t.mass >= minTruncatedMass) {
		param := "min"
		if math.IsInf(min, -1) {
			param = "max"
		}
		return nil, badParam(param, "[min, max] = [%s, %s] holds probability %.3g of %v: practically none (need ≥ %g)",
			num(min), num(max), t.mass, base, minTruncatedMass)
	}
	return t, nil
}

// Base returns the distribution before truncation.
func (t *Truncated) Base() Distribution { return t.base }

// Bounds returns the truncation interval.
func (t *Truncated) Bounds() (min, max float64) { return t.min, t.max }

// Quantile returns the p-quantile.
func (t *Truncated) Quantile(p float64) float64 {
	checkProb(p)
	var x float64
	if lower := t.fmin + p*t.mass; lower <= 0.5 {
		x = t.base.Quantile(lower)
	} else {
		x = t.base.InverseSurvival(t.smax + (1-p)*t.mass)
	}
	return clamp(x, t.min, t.max)
}

// String is the base distribution with the bounds added, e.g.
// "normal(mean=0, sd=1, min=-2, max=2)".
func (t *Truncated) String() string {
	s := t.base.String()
	s = s[:len(s)-1] // the base's closing parenthesis
	if !math.IsInf(t.min, -1) {
		s += ", min=" + num(t.min)
	}
	if !math.IsInf(t.max, 1) {
		s += ", max=" + num(t.max)
	}
	return s + ")"
}
