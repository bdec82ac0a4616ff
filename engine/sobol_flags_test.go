package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mc/sampler"
)

// An output that does not vary has undefined indices: they are written as 0
// with [0, 0], flagged zero_variance, never as a precise zero.
func TestSobolZeroVarianceFlagged(t *testing.T) {
	text := "model: ishigami-affine\nparameters: {c: 5, s: 0}\nmethod: sobol\nsamples: 1024\nseed: 1\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	_, tb := run(t, plan(t, scenario(t, text), Overrides{}), Options{})
	if len(tb.Sobol) != 3 {
		t.Fatalf("%d rows, want 3", len(tb.Sobol))
	}
	for _, r := range tb.Sobol {
		if !r.ZeroVariance || r.S1 != 0 || r.ST != 0 || r.S1Lo != 0 || r.STHi != 0 {
			t.Errorf("constant output: %+v, want indices 0 flagged ZeroVariance", r)
		}
	}
	// A varying output is not flagged.
	text = strings.Replace(text, "s: 0}", "s: 1}", 1)
	_, tb = run(t, plan(t, scenario(t, text), Overrides{}), Options{})
	for _, r := range tb.Sobol {
		if r.ZeroVariance {
			t.Errorf("varying output flagged: %+v", r)
		}
	}
}

// Outputs whose squares overflow make the sums infinite: an error that names
// the output, never a silent NaN or a result.
func TestSobolNonFiniteSumsNameTheOutput(t *testing.T) {
	text := "model: ishigami-affine\nparameters: {c: 0, s: 1e300}\nmethod: sobol\nsamples: 4096\nseed: 1\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	out, err := Run(context.Background(), plan(t, scenario(t, text), Overrides{}), Options{})
	if err == nil {
		_, err = out.Tables()
	}
	if err == nil || !strings.Contains(err.Error(), "output y") || !strings.Contains(err.Error(), "not finite") {
		t.Fatalf("error %v, want one naming output y and non-finite sums", err)
	}
}

// The documented layout of method sobol: base row i is point i of one
// scrambled 2k-dimensional Sobol' sequence keyed by Derive(seed,
// "sobol-design", 0); factor j of A is its coordinate 2j and of B 2j + 1
// (kept samples 2i and 2i + 1).
func TestSobolDesignLayout(t *testing.T) {
	text := "model: ishigami\nmethod: sobol\nsamples: 64\nseed: 9\nfactors:\n  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: uniform, min: 0, max: 1}\n  x3: {distribution: uniform, min: 0, max: 1}\n"
	var k keepAll
	if _, err := Run(context.Background(), plan(t, scenario(t, text), Overrides{}), Options{Keep: &k}); err != nil {
		t.Fatal(err)
	}
	q, err := sampler.NewScrambledSobol(6, sampler.Derive(9, "sobol-design", 0))
	if err != nil {
		t.Fatal(err)
	}
	u := make([][]float64, 6)
	for j := range u {
		u[j] = make([]float64, 64)
	}
	q.Fill(0, u)
	for i := 0; i < 64; i++ {
		for j := 0; j < 3; j++ {
			if a, b := k.x[j][2*i], k.x[j][2*i+1]; a != u[2*j][i] || b != u[2*j+1][i] {
				t.Fatalf("row %d factor %d: A %v B %v, want coordinates %d and %d of point %d: %v %v", i, j, a, b, 2*j, 2*j+1, i, u[2*j][i], u[2*j+1][i])
			}
		}
	}
}

// A run to a target width that starts below the 64 pilot rows still ends
// as a plain run of its final N, bit for bit (the centres are recomputed
// when the run starts again).
func TestTargetCIWidthFromTinyN(t *testing.T) {
	text := "model: ishigami\nsamples: 16\nseed: 5\nmethod: sobol\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	p := plan(t, scenario(t, text), Overrides{})
	out, err := Run(context.Background(), p, Options{TargetCI: 1e-9, MaxN: 1024})
	if err != nil {
		t.Fatal(err)
	}
	got, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	_, want := run(t, plan(t, scenario(t, text), Overrides{Samples: 1024}), Options{})
	if p.N != 1024 || fmt.Sprint(got.Sobol) != fmt.Sprint(want.Sobol) || fmt.Sprint(got.Convergence) != fmt.Sprint(want.Convergence) {
		t.Errorf("N = %d; target run\n%+v\nplain run\n%+v", p.N, got.Sobol, want.Sobol)
	}
}
