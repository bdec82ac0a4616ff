package formula

import (
	"errors"
	"strings"
	"testing"

	"mc/model"
)

// FuzzFormula checks that reading and compiling a model file never panics,
// that every error is an *Error in the file (or a parameter error), and
// that a model it accepts computes, bit for bit, what a plain walk of its
// equations computes (naive_test.go). The seed
// corpus (the bad models and a few good ones) runs under plain `go test`.
func FuzzFormula(f *testing.F) {
	for _, c := range badModels {
		f.Add([]byte(c.src))
	}
	f.Add([]byte("parameters: {a: 7, b: 0.1}\nequations:\n  y: sin(x) + a*pow(sin(y0), 2) + b*pow(x, 4)*sin(x)\n"))
	f.Add([]byte(yrs + "equations:\n  s: prev(s, x) * (1 - 1/y) + if(t > 2020 && x < 1, 1, 0)\n  o: {value: clamp(s, 0, 10), unit: kWh}\noutputs: [o, s]\n"))
	f.Add([]byte("years: [2020, 2030]\nequations:\n  a: |\n    max(x, y, median(x))\n    - log1p(abs(t))\n  b: \"atan2(a, 2) / 3\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := model.Config{Medians: map[string]float64{"x": 1, "y": 2, "y0": 3}}
		sp, err := ParseFile("m.yaml", data)
		var m *Model
		if err == nil {
			m, err = New(sp, []string{"x", "y", "y0"}, cfg)
		}
		if err != nil {
			var errs []error
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			} else {
				errs = []error{err}
			}
			for _, e := range errs {
				var fe *Error
				var pe *model.ParamError
				if errors.As(e, &pe) {
					continue
				}
				if !errors.As(e, &fe) || !strings.HasPrefix(e.Error(), "m.yaml") || fe.Msg == "" {
					t.Fatalf("bad error %T %q", e, e)
				}
			}
			return
		}
		// The compiled program computes what a plain walk of the equations does.
		in := [][]float64{{0.5, 2, -1}, {1, 0, 3}, {2, 2, 2}}
		got := eval(m, in)
		want := naive(t, sp, []string{"x", "y", "y0"}, cfg, in)
		for c := range got {
			for i := range got[c] {
				if !sameBits(got[c][i], want[c][i]) {
					t.Fatalf("series %d, sample %d: compiled %v, naive %v", c, i, got[c][i], want[c][i])
				}
			}
		}
	})
}
