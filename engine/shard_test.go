package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runShards(t *testing.T, p *Plan, dir string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		first, end := ShardBlocks(p.Blocks(), i, n)
		if first == end {
			t.Fatalf("%s: shard %d of %d is empty (%d blocks)", p.Method, i, n, p.Blocks())
		}
		out, err := Run(context.Background(), p, Options{Workers: 1 + i%3, FirstBlock: first, EndBlock: end})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := SaveState(dir, out, i, n); err != nil {
			t.Fatal(err)
		}
	}
}

func mergedTables(t *testing.T, dir string) *Tables {
	t.Helper()
	out, err := MergeStates(dir)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// For 1, 3 and 8 shards the merged bands and indices are bit-identical to a
// single-process run, for the Sobol' method and for plain Monte Carlo.
func TestShardsMergeBitIdentical(t *testing.T) {
	cases := []struct{ method, design, n string }{
		{"sobol", "sobol", "16384"}, {"mc", "mc", "100000"}, {"mc", "sobol", "70000"}, {"morris", "mc", "200"},
	}
	for _, c := range cases {
		sc := scenario(t, ishigamiYAML, "%N%", c.n, "%DESIGN%", c.design, "%METHOD%", c.method)
		ov := Overrides{By: "both"}
		if c.method == "morris" {
			ov.Samples = 200 // trajectories
		}
		p := plan(t, sc, ov)
		_, single := run(t, p, Options{})
		want := bitsOf(single)
		for _, shards := range []int{1, 3, 8} {
			dir := t.TempDir()
			runShards(t, p, dir, shards)
			got := mergedTables(t, dir)
			sameBits(t, c.method+"/"+c.design, want, bitsOf(got))
			if len(got.Convergence) != len(single.Convergence) {
				t.Errorf("%s: %d shards: %d convergence rows, single run %d", c.method, shards, len(got.Convergence), len(single.Convergence))
			}
		}
	}
}

func TestMergeRefusesFaultyShards(t *testing.T) {
	sc := scenario(t, ishigamiYAML, "%N%", "8192", "%DESIGN%", "sobol", "%METHOD%", "sobol")
	p := plan(t, sc, Overrides{})
	good := t.TempDir()
	runShards(t, p, good, 4)
	names, _ := filepath.Glob(filepath.Join(good, "*"+StateExt))
	if len(names) != 4 {
		t.Fatalf("%d state files", len(names))
	}
	clone := func() string {
		d := t.TempDir()
		for _, n := range names {
			b, _ := os.ReadFile(n)
			os.WriteFile(filepath.Join(d, filepath.Base(n)), b, 0o644)
		}
		return d
	}
	expect := func(what, dir, msg string) {
		t.Helper()
		_, err := MergeStates(dir)
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: got %v, want an error containing %q", what, err, msg)
		}
	}
	d := clone()
	os.Remove(filepath.Join(d, StateFileName(2, 4)))
	expect("missing", d, "missing shards of 4: 2 (blocks 4–5)")

	d = clone()
	b, _ := os.ReadFile(filepath.Join(d, StateFileName(1, 4)))
	os.WriteFile(filepath.Join(d, "copy-of-1"+StateExt), b, 0o644)
	expect("duplicate", d, "shard 1 is present 2 times")

	d = clone()
	other := plan(t, scenario(t, ishigamiYAML, "%N%", "8192", "%DESIGN%", "sobol", "%METHOD%", "sobol"), Overrides{Seed: new(uint64)})
	od := t.TempDir()
	runShards(t, other, od, 4)
	b, _ = os.ReadFile(filepath.Join(od, StateFileName(3, 4)))
	os.WriteFile(filepath.Join(d, StateFileName(3, 4)), b, 0o644)
	expect("other design", d, "belongs to another design")

	d = clone()
	b, _ = os.ReadFile(filepath.Join(d, StateFileName(0, 4)))
	os.WriteFile(filepath.Join(d, StateFileName(0, 4)), b[:len(b)/2], 0o644)
	expect("truncated", d, "checksum mismatch: truncated or corrupted")

	d = clone()
	os.WriteFile(filepath.Join(d, "."+StateFileName(1, 4)+".tmp-123"), b[:10], 0o644)
	expect("half-written", d, "half-written shard file")

	// The intact set merges.
	if _, err := MergeStates(good); err != nil {
		t.Errorf("good shards: %v", err)
	}
}

// Rerunning a shard produces the same bytes.
func TestShardRerunSameBytes(t *testing.T) {
	sc := scenario(t, ishigamiYAML, "%N%", "8192", "%DESIGN%", "sobol", "%METHOD%", "sobol")
	p := plan(t, sc, Overrides{})
	a, b := t.TempDir(), t.TempDir()
	runShards(t, p, a, 3)
	runShards(t, p, b, 3)
	for i := 0; i < 3; i++ {
		x, _ := os.ReadFile(filepath.Join(a, StateFileName(i, 3)))
		y, _ := os.ReadFile(filepath.Join(b, StateFileName(i, 3)))
		if string(x) != string(y) {
			t.Errorf("shard %d: rerun gives different bytes", i)
		}
	}
}
