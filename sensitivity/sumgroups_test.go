package sensitivity

import (
	"math"
	"strings"
	"testing"
)

// sumsFor accumulates Ishigami on 2^10 rows into a state that keeps the sums
// of the estimators first and total (or all of them).
func sumsFor(t *testing.T, first, total string, all bool) *SobolSums {
	t.Helper()
	m, r := ishigami(), run{n: 1 << 10, replicates: 4, seed: 3, secondOrder: true, sets: singletonSets(3)}
	acc := NewSobolSums(SobolConfig{Series: m.series, Sets: 3, Replicates: r.replicates, SecondOrder: true,
		Centres: pilotCentres(m, r), First: first, Total: total, AllSums: all})
	for at := 0; at < r.n; at += 256 {
		fA, fB, fAB, fBA := rowOutputs(m, r, at, 256)
		acc.Add(uint64(at), fA, fB, fAB, fBA)
	}
	if err := acc.Err(); err != nil {
		t.Fatal(err)
	}
	return acc
}

// TestEstimatorSumsGiveSameIndices: a state that keeps only the sums of its
// estimators gives, for them, the same indices to the bit as one that keeps
// every sum; estimators needing sums it lacks are refused, those needing no
// more are accepted.
func TestEstimatorSumsGiveSameIndices(t *testing.T) {
	all := sumsFor(t, "", "", true)
	for _, f := range allFirst {
		for _, tot := range allTotal {
			e := Estimators{First: f, Total: tot}
			want, err := all.Indices(e)
			if err != nil {
				t.Fatal(err)
			}
			own := sumsFor(t, f, tot, false)
			got, err := own.Indices(e)
			if err != nil {
				t.Fatalf("%s/%s: %v", f, tot, err)
			}
			for i := range want {
				for _, p := range [][2]float64{{got[i].S1, want[i].S1}, {got[i].ST, want[i].ST}, {got[i].S1Lo, want[i].S1Lo}, {got[i].S1Hi, want[i].S1Hi}, {got[i].STLo, want[i].STLo}, {got[i].STHi, want[i].STHi}} {
					if math.Float64bits(p[0]) != math.Float64bits(p[1]) {
						t.Errorf("%s/%s set %d: %v with its own sums, %v with all", f, tot, i, p[0], p[1])
					}
				}
			}
			w2, _ := all.SecondOrderIndices(e)
			g2, err := own.SecondOrderIndices(e)
			if err != nil {
				t.Fatalf("%s/%s second order: %v", f, tot, err)
			}
			for i := range w2 {
				if math.Float64bits(g2[i].S2) != math.Float64bits(w2[i].S2) || math.Float64bits(g2[i].S2Hi) != math.Float64bits(w2[i].S2Hi) {
					t.Errorf("%s/%s S2 %d: %v with its own sums, %v with all", f, tot, i, g2[i], w2[i])
				}
			}
		}
	}
	def := sumsFor(t, "", "", false)
	for _, e := range []Estimators{{First: FirstJanon}, {Total: TotalHomma1996}, {Total: TotalSobol2007}, {First: FirstMartinez, Total: TotalMartinez}} {
		_, err := def.Indices(e)
		if err == nil || !strings.Contains(err.Error(), "saltelli2010/jansen1999") {
			t.Errorf("%+v from the default sums: error %v, want a refusal naming the kept estimators", e, err)
		}
		if _, err := def.Aggregate([]int{0}, e); err == nil {
			t.Errorf("%+v: Aggregate from the default sums accepted", e)
		}
		if _, err := def.SecondOrderIndices(e); e.First != "" && err == nil {
			t.Errorf("%+v: SecondOrderIndices from the default sums accepted", e)
		}
	}
	if _, err := def.Indices(Estimators{First: FirstSobol2007}); err != nil {
		t.Errorf("sobol2007 first order needs no more sums than the default: %v", err)
	}
	// Janon/Homma keeps a superset of the default sums.
	if _, err := sumsFor(t, FirstJanon, TotalHomma1996, false).Indices(Estimators{}); err != nil {
		t.Errorf("default estimators from janon/homma1996 sums: %v", err)
	}
}

// TestEstimatorSumsMergeAndRoundTrip: states kept for different estimators
// do not merge; a state's estimators survive MarshalBinary.
func TestEstimatorSumsMergeAndRoundTrip(t *testing.T) {
	def, janon, all := sumsFor(t, "", "", false), sumsFor(t, FirstJanon, "", false), sumsFor(t, "", "", true)
	for _, other := range []*SobolSums{janon, all} {
		if err := sumsFor(t, "", "", false).Merge(other); err == nil || !strings.Contains(err.Error(), "estimators") {
			t.Errorf("merge of %s into default sums: %v, want a refusal", other.cfg.estimatorNames(), err)
		}
	}
	for _, s := range []*SobolSums{def, janon, all} {
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back SobolSums
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if back.cfg.estimatorNames() != s.cfg.estimatorNames() || back.groups != s.groups {
			t.Errorf("round trip: %s (groups %b) became %s (groups %b)", s.cfg.estimatorNames(), s.groups, back.cfg.estimatorNames(), back.groups)
		}
		if err := back.Merge(s); err != nil {
			t.Errorf("%s: merge after round trip: %v", s.cfg.estimatorNames(), err)
		}
	}
	if NewSobolSums(SobolConfig{Series: 1, Sets: 1, Centres: []float64{0}, First: "sobol1993"}).Err() == nil {
		t.Error("unknown estimator in SobolConfig accepted")
	}
}
