package inputs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// paramError is an impossible distribution parameter. Param is the parameter's
// key in a scenario file, so that the parser can point at its value.
// Index is the offending element of a list parameter, or -1.
type paramError struct {
	Param string
	Index int
	Msg   string
}

func (e *paramError) Error() string { return e.Msg }

func badParam(param, format string, args ...any) error {
	return &paramError{Param: param, Index: -1, Msg: fmt.Sprintf(format, args...)}
}

func badElem(param string, index int, format string, args ...any) error {
	return &paramError{Param: param, Index: index, Msg: fmt.Sprintf(format, args...)}
}

// num formats v as the shortest decimal that reads back as v, so that
// String() identifies a distribution exactly (it goes into the design hash).
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func nums(vs []float64) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = num(v)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkFinite rejects NaN and ±Inf parameters.
func checkFinite(name string, v float64) error {
	if !isFinite(v) {
		return badParam(name, "%s must be a finite number, got %s", name, num(v))
	}
	return nil
}

// checkPositive requires a finite v > 0.
func checkPositive(name string, v float64) error {
	if err := checkFinite(name, v); err != nil {
		return err
	}
	if v <= 0 {
		return badParam(name, "%s must be > 0, got %s", name, num(v))
	}
	return nil
}

// checkRange requires finite min < max.
func checkRange(min, max float64) error {
	if err := checkFinite("min", min); err != nil {
		return err
	}
	if err := checkFinite("max", max); err != nil {
		return err
	}
	if min >= max {
		return badParam("max", "max must be > min, got min=%s, max=%s", num(min), num(max))
	}
	return nil
}

// checkMode requires a finite mode in [min, max].
func checkMode(min, mode, max float64) error {
	if err := checkFinite("mode", mode); err != nil {
		return err
	}
	if mode < min || mode > max {
		return badParam("mode", "mode must be within [min, max] = [%s, %s], got %s", num(min), num(max), num(mode))
	}
	return nil
}

// checkProb guards the quantile functions written here; gonum's panic the
// same way. p comes from the sampler, never from a file.
func checkProb(p float64) {
	if !(p >= 0 && p <= 1) {
		panic("inputs: quantile of probability " + num(p) + " outside [0, 1]")
	}
}

// clamp keeps a quantile inside a bounded support despite rounding.
func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
