package sensitivity

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

// blockStates accumulates rows [0, n) in blocks of the given size, each into
// a fresh state, as the engine's workers do.
func blockStates(t *testing.T, m testModel, r run, block int) []*SobolSums {
	t.Helper()
	centres := pilotCentres(m, r)
	var states []*SobolSums
	for first := 0; first < r.n; first += block {
		s := NewSobolSums(SobolConfig{Series: m.series, Sets: len(r.sets), Replicates: r.replicates, SecondOrder: r.secondOrder, Centres: centres})
		fA, fB, fAB, fBA := rowOutputs(m, r, first, min(block, r.n-first))
		s.Add(uint64(first), fA, fB, fAB, fBA)
		if err := s.Err(); err != nil {
			t.Fatal(err)
		}
		states = append(states, s)
	}
	return states
}

// mergeTree merges states pairwise, (0,1), (2,3), … then the results, in a
// fixed order.
func mergeTree(t *testing.T, states []*SobolSums) *SobolSums {
	t.Helper()
	for len(states) > 1 {
		var next []*SobolSums
		for i := 0; i < len(states); i += 2 {
			if i+1 < len(states) {
				if err := states[i].Merge(states[i+1]); err != nil {
					t.Fatal(err)
				}
			}
			next = append(next, states[i])
		}
		states = next
	}
	return states[0]
}

func TestMergeEqualsOneBlock(t *testing.T) {
	m := ishigami()
	r := run{n: 1000, replicates: 8, seed: 20, secondOrder: true, sets: singletonSets(3)}
	whole := blockStates(t, m, r, r.n)[0]
	// Blocks of 100 rows are not aligned on the 8 replicates: each block
	// must assign row first+s to replicate (first+s) mod 8.
	merged := mergeTree(t, blockStates(t, m, r, 100))
	if !slices.Equal(whole.rows, merged.rows) || merged.N() != r.n {
		t.Fatalf("rows per replicate %v, one block %v", merged.rows, whole.rows)
	}
	for i, v := range whole.sums {
		if math.Abs(v-merged.sums[i]) > 1e-12*math.Max(1, math.Abs(v))*float64(r.n) {
			t.Fatalf("sum %d: one block %v, merged blocks %v", i, v, merged.sums[i])
		}
	}
	a, _ := whole.Indices(Estimators{})
	b, _ := merged.Indices(Estimators{})
	for u := range a {
		if math.Abs(a[u].S1-b[u].S1) > 1e-12 || math.Abs(a[u].STHi-b[u].STHi) > 1e-12 {
			t.Errorf("set %d: one block %+v, merged %+v", u, a[u], b[u])
		}
	}
}

// TestShardsBitExact: states written to shard files, read back and merged
// in the same fixed order give bit-identical sums and indices.
func TestShardsBitExact(t *testing.T) {
	m := atantemp(5)
	r := run{n: 777, replicates: 4, seed: 21, secondOrder: true, sets: singletonSets(2)}
	inMemory := mergeTree(t, blockStates(t, m, r, 64))
	var fromFiles []*SobolSums
	for _, s := range blockStates(t, m, r, 64) {
		data, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back SobolSums
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		again, _ := back.MarshalBinary()
		if !bytes.Equal(data, again) {
			t.Fatal("serialisation does not round-trip")
		}
		fromFiles = append(fromFiles, &back)
	}
	fromShards := mergeTree(t, fromFiles)
	x, _ := inMemory.MarshalBinary()
	y, _ := fromShards.MarshalBinary()
	if !bytes.Equal(x, y) {
		t.Error("merged shard files differ from the merged in-memory states")
	}
	a, _ := inMemory.SecondOrderIndices(Estimators{})
	b, _ := fromShards.SecondOrderIndices(Estimators{})
	if !slices.Equal(a, b) {
		t.Error("second-order indices differ between in-memory and shard-file states")
	}
}

func TestMergeRefusesDifferentConfigs(t *testing.T) {
	base := SobolConfig{Series: 2, Sets: 3, Replicates: 4, Centres: []float64{1, 2}}
	variants := map[string]func(*SobolConfig){
		"series":       func(c *SobolConfig) { c.Series, c.Centres = 3, []float64{1, 2, 3} },
		"sets":         func(c *SobolConfig) { c.Sets = 4 },
		"replicates":   func(c *SobolConfig) { c.Replicates = 2 },
		"second order": func(c *SobolConfig) { c.SecondOrder = true },
		"centres":      func(c *SobolConfig) { c.Centres = []float64{1, 2.5} },
	}
	for name, change := range variants {
		other := base
		other.Centres = slices.Clone(base.Centres)
		change(&other)
		if err := NewSobolSums(base).Merge(NewSobolSums(other)); err == nil {
			t.Errorf("merge across different %s: no error", name)
		}
	}
	if err := NewSobolSums(base).Merge(NewSobolSums(base)); err != nil {
		t.Errorf("merge of equal configurations: %v", err)
	}
}

func TestUnmarshalRejectsBadData(t *testing.T) {
	s := NewSobolSums(SobolConfig{Series: 1, Sets: 2, Replicates: 2, Centres: []float64{0}})
	good, _ := s.MarshalBinary()
	bad := map[string][]byte{
		"empty":       nil,
		"bad magic":   append([]byte("mcXOBOL\x01"), good[8:]...),
		"truncated":   good[:len(good)-8],
		"extra bytes": append(slices.Clone(good), 0, 0, 0, 0, 0, 0, 0, 0),
		"morris data": func() []byte { b, _ := NewMorrisSums(MorrisConfig{Series: 1, Sets: 1}).MarshalBinary(); return b }(),
	}
	for name, data := range bad {
		var x SobolSums
		if err := x.UnmarshalBinary(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSobolInputErrors(t *testing.T) {
	bad := []SobolConfig{
		{Series: 0, Sets: 1, Centres: nil},
		{Series: 1, Sets: 0, Centres: []float64{0}},
		{Series: 1, Sets: 1, Replicates: -1, Centres: []float64{0}},
		{Series: 2, Sets: 1, Centres: []float64{0}},
		{Series: 1, Sets: 1, Centres: []float64{math.NaN()}},
	}
	for _, cfg := range bad {
		s := NewSobolSums(cfg)
		if s.Err() == nil || cfg.Validate() == nil {
			t.Errorf("config %+v: no error", cfg)
			continue
		}
		if _, err := s.Indices(Estimators{}); err == nil {
			t.Errorf("config %+v: Indices gave no error", cfg)
		}
		if _, err := s.MarshalBinary(); err == nil {
			t.Errorf("config %+v: MarshalBinary gave no error", cfg)
		}
		s.Add(0, [][]float64{{1}}, [][]float64{{1}}, [][][]float64{{{1}}}, nil) // must not panic
	}

	cfg := SobolConfig{Series: 1, Sets: 2, Replicates: 2, Centres: []float64{0}}
	row := func(n int) [][]float64 { return [][]float64{make([]float64, n)} }
	shapes := map[string]func(s *SobolSums){
		"series count": func(s *SobolSums) { s.Add(0, nil, row(3), [][][]float64{row(3), row(3)}, nil) },
		"row count":    func(s *SobolSums) { s.Add(0, row(3), row(2), [][][]float64{row(3), row(3)}, nil) },
		"set count":    func(s *SobolSums) { s.Add(0, row(3), row(3), [][][]float64{row(3)}, nil) },
		"set rows":     func(s *SobolSums) { s.Add(0, row(3), row(3), [][][]float64{row(3), row(4)}, nil) },
		"unwanted fBA": func(s *SobolSums) {
			s.Add(0, row(3), row(3), [][][]float64{row(3), row(3)}, [][][]float64{row(3), row(3)})
		},
	}
	for name, add := range shapes {
		s := NewSobolSums(cfg)
		add(s)
		if s.Err() == nil {
			t.Errorf("%s: no error", name)
		}
		if _, err := s.Indices(Estimators{}); err == nil {
			t.Errorf("%s: Indices gave no error", name)
		}
	}
	second := cfg
	second.SecondOrder = true
	s := NewSobolSums(second)
	s.Add(0, row(3), row(3), [][][]float64{row(3), row(3)}, nil)
	if s.Err() == nil {
		t.Error("second order without fBA: no error")
	}

	acc := analyse(t, ishigami(), run{n: 64, replicates: 2, seed: 22})
	for _, e := range []Estimators{{First: "sobol1993"}, {Total: "owen"}, {CI: 1}, {CI: -0.5}} {
		if _, err := acc.Indices(e); err == nil {
			t.Errorf("estimators %+v: no error", e)
		}
	}
	if _, err := acc.SecondOrderIndices(Estimators{}); err == nil || !strings.Contains(err.Error(), "SecondOrder") {
		t.Errorf("second-order indices without second-order sums: %v", err)
	}
	for _, series := range [][]int{nil, {1}, {-1}, {0, 0}} {
		if _, err := acc.Aggregate(series, Estimators{}); err == nil {
			t.Errorf("Aggregate(%v): no error", series)
		}
	}
	one := NewSobolSums(cfg)
	one.Add(0, row(1), row(1), [][][]float64{row(1), row(1)}, nil)
	if _, err := one.Indices(Estimators{}); err == nil {
		t.Error("one base row: no error")
	}
}
