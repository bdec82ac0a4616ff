package inputs

import "gonum.org/v1/gonum/stat/distuv"

// Triangular is the triangular distribution on [Min, Max] with mode Mode:
//
//	Q(p) = Min + √(p (Max − Min)(Mode − Min))        for p < (Mode − Min)/(Max − Min),
//	Q(p) = Max − √((1 − p)(Max − Min)(Max − Mode))  otherwise.
type Triangular struct {
	Min, Mode, Max float64
}

// NewTriangular returns the triangular distribution, min < max, min ≤ mode ≤ max.
func NewTriangular(min, mode, max float64) (Triangular, error) {
	if err := checkRange(min, max); err != nil {
		return Triangular{}, err
	}
	if err := checkMode(min, mode, max); err != nil {
		return Triangular{}, err
	}
	return Triangular{Min: min, Mode: mode, Max: max}, nil
}

// Quantile returns the p-quantile (gonum distuv.Triangle).
func (t Triangular) Quantile(p float64) float64 {
	return distuv.NewTriangle(t.Min, t.Max, t.Mode, nil).Quantile(p)
}

func (t Triangular) String() string {
	return "triangular(min=" + num(t.Min) + ", mode=" + num(t.Mode) + ", max=" + num(t.Max) + ")"
}
