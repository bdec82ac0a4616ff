package sampler

import "math"

// MC is a plain Monte Carlo design: independent uniform coordinates in (0, 1).
//
// Coordinates 2c and 2c+1 of point i come from one Philox4x32-10 block with
// key Derive(seed, "sampler.MC", 0) and counter (lo32(i), hi32(i), lo32(c),
// hi32(c)): words 0–1 give coordinate 2c and words 2–3 coordinate 2c+1, each
// mapped to (2m + 1)/2^53 as in Uniform. Coordinate 2c of point i thus equals
// Uniform(Derive(seed, "sampler.MC", 0), c, i).
type MC struct {
	dim    int
	k0, k1 uint32
}

// NewMC returns the Monte Carlo design of dimension dim keyed by seed.
// A negative dim is taken as 0.
func NewMC(seed uint64, dim int) Design {
	k := Derive(seed, "sampler.MC", 0)
	return &MC{dim: max(dim, 0), k0: uint32(k), k1: uint32(k >> 32)}
}

// Dim returns the number of coordinates of a point.
func (m *MC) Dim() int { return m.dim }

// Fill writes u[j][s] = coordinate j of point start+s. Rows of u beyond Dim
// are set to NaN.
func (m *MC) Fill(start uint64, u [][]float64) {
	nanRows(u, m.dim)
	d := min(len(u), m.dim)
	for j := 0; j < d; j += 2 {
		var b []float64
		if j+1 < d {
			b = u[j+1]
		}
		fillUniformPair(start, uint64(j/2), m.k0, m.k1, u[j], b)
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

// nanRows sets the rows of u from dim on to NaN: they ask for coordinates
// the design does not have.
func nanRows(u [][]float64, dim int) {
	for j := dim; j < len(u); j++ {
		for s := range u[j] {
			u[j][s] = math.NaN()
		}
	}
}
