package bands

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func newSketch(t testing.TB, alpha float64, maxBuckets int) *Sketch {
	t.Helper()
	s, err := NewSketch(alpha, maxBuckets)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rankBound is the documented error bound for an order statistic x:
// relative α, plus half the smallest subnormal below the normal range.
func rankBound(alpha, x float64) float64 {
	if math.Abs(x) < minNormal {
		return alpha*math.Abs(x) + halfSubnormal
	}
	return alpha * math.Abs(x)
}

// checkRanks compares the estimate of every rank with the exact order
// statistic of sorted, against the relative bound alpha. It returns the
// number of violations, the first one and the largest relative error.
func checkRanks(s *Sketch, sorted []float64, alpha float64) (bad int, first string, worst float64) {
	n := uint64(len(sorted))
	if s.Count() != n {
		return len(sorted), fmt.Sprintf("sketch counts %d values, want %d", s.Count(), n), 0
	}
	ranks := make([]uint64, n)
	for k := range ranks {
		ranks[k] = uint64(k)
	}
	est := make([]float64, n)
	s.valuesAtRanks(ranks, est, n)
	for k, x := range sorted {
		e := math.Abs(est[k] - x)
		if e > rankBound(alpha, x) {
			if bad == 0 {
				first = fmt.Sprintf("rank %d: estimate %v, exact %v, error %.3g > %.3g", k, est[k], x, e, rankBound(alpha, x))
			}
			bad++
		}
		if x != 0 {
			worst = max(worst, e/math.Abs(x))
		}
	}
	return bad, first, worst
}

// checkQuantiles compares Quantile with the exact type-7 quantile for many
// probabilities, against the documented interpolated bound.
func checkQuantiles(t *testing.T, s *Sketch, sorted []float64, alpha float64) {
	t.Helper()
	ps := slices.Clone(Probs)
	for i := range 1001 {
		ps = append(ps, float64(i)/1000)
	}
	got := make([]float64, len(ps))
	if err := s.Quantiles(ps, got); err != nil {
		t.Fatal(err)
	}
	n := len(sorted)
	for i, p := range ps {
		h := float64(n-1) * p
		k := min(int(h), n-1)
		w := h - float64(k)
		a, b := sorted[k], sorted[min(k+1, n-1)]
		want := type7Ref(sorted, p)
		bound := (1-w)*rankBound(alpha, a) + w*rankBound(alpha, b) + 4e-16*(math.Abs(a)+math.Abs(b))
		if e := math.Abs(got[i] - want); e > bound {
			t.Errorf("Q(%v) = %v, exact %v: error %.3g > %.3g", p, got[i], want, e, bound)
		}
	}
}

func TestMappingGuarantee(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	draws := 200000
	if testing.Short() {
		draws = 20000
	}
	for _, alpha := range []float64{MinAlpha, 1e-4, DefaultAlpha, 0.05, MaxAlpha} {
		mp, err := newMapping(alpha)
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		check := func(x float64) {
			if x < MinIndexable || x > math.MaxFloat64 {
				return
			}
			i := mp.index(x)
			if i < mp.lo || i > mp.hi {
				t.Fatalf("α %v: index(%v) = %d outside [%d, %d]", alpha, x, i, mp.lo, mp.hi)
			}
			if e := math.Abs(mp.value(i) - x); e > rankBound(alpha, x) {
				t.Fatalf("α %v: x %v in bucket %d of value %v: error %v > %v", alpha, x, i, mp.value(i), e, rankBound(alpha, x))
			}
			if x >= minNormal {
				worst = max(worst, math.Abs(mp.value(i)-x)/x)
			}
		}
		xs := []float64{MinIndexable, 2 * MinIndexable, 3 * MinIndexable, minNormal, math.Nextafter(minNormal, 0),
			math.MaxFloat64, 1, 2, 0.5, math.Nextafter(1, 0), math.Nextafter(2, 0)}
		for range draws {
			xs = append(xs, math.Ldexp(1+r.Float64(), r.IntN(2046)-1022))
			// Subnormals: every bit pattern below the normal range.
			xs = append(xs, math.Float64frombits(r.Uint64N(1<<52-1)+1))
		}
		for _, x := range xs {
			check(x)
		}
		// Bucket edges, where the error is largest and rounding matters.
		for range draws / 10 {
			f, e := mp.lowerBound(mp.lo + 1 + r.IntN(mp.hi-mp.lo-1))
			x := math.Ldexp(f, e)
			for range 3 {
				check(x)
				check(math.Nextafter(x, 0))
				x = math.Nextafter(x, math.Inf(1))
			}
		}
		// An integer number of buckets per binade makes them finer than
		// needed by up to a bucket in m: check when that is below 5 %.
		lnGamma := math.Log1p(alpha) - math.Log1p(-alpha)
		if float64(mp.m) < 1.05*7/(10*lnGamma) && worst < 0.95*alpha {
			t.Errorf("α %v: largest relative error %v: the buckets are narrower than they need be", alpha, worst)
		}
		slices.Sort(xs)
		for k := 1; k < len(xs); k++ {
			if mp.index(xs[k]) < mp.index(xs[k-1]) {
				t.Fatalf("α %v: index not monotone: index(%v) = %d < index(%v) = %d", alpha, xs[k], mp.index(xs[k]), xs[k-1], mp.index(xs[k-1]))
			}
		}
	}
}

// samples draws n values of a named distribution.
func samples(name string, n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	xs := make([]float64, n)
	for i := range xs {
		switch name {
		case "uniform":
			xs[i] = r.Float64()
		case "lognormal":
			xs[i] = 1e3 * math.Exp(1.5*r.NormFloat64())
		case "lognormal-sdlog100": // issue 8: 430 decades
			xs[i] = math.Exp(24 + 100*r.NormFloat64())
		case "cauchy": // heavy tails of both signs
			xs[i] = math.Tan(math.Pi * (r.Float64() - 0.5))
		case "constant":
			xs[i] = 3.7
		case "subnormal+huge": // every scale of both signs, zeros
			switch r.IntN(5) {
			case 0:
				xs[i] = math.Float64frombits(r.Uint64N(1<<52-1) + 1)
			case 1:
				xs[i] = -math.Ldexp(1+r.Float64(), 900+r.IntN(124))
			case 2:
				xs[i] = 0
			default:
				xs[i] = math.Ldexp(r.Float64()-0.5, r.IntN(2000)-1000)
			}
		case "normal":
			xs[i] = 0.5 + r.NormFloat64()
		case "uniform+zeros":
			if r.IntN(5) == 0 {
				xs[i] = 0
			} else {
				xs[i] = r.Float64()
			}
		}
	}
	return xs
}

func TestSketchAccuracy(t *testing.T) {
	n := 1 << 20
	if testing.Short() {
		n = 1 << 16
	}
	for _, dist := range []string{"uniform", "lognormal", "normal", "uniform+zeros", "lognormal-sdlog100", "cauchy", "constant", "subnormal+huge"} {
		t.Run(dist, func(t *testing.T) {
			xs := samples(dist, n, 1)
			s := newSketch(t, DefaultAlpha, DefaultMaxBuckets)
			s.AddSlice(xs)
			sorted := slices.Clone(xs)
			slices.Sort(sorted)
			bad, first, worst := checkRanks(s, sorted, DefaultAlpha)
			if bad > 0 {
				t.Errorf("%d of %d ranks outside the relative error %v; %s", bad, n, DefaultAlpha, first)
			}
			// The bound is nearly attained, so a sketch twice as coarse as
			// documented would fail the check above.
			if worst < 0.9*DefaultAlpha && dist != "constant" {
				t.Errorf("largest relative error %.4g is far below α = %v", worst, DefaultAlpha)
			}
			checkQuantiles(t, s, sorted, DefaultAlpha)
			if s.Collapsed() {
				t.Error("sketch collapsed")
			}
			t.Logf("%d buckets, largest relative error %.5f", s.Buckets(), worst)
		})
	}
}

func TestSketchCheckCanFail(t *testing.T) {
	// A sketch built with twice the documented α must fail the check.
	xs := samples("lognormal", 1<<16, 2)
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	s := newSketch(t, 2*DefaultAlpha, DefaultMaxBuckets)
	s.AddSlice(xs)
	if bad, _, _ := checkRanks(s, sorted, DefaultAlpha); bad == 0 {
		t.Error("a sketch of α = 0.01 passed the check of α = 0.005")
	}
}

func TestSketchEdges(t *testing.T) {
	xs := []float64{-math.MaxFloat64, -1e300, -MinIndexable, -5e-324, 0, math.Copysign(0, -1),
		5e-324, MinIndexable, 1e-300, 1, 1e300, math.MaxFloat64}
	// The whole float64 range takes about 143,000 buckets at α = 0.005.
	s := newSketch(t, DefaultAlpha, 1<<18)
	for _, x := range xs {
		s.Add(x)
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	if bad, first, _ := checkRanks(s, sorted, DefaultAlpha); bad > 0 {
		t.Errorf("%d ranks outside the bound; %s", bad, first)
	}
	if s.Collapsed() {
		t.Error("sketch collapsed")
	}
	if q, _ := s.Quantile(0); q != -math.MaxFloat64 {
		t.Errorf("Q(0) = %v, want -MaxFloat64", q)
	}
	if q, _ := s.Quantile(1); q != math.MaxFloat64 {
		t.Errorf("Q(1) = %v, want MaxFloat64", q)
	}
	s.Add(math.NaN())
	s.Add(math.Inf(1))
	if s.NonFinite() != 2 || s.Count() != uint64(len(xs)) {
		t.Errorf("non-finite %d, count %d, want 2, %d", s.NonFinite(), s.Count(), len(xs))
	}
}

// encodeSketch returns the binary form of s, which depends only on its state.
func encodeSketch(s *Sketch) []byte {
	e := &encoder{}
	s.encode(e)
	return e.b
}

// mergeShuffled splits xs into k blocks, adds each block in its own sketch
// in a random order and merges the sketches in a random order.
func mergeShuffled(t *testing.T, xs []float64, k int, alpha float64, maxBuckets int, r *rand.Rand) *Sketch {
	t.Helper()
	var parts []*Sketch
	for b := range k {
		blk := slices.Clone(xs[b*len(xs)/k : (b+1)*len(xs)/k])
		r.Shuffle(len(blk), func(i, j int) { blk[i], blk[j] = blk[j], blk[i] })
		s := newSketch(t, alpha, maxBuckets)
		s.AddSlice(blk)
		parts = append(parts, s)
	}
	for len(parts) > 1 {
		i := r.IntN(len(parts) - 1)
		if err := parts[i].Merge(parts[i+1]); err != nil {
			t.Fatal(err)
		}
		parts = slices.Delete(parts, i+1, i+2)
	}
	return parts[0]
}

func TestSketchMergeIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	for _, tc := range []struct {
		dist       string
		maxBuckets int
	}{{"lognormal", DefaultMaxBuckets}, {"normal", DefaultMaxBuckets}, {"lognormal", 64}, {"normal", 32}} {
		xs := samples(tc.dist, 50000, 3)
		whole := newSketch(t, DefaultAlpha, tc.maxBuckets)
		whole.AddSlice(xs)
		want := encodeSketch(whole)
		wantQ := make([]float64, len(Probs))
		if err := whole.Quantiles(Probs, wantQ); err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{2, 5, 16} {
			s := mergeShuffled(t, xs, k, DefaultAlpha, tc.maxBuckets, r)
			if !bytes.Equal(encodeSketch(s), want) {
				t.Errorf("%s, %d buckets, %d blocks: merged state differs from the one-block state", tc.dist, tc.maxBuckets, k)
			}
			q := make([]float64, len(Probs))
			if err := s.Quantiles(Probs, q); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(q, wantQ) {
				t.Errorf("%s, %d blocks: quantiles %v, want %v", tc.dist, k, q, wantQ)
			}
		}
	}
}

func TestSketchCollapse(t *testing.T) {
	// 64 buckets cover a factor 1.01^64 ≈ 1.9; lognormal values span far more.
	const maxBuckets = 64
	xs := samples("lognormal", 20000, 4)
	s := newSketch(t, DefaultAlpha, maxBuckets)
	s.AddSlice(xs)
	if !s.Collapsed() || len(s.pos.counts) != maxBuckets {
		t.Fatalf("collapsed %v with %d buckets, want true, %d", s.Collapsed(), len(s.pos.counts), maxBuckets)
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	floor := s.pos.offset
	upper := s.mp.value(floor) * (1 + DefaultAlpha) / (1 - DefaultAlpha) // above the floor bucket
	ranks := make([]uint64, len(sorted))
	for k := range ranks {
		ranks[k] = uint64(k)
	}
	est := make([]float64, len(sorted))
	s.valuesAtRanks(ranks, est, uint64(len(sorted)))
	kept := 0
	for k, x := range sorted {
		if s.mp.index(x) > floor {
			kept++
			if math.Abs(est[k]-x) > DefaultAlpha*x {
				t.Fatalf("rank %d above the folded bucket: estimate %v, exact %v", k, est[k], x)
			}
		} else if math.Abs(est[k]-x) > upper {
			t.Fatalf("rank %d in the folded bucket: estimate %v, exact %v, error above %v", k, est[k], x, upper)
		}
	}
	if kept == 0 || kept == len(sorted) {
		t.Errorf("%d of %d values above the folded bucket", kept, len(sorted))
	}
	if top := sorted[len(sorted)-1]; s.mp.index(top) != floor+maxBuckets-1 {
		t.Errorf("the largest value is in bucket %d, the top bucket is %d", s.mp.index(top), floor+maxBuckets-1)
	}
}

func TestSketchErrors(t *testing.T) {
	for _, alpha := range []float64{0, -0.01, math.NaN(), 0.6, 1, MinAlpha / 2} {
		if _, err := NewSketch(alpha, DefaultMaxBuckets); err == nil {
			t.Errorf("NewSketch(%v): no error", alpha)
		}
	}
	for _, m := range []int{-1, 0, 1, 1<<24 + 1} {
		if _, err := NewSketch(DefaultAlpha, m); err == nil {
			t.Errorf("NewSketch with %d buckets: no error", m)
		}
	}
	s := newSketch(t, DefaultAlpha, DefaultMaxBuckets)
	if _, err := s.Quantile(0.5); err == nil {
		t.Error("quantile of an empty sketch: no error")
	}
	s.Add(1)
	for _, p := range []float64{-1e-9, 1.5, math.NaN()} {
		if _, err := s.Quantile(p); err == nil {
			t.Errorf("Quantile(%v): no error", p)
		}
	}
	if _, err := s.ValueAtRank(1); err == nil {
		t.Error("rank 1 of one value: no error")
	}
	if v, err := s.ValueAtRank(0); err != nil || v != 1 {
		t.Errorf("rank 0 of {1}: %v, %v", v, err)
	}
	if err := s.Merge(newSketch(t, 0.01, DefaultMaxBuckets)); err == nil {
		t.Error("merging a sketch of another α: no error")
	}
	if err := s.Merge(newSketch(t, DefaultAlpha, 100)); err == nil {
		t.Error("merging a sketch of another bucket cap: no error")
	}
	if err := s.Merge(nil); err == nil {
		t.Error("merging nil: no error")
	}
}

// TestMappingTable: the lookup table and the bucket bounds agree exactly:
// every bucket's lower bound is indexed in that bucket and the float64 just
// below it in the previous one, in normal and subnormal binades, and no
// bucket spans more than a factor γ.
func TestMappingTable(t *testing.T) {
	for _, alpha := range []float64{MinAlpha, 1e-4, 1e-3, DefaultAlpha, 0.05, MaxAlpha} {
		mp, err := newMapping(alpha)
		if err != nil {
			t.Fatal(err)
		}
		gamma := (1 + alpha) / (1 - alpha)
		for _, e := range []int{-1070, -1030, -1, 0, 1, 700, 1023} {
			for j := range mp.m {
				i := mp.m*e + j
				f, fe := mp.lowerBound(i)
				x := math.Ldexp(f, fe)
				if x < MinIndexable || x > math.MaxFloat64 || math.Ldexp(x, -fe) != f {
					continue // not representable (subnormal precision)
				}
				if got := mp.index(x); got != i {
					t.Fatalf("α %v: lower bound %v of bucket %d indexed %d", alpha, x, i, got)
				}
				if below := math.Nextafter(x, 0); below >= MinIndexable && x >= minNormal {
					if got := mp.index(below); got != i-1 {
						t.Fatalf("α %v: %v, just below bucket %d, indexed %d", alpha, below, i, got)
					}
				}
				if fh, eh := mp.lowerBound(i + 1); math.Ldexp(fh, eh-fe)/f > gamma {
					t.Fatalf("α %v: bucket %d spans a factor %v > γ = %v", alpha, i, math.Ldexp(fh, eh-fe)/f, gamma)
				}
			}
		}
		if mp.lo != -1074*mp.m || mp.hi != 1024*mp.m-1 {
			t.Errorf("α %v: indices %d to %d, want %d to %d", alpha, mp.lo, mp.hi, -1074*mp.m, 1024*mp.m-1)
		}
	}
}

// TestSketchAddSliceEqualsAdd: AddSlice leaves the sketch exactly as Add on
// each value does, for values of both signs in random order, zeros,
// subnormals, non-finite values, and windows that move or fold (small
// bucket caps), in blocks of several lengths.
func TestSketchAddSliceEqualsAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	xs := make([]float64, 1<<15)
	for i := range xs {
		switch r.IntN(12) {
		case 0:
			xs[i] = 0
		case 1:
			xs[i] = math.Copysign(5e-324*float64(r.IntN(1000)+1), r.Float64()-0.5)
		case 2:
			xs[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64}[r.IntN(5)]
		default:
			xs[i] = r.NormFloat64() * math.Exp(4*r.NormFloat64())
		}
	}
	for _, buckets := range []int{2, 64, 4096, DefaultMaxBuckets} {
		one, sl := newSketch(t, DefaultAlpha, buckets), newSketch(t, DefaultAlpha, buckets)
		for _, x := range xs {
			one.Add(x)
		}
		for at, k := 0, 1; at < len(xs); at, k = at+k, k*3%1000+1 {
			sl.AddSlice(xs[at:min(at+k, len(xs))])
		}
		if !reflect.DeepEqual(one, sl) {
			t.Errorf("%d buckets: AddSlice and Add differ: %d/%d buckets, zero %d/%d, non-finite %d/%d, min %v/%v, max %v/%v",
				buckets, one.Buckets(), sl.Buckets(), one.zero, sl.zero, one.nonFinite, sl.nonFinite, one.minV, sl.minV, one.maxV, sl.maxV)
		}
	}
}
