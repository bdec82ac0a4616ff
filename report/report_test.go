package report

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
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

// The default run's document: criteria, components, phases, intensities and
// references chosen from the outputs' names and units, in units people use.
func TestBuildDefaultRun(t *testing.T) {
	doc := Build(defaultRun(t))
	units := map[string]string{}
	for _, c := range doc.Criteria {
		units[c.Total.Output] = c.Total.Unit
		if c.Components == nil || len(c.Components.Parts) != 5 {
			t.Errorf("%s: components %+v, want 5 (train, infer, dataproc, storage, network)", c.Key, c.Components)
		}
		manuf := c.Key == "GWP" || c.Key == "PE" || c.Key == "ADPe"
		if (c.Phases != nil) != manuf {
			t.Errorf("%s: phases %+v, want use and manuf only for GWP, PE and ADPe", c.Key, c.Phases)
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
	if len(fe.Intensities) == 0 || fe.Intensities[0].Output != "FE_per_service" {
		t.Errorf("FE intensities %v, want FE_per_service first", fe.Intensities)
	}
	// The reference table agrees with the bands: dc_electricity 2024 within IEA's 21–62 TWh.
	for _, r := range doc.References {
		if r.Output == "dc_electricity" && r.Year == 2024 {
			if r.Unit != "TWh" || math.Abs(float64(r.Min)-21) > 1e-9 || math.Abs(float64(r.Max)-62) > 1e-9 {
				t.Errorf("reference %+v: want 21–62 TWh", r)
			}
			if got := float64(r.Q50) >= 21 && float64(r.Q50) <= 62; got != r.MedianMeets {
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
	y := int32(2030)
	rel := 0.2
	cmp := &Data{Meta: map[string]string{"mc.threshold": "0.1"}, Compare: []results.CompareRow{
		{Output: "FE_total", Unit: "kWh", Year: &y, Measure: "base", Q50: 4e11, Threshold: 0.1},
		{Output: "FE_total", Unit: "kWh", Year: &y, Measure: "relative", Q5: -0.3, Q50: -0.2, Q95: -0.1, PReduction: &rel, Threshold: 0.1},
		{Output: "FE_train", Unit: "kWh", Year: &y, Measure: "relative", Threshold: 0.1},
	}}
	c := Build(cmp).Compare
	if c == nil || len(c.Outputs) != 1 || c.Threshold != 10 || c.Outputs[0].Rel[0].Q50 != -20 || c.Outputs[0].P[0].P != 20 || c.Outputs[0].Base.Unit != "TWh" {
		t.Errorf("compare document %+v: want FE_total only, threshold 10 %%, median −20 %%, P 20 %%, base in TWh", c)
	}
}

// compareRun compares ai-global with ai-global-levers (exogenous factors at
// their medians) on 256 common samples, as mc compare does.
func compareRun(t *testing.T) *Data {
	t.Helper()
	base, err := inputs.Parse("ai-global.yaml", mustRead(t, "ai-global.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	variant, err := inputs.Parse("ai-global-levers.yaml", mustRead(t, "ai-global-levers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := engine.NewComparePlan(base, variant, engine.Overrides{Samples: 256}, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	out, err := engine.Run(context.Background(), p, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	meta := out.Meta()
	meta["mc.threshold"] = "0.1"
	return &Data{Meta: meta, Compare: engine.CompareRows(tb.Bands, 0.1)}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "scenarios", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
