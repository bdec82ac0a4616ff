package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"mc/sampler"
)

func randomBlock(series, sets, n int, second bool) (fA, fB [][]float64, fAB, fBA [][][]float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	alloc := func() [][]float64 {
		f := make([][]float64, series)
		for c := range f {
			f[c] = make([]float64, n)
			for s := range f[c] {
				f[c][s] = rng.NormFloat64()
			}
		}
		return f
	}
	fA, fB = alloc(), alloc()
	for u := 0; u < sets; u++ {
		fAB = append(fAB, alloc())
		if second {
			fBA = append(fBA, alloc())
		}
	}
	return fA, fB, fAB, fBA
}

// BenchmarkSobolAdd measures Add on blocks of 4096 base rows; ns/row is the
// cost per base row (all series and sets).
func BenchmarkSobolAdd(b *testing.B) {
	const n = 4096
	for _, c := range []struct {
		series, sets, reps int
		second             bool
	}{
		{1, 3, 1, false}, {1, 3, 8, false}, {1, 20, 8, false}, {1, 10, 8, true}, {100, 2, 8, false},
	} {
		name := fmt.Sprintf("series=%d/sets=%d/R=%d/second=%v", c.series, c.sets, c.reps, c.second)
		b.Run(name, func(b *testing.B) {
			fA, fB, fAB, fBA := randomBlock(c.series, c.sets, n, c.second)
			acc := NewSobolSums(SobolConfig{Series: c.series, Sets: c.sets, Replicates: c.reps, SecondOrder: c.second, Centres: make([]float64, c.series)})
			var first uint64
			for b.Loop() {
				acc.Add(first, fA, fB, fAB, fBA)
				first += n
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
		})
	}
}

// BenchmarkIshigamiPipeline runs the whole Sobol' analysis of Ishigami at
// N = 2^20, k = 3 as the engine would on 2 workers: scrambled Sobol' points
// (one 6-dimensional point per base row), the model on the k + 2 = 5 rows,
// Add per block of 4096 rows into a fresh state, a fixed-order merge and the
// indices.
func BenchmarkIshigamiPipeline(b *testing.B) {
	const N, block, workers, R = 1 << 20, 4096, 2, 8
	ish := ishigami()
	qs := make([]*sampler.Sobol, R)
	for r := range qs {
		q, err := sampler.NewScrambledSobol(6, uint64(r))
		if err != nil {
			b.Fatal(err)
		}
		qs[r] = q
	}
	cfg := SobolConfig{Series: 1, Sets: 3, Replicates: R, Centres: []float64{3.5}}
	for b.Loop() {
		states := make([]*SobolSums, N/block)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				u := make([][]float64, 6)
				for j := range u {
					u[j] = make([]float64, block/R)
				}
				fA, fB := [][]float64{make([]float64, block)}, [][]float64{make([]float64, block)}
				fAB := [][][]float64{{make([]float64, block)}, {make([]float64, block)}, {make([]float64, block)}}
				x, y := make([]float64, 3), make([]float64, 1)
				for blk := w; blk < N/block; blk += workers {
					first := blk * block
					// Rows first … first+block−1: replicate r holds points
					// first/R … first/R + block/R − 1 of its sequence.
					for r := 0; r < R; r++ {
						qs[r].Fill(uint64(first/R), u)
						for i := 0; i < block/R; i++ {
							s := i*R + r
							a := [3]float64{ish.draw(0, u[0][i]), ish.draw(1, u[1][i]), ish.draw(2, u[2][i])}
							bb := [3]float64{ish.draw(0, u[3][i]), ish.draw(1, u[4][i]), ish.draw(2, u[5][i])}
							copy(x, a[:])
							ish.eval(x, y)
							fA[0][s] = y[0]
							copy(x, bb[:])
							ish.eval(x, y)
							fB[0][s] = y[0]
							for j := 0; j < 3; j++ {
								copy(x, a[:])
								x[j] = bb[j]
								ish.eval(x, y)
								fAB[j][0][s] = y[0]
							}
						}
					}
					st := NewSobolSums(cfg)
					st.Add(uint64(first), fA, fB, fAB, nil)
					states[blk] = st
				}
			}(w)
		}
		wg.Wait()
		for len(states) > 1 {
			for i := 0; i < len(states)/2; i++ {
				if err := states[2*i].Merge(states[2*i+1]); err != nil {
					b.Fatal(err)
				}
				states[i] = states[2*i]
			}
			states = states[:len(states)/2]
		}
		idx, err := states[0].Indices(Estimators{})
		if err != nil {
			b.Fatal(err)
		}
		if math.Abs(idx[0].S1-ishS[0]) > 0.01 {
			b.Fatalf("S1 = %v", idx[0].S1)
		}
	}
}

// BenchmarkMorrisAddTrajectory: k = 20 sets, one series, B = 200 bootstrap
// resamples (the B Poisson draws dominate).
func BenchmarkMorrisAddTrajectory(b *testing.B) {
	const k = 20
	for _, boot := range []int{200, 20} {
		b.Run(fmt.Sprintf("B=%d", boot), func(b *testing.B) {
			m := NewMorrisSums(MorrisConfig{Series: 1, Sets: k, Bootstrap: boot})
			f := make([][]float64, k+1)
			moved, delta := make([]int, k), make([]float64, k)
			for p := range f {
				f[p] = []float64{math.Sin(float64(p))}
			}
			for p := range moved {
				moved[p], delta[p] = p, 2.0/3
			}
			var t uint64
			for b.Loop() {
				m.AddTrajectory(t, f, moved, delta)
				t++
			}
		})
	}
}

// BenchmarkSobolAddConsecutive is Add as the engine calls it with the Sobol'
// design (consecutive batches, BatchRows > 1): 8 sets, blocks of 4096 rows.
// ns/set-row is the cost per base row and set.
func BenchmarkSobolAddConsecutive(b *testing.B) {
	const n, sets = 4096, 8
	fA, fB, fAB, fBA := randomBlock(1, sets, n, false)
	acc := NewSobolSums(SobolConfig{Series: 1, Sets: sets, Replicates: 16, BatchRows: 1 << 16, Centres: make([]float64, 1)})
	var first uint64
	for b.Loop() {
		acc.Add(first, fA, fB, fAB, fBA)
		first += n
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n*sets), "ns/set-row")
}
