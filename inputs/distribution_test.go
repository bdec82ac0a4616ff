package inputs

import (
	"math"
	"testing"
)

// quantileMoments returns E[X] and Var[X] = E[X²] − E[X]² by the midpoint
// rule on ∫₀¹ Q(p) dp and ∫₀¹ Q(p)² dp with n intervals.
func quantileMoments(d Distribution, n int) (mean, variance float64) {
	var s1, s2 float64
	for i := 0; i < n; i++ {
		q := d.Quantile((float64(i) + 0.5) / float64(n))
		s1 += q
		s2 += q * q
	}
	mean = s1 / float64(n)
	return mean, s2/float64(n) - mean*mean
}

func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// must unwraps a constructor's result in tests; an error there is a bug of
// the test table.
func must[D any](d D, err error) D {
	if err != nil {
		panic(err)
	}
	return d
}

// TestMoments checks every family's mean and variance, integrated from its
// quantile function, against the closed forms.
func TestMoments(t *testing.T) {
	// The midpoint rule converges slowly where Q is singular (the ends of a
	// beta, the mode of a triangle, unbounded tails): tolerances follow.
	const n = 50000
	lnMu, lnSigma := 1.0, 0.5
	pert := func(lo, mode, hi, lambda float64) (mean, variance float64) {
		mean = (lo + lambda*mode + hi) / (lambda + 2)
		return mean, (mean - lo) * (hi - mean) / (lambda + 3)
	}
	pm, pv := pert(1, 2, 10, 4)
	pm2, pv2 := pert(0, 9, 10, 1.5)
	k, lam := 1.7, 3.0 // Weibull shape and scale
	g1, g2 := math.Gamma(1+1/k), math.Gamma(1+2/k)
	emp := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	// Type 7 is the piecewise-linear interpolation of the sorted sample at
	// p = i/(n−1): its integral is the trapezoid rule on the order statistics.
	sorted := []float64{1, 1, 2, 3, 4, 5, 6, 9}
	trap := (sorted[0]/2 + 1 + 2 + 3 + 4 + 5 + 6 + sorted[7]/2) / 7
	trap2 := 0.0 // ∫ of the squared linear interpolant, segment by segment
	for i := 0; i+1 < len(sorted); i++ {
		a, b := sorted[i], sorted[i+1]
		trap2 += (a*a + a*b + b*b) / 3 / 7
	}
	sampleMean := 31.0 / 8
	sampleVar := (9+1+16+1+25+81+4+36)/8.0 - sampleMean*sampleMean

	cases := []struct {
		d              Distribution
		mean, variance float64
		tol            float64
	}{
		{Constant{Value: 2.5}, 2.5, 0, 1e-12},
		{must(NewUniform(-2, 6)), 2, 64.0 / 12, 1e-9},
		{must(NewLogUniform(1, 100)), 99 / math.Log(100), (100*100-1)/(2*math.Log(100)) - math.Pow(99/math.Log(100), 2), 1e-6},
		{must(NewNormal(10, 2)), 10, 4, 1e-4},
		{must(NewLogNormal(lnMu, lnSigma)), math.Exp(lnMu + lnSigma*lnSigma/2), (math.Exp(lnSigma*lnSigma) - 1) * math.Exp(2*lnMu+lnSigma*lnSigma), 1e-3},
		{must(NewTriangular(0, 1, 4)), 5.0 / 3, (0 + 1 + 16 - 0 - 0 - 4) / 18.0, 1e-5},
		{must(NewTriangular(2, 2, 5)), 3, (4 + 4 + 25 - 4 - 10 - 10) / 18.0, 1e-5},
		{must(NewPERT(1, 2, 10, 4)), pm, pv, 2e-5},
		{must(NewPERT(0, 9, 10, 1.5)), pm2, pv2, 2e-5},
		{must(NewBeta(2, 5, 0, 1)), 2.0 / 7, 10.0 / (49 * 8), 2e-5},
		{must(NewBeta(0.5, 0.5, 10, 14)), 12, 16 * 0.25 / (1 * 2), 1e-5},
		{must(NewGamma(3, 2)), 1.5, 0.75, 1e-4},
		{must(NewGammaScale(0.7, 4)), 2.8, 0.7 * 16, 1e-3},
		{must(NewWeibull(k, lam)), lam * g1, lam * lam * (g2 - g1*g1), 1e-4},
		{must(NewExponential(0.5)), 2, 4, 1e-3},
		{must(NewDiscrete([]float64{1, 2, 3}, []float64{0.2, 0.5, 0.3})), 2.1, 0.2 + 2 + 2.7 - 2.1*2.1, 1e-9},
		{must(NewEmpirical(emp, Linear)), trap, trap2 - trap*trap, 1e-8},
		{must(NewEmpirical(emp, Step)), sampleMean, sampleVar, 1e-9},
	}
	for _, c := range cases {
		m, v := quantileMoments(c.d, n)
		t.Logf("%v: relative errors %.2g %.2g", c.d, (m-c.mean)/math.Max(1, math.Abs(c.mean)), (v-c.variance)/math.Max(1, math.Abs(c.variance)))
		if !near(m, c.mean, c.tol) || !near(v, c.variance, c.tol) {
			t.Errorf("%v: mean %.10g, variance %.10g; want %.10g, %.10g (tol %g)", c.d, m, v, c.mean, c.variance, c.tol)
		}
	}
}

// TestQuantiles checks quantiles against closed forms.
func TestQuantiles(t *testing.T) {
	phi1 := 0.8413447460685429 // Φ(1)
	cases := []struct {
		d       Distribution
		p, want float64
	}{
		{Constant{Value: -4}, 0.3, -4},
		{must(NewUniform(-2, 6)), 0.25, 0},
		{must(NewLogUniform(1, 100)), 0.5, 10},
		{must(NewLogUniform(1, 100)), 0.25, math.Sqrt(10)},
		{must(NewLogUniform(0.01, 1)), 1, 1},
		{must(NewNormal(10, 2)), 0.975, 10 + 2*1.959963984540054},
		{must(NewNormal(10, 2)), phi1, 12},
		{must(NewLogNormal(1, 0.5)), 0.5, math.E},
		{must(NewLogNormal(1, 0.5)), phi1, math.Exp(1.5)},
		{must(NewTriangular(0, 1, 2)), 0.125, 0.5},
		{must(NewTriangular(0, 1, 2)), 0.875, 1.5},
		{must(NewTriangular(0, 0, 1)), 0.75, 0.5}, // Q(p) = 1 − √(1 − p)
		{must(NewPERT(0, 0.5, 1, 4)), 0.5, 0.5},
		{must(NewBeta(2, 1, 0, 1)), 0.49, 0.7},                              // Q(p) = √p
		{must(NewBeta(1, 3, 10, 20)), 0.875, 15},                            // Q(p) = 1 − (1 − p)^{1/3}
		{must(NewGamma(1, 2)), 0.75, math.Log(4) / 2},                       // exponential
		{must(NewGammaScale(1, 0.5)), 0.75, math.Log(4) / 2},                // same, by its scale
		{must(NewWeibull(2, 3)), 1 - math.Exp(-4), 6},                       // (x/λ)^k = 4
		{must(NewWeibull(0.5, 2)), 1 - math.Exp(-3), 18},                    // (x/2)^0.5 = 3
		{must(NewExponential(4)), 0.5, math.Ln2 / 4},                        // median
		{must(NewDiscrete([]float64{3, 1, 2}, []float64{3, 2, 5})), 0.2, 1}, // cumulative 0.2, 0.7, 1
		{must(NewDiscrete([]float64{3, 1, 2}, []float64{3, 2, 5})), 0.2000001, 2},
		{must(NewDiscrete([]float64{3, 1, 2}, []float64{3, 2, 5})), 0.7, 2},
		{must(NewDiscrete([]float64{3, 1, 2}, []float64{3, 2, 5})), 0.71, 3},
		{must(NewDiscrete([]float64{3, 1, 2}, nil)), 0.5, 2},
	}
	for _, c := range cases {
		if got := c.d.Quantile(c.p); !near(got, c.want, 1e-12) {
			t.Errorf("%v: Q(%g) = %.17g, want %.17g", c.d, c.p, got, c.want)
		}
	}
}

// TestQuantilesCDF checks F(Q(p)) = p where F has a closed form and Q does
// not.
func TestQuantilesCDF(t *testing.T) {
	cases := []struct {
		d   Distribution
		cdf func(x float64) float64
	}{
		{must(NewPERT(0, 0.5, 1, 2)), func(x float64) float64 { return 3*x*x - 2*x*x*x }}, // Beta(2, 2)
		{must(NewPERT(0, 0.5, 1, 4)), func(x float64) float64 { // Beta(3, 3)
			return 10*math.Pow(x, 3) - 15*math.Pow(x, 4) + 6*math.Pow(x, 5)
		}},
		{must(NewPERT(-2, -2, 2, 4)), func(x float64) float64 { // Beta(1, 5) on [−2, 2]
			return 1 - math.Pow(1-(x+2)/4, 5)
		}},
		{must(NewGamma(2, 1)), func(x float64) float64 { return 1 - math.Exp(-x)*(1+x) }},
		{must(NewGammaScale(2, 3)), func(x float64) float64 { return 1 - math.Exp(-x/3)*(1+x/3) }},
		{must(NewGamma(3, 0.5)), func(x float64) float64 {
			y := x / 2
			return 1 - math.Exp(-y)*(1+y+y*y/2)
		}},
	}
	for _, c := range cases {
		for _, p := range []float64{0.001, 0.1, 0.37, 0.5, 0.8, 0.999} {
			if got := c.cdf(c.d.Quantile(p)); math.Abs(got-p) > 1e-10 {
				t.Errorf("%v: F(Q(%g)) = %.15g", c.d, p, got)
			}
		}
	}
}

// TestLogNormalForms checks that the three parametrisations describe the
// same distribution and that p5/p95 are its 5th and 95th percentiles.
func TestLogNormalForms(t *testing.T) {
	const median, gsd = 5.0, 2.0
	a := must(NewLogNormal(math.Log(median), math.Log(gsd)))
	b := must(LogNormalMedianGSD(median, gsd))
	z := 1.6448536269514722
	c := must(LogNormalP5P95(median*math.Pow(gsd, -z), median*math.Pow(gsd, z)))
	for _, p := range []float64{1e-6, 0.05, 0.3, 0.5, 0.95, 0.999} {
		qa, qb, qc := a.Quantile(p), b.Quantile(p), c.Quantile(p)
		if !near(qb, qa, 1e-13) || !near(qc, qa, 1e-12) {
			t.Errorf("Q(%g): meanlog/sdlog %.15g, median/gsd %.15g, p5/p95 %.15g", p, qa, qb, qc)
		}
	}
	d := must(LogNormalP5P95(5, 200))
	if q := d.Quantile(0.05); !near(q, 5, 1e-12) {
		t.Errorf("p5 = 5: Q(0.05) = %.15g", q)
	}
	if q := d.Quantile(0.95); !near(q, 200, 1e-12) {
		t.Errorf("p95 = 200: Q(0.95) = %.15g", q)
	}
	if q := d.Quantile(0.5); !near(q, math.Sqrt(5*200), 1e-12) {
		t.Errorf("median = √(p5·p95) = %.15g, got %.15g", math.Sqrt(1000), q)
	}
	if q := b.Quantile(0.8413447460685429); !near(q, median*gsd, 1e-12) { // Φ(1)
		t.Errorf("Q(Φ(1)) = median·gsd = 10, got %.15g", q)
	}
}

func TestStrings(t *testing.T) {
	cases := []struct {
		d    Distribution
		want string
	}{
		{Constant{Value: 3}, "constant(value=3)"},
		{must(NewUniform(-3.141592653589793, 3.141592653589793)), "uniform(min=-3.141592653589793, max=3.141592653589793)"},
		{must(NewLogUniform(0.1, 10)), "loguniform(min=0.1, max=10)"},
		{must(NewNormal(0, 1)), "normal(mean=0, sd=1)"},
		{must(NewLogNormal(1, 0.5)), "lognormal(meanlog=1, sdlog=0.5)"},
		{must(LogNormalMedianGSD(5, 2)), "lognormal(median=5, gsd=2)"},
		{must(LogNormalP5P95(5, 200)), "lognormal(p5=5, p95=200)"},
		{must(NewTriangular(0, 1, 2)), "triangular(min=0, mode=1, max=2)"},
		{must(NewPERT(0, 1, 5, 4)), "pert(min=0, mode=1, max=5, lambda=4)"},
		{must(NewBeta(2, 3, 0, 1)), "beta(alpha=2, beta=3)"},
		{must(NewBeta(2, 3, 1, 5)), "beta(alpha=2, beta=3, min=1, max=5)"},
		{must(NewGamma(2, 0.5)), "gamma(shape=2, rate=0.5)"},
		{must(NewGammaScale(2, 3)), "gamma(shape=2, scale=3)"},
		{must(NewWeibull(1.5, 2)), "weibull(shape=1.5, scale=2)"},
		{must(NewExponential(0.25)), "exponential(rate=0.25)"},
		{must(NewDiscrete([]float64{3, 1, 2}, []float64{0.3, 0.2, 0.5})), "discrete(values=[1, 2, 3], weights=[0.2, 0.5, 0.3])"},
		{must(NewEmpirical([]float64{3, 1, 2}, Step)), "empirical(n=3, values=[1, 2, 3], interpolation=step)"},
		{must(NewTruncated(Normal{Mean: 0, SD: 1}, -2, 2)), "normal(mean=0, sd=1, min=-2, max=2)"},
		{must(NewTruncated(Exponential{Rate: 1}, 3, math.Inf(1))), "exponential(rate=1, min=3)"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
	// A large sample is summarised by a digest that changes with the data.
	big := make([]float64, 100)
	for i := range big {
		big[i] = float64(i)
	}
	e1 := must(NewEmpirical(big, Linear))
	big[50] = 50.5
	e2 := must(NewEmpirical(big, Linear))
	if e1.String() == e2.String() {
		t.Errorf("two different samples print the same: %s", e1)
	}
}

// TestConstructorErrors checks that impossible parameters are rejected with
// a message naming the parameter.
func TestConstructorErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		err  error
		want string
	}{
		{second(NewConstant(nan)), "value must be a finite number, got NaN"},
		{second(NewUniform(2, 1)), "max must be > min, got min=2, max=1"},
		{second(NewUniform(1, 1)), "max must be > min, got min=1, max=1"},
		{second(NewUniform(0, inf)), "max must be a finite number, got +Inf"},
		{second(NewLogUniform(0, 1)), "min must be > 0 for a log-uniform distribution, got 0"},
		{second(NewNormal(0, -1)), "sd must be > 0, got -1"},
		{second(NewNormal(0, 0)), "sd must be > 0, got 0"},
		{second(NewNormal(nan, 1)), "mean must be a finite number, got NaN"},
		{second(NewLogNormal(0, 0)), "sdlog must be > 0, got 0"},
		{second(LogNormalMedianGSD(5, 1)), "gsd must be > 1, got 1"},
		{second(LogNormalMedianGSD(-5, 2)), "median must be > 0, got -5"},
		{second(LogNormalP5P95(200, 5)), "p95 must be > p5, got p5=200, p95=5"},
		{second(LogNormalP5P95(0, 5)), "p5 must be > 0, got 0"},
		{second(NewTriangular(0, 3, 2)), "mode must be within [min, max] = [0, 2], got 3"},
		{second(NewTriangular(0, -1, 2)), "mode must be within [min, max] = [0, 2], got -1"},
		{second(NewPERT(0, 1, 2, 0)), "lambda must be > 0, got 0"},
		{second(NewPERT(3, 1, 2, 4)), "max must be > min, got min=3, max=2"},
		{second(NewBeta(0, 1, 0, 1)), "alpha must be > 0, got 0"},
		{second(NewBeta(1, -2, 0, 1)), "beta must be > 0, got -2"},
		{second(NewGamma(0, 1)), "shape must be > 0, got 0"},
		{second(NewGamma(1, 0)), "rate must be > 0, got 0"},
		{second(NewGammaScale(1, -1)), "scale must be > 0, got -1"},
		{second(NewWeibull(1, 0)), "scale must be > 0, got 0"},
		{second(NewExponential(-1)), "rate must be > 0, got -1"},
		{second(NewDiscrete(nil, nil)), "values must not be empty"},
		{second(NewDiscrete([]float64{1, 2}, []float64{1})), "weights has 1 entries but values has 2"},
		{second(NewDiscrete([]float64{1, 2}, []float64{1, 0})), "weights[1] must be > 0, got 0"},
		{second(NewDiscrete([]float64{1, nan}, nil)), "values[1] must be a finite number, got NaN"},
		{second(NewEmpirical(nil, Linear)), "values must not be empty"},
		{second(NewEmpirical([]float64{1, inf}, Linear)), "values[1] must be a finite number, got +Inf"},
		{second(NewTruncated(Normal{Mean: 0, SD: 1}, 2, 1)), "max must be > min, got min=2, max=1"},
		{second(NewTruncated(Normal{Mean: 0, SD: 1}, 40, 41)), "[min, max] = [40, 41] holds probability 0 of normal(mean=0, sd=1): practically none (need ≥ 1e-12)"},
		{second(NewTruncated(Normal{Mean: 0, SD: 1}, 0, 1e-13)), "[min, max] = [0, 1e-13] holds probability 3.99e-14 of normal(mean=0, sd=1): practically none (need ≥ 1e-12)"},
		{second(NewTruncated(Normal{Mean: 0, SD: 1}, math.Inf(-1), -8)), "[min, max] = [-Inf, -8] holds probability 6.22e-16 of normal(mean=0, sd=1): practically none (need ≥ 1e-12)"},
		{second(NewTruncated(Uniform{Min: 0, Max: 1}, 0, 1)), "cannot truncate uniform(min=0, max=1): truncation applies to normal, lognormal, gamma, weibull and exponential"},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("no error, want %q", c.want)
			continue
		}
		if c.err.Error() != c.want {
			t.Errorf("error %q\n          want %q", c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestUniformQuantileSliceMatchesQuantile(t *testing.T) {
	p := []float64{1e-300, 0.1, 0.25, 0.5, 0.7, 0.999999, 0x1p-33, 1 - 0x1p-33, 0.1234567890123}
	for _, u := range []Uniform{{Min: -3.141592653589793, Max: 3.141592653589793}, {Min: 0, Max: 1}, {Min: 1, Max: 2}} {
		got := make([]float64, len(p))
		u.QuantileSlice(got, p)
		for i := range p {
			if math.Float64bits(got[i]) != math.Float64bits(u.Quantile(p[i])) {
				t.Errorf("%v, p=%v: QuantileSlice %v, Quantile %v", u, p[i], got[i], u.Quantile(p[i]))
			}
		}
	}
}
