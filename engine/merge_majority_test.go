package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// When the state that sorts first is the foreign one, merge still decides
// the design by the majority and names only the odd one out (it used to call
// the good shards foreign).
func TestMergeBlamesTheOddOneOut(t *testing.T) {
	sc := scenario(t, ishigamiYAML, "%N%", "16384", "%DESIGN%", "sobol", "%METHOD%", "sobol")
	good, other := t.TempDir(), t.TempDir()
	runShards(t, plan(t, sc, Overrides{}), good, 8)
	seed := uint64(7)
	runShards(t, plan(t, sc, Overrides{Seed: &seed}), other, 8)
	b, err := os.ReadFile(filepath.Join(other, StateFileName(0, 8)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(good, StateFileName(0, 8)), b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = MergeStates(good)
	if err == nil {
		t.Fatal("merged states of two designs")
	}
	msg := err.Error()
	if !strings.Contains(msg, StateFileName(0, 8)+" belongs to another design") {
		t.Errorf("the odd one out is not named: %v", msg)
	}
	for i := 1; i < 8; i++ {
		if strings.Contains(msg, StateFileName(i, 8)+" belongs") {
			t.Errorf("good shard %d blamed: %v", i, msg)
		}
	}
	if !strings.Contains(msg, "missing shards of 8: 0 ") {
		t.Errorf("shard 0 of the majority's design should be reported missing: %v", msg)
	}

	// The same design split otherwise: the odd shard count is named.
	split := t.TempDir()
	runShards(t, plan(t, sc, Overrides{}), split, 4)
	odd := t.TempDir()
	for i := 0; i < 8; i++ {
		b, _ := os.ReadFile(filepath.Join(good, StateFileName(i, 8)))
		if i == 0 {
			b, _ = os.ReadFile(filepath.Join(split, StateFileName(0, 4)))
			os.WriteFile(filepath.Join(odd, StateFileName(0, 4)), b, 0o644)
			continue
		}
		os.WriteFile(filepath.Join(odd, StateFileName(i, 8)), b, 0o644)
	}
	_, err = MergeStates(odd)
	if err == nil || !strings.Contains(err.Error(), StateFileName(0, 4)+" is shard 0 of 4, the others are of 8") || strings.Contains(err.Error(), "-of-00008.mcstate is shard") {
		t.Errorf("odd shard count: %v", err)
	}

	// Two designs with as many states each: nothing is blamed, both listed.
	tie := t.TempDir()
	for i := 0; i < 4; i++ {
		src := good
		if i%2 == 0 {
			src = other
		}
		b, _ := os.ReadFile(filepath.Join(src, StateFileName(i, 8)))
		os.WriteFile(filepath.Join(tie, StateFileName(i, 8)), b, 0o644)
	}
	_, err = MergeStates(tie)
	if err == nil || !strings.Contains(err.Error(), "none is the majority") || strings.Contains(err.Error(), "belongs to another design") {
		t.Errorf("tie: %v", err)
	}
}
