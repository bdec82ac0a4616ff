package engine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"mc/inputs"
	"mc/results"
	"mc/scenarios"
)

// Literature checks of ai-model-v1 (docs/ai-model-v1.md) on the medians of
// its scenario (embedded ai-global-v1.yaml), by plain Monte Carlo. The v2
// checks are model/aiglobal2's TestLiterature.
func TestAIGlobalDefaultScenarioLiterature(t *testing.T) {
	data, ok := scenarios.Lookup("ai-global-v1")
	if !ok {
		t.Fatal("ai-global-v1.yaml not embedded")
	}
	sc, err := inputs.Parse("ai-global-v1.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Model != "ai-global-v1" {
		t.Fatalf("default scenario runs %s", sc.Model)
	}
	p, err := NewPlan(sc, Overrides{Method: "mc", Samples: 8192})
	if err != nil {
		t.Fatal(err)
	}
	_, tb := run(t, p, Options{})
	median := map[string]map[int32]float64{}
	for _, r := range tb.Bands {
		if median[r.Output] == nil {
			median[r.Output] = map[int32]float64{}
		}
		median[r.Output][*r.Year] = r.Q50
	}
	check := func(what string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: median %.4g outside [%.4g, %.4g]", what, got, lo, hi)
		} else {
			t.Logf("%s: median %.4g in [%.4g, %.4g]", what, got, lo, hi)
		}
	}
	// IEA Energy and AI 2025: AI ≈ 5–15 % of 415 TWh in 2024, 35–50 % of 945 TWh in 2030.
	check("AI data-centre electricity 2024 (TWh)", median["dc_electricity"][2024]/1e9, 21, 62)
	check("AI data-centre electricity 2030 (TWh)", median["dc_electricity"][2030]/1e9, 330, 470)
	// Epoch AI: ≈4 M H100e (NVIDIA, early 2025) to 15 M (all vendors, early 2026).
	check("installed compute 2025 (M H100e)", median["H100e"][2025]/1e6, 4, 15)
	// The VoD message: energy per unit of service falls while absolute electricity rises.
	if !(median["FE_per_service"][2040] < median["FE_per_service"][2024]) {
		t.Errorf("FE per unit of service: 2024 %g, 2040 %g: does not fall", median["FE_per_service"][2024], median["FE_per_service"][2040])
	}
	if !(median["FE_total"][2040] > median["FE_total"][2024]) {
		t.Errorf("FE total: 2024 %g, 2040 %g: does not rise", median["FE_total"][2024], median["FE_total"][2040])
	}
	t.Logf("2024→2040: FE per unit of service ×%.3f, FE total ×%.2f",
		median["FE_per_service"][2040]/median["FE_per_service"][2024], median["FE_total"][2040]/median["FE_total"][2024])
}

// withOutputs replaces the `outputs:` selection of the default scenario (its
// indices line) by sel.
func withOutputs(t *testing.T, text, sel string) string {
	t.Helper()
	i := strings.Index(text, "\n  indices: ")
	if i < 0 {
		t.Fatal("default scenario has no `  indices:` line under outputs")
	}
	j := strings.Index(text[i+1:], "\n")
	return text[:i] + "\n  " + sel + text[i+1+j:]
}

// The scenario chooses which outputs get bands and which get indices.
func TestOutputSelection(t *testing.T) {
	name, data := scenarios.Default()
	text := withOutputs(t, string(data), "bands: [FE_total]\n  indices: [FE_storage]")
	sc, err := inputs.Parse(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(sc, Overrides{Samples: 64})
	if err != nil {
		t.Fatal(err)
	}
	_, tb := run(t, p, Options{})
	if len(tb.Bands) != 31 {
		t.Errorf("%d band rows, want 31 (FE_total, 2020–2050)", len(tb.Bands))
	}
	for _, r := range tb.Bands {
		if r.Output != "FE_total" {
			t.Fatalf("band of %s", r.Output)
		}
	}
	for _, r := range tb.Sobol {
		if r.Output != "FE_storage" {
			t.Fatalf("indices of %s", r.Output)
		}
	}
	if len(tb.Sobol) == 0 {
		t.Error("no indices")
	}
}

// A run that accumulates some outputs only lets the model compute those
// (model.OutputSubsetter): its bands and indices are, to the bit, those of
// the same outputs in a run of every output, for Monte Carlo and Sobol'.
func TestOutputSubsetRunMatchesFullRun(t *testing.T) {
	name, data := scenarios.Default()
	text := string(data)
	subset := withOutputs(t, text, "bands: [FE_total, GWP_manuf]\n  indices: [{name: FE_storage, scale: log}]")
	for _, method := range []string{"mc", "sobol"} {
		plans := make([]*Plan, 2)
		for k, txt := range []string{text, subset} {
			sc, err := inputs.Parse(name, []byte(txt))
			if err != nil {
				t.Fatal(err)
			}
			if plans[k], err = NewPlan(sc, Overrides{Samples: 64, Method: method}); err != nil {
				t.Fatal(err)
			}
		}
		if r, err := newRunner(plans[1], Options{}); err != nil || r.model == plans[1].Model || r.checked == nil {
			t.Fatalf("%s: the subset run does not use a subset model (%v)", method, err)
		}
		// The run of every output still computes the index outputs alone
		// for the A_B rows.
		if r, err := newRunner(plans[0], Options{}); err != nil || r.model != plans[0].Model || r.idxModel == plans[0].Model {
			t.Fatalf("%s: the full run's models: %v", method, err)
		}
		_, full := run(t, plans[0], Options{})
		_, sub := run(t, plans[1], Options{})
		bands := map[string]results.BandRow{}
		for _, b := range full.Bands {
			bands[fmt.Sprint(b.Output, *b.Year)] = b
		}
		if len(sub.Bands) != 62 {
			t.Fatalf("%s: %d band rows, want 62", method, len(sub.Bands))
		}
		for _, b := range sub.Bands {
			if w := bands[fmt.Sprint(b.Output, *b.Year)]; !reflect.DeepEqual(b, w) {
				t.Fatalf("%s: %s %d: %+v, full run %+v", method, b.Output, *b.Year, b, w)
			}
		}
		idx := map[string]results.SobolRow{}
		for _, r := range full.Sobol {
			if r.Output == "FE_storage" {
				idx[fmt.Sprint(r.Kind, r.By, r.Name, yearOf(r.Year))] = r
			}
		}
		for _, r := range sub.Sobol {
			if w, ok := idx[fmt.Sprint(r.Kind, r.By, r.Name, yearOf(r.Year))]; !ok || !reflect.DeepEqual(r, w) {
				t.Fatalf("%s: %+v, full run %+v", method, r, w)
			}
		}
		if method == "sobol" && len(sub.Sobol) == 0 {
			t.Error("no indices")
		}
	}
}
