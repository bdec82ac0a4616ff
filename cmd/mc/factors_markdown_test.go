package main

import (
	"os"
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

// The factor table of docs/ai-model.md §4.1 is the output of
// `mc factors --markdown ai-global`: regenerate it when the scenario changes.
func TestFactorTableOfDocs(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ai-model.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- factors:begin -->\n", "<!-- factors:end -->"
	i, j := strings.Index(string(doc), begin), strings.Index(string(doc), end)
	if i < 0 || j < i {
		t.Fatal("docs/ai-model.md has no factors:begin/end markers")
	}
	code, out, stderr := runMain("factors", "--markdown", "ai-global")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := string(doc)[i+len(begin) : j]; got != out {
		t.Error("the factor table of docs/ai-model.md differs from `mc factors --markdown ai-global`: paste the command's output between the markers")
	}
}
