package engine

import (
	"context"
	"strings"
	"testing"
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
