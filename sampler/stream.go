package sampler

import "math"

// Counter-based random streams.
//
// Every draw is one Philox4x32-10 block, a pure function of (seed, stream,
// index), so draws can be made in any order, by any worker, and agree:
//
//	key     = (lo32(seed), hi32(seed))
//	counter = (lo32(index), hi32(index), lo32(stream), hi32(stream))
//
// The block has four output words. Uint64, Uniform and Poisson1 read words
// 0 and 1 (word 0 is the low half); Derive reads words 2 and 3. Draws of the
// same (seed, stream, index) through Uint64, Uniform and Poisson1 are
// therefore the same draw: give independent uses different streams.

// Uint64 returns a uniformly distributed 64-bit word for (seed, stream, index).
func Uint64(seed, stream, index uint64) uint64 {
	r := philox(uint32(index), uint32(index>>32), uint32(stream), uint32(stream>>32),
		uint32(seed), uint32(seed>>32))
	return uint64(r[0]) | uint64(r[1])<<32
}

// Uniform returns a uniform draw in the open interval (0, 1) for
// (seed, stream, index). It is u = (2m + 1)/2^53 with m the top 52 bits of
// Uint64: the 2^52 midpoints of a grid of step 2^-52, so u is symmetric about
// 1/2, never 0 or 1, and both 2m+1 and the product are exact in float64.
func Uniform(seed, stream, index uint64) float64 {
	return open53(Uint64(seed, stream, index))
}

// open53 maps a random word to (2m + 1)/2^53, m = x >> 12, exactly.
func open53(x uint64) float64 {
	return float64(int64(x>>11|1)) * 0x1p-53
}

// Poisson1 returns a Poisson(1) draw for (seed, stream, index), by inversion
// of Uniform(seed, stream, index). Each weight of a Poisson bootstrap is one
// such draw (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating
// uncertainty for massive data streams").
func Poisson1(seed, stream, index uint64) int {
	return poisson1Inv(Uniform(seed, stream, index))
}

// poisson1CDF[k] = P(X ≤ k) for X ~ Poisson(1), summed from the pmf
// e^-1/k!. The last entry is 1, so inversion of any u < 1 stops there;
// P(X > 18) ≈ 3e-18 is far below the 2^-53 resolution of Uniform.
var poisson1CDF = func() [19]float64 {
	var c [19]float64
	p, sum := math.Exp(-1), 0.0
	for k := range c {
		if k > 0 {
			p /= float64(k)
		}
		sum += p
		c[k] = sum
	}
	c[len(c)-1] = 1
	return c
}()

// poisson1Inv returns the smallest k with u < P(X ≤ k), X ~ Poisson(1).
func poisson1Inv(u float64) int {
	k := 0
	for k < len(poisson1CDF)-1 && u >= poisson1CDF[k] {
		k++
	}
	return k
}

// Derive returns a sub-seed for use i of label under seed, e.g.
// Derive(seed, "sobol-replicate", r) for the r-th randomised replicate.
// Different labels or i give statistically independent sub-seeds; the label
// enters through its 64-bit FNV-1a hash as the stream.
func Derive(seed uint64, label string, i uint64) uint64 {
	h := fnv1a64(label)
	r := philox(uint32(i), uint32(i>>32), uint32(h), uint32(h>>32),
		uint32(seed), uint32(seed>>32))
	return uint64(r[2]) | uint64(r[3])<<32
}

// fnv1a64 is the 64-bit FNV-1a hash (Fowler, Noll, Vo).
func fnv1a64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
