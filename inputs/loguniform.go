package inputs

import "math"

// LogUniform is the log-uniform (reciprocal) distribution on [Min, Max],
// 0 < Min < Max: ln X is uniform on [ln Min, ln Max], the density is
// 1/(x ln(Max/Min)) (Hamming 1970, "On the distribution of numbers"), and
//
//	Q(p) = exp(ln Min + p (ln Max − ln Min)) = Min (Max/Min)^p.
//
// gonum has no such family.
type LogUniform struct {
	Min, Max float64
}

// NewLogUniform returns the log-uniform distribution on [min, max], 0 < min < max.
func NewLogUniform(min, max float64) (LogUniform, error) {
	if err := checkRange(min, max); err != nil {
		return LogUniform{}, err
	}
	if min <= 0 {
		return LogUniform{}, badParam("min", "min must be > 0 for a log-uniform distribution, got %s", num(min))
	}
	return LogUniform{Min: min, Max: max}, nil
}

// Quantile returns the p-quantile.
func (u LogUniform) Quantile(p float64) float64 {
	checkProb(p)
	lo := math.Log(u.Min)
	x := math.Exp(lo + p*(math.Log(u.Max)-lo))
	return clamp(x, u.Min, u.Max)
}

func (u LogUniform) String() string {
	return "loguniform(min=" + num(u.Min) + ", max=" + num(u.Max) + ")"
}
