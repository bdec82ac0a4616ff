package aiglobal2

import (
	"math"
	"math/rand/v2"
	"testing"

	"mc/inputs"
	"mc/model"
	"mc/scenarios"
)

func servicesScenario(t testing.TB, name string) *inputs.Scenario {
	t.Helper()
	data, ok := scenarios.Lookup(name)
	if !ok {
		t.Fatalf("%s is not embedded", name)
	}
	sc, err := inputs.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func newServices(t testing.TB, sc *inputs.Scenario) *Services {
	t.Helper()
	m, err := model.New(sc.Model, model.Config{Params: sc.Params})
	if err != nil {
		t.Fatal(err)
	}
	return m.(*Services)
}

// servicesBlock draws n samples of the scenario's factors at quantiles p(s, j).
func servicesBlock(sc *inputs.Scenario, n int, p func(s, j int) float64) [][]float64 {
	in := newBlock(len(sc.Factors), n)
	for j, f := range sc.Factors {
		for s := range n {
			in[j][s] = f.Dist.Quantile(p(s, j))
		}
	}
	return in
}

// TestServicesAreGlobalRuns checks ai-services against ai-global itself: each
// service is an ai-global run whose factor vector the test builds by name
// (shared factors as they are; the kind's requests, energy, growth, κ and
// bytes, training, data and labelling from the service; other demand 0), the
// summed outputs are the sums of those runs and the per-service outputs are
// the runs' own.
func TestServicesAreGlobalRuns(t *testing.T) {
	sc := servicesScenario(t, "ai-services")
	m := newServices(t, sc)
	if len(m.Factors()) != len(sc.Factors) {
		t.Fatalf("model has %d factors, scenario %d", len(m.Factors()), len(sc.Factors))
	}
	for j, f := range m.Factors() {
		if f.Name != sc.Factors[j].Name {
			t.Fatalf("factor %d: model %s, scenario %s", j, f.Name, sc.Factors[j].Name)
		}
	}
	const n = 40
	rng := rand.New(rand.NewPCG(1, 2))
	in := servicesBlock(sc, n, func(s, j int) float64 { return rng.Float64()*0.998 + 0.001 })
	got, _ := evalAll(t, m, in)

	byName := map[string]int{}
	for j, f := range sc.Factors {
		byName[f.Name] = j
	}
	g, _ := New(model.Config{})
	services := []struct{ name, kind string }{{"chat", "text"}, {"image", "image"}}
	runs := map[string]map[string][][]float64{}
	for _, sv := range services {
		gin := newBlock(nFactors, n)
		for j, f := range factorTable {
			if c, ok := byName[f.Name]; ok {
				copy(gin[j], in[c])
			}
		}
		own := func(f string) []float64 { return in[byName[sv.name+"."+f]] }
		set := func(name string, v []float64) { copy(gin[factorIndex2(t, name)], v) }
		for _, k := range []string{"m_text0", "m_reas0", "m_vid0", "m_oth0"} {
			set(k, own("m0"))
		}
		for _, k := range []string{"k_text", "k_reas", "k_media"} {
			set(k, own("k"))
		}
		set("FLOP_tr24", own("FLOP_tr24"))
		set("m_tr0", own("m_tr0"))
		set("F_crawl0", own("F_data0"))
		set("F_ckpt0", own("F_ckpt0"))
		set("R_load0", own("R_load0"))
		set("H_lab0", own("H_lab0"))
		switch sv.kind {
		case "text":
			set("R_text0", own("R0"))
			set("e_text0", own("e0"))
			set("b_text", own("b"))
		case "image":
			set("R_img0", own("R0"))
			set("e_img0", own("e0"))
			set("b_img", own("b"))
			mt := make([]float64, n)
			for s := range mt {
				mt[s] = math.Pow(own("m0")[s], 1/0.6)
			}
			set("m_text0", mt)
		}
		runs[sv.name], _ = evalAll(t, g, gin)
	}
	for _, o := range m.Outputs() {
		var want [][]float64
		name := o.Name
		for _, sv := range services {
			if p := sv.name + "."; len(name) > len(p) && name[:len(p)] == p {
				want = runs[sv.name][name[len(p):]]
			}
		}
		if want == nil {
			a, b := runs["chat"][name], runs["image"][name]
			want = make([][]float64, n)
			for s := range want {
				want[s] = make([]float64, len(a[s]))
				for y := range a[s] {
					want[s][y] = a[s][y] + b[s][y]
				}
			}
		}
		for s := range n {
			for y := range want[s] {
				w, v := want[s][y], got[name][s][y]
				if math.Abs(v-w) > 1e-12*math.Abs(w) && !(math.Abs(w-v) < 1e-300) {
					t.Fatalf("%s %d, sample %d: services %.17g, ai-global runs %.17g", name, o.Years[y], s, v, w)
				}
			}
		}
	}
	t.Logf("%d outputs of ai-services equal ai-global runs (sums and per service) on %d samples", len(m.Outputs()), n)
}

func factorIndex2(t testing.TB, name string) int {
	for j, f := range factorTable {
		if f.Name == name {
			return j
		}
	}
	t.Fatalf("no factor %s", name)
	return -1
}

// TestServicesGuards: every factor of ai-services.yaml at its 1e-9 and
// 1 − 1e-9 quantiles in random combinations: outputs finite and ≥ 0.
func TestServicesGuards(t *testing.T) {
	sc := servicesScenario(t, "ai-services")
	m := newServices(t, sc)
	const n = 600
	rng := rand.New(rand.NewPCG(3, 4))
	in := servicesBlock(sc, n, func(s, j int) float64 {
		switch s {
		case 0:
			return 1e-9
		case 1:
			return 1 - 1e-9
		}
		return []float64{1e-9, 0.5, 1 - 1e-9}[rng.IntN(3)]
	})
	got, outs := evalAll(t, m, in)
	for _, o := range outs {
		for s, row := range got[o.Name] {
			for y, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("%s %d, combination %d: %v", o.Name, o.Years[y], s, v)
				}
			}
		}
	}
}

// TestServicesParams: bad parameters are errors naming the parameter.
func TestServicesParams(t *testing.T) {
	for _, c := range []struct {
		params map[string]any
		param  string
	}{
		{map[string]any{}, "services"},
		{map[string]any{"services": []any{"chat"}}, "kinds"},
		{map[string]any{"services": []any{"chat"}, "kinds": []any{"audio"}}, "kinds"},
		{map[string]any{"services": []any{"Chat"}, "kinds": []any{"text"}}, "services"},
		{map[string]any{"services": []any{"a", "a"}, "kinds": []any{"text", "text"}}, "services"},
		{map[string]any{"services": []any{"a"}, "kinds": []any{"text"}, "x": 1}, "x"},
	} {
		_, err := NewServices(model.Config{Params: c.params})
		pe, ok := err.(*model.ParamError)
		if !ok || pe.Param != c.param {
			t.Errorf("%v: got %v, want an error on %s", c.params, err, c.param)
		}
	}
}

// TestServicesLeversScenario: in ai-services-levers.yaml only the levers are uncertain.
func TestServicesLeversScenario(t *testing.T) {
	base := servicesScenario(t, "ai-services")
	lev := servicesScenario(t, "ai-services-levers")
	if len(lev.Factors) != len(base.Factors) {
		t.Fatalf("%d factors, ai-services.yaml %d", len(lev.Factors), len(base.Factors))
	}
	for j, f := range lev.Factors {
		isLever := len(f.Group) > 6 && f.Group[:6] == "lever:"
		if f.Name != base.Factors[j].Name || f.Dist.String() != base.Factors[j].Dist.String() {
			t.Errorf("factor %d: %s %s vs %s %s", j, f.Name, f.Dist, base.Factors[j].Name, base.Factors[j].Dist)
		}
		if isLever == f.Fixed {
			t.Errorf("%s (group %s): fixed = %v", f.Name, f.Group, f.Fixed)
		}
	}
}
