package inputs

import "fmt"

// Errorf returns an *Error at pos about factor (may be "").
func Errorf(pos Pos, factor, format string, args ...any) *Error {
	return &Error{Pos: pos, Factor: factor, Msg: fmt.Sprintf(format, args...)}
}

// Medians returns each factor's median: its Value when fixed, otherwise the
// 0.5-quantile of its distribution.
func Medians(fs []Factor) map[string]float64 {
	m := make(map[string]float64, len(fs))
	for _, f := range fs {
		switch {
		case f.Fixed:
			m[f.Name] = f.Value
		case f.Dist != nil:
			m[f.Name] = f.Dist.Quantile(0.5)
		}
	}
	return m
}

// FactorIndex returns the index of the named factor in s.Factors, or -1.
func (s *Scenario) FactorIndex(name string) int {
	for i, f := range s.Factors {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// Factor returns the named factor.
func (s *Scenario) Factor(name string) (Factor, bool) {
	if i := s.FactorIndex(name); i >= 0 {
		return s.Factors[i], true
	}
	return Factor{}, false
}
