package bands

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Moments kept per block in a fixed order and quantiles accumulated in any
// order give the bands of a single accumulator; the quantile side's binary
// form does not depend on the order.
func TestBandsOfSplitAccumulators(t *testing.T) {
	for _, exact := range []bool{true, false} {
		r := rand.New(rand.NewPCG(3, 4))
		blocks := make([][][]float64, 6)
		for b := range blocks {
			blocks[b] = [][]float64{make([]float64, 500), make([]float64, 500)}
			for s := range blocks[b][0] {
				blocks[b][0][s] = r.NormFloat64()
				blocks[b][1][s] = math.Exp(r.NormFloat64())
			}
		}
		centres := []float64{0.1, 1.5}
		whole, _ := NewAccumulator(2, centres, exact, 0)
		moments, _ := NewMomentsAccumulator(2, centres)
		fwd, _ := NewAccumulator(2, centres, exact, 0)
		rev, _ := NewAccumulator(2, centres, exact, 0)
		for b := range blocks {
			whole.Add(blocks[b])
			moments.Add(blocks[b])
			fwd.Add(blocks[b])
			rev.Add(blocks[len(blocks)-1-b])
		}
		fwd.DropSums()
		rev.DropSums()
		bf, _ := fwd.MarshalBinary()
		br, _ := rev.MarshalBinary()
		if string(bf) != string(br) {
			t.Errorf("exact=%v: quantile sides differ with the order of adding", exact)
		}
		// Quantiles only (what the engine keeps per worker): the same bands.
		qonly, _ := NewQuantiles(2, exact, 0)
		for b := range blocks {
			part, _ := NewQuantiles(2, exact, 0)
			part.Add(blocks[len(blocks)-1-b])
			if err := qonly.Merge(part); err != nil {
				t.Fatal(err)
			}
		}
		bq, _ := qonly.MarshalBinary()
		var dq Accumulator
		if err := dq.UnmarshalBinary(bq); err != nil {
			t.Fatal(err)
		}
		viaQ, err := BandsOf(moments, &dq)
		if err != nil {
			t.Fatal(err)
		}
		want, err := whole.Bands()
		if err != nil {
			t.Fatal(err)
		}
		got, err := BandsOf(moments, rev)
		if err != nil {
			t.Fatal(err)
		}
		for c := range want {
			if got[c] != want[c] {
				t.Errorf("exact=%v series %d: split %+v, whole %+v", exact, c, got[c], want[c])
			}
			if viaQ[c] != want[c] {
				t.Errorf("exact=%v series %d: moments and quantiles only %+v, whole %+v", exact, c, viaQ[c], want[c])
			}
		}
		if _, err := BandsOf(&dq, moments); err == nil {
			t.Error("BandsOf with the sides swapped: no error")
		}
		if err := qonly.Merge(whole); err == nil {
			t.Error("merging moments and quantiles into quantiles only: no error")
		}
		// A moments accumulator round-trips and has no quantiles of its own.
		b, _ := moments.MarshalBinary()
		var m Accumulator
		if err := m.UnmarshalBinary(b); err != nil || m.Method() != "moments" {
			t.Errorf("moments round trip: %v, %s", err, m.Method())
		}
		if _, err := moments.Bands(); err == nil {
			t.Error("Bands of a moments accumulator: no error")
		}
	}
}
