package sampler

import (
	"math"
	"math/bits"
)

// Sobol is a 32-bit Sobol' sequence (Sobol' 1967) with the direction numbers
// of Joe & Kuo (2008), optionally scrambled.
//
// Points come in Gray-code order (Antonov & Saleev 1979), as in SciPy's
// qmc.Sobol: point n is the XOR of the direction numbers v_k of the set bits k
// of the Gray code g = n ⊕ (n >> 1), so point n follows from point n−1 by one
// XOR with v_{ctz(n)}. Any point can be computed directly, which is how Fill
// starts a batch anywhere. The first 2^m points are the same set as in
// natural order.
//
// Scrambling (NewScrambledSobol) is Matoušek's (1998) linear matrix scrambling
// with a random digital shift, as in SciPy and Owen (2003): for each
// dimension, a random lower-triangular binary matrix L with unit diagonal
// (digit i of the output depends on digits 1…i of the input, most significant
// first) multiplies every direction number, and a random 32-bit shift e is
// XORed into every point: x ↦ Lx ⊕ e. This keeps the (t, m, s)-net structure,
// so every elementary interval still holds its share of points, and makes
// each point uniform on the unit cube. Scrambled coordinates are the midpoints
// (x + ½)/2^32, never 0 or 1; unscrambled ones are x/2^32 exactly, point 0
// being the origin.
//
// The direction numbers are copyright (c) 2008 Frances Y. Kuo and Stephen Joe,
// redistributed under the BSD-style licence in JOE-KUO-NOTICE.txt.
//
// References: I. M. Sobol', USSR Comput. Math. Math. Phys. 7(4), 86–112 (1967);
// S. Joe and F. Y. Kuo, SIAM J. Sci. Comput. 30, 2635–2654 (2008);
// J. Matoušek, J. Complexity 14, 527–556 (1998); A. B. Owen, "Variance with
// alternative scramblings of digital nets", ACM TOMACS 13, 363–378 (2003).
type Sobol struct {
	v      [][sobolBits]uint32 // direction numbers, scrambled if scrambled
	shift  []uint32            // digital shift per dimension
	offset float64             // added to x/2^32: 0, or 2^-33 for midpoints
}

// SobolLen is the number of points of a 32-bit Sobol' sequence.
const SobolLen = 1 << sobolBits

// NewSobol returns the unscrambled Sobol' sequence of dimension dim, point 0
// being the origin. It is deterministic and meant for tests and reference
// values: its points include 0, which is not in the open unit cube.
func NewSobol(dim int) (*Sobol, error) {
	v, err := directionNumbers(dim)
	if err != nil {
		return nil, err
	}
	return &Sobol{v: v, shift: make([]uint32, dim)}, nil
}

// NewScrambledSobol returns the Sobol' sequence of dimension dim scrambled by
// a linear matrix scramble and a digital shift keyed by seed. The 33 random
// words of dimension j (L's 32 columns, then e) are Philox outputs with key
// Derive(seed, "sampler.Sobol", 0) and counter (lo32(j), hi32(j), c, 0),
// c = 0…8, read in order.
func NewScrambledSobol(dim int, seed uint64) (*Sobol, error) {
	v, err := directionNumbers(dim)
	if err != nil {
		return nil, err
	}
	key := Derive(seed, "sampler.Sobol", 0)
	k0, k1 := uint32(key), uint32(key>>32)
	shift := make([]uint32, dim)
	for j := range v {
		var r [36]uint32
		for c := range 9 {
			b := philox(uint32(j), uint32(uint64(j)>>32), uint32(c), 0, k0, k1)
			copy(r[4*c:], b[:])
		}
		// Column p of L (input bit p, bit 31 the most significant digit)
		// has a one at p and random bits below it: an input digit only
		// reaches output digits of equal or lower significance.
		var col [sobolBits]uint32
		for p := range col {
			col[p] = 1<<p | r[p]&(1<<p-1)
		}
		for k, x := range v[j] {
			var y uint32
			for ; x != 0; x &= x - 1 {
				y ^= col[bits.TrailingZeros32(x)]
			}
			v[j][k] = y
		}
		shift[j] = r[sobolBits]
	}
	return &Sobol{v: v, shift: shift, offset: 0x1p-33}, nil
}

// Dim returns the number of coordinates of a point.
func (q *Sobol) Dim() int { return len(q.v) }

// Len returns the number of points, 2^32.
func (q *Sobol) Len() uint64 { return SobolLen }

// Fill writes u[j][s] = coordinate j of point start+s. Points at index ≥ 2^32
// and rows of u beyond Dim are written as NaN.
//
// Point n follows from point n−1 by an XOR with the direction number
// v_{ctz(n)}; ctz(n) is the same in every dimension, so when the columns
// have one length it is computed once per point for a run of points and
// used by every column.
func (q *Sobol) Fill(start uint64, u [][]float64) {
	nanRows(u, len(q.v))
	dims := min(len(u), len(q.v))
	if dims == 0 {
		return
	}
	x := make([]uint32, dims) // current point, one 32-bit word per coordinate
	for j := range dims {
		if len(u[j]) != len(u[0]) { // columns of different lengths: one at a time
			for j := range dims {
				q.fill(start, u[j:j+1], x[j:j+1], j)
			}
			return
		}
	}
	q.fill(start, u[:dims], x, 0)
}

// fillRun is the number of points whose direction-number indices fill
// computes at a time.
const fillRun = 256

// fill writes coordinates j0, j0+1, … of points start, start+1, … into the
// columns of u, all of one length, keeping the current points in x.
func (q *Sobol) fill(start uint64, u [][]float64, x []uint32, j0 int) {
	n := len(u[0])
	if start >= SobolLen {
		n = 0
	} else if uint64(n) > SobolLen-start {
		n = int(SobolLen - start)
	}
	for _, col := range u {
		for s := n; s < len(col); s++ {
			col[s] = math.NaN()
		}
	}
	if n == 0 {
		return
	}
	off := q.offset
	for j := range u {
		v := &q.v[j0+j]
		x[j] = q.shift[j0+j]
		for g := uint32(start ^ start>>1); g != 0; g &= g - 1 {
			x[j] ^= v[bits.TrailingZeros32(g)]
		}
		u[j][0] = float64(x[j])*0x1p-32 + off
	}
	i := uint32(start) // point start+s has index i+s < 2^32
	var tz [fillRun]uint8
	for s0 := 1; s0 < n; s0 += fillRun {
		run := tz[:min(fillRun, n-s0)]
		for k := range run {
			run[k] = uint8(bits.TrailingZeros32(i+uint32(s0+k)) & (sobolBits - 1))
		}
		// Two columns at a time: one read of each direction-number index
		// serves both.
		j := 0
		for ; j+2 <= len(u); j += 2 {
			v0, v1 := &q.v[j0+j], &q.v[j0+j+1]
			x0, x1 := x[j], x[j+1]
			col0, col1 := u[j][s0:][:len(run)], u[j+1][s0:][:len(run)]
			for k, c := range run {
				c &= sobolBits - 1
				x0 ^= v0[c]
				x1 ^= v1[c]
				col0[k] = float64(x0)*0x1p-32 + off
				col1[k] = float64(x1)*0x1p-32 + off
			}
			x[j], x[j+1] = x0, x1
		}
		for ; j < len(u); j++ {
			v := &q.v[j0+j]
			xj := x[j]
			col := u[j][s0:][:len(run)]
			for k, c := range run {
				xj ^= v[c&(sobolBits-1)]
				col[k] = float64(xj)*0x1p-32 + off
			}
			x[j] = xj
		}
	}
}
