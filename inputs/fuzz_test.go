package inputs

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// an *Error in the file, and that a scenario it accepts is usable: every
// factor is fixed at a finite value or has a distribution with finite
// quantiles. The seed corpus (the good and bad examples of the tests) runs
// under plain `go test`.
func FuzzParse(f *testing.F) {
	f.Add([]byte(ishigami))
	for _, c := range badScenarios {
		f.Add([]byte(c.src))
	}
	for _, form := range []string{
		"{distribution: triangular, min: 0, mode: 1, max: 2}",
		"{distribution: lognormal, median: 5, gsd: 2}",
		"{distribution: lognormal, p5: 5, p95: 200}",
		"{distribution: normal, mean: 0, sd: 1, min: -2, max: 2}",
		"{distribution: discrete, values: [1, 2, 3], weights: [0.2, 0.5, 0.3]}",
		"{distribution: empirical, file: testdata/data.csv, column: x}",
		"{distribution: gamma, shape: 2, scale: 3, fixed: median}",
		"{distribution: pert, min: 0, mode: 1, max: 5, lambda: 2}",
		"{distribution: beta, alpha: 0.5, beta: 0.5, min: 1, max: 2}",
		"{distribution: weibull, shape: 2, scale: 1, min: 3}",
		"{distribution: exponential, rate: 1, max: 2}",
		"{distribution: loguniform, min: 1, max: 100}",
		"{<<: {distribution: uniform, min: 0, max: 1}, max: 3}",
		"{fixed: 3}",
	} {
		f.Add([]byte("model: m\nfactors:\n  x: " + form + "\n"))
	}
	f.Add([]byte("model: m\nyears: {from: 2020, to: 2050, step: 5}\nsobol: {ci: 0.9, by: group}\nmorris: {levels: 4}\noutputs: {bands: ['*']}\n"))
	f.Add([]byte("model: m\nparameters: {a: &x {b: [1, *x]}}\n"))
	f.Add([]byte("model: m\ncorrelations:\n  - {factors: [a, b], rank: 0.5}\n  - {factors: [a, c, d], matrix: [[1, 0.2, 0], [0.2, 1, 0.1], [0, 0.1, 1]]}\nfactors:\n  a: {distribution: uniform, min: 0, max: 1}\n  b: {fixed: 1}\n"))
	f.Add([]byte("model: m\ncorrelations: [[a, b, 0.5], {factors: [b, c], matrix: [[1, 0.2], [0.2, 1]]}]\n"))
	f.Add([]byte("model:\n  years: {from: 2020, to: 2030}\n  equations: {y: prev(y, x) * 2}\nfactors:\n  x: {fixed: 1}\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: &b [*a, *a]\nc: &c [*b, *b]\nmodel: m\nparameters: {p: *c}\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("fuzz.yaml", data)
		if err != nil {
			if sc != nil {
				t.Fatal("scenario and error")
			}
			var errs []error
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			} else {
				errs = []error{err}
			}
			for _, e := range errs {
				var ie *Error
				if !errors.As(e, &ie) || !strings.HasPrefix(e.Error(), "fuzz.yaml") || ie.Msg == "" {
					t.Fatalf("bad error %T %q", e, e)
				}
			}
			return
		}
		for _, fc := range sc.Factors {
			switch {
			case fc.Fixed:
				if !isFinite(fc.Value) {
					t.Fatalf("factor %s fixed at %g", fc.Name, fc.Value)
				}
			case fc.Dist == nil:
				t.Fatalf("factor %s has no distribution", fc.Name)
			default:
				for _, p := range []float64{0.001, 0.5, 0.999} {
					if q := fc.Dist.Quantile(p); !isFinite(q) {
						t.Fatalf("factor %s: %v: Q(%g) = %g", fc.Name, fc.Dist, p, q)
					}
				}
			}
		}
	})
}
