package sensitivity

import (
	"math"
	"testing"
)

var allFirst = []string{FirstSaltelli2010, FirstSobol2007, FirstJanon, FirstMartinez}
var allTotal = []string{TotalJansen1999, TotalHomma1996, TotalSobol2007, TotalJanon, TotalMartinez}

// allEstimators pairs every first-order estimator with every total one.
func allEstimators() []Estimators {
	var es []Estimators
	for i, f := range allFirst {
		for j, tot := range allTotal {
			if i == 0 || j == 0 { // each name at least once, with the defaults
				es = append(es, Estimators{First: f, Total: tot})
			}
		}
	}
	return es
}

// checkIndices compares S1 and ST of one series with exact values. The
// tolerance is tol, a bound derived from N in each test; the interval
// half-width is also logged so that the tolerance can be judged against it.
func checkIndices(t *testing.T, name string, got []Index, s, st []float64, tol float64) {
	t.Helper()
	if len(got) != len(s) {
		t.Fatalf("%s: %d indices, want %d", name, len(got), len(s))
	}
	for u, g := range got {
		if math.Abs(g.S1-s[u]) > tol || math.Abs(g.ST-st[u]) > tol {
			t.Errorf("%s set %d: S1 = %.4f [%.4f, %.4f] (exact %.4f), ST = %.4f [%.4f, %.4f] (exact %.4f), tolerance %.3g",
				name, u, g.S1, g.S1Lo, g.S1Hi, s[u], g.ST, g.STLo, g.STHi, st[u], tol)
		}
	}
}

// Monte Carlo tolerances. With N i.i.d. base rows each estimator is a ratio
// of means, so its standard error is c/√N with c the standard deviation of
// its per-row linearisation, in units of V; for these functions c is below
// about 2 for every estimator (the worst cases are the Homma–Saltelli and
// Sobol' 2007 totals and the Janon and Martinez first orders of inputs with
// strong interactions; Saltelli 2010, Fig. 2; Janon 2014). The tolerance
// 5 c/√N with c = 2 makes a false failure improbable (< 1e-6 per index)
// while an error in a formula larger than a few hundredths is caught.
func mcTol(n int) float64 { return 5 * 2 / math.Sqrt(float64(n)) }

func TestIshigamiExact(t *testing.T) {
	const n = 1 << 16
	acc := analyse(t, ishigami(), run{n: n, replicates: 8, seed: 1})
	for _, e := range allEstimators() {
		idx, err := acc.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		checkIndices(t, e.First+"/"+e.Total, idx, ishS, ishST, mcTol(n))
	}
}

func TestIshigamiSecondOrder(t *testing.T) {
	const n = 1 << 15
	acc := analyse(t, ishigami(), run{n: n, replicates: 8, seed: 2, secondOrder: true})
	want := map[[2]int]float64{{0, 1}: 0, {0, 2}: ishS13, {1, 2}: 0}
	for _, f := range allFirst {
		idx, err := acc.SecondOrderIndices(Estimators{First: f})
		if err != nil {
			t.Fatal(err)
		}
		if len(idx) != 3 {
			t.Fatalf("%d second-order indices, want 3", len(idx))
		}
		for _, x := range idx {
			// S_ij is a difference of three estimates: three times the tolerance.
			if w := want[[2]int{x.SetI, x.SetJ}]; math.Abs(x.S2-w) > 3*mcTol(n) {
				t.Errorf("%s: S(%d,%d) = %.4f [%.4f, %.4f], exact %.4f", f, x.SetI, x.SetJ, x.S2, x.S2Lo, x.S2Hi, w)
			}
		}
	}
	// First and total indices are unaffected by the extra rows.
	idx, err := acc.Indices(Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	checkIndices(t, "second-order run", idx, ishS, ishST, mcTol(n))
}

// TestIshigamiGroup swaps x1 and x3 together: the group's S = ST = S1 + ST3
// share, 0.5575888552 (V1 + V13)/V, and x2 alone keeps its values.
func TestIshigamiGroup(t *testing.T) {
	const n = 1 << 15
	acc := analyse(t, ishigami(), run{n: n, replicates: 8, seed: 3, sets: [][]int{{0, 2}, {1}}})
	g := (ishV1 + ishV13) / ishV
	if math.Abs(g-0.5575888552) > 1e-9 {
		t.Fatalf("exact group index %v, published 0.5575888552", g)
	}
	for _, e := range allEstimators() {
		idx, err := acc.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		checkIndices(t, e.First+"/"+e.Total, idx, []float64{g, ishS[1]}, []float64{g, ishST[1]}, mcTol(n))
	}
}

func TestSobolGExact(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	s, st, s12 := sobolGExact(a)
	// Published values (design/sensitivity.md §5) guard the exact formulas.
	pubS := []float64{0.71619, 0.17905, 0.02368, 0.00716}
	pubST := []float64{0.78714, 0.24220, 0.03432, 0.01046}
	for i := range pubS {
		if math.Abs(s[i]-pubS[i]) > 1e-5 || math.Abs(st[i]-pubST[i]) > 1e-5 {
			t.Fatalf("exact G indices %v %v disagree with the published ones", s, st)
		}
	}
	if math.Abs(s12-0.05968) > 1e-5 {
		t.Fatalf("exact S12 = %v, published 0.05968", s12)
	}
	const n = 1 << 16
	acc := analyse(t, sobolG(a), run{n: n, replicates: 8, seed: 4, secondOrder: true})
	for _, e := range allEstimators() {
		idx, err := acc.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		checkIndices(t, e.First+"/"+e.Total, idx, s, st, mcTol(n))
	}
	idx2, err := acc.SecondOrderIndices(Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	if x := idx2[0]; x.SetI != 0 || x.SetJ != 1 || math.Abs(x.S2-s12) > 3*mcTol(n) {
		t.Errorf("S(%d,%d) = %.4f [%.4f, %.4f], exact %.5f", x.SetI, x.SetJ, x.S2, x.S2Lo, x.S2Hi, s12)
	}
}

// TestMorris2006Exact: 5 important inputs out of 20, S = 1/(1.05·5) and
// ST = 1.1/(1.05·5) for the important ones, exactly 0 for the others.
func TestMorris2006Exact(t *testing.T) {
	const p, k, n = 5, 20, 1 << 13
	acc := analyse(t, morris2006(p, k), run{n: n, replicates: 8, seed: 5})
	s, st := make([]float64, k), make([]float64, k)
	for i := 0; i < p; i++ {
		s[i], st[i] = 1/(1.05*p), 1.1/(1.05*p)
	}
	if math.Abs(s[0]-0.190476) > 1e-6 || math.Abs(st[0]-0.209524) > 1e-6 {
		t.Fatalf("exact indices %v %v disagree with the published ones", s[0], st[0])
	}
	for _, e := range allEstimators() {
		idx, err := acc.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		checkIndices(t, e.First+"/"+e.Total, idx, s, st, mcTol(n))
	}
	// Inputs f ignores: f_ABi = f_A row by row, so the default estimators
	// give exactly 0, with a zero-width interval.
	idx, _ := acc.Indices(Estimators{})
	for _, x := range idx[p:] {
		if x.S1 != 0 || x.ST != 0 || x.S1Lo != 0 || x.STHi != 0 {
			t.Errorf("unused input %d: S1 = %v [%v, %v], ST = %v [%v, %v], want exactly 0", x.Set, x.S1, x.S1Lo, x.S1Hi, x.ST, x.STLo, x.STHi)
		}
	}
}

// TestAtantemp checks per-step indices S1(t) = cos² t, S2(t) = sin² t,
// S12(t) = 0 and the aggregated indices 0.505 and 0.495 for q = 100.
func TestAtantemp(t *testing.T) {
	const q, n = 100, 1 << 13
	acc := analyse(t, atantemp(q), run{n: n, replicates: 8, seed: 6, secondOrder: true})
	idx, err := acc.Indices(Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < q; k++ {
		tk := 2 * math.Pi * float64(k) / float64(q-1)
		c2 := math.Cos(tk) * math.Cos(tk)
		checkIndices(t, "atantemp step", idx[2*k:2*k+2], []float64{c2, 1 - c2}, []float64{c2, 1 - c2}, mcTol(n))
	}
	idx2, err := acc.SecondOrderIndices(Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range idx2 {
		if math.Abs(x.S2) > 3*mcTol(n) {
			t.Errorf("series %d: S12 = %.4f, exact 0", x.Series, x.S2)
		}
	}
	all := make([]int, q)
	for k := range all {
		all[k] = k
	}
	for _, e := range allEstimators() {
		agg, err := acc.Aggregate(all, e)
		if err != nil {
			t.Fatal(err)
		}
		if agg[0].Series != -1 {
			t.Errorf("aggregate Series = %d, want -1", agg[0].Series)
		}
		checkIndices(t, "aggregate "+e.First+"/"+e.Total, agg, []float64{0.505, 0.495}, []float64{0.505, 0.495}, mcTol(n))
	}
	// The aggregate of one series is that series' index.
	one, err := acc.Aggregate([]int{7}, Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	if one[0].S1 != idx[14].S1 || one[1].ST != idx[15].ST {
		t.Errorf("aggregate of series 7 = %+v, series 7 = %+v", one[0], idx[14])
	}
}

func TestSobolSumsResetEqualsNew(t *testing.T) {
	cfg := SobolConfig{Series: 2, Sets: 3, Replicates: 2, Centres: []float64{1, 2}}
	a := NewSobolSums(cfg)
	fA := [][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}}
	fAB := [][][]float64{fA, fA, fA}
	a.Add(0, fA, fA, fAB, nil)
	a.Reset()
	got, _ := a.MarshalBinary()
	want, _ := NewSobolSums(cfg).MarshalBinary()
	if string(got) != string(want) {
		t.Error("a reset state differs from a new one")
	}
}
