package sensitivity

import (
	"bytes"
	"math"
	"testing"
)

// addBlocks accumulates rows [0, n) of Ishigami in blocks of the given size
// into states of cfg and merges them pairwise in a fixed tree.
func addBlocks(t *testing.T, cfg SobolConfig, n, block int) *SobolSums {
	t.Helper()
	m := ishigami()
	r := run{sets: singletonSets(3), n: n, seed: 3}
	var states []*SobolSums
	for first := 0; first < n; first += block {
		s := NewSobolSums(cfg)
		fA, fB, fAB, _ := rowOutputs(m, r, first, min(block, n-first))
		s.Add(uint64(first), fA, fB, fAB, nil)
		if err := s.Err(); err != nil {
			t.Fatal(err)
		}
		states = append(states, s)
	}
	return mergeTree(t, states)
}

// Consecutive batches: row i goes to batch ⌊i/BatchRows⌋ mod R, whatever
// the block boundaries (here blocks of 96 rows straddle batches of 64).
func TestConsecutiveBatches(t *testing.T) {
	cfg := SobolConfig{Series: 1, Sets: 3, Replicates: 4, BatchRows: 64, Centres: []float64{3.5}}
	s := addBlocks(t, cfg, 256, 96)
	for b, rows := range s.rows {
		if rows != 64 {
			t.Errorf("batch %d has %d rows, want 64", b, rows)
		}
	}
	// Batch 1 alone equals rows [64, 128) added to a single-batch state.
	m := ishigami()
	fA, fB, fAB, _ := rowOutputs(m, run{sets: singletonSets(3), n: 256, seed: 3}, 64, 64)
	ref := NewSobolSums(SobolConfig{Series: 1, Sets: 3, Replicates: 1, Centres: []float64{3.5}})
	ref.Add(64, fA, fB, fAB, nil)
	per := s.stride
	for i, v := range ref.sums {
		if got := s.sums[per+i]; math.Abs(got-v) > 1e-9*math.Abs(v)+1e-12 {
			t.Errorf("batch 1 sum %d = %v, want %v", i, got, v)
		}
	}
	// A prefix covering two batches has an interval; one batch has none.
	half := addBlocks(t, cfg, 128, 64)
	idx, err := half.Indices(Estimators{})
	if err != nil || math.IsInf(idx[0].S1Lo, 0) {
		t.Errorf("two batches: %+v, %v; want a finite interval", idx, err)
	}
	quarter := addBlocks(t, cfg, 64, 64)
	idx, err = quarter.Indices(Estimators{})
	if err != nil || !math.IsInf(idx[0].S1Lo, -1) || !math.IsInf(idx[0].S1Hi, 1) {
		t.Errorf("one batch: %+v, %v; want (−Inf, +Inf)", idx, err)
	}
}

// Coarsen turns the sums of N rows in R batches into those of a run of 2N
// planned from the start: equal bit for bit when blocks do not straddle
// batches, as in the engine (blocks of 64, batches of 64 then 128).
func TestCoarsenEqualsRunAtDoubleN(t *testing.T) {
	small := SobolConfig{Series: 1, Sets: 3, Replicates: 4, BatchRows: 64, Centres: []float64{3.5}}
	big := small
	big.BatchRows = 128
	// Rows [0, 256) with batches of 64, coarsened, then rows [256, 512) with batches of 128.
	got := addBlocks(t, small, 256, 64)
	if err := got.Coarsen(); err != nil {
		t.Fatal(err)
	}
	if got.Config().BatchRows != 128 {
		t.Fatalf("BatchRows after Coarsen = %d", got.Config().BatchRows)
	}
	want := addBlocks(t, big, 512, 64)
	// The second half of the big run, merged onto the coarsened first half
	// in the same tree shape: the big run's tree is (first half) ⊕ (second half).
	m := ishigami()
	var second []*SobolSums
	for first := 256; first < 512; first += 64 {
		s := NewSobolSums(big)
		fA, fB, fAB, _ := rowOutputs(m, run{sets: singletonSets(3), n: 512, seed: 3}, first, 64)
		s.Add(uint64(first), fA, fB, fAB, nil)
		second = append(second, s)
	}
	if err := got.Merge(mergeTree(t, second)); err != nil {
		t.Fatal(err)
	}
	a, _ := got.MarshalBinary()
	b, _ := want.MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Error("coarsened sums differ from a run planned at 2N")
	}
	// Different batch layouts are never merged, and the layout survives a round trip.
	if err := NewSobolSums(small).Merge(NewSobolSums(big)); err == nil {
		t.Error("sums of batches of 64 and 128 rows merged")
	}
	var back SobolSums
	if err := back.UnmarshalBinary(b); err != nil || back.Config().BatchRows != 128 {
		t.Errorf("round trip: BatchRows %d, err %v", back.Config().BatchRows, err)
	}
	// Coarsen needs consecutive batches.
	if err := NewSobolSums(SobolConfig{Series: 1, Sets: 1, Replicates: 4, Centres: []float64{0}}).Coarsen(); err == nil {
		t.Error("Coarsen of interleaved replicates accepted")
	}
}
