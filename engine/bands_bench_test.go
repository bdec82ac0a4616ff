package engine

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkSobolGIndices is Sobol' G 8-d (tests/bench/sobolg.yaml), S1 + ST
// with intervals at N = 2^20 base rows (10·2^20 evaluations, 2·2^20 band
// values), end to end with the bands: run it with -cpuprofile to see the
// share of the bands (package bands) beside the model.
func BenchmarkSobolGIndices(b *testing.B) {
	text, err := os.ReadFile("../tests/bench/sobolg.yaml")
	if err != nil {
		b.Fatal(err)
	}
	p := plan(b, scenario(b, string(text)), Overrides{Method: "sobol", Samples: 1 << 20})
	for b.Loop() {
		out, err := Run(context.Background(), p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := out.Tables(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSobolGBareModel is the model evaluations alone of
// BenchmarkSobolGIndices: 10·2^20 rows of Sobol' G 8-d, in batches of 256
// on all cores, inputs drawn once. The ratio of the two is the cost of
// everything else (design, sums, bands) relative to the model.
func BenchmarkSobolGBareModel(b *testing.B) {
	text, err := os.ReadFile("../tests/bench/sobolg.yaml")
	if err != nil {
		b.Fatal(err)
	}
	p := plan(b, scenario(b, string(text)), Overrides{Method: "sobol", Samples: 1 << 20})
	const batch, rows = 256, 10 << 20
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(w), 1))
				in, out := mat(len(p.Factors), batch), mat(len(p.Series), batch)
				for j := range in {
					for s := range in[j] {
						in[j][s] = r.Float64()
					}
				}
				for at := w * batch; at < rows; at += workers * batch {
					p.Model.Evaluate(in, out)
				}
			}()
		}
		wg.Wait()
	}
}
