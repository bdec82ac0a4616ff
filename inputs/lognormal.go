package inputs

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// z95 is Φ⁻¹(0.95), the 95th percentile of the standard normal distribution.
const z95 = 1.6448536269514722

// LogNormal is the distribution of X = exp(Y), Y ~ N(MeanLog, SDLog²):
//
//	Q(p) = exp(MeanLog + SDLog Φ⁻¹(p)).
//
// Besides (meanlog, sdlog) it can be given by its median and geometric
// standard deviation, MeanLog = ln median, SDLog = ln gsd (Limpert, Stahel &
// Abbt 2001, BioScience 51:341), or by its 5th and 95th percentiles,
// MeanLog = (ln p5 + ln p95)/2, SDLog = (ln p95 − ln p5)/(2 Φ⁻¹(0.95)).
type LogNormal struct {
	MeanLog, SDLog float64

	given string // the parametrisation the user wrote, for String
}

// NewLogNormal returns the lognormal distribution with the given mean and
// standard deviation of ln X, sdlog > 0.
func NewLogNormal(meanlog, sdlog float64) (LogNormal, error) {
	if err := checkFinite("meanlog", meanlog); err != nil {
		return LogNormal{}, err
	}
	if err := checkPositive("sdlog", sdlog); err != nil {
		return LogNormal{}, err
	}
	return LogNormal{MeanLog: meanlog, SDLog: sdlog}, nil
}

// LogNormalMedianGSD returns the lognormal distribution with the given median
// (> 0) and geometric standard deviation gsd (> 1).
func LogNormalMedianGSD(median, gsd float64) (LogNormal, error) {
	if err := checkPositive("median", median); err != nil {
		return LogNormal{}, err
	}
	if err := checkFinite("gsd", gsd); err != nil {
		return LogNormal{}, err
	}
	if gsd <= 1 {
		return LogNormal{}, badParam("gsd", "gsd must be > 1, got %s", num(gsd))
	}
	return LogNormal{
		MeanLog: math.Log(median),
		SDLog:   math.Log(gsd),
		given:   "lognormal(median=" + num(median) + ", gsd=" + num(gsd) + ")",
	}, nil
}

// LogNormalP5P95 returns the lognormal distribution whose 5th and 95th
// percentiles are p5 and p95, 0 < p5 < p95.
func LogNormalP5P95(p5, p95 float64) (LogNormal, error) {
	if err := checkPositive("p5", p5); err != nil {
		return LogNormal{}, err
	}
	if err := checkFinite("p95", p95); err != nil {
		return LogNormal{}, err
	}
	if p95 <= p5 {
		return LogNormal{}, badParam("p95", "p95 must be > p5, got p5=%s, p95=%s", num(p5), num(p95))
	}
	lo, hi := math.Log(p5), math.Log(p95)
	return LogNormal{
		MeanLog: (lo + hi) / 2,
		SDLog:   (hi - lo) / (2 * z95),
		given:   "lognormal(p5=" + num(p5) + ", p95=" + num(p95) + ")",
	}, nil
}

func (l LogNormal) normal() Normal { return Normal{Mean: l.MeanLog, SD: l.SDLog} }

// Quantile returns the p-quantile (gonum distuv.LogNormal).
func (l LogNormal) Quantile(p float64) float64 {
	return distuv.LogNormal{Mu: l.MeanLog, Sigma: l.SDLog}.Quantile(p)
}

// CDF returns P(X ≤ x) = Φ((ln x − MeanLog)/SDLog).
func (l LogNormal) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return l.normal().CDF(math.Log(x))
}

// Survival returns P(X > x), accurate in the upper tail.
func (l LogNormal) Survival(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return l.normal().Survival(math.Log(x))
}

// InverseSurvival returns x with P(X > x) = q.
func (l LogNormal) InverseSurvival(q float64) float64 {
	return math.Exp(l.normal().InverseSurvival(q))
}

// String shows the parametrisation the distribution was built from.
func (l LogNormal) String() string {
	if l.given != "" {
		return l.given
	}
	return "lognormal(meanlog=" + num(l.MeanLog) + ", sdlog=" + num(l.SDLog) + ")"
}
