package inputs

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

func phi(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

// upper is the standard normal survival function, accurate in the tail.
func upper(x float64) float64 { return 0.5 * math.Erfc(x/math.Sqrt2) }

// truncNormalMoments is the closed form (Johnson, Kotz & Balakrishnan 1994,
// §10.1) with α = (a − μ)/σ, β = (b − μ)/σ, Z = Φ(β) − Φ(α):
//
//	mean = μ + σ (φ(α) − φ(β))/Z,
//	var  = σ² [1 + (α φ(α) − β φ(β))/Z − ((φ(α) − φ(β))/Z)²].
func truncNormalMoments(mu, sigma, a, b float64) (mean, variance float64) {
	al, be := (a-mu)/sigma, (b-mu)/sigma
	z := upper(al) - upper(be)
	pa, pb := phi(al), phi(be)
	apa, bpb := al*pa, be*pb
	if math.IsInf(al, 0) {
		apa = 0
	}
	if math.IsInf(be, 0) {
		bpb = 0
	}
	r := (pa - pb) / z
	return mu + sigma*r, sigma * sigma * (1 + (apa-bpb)/z - r*r)
}

func TestTruncatedNormal(t *testing.T) {
	cases := []struct{ mu, sigma, a, b float64 }{
		{0, 1, -2, 2},
		{0, 1, -1, 3},
		{5, 2, 6, 12},
		{0, 1, 3, 4},
		{0, 1, 5, math.Inf(1)}, // F(a) = 1 − 2.9e-7
		{0, 1, math.Inf(-1), -4},
		{10, 3, 0, math.Inf(1)},
	}
	for _, c := range cases {
		d := must(NewTruncated(must(NewNormal(c.mu, c.sigma)), c.a, c.b))
		wantMean, wantVar := truncNormalMoments(c.mu, c.sigma, c.a, c.b)
		m, v := quantileMoments(d, 20000)
		if !near(m, wantMean, 1e-5) || !near(v, wantVar, 1e-3) {
			t.Errorf("%v: mean %.10g, variance %.10g; want %.10g, %.10g", d, m, v, wantMean, wantVar)
		}
		// Quantiles from the closed form, on the side where it is accurate.
		al, be := (c.a-c.mu)/c.sigma, (c.b-c.mu)/c.sigma
		for _, p := range []float64{1e-9, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9} {
			var want float64
			if al > 0 {
				sa, sb := upper(al), upper(be)
				want = c.mu - c.sigma*distuv.UnitNormal.Quantile(sa-p*(sa-sb))
			} else {
				fa, fb := upper(-al), upper(-be) // Φ(x) = S(−x)
				want = c.mu + c.sigma*distuv.UnitNormal.Quantile(fa+p*(fb-fa))
			}
			if got := d.Quantile(p); !near(got, want, 1e-9) {
				t.Errorf("%v: Q(%g) = %.15g, want %.15g", d, p, got, want)
			}
		}
	}
}

// TestTruncatedFarTail uses distributions whose truncation to [a, ∞) has an
// exact quantile, with 1 − F(a) ≈ 1e-10: computed from F, F(a) + p(1 − F(a))
// would keep only 6 digits and round to 1 for p > 1 − 1e-6.
func TestTruncatedFarTail(t *testing.T) {
	ps := []float64{1e-12, 0.001, 0.25, 0.5, 0.75, 0.999, 1 - 1e-12}
	// Exponential: memoryless, Q(p) = a − ln(1 − p)/λ.
	e := must(NewTruncated(must(NewExponential(2)), 11.5, math.Inf(1))) // S(a) = e^−23
	for _, p := range ps {
		want := 11.5 - math.Log1p(-p)/2
		if got := e.Quantile(p); !near(got, want, 1e-13) {
			t.Errorf("%v: Q(%g) = %.17g, want %.17g", e, p, got, want)
		}
	}
	// Weibull: S(x)/S(a) = 1 − p gives x = λ((a/λ)^k − ln(1 − p))^{1/k}.
	w := must(NewTruncated(must(NewWeibull(1.5, 2)), 16, math.Inf(1))) // S(a) = e^−22.6
	for _, p := range ps {
		want := 2 * math.Pow(math.Pow(8, 1.5)-math.Log1p(-p), 1/1.5)
		if got := w.Quantile(p); !near(got, want, 1e-12) {
			t.Errorf("%v: Q(%g) = %.17g, want %.17g", w, p, got, want)
		}
	}
	// Exponential on [a, b]: Q(p) = a − ln(1 − p(1 − e^{−λ(b−a)}))/λ.
	eb := must(NewTruncated(must(NewExponential(1)), 22, 24))
	for _, p := range ps {
		want := 22 - math.Log1p(-p*(-math.Expm1(-2)))
		if got := eb.Quantile(p); !near(got, want, 1e-13) {
			t.Errorf("%v: Q(%g) = %.17g, want %.17g", eb, p, got, want)
		}
	}
	// Normal far in the upper tail: the mean of N(0, 1) on [6, ∞) is
	// φ(6)/S(6) (Mills' ratio).
	n := must(NewTruncated(must(NewNormal(0, 1)), 6, math.Inf(1)))
	m, _ := quantileMoments(n, 20000)
	if want := phi(6) / upper(6); !near(m, want, 1e-6) {
		t.Errorf("%v: mean %.12g, want %.12g", n, m, want)
	}
	for _, p := range ps {
		if q := n.Quantile(p); !(q >= 6) || math.IsInf(q, 0) {
			t.Errorf("%v: Q(%g) = %g", n, p, q)
		}
	}
}

// TestTruncatedLogNormal: ln X of a truncated lognormal is the truncated
// normal of ln X on [ln a, ln b].
func TestTruncatedLogNormal(t *testing.T) {
	for _, c := range []struct{ a, b float64 }{{1, 20}, {50, 1e4}, {1e-3, 0.5}} {
		l := must(NewTruncated(must(LogNormalMedianGSD(5, 2)), c.a, c.b))
		n := must(NewTruncated(must(NewNormal(math.Log(5), math.Log(2))), math.Log(c.a), math.Log(c.b)))
		for _, p := range []float64{1e-6, 0.1, 0.5, 0.9, 1 - 1e-6} {
			if got, want := l.Quantile(p), math.Exp(n.Quantile(p)); !near(got, want, 1e-12*want) && !near(got, want, 1e-12) {
				t.Errorf("%v: Q(%g) = %.15g, want %.15g", l, p, got, want)
			}
		}
	}
}

// TestTruncatedGamma checks (F(Q(p)) − F(a))/(F(b) − F(a)) = p with F from
// the incomplete gamma function, using the survival form in the upper tail.
func TestTruncatedGamma(t *testing.T) {
	for _, c := range []struct{ shape, rate, a, b float64 }{{2, 1, 0.5, 3}, {2, 1, 30, 40}, {0.5, 2, 0, 0.01}} {
		g := must(NewTruncated(must(NewGamma(c.shape, c.rate)), c.a, c.b))
		sa, sb := mathext.GammaIncRegComp(c.shape, c.rate*c.a), mathext.GammaIncRegComp(c.shape, c.rate*c.b)
		fa, fb := mathext.GammaIncReg(c.shape, c.rate*c.a), mathext.GammaIncReg(c.shape, c.rate*c.b)
		for _, p := range []float64{0.001, 0.2, 0.5, 0.8, 0.999} {
			x := g.Quantile(p)
			var got float64
			if fa > 0.5 {
				got = (sa - mathext.GammaIncRegComp(c.shape, c.rate*x)) / (sa - sb)
			} else {
				got = (mathext.GammaIncReg(c.shape, c.rate*x) - fa) / (fb - fa)
			}
			if x < c.a || x > c.b || math.Abs(got-p) > 1e-9 {
				t.Errorf("%v: Q(%g) = %.15g, probability below it %.15g", g, p, x, got)
			}
		}
	}
}

func TestTruncatedOneSided(t *testing.T) {
	// A bound outside the support changes nothing.
	e := must(NewExponential(1))
	te := must(NewTruncated(e, -5, math.Inf(1)))
	for _, p := range []float64{0.1, 0.5, 0.9} {
		if got, want := te.Quantile(p), e.Quantile(p); !near(got, want, 1e-15) {
			t.Errorf("%v: Q(%g) = %g, want %g", te, p, got, want)
		}
	}
	// Half-normal: N(0, 1) on [0, ∞) has Q(p) = Φ⁻¹((1 + p)/2).
	h := must(NewTruncated(must(NewNormal(0, 1)), 0, math.Inf(1)))
	for _, p := range []float64{0.1, 0.5, 0.9} {
		if got, want := h.Quantile(p), distuv.UnitNormal.Quantile((1+p)/2); !near(got, want, 1e-14) {
			t.Errorf("%v: Q(%g) = %g, want %g", h, p, got, want)
		}
	}
	if lo, hi := h.Bounds(); lo != 0 || !math.IsInf(hi, 1) {
		t.Errorf("Bounds() = %g, %g", lo, hi)
	}
}
