package sampler

import "math/bits"

// permRounds is the number of Feistel rounds of a permutation. Four rounds
// of random functions suffice for few queries on a large domain (Luby &
// Rackoff 1988), but a Latin hypercube queries every point of a domain that
// may be small: with 6 or 8 rounds the pairs (π(0), π(1)) of permutations of
// 10 or 37 points were visibly non-uniform over keys, with 12 they are not
// (TestPermutationPairsUniform).
const permRounds = 12

// permutation is a keyed pseudo-random permutation of [0, n) evaluated point
// by point in O(1) time and memory.
//
// It is a Feistel network on the mixed-radix domain [0, a) × [0, 2^h)
// (Black & Rogaway 2002, "Ciphers with arbitrary finite domains", method FE2),
// x = L·2^h + R, with h = ⌊w/2⌋, w the bit length of n−1, and a = ⌈n/2^h⌉,
// so that a·2^h < n + 2^h. A round maps (L, R) to (R, (L + F(R)) mod m), m
// being the range of L, which is a bijection whatever F; the shape of the
// state alternates between a × 2^h and 2^h × a, and an even number of rounds
// restores it. Cycle walking (Black & Rogaway 2002) applies the network again
// while the value is ≥ n, which restricts it to a permutation of [0, n);
// that happens for a fraction below 1/a < 2/√n of the points, so the
// walk is nearly free, unlike on the next power of two.
//
// F is multiply-shift hashing (Dietzfelbinger et al. 1997): the top bits of
// (R ⊕ k0)·k1 for random 64-bit k0 and odd k1, reduced to [0, a) by
// Lemire's multiply-high (2019) and to [0, 2^h) by keeping h bits.
type permutation struct {
	n    uint64
	a    uint64 // range of the high part
	h    uint   // bits of the low part
	keys [permRounds][2]uint64
}

// newPermutation returns the permutation of [0, n) with round keys
// Uint64(seed, stream, 0…2·permRounds−1) (k1 made odd).
func newPermutation(n, seed, stream uint64) permutation {
	p := permutation{n: n, a: 1}
	if n > 1 {
		w := uint(bits.Len64(n - 1))
		p.h = w / 2
		p.a = (n-1)>>p.h + 1 // ⌈n/2^h⌉ without overflow
	}
	for r := range p.keys {
		p.keys[r] = [2]uint64{Uint64(seed, stream, uint64(2*r)), Uint64(seed, stream, uint64(2*r+1)) | 1}
	}
	return p
}

// at returns π(i) for i < n.
func (p *permutation) at(i uint64) uint64 {
	for {
		i = p.network(i)
		if i < p.n {
			return i
		}
	}
}

// network applies the Feistel network to x < a·2^h.
func (p *permutation) network(x uint64) uint64 {
	h := p.h & 63 // masked: Go then needs no check for shifts ≥ 64
	mask := uint64(1)<<h - 1
	drop := (64 - h) & 63 // h = 0 gives drop 0, harmless under mask 0
	a := p.a
	left, right := x>>h, x&mask // left < a, right < 2^h
	for r := 0; r+1 < permRounds; r += 2 {
		k := &p.keys[r]
		f, _ := bits.Mul64((right^k[0])*k[1], a)
		left += f
		if left >= a {
			left -= a
		}
		left, right = right, left // left < 2^h, right < a
		k = &p.keys[r+1]
		left = (left + ((right^k[0])*k[1])>>drop) & mask
		left, right = right, left // left < a, right < 2^h
	}
	return left<<h | right
}
