package aiglobal2

import (
	"maps"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"mc/inputs"
	"mc/model"
	"mc/scenarios"
)

// defaultFactors parses the embedded default scenario (ai-global.yaml) and
// returns its factors in the model's order.
func defaultFactors(t testing.TB) []inputs.Factor {
	t.Helper()
	data, ok := scenarios.Lookup("ai-global")
	if !ok {
		t.Fatal("ai-global.yaml is not embedded")
	}
	sc, err := inputs.Parse("ai-global.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Model != Name {
		t.Fatalf("ai-global.yaml runs model %s", sc.Model)
	}
	return sc.Factors
}

// quantileBlock returns the factor block whose sample s has factor j at
// quantile p(s, j) of its distribution in the default scenario.
func quantileBlock(t testing.TB, n int, p func(s, j int) float64) [][]float64 {
	t.Helper()
	fs := defaultFactors(t)
	in := newBlock(nFactors, n)
	for j, f := range fs {
		for s := range n {
			in[j][s] = f.Dist.Quantile(p(s, j))
		}
	}
	return in
}

// TestScenarioFactors checks that the default scenario declares the model's
// factors, in order, with the model's units, and with the reference's
// distributions: its quantiles at 1e-9 and 1 − 1e-9 are the golden tail
// vectors (computed by the reference's quantile functions).
func TestScenarioFactors(t *testing.T) {
	fs := defaultFactors(t)
	if len(fs) != nFactors {
		t.Fatalf("%d factors in ai-global.yaml, model has %d", len(fs), nFactors)
	}
	g := loadGolden(t)
	lo, hi := -1, -1
	for i, k := range g.Kinds {
		switch k {
		case "all p=1e-09":
			lo = i
		case "all p=1-1e-09":
			hi = i
		}
	}
	for j, f := range fs {
		mf := factorTable[j]
		if f.Name != mf.Name || f.Unit != mf.Unit {
			t.Errorf("factor %d: scenario %s [%s], model %s [%s]", j, f.Name, f.Unit, mf.Name, mf.Unit)
			continue
		}
		for _, c := range []struct {
			p float64
			i int
		}{{1e-9, lo}, {1 - 1e-9, hi}} {
			got, want := f.Dist.Quantile(c.p), g.Factors[f.Name][c.i]
			if math.Abs(got-want) > 1e-9*math.Abs(want) {
				t.Errorf("%s: quantile %g is %.12g in the scenario, %.12g in the reference", f.Name, c.p, got, want)
			}
		}
	}
}

// TestGuards evaluates every factor at its 1e-9 and 1 − 1e-9 quantiles (and
// the median) in random combinations, all-low and all-high: every output
// must be finite and ≥ 0 in every year (docs/ai-model.md §7.1).
func TestGuards(t *testing.T) {
	const n = 3000
	rng := rand.New(rand.NewPCG(7, 11))
	levels := make([][]float64, n)
	for s := range levels {
		levels[s] = make([]float64, nFactors)
		for j := range nFactors {
			switch {
			case s == 0:
				levels[s][j] = 1e-9
			case s == 1:
				levels[s][j] = 1 - 1e-9
			case s < n/2: // low/high mixes
				levels[s][j] = []float64{1e-9, 1 - 1e-9}[rng.IntN(2)]
			default: // low/median/high mixes
				levels[s][j] = []float64{1e-9, 0.5, 1 - 1e-9}[rng.IntN(3)]
			}
		}
	}
	in := quantileBlock(t, n, func(s, j int) float64 { return levels[s][j] })
	m, err := New(model.Config{})
	if err != nil {
		t.Fatal(err)
	}
	outs := m.Outputs()
	out := newBlock(len(model.SeriesOf(outs)), n)
	m.Evaluate(in, out)
	c, bad := 0, 0
	largest := 0.0
	for _, o := range outs {
		for _, y := range o.Years {
			for s, v := range out[c] {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					if bad < 10 {
						t.Errorf("%s %d, combination %d: %v", o.Name, y, s, v)
					}
					bad++
				}
				largest = max(largest, v)
			}
			c++
		}
	}
	if bad > 0 {
		t.Errorf("%d non-finite or negative values", bad)
	}
	t.Logf("%d combinations × %d series: all finite and ≥ 0; largest %.3g", n, c, largest)
}

// ambitious is every lever at its ambitious end (docs/ai-model.md §3.2).
var ambitious = map[string]float64{"s_suff": 0.5, "X_tr": 3, "X_in": 5, "X_syn": 4, "c_lev": 1, "d_dup": 0.4, "d_del": 0.8,
	"m_rep": 0.6, "nu_tier": 0.6, "L_hw": 7, "L_sto": 8, "u_lev": 1, "p_lev": 1, "chi_dry": 0.8, "sigma_src": 1, "zeta_site": 0.3}

// TestShippedScenarios checks the levers-only, base and measure scenarios
// against the default one: same factors and distributions; in the levers-only
// scenario every exogenous factor is fixed at its median and every lever
// uncertain; in the base every lever is fixed at its no-measure end; in
// measures/<m> the measure's levers are at their ambitious end, the others as
// in the base; exogenous factors are sampled in all of those.
func TestShippedScenarios(t *testing.T) {
	def := defaultFactors(t)
	parse := func(name string) []inputs.Factor {
		data, ok := scenarios.Lookup(name)
		if !ok {
			data, ok = scenarios.Lookup(scenarios.Prefix + name)
		}
		if !ok {
			t.Fatalf("%s is not embedded", name)
		}
		sc, err := inputs.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Model != Name || len(sc.Factors) != len(def) {
			t.Fatalf("%s: model %s, %d factors", name, sc.Model, len(sc.Factors))
		}
		for j, f := range sc.Factors {
			if f.Name != def[j].Name || f.Dist.String() != def[j].Dist.String() || f.Group != def[j].Group {
				t.Fatalf("%s: factor %d is %s %s [%s], default %s %s [%s]", name, j, f.Name, f.Dist, f.Group, def[j].Name, def[j].Dist, def[j].Group)
			}
		}
		return sc.Factors
	}
	isLever := func(f inputs.Factor) bool { return strings.HasPrefix(f.Group, "lever:") }
	for _, f := range parse("ai-global-levers") {
		switch {
		case isLever(f) && f.Fixed:
			t.Errorf("ai-global-levers: lever %s is fixed", f.Name)
		case !isLever(f) && !(f.Fixed && f.Value == f.Dist.Quantile(0.5)):
			t.Errorf("ai-global-levers: exogenous %s is not fixed at its median", f.Name)
		}
	}
	check := func(name string, want map[string]float64) {
		for _, f := range parse(name) {
			if !isLever(f) {
				if f.Fixed {
					t.Errorf("%s: exogenous %s is fixed", name, f.Name)
				}
				continue
			}
			if !f.Fixed || f.Value != want[f.Name] {
				t.Errorf("%s: lever %s fixed=%v at %g, want %g", name, f.Name, f.Fixed, f.Value, want[f.Name])
			}
		}
	}
	check("ai-global-base", noMeasure)
	check("measures/all-levers", ambitious)
	measures := map[string][]string{"sufficiency": {"s_suff"}, "optimised-training": {"X_tr"}, "model-sizing": {"X_in"},
		"synthetic-data-frugality": {"X_syn"}, "compression": {"c_lev"}, "deduplication": {"d_dup"}, "deletion": {"d_del"},
		"replication": {"m_rep"}, "tiering": {"nu_tier"}, "lifetime": {"L_hw", "L_sto"}, "utilisation": {"u_lev"},
		"cooling-PUE": {"p_lev"}, "cooling-water": {"chi_dry"}, "grid-sourcing": {"sigma_src"}, "siting": {"zeta_site"}}
	covered := map[string]bool{}
	for m, levers := range measures {
		want := maps.Clone(noMeasure)
		for _, l := range levers {
			want[l] = ambitious[l]
			covered[l] = true
		}
		check(scenarios.Prefix+"measures/"+m, want)
	}
	if len(covered) != len(noMeasure) {
		t.Errorf("measures cover %d of %d levers", len(covered), len(noMeasure))
	}
	var n int
	for _, s := range scenarios.Names() {
		if strings.HasPrefix(s, scenarios.Prefix+"measures/") {
			n++
		}
	}
	if n != len(measures)+1 {
		t.Errorf("%d embedded measure scenarios, want %d (one per measure + all-levers)", n, len(measures)+1)
	}
}
