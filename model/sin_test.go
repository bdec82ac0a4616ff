package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSinMatchesMathSin: sinSlice is math.Sin to the bit, on random arguments of
// every scale, on multiples of π/4 and their neighbours (the octant
// boundaries), and on the special values.
func TestSinMatchesMathSin(t *testing.T) {
	check := func(x float64) {
		t.Helper()
		var got [1]float64
		sinSlice(got[:], []float64{x})
		want := math.Sin(x)
		if math.Float64bits(got[0]) != math.Float64bits(want) && !(math.IsNaN(got[0]) && math.IsNaN(want)) {
			t.Fatalf("sinSlice(%v) = %v, math.Sin gives %v", x, got[0], want)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1 << 29, -(1 << 29),
		math.Nextafter(1<<29, 0), 1e300, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1e-300, math.Pi, -math.Pi} {
		check(x)
	}
	for k := -64; k <= 64; k++ {
		x := float64(k) * math.Pi / 4
		check(x)
		check(math.Nextafter(x, math.Inf(1)))
		check(math.Nextafter(x, math.Inf(-1)))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2_000_000 {
		check((2*r.Float64() - 1) * math.Pi)
		check((2*r.Float64() - 1) * math.Exp2(float64(r.IntN(70)-40)))
	}
}

func BenchmarkSin(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 1<<16)
	for i := range x {
		x[i] = (2*r.Float64() - 1) * math.Pi
	}
	dst := make([]float64, len(x))
	b.Run("math.Sin", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				dst[i] = math.Sin(v)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/value")
	})
	b.Run("sinSlice", func(b *testing.B) {
		for b.Loop() {
			sinSlice(dst, x)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/value")
	})
}
