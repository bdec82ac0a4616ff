package engine

import (
	"context"
	"strings"
	"testing"

	"mc/inputs"
	"mc/scenarios"
)

// The cost of comparing K measures: one pass that evaluates the base once
// and each variant once per sample (K + 1 model runs), against K pairwise
// passes on identical sample streams (2K model runs). Both give the same
// numbers (TestCompareManyEqualsPairwise); compare their ns/op.
func BenchmarkCompareOnePass(b *testing.B)  { benchCompare(b, false) }
func BenchmarkComparePairwise(b *testing.B) { benchCompare(b, true) }

// compareLevers are v1 levers fixed at an end, one variant each.
var compareLevers = []string{
	"s_suff: {distribution: uniform, min: 0, max: 0.5,",
	"PUE50: {distribution: uniform, min: 1.05, max: 1.25,",
	"l_pol: {distribution: uniform, min: 1, max: 20,",
	"L_hw: {distribution: uniform, min: 3, max: 6,",
}

func benchCompare(b *testing.B, pairwise bool) {
	name := "ai-global-v1"
	text, ok := scenarios.Lookup(name)
	if !ok {
		name = "ai-global"
		text, _ = scenarios.Lookup(name)
	}
	base := scenario(b, string(text))
	var variants []*inputs.Scenario
	var names []string
	for i, l := range compareLevers {
		if !strings.Contains(string(text), l) {
			b.Skipf("%s has no %q", name, l)
		}
		variants = append(variants, scenario(b, strings.Replace(string(text), l, l+" fixed: median,", 1)))
		names = append(names, compareLevers[i][:strings.Index(l, ":")])
	}
	ov := Overrides{Samples: 2048}
	var comps []*Comparison
	if pairwise {
		for k := range variants {
			c, err := NewComparison(base, variants[k:k+1], names[k:k+1], ov, CompareOptions{Threshold: 0.1})
			if err != nil {
				b.Fatal(err)
			}
			comps = append(comps, c)
		}
	} else {
		c, err := NewComparison(base, variants, names, ov, CompareOptions{Threshold: 0.1})
		if err != nil {
			b.Fatal(err)
		}
		comps = append(comps, c)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range comps {
			out, err := Run(context.Background(), c.Plan, Options{Workers: 1})
			if err != nil {
				b.Fatal(err)
			}
			t, err := out.Tables()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.Rows(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
