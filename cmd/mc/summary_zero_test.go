package main

import (
	"bytes"
	"strings"
	"testing"

	"mc/results"
)

// The summary says which outputs did not vary (their indices are undefined).
func TestSummaryNotesZeroVariance(t *testing.T) {
	rows := []results.SobolRow{
		{Output: "flat", Kind: "factor", By: "factor", Name: "x1", N: 64, ZeroVariance: true},
		{Output: "y", Kind: "factor", By: "factor", Name: "x1", S1: 0.3, ST: 0.5, N: 64},
	}
	var b bytes.Buffer
	noteZeroVariance(&b, rows)
	if !strings.Contains(b.String(), "note: flat did not vary") || strings.Contains(b.String(), "y did not vary") {
		t.Errorf("summary:\n%s", b.String())
	}
}
