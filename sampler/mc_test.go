package sampler

import (
	"fmt"
	"math"
	"testing"
)

var (
	_ Design = (*MC)(nil)
	_ Design = (*LHS)(nil)
	_ Design = (*Sobol)(nil)
)

func TestMCRangeAndLattice(t *testing.T) {
	d := NewMC(1, 7)
	u := sentinelColumns(7, 5000)
	d.Fill(1<<40, u)
	for j := range u {
		for s, x := range u[j] {
			if !(x > 0 && x < 1) {
				t.Fatalf("u[%d][%d] = %v, outside (0, 1)", j, s, x)
			}
			if m := x * 0x1p53; m != math.Trunc(m) || math.Mod(m, 2) != 1 {
				t.Fatalf("u[%d][%d] = %v is not an odd multiple of 2^-53", j, s, x)
			}
		}
	}
}

// The layout documented on MC: coordinate j of point i is output i·Dim + j
// of SplitMix64 started at Derive(seed, "sampler.MC", 0), whose first
// outputs from seed 0 are the published ones (Vigna's splitmix64.c).
func TestMCLayout(t *testing.T) {
	// SplitMix64 from state 0: the reference outputs of splitmix64.c.
	for n, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := splitMix64(0, uint64(n)); got != want {
			t.Fatalf("splitMix64(0, %d) = %#x, want %#x", n, got, want)
		}
	}
	const seed, dim = 99, 6
	d := NewMC(seed, dim)
	u := sentinelColumns(dim, 50)
	d.Fill(1000, u)
	key := Derive(seed, "sampler.MC", 0)
	for j := 0; j < dim; j++ {
		for s := range 50 {
			if want := open53(splitMix64(key, uint64((1000+s)*dim+j))); u[j][s] != want {
				t.Fatalf("coordinate %d of point %d = %v, want %v", j, 1000+s, u[j][s], want)
			}
		}
	}
}

// Any split of the points into batches, and columns of any length, give the
// same values.
func TestMCRandomAccess(t *testing.T) {
	const dim, n = 5, 300
	d := NewMC(7, dim)
	all := sentinelColumns(dim, n)
	d.Fill(0, all)
	for _, start := range []int{0, 1, 17, 255, 299} {
		part := sentinelColumns(dim, n-start)
		part[1] = part[1][:min(3, len(part[1]))] // unequal lengths
		part[4] = part[4][:0]
		d.Fill(uint64(start), part)
		for j := range part {
			for s, x := range part[j] {
				if x != all[j][start+s] {
					t.Fatalf("Fill(%d): u[%d][%d] = %v, Fill(0) gave %v", start, j, s, x, all[j][start+s])
				}
			}
		}
	}
}

func TestMCMomentsAndIndependence(t *testing.T) {
	const dim, n = 4, 50000
	u := sentinelColumns(dim, n)
	NewMC(2024, dim).Fill(0, u)
	for j := range u {
		var sum float64
		for _, x := range u[j] {
			sum += x
		}
		if mean := sum / n; math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/n) {
			t.Errorf("mean of coordinate %d = %v, want 0.5", j, mean)
		}
		for k := j + 1; k < dim; k++ {
			if r := pearson(u[j], u[k]); math.Abs(r) > 5/math.Sqrt(n) {
				t.Errorf("correlation of coordinates %d and %d = %v, want 0", j, k, r)
			}
		}
		// Consecutive points.
		if r := pearson(u[j][1:], u[j][:n-1]); math.Abs(r) > 5/math.Sqrt(n) {
			t.Errorf("lag-1 correlation of coordinate %d = %v, want 0", j, r)
		}
	}
}

func TestMCSeedsDiffer(t *testing.T) {
	a, b := sentinelColumns(3, 100), sentinelColumns(3, 100)
	NewMC(1, 3).Fill(0, a)
	NewMC(2, 3).Fill(0, b)
	same := 0
	for j := range a {
		for s := range a[j] {
			if a[j][s] == b[j][s] {
				same++
			}
		}
	}
	if same > 0 {
		t.Errorf("seeds 1 and 2 share %d of 300 coordinates", same)
	}
}

func TestMCExtraRowsNaN(t *testing.T) {
	u := sentinelColumns(3, 4)
	NewMC(1, 2).Fill(0, u)
	for s, x := range u[2] {
		if !math.IsNaN(x) {
			t.Errorf("row beyond Dim: u[2][%d] = %v, want NaN", s, x)
		}
	}
	if d := NewMC(1, -3); d.Dim() != 0 {
		t.Errorf("NewMC(1, -3).Dim() = %d, want 0", d.Dim())
	}
}

func BenchmarkMCFill(b *testing.B) { benchmarkFill(b, NewMC(1, 16)) }

// benchmarkFill fills batches of 4096 points and reports coordinates per second.
func benchmarkFill(b *testing.B, d Design) { benchmarkFillBatch(b, d, 4096) }

// benchmarkFillBatch measures Fill in batches of the given number of points.
func benchmarkFillBatch(b *testing.B, d Design, batch uint64) {
	u := sentinelColumns(d.Dim(), int(batch))
	var start uint64
	for b.Loop() {
		if err := CheckRange(d, start, batch); err != nil {
			start = 0
		}
		d.Fill(start, u)
		start += batch
	}
	b.ReportMetric(float64(b.N)*float64(batch)*float64(d.Dim())/b.Elapsed().Seconds()/1e6, "Mcoord/s")
}

// Concurrent Fills of disjoint batches give the points of one serial Fill
// (run with -race to check for data races).
func TestDesignsConcurrentFill(t *testing.T) {
	sobol, err := NewScrambledSobol(6, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []Design{NewMC(3, 6), NewLHS(3, 4000, 6), sobol} {
		const batch, batches = 500, 8
		serial := sentinelColumns(d.Dim(), batch*batches)
		d.Fill(0, serial)
		done := make(chan error, batches)
		for b := range batches {
			go func() {
				u := sentinelColumns(d.Dim(), int(batch))
				d.Fill(uint64(b*batch), u)
				for j := range u {
					for s, x := range u[j] {
						if x != serial[j][b*batch+s] {
							done <- fmt.Errorf("%T: point %d, coordinate %d = %v concurrently, %v serially", d, b*batch+s, j, x, serial[j][b*batch+s])
							return
						}
					}
				}
				done <- nil
			}()
		}
		for range batches {
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
	}
}
