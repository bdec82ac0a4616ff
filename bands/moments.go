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
// pilot run; all blocks of a series must share it.
//
// Unlike Welford's or Chan's pairwise update, merging shifted sums is plain
// addition, so a merge is exact apart from the rounding of the additions
// themselves, whose order the engine fixes.
//
// NaN and ±Inf are not folded into the sums: they are counted (NonFinite) and
// left out of every statistic.
type Moments struct {
	centre    float64
	n         int64
	nonFinite int64
	s1, s2    float64
	min, max  float64
}

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
func (m *Moments) Add(y float64) {
	if !isFinite(y) {
		m.nonFinite++
		return
	}
	d := y - m.centre
	m.n++
	m.s1 += d
	// The conversion forbids fusing into an FMA (Go spec, "Floating-point
	// operators"), so the sums are the same bits on every architecture.
	m.s2 += float64(d * d)
	if y < m.min {
		m.min = y
	}
	if y > m.max {
		m.max = y
	}
}

// AddSlice adds the values of ys in order; it equals calling Add on each.
func (m *Moments) AddSlice(ys []float64) {
	c, s1, s2, lo, hi := m.centre, m.s1, m.s2, m.min, m.max
	var n, bad int64
	for _, y := range ys {
		if !isFinite(y) {
			bad++
			continue
		}
		d := y - c
		n++
		s1 += d
		s2 += float64(d * d)
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

// Merge adds the moments of next, which must have the same centre.
func (m *Moments) Merge(next *Moments) error {
	if next == nil {
		return fmt.Errorf("bands: merging nil moments")
	}
	if math.Float64bits(m.centre) != math.Float64bits(next.centre) {
		return fmt.Errorf("bands: merging moments about centre %v into moments about %v", next.centre, m.centre)
	}
	m.n += next.n
	m.nonFinite += next.nonFinite
	m.s1 += next.s1
	m.s2 += next.s2
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

// Sums returns the shifted sums S1 = Σ(y−c) and S2 = Σ(y−c)².
func (m *Moments) Sums() (s1, s2 float64) { return m.s1, m.s2 }

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

// Mean is c + S1/n, NaN if there is no value.
func (m *Moments) Mean() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	return m.centre + m.s1/float64(m.n)
}

// Var is the unbiased sample variance (S2 − S1²/n)/(n − 1), NaN for fewer
// than two values. Rounding can make the numerator a tiny negative number
// when all values are equal; it is clamped to zero.
func (m *Moments) Var() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	n := float64(m.n)
	ss := m.s2 - float64(m.s1*(m.s1/n))
	if ss < 0 {
		ss = 0
	}
	return ss / (n - 1)
}

// SD is the square root of Var.
func (m *Moments) SD() float64 { return math.Sqrt(m.Var()) }
