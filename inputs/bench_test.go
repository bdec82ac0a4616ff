package inputs

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

var sink float64

// BenchmarkQuantile measures the hot path of sampling: one quantile per
// factor and sample.
func BenchmarkQuantile(b *testing.B) {
	values := make([]float64, 10000)
	for i := range values {
		values[i] = math.Sin(float64(i))
	}
	dists := []struct {
		name string
		d    Distribution
	}{
		{"constant", Constant{Value: 1}},
		{"uniform", must(NewUniform(-1, 1))},
		{"loguniform", must(NewLogUniform(1, 100))},
		{"normal", must(NewNormal(0, 1))},
		{"lognormal", must(LogNormalMedianGSD(5, 2))},
		{"triangular", must(NewTriangular(0, 1, 2))},
		{"pert", must(NewPERT(0, 1, 5, 4))},
		{"beta(2,5)", must(NewBeta(2, 5, 0, 1))},
		{"gamma(3)", must(NewGamma(3, 2))},
		{"gamma(0.7)", must(NewGamma(0.7, 2))},
		{"weibull", must(NewWeibull(1.5, 2))},
		{"exponential", must(NewExponential(1))},
		{"truncated-normal", must(NewTruncated(must(NewNormal(0, 1)), -2, 2))},
		{"truncated-gamma(2)", must(NewTruncated(must(NewGamma(2, 1)), 1, 10))},
		{"discrete-10", must(NewDiscrete([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, nil))},
		{"empirical-linear-10000", must(NewEmpirical(values, Linear))},
		{"empirical-step-10000", must(NewEmpirical(values, Step))},
	}
	for _, c := range dists {
		d := c.d
		b.Run(c.name, func(b *testing.B) {
			p := 0.0
			for b.Loop() {
				// A cheap low-discrepancy walk over (0, 1).
				p += 0.6180339887498949
				if p >= 1 {
					p--
				}
				sink += d.Quantile(p)
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("model: m\nparameters: {a: 7, b: 0.1}\nsamples: 1024\nfactors:\n")
	for i := range 60 {
		fmt.Fprintf(&sb, "  f%d: {distribution: triangular, min: %d, mode: %d, max: %d, unit: kg, group: g%d}\n", i, i, i+1, i+3, i%8)
	}
	big := []byte(sb.String())
	for _, c := range []struct {
		name string
		src  []byte
	}{{"ishigami", []byte(ishigami)}, {"60factors", big}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			for b.Loop() {
				if _, err := Parse("s.yaml", c.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
