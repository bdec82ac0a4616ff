package web

import (
	"slices"
	"testing"

	"mc/results"
	"mc/scenarios"
)

// The page computes the bands of the chosen criterion's outputs only. Its
// outputs are those the report shows for it (components, phases,
// intensities), and a run of that subset gives, to the bit, the bands of a
// run of every chart output for those outputs: the outputs chosen change
// no sampled value.
func TestCriterionSubsetRun(t *testing.T) {
	text, _ := scenarios.Lookup("ai-global")
	c, err := ChartOf("ai-global", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Criteria) != 7 {
		t.Fatalf("%d criteria, want 7 (FE, PE, GWP, GWPmb, WATER, WSF, ADPe)", len(c.Criteria))
	}
	const n = 128
	all, err := Apply("ai-global", text, Settings{Samples: n, Bands: c.Outputs, Held: map[string]float64{"s_suff": 0.4}})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Run("ai-global", all)
	if err != nil {
		t.Fatal(err)
	}
	byOutput := map[string][]results.BandRow{}
	for _, b := range full.Bands {
		byOutput[b.Output] = append(byOutput[b.Output], b)
	}
	for _, co := range c.Criteria {
		sub, err := Apply("ai-global", text, Settings{Samples: n, Bands: co.Outputs, Held: map[string]float64{"s_suff": 0.4}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run("ai-global", sub)
		if err != nil {
			t.Fatal(err)
		}
		var want []results.BandRow
		for _, o := range co.Outputs {
			want = append(want, byOutput[o]...)
		}
		if len(res.Bands) != len(want) || len(want) == 0 {
			t.Fatalf("%s: %d band rows, the full run %d", co.Key, len(res.Bands), len(want))
		}
		got := slices.Clone(res.Bands)
		key := func(a, b results.BandRow) int {
			if d := slices.Index(co.Outputs, a.Output) - slices.Index(co.Outputs, b.Output); d != 0 {
				return d
			}
			return int(*a.Year - *b.Year)
		}
		slices.SortFunc(got, key)
		slices.SortFunc(want, key)
		for i := range got {
			if !sameBand(got[i], want[i]) {
				t.Fatalf("%s: %+v, in the full run %+v", co.Key, got[i], want[i])
			}
		}
		// The criterion's view (from the report's choice on the full run)
		// needs no output outside the subset.
		if len(res.Criteria) != 1 || res.Criteria[0].Total != co.Total {
			t.Fatalf("%s: criteria of the subset run %+v", co.Key, res.Criteria)
		}
		var fc Criterion
		for _, x := range full.Criteria {
			if x.Total == co.Total {
				fc = x
			}
		}
		if !slices.Equal(fc.Components, res.Criteria[0].Components) || !slices.Equal(fc.Phases, res.Criteria[0].Phases) || !slices.Equal(fc.Intensities, res.Criteria[0].Intensities) {
			t.Errorf("%s: view of the subset run %+v, of the full run %+v", co.Key, res.Criteria[0], fc)
		}
		for _, o := range append(append(append([]string{fc.Total}, fc.Components...), fc.Phases...), fc.Intensities...) {
			if !slices.Contains(co.Outputs, o) {
				t.Errorf("%s: %s shown but not computed", co.Key, o)
			}
		}
	}
}

// sameBand tells whether two band rows are identical (the year by value).
func sameBand(a, b results.BandRow) bool {
	if (a.Year == nil) != (b.Year == nil) || (a.Year != nil && *a.Year != *b.Year) {
		return false
	}
	a.Year, b.Year = nil, nil
	return a == b
}
