package main

import (
	"strings"
	"testing"
)

// `mc factors --markdown` prints one table row per factor of the scenario.
func TestFactorsMarkdown(t *testing.T) {
	code, out, stderr := runMain("factors", "--markdown", "ai-global")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2+109 {
		t.Fatalf("%d lines, want header + separator + 109 factors", len(lines))
	}
	if !strings.HasPrefix(lines[2], "| `FLOP_tr24` | D1 ") || !strings.Contains(lines[2], "lognormal(p5=3e+27, p95=4e+28)") {
		t.Errorf("first row: %s", lines[2])
	}
	for _, l := range lines[2:] {
		if strings.Count(l, " | ") < 8 {
			t.Errorf("row has too few cells: %s", l)
		}
	}
}
