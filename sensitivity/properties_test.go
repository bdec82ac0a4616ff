package sensitivity

import (
	"math"
	"strings"
	"testing"
)

// TestShiftScale: Y → 1000 + 3Y leaves every index unchanged when, as in
// the engine, the centre is the pilot mean of the transformed output. The
// centred values then differ only by the rounding of 1000 + 3Y (about
// 1e-13), so the indices agree to about 1e-12; without centring the sums of
// (1000 + 3Y)² would lose six digits.
func TestShiftScale(t *testing.T) {
	base := run{n: 1 << 12, replicates: 4, seed: 7, secondOrder: true}
	moved := base
	moved.transform = func(y float64) float64 { return 1000 + 3*y }
	a := analyse(t, ishigami(), base)
	b := analyse(t, ishigami(), moved)
	for _, e := range allEstimators() {
		x, err := a.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		y, err := b.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		for u := range x {
			for _, p := range [][2]float64{{x[u].S1, y[u].S1}, {x[u].ST, y[u].ST}, {x[u].S1Lo, y[u].S1Lo}, {x[u].STHi, y[u].STHi}} {
				if math.Abs(p[0]-p[1]) > 1e-11 {
					t.Errorf("%s/%s set %d: index %v becomes %v under 1000 + 3Y", e.First, e.Total, u, p[0], p[1])
				}
			}
		}
	}
	x2, _ := a.SecondOrderIndices(Estimators{})
	y2, _ := b.SecondOrderIndices(Estimators{})
	for i := range x2 {
		if math.Abs(x2[i].S2-y2[i].S2) > 1e-11 {
			t.Errorf("S2(%d,%d) %v becomes %v under 1000 + 3Y", x2[i].SetI, x2[i].SetJ, x2[i].S2, y2[i].S2)
		}
	}
}

// TestPermutation: permuting the inputs of the model (and the columns of the
// design with them) permutes the indices, exactly, since every output is
// the same number.
func TestPermutation(t *testing.T) {
	perm := []int{2, 0, 1} // input j of the permuted model is input perm[j] of Ishigami
	ish := ishigami()
	permuted := testModel{k: 3, series: 1, draw: ish.draw, eval: func(x, y []float64) {
		var z [3]float64
		for j, p := range perm {
			z[p] = x[j]
		}
		ish.eval(z[:], y)
	}}
	a := analyse(t, ish, run{n: 1 << 10, replicates: 4, seed: 8, secondOrder: true})
	b := analyse(t, permuted, run{n: 1 << 10, replicates: 4, seed: 8, secondOrder: true, columns: perm})
	for _, e := range allEstimators() {
		x, _ := a.Indices(e)
		y, _ := b.Indices(e)
		for j, p := range perm {
			if y[j].S1 != x[p].S1 || y[j].ST != x[p].ST || y[j].S1Lo != x[p].S1Lo || y[j].STHi != x[p].STHi {
				t.Errorf("%s/%s: permuted input %d has %+v, original input %d has %+v", e.First, e.Total, j, y[j], p, x[p])
			}
		}
	}
	x2, _ := a.SecondOrderIndices(Estimators{})
	y2, _ := b.SecondOrderIndices(Estimators{})
	find := func(idx []Index2, i, j int) float64 {
		i, j = min(i, j), max(i, j)
		for _, x := range idx {
			if x.SetI == i && x.SetJ == j {
				return x.S2
			}
		}
		t.Fatalf("no pair (%d, %d)", i, j)
		return 0
	}
	for i := range perm {
		for j := i + 1; j < len(perm); j++ {
			if find(y2, i, j) != find(x2, perm[i], perm[j]) {
				t.Errorf("S2(%d,%d) of the permuted model differs from S2(%d,%d)", i, j, perm[i], perm[j])
			}
		}
	}
}

// TestDummyFactor: a fourth input that Ishigami ignores gets S ≈ ST ≈ 0
// within its interval, for every estimator.
func TestDummyFactor(t *testing.T) {
	ish := ishigami()
	withDummy := testModel{k: 4, series: 1, draw: ish.draw, eval: func(x, y []float64) { ish.eval(x[:3], y) }}
	acc := analyse(t, withDummy, run{n: 1 << 12, replicates: 8, seed: 9})
	for _, e := range allEstimators() {
		idx, err := acc.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		d := idx[3]
		if !(d.S1Lo <= 0 && 0 <= d.S1Hi && d.STLo <= 0 && 0 <= d.STHi) {
			t.Errorf("%s/%s: dummy S1 = %v [%v, %v], ST = %v [%v, %v], want 0 inside", e.First, e.Total, d.S1, d.S1Lo, d.S1Hi, d.ST, d.STLo, d.STHi)
		}
		if math.Abs(d.S1) > 0.05 || math.Abs(d.ST) > 0.05 {
			t.Errorf("%s/%s: dummy S1 = %v, ST = %v", e.First, e.Total, d.S1, d.ST)
		}
	}
}

// TestAdditive: Y = Σ a_i X_i with X_i ~ N(0, σ_i²) gives
// S_i = ST_i = a_i²σ_i² / Σ a_j²σ_j², and the S_i sum to 1.
func TestAdditive(t *testing.T) {
	a := []float64{1, -2, 0.5, 3}
	sigma := []float64{2, 0.5, 3, 0.1}
	var tot float64
	want := make([]float64, len(a))
	for i := range a {
		want[i] = a[i] * a[i] * sigma[i] * sigma[i]
		tot += want[i]
	}
	for i := range want {
		want[i] /= tot
	}
	const n = 1 << 14
	acc := analyse(t, additive(a, sigma), run{n: n, replicates: 8, seed: 10})
	for _, e := range allEstimators() {
		idx, err := acc.Indices(e)
		if err != nil {
			t.Fatal(err)
		}
		checkIndices(t, e.First+"/"+e.Total, idx, want, want, mcTol(n))
		var sum float64
		for _, x := range idx {
			sum += x.S1
		}
		if math.Abs(sum-1) > 2*mcTol(n) {
			t.Errorf("%s: Σ S1 = %v, want 1", e.First, sum)
		}
	}
	// Jansen's total is exact row by row for an additive model: f_A − f_ABi
	// = a_i (A_i − B_i), so ST_i is a ratio of sample variances whose
	// error is the sampling error of σ_i² alone; Saltelli's S_i likewise.
}

// TestZeroVariance: a constant series gives indices 0 flagged ZeroVariance,
// never NaN, next to a varying series that keeps its indices.
func TestZeroVariance(t *testing.T) {
	ish := ishigami()
	for _, constant := range []float64{0, 42.5} {
		m := testModel{k: 3, series: 2, draw: ish.draw, eval: func(x, y []float64) {
			ish.eval(x, y[:1])
			y[1] = constant
		}}
		acc := analyse(t, m, run{n: 1 << 10, replicates: 4, seed: 11, secondOrder: true})
		for _, e := range allEstimators() {
			idx, err := acc.Indices(e)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range idx {
				isConst := x.Series == 1
				if x.ZeroVariance != isConst {
					t.Errorf("constant %v, %s/%s: series %d ZeroVariance = %v", constant, e.First, e.Total, x.Series, x.ZeroVariance)
				}
				if isConst && (x.S1 != 0 || x.ST != 0 || x.S1Lo != 0 || x.S1Hi != 0 || x.STLo != 0 || x.STHi != 0) {
					t.Errorf("constant series: %+v, want all 0", x)
				}
				if anyNaN(x.S1, x.S1Lo, x.S1Hi, x.ST, x.STLo, x.STHi) {
					t.Errorf("NaN in %+v", x)
				}
			}
			agg, err := acc.Aggregate([]int{1}, e)
			if err != nil || !agg[0].ZeroVariance {
				t.Errorf("aggregate of the constant series: %+v, %v", agg, err)
			}
		}
		idx2, err := acc.SecondOrderIndices(Estimators{})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range idx2 {
			if x.ZeroVariance != (x.Series == 1) || anyNaN(x.S2, x.S2Lo, x.S2Hi) {
				t.Errorf("second order: %+v", x)
			}
		}
	}
}

func anyNaN(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) {
			return true
		}
	}
	return false
}

// TestNonFiniteOutput: a NaN output is an error naming the series.
func TestNonFiniteOutput(t *testing.T) {
	ish := ishigami()
	m := testModel{k: 3, series: 2, draw: ish.draw, eval: func(x, y []float64) {
		ish.eval(x, y[:1])
		y[1] = math.Log(x[0]) // NaN for x1 < 0
	}}
	acc := NewSobolSums(SobolConfig{Series: 2, Sets: 3, Replicates: 2, Centres: []float64{3.5, 0}})
	fA, fB, fAB, _ := rowOutputs(m, run{sets: singletonSets(3), seed: 12}, 0, 256)
	acc.Add(0, fA, fB, fAB, nil)
	_, err := acc.Indices(Estimators{})
	if err == nil || !strings.Contains(err.Error(), "series 1") {
		t.Errorf("NaN output: err = %v, want an error naming series 1", err)
	}
}

// TestSingleReplicate: without replicates no interval can be computed; it is
// reported as (−Inf, +Inf), not NaN.
func TestSingleReplicate(t *testing.T) {
	acc := analyse(t, ishigami(), run{n: 1 << 10, replicates: 1, seed: 13})
	idx, err := acc.Indices(Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range idx {
		if !math.IsInf(x.S1Lo, -1) || !math.IsInf(x.S1Hi, 1) || !math.IsInf(x.STLo, -1) || !math.IsInf(x.STHi, 1) {
			t.Errorf("one replicate: interval [%v, %v], [%v, %v], want infinite", x.S1Lo, x.S1Hi, x.STLo, x.STHi)
		}
		if anyNaN(x.S1, x.ST) || x.N != 1<<10 {
			t.Errorf("one replicate: %+v", x)
		}
	}
}

// TestCoverage: over many seeds the exact Ishigami indices fall inside the
// 95 % intervals at about the nominal rate, for Monte Carlo rows and for
// randomised QMC (independently scrambled Sobol' replicates), at a small N.
func TestCoverage(t *testing.T) {
	seeds := 100
	if testing.Short() {
		seeds = 50
	}
	for _, rqmc := range []bool{false, true} {
		for _, e := range []Estimators{{}, {First: FirstJanon, Total: TotalJanon}, {First: FirstMartinez, Total: TotalHomma1996}} {
			covered, total := 0, 0
			for seed := 0; seed < seeds; seed++ {
				acc := analyse(t, ishigami(), run{n: 1 << 10, replicates: 8, seed: 1000 + uint64(seed), rqmc: rqmc})
				idx, err := acc.Indices(e)
				if err != nil {
					t.Fatal(err)
				}
				for u, x := range idx {
					total += 2
					if x.S1Lo <= ishS[u] && ishS[u] <= x.S1Hi {
						covered++
					}
					if x.STLo <= ishST[u] && ishST[u] <= x.STHi {
						covered++
					}
				}
			}
			rate := float64(covered) / float64(total)
			t.Logf("rqmc %v, %s/%s: %d of %d intervals (%.1f %%) cover the exact value", rqmc, e.First, e.Total, covered, total, 100*rate)
			if rate < 0.85 {
				t.Errorf("rqmc %v, %s/%s: coverage %.3f below 0.85", rqmc, e.First, e.Total, rate)
			}
		}
	}
}

// TestIshigamiRQMC checks the exact values on the design the engine uses.
// Scrambled nets never do worse than Monte Carlo by more than a bounded
// factor (Owen 1997), so the Monte Carlo tolerance applies, and the interval
// must be narrower than from Monte Carlo rows.
func TestIshigamiRQMC(t *testing.T) {
	const n = 1 << 14
	q := analyse(t, ishigami(), run{n: n, replicates: 8, seed: 14, rqmc: true})
	m := analyse(t, ishigami(), run{n: n, replicates: 8, seed: 14})
	idx, err := q.Indices(Estimators{})
	if err != nil {
		t.Fatal(err)
	}
	checkIndices(t, "rqmc", idx, ishS, ishST, mcTol(n))
	ref, _ := m.Indices(Estimators{})
	var wq, wm float64
	for u := range idx {
		wq += idx[u].S1Hi - idx[u].S1Lo + idx[u].STHi - idx[u].STLo
		wm += ref[u].S1Hi - ref[u].S1Lo + ref[u].STHi - ref[u].STLo
	}
	t.Logf("summed interval widths: RQMC %.4f, MC %.4f", wq, wm)
	if !(wq < wm) {
		t.Errorf("RQMC intervals (summed width %v) not narrower than Monte Carlo (%v)", wq, wm)
	}
}
