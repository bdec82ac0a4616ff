package engine

import (
	"math"
	"testing"
)

// TestAllFinite checks the branch-free test of model outputs against
// math.IsNaN and math.IsInf on the edge values of every class.
func TestAllFinite(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64,
		0x1p-1022, math.MaxFloat64, -math.MaxFloat64, math.Nextafter(math.MaxFloat64, 0),
		math.Inf(1), math.Inf(-1), math.NaN(), math.Float64frombits(0x7ff0_0000_0000_0001), math.Float64frombits(0xfff8_0000_0000_0000)}
	for _, v := range values {
		want := !math.IsNaN(v) && !math.IsInf(v, 0)
		// v at every position of columns of 1 to 9 values: each of the
		// four sums and the tail.
		for n := 1; n <= 9; n++ {
			for at := range n {
				col := make([]float64, n)
				for i := range col {
					col[i] = float64(i) - 3.5
				}
				col[at] = v
				if got := allFinite(col); got != want {
					t.Errorf("allFinite(%v) = %v, want %v", col, got, want)
				}
			}
		}
	}
	if !allFinite(nil) {
		t.Error("allFinite(nil) = false")
	}
}
