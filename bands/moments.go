// Package bands accumulates the confidence band of model outputs over many
// samples in memory that does not grow with the number of samples: mean and
// standard deviation from shifted sums, minimum and maximum, and quantiles
// either exactly (all values kept while they fit a memory budget) or from a
// mergeable relative-error sketch.
//
// Every state is built block by block and merged: counts, minima, maxima and
// sketch buckets merge exactly and in any order; the floating-point sums
// depend on the order of additions, which the engine fixes (rows in order
// within a block, blocks along a fixed binary tree), so results are
// bit-identical for any number of workers or shards.
package bands

import (
	"fmt"
	"math"
)

// Moments accumulates the count, minimum, maximum and the first two sums of
// the deviations from a fixed centre c:
//
//	S1 = Σ (yᵢ − c),   S2 = Σ (yᵢ − c)²
//	mean = c + S1/n,   var = (S2 − S1²/n) / (n − 1)
//
// The textbook one-pass formula (c = 0) subtracts two nearly equal large
// numbers when the mean is large compared to the spread and loses up to all
// significant digits. Shifting by a c close to the mean keeps S1 small and
// makes the subtraction harmless: the relative error of the variance is of
// order n·ε·κ² with κ² = 1 + n·(ȳ−c)²/Σ(yᵢ−ȳ)², which is about n·ε when c is
// near the mean ȳ instead of growing with ȳ² (Chan, Golub & LeVeque 1983,
// "Algorithms for computing the sample variance: analysis and
// recommendations", Am. Stat. 37(3):242–247). The engine takes c from a
// pilot run; all blocks of a series must share it. κ² stays small for heavy
// tails too: the spread there dwarfs any error of the pilot mean.
//
// Overflow: a deviation of 10¹⁶⁰ would square past the float64 range. The
// sums are therefore kept in units of 2^k (S1 = s1·2^k, S2 = s2·2^(2k)), k ≥ 0
// raised only when a scaled deviation |t| = |y·2⁻ᵏ − c·2⁻ᵏ| would exceed
// 2⁴⁸⁰; with at most 2⁶³ values, s2 ≤ 2⁶³·2⁹⁶⁰ never overflows. Scaling by
// a power of two is exact, and while k = 0 (every ordinary output) the sums
// are the plain shifted sums. Rescaling drops only contributions below 2⁻¹⁰⁷⁴
// in the new units, negligible beside the deviation above 2⁴⁸⁰ that caused
// it. Mean and SD are then finite whenever the true ones are: the mean
// always (it is clamped into [min, max]), the SD unless it exceeds
// MaxFloat64 (values spanning more than the float64 range), when it is +Inf.
//
// Unlike Welford's or Chan's pairwise update, merging shifted sums is plain
// addition (after bringing both to the larger scale), so a merge is exact
// apart from the rounding of the additions themselves, whose order the
// engine fixes. The scale depends only on the values in their order, never
// on how they were batched.
//
// NaN and ±Inf are not folded into the sums: they are counted (NonFinite) and
// left out of every statistic.
type Moments struct {
	centre    float64
	n         int64
	nonFinite int64
	scale     int // k: the sums are in units of 2^k and 2^(2k)
	s1, s2    float64
	min, max  float64
}

// momentsLimit bounds a scaled deviation |t|: t² ≤ 2⁹⁶⁰, so that 2⁶³ of them
// add up below MaxFloat64 (2¹⁰²⁴).
const momentsLimit = 0x1p480

// maxScale is the largest scale ever needed: |y − c| < 2¹⁰²⁵.
const maxScale = 1025 - 480

// NewMoments returns empty moments about the finite centre c.
func NewMoments(c float64) (Moments, error) {
	if !isFinite(c) {
		return Moments{}, fmt.Errorf("bands: moments centre is %v, want a finite number", c)
	}
	return Moments{centre: c, min: math.Inf(1), max: math.Inf(-1)}, nil
}

// isFinite reports whether x is neither NaN nor ±Inf, in one comparison.
func isFinite(x float64) bool { return math.Abs(x) <= math.MaxFloat64 }

// Add adds one value; a NaN or ±Inf is only counted as non-finite.
func (m *Moments) Add(y float64) { m.AddSlice([]float64{y}) }

// AddSlice adds the values of ys in order; it equals calling Add on each.
func (m *Moments) AddSlice(ys []float64) {
	c, s1, s2, lo, hi := m.centre, m.s1, m.s2, m.min, m.max
	unit := math.Ldexp(1, -m.scale)
	cu := c * unit
	var n, bad int64
	for _, y := range ys {
		if !isFinite(y) {
			bad++
			continue
		}
		// The conversions forbid fusing into an FMA (Go spec,
		// "Floating-point operators"), so the sums are the same bits on
		// every architecture. With unit = 1, t = y − c exactly as rounded.
		t := float64(y*unit) - cu
		if !(math.Abs(t) <= momentsLimit) { // rare: rescale
			m.s1, m.s2 = s1, s2
			m.rescale(y)
			s1, s2 = m.s1, m.s2
			unit = math.Ldexp(1, -m.scale)
			cu = c * unit
			t = float64(y*unit) - cu
		}
		n++
		s1 += t
		s2 += float64(t * t)
		if y < lo {
			lo = y
		}
		if y > hi {
			hi = y
		}
	}
	m.n += n
	m.nonFinite += bad
	m.s1, m.s2, m.min, m.max = s1, s2, lo, hi
}

// rescale raises the scale so that the deviation of y fits momentsLimit:
// |y − c| < 2^(E+2) with E the larger binary exponent of |y| and |c|.
func (m *Moments) rescale(y float64) {
	e := math.Ilogb(math.Max(math.Abs(y), math.Abs(m.centre)))
	m.setScale(max(m.scale, e+2-480))
}

// setScale brings the sums to units of 2^k, k ≥ m.scale.
func (m *Moments) setScale(k int) {
	if d := k - m.scale; d > 0 {
		m.s1 = math.Ldexp(m.s1, -d)
		m.s2 = math.Ldexp(m.s2, -2*d)
		m.scale = k
	}
}

// Merge adds the moments of next, which must have the same centre.
func (m *Moments) Merge(next *Moments) error {
	if next == nil {
		return fmt.Errorf("bands: merging nil moments")
	}
	if math.Float64bits(m.centre) != math.Float64bits(next.centre) {
		return fmt.Errorf("bands: merging moments about centre %v into moments about %v", next.centre, m.centre)
	}
	m.setScale(next.scale)
	d := m.scale - next.scale
	m.n += next.n
	m.nonFinite += next.nonFinite
	m.s1 += math.Ldexp(next.s1, -d)
	m.s2 += math.Ldexp(next.s2, -2*d)
	m.min = math.Min(m.min, next.min)
	m.max = math.Max(m.max, next.max)
	return nil
}

// Reset empties m, keeping its centre.
func (m *Moments) Reset() { *m = Moments{centre: m.centre, min: math.Inf(1), max: math.Inf(-1)} }

// Centre is the fixed shift c.
func (m *Moments) Centre() float64 { return m.centre }

// N is the number of finite values added.
func (m *Moments) N() int64 { return m.n }

// NonFinite is the number of NaN or ±Inf values seen and left out.
func (m *Moments) NonFinite() int64 { return m.nonFinite }

// Sums returns the shifted sums in units of 2^scale: S1 = s1·2^scale =
// Σ(y−c) and S2 = s2·2^(2·scale) = Σ(y−c)²; scale is 0 unless a deviation
// exceeded 2⁴⁸⁰.
func (m *Moments) Sums() (s1, s2 float64, scale int) { return m.s1, m.s2, m.scale }

// Min is the smallest finite value, NaN if there is none.
func (m *Moments) Min() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	return m.min
}

// Max is the largest finite value, NaN if there is none.
func (m *Moments) Max() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	return m.max
}

// Mean is c + S1/n, clamped into [min, max] (which rounding could leave at
// extreme magnitudes), NaN if there is no value.
func (m *Moments) Mean() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	mean := m.centre + math.Ldexp(m.s1/float64(m.n), m.scale)
	return math.Min(math.Max(mean, m.min), m.max)
}

// scaledVar returns (S2 − S1²/n)/(n − 1) in units of 2^(2·scale), clamped at zero:
// rounding can make the numerator a tiny negative number when all values
// are equal.
func (m *Moments) scaledVar() float64 {
	n := float64(m.n)
	ss := m.s2 - float64(m.s1*(m.s1/n))
	if ss < 0 {
		ss = 0
	}
	return ss / (n - 1)
}

// Var is the unbiased sample variance (S2 − S1²/n)/(n − 1), NaN for fewer
// than two values; +Inf if it exceeds MaxFloat64.
func (m *Moments) Var() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	return math.Ldexp(m.scaledVar(), 2*m.scale)
}

// SD is the square root of Var, computed without overflowing whenever the
// SD itself is below MaxFloat64.
func (m *Moments) SD() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	return math.Ldexp(math.Sqrt(m.scaledVar()), m.scale)
}
