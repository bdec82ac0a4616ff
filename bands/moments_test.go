package bands

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func newMoments(t *testing.T, c float64) Moments {
	t.Helper()
	m, err := NewMoments(c)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func relErr(got, want float64) float64 {
	if got == want {
		return 0
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestMomentsClosedForm(t *testing.T) {
	// 1, 2, …, n: mean (n+1)/2, sample variance n(n+1)/12.
	const n = 1000
	seq := make([]float64, n)
	for i := range seq {
		seq[i] = float64(i + 1)
	}
	for _, tc := range []struct {
		name       string
		ys         []float64
		centre     float64
		mean, vari float64
		min, max   float64
	}{
		{"1..n about 0", seq, 0, (n + 1) / 2.0, n * (n + 1) / 12.0, 1, n},
		{"1..n about 480", seq, 480, (n + 1) / 2.0, n * (n + 1) / 12.0, 1, n},
		// The classic example of a population standard deviation of 2:
		// mean 5, Σ(y−5)² = 32, sample variance 32/7.
		{"2,4,4,4,5,5,7,9", []float64{2, 4, 4, 4, 5, 5, 7, 9}, 4.5, 5, 32.0 / 7, 2, 9},
		{"constant", []float64{3.3, 3.3, 3.3}, 3, 3.3, 0, 3.3, 3.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := newMoments(t, tc.centre)
			for _, y := range tc.ys {
				one.Add(y)
			}
			slice := newMoments(t, tc.centre)
			slice.AddSlice(tc.ys)
			for _, m := range []Moments{one, slice} {
				if m.N() != int64(len(tc.ys)) || m.Min() != tc.min || m.Max() != tc.max {
					t.Errorf("n, min, max = %d, %v, %v, want %d, %v, %v", m.N(), m.Min(), m.Max(), len(tc.ys), tc.min, tc.max)
				}
				if e := relErr(m.Mean(), tc.mean); e > 1e-15 {
					t.Errorf("mean %v, want %v", m.Mean(), tc.mean)
				}
				if e := math.Abs(m.Var() - tc.vari); e > 1e-14*math.Max(tc.vari, 1) {
					t.Errorf("var %v, want %v", m.Var(), tc.vari)
				}
				if e := math.Abs(m.SD() - math.Sqrt(tc.vari)); e > 1e-14*math.Max(tc.vari, 1) {
					t.Errorf("sd %v, want %v", m.SD(), math.Sqrt(tc.vari))
				}
			}
			if one != slice {
				t.Errorf("Add and AddSlice differ: %+v, %+v", one, slice)
			}
		})
	}
}

// exactVar is the sample variance of ys computed in rational arithmetic.
func exactVar(ys []float64) float64 {
	sum, sum2 := new(big.Rat), new(big.Rat)
	for _, y := range ys {
		r := new(big.Rat).SetFloat64(y)
		sum.Add(sum, r)
		sum2.Add(sum2, r.Mul(r, r))
	}
	n := big.NewRat(int64(len(ys)), 1)
	ss := new(big.Rat).Mul(sum, sum)
	ss.Quo(ss, n)
	ss.Sub(sum2, ss)
	ss.Quo(ss, big.NewRat(int64(len(ys)-1), 1))
	f, _ := ss.Float64()
	return f
}

func TestMomentsShiftInvariance(t *testing.T) {
	// Multiples of 1/1024 below 2^20 stay exact after adding 1e9, so the
	// shifted data has exactly the same variance.
	r := rand.New(rand.NewPCG(1, 1))
	const n = 100000
	ys := make([]float64, n)
	shifted := make([]float64, n)
	for i := range ys {
		ys[i] = float64(r.IntN(1<<20)) / 1024
		shifted[i] = ys[i] + 1e9
	}
	want := exactVar(ys)
	if w2 := exactVar(shifted); w2 != want {
		t.Fatalf("test data: shifted variance %v, want %v", w2, want)
	}
	// The engine's centre comes from a pilot: the mean of the first rows.
	pilot := func(ys []float64) float64 {
		var s float64
		for _, y := range ys[:100] {
			s += y
		}
		return s / 100
	}
	m := newMoments(t, pilot(ys))
	m.AddSlice(ys)
	ms := newMoments(t, pilot(shifted))
	ms.AddSlice(shifted)
	if e := relErr(m.Var(), want); e > 1e-12 {
		t.Errorf("var %v, exact %v (relative error %.1e)", m.Var(), want, e)
	}
	if e := relErr(ms.Var(), m.Var()); e > 1e-9 {
		t.Errorf("adding 1e9 changed the variance from %v to %v (relative %.1e)", m.Var(), ms.Var(), e)
	}
	// The data is hard enough to matter: without the shift (c = 0), the
	// one-pass formula loses most digits.
	m0 := newMoments(t, 0)
	m0.AddSlice(shifted)
	if e := relErr(m0.Var(), want); e < 1e-6 {
		t.Errorf("unshifted var %v is within %.1e of %v: the test data does not exercise the shift", m0.Var(), e, want)
	} else {
		t.Logf("unshifted sums: relative error %.1e", e)
	}
	if e := math.Abs(ms.Mean() - 1e9 - m.Mean()); e > 1e-6 {
		t.Errorf("adding 1e9 changed the mean from %v to %v", m.Mean(), ms.Mean()-1e9)
	}
}

func TestMomentsNonFinite(t *testing.T) {
	m := newMoments(t, 0)
	for _, y := range []float64{1, math.NaN(), 2, math.Inf(1), 3, math.Inf(-1)} {
		m.Add(y)
	}
	s := newMoments(t, 0)
	s.AddSlice([]float64{1, math.NaN(), 2, math.Inf(1), 3, math.Inf(-1)})
	for _, m := range []Moments{m, s} {
		if m.N() != 3 || m.NonFinite() != 3 || m.Mean() != 2 || m.Var() != 1 || m.Min() != 1 || m.Max() != 3 {
			t.Errorf("n %d, non-finite %d, mean %v, var %v, min %v, max %v; want 3, 3, 2, 1, 1, 3",
				m.N(), m.NonFinite(), m.Mean(), m.Var(), m.Min(), m.Max())
		}
	}
}

func TestMomentsEmpty(t *testing.T) {
	m := newMoments(t, 0)
	if !math.IsNaN(m.Mean()) || !math.IsNaN(m.Var()) || !math.IsNaN(m.Min()) || !math.IsNaN(m.Max()) {
		t.Errorf("empty moments: mean %v, var %v, min %v, max %v; want NaN", m.Mean(), m.Var(), m.Min(), m.Max())
	}
	m.Add(1)
	if m.Mean() != 1 || !math.IsNaN(m.Var()) {
		t.Errorf("one value: mean %v, var %v; want 1, NaN", m.Mean(), m.Var())
	}
	for _, c := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := NewMoments(c); err == nil {
			t.Errorf("NewMoments(%v): no error", c)
		}
	}
}

func TestMomentsMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	ys := make([]float64, 10007)
	for i := range ys {
		ys[i] = 100 + 10*r.NormFloat64()
	}
	whole := newMoments(t, 100)
	whole.AddSlice(ys)
	for k := 1; k <= 9; k++ {
		acc := newMoments(t, 100)
		for b := range k {
			blk := newMoments(t, 100)
			blk.AddSlice(ys[b*len(ys)/k : (b+1)*len(ys)/k])
			if err := acc.Merge(&blk); err != nil {
				t.Fatal(err)
			}
		}
		if acc.N() != whole.N() || acc.Min() != whole.Min() || acc.Max() != whole.Max() {
			t.Errorf("%d blocks: n, min, max = %d, %v, %v, want %d, %v, %v", k, acc.N(), acc.Min(), acc.Max(), whole.N(), whole.Min(), whole.Max())
		}
		s1, s2, _ := acc.Sums()
		w1, w2, _ := whole.Sums()
		// S1 is a sum of terms of both signs: compare with the scale of its terms.
		if math.Abs(s1-w1) > 1e-12*w2/10 || relErr(s2, w2) > 1e-12 {
			t.Errorf("%d blocks: sums %v, %v, want %v, %v", k, s1, s2, w1, w2)
		}
		if relErr(acc.Var(), whole.Var()) > 1e-12 || relErr(acc.Mean(), whole.Mean()) > 1e-14 {
			t.Errorf("%d blocks: mean %v, var %v, want %v, %v", k, acc.Mean(), acc.Var(), whole.Mean(), whole.Var())
		}
	}
	other := newMoments(t, 99)
	if err := whole.Merge(&other); err == nil {
		t.Error("merging moments about another centre: no error")
	}
	if err := whole.Merge(nil); err == nil {
		t.Error("merging nil moments: no error")
	}
}
