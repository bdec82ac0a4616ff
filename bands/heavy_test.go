package bands

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// bigMoments returns the mean and sample SD of ys in 256-bit arithmetic,
// whose exponent range holds any sum of float64 squares.
func bigMoments(ys []float64) (mean, sd float64) {
	const prec = 256
	n := new(big.Float).SetPrec(prec).SetInt64(int64(len(ys)))
	sum := new(big.Float).SetPrec(prec)
	for _, y := range ys {
		sum.Add(sum, big.NewFloat(y))
	}
	m := new(big.Float).SetPrec(prec).Quo(sum, n)
	ss := new(big.Float).SetPrec(prec)
	d := new(big.Float).SetPrec(prec)
	for _, y := range ys {
		d.Sub(big.NewFloat(y), m)
		ss.Add(ss, d.Mul(d, d))
	}
	ss.Quo(ss, new(big.Float).SetPrec(prec).SetInt64(int64(len(ys)-1)))
	ss.Sqrt(ss)
	mean, _ = m.Float64()
	sd, _ = ss.Float64() // +Inf beyond the float64 range
	return mean, sd
}

// TestHeavyTailBand is the example of issue 8: one lognormal output with
// sdlog 100 and median e^24 ≈ 2.6e10. The sums of squares overflowed (SD
// NaN) and the sketch folded its buckets (every quantile 3.9e143). Now the
// moments match a 256-bit computation, every quantile is within α of the
// exact type-7 quantile of the same values, the median is near the
// analytical one, and nothing is flagged.
func TestHeavyTailBand(t *testing.T) {
	n := 1 << 18
	if testing.Short() {
		n = 1 << 14
	}
	const mu, sigma = 24.0, 100.0
	r := rand.New(rand.NewPCG(8, 2))
	ys := make([]float64, n)
	for i := range ys {
		ys[i] = math.Exp(mu + sigma*r.NormFloat64())
	}
	// The engine's centre: the mean of the first 64 values.
	var c float64
	for _, y := range ys[:64] {
		c += y / 64
	}
	a := newAcc(t, 1, []float64{c}, false)
	for at := 0; at < n; at += 1000 {
		if err := a.Add([][]float64{ys[at:min(at+1000, n)]}); err != nil {
			t.Fatal(err)
		}
	}
	bs, err := a.Bands()
	if err != nil {
		t.Fatal(err)
	}
	b := bs[0]
	if b.Flag != "" {
		t.Errorf("flagged: %s", b.Flag)
	}
	mean, sd := bigMoments(ys)
	if relErr(b.Mean, mean) > 1e-12 || relErr(b.SD, sd) > 1e-12 {
		t.Errorf("mean %v, sd %v; 256-bit: %v, %v", b.Mean, b.SD, mean, sd)
	}
	sorted := slices.Clone(ys)
	slices.Sort(sorted)
	for i, p := range Probs {
		want := type7Ref(sorted, p)
		if got := b.Quantiles()[i]; math.Abs(got-want) > DefaultAlpha*want {
			t.Errorf("q%v = %v, exact %v", p, got, want)
		}
	}
	// Analytical median e^μ; the sample median's log has sd σ·√(π/2)/√n.
	if tol := 4 * sigma * math.Sqrt(math.Pi/2/float64(n)); math.Abs(math.Log(b.Q50)-mu) > tol {
		t.Errorf("q50 = %v, analytical median %v (log tolerance %.2f)", b.Q50, math.Exp(mu), tol)
	}
	if !(b.Q025 < b.Q25 && b.Q25 < b.Q50 && b.Q50 < b.Q75 && b.Q75 < b.Q975) {
		t.Errorf("quantiles not increasing: %v", b.Quantiles())
	}
}

// TestMomentsOverflow: sums of squares past MaxFloat64 are rescaled; the
// results match 256-bit arithmetic, do not depend on batching or on the
// merge split, and an SD beyond the float64 range is +Inf and flagged.
func TestMomentsOverflow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 9))
	mixed := make([]float64, 5000)
	for i := range mixed {
		switch i % 3 {
		case 0:
			mixed[i] = r.NormFloat64()
		case 1:
			mixed[i] = 1e300 * r.Float64()
		default:
			mixed[i] = -math.Ldexp(1+r.Float64(), r.IntN(1023))
		}
	}
	// Centres as the engine takes them, a pilot mean (here of the first
	// values), except the last two: a centre far from the mean costs
	// precision (relative error n·ε·κ², see Moments), not range.
	for _, tc := range []struct {
		name   string
		ys     []float64
		centre float64
		tol    float64
	}{
		{"mixed scales", mixed, -5e305, 1e-12},
		{"1e300 constant", slices.Repeat([]float64{1e300}, 1000), 1e300, 0},
		{"huge about a small centre", []float64{1e200, 3e200, -2e200, 5, 7e199}, 1, 1e-12},
		{"mixed scales, centre 0", mixed, 0, 1e-12},
		{"mixed scales, far centre", mixed, -1e307, 1e-9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := newMoments(t, tc.centre)
			for _, y := range tc.ys {
				one.Add(y)
			}
			mean, sd := bigMoments(tc.ys)
			if relErr(one.Mean(), mean) > 1e-12 && math.Abs(one.Mean()-mean) > 1e-12*sd {
				t.Errorf("mean %v, 256-bit %v", one.Mean(), mean)
			}
			if relErr(one.SD(), sd) > tc.tol {
				t.Errorf("sd %v, 256-bit %v", one.SD(), sd)
			}
			// Batched differently and merged in blocks: the same bits as
			// one merge order of the engine (blocks in order).
			for _, k := range []int{1, 3, 7} {
				acc := newMoments(t, tc.centre)
				for b := range k {
					blk := newMoments(t, tc.centre)
					part := tc.ys[b*len(tc.ys)/k : (b+1)*len(tc.ys)/k]
					for at := 0; at < len(part); at += 37 {
						blk.AddSlice(part[at:min(at+37, len(part))])
					}
					if k == 1 && blk != one {
						t.Errorf("batches of 37: %+v, one by one %+v", blk, one)
					}
					if err := acc.Merge(&blk); err != nil {
						t.Fatal(err)
					}
				}
				if relErr(acc.SD(), sd) > tc.tol {
					t.Errorf("%d blocks: sd %v, 256-bit %v", k, acc.SD(), sd)
				}
			}
		})
	}
	// Values spanning the whole range: the SD exceeds MaxFloat64.
	wide := []float64{-math.MaxFloat64, math.MaxFloat64}
	a := newAcc(t, 1, nil, false)
	a.Add([][]float64{wide})
	bs, err := a.Bands()
	if err != nil {
		t.Fatal(err)
	}
	if b := bs[0]; !math.IsInf(b.SD, 1) || b.Flag != "sd beyond the float64 range" || !isFinite(b.Mean) {
		t.Errorf("band of ±MaxFloat64: %+v", b)
	}
}

// TestBandFlaggedWhenFolded: a sketch capped below the span of its values
// folds, and the band says so instead of looking fine.
func TestBandFlaggedWhenFolded(t *testing.T) {
	a := newAcc(t, 1, nil, false)
	if err := a.sketches[0].init(DefaultAlpha, 64); err != nil {
		t.Fatal(err)
	}
	a.maxBuckets = 64
	a.Add([][]float64{samples("lognormal", 5000, 4)})
	bs, err := a.Bands()
	if err != nil {
		t.Fatal(err)
	}
	if !a.sketches[0].Collapsed() || bs[0].Flag == "" {
		t.Errorf("folded sketch: collapsed %v, flag %q", a.sketches[0].Collapsed(), bs[0].Flag)
	}
}
