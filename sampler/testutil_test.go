package sampler

import "math"

// sentinelColumns returns dim columns of n values, filled with a sentinel so that
// unwritten entries show.
func sentinelColumns(dim, n int) [][]float64 {
	u := make([][]float64, dim)
	for j := range u {
		u[j] = make([]float64, n)
		for s := range u[j] {
			u[j][s] = -1
		}
	}
	return u
}

// exactStratum returns ⌊u·n⌋ computed exactly (n ≤ 2^53): the product is
// p + e with p the rounded product and e its exact error.
func exactStratum(u float64, n uint64) int64 {
	fn := float64(n)
	p := u * fn
	e := math.FMA(u, fn, -p)
	k := math.Floor(p)
	if p == k && e < 0 {
		k--
	}
	return int64(k)
}

// pearson returns Pearson's correlation coefficient of x and y.
func pearson(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}
