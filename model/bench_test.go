package model

import (
	"math"
	"testing"
)

const benchBlock = 1024

// benchModel times Evaluate on blocks of benchBlock samples and reports
// samples/s (one core).
func benchModel(b *testing.B, m Model, in [][]float64) {
	out := newBlock(len(SeriesOf(m.Outputs())), benchBlock)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Evaluate(in, out)
	}
	b.ReportMetric(float64(b.N)*benchBlock/b.Elapsed().Seconds(), "samples/s")
}

// unitBlock fills k factors with scattered points of [lo, hi).
func unitBlock(k int, lo, hi float64) [][]float64 {
	in := newBlock(k, benchBlock)
	for j := range in {
		for s := range in[j] {
			in[j][s] = lo + (hi-lo)*math.Mod(float64(s*k+j)*0.6180339887498949, 1)
		}
	}
	return in
}

func benchNamed(b *testing.B, name string, cfg Config, lo, hi float64) {
	m, err := New(name, cfg)
	if err != nil {
		b.Fatal(err)
	}
	benchModel(b, m, unitBlock(len(m.Factors()), lo, hi))
}

func BenchmarkIshigami(b *testing.B)   { benchNamed(b, "ishigami", Config{}, -math.Pi, math.Pi) }
func BenchmarkSobolG(b *testing.B)     { benchNamed(b, "sobol-g", Config{}, 0, 1) }
func BenchmarkMorris2006(b *testing.B) { benchNamed(b, "morris2006", Config{}, 0, 1) }
func BenchmarkAtantemp(b *testing.B)   { benchNamed(b, "atantemp", Config{}, -7, 7) }

// BenchmarkAIGlobal runs the oracle's 200 random draws, repeated to a block.
func BenchmarkAIGlobal(b *testing.B) {
	g := loadGolden(b)
	m, err := New("ai-global-v1", Config{Medians: g.Nominal})
	if err != nil {
		b.Fatal(err)
	}
	src := g.factorBlock(b, m)
	in := newBlock(len(src), benchBlock)
	for j := range in {
		for s := range in[j] {
			in[j][s] = src[j][s%200]
		}
	}
	benchModel(b, m, in)
}
