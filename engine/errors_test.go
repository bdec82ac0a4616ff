package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"mc/model"
)

// scaled is x1 × K (+ x2 + x3 · 0): finite outputs whose Sobol' sums
// overflow only once several blocks are merged (K² · rows > MaxFloat64).
type scaled struct{ k float64 }

func (m scaled) Factors() []model.Factor {
	return []model.Factor{{Name: "x1"}, {Name: "x2"}, {Name: "x3"}}
}
func (m scaled) Outputs() []model.Output { return []model.Output{{Name: "y", Unit: "1"}} }
func (m scaled) Evaluate(in, out [][]float64) {
	for s := range out[0] {
		out[0][s] = m.k * (in[0][s] + 0.1*in[1][s])
	}
}

// failingKeeper fails on the block starting at sample at.
type failingKeeper struct{ at int64 }

func (k failingKeeper) Keep(first int64, x, out [][]float64) error {
	if first >= k.at {
		return errors.New("disk full (test)")
	}
	return nil
}

// A worker or accumulator failing mid-run gives its own error, never the
// group's cancellation (which the CLI would report as "interrupted").
func TestFirstRealErrorWins(t *testing.T) {
	t.Run("non-finite Sobol' sums", func(t *testing.T) {
		sc := scenario(t, ishigamiYAML, "%N%", "65536", "%DESIGN%", "sobol", "%METHOD%", "sobol")
		for _, workers := range []int{1, 2, 7} {
			p, err := newPlan(sc, Overrides{}, scaled{k: 3e151})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Run(context.Background(), p, Options{Workers: workers})
			if err == nil || errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "not finite") {
				t.Errorf("%d workers: error %v, want the non-finite sums", workers, err)
			}
		}
	})
	t.Run("keeper fails", func(t *testing.T) {
		sc := scenario(t, ishigamiYAML, "%N%", "100000", "%DESIGN%", "mc", "%METHOD%", "mc")
		for _, workers := range []int{1, 2, 7} {
			p := plan(t, sc, Overrides{})
			_, err := Run(context.Background(), p, Options{Workers: workers, Keep: failingKeeper{at: 3 * 8192}})
			if err == nil || errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("%d workers: error %v, want the keeper's", workers, err)
			}
		}
	})
}
