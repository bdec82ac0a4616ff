package inputs

import (
	"fmt"
	"math"
	"slices"
)

// inSupport tells whether x is a value distribution d can take, and
// describes d's support for messages ("expected " + what). A value outside the support given as
// `fixed:` would put the model where the scenario says it cannot be (a share
// of 1.5, a negative lifetime), so the parser refuses it.
func inSupport(d Distribution, x float64) (bool, string) {
	switch d := d.(type) {
	case Constant:
		return x == d.Value, num(d.Value) + ", its only value"
	case *Discrete:
		return slices.Contains(d.values, x), "one of " + nums(d.values)
	case *Empirical:
		if d.interp == Step {
			return slices.Contains(d.sorted, x), fmt.Sprintf("one of its %d values (interpolation: step)", len(d.sorted))
		}
		return interval(x, d.sorted[0], d.sorted[len(d.sorted)-1], true, true)
	case *Truncated:
		ok, what := inSupport(d.base, x)
		if !ok {
			return false, what
		}
		return interval(x, d.min, d.max, true, true)
	case Uniform:
		return interval(x, d.Min, d.Max, true, true)
	case LogUniform:
		return interval(x, d.Min, d.Max, true, true)
	case Triangular:
		return interval(x, d.Min, d.Max, true, true)
	case PERT:
		return interval(x, d.Min, d.Max, true, true)
	case Beta:
		return interval(x, d.Min, d.Max, true, true)
	case LogNormal:
		return interval(x, 0, math.Inf(1), false, false)
	case Gamma, Weibull, Exponential:
		return interval(x, 0, math.Inf(1), true, false)
	}
	// Normal and any distribution without bounds: the whole real line.
	return true, "a finite number"
}

// interval tells whether x lies in the interval and writes it: [0, ∞).
func interval(x, lo, hi float64, loClosed, hiClosed bool) (bool, string) {
	ok := (x > lo || loClosed && x == lo) && (x < hi || hiClosed && x == hi)
	l, r := "(", ")"
	if loClosed && !math.IsInf(lo, 0) {
		l = "["
	}
	if hiClosed && !math.IsInf(hi, 0) {
		r = "]"
	}
	return ok, "a value in " + l + bound(lo) + ", " + bound(hi) + r
}

func bound(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "−∞"
	}
	return num(v)
}
