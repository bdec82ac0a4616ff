package web

import (
	"strings"
	"testing"

	"mc/inputs"
	"mc/scenarios"
)

func TestApply(t *testing.T) {
	name, text := scenarios.Default()
	out, err := Apply(name, text, Settings{Held: map[string]float64{"s_suff": 0.4951234567890123}, Samples: 1024, Bands: []string{"*_total"}})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := inputs.Parse("applied.yaml", out)
	if err != nil {
		t.Fatalf("the applied scenario does not parse: %v", err)
	}
	if sc.Method != "mc" || sc.Samples != 1024 || len(sc.Outputs.Bands) != 1 || sc.Outputs.Bands[0] != "*_total" {
		t.Errorf("applied: method %s, samples %d, bands %v", sc.Method, sc.Samples, sc.Outputs.Bands)
	}
	held := 0
	for _, f := range sc.Factors {
		if f.Fixed && f.Name == "s_suff" {
			held++
			if f.Value != 0.4951234567890123 {
				t.Errorf("s_suff held at %v, want the exact value 0.4951234567890123", f.Value)
			}
		} else if f.Fixed {
			t.Errorf("factor %s is fixed but was not held", f.Name)
		}
	}
	if held != 1 || !strings.Contains(string(out), "# ") {
		t.Errorf("s_suff held %d times; comments kept: %v", held, strings.Contains(string(out), "# "))
	}
	if _, err := Apply(name, text, Settings{Held: map[string]float64{"nope": 1}}); err == nil {
		t.Errorf("holding an unknown factor: no error")
	}
}

func TestControls(t *testing.T) {
	name, text := scenarios.Default()
	cs, err := Controls(name, text)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := inputs.Parse(name, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(sc.Factors) || len(cs) < 50 {
		t.Fatalf("%d controls, want one per factor (%d)", len(cs), len(sc.Factors))
	}
	for _, c := range cs {
		if len(c.Q) != 99 || !(c.Q[0] == c.P01 && c.Q[49] == c.P50 && c.Q[98] == c.P99) {
			t.Errorf("%s: quantiles %v… do not match p01 %g p50 %g p99 %g", c.Name, c.Q[:1], c.P01, c.P50, c.P99)
		}
	}
	// Grouped: each group's factors are contiguous.
	seen := map[string]bool{}
	for i, c := range cs {
		if i > 0 && cs[i-1].Group != c.Group && seen[c.Group] {
			t.Errorf("group %s is split", c.Group)
		}
		seen[c.Group] = true
	}
}
