package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// aiRun evaluates ai-global (all years) on factor vectors given as maps and
// returns a getter of output name, year and sample.
func aiRun(t *testing.T, med map[string]float64, vecs []map[string]float64) func(name string, year, s int) float64 {
	t.Helper()
	m, err := New("ai-global-v1", Config{Medians: med})
	if err != nil {
		t.Fatal(err)
	}
	fs := m.Factors()
	in := newBlock(len(fs), len(vecs))
	for s, v := range vecs {
		for j, f := range fs {
			x, ok := v[f.Name]
			if !ok {
				t.Fatalf("vector %d lacks factor %s", s, f.Name)
			}
			in[j][s] = x
		}
	}
	outs := m.Outputs()
	out := newBlock(len(SeriesOf(outs)), len(vecs))
	m.Evaluate(in, out)
	idx := map[string]int{}
	for i, o := range outs {
		idx[o.Name] = i
	}
	return func(name string, year, s int) float64 {
		i, ok := idx[name]
		if !ok {
			t.Fatalf("no output %s", name)
		}
		return out[i*aiNYears+year-aiFirstYear][s]
	}
}

// with returns a copy of base with the given factors changed.
func with(base map[string]float64, kv ...any) map[string]float64 {
	v := make(map[string]float64, len(base))
	for k, x := range base {
		v[k] = x
	}
	for i := 0; i < len(kv); i += 2 {
		v[kv[i].(string)] = kv[i+1].(float64)
	}
	return v
}

func TestAIGlobalShape(t *testing.T) {
	m, err := New("ai-global-v1", Config{Medians: map[string]float64{"h0": 0.3, "h1": 0.08}})
	if err != nil {
		t.Fatal(err)
	}
	fs := m.Factors()
	if len(fs) != 59 {
		t.Errorf("%d factors, want 59 (ai-model.md §3.2)", len(fs))
	}
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.Name] || f.Unit == "" || f.Description == "" {
			t.Errorf("factor %+v: duplicate or missing unit/description", f)
		}
		seen[f.Name] = true
	}
	outs := m.Outputs()
	seen = map[string]bool{}
	for _, o := range outs {
		if seen[o.Name] || o.Unit == "" || o.Description == "" || len(o.Years) != aiNYears {
			t.Errorf("output %s: duplicate, missing unit/description, or %d years", o.Name, len(o.Years))
		}
		seen[o.Name] = true
	}
	// 5 criteria × (total, use, 5 components, 5 use components) + 3 criteria
	// × (manuf, 5 manuf components) + 13 diagnostics.
	if want := 5*12 + 3*6 + 13; len(outs) != want {
		t.Errorf("%d outputs, want %d", len(outs), want)
	}
	for _, n := range m.(*AIGlobal).DefaultIndexOutputs() {
		if !seen[n] {
			t.Errorf("default index output %s is not an output", n)
		}
	}
}

// TestAIGlobalYears checks that a year selection returns exactly the columns
// of the full run.
func TestAIGlobalYears(t *testing.T) {
	g := loadGolden(t)
	full, _ := New("ai-global-v1", Config{Medians: g.Nominal})
	part, err := New("ai-global-v1", Config{Medians: g.Nominal, Years: []int{2020, 2037, 2050}})
	if err != nil {
		t.Fatal(err)
	}
	in := g.factorBlock(t, full)
	n := len(g.Kinds)
	of := newBlock(len(SeriesOf(full.Outputs())), n)
	op := newBlock(len(SeriesOf(part.Outputs())), n)
	full.Evaluate(in, of)
	part.Evaluate(in, op)
	for o := range full.Outputs() {
		for i, y := range []int{2020, 2037, 2050} {
			if !slices.Equal(op[o*3+i], of[o*aiNYears+y-aiFirstYear]) {
				t.Fatalf("output %d year %d differs between selection and full run", o, y)
			}
		}
	}
	// Splitting a block changes nothing either.
	half := newBlock(len(of), n/2)
	inHalf := make([][]float64, len(in))
	for j := range in {
		inHalf[j] = in[j][n/2 : n/2+n/2]
	}
	full.Evaluate(inHalf, half)
	for c := range of {
		if !slices.Equal(half[c], of[c][n/2:n/2+n/2]) {
			t.Fatalf("series %d differs when evaluated on half a block", c)
		}
	}
}

// TestAIGlobalConservation: components add up to totals, phases to totals.
func TestAIGlobalConservation(t *testing.T) {
	g := loadGolden(t)
	vecs := []map[string]float64{g.Nominal}
	for s := 0; s < len(g.Kinds); s += 7 {
		v := map[string]float64{}
		for f, xs := range g.Factors {
			v[f] = xs[s]
		}
		vecs = append(vecs, v)
	}
	get := aiRun(t, g.Nominal, vecs)
	eq := func(what string, a, b float64) {
		if math.Abs(a-b) > 1e-12*math.Abs(b) {
			t.Errorf("%s: %.17g != %.17g", what, a, b)
		}
	}
	for s := range vecs {
		for _, year := range []int{2020, 2024, 2031, 2050} {
			for k, crit := range critNames {
				manuf := k < nManufCrit
				var use, man, comp float64
				for _, c := range compNames {
					u := get(crit+"_use_"+c, year, s)
					mc := 0.0
					if manuf {
						mc = get(crit+"_manuf_"+c, year, s)
					}
					eq(crit+"_"+c+" = use + manuf", get(crit+"_"+c, year, s), u+mc)
					use += u
					man += mc
					comp += get(crit+"_"+c, year, s)
				}
				eq(crit+"_use = Σ components", get(crit+"_use", year, s), use)
				total := get(crit+"_total", year, s)
				eq(crit+"_total = Σ components", total, comp)
				if manuf {
					eq(crit+"_manuf = Σ components", get(crit+"_manuf", year, s), man)
					eq(crit+"_total = use + manuf", total, get(crit+"_use", year, s)+get(crit+"_manuf", year, s))
				} else {
					eq(crit+"_total = use", total, get(crit+"_use", year, s))
				}
			}
			dc := get("FE_use_train", year, s) + get("FE_use_infer", year, s) + get("FE_use_dataproc", year, s) + get("FE_use_storage", year, s)
			eq("dc_electricity", get("dc_electricity", year, s), dc)
			eq("FE_total = dc + network", get("FE_total", year, s), dc+get("FE_use_network", year, s))
		}
	}
}

// TestAIGlobalMonotone checks the direction of the levers of §3.7 around the
// medians.
func TestAIGlobalMonotone(t *testing.T) {
	med := loadGolden(t).Nominal
	cases := []struct {
		name      string
		lo, hi    map[string]float64 // hi should give the larger output
		out       string
		year      int
		wantEqual string // an output that must not change
	}{
		{"more compression, less storage electricity", with(med, "CR50", 2.5), with(med, "CR50", 1.0), "FE_use_storage", 2040, ""},
		{"shorter retention, less storage electricity", with(med, "l_pol", 1.0), with(med, "l_pol", 20.0), "FE_use_storage", 2040, ""},
		{"shorter retention, less storage embodied", with(med, "l_pol", 2.0), with(med, "l_pol", 15.0), "GWP_manuf_storage", 2040, ""},
		{"cleaner grid, less use-phase GWP", with(med, "CI50", 0.03), with(med, "CI50", 0.35), "GWP_use", 2050, "FE_total"},
		{"longer hardware life, less embodied GWP", with(med, "L_hw", 6.0), with(med, "L_hw", 3.0), "GWP_manuf", 2040, "FE_total"},
		{"sufficiency, less electricity", with(med, "s_suff", 0.5), with(med, "s_suff", 0.0), "FE_total", 2035, ""},
		{"lower PUE, less compute electricity", with(med, "PUE50", 1.05), with(med, "PUE50", 1.25), "FE_use_infer", 2050, "H100e"},
		{"drier cooling, less water", with(med, "WUEon_m", 0.3), with(med, "WUEon_m", 1.2), "WATER_total", 2050, "GWP_total"},
		{"tighter cap, less electricity", with(med, "E_cap", 100.0), with(med, "E_cap", 5000.0), "FE_use_train", 2040, ""},
	}
	var vecs []map[string]float64
	for _, c := range cases {
		vecs = append(vecs, c.lo, c.hi)
	}
	get := aiRun(t, med, vecs)
	for i, c := range cases {
		lo, hi := get(c.out, c.year, 2*i), get(c.out, c.year, 2*i+1)
		if !(lo < hi) {
			t.Errorf("%s: %s %d = %v, not below %v", c.name, c.out, c.year, lo, hi)
		}
		if c.wantEqual != "" {
			if a, b := get(c.wantEqual, c.year, 2*i), get(c.wantEqual, c.year, 2*i+1); a != b {
				t.Errorf("%s: %s %d changed: %v vs %v", c.name, c.wantEqual, c.year, a, b)
			}
		}
	}
}

// TestAIGlobalExtremes: no NaN, infinity or negative output anywhere in the
// distributions' ranges: every factor at its bounds in random combinations
// (bounds taken from the golden file's p = 0 and p = 1 vectors), plus inputs
// beyond the ranges that the guards of §3.5 cover.
func TestAIGlobalExtremes(t *testing.T) {
	g := loadGolden(t)
	find := func(kind string) int {
		i := slices.Index(g.Kinds, kind)
		if i < 0 {
			t.Fatalf("golden file has no %q vector", kind)
		}
		return i
	}
	lo, hi := find("all p=0.0"), find("all p=1.0")
	col := func(s int) map[string]float64 {
		v := map[string]float64{}
		for f, xs := range g.Factors {
			v[f] = xs[s]
		}
		return v
	}
	vecs := []map[string]float64{col(lo), col(hi)}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		v := map[string]float64{}
		for f, xs := range g.Factors {
			switch rng.IntN(3) {
			case 0:
				v[f] = xs[lo]
			case 1:
				v[f] = xs[hi]
			default:
				v[f] = xs[lo] + rng.Float64()*(xs[hi]-xs[lo])
			}
		}
		vecs = append(vecs, v)
	}
	mid := g.Nominal
	vecs = append(vecs,
		with(mid, "phi_tr", 1.0), with(mid, "phi_tr", 0.0), with(mid, "r24", 1.0), with(mid, "r50", 1.0),
		with(mid, "l_pol", 0.2), with(mid, "L_hw", 0.5), with(mid, "L_sto", 0.0), with(mid, "E_cap", 0.0),
		with(mid, "C0", 0.0), with(mid, "tau", 0.0), with(mid, "eta_d", 0.0, "E_cap", 0.0), with(mid, "u50", 0.0, "u24", 0.0),
	)
	m, _ := New("ai-global-v1", Config{Medians: mid})
	get := aiRun(t, mid, vecs)
	for _, o := range m.Outputs() {
		for s := range vecs {
			for _, y := range o.Years {
				if v := get(o.Name, y, s); !(v >= 0) || math.IsInf(v, 0) {
					t.Fatalf("%s %d = %v for vector %d: %v", o.Name, y, v, s, vecs[s])
				}
			}
		}
	}
}
