package engine

import (
	"context"
	"testing"
)

// BenchmarkIshigamiMC is the engine end to end with bands: samples/s on all cores.
func BenchmarkIshigamiMC(b *testing.B) { benchMC(b, "mc") }

// BenchmarkIshigamiSobolDesign is the same with the scrambled Sobol' design.
func BenchmarkIshigamiSobolDesign(b *testing.B) { benchMC(b, "sobol") }

func benchMC(b *testing.B, design string) {
	const n = 1 << 22
	sc := scenario(b, ishigamiYAML, "%N%", "4194304", "%DESIGN%", design, "%METHOD%", "mc")
	p := plan(b, sc, Overrides{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := Run(context.Background(), p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := out.Tables(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
