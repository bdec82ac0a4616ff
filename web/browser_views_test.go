//go:build !js

package web

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"mc/results"
	"mc/scenarios"
)

// choose sets a select's value and tells the page.
func choose(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event("change")); return s.value === %q; })()`, id, value, value))
}

// selectors checks the criterion, component, year and intensity/absolute
// selectors of a view of AI model v2, criterion FE: the live explorer (ids
// without prefix, with a baseline, a new criterion computed when chosen) or
// an opened result folder (ids prefixed "o-", no baseline).
func selectors(t *testing.T, ctx context.Context, p string, live bool) {
	t.Helper()
	fan := "#fan"
	runs, crits := 2, "mcState.current.criteria"
	if !live {
		fan, runs, crits = "#o-fan", 1, "mcState.opened.criteria"
	}
	comps := eval[[]string](t, ctx, crits+`.find(c => c.total === "FE_total").components`)
	want := []string{"FE_pretrain", "FE_posttrain", "FE_infer", "FE_datagen", "FE_dataproc", "FE_storage", "FE_network"}
	if strings.Join(comps, " ") != strings.Join(want, " ") {
		t.Errorf("components of FE: %v, want %v (train shown by its parts, devices outside the total)", comps, want)
	}
	// Absolute: the total's fan (the baseline's 90 % band, the run's 90 %
	// and 50 %) and the components in the chosen year, beside the baseline.
	if n := eval[int](t, ctx, `document.querySelectorAll("`+fan+` .main svg g[aria-label=area] path").length`); n != runs+1 {
		t.Errorf("total fan: %d areas, want %d", n, runs+1)
	}
	choose(t, ctx, p+"year", "2040")
	if n := eval[int](t, ctx, `document.querySelectorAll("`+fan+` .bars svg g[aria-label=bar] rect").length`); n != runs*len(want) {
		t.Errorf("year bars: %d bars, want %d (per component and run)", n, runs*len(want))
	}
	if c, n := eval[string](t, ctx, `document.querySelector("`+fan+` table.year caption").textContent`), eval[int](t, ctx, `document.querySelectorAll("`+fan+` table.year tbody tr").length`); !strings.HasPrefix(c, "2040") || n != 1+len(want) {
		t.Errorf("year table %q with %d rows, want 2040 and %d", c, n, 1+len(want))
	}
	// Stacked components: one area per component.
	choose(t, ctx, p+"component", "components")
	if n := eval[int](t, ctx, `document.querySelectorAll("`+fan+` .main svg g[aria-label=area] path").length`); n != len(want) {
		t.Errorf("stacked components: %d areas, want %d", n, len(want))
	}
	// One component's fan.
	choose(t, ctx, p+"component", "FE_infer")
	if y := eval[string](t, ctx, `document.querySelector("`+fan+` .main svg").textContent`); !strings.Contains(y, "FE_infer") {
		t.Errorf("the FE_infer fan is not labelled FE_infer")
	}
	// Intensity: one fan per intensity, and the year table lists them.
	eval[bool](t, ctx, `(() => { const r = document.getElementById("`+p+`intensity"); r.checked = true; r.dispatchEvent(new Event("change")); return true; })()`)
	if n := eval[int](t, ctx, `document.querySelectorAll("`+fan+` .main svg, `+fan+` .intensity svg").length`); n != 5 {
		t.Errorf("intensity view: %d fans, want 5", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("`+fan+` table.year tbody tr").length`); n != 5 {
		t.Errorf("intensity view: %d table rows, want 5", n)
	}
	// Another criterion (the live page computes its outputs), back to absolute.
	choose(t, ctx, p+"criterion", "GWP_total")
	eval[bool](t, ctx, `(() => { const r = document.getElementById("`+p+`absolute"); r.checked = true; r.dispatchEvent(new Event("change")); return true; })()`)
	if live {
		waitFor(t, ctx, `mcState.current.bands.some(b => b.Output === "GWP_total") && !mcState.current.bands.some(b => b.Output === "FE_total")`, 60*time.Second)
	}
	if y := eval[string](t, ctx, `document.querySelector("`+fan+` .main svg").textContent`); !strings.Contains(y, "GWP_total") || !strings.Contains(y, "CO₂e") {
		t.Errorf("GWP_total fan is not labelled GWP_total in CO₂e")
	}
	choose(t, ctx, p+"criterion", "FE_total")
	if live {
		waitFor(t, ctx, `mcState.current.bands.some(b => b.Output === "FE_total")`, 60*time.Second)
	}
	if y := eval[string](t, ctx, `document.querySelector("`+fan+` .main svg").textContent`); !strings.Contains(y, "FE_total") {
		t.Errorf("FE_total fan is not labelled FE_total")
	}
	choose(t, ctx, p+"component", "total")
}

// agree compares two runs' bands row by row (same outputs, years and N):
// how many values are identical, of how many, and the largest relative
// difference of the others.
func agree(t *testing.T, a, b []results.BandRow) (identical, all int, worst float64) {
	t.Helper()
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d band rows vs %d", len(a), len(b))
	}
	for i, x := range a {
		y := b[i]
		if x.Output != y.Output || *x.Year != *y.Year || x.N != y.N {
			t.Fatalf("row %d: %s %d (n %d) vs %s %d (n %d)", i, x.Output, *x.Year, x.N, y.Output, *y.Year, y.N)
		}
		vx := []float64{x.Mean, x.SD, x.Min, x.Max, x.Q2_5, x.Q5, x.Q25, x.Q50, x.Q75, x.Q95, x.Q97_5}
		vy := []float64{y.Mean, y.SD, y.Min, y.Max, y.Q2_5, y.Q5, y.Q25, y.Q50, y.Q75, y.Q95, y.Q97_5}
		for j := range vx {
			all++
			if vx[j] == vy[j] {
				identical++
				continue
			}
			worst = max(worst, math.Abs(vx[j]-vy[j])/math.Max(math.Abs(vx[j]), math.Abs(vy[j])))
		}
	}
	return identical, all, worst
}

// Another preset: a model that says nothing of its outputs (AI model v1:
// every output computed, one criterion per X_total) and back to one that does
// (its criteria from mcChart, the chosen criterion's outputs computed).
func TestPresetsInChromium(t *testing.T) {
	ctx := browser(t)
	openExplorer(t, ctx)
	waitFor(t, ctx, `!!(window.mcState && mcState.firstPair)`, 120*time.Second)
	choose(t, ctx, "preset", "ai-global-v1")
	waitFor(t, ctx, `mcState.name === "ai-global-v1" && !!mcState.current && document.querySelectorAll("#fan .main svg g[aria-label=area] path").length === 3`, 120*time.Second)
	v1, _ := scenarios.Lookup("ai-global-v1")
	c, err := ChartOf("ai-global-v1", v1)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Criteria) != 0 {
		t.Fatalf("ai-global-v1: %d criteria from metadata, want none", len(c.Criteria))
	}
	if n, crits := eval[int](t, ctx, `new Set(mcState.current.bands.map(b => b.Output)).size`), eval[int](t, ctx, `document.getElementById("criterion").options.length`); n < 2 || crits < 2 {
		t.Errorf("ai-global-v1: %d outputs computed, %d criteria offered", n, crits)
	}
	choose(t, ctx, "preset", "ai-global-base")
	// The criterion chosen stays chosen (GWP_total is the first of AI model v1's).
	waitFor(t, ctx, `mcState.name === "ai-global-base" && !!mcState.current && mcState.current.bands.some(b => b.Output === document.getElementById("criterion").value)`, 120*time.Second)
	if n := eval[int](t, ctx, `document.getElementById("criterion").options.length`); n != 7 {
		t.Errorf("ai-global-base: %d criteria offered, want 7", n)
	}
	choose(t, ctx, "criterion", "WATER_total")
	waitFor(t, ctx, `mcState.current.bands.some(b => b.Output === "WATER_total") && !mcState.current.bands.some(b => b.Output === "FE_total")`, 120*time.Second)
	if y := eval[string](t, ctx, `document.querySelector("#fan .main svg").textContent`); !strings.Contains(y, "WATER_total") {
		t.Errorf("ai-global-base, WATER: the fan is not labelled WATER_total")
	}
}
