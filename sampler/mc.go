package sampler

import "math"

// MC is a plain Monte Carlo design: independent uniform coordinates in (0, 1).
//
// Coordinate j of point i is output number n = i·Dim + j of the SplitMix64
// generator (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
// generators", OOPSLA '14; java.util.SplittableRandom) started at the key
// k = Derive(seed, "sampler.MC", 0):
//
//	x_n = mix(k + (n + 1)·γ),  γ = 0x9E3779B97F4A7C15,
//	mix(z) = z₃ with z₁ = (z ⊕ z>>30)·0xBF58476D1CE4E5B9,
//	         z₂ = (z₁ ⊕ z₁>>27)·0x94D049BB133111EB, z₃ = z₂ ⊕ z₂>>31,
//
// mapped to (2m + 1)/2^53 as in Uniform. Output n is a pure function of n
// (the generator is counter-based), so any point can be computed directly
// and every split of the work gives the same values, while the values read
// in the order n = 0, 1, 2, … are exactly the SplitMix64 sequence, which
// passes BigCrush. It costs two multiplications per coordinate, a fifth of
// the Philox4x32-10 block per coordinate pair it replaces, so that the design
// costs little beside the model (the Sobol' design is cheaper still). Two
// seeds give overlapping streams only if their keys fall within N·Dim steps
// of γ of each other: probability about N·Dim/2^63 per pair of seeds.
type MC struct {
	dim int
	key uint64
}

// splitMixGamma is SplitMix64's increment, 2^64/φ rounded to odd.
const splitMixGamma = 0x9E3779B97F4A7C15

// NewMC returns the Monte Carlo design of dimension dim keyed by seed.
// A negative dim is taken as 0.
func NewMC(seed uint64, dim int) Design {
	return &MC{dim: max(dim, 0), key: Derive(seed, "sampler.MC", 0)}
}

// Dim returns the number of coordinates of a point.
func (m *MC) Dim() int { return m.dim }

// Fill writes u[j][s] = coordinate j of point start+s. Rows of u beyond Dim
// are set to NaN.
func (m *MC) Fill(start uint64, u [][]float64) {
	nanRows(u, m.dim)
	dim := uint64(m.dim)
	step := dim * splitMixGamma
	for j := range min(len(u), m.dim) {
		z := m.key + (start*dim+uint64(j)+1)*splitMixGamma
		col := u[j]
		for s := range col {
			x := z
			x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
			x = (x ^ x>>27) * 0x94D049BB133111EB
			x ^= x >> 31
			col[s] = float64(int64(x>>11|1)) * 0x1p-53
			z += step
		}
	}
}

// splitMix64 returns output n of the SplitMix64 stream started at key (see MC).
func splitMix64(key, n uint64) uint64 {
	x := key + (n+1)*splitMixGamma
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
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
