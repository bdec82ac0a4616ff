package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"mc/model"
	"mc/results"
)

const replayScenario = `model:
  years: {from: 2020, to: 2022}
  equations:
    y: exp(x1) + x2*x3
    z: x1 * (t - 2020) + sin(x2)
  outputs: [y, z]
samples: 128
seed: 3
factors:
  x1: {distribution: uniform, min: 0, max: 1, group: g}
  x2: {distribution: normal, mean: 1, sd: 0.5, group: g}
  x3: {distribution: triangular, min: 0, mode: 1, max: 3}
  x4: {fixed: 2}
`

// For every method and design, outputs computed outside the run (here by
// the same model, row by row, written to Parquet) and replayed give the
// tables of a plain run exactly; the design enumerates each evaluated row
// once.
func TestReplayEqualsRun(t *testing.T) {
	for _, ov := range []Overrides{{Method: "mc", Design: "mc"}, {Method: "mc", Design: "lhs"}, {Method: "sobol", By: "both"}, {Method: "morris"}} {
		t.Run(ov.Method+ov.Design, func(t *testing.T) {
			p := plan(t, scenario(t, replayScenario), ov)
			_, want := run(t, p, Options{Workers: 2})
			var rows [][]float64
			d, err := EnumerateDesign(context.Background(), p, func(idx int64, row []float64) error {
				if idx != int64(len(rows)) {
					return fmt.Errorf("index %d after %d rows", idx, len(rows))
				}
				rows = append(rows, append([]float64(nil), row...))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			wantRows := int64(p.Evaluations())
			// Morris trajectories move on a grid and revisit its points:
			// each distinct point is one sample.
			if int64(len(rows)) != d.Rows || d.Rows > wantRows || (ov.Method != "morris" && d.Rows != wantRows) {
				t.Fatalf("%d rows (%d emitted), the plan evaluates %d", d.Rows, len(rows), wantRows)
			}
			// The outputs, computed row by row and written in reverse order.
			in := make([][]float64, len(p.Factors))
			for j := range in {
				in[j] = make([]float64, len(rows))
				for i, r := range rows {
					in[j][i] = r[j]
				}
			}
			out := make([][]float64, len(p.Series))
			for c := range out {
				out[c] = make([]float64, len(rows))
			}
			p.Model.Evaluate(in, out)
			var names []string
			for _, se := range p.Series {
				n := se.Name
				if p.Outputs[se.Output].Years != nil {
					n = fmt.Sprintf("%s[%d]", se.Name, se.Year)
				}
				names = append(names, n)
			}
			path := filepath.Join(t.TempDir(), "outputs.parquet")
			w, err := results.NewColumnWriter(path, "sample_index", names, results.Meta{DesignHashKey: d.Hash})
			if err != nil {
				t.Fatal(err)
			}
			key := make([]int64, len(rows))
			rev := make([][]float64, len(out))
			for i := range key {
				key[i] = int64(len(rows) - 1 - i)
			}
			for c := range out {
				rev[c] = make([]float64, len(rows))
				for i := range rows {
					rev[c][i] = out[c][len(rows)-1-i]
				}
			}
			if err := w.Write(key, rev); err != nil {
				t.Fatal(err)
			}
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			table, err := ReadOutputs(path, p, d)
			if err != nil {
				t.Fatal(err)
			}
			rp, err := ReplayPlan(p, d, table)
			if err != nil {
				t.Fatal(err)
			}
			if rp.Hash() != p.Hash() {
				t.Fatal("the replayed plan has another hash")
			}
			_, got := run(t, rp, Options{Workers: 1, Batch: 100})
			if !reflect.DeepEqual(got, want) {
				t.Fatal("replayed tables differ from the run's")
			}
		})
	}
}

var _ model.Model = (*replay)(nil)
