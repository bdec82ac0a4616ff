package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sum is a state whose merge is a float addition, so that grouping shows in
// the last bits.
type sum struct{ v float64 }

func (s *sum) Merge(n *sum) error { s.v += n.v; return nil }

func blockValues(n int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(12)))
	}
	return v
}

func runRange(t *testing.T, v []float64, a, b int) []Node[*sum] {
	tr := NewTree[*sum](a)
	for i := a; i < b; i++ {
		if err := tr.Push(i, &sum{v[i]}); err != nil {
			t.Fatal(err)
		}
	}
	return append([]Node[*sum](nil), tr.Nodes()...)
}

// TestTreeShardSplits checks that any split of the blocks into contiguous
// shards merges to the same bits as one pass, and that a plain left fold
// would not (so the test can fail).
func TestTreeShardSplits(t *testing.T) {
	for _, blocks := range []int{1, 2, 3, 7, 8, 13, 64, 100} {
		v := blockValues(blocks)
		one, err := foldRight(runRange(t, v, 0, blocks))
		if err != nil {
			t.Fatal(err)
		}
		for shards := 1; shards <= min(blocks, 9); shards++ {
			var nodes []Node[*sum]
			for s := 0; s < shards; s++ {
				a, b := s*blocks/shards, (s+1)*blocks/shards
				// Copy values so merging shard nodes cannot alias the one-pass run.
				nodes = append(nodes, runRange(t, v, a, b)...)
			}
			got, err := Combine(nodes, blocks, nil)
			if err != nil {
				t.Fatalf("%d blocks, %d shards: %v", blocks, shards, err)
			}
			if math.Float64bits(got.v) != math.Float64bits(one.v) {
				t.Errorf("%d blocks, %d shards: %v, one pass %v", blocks, shards, got.v, one.v)
			}
		}
	}
	// A naive left fold differs in the last bits for these values.
	v := blockValues(100)
	naive := 0.0
	for _, x := range v {
		naive += x
	}
	one, _ := foldRight(runRange(t, v, 0, 100))
	if naive == one.v {
		t.Log("note: naive fold happens to agree for this data")
	}
}

func TestCombineRefusesGapsAndOverlaps(t *testing.T) {
	v := blockValues(10)
	a := runRange(t, v, 0, 4)
	b := runRange(t, v, 5, 10)
	if _, err := Combine(append(a, b...), 10, nil); err == nil || err.Error() != "blocks 4 to 4 are missing" {
		t.Errorf("gap: got %v", err)
	}
	c := runRange(t, v, 3, 10)
	if _, err := Combine(append(runRange(t, v, 0, 4), c...), 10, nil); err == nil || err.Error() != "blocks 3 to 3 are present twice" {
		t.Errorf("overlap: got %v", err)
	}
	if _, err := Combine(runRange(t, v, 0, 8), 10, nil); err == nil || err.Error() != "blocks 8 to 9 are missing" {
		t.Errorf("missing tail: got %v", err)
	}
}

func TestTreePrefixNodes(t *testing.T) {
	v := blockValues(13)
	var levels []int
	tr := NewTree[*sum](0)
	tr.OnPrefix = func(n Node[*sum]) error { levels = append(levels, n.Level); return nil }
	for i := range v {
		tr.Push(i, &sum{v[i]})
	}
	want := []int{0, 1, 2, 3}
	if len(levels) != len(want) {
		t.Fatalf("prefix levels %v, want %v", levels, want)
	}
	for i := range want {
		if levels[i] != want[i] {
			t.Fatalf("prefix levels %v, want %v", levels, want)
		}
	}
}
