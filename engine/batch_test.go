package engine

import (
	"runtime"
	"testing"

	"mc/inputs"
	"mc/model"
)

// Any --batch gives the same bits: below the pilot's 64 rows (it used to
// panic), and far above a block (capped, so memory stays bounded).
func TestBatchAnySizeSameBits(t *testing.T) {
	for _, method := range []string{"mc", "sobol", "morris"} {
		sc := scenario(t, ishigamiYAML, "%N%", "20000", "%DESIGN%", "mc", "%METHOD%", method)
		if method != "mc" {
			sc = scenario(t, ishigamiYAML, "%N%", "2048", "%DESIGN%", "sobol", "%METHOD%", method)
		}
		p := plan(t, sc, Overrides{})
		_, ref := run(t, p, Options{Workers: 2, Batch: 256})
		want := bitsOf(ref)
		for _, o := range []Options{{Workers: 2, Batch: 1}, {Workers: 3, Batch: 63}, {Workers: 7, Batch: 100000}, {Workers: 1, Batch: 1 << 40}, {Workers: 100000, Batch: 300}} {
			_, got := run(t, p, o)
			sameBits(t, method, want, bitsOf(got))
		}
	}
}

// A worker's buffers hold at most MaxBatch rows, and no more than N.
func TestBatchBuffersBounded(t *testing.T) {
	cases := []struct {
		n, batch, want int
	}{{20000, 1 << 40, MaxBatch}, {20000, 100000, MaxBatch}, {100, 100000, 100}, {20000, 1, 1}, {20000, 0, DefaultBatch}}
	for _, c := range cases {
		sc := scenario(t, ishigamiYAML, "%N%", "20000", "%DESIGN%", "mc", "%METHOD%", "mc")
		p := plan(t, sc, Overrides{Samples: c.n})
		r, err := newRunner(p, Options{Batch: c.batch})
		if err != nil {
			t.Fatal(err)
		}
		w := r.newWorker()
		if w.n != c.want || len(w.x[0]) != c.want || len(w.out[0]) != c.want {
			t.Errorf("N %d, batch %d: buffers of %d rows (x %d, out %d), want %d", c.n, c.batch, w.n, len(w.x[0]), len(w.out[0]), c.want)
		}
	}
	// A model with many series gets smaller batches: buffers stay bounded.
	wide := &Plan{Method: "mc", N: 1 << 20, Factors: make([]inputs.Factor, 60), Sampled: make([]int, 60), Series: make([]model.Series, 3600)}
	if got := batchRows(wide, 100000); got*8*(60+60+3600) > MaxBatchBytes || got < 1000 {
		t.Errorf("3,600 series, batch 100000: %d rows, %d bytes", got, got*8*3720)
	}
	// Sobol' works in fixed chunks: a huge batch allocates nothing more.
	sc := scenario(t, ishigamiYAML, "%N%", "4096", "%DESIGN%", "sobol", "%METHOD%", "sobol")
	r, err := newRunner(plan(t, sc, Overrides{}), Options{Batch: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if w := r.newWorker(); w.n != sobolChunk {
		t.Errorf("sobol, batch 2^30: buffers of %d rows, want %d", w.n, sobolChunk)
	}
}

// Workers are capped: memory must not grow with an absurd --workers.
func TestWorkersCapped(t *testing.T) {
	if got := workerCount(1<<30, 1<<30); got > MaxWorkersPerCPU*runtime.NumCPU() {
		t.Errorf("2^30 workers asked: %d run", got)
	}
	if got := workerCount(64, 3); got != 3 {
		t.Errorf("64 workers for 3 blocks: %d run, want 3", got)
	}
	if got := workerCount(0, 3); got != 1 {
		t.Errorf("0 workers: %d run, want 1", got)
	}
}
