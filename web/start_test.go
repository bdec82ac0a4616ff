package web

import (
	"encoding/json"
	"strings"
	"testing"

	"mc/scenarios"
)

// Every shipped measure variant holds at least its own lever; sufficiency
// holds s_suff at its ambitious end, 0.5 (scenarios/measures/sufficiency.yaml).
func TestMeasures(t *testing.T) {
	ms := Measures()
	if want := len(scenarios.Glob(scenarios.Prefix + "measures/*")); len(ms) != want || want < 2 {
		t.Fatalf("%d measures, want %d", len(ms), want)
	}
	for _, m := range ms {
		if m.Name == "sufficiency" && m.Levers["s_suff"] != 0.5 {
			t.Errorf("sufficiency holds s_suff at %g, want 0.5", m.Levers["s_suff"])
		}
		if len(m.Levers) == 0 {
			t.Errorf("measure %s holds no lever", m.Name)
		}
	}
}

// start.json: the default scenario, its controls, and a first run of the
// first criterion's outputs at FirstN whose criteria are the report's.
func TestStartJSON(t *testing.T) {
	b, err := startJSON("", nil)
	if err != nil {
		t.Fatal(err)
	}
	var s Start
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Name != "ai-global" || len(s.Controls) < 50 || len(s.Presets) < 2 || len(s.Measures) < 2 {
		t.Fatalf("start: %s, %d controls, %d presets, %d measures", s.Name, len(s.Controls), len(s.Presets), len(s.Measures))
	}
	if s.First == nil || s.First.N != FirstN || !strings.Contains(s.First.Text, "samples: 64") || !strings.Contains(s.First.Text, "FE_total") || strings.Contains(s.First.Text, "GWP_total") {
		t.Fatalf("first run: %+v", s.First)
	}
	r := s.First.Result
	if r == nil || !r.Native || r.N != FirstN || len(r.Criteria) != 1 || r.Criteria[0].Total != "FE_total" || len(r.Criteria[0].Components) < 2 || len(r.Criteria[0].Intensities) != 5 {
		t.Fatalf("first run's result: %+v", r)
	}
	// The first chart is the run of the first text: same bands as running it again.
	again, err := Run(s.Name, []byte(s.First.Text))
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Bands) != len(r.Bands) || len(r.Bands) == 0 {
		t.Fatalf("%d band rows, a run of the first text %d", len(r.Bands), len(again.Bands))
	}
	for i := range r.Bands {
		if !sameBand(r.Bands[i], again.Bands[i]) {
			t.Fatalf("row %d: %+v, a run of the first text %+v", i, r.Bands[i], again.Bands[i])
		}
	}
	if !strings.Contains(strings.Join(s.Outputs, " "), "GWP_total") {
		t.Errorf("chart outputs lack GWP_total: %v", s.Outputs)
	}
	if len(s.Criteria) != 7 || s.Criteria[0].Total != "FE_total" {
		t.Errorf("criteria: %+v", s.Criteria)
	}
}
