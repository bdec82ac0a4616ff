package main

import (
	"strings"
	"testing"
)

// A band that is not within its stated accuracy is flagged in bands.parquet
// and listed on the terminal: here one sample, so no sd.
func TestBandFlagsInSummary(t *testing.T) {
	out := mustRun(t, "run", "ishigami", "--method", "mc", "-n", "1", "-o", t.TempDir())
	if !strings.Contains(out, "Warning: 1 of 1 bands are flagged") || !strings.Contains(out, "y -: one value: no sd") {
		t.Errorf("summary without the flag:\n%s", out)
	}
	out = mustRun(t, "run", "ishigami", "--method", "mc", "-n", "100", "-o", t.TempDir())
	if strings.Contains(out, "flagged") {
		t.Errorf("summary flags a sound band:\n%s", out)
	}
}
