package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestShardMergeSmallNodes is the regression of issue 8 item 7: shards whose
// merge-tree nodes hold fewer than 128 rows (one-byte counts, the shortest
// state a band series can take) were written but could not be merged. On
// the default scenario, each split merges and gives the bands.parquet of a
// single run, byte for byte.
func TestShardMergeSmallNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the default scenario several times")
	}
	for _, tc := range []struct {
		method string
		n      int
		shards int
	}{
		{"mc", 16392, 1},
		{"mc", 8200, 2},
		{"sobol", 32, 1},
	} {
		t.Run(fmt.Sprintf("%s-n%d-%dshards", tc.method, tc.n, tc.shards), func(t *testing.T) {
			dir := t.TempDir()
			n := fmt.Sprint(tc.n)
			states := filepath.Join(dir, "states")
			for i := range tc.shards {
				mustRun(t, "run", "--method", tc.method, "-n", n, "--shard", fmt.Sprintf("%d/%d", i, tc.shards), "-o", states, "--quiet")
			}
			mustRun(t, "merge", states, "--quiet")
			single := filepath.Join(dir, "single")
			mustRun(t, "run", "--method", tc.method, "-n", n, "-o", single, "--quiet")
			got, err := os.ReadFile(filepath.Join(states, "bands.parquet"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(single, "bands.parquet"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Error("merged bands.parquet differs from a single run's")
			}
		})
	}
}
