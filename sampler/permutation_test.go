package sampler

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestPermutationIsBijection(t *testing.T) {
	sizes := []uint64{65537, 1 << 16, 100003}
	for n := uint64(1); n <= 300; n++ {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		p := newPermutation(n, 3, n)
		// The network alone permutes its whole domain [0, a·2^h) …
		size := p.a << p.h
		if size < n || size >= n+1<<p.h {
			t.Fatalf("n=%d: domain a·2^h = %d·2^%d, want in [n, n+2^h)", n, p.a, p.h)
		}
		seen := make([]bool, size)
		for x := uint64(0); x < size; x++ {
			y := p.network(x)
			if y >= size || seen[y] {
				t.Fatalf("n=%d: network(%d) = %d repeats or leaves [0, %d)", n, x, y, size)
			}
			seen[y] = true
		}
		// … and cycle walking restricts it to [0, n).
		clear(seen)
		for i := uint64(0); i < n; i++ {
			y := p.at(i)
			if y >= n || seen[y] {
				t.Fatalf("n=%d: π(%d) = %d repeats or leaves [0, %d)", n, i, y, n)
			}
			seen[y] = true
		}
	}
}

// Over keys, (π(0), π(1)) is uniform on the n(n−1) ordered pairs of distinct
// values, as for a uniformly random permutation: chi-square test at level
// 1e-4. Small and awkward n are the hard case for a Feistel network.
func TestPermutationPairsUniform(t *testing.T) {
	const keys = 50000
	for _, n := range []uint64{4, 10, 37} {
		counts := make([]float64, n*n)
		for s := uint64(0); s < keys; s++ {
			p := newPermutation(n, s, 7)
			counts[p.at(0)*n+p.at(1)]++
		}
		cells := float64(n * (n - 1))
		want := keys / cells
		chi2 := 0.0
		for a := uint64(0); a < n; a++ {
			for b := uint64(0); b < n; b++ {
				if a != b {
					d := counts[a*n+b] - want
					chi2 += d * d / want
				}
			}
		}
		if limit := (distuv.ChiSquared{K: cells - 1}).Quantile(1 - 1e-4); chi2 > limit {
			t.Errorf("n=%d: chi-square of (π(0), π(1)) over %d keys = %.1f, above %.1f (%v degrees of freedom)", n, keys, chi2, limit, cells-1)
		}
	}
}

// The domain of the network stays within uint64 for the largest n.
func TestPermutationHugeN(t *testing.T) {
	for _, n := range []uint64{1<<63 + 1, math.MaxUint64} {
		p := newPermutation(n, 1, 2)
		// a·2^h ≥ n, computed without overflow, and a·2^h ≤ 2^64.
		if p.h != 32 || p.a > 1<<32 || (p.a-1)<<p.h >= n || p.a<<p.h-1 < n-1 {
			t.Errorf("n=%d: a=%d, h=%d: domain does not cover [0, n) within uint64", n, p.a, p.h)
		}
		for _, i := range []uint64{0, n / 2, n - 1} {
			if y := p.at(i); y >= n {
				t.Errorf("n=%d: π(%d) = %d", n, i, y)
			}
		}
	}
}

func BenchmarkPermutation(b *testing.B) {
	p := newPermutation(1<<20+7, 1, 2)
	var acc uint64
	for i := uint64(0); b.Loop(); i++ {
		acc += p.at(i % p.n)
	}
	sinkU = acc
}

var sinkU uint64
