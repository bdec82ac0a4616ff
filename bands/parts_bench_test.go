package bands

import "testing"

// BenchmarkParts times the two halves of a band accumulator on one series
// of 8192 lognormal values: the moments and the sketch.
func BenchmarkParts(b *testing.B) {
	cols, centres := benchCols(1, 8192)
	b.Run("moments", func(b *testing.B) {
		m, _ := NewMoments(centres[0])
		for b.Loop() {
			m.AddSlice(cols[0])
		}
		b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*8192), "ns/value")
	})
	b.Run("sketch", func(b *testing.B) {
		s, _ := NewSketch(DefaultAlpha, DefaultMaxBuckets)
		for b.Loop() {
			s.AddSlice(cols[0])
		}
		b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*8192), "ns/value")
	})
}
