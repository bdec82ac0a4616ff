package bands

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// benchCols returns nSeries lognormal columns of n rows with different scales.
func benchCols(nSeries, n int) ([][]float64, []float64) {
	r := rand.New(rand.NewPCG(9, 9))
	cols := make([][]float64, nSeries)
	centres := make([]float64, nSeries)
	for c := range cols {
		scale := math.Exp(4 * r.NormFloat64())
		centres[c] = scale
		cols[c] = make([]float64, n)
		for s := range cols[c] {
			cols[c][s] = scale * math.Exp(r.NormFloat64())
		}
	}
	return cols, centres
}

func BenchmarkAccumulatorAdd(b *testing.B) {
	for _, mode := range []string{"sketch", "exact"} {
		for _, tc := range []struct{ series, rows int }{{1, 8192}, {1500, 1024}} {
			b.Run(fmt.Sprintf("%s/%dseries", mode, tc.series), func(b *testing.B) {
				cols, centres := benchCols(tc.series, tc.rows)
				a, err := NewAccumulator(tc.series, centres, mode == "exact", 0)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if mode == "exact" {
						a.Reset() // keep memory flat; Reset keeps the arrays
					}
					if err := a.Add(cols); err != nil {
						b.Fatal(err)
					}
				}
				values := float64(b.N) * float64(tc.series*tc.rows)
				b.ReportMetric(b.Elapsed().Seconds()*1e9/values, "ns/value")
				b.ReportMetric(values/b.Elapsed().Seconds()/1e6, "Mvalues/s")
			})
		}
	}
}

// BenchmarkAccumulatorBlock is one engine block: a fresh accumulator, 8192
// rows added, merged into the running state.
func BenchmarkAccumulatorBlock(b *testing.B) {
	for _, series := range []int{1, 1500} {
		b.Run(fmt.Sprintf("sketch/%dseries", series), func(b *testing.B) {
			cols, centres := benchCols(series, 8192)
			total, _ := NewAccumulator(series, centres, false, 0)
			for b.Loop() {
				blk := total.NewEmpty()
				if err := blk.Add(cols); err != nil {
					b.Fatal(err)
				}
				if err := total.Merge(blk); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/float64(series*8192), "ns/value")
		})
	}
}

func BenchmarkAccumulatorMerge(b *testing.B) {
	cols, centres := benchCols(1500, 8192)
	x, _ := NewAccumulator(1500, centres, false, 0)
	y := x.NewEmpty()
	_ = x.Add(rows(cols, 0, 4096))
	_ = y.Add(rows(cols, 4096, 8192))
	for b.Loop() {
		if err := x.Merge(y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAccumulatorBands(b *testing.B) {
	cols, centres := benchCols(1500, 8192)
	a, _ := NewAccumulator(1500, centres, false, 0)
	_ = a.Add(cols)
	for b.Loop() {
		if _, err := a.Bands(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAccumulatorMarshal(b *testing.B) {
	cols, centres := benchCols(1500, 8192)
	a, _ := NewAccumulator(1500, centres, false, 0)
	_ = a.Add(cols)
	var n int
	for b.Loop() {
		data, err := a.MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		var c Accumulator
		if err := c.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes")
}
