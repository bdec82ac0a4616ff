package sampler

import (
	"math"
	"math/bits"
)

// LHS is a Latin hypercube design of n points (McKay, Beckman & Conover 1979):
//
//	u_ij = (π_j(i) + U_ij) / n,
//
// with π_j a pseudo-random permutation of [0, n) for each coordinate j and
// U_ij uniform in (0, 1), so every coordinate puts exactly one point in each
// stratum [k/n, (k+1)/n).
//
// π_j is computed on the fly, in O(1) memory and for any i independently, by
// a keyed Feistel network on a domain just above n with cycle walking (see
// permutation); the round keys of coordinate j are
// Uint64(Derive(seed, "sampler.LHS.perm", 0), j, r).
//
// The jitters U_ij come from Philox4x32-10 (fillUniformPair), with key
// Derive(seed, "sampler.LHS.jitter", 0), rounded to the odd multiples of
// 2^(b−51), b the bit length of n−1: then π_j(i) + U_ij is exact in float64,
// and u_ij, computed by a multiplication with 1/n, stays strictly inside its
// stratum (as a real number), with about 51 significant bits in all. For
// n > 2^50 that margin is out of reach: U_ij is rounded to 2^(b−53) and u_ij
// computed by division and kept below 1; for n > 2^52 float64 cannot resolve
// the strata and U_ij is 1/2.
type LHS struct {
	n      uint64
	dim    int
	width  uint    // b, the bit length of n−1
	jshift uint    // the jitter keeps the top 53−jshift of its 53 random bits
	jscale float64 // 2^(jshift−53)
	exact  bool    // b ≤ 50: u_ij may be computed with 1/n
	k0, k1 uint32
	perms  []permutation // π_j
}

// NewLHS returns the Latin hypercube of n points in dimension dim keyed by
// seed. A negative dim is taken as 0; with n = 0 there are no points and Fill
// writes NaN (CheckRange reports it).
func NewLHS(seed uint64, n uint64, dim int) Design {
	dim = max(dim, 0)
	jk := Derive(seed, "sampler.LHS.jitter", 0)
	pk := Derive(seed, "sampler.LHS.perm", 0)
	l := &LHS{n: n, dim: dim, k0: uint32(jk), k1: uint32(jk >> 32), perms: make([]permutation, dim)}
	if n > 1 {
		l.width = uint(bits.Len64(n - 1))
	}
	switch {
	case l.width <= 50:
		l.jshift, l.exact = l.width+2, true
	case l.width <= 52:
		l.jshift = l.width
	default:
		l.jshift = 52 // t = 1: U = 1/2
	}
	l.jscale = math.Ldexp(1, int(l.jshift)-53)
	for j := range l.perms {
		l.perms[j] = newPermutation(n, pk, uint64(j))
	}
	return l
}

// Dim returns the number of coordinates of a point.
func (l *LHS) Dim() int { return l.dim }

// Len returns the number of points n.
func (l *LHS) Len() uint64 { return l.n }

// Fill writes u[j][s] = coordinate j of point start+s; points at index ≥ n
// and rows of u beyond Dim are written as NaN.
func (l *LHS) Fill(start uint64, u [][]float64) {
	nanRows(u, l.dim)
	d := min(len(u), l.dim)
	// Points start+s for s < valid exist.
	valid := 0
	if start < l.n {
		valid = int(min(l.n-start, uint64(math.MaxInt)))
	}
	for j := 0; j < d; j += 2 {
		a := u[j][:min(len(u[j]), valid)]
		var b []float64
		if j+1 < d {
			b = u[j+1][:min(len(u[j+1]), valid)]
		}
		// Jitters first, with the Monte Carlo generator: U = (2m+1)/2^53
		// holds its 53 random bits exactly.
		fillUniformPair(start, uint64(j/2), l.k0, l.k1, a, b)
		l.stratify(start, a, &l.perms[j])
		if j+1 < d {
			l.stratify(start, b, &l.perms[j+1])
		}
	}
	for j := range d {
		for s := valid; s < len(u[j]); s++ {
			u[j][s] = math.NaN()
		}
	}
}

// stratify turns the jitters in col into (π(i) + U)/n for points
// i = start+s, U = t·2^(jshift−53) with t = (x >> jshift) | 1 odd and x the
// 53 random bits of the jitter.
func (l *LHS) stratify(start uint64, col []float64, perm *permutation) {
	if l.exact {
		// float64(p) + U is exact and its rounded product with the rounded
		// 1/n is off by less than 2^-52, half the distance ≥ 2^-51 from the
		// exact quotient to either edge of the stratum.
		inv := 1 / float64(l.n)
		for s, x := range col {
			p := perm.at(start + uint64(s))
			// Through int64: exact here (values < 2^53), and cheaper.
			t := uint64(int64(x*0x1p53))>>l.jshift | 1
			col[s] = (float64(int64(p)) + float64(int64(t))*l.jscale) * inv
		}
		return
	}
	n := float64(l.n)
	for s, x := range col {
		p := perm.at(start + uint64(s))
		t := uint64(x*0x1p53)>>l.jshift | 1
		v := (float64(p) + float64(t)*l.jscale) / n
		if v >= 1 { // n > 2^52: p + U rounded up to n
			v = math.Nextafter(1, 0)
		}
		col[s] = v
	}
}

// fillUniformPair writes a[s] and b[s] from words 0–1 and 2–3 of the Philox
// block with counter (start+s, c) and key (k0, k1), mapped as open53.
func fillUniformPair(start, c uint64, k0, k1 uint32, a, b []float64) {
	n := min(len(a), len(b))
	a2, b2 := a[:n], b[:n]
	c0, c1 := uint32(c), uint32(c>>32)
	for s := range a2 {
		i := start + uint64(s)
		// Philox4x32-10 written out, so that the state stays in registers:
		// this loop is the cost of a Monte Carlo design.
		x0, x1, x2, x3 := uint32(i), uint32(i>>32), c0, c1
		y0, y1 := k0, k1
		for range 10 {
			p0 := uint64(philoxM0) * uint64(x0)
			p1 := uint64(philoxM1) * uint64(x2)
			x0, x1, x2, x3 = uint32(p1>>32)^x1^y0, uint32(p1), uint32(p0>>32)^x3^y1, uint32(p0)
			y0 += philoxW0
			y1 += philoxW1
		}
		a2[s] = float64(int64(uint64(x0)>>11|uint64(x1)<<21|1)) * 0x1p-53
		b2[s] = float64(int64(uint64(x2)>>11|uint64(x3)<<21|1)) * 0x1p-53
	}
	// Columns of unequal length: finish the longer one alone.
	for s := n; s < len(a); s++ {
		i := start + uint64(s)
		r := philox(uint32(i), uint32(i>>32), c0, c1, k0, k1)
		a[s] = float64(int64(uint64(r[0])>>11|uint64(r[1])<<21|1)) * 0x1p-53
	}
	for s := n; s < len(b); s++ {
		i := start + uint64(s)
		r := philox(uint32(i), uint32(i>>32), c0, c1, k0, k1)
		b[s] = float64(int64(uint64(r[2])>>11|uint64(r[3])<<21|1)) * 0x1p-53
	}
}
