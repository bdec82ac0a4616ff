package sampler

import (
	"math"
	"math/bits"
	"testing"
)

// sobolPoint is coordinate j of point n computed directly from its Gray code:
// the XOR of the direction numbers of its set bits, then the shift.
func sobolPoint(q *Sobol, j int, n uint64) float64 {
	if n >= SobolLen {
		return math.NaN()
	}
	x := q.shift[j]
	for g := uint32(n ^ n>>1); g != 0; g &= g - 1 {
		x ^= q.v[j][bits.TrailingZeros32(g)]
	}
	return float64(x)*0x1p-32 + q.offset
}

// TestSobolFillMatchesDirectPoints checks Fill, which steps from point to
// point in Gray-code order, against each point computed on its own: starts
// anywhere (including across the end of the sequence), long runs, equal and
// unequal column lengths, columns beyond Dim.
func TestSobolFillMatchesDirectPoints(t *testing.T) {
	q, err := NewScrambledSobol(6, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		start uint64
		lens  []int
	}{
		{0, []int{1000, 1000, 1000, 1000, 1000, 1000}},
		{12345, []int{256 + 1, 256 + 1, 256 + 1}},
		{1<<20 - 3, []int{2*256 + 7, 2*256 + 7, 2*256 + 7, 2*256 + 7, 2*256 + 7, 2*256 + 7, 2*256 + 7}},
		{SobolLen - 100, []int{300, 300}},
		{SobolLen + 5, []int{10, 10}},
		{999, []int{700, 5, 1, 0, 300}},
	} {
		u := make([][]float64, len(c.lens))
		for j, n := range c.lens {
			u[j] = make([]float64, n)
		}
		q.Fill(c.start, u)
		for j, col := range u {
			for s, got := range col {
				want := math.NaN()
				if j < q.Dim() {
					want = sobolPoint(q, j, c.start+uint64(s))
				}
				if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("start %d lens %v: u[%d][%d] = %v, want %v", c.start, c.lens, j, s, got, want)
				}
			}
		}
	}
}
