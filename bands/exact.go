package bands

import (
	"fmt"
	"slices"
)

// Exact keeps every finite value, for exact quantiles while the values of
// all series fit in memory (see ExactBytes). Merging appends the next
// state's values; quantiles sort them once.
//
// Quantile(p) is the type-7 quantile of Hyndman & Fan (1996), NumPy's and
// R's default: with the values sorted x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, h = (n−1)·p,
// k = ⌊h⌋, Q(p) = x₍ₖ₎ + (h−k)·(x₍ₖ₊₁₎ − x₍ₖ₎). The quantiles depend only on
// the multiset of values, so they are the same whatever the merge order.
// NaN and ±Inf are only counted (NonFinite).
type Exact struct {
	values    []float64
	nonFinite uint64
	sorted    bool
}

// Add adds one value; NaN and ±Inf are only counted as non-finite.
func (e *Exact) Add(x float64) {
	if !isFinite(x) {
		e.nonFinite++
		return
	}
	e.values = append(e.values, x)
	e.sorted = false
}

// AddSlice adds the values of xs; it equals calling Add on each.
func (e *Exact) AddSlice(xs []float64) {
	e.values = slices.Grow(e.values, len(xs))
	for _, x := range xs {
		if !isFinite(x) {
			e.nonFinite++
			continue
		}
		e.values = append(e.values, x)
	}
	e.sorted = false
}

// grow makes room for n more values, allocating exactly what is needed, so
// that a merge holds at most the two old arrays and the new one at once.
func (e *Exact) grow(n int) {
	if need := len(e.values) + n; need > cap(e.values) {
		v := make([]float64, len(e.values), need)
		copy(v, e.values)
		e.values = v
	}
}

// Merge appends the values of next.
func (e *Exact) Merge(next *Exact) error {
	if next == nil {
		return fmt.Errorf("bands: merging nil exact values")
	}
	e.grow(len(next.values))
	e.values = append(e.values, next.values...)
	e.nonFinite += next.nonFinite
	e.sorted = e.sorted && len(next.values) == 0
	return nil
}

// Reset empties e, keeping its memory.
func (e *Exact) Reset() {
	e.values = e.values[:0]
	e.nonFinite = 0
	e.sorted = false
}

// N is the number of finite values added.
func (e *Exact) N() uint64 { return uint64(len(e.values)) }

// NonFinite is the number of NaN and ±Inf values seen and left out.
func (e *Exact) NonFinite() uint64 { return e.nonFinite }

// Quantile returns the type-7 quantile of probability p. It sorts the
// stored values in place (once; later merges append after them).
func (e *Exact) Quantile(p float64) (float64, error) {
	var q [1]float64
	err := e.Quantiles([]float64{p}, q[:])
	return q[0], err
}

// Quantiles sets dst[i] to the type-7 quantile of probability ps[i].
func (e *Exact) Quantiles(ps, dst []float64) error {
	if !e.sorted {
		slices.Sort(e.values)
		e.sorted = true
	}
	return quantiles7(e.N(), ps, dst, func(ranks []uint64, out []float64, _ uint64) {
		for j, k := range ranks {
			out[j] = e.values[k]
		}
	})
}

// sort puts the values in increasing order (a canonical form).
func (e *Exact) sort() {
	if !e.sorted {
		slices.Sort(e.values)
		e.sorted = true
	}
}
