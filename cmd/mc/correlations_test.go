package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mc/scenarios"
)

// readmeCorrelations is the block the README's "Dependent inputs" example
// appends to a copy of scenarios/ai-global.yaml.
const readmeCorrelations = `correlations:
  # accelerators, hosts and SSDs come from the same fabs: their embodied GWP rise and fall together
  - {factors: [e_acc, e_host, e_ssd], matrix: [[1, 0.8, 0.5], [0.8, 1, 0.5], [0.5, 0.5, 1]]}
`

// The README example runs (its factors share the lever "embodied" and
// ai-global runs by group), says which correlations it imposes, and the
// same file run by factor is refused with exit 2 and the reason.
func TestReadmeDependentInputsExample(t *testing.T) {
	dir := t.TempDir()
	data, ok := scenarios.Lookup("ai-global")
	if !ok {
		t.Fatal("no embedded ai-global")
	}
	file := filepath.Join(dir, "my-ai.yaml")
	if err := os.WriteFile(file, append(data, []byte(readmeCorrelations)...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runMain("run", file, "-n", "64", "-o", filepath.Join(dir, "out"), "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, out, stderr = runMain("validate", file, "-n", "64")
	if code != 0 || !strings.Contains(out, "rank correlations (Gaussian copula, marginals unchanged): ρ_S(e_acc, e_host) = 0.8, ρ_S(e_acc, e_ssd) = 0.5, ρ_S(e_host, e_ssd) = 0.5") {
		t.Errorf("validate: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	code, _, stderr = runMain("run", file, "-n", "64", "--by", "factor", "-o", filepath.Join(dir, "out2"))
	if code != 2 || !strings.Contains(stderr, "e_acc, e_host, e_ssd are correlated: they share group embodied, so run by group") {
		t.Errorf("by factor: exit %d, stderr %q", code, stderr)
	}
}
