package sampler

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Every coordinate of an n-point Latin hypercube has exactly one point in each
// stratum [k/n, (k+1)/n), whatever batches the points are filled in.
func TestLHSOnePointPerStratum(t *testing.T) {
	const dim = 5
	for _, n := range []uint64{1, 2, 3, 1000, 1024, 997, 4099} {
		for _, seed := range []uint64{0, 1, 12345} {
			d := NewLHS(seed, n, dim)
			u := sentinelColumns(dim, int(n))
			// Fill in uneven batches to exercise random access.
			rng := rand.New(rand.NewPCG(seed, n))
			for s := 0; s < int(n); {
				m := min(int(n)-s, 1+rng.IntN(300))
				part := make([][]float64, dim)
				for j := range part {
					part[j] = u[j][s : s+m]
				}
				d.Fill(uint64(s), part)
				s += m
			}
			for j := range u {
				seen := make([]bool, n)
				for s, x := range u[j] {
					if !(x > 0 && x < 1) {
						t.Fatalf("n=%d seed=%d: u[%d][%d] = %v, outside (0, 1)", n, seed, j, s, x)
					}
					k := exactStratum(x, n)
					if seen[k] {
						t.Fatalf("n=%d seed=%d: coordinate %d has two points in stratum %d", n, seed, j, k)
					}
					seen[k] = true
				}
			}
		}
	}
}

// The strata of different coordinates, and of one coordinate along the point
// index, are uncorrelated, as for independent random permutations
// (sd of a correlation ≈ 1/√n).
func TestLHSPermutationsLookRandom(t *testing.T) {
	const n, dim = 4096, 6
	u := sentinelColumns(dim, n)
	NewLHS(77, n, dim).Fill(0, u)
	index := make([]float64, n)
	for i := range index {
		index[i] = float64(i)
	}
	limit := 5 / math.Sqrt(n)
	for j := range u {
		if r := pearson(u[j], index); math.Abs(r) > limit {
			t.Errorf("correlation of coordinate %d with the point index = %v", j, r)
		}
		if r := pearson(u[j][1:], u[j][:n-1]); math.Abs(r) > limit {
			t.Errorf("lag-1 correlation of coordinate %d = %v", j, r)
		}
		for k := j + 1; k < dim; k++ {
			if r := pearson(u[j], u[k]); math.Abs(r) > limit {
				t.Errorf("correlation of coordinates %d and %d = %v", j, k, r)
			}
		}
	}
}

func TestLHSSeedsAndCoordinatesDiffer(t *testing.T) {
	const n = 512
	a, b := sentinelColumns(2, n), sentinelColumns(2, n)
	NewLHS(1, n, 2).Fill(0, a)
	NewLHS(2, n, 2).Fill(0, b)
	sameStrata := func(x, y []float64) int {
		c := 0
		for s := range x {
			if exactStratum(x[s], n) == exactStratum(y[s], n) {
				c++
			}
		}
		return c
	}
	// Two independent permutations agree on about one point.
	if c := sameStrata(a[0], b[0]); c > 10 {
		t.Errorf("seeds 1 and 2 put %d of %d points in the same stratum", c, n)
	}
	if c := sameStrata(a[0], a[1]); c > 10 {
		t.Errorf("coordinates 0 and 1 put %d of %d points in the same stratum", c, n)
	}
}

func TestLHSOutOfRange(t *testing.T) {
	d := NewLHS(1, 10, 3)
	u := sentinelColumns(4, 5)
	d.Fill(8, u)
	for j := range u {
		for s, x := range u[j] {
			if valid := j < 3 && s < 2; valid == math.IsNaN(x) {
				t.Errorf("u[%d][%d] of points 8…12 of 10 = %v", j, s, x)
			}
		}
	}
	if err := CheckRange(d, 0, 10); err != nil {
		t.Errorf("CheckRange(points 0…9 of 10): %v", err)
	}
	if err := CheckRange(d, 8, 5); err == nil {
		t.Error("CheckRange(points 8…12 of 10) = nil, want an error")
	}
	if err := CheckRange(NewLHS(1, 0, 2), 0, 1); err == nil {
		t.Error("CheckRange on an empty hypercube = nil, want an error")
	}
}

// Very large n: every point is in (0, 1) and, as long as float64 resolves the
// strata (n ≤ 2^52), in the stratum its permutation says.
func TestLHSLargeN(t *testing.T) {
	for _, n := range []uint64{1<<40 + 1, 1 << 50, 1<<50 + 1, 1<<51 + 5, 1 << 52, 1<<52 + 3, 1 << 62, math.MaxUint64} {
		d := NewLHS(5, n, 2).(*LHS)
		for _, start := range []uint64{0, n / 3, n - 64} {
			u := sentinelColumns(2, 64)
			d.Fill(start, u)
			for j := range u {
				for s, x := range u[j] {
					if !(x > 0 && x < 1) {
						t.Fatalf("n=%d: u[%d][%d] = %v, outside (0, 1)", n, j, s, x)
					}
					if n > 1<<52 {
						continue
					}
					if k, want := exactStratum(x, n), d.perms[j].at(start+uint64(s)); uint64(k) != want {
						t.Fatalf("n=%d: point %d, coordinate %d in stratum %d, want π = %d", n, start+uint64(s), j, k, want)
					}
				}
			}
		}
	}
}

func BenchmarkLHSFill(b *testing.B) { benchmarkFill(b, NewLHS(1, 1<<20+7, 16)) }

func BenchmarkLHSFillPow2(b *testing.B) { benchmarkFill(b, NewLHS(1, 1<<20, 16)) }
