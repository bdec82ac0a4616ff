package aiglobal2

import (
	"testing"

	"mc/model"
)

// BenchmarkEvaluate measures ai-global v2 throughput on the golden factor
// vectors, one core: samples/s = 210·b.N / elapsed (reported as samples/s).
func BenchmarkEvaluate(b *testing.B) {
	g := loadGolden(b)
	m, err := New(model.Config{})
	if err != nil {
		b.Fatal(err)
	}
	in := g.factorBlock(b, m)
	n := len(in[0])
	out := newBlock(len(model.SeriesOf(m.Outputs())), n)
	b.ResetTimer()
	for b.Loop() {
		m.Evaluate(in, out)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkEvalOnly measures the per-sample computation without the
// transposition into the output block.
func BenchmarkEvalOnly(b *testing.B) {
	g := loadGolden(b)
	mm, err := New(model.Config{})
	if err != nil {
		b.Fatal(err)
	}
	m := mm.(*AIGlobal)
	in := g.factorBlock(b, m)
	n := len(in[0])
	sc := new(scratch)
	b.ResetTimer()
	for b.Loop() {
		for s := range n {
			for j := range nFactors {
				sc.w.x[j] = in[j][s]
			}
			sc.w.eval(m, &sc.res, s%chunk)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
