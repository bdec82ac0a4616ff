package aiglobal2

import (
	"math"
	"testing"

	"mc/model"
)

// TestWithOutputs: the model of a subset of outputs writes those outputs
// with the bits of the full model, on the golden factor vectors, and leaves
// every other column untouched.
func TestWithOutputs(t *testing.T) {
	g := loadGolden(t)
	full, err := New(model.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in := g.factorBlock(t, full)
	n := len(in[0])
	series := model.SeriesOf(full.Outputs())
	want := newBlock(len(series), n)
	full.Evaluate(in, want)
	outs := full.Outputs()
	for _, names := range [][]string{{"FE_total"}, {"GWP_total", "GWP_manuf", "WATER_total"}, {"ADPe_total", "FE_storage"}} {
		need := make([]bool, len(outs))
		for _, name := range names {
			found := false
			for o := range outs {
				if outs[o].Name == name {
					need[o], found = true, true
				}
			}
			if !found {
				t.Fatalf("no output %s", name)
			}
		}
		sub := full.(model.OutputSubsetter).WithOutputs(need)
		got := newBlock(len(series), n)
		for c := range got {
			for s := range got[c] {
				got[c][s] = math.NaN()
			}
		}
		sub.Evaluate(in, got)
		for c, se := range series {
			for s := range n {
				if !need[se.Output] {
					if !math.IsNaN(got[c][s]) {
						t.Fatalf("%v: output %s (not asked for) written", names, se.Name)
					}
					continue
				}
				if math.Float64bits(got[c][s]) != math.Float64bits(want[c][s]) {
					t.Fatalf("%v: %s[%d] sample %d = %v, full model %v", names, se.Name, se.Year, s, got[c][s], want[c][s])
				}
			}
		}
	}
	if m := full.(model.OutputSubsetter).WithOutputs([]bool{true}); m != full {
		t.Error("a need list of the wrong length is not ignored")
	}
}
