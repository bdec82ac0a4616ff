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
		for _, col := range [][]float64{{v}, {1, 2, v}, {v, 3, 4, 5}} {
			if got := allFinite(col); got != want {
				t.Errorf("allFinite(%v) = %v, want %v", col, got, want)
			}
		}
	}
	if !allFinite(nil) {
		t.Error("allFinite(nil) = false")
	}
}
