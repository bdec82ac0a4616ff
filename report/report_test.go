package report

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"mc/engine"
	"mc/inputs"
	"mc/results"
	"mc/scenarios"
)

var (
	defaultOnce sync.Once
	defaultData *Data
	defaultErr  error
)

// run runs a scenario through the engine and returns its tables as report data.
func run(name string, text []byte, ov engine.Overrides) (*Data, *engine.Tables, error) {
	sc, err := inputs.Parse(name, text)
	if err != nil {
		return nil, nil, err
	}
	p, err := engine.NewPlan(sc, ov)
	if err != nil {
		return nil, nil, err
	}
	out, err := engine.Run(context.Background(), p, engine.Options{})
	if err != nil {
		return nil, nil, err
	}
	t, err := out.Tables()
	if err != nil {
		return nil, nil, err
	}
	return &Data{Meta: out.Meta(), Bands: t.Bands, Sobol: t.Sobol, Convergence: t.Convergence, Morris: t.Morris, Wall: 1.5}, t, nil
}

// defaultRun is the default scenario's run (`mc run` with no argument), once per test binary.
func defaultRun(t *testing.T) *Data {
	t.Helper()
	defaultOnce.Do(func() {
		name, text := scenarios.Default()
		defaultData, _, defaultErr = run(name, text, engine.Overrides{})
	})
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultData
}

// The report built from the Parquet files (mc report DIR) is the report built
// from the tables in memory (mc run).
func TestLoadGivesTheTablesInMemory(t *testing.T) {
	name, text := scenarios.Default()
	d, tables, err := run(name, text, engine.Overrides{Samples: 256})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := tables.Write(dir, d.Meta); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, d); err != nil { // records the wall time
		t.Fatal(err)
	}
	loaded, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Wall != d.Wall {
		t.Errorf("wall time read back from report.html: %g, want %g", loaded.Wall, d.Wall)
	}
	a, _ := json.Marshal(Build(d))
	b, _ := json.Marshal(Build(loaded))
	if string(a) != string(b) {
		t.Errorf("the report of the Parquet files differs from the report of the tables in memory")
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no result files") {
		t.Errorf("Load of an empty folder: %v, want a 'no result files' error", err)
	}
}

// The default run's document (AI model v2): criteria, components, phases
// and intensities chosen from the model's output metadata, in units people
// use; the stacked components add up to the total (training, the sum of
// pretraining and post-training, is shown by its parts).
func TestBuildDefaultRun(t *testing.T) {
	d := defaultRun(t)
	doc := Build(d)
	mean := map[string][]float64{}
	for _, r := range d.Bands {
		mean[r.Output] = append(mean[r.Output], r.Mean)
	}
	units := map[string]string{}
	for _, c := range doc.Criteria {
		units[c.Total.Output] = c.Total.Unit
		if c.Components == nil || slices.Contains(c.Components.Parts, "train") || !slices.Contains(c.Components.Parts, "pretrain") {
			t.Errorf("%s: components %v, want pretrain, posttrain, … and not train", c.Key, c.Components)
			continue
		}
		// Means add up exactly: the stack of components is the total.
		for i, tot := range mean[c.Total.Output] {
			s := 0.0
			for _, p := range c.Components.Parts {
				s += mean[c.Key+"_"+p][i]
			}
			if math.Abs(s-tot) > 1e-9*math.Abs(tot) {
				t.Errorf("%s: components %v add up to %g in year %d, total %g", c.Key, c.Components.Parts, s, i, tot)
				break
			}
		}
		wantPhases := c.Key != "FE" // final electricity has no manufacturing phase
		if (c.Phases != nil) != wantPhases || c.Phases != nil && !slices.Equal(c.Phases.Parts, []string{"use", "manufacturing"}) {
			t.Errorf("%s: phases %+v, want use and manufacturing (none for FE)", c.Key, c.Phases)
		}
	}
	want := map[string]string{"FE_total": "TWh", "GWP_total": "Mt CO₂e", "PE_total": "EJ", "WATER_total": "km³", "ADPe_total": "kt Sb eq."}
	for o, u := range want {
		if units[o] != u {
			t.Errorf("%s shown in %q, want %q", o, units[o], u)
		}
	}
	var fe Criterion
	for _, c := range doc.Criteria {
		if c.Key == "FE" {
			fe = c
		}
	}
	var in []string
	for _, f := range fe.Intensities {
		in = append(in, f.Output)
	}
	if !slices.Contains(in, "FE_per_service") || len(in) > 6 {
		t.Errorf("FE intensities %v, want FE_per_service and no per-request intensities", in)
	}
	// The reference table agrees with the bands.
	for _, r := range doc.References {
		if r.Found {
			if got := float64(r.Q50) >= float64(r.Min) && float64(r.Q50) <= float64(r.Max); got != r.MedianMeets {
				t.Errorf("reference %+v: median_meets %v disagrees with the median", r, r.MedianMeets)
			}
		}
	}
	if doc.By != "group" || len(doc.Years) != 4 {
		t.Errorf("indices by %q for years %v, want group and 2024, 2030, 2040, 2050", doc.By, doc.Years)
	}
}

// A comparison and a Morris run of other models get their charts too.
func TestBuildCompareAndMorris(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "scenarios", "ishigami.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := run("ishigami.yaml", text, engine.Overrides{Samples: 64, Method: "morris"})
	if err != nil {
		t.Fatal(err)
	}
	doc := Build(d)
	if len(doc.Morris) != 1 || len(doc.Morris[0].ByYear[""]) != 3 || len(doc.Criteria) != 0 {
		t.Errorf("ishigami morris: %d morris outputs (%v), %d scalars, %d criteria; want 1 with 3 factors, 0 criteria",
			len(doc.Morris), doc.Morris, len(doc.Scalars), len(doc.Criteria))
	}
	// Two measures on two criterion totals (and a component, not shown) in
	// two years: fans of both measures, rankings in 2030 and 2050.
	var rows []results.CompareRow
	for _, m := range []string{"a", "b"} {
		for _, o := range []string{"FE_total", "GWP_total", "FE_train"} {
			for _, yr := range []int32{2024, 2030, 2050} {
				y := yr
				rel := -0.2
				if m == "b" {
					rel = -0.05
				}
				if o == "GWP_total" && yr == 2050 {
					rel = -0.5 // b ranks first in 2050 on GWP
					if m == "a" {
						rel = 0.1
					}
				}
				rows = append(rows, results.CompareRow{Measure: m, Output: o, Unit: "kWh", Year: &y, Threshold: 0.1,
					RelQ5: rel - 0.1, RelQ50: rel, RelQ95: rel + 0.1, PReduction: 0.25, BaseQ50: 4e11})
			}
		}
	}
	c := Build(&Data{Meta: map[string]string{"mc.threshold": "0.1"}, Compare: rows}).Compare
	if c == nil || len(c.Outputs) != 2 || c.Threshold != 10 || len(c.Measures) != 2 || !slices.Equal(c.Years, []int{2030, 2050}) {
		t.Fatalf("compare document %+v: want FE_total and GWP_total, threshold 10 %%, measures a and b, years 2030 and 2050", c)
	}
	fe, gwp := c.Outputs[0], c.Outputs[1]
	if len(fe.Rel) != 6 || fe.Rel[0].Measure != "a" || fe.Rel[0].Q50 != -20 || fe.Rel[0].P != 25 || fe.Unit != "TWh" {
		t.Errorf("FE_total: %+v; want 2 measures × 3 years, a first with median −20 %%, P 25 %%, base in TWh", fe)
	}
	if len(gwp.Ranks) != 2 || *gwp.Ranks[1].Year != 2050 || gwp.Ranks[1].Rows[0].Measure != "b" || gwp.Ranks[0].Rows[0].Measure != "a" ||
		gwp.Ranks[1].Rows[0].Q50 != -50 || gwp.Ranks[1].BaseQ50 != 400 {
		t.Errorf("GWP_total rankings %+v: want a first in 2030, b first in 2050 with −50 %%, base 400 TWh", gwp.Ranks)
	}
}

// compareMeasures are the measures the compare report is tested with.
var compareMeasures = []string{"sufficiency", "lifetime", "grid-sourcing"}

// compareRun compares ai-global-base with three measures on 256 common
// samples, as mc compare does.
func compareRun(t *testing.T) *Data {
	t.Helper()
	base, err := inputs.Parse("ai-global-base.yaml", mustRead(t, "ai-global-base.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var variants []*inputs.Scenario
	for _, m := range compareMeasures {
		v, err := inputs.Parse(m+".yaml", mustRead(t, filepath.Join("measures", m+".yaml")))
		if err != nil {
			t.Fatal(err)
		}
		variants = append(variants, v)
	}
	c, err := engine.NewComparison(base, variants, compareMeasures, engine.Overrides{Samples: 256}, engine.CompareOptions{Threshold: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	out, err := engine.Run(context.Background(), c.Plan, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := c.Rows(tb)
	if err != nil {
		t.Fatal(err)
	}
	meta := out.Meta()
	meta["mc.threshold"] = "0.1"
	return &Data{Meta: meta, Compare: rows}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "scenarios", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
