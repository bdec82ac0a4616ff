package bands

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// type7Ref is the textbook type-7 quantile of sorted xs, written
// independently of the package: x[k] + (h−k)(x[k+1] − x[k]), h = (n−1)p.
func type7Ref(xs []float64, p float64) float64 {
	h := float64(len(xs)-1) * p
	k := int(h)
	if k >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[k] + (h-float64(k))*(xs[k+1]-xs[k])
}

func TestExactPublished(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		ps   []float64
		want []float64
	}{
		// R: quantile(1:10) gives 1.00 3.25 5.50 7.75 10.00.
		{"R quantile(1:10)", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
			[]float64{0, 0.25, 0.5, 0.75, 1}, []float64{1, 3.25, 5.5, 7.75, 10}},
		// NumPy's numpy.percentile documentation, a = [[10, 7, 4], [3, 2, 1]]:
		// percentile(a, 50) = 3.5; by column 6.5, 4.5, 2.5; by row 7, 2.
		{"numpy a", []float64{10, 7, 4, 3, 2, 1}, []float64{0.5}, []float64{3.5}},
		{"numpy a[:,0]", []float64{10, 3}, []float64{0.5}, []float64{6.5}},
		{"numpy a[:,1]", []float64{7, 2}, []float64{0.5}, []float64{4.5}},
		{"numpy a[:,2]", []float64{4, 1}, []float64{0.5}, []float64{2.5}},
		{"numpy a[0]", []float64{10, 7, 4}, []float64{0.5}, []float64{7}},
		{"numpy a[1]", []float64{3, 2, 1}, []float64{0.5}, []float64{2}},
		// Hand-checked: n = 5, h = 4p: 0.1 → 0.4 between 1 and 2; 0.9 → 3.6
		// between 8 and 16: 8 + 0.6·8.
		{"1 2 4 8 16", []float64{16, 1, 8, 2, 4}, []float64{0.1, 0.9}, []float64{1.4, 12.8}},
		{"single", []float64{-3}, []float64{0, 0.3, 1}, []float64{-3, -3, -3}},
	} {
		var e Exact
		e.AddSlice(tc.xs)
		got := make([]float64, len(tc.ps))
		if err := e.Quantiles(tc.ps, got); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-14*math.Abs(tc.want[i]) {
				t.Errorf("%s: Q(%v) = %v, want %v", tc.name, tc.ps[i], got[i], tc.want[i])
			}
		}
	}
}

func TestExactVersusSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{1, 2, 3, 10, 999, 10000} {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = math.Exp(2*r.NormFloat64()) - 1
		}
		var e Exact
		for _, x := range xs {
			e.Add(x)
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		ps := []float64{0, 1e-9, 0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975, 1 - 1e-9, 1}
		for range 50 {
			ps = append(ps, r.Float64())
		}
		got := make([]float64, len(ps))
		if err := e.Quantiles(ps, got); err != nil {
			t.Fatal(err)
		}
		for i, p := range ps {
			want := type7Ref(sorted, p)
			// The two ways of interpolating differ by rounding only.
			k := min(int(float64(n-1)*p), n-1)
			scale := math.Max(math.Abs(sorted[k]), math.Abs(sorted[min(k+1, n-1)]))
			if math.Abs(got[i]-want) > 4e-16*scale {
				t.Errorf("n %d: Q(%v) = %v, want %v", n, p, got[i], want)
			}
		}
	}
}

func TestExactMergeOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	xs := make([]float64, 5000)
	for i := range xs {
		xs[i] = r.NormFloat64()
	}
	var whole Exact
	whole.AddSlice(xs)
	want := make([]float64, len(Probs))
	if err := whole.Quantiles(Probs, want); err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{2, 3, 7} {
		blocks := make([]Exact, k)
		for b := range blocks {
			blocks[b].AddSlice(xs[b*len(xs)/k : (b+1)*len(xs)/k])
		}
		// Merge right to left, another order than the one-block run.
		acc := blocks[k-1]
		for b := k - 2; b >= 0; b-- {
			if err := acc.Merge(&blocks[b]); err != nil {
				t.Fatal(err)
			}
		}
		got := make([]float64, len(Probs))
		if err := acc.Quantiles(Probs, got); err != nil {
			t.Fatal(err)
		}
		if acc.N() != whole.N() || !slices.Equal(got, want) {
			t.Errorf("%d blocks: n %d, quantiles %v, want %d, %v", k, acc.N(), got, whole.N(), want)
		}
	}
}

func TestExactErrors(t *testing.T) {
	var e Exact
	if _, err := e.Quantile(0.5); err == nil {
		t.Error("quantile of no values: no error")
	}
	e.AddSlice([]float64{1, math.NaN(), 2, math.Inf(-1)})
	if e.N() != 2 || e.NonFinite() != 2 {
		t.Errorf("n %d, non-finite %d, want 2, 2", e.N(), e.NonFinite())
	}
	for _, p := range []float64{-0.1, 1.1, math.NaN()} {
		if _, err := e.Quantile(p); err == nil {
			t.Errorf("Quantile(%v): no error", p)
		}
	}
	if err := e.Quantiles([]float64{0.1, 0.2}, make([]float64, 1)); err == nil {
		t.Error("Quantiles into a short slice: no error")
	}
	if err := e.Merge(nil); err == nil {
		t.Error("merging nil: no error")
	}
}
