package bands

import (
	"fmt"
	"math"
	"slices"
)

// type7 locates the type-7 quantile of probability p among n sorted values
// (Hyndman & Fan 1996, "Sample quantiles in statistical packages", Am. Stat.
// 50(4):361–365, definition 7; R's and NumPy's default): h = (n−1)·p, and the
// quantile is x₍ₖ₎ + w·(x₍ₖ₊₁₎ − x₍ₖ₎) with k = ⌊h⌋, w = h − k, ranks from 0.
func type7(n uint64, p float64) (k uint64, w float64) {
	h := float64(n-1) * p
	fk := math.Floor(h)
	k, w = uint64(fk), h-fk
	if k >= n-1 {
		return n - 1, 0
	}
	return k, w
}

// lerp returns a + w·(b − a) as NumPy's quantile does: from the nearer end,
// so that w = 1 gives b exactly and the result is monotone in w.
func lerp(a, b, w float64) float64 {
	if w == 0 {
		return a
	}
	d := b - a
	if w < 0.5 {
		return a + float64(d*w)
	}
	return b - float64(d*(1-w))
}

// quantiles7 sets dst[i] to the type-7 quantile of probability ps[i] of n
// values, whose order statistics at supplies: at(ranks, out, n) sets out[j]
// to the value of rank ranks[j], for increasing ranks below n.
func quantiles7(n uint64, ps, dst []float64, at func(ranks []uint64, out []float64, n uint64)) error {
	if len(dst) < len(ps) {
		return fmt.Errorf("bands: %d quantiles asked into %d places", len(ps), len(dst))
	}
	if n == 0 {
		return fmt.Errorf("bands: quantile of no values")
	}
	ranks := make([]uint64, 0, 2*len(ps))
	for _, p := range ps {
		if !(p >= 0 && p <= 1) {
			return fmt.Errorf("bands: quantile probability %v, want 0 ≤ p ≤ 1", p)
		}
		k, w := type7(n, p)
		ranks = append(ranks, k)
		if w > 0 {
			ranks = append(ranks, k+1)
		}
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	vals := make([]float64, len(ranks))
	at(ranks, vals, n)
	val := func(k uint64) float64 {
		j, _ := slices.BinarySearch(ranks, k)
		return vals[j]
	}
	for i, p := range ps {
		k, w := type7(n, p)
		if w == 0 {
			dst[i] = val(k)
		} else {
			dst[i] = lerp(val(k), val(k+1), w)
		}
	}
	return nil
}
