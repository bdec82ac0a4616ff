package model

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"mc/inputs"
	"mc/scenarios"
)

// svScenario parses the embedded example scenarios/ai-services-v1.yaml.
func svScenario(t testing.TB) *inputs.Scenario {
	t.Helper()
	data, ok := scenarios.Lookup("ai-services-v1.yaml")
	if !ok {
		t.Fatal("scenario ai-services-v1.yaml is not embedded")
	}
	sc, err := inputs.Parse("ai-services-v1.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// svModel builds ai-services for the example's services (or the given ones).
func svModel(t testing.TB, services ...string) *AIServices {
	t.Helper()
	if services == nil {
		services = []string{"chat", "image"}
	}
	l := make([]any, len(services))
	for i, s := range services {
		l[i] = s
	}
	m, err := New("ai-services-v1", Config{Params: map[string]any{"services": l}})
	if err != nil {
		t.Fatal(err)
	}
	return m.(*AIServices)
}

// svRun evaluates m (all years) on factor vectors given as maps and returns
// a getter of output name, year and vector index.
func svRun(t *testing.T, m *AIServices, vecs []map[string]float64) func(name string, year, s int) float64 {
	t.Helper()
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

// svMedians is the example's factor medians.
func svMedians(t testing.TB) map[string]float64 { return inputs.Medians(svScenario(t).Factors) }

func TestAIServicesShape(t *testing.T) {
	for _, svc := range [][]string{{"chat"}, {"chat", "image"}, {"a", "b2", "rec_sys"}} {
		m := svModel(t, svc...)
		fs := m.Factors()
		if want := 31 + 27*len(svc); len(fs) != want {
			t.Errorf("%v: %d factors, want %d", svc, len(fs), want)
		}
		seen := map[string]bool{}
		for _, f := range fs {
			if seen[f.Name] || f.Unit == "" || f.Description == "" {
				t.Errorf("factor %+v: duplicate or missing unit/description", f)
			}
			seen[f.Name] = true
		}
		for _, s := range svc {
			if !seen[s+".E_req"] || !seen[s+".requests0"] || !seen[s+".L_hw"] {
				t.Errorf("%v: factors of service %s missing", svc, s)
			}
		}
		outs := m.Outputs()
		// Per impact block: 5 criteria × (total, use, 5 components) + 3 manuf.
		if want := 38 + 2 + len(svc)*(38+6); len(outs) != want {
			t.Errorf("%v: %d outputs, want %d", svc, len(outs), want)
		}
		seen = map[string]bool{}
		for _, o := range outs {
			if seen[o.Name] || o.Unit == "" || o.Description == "" || len(o.Years) != aiNYears {
				t.Errorf("output %s: duplicate, missing unit/description, or %d years", o.Name, len(o.Years))
			}
			seen[o.Name] = true
		}
		for _, n := range m.DefaultIndexOutputs() {
			if !seen[n] {
				t.Errorf("default index output %s is not an output", n)
			}
		}
		for _, n := range []string{"FE_manuf", "WATER_manuf", svc[0] + ".FE_manuf"} {
			if seen[n] {
				t.Errorf("output %s exists; FE and WATER have no manufacturing phase", n)
			}
		}
		if !slices.Equal(m.Services(), svc) {
			t.Errorf("Services() = %v, want %v", m.Services(), svc)
		}
	}
}

func TestAIServicesParamErrors(t *testing.T) {
	ok := []any{"chat"}
	for _, c := range []struct {
		name  string
		cfg   Config
		param string
	}{
		{"missing", Config{}, "services"},
		{"nil params", Config{Params: map[string]any{}}, "services"},
		{"empty", Config{Params: map[string]any{"services": []any{}}}, "services"},
		{"not a list", Config{Params: map[string]any{"services": "chat"}}, "services"},
		{"number", Config{Params: map[string]any{"services": []any{"chat", 1.0}}}, "services"},
		{"capital", Config{Params: map[string]any{"services": []any{"Chat"}}}, "services"},
		{"leading digit", Config{Params: map[string]any{"services": []any{"1chat"}}}, "services"},
		{"dash", Config{Params: map[string]any{"services": []any{"chat-bot"}}}, "services"},
		{"dot", Config{Params: map[string]any{"services": []any{"chat.x"}}}, "services"},
		{"empty name", Config{Params: map[string]any{"services": []any{""}}}, "services"},
		{"leading underscore", Config{Params: map[string]any{"services": []any{"_chat"}}}, "services"},
		{"duplicate", Config{Params: map[string]any{"services": []any{"chat", "image", "chat"}}}, "services"},
		{"duplicate from Go", Config{Params: map[string]any{"services": []string{"chat", "chat"}}}, "services"},
		{"unknown parameter", Config{Params: map[string]any{"services": ok, "service": ok}}, "service"},
		{"year before 2020", Config{Params: map[string]any{"services": ok}, Years: []int{2019}}, "years"},
		{"year twice", Config{Params: map[string]any{"services": ok}, Years: []int{2030, 2030}}, "years"},
	} {
		_, err := New("ai-services-v1", c.cfg)
		var pe *ParamError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want a *ParamError", c.name, err)
			continue
		}
		if pe.Param != c.param {
			t.Errorf("%s: error names %q, want %q (%v)", c.name, pe.Param, c.param, err)
		}
	}
	if _, err := New("ai-services-v1", Config{Params: map[string]any{"services": []string{"a", "z9_x"}}, Years: []int{2024, 2050}}); err != nil {
		t.Errorf("valid parameters rejected: %v", err)
	}
}

// TestAIServicesScenario checks that the example declares exactly the
// model's factors, each with a unit, source and group, and lists the services.
func TestAIServicesScenario(t *testing.T) {
	sc := svScenario(t)
	if sc.Model != "ai-services-v1" {
		t.Fatalf("model %q", sc.Model)
	}
	m, err := New(sc.Model, Config{Params: sc.Params, Years: sc.Years, Medians: inputs.Medians(sc.Factors)})
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, f := range m.Factors() {
		want = append(want, f.Name)
	}
	for _, f := range sc.Factors {
		got = append(got, f.Name)
		if f.Unit == "" || f.Source == "" || f.Group == "" || f.Description == "" || f.Fixed {
			t.Errorf("factor %s: missing unit, source, group or description, or fixed", f.Name)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("scenario factors differ from the model's:\n got %v\nwant %v", got, want)
	}
	if s := m.(*AIServices).Services(); !slices.Equal(s, []string{"chat", "image"}) {
		t.Errorf("services %v", s)
	}
}

// TestAIServicesPerRequestPublished compares the energy per request of the
// example's services in 2024, factors at their medians, with published
// figures: 0.24 Wh per Gemini text prompt (comprehensive boundary: TPU, host,
// idle machines, PUE; Google 2025, arXiv 2508.15734) and 0.3 Wh per GPT-4o
// query (Epoch 2025); 2.9 Wh per image, the mean of the image-generation
// models of Luccioni, Jernite & Strubell (FAccT 2024), measured on busy A100s
// without idle fleet or PUE, which the model adds (so up to ×2 above).
func TestAIServicesPerRequestPublished(t *testing.T) {
	m := svModel(t)
	get := svRun(t, m, []map[string]float64{svMedians(t)})
	for _, c := range []struct {
		out    string
		lo, hi float64
	}{
		{"chat.Wh_per_request", 0.24, 0.30},
		{"image.Wh_per_request", 2.9 / 2, 2.9 * 2},
	} {
		if v := get(c.out, 2024, 0); !(c.lo <= v && v <= c.hi) {
			t.Errorf("%s 2024 = %.4g Wh, want in [%g, %g]", c.out, v, c.lo, c.hi)
		}
	}
}

// TestAIServicesInferenceExact checks the VoD dimensioning against its
// closed form: Wh per request = E_req·PUE·[(1 − s_idle) + s_idle·π/u], the
// dynamic energy plus the idle power of a fleet sized for the peak.
func TestAIServicesInferenceExact(t *testing.T) {
	med := svMedians(t)
	cases := []struct {
		eReq, sIdle, pi, u, pue float64
		want                    float64 // Wh per request, worked by hand
	}{
		{0.2, 0, 1, 1, 1, 0.2},       // a fully loaded fleet: the benchmark figure
		{0.2, 0, 2, 0.5, 1, 0.2},     // idle units draw nothing
		{0.2, 1, 2, 0.5, 1, 0.8},     // all static: 4 units per unit of mean load
		{0.2, 0.25, 2, 0.5, 1, 0.35}, // 0.75·0.2 + 0.25·0.2·4
		{2.9, 0.25, 2, 0.5, 1.2, 2.9 * 1.75 * 1.2},
	}
	var vecs []map[string]float64
	for _, c := range cases {
		vecs = append(vecs, with(med, "chat.E_req", c.eReq, "s_idle", c.sIdle, "chat.pi", c.pi,
			"chat.u24", c.u, "PUE24", c.pue))
	}
	get := svRun(t, svModel(t), vecs)
	for i, c := range cases {
		got := get("chat.Wh_per_request", 2024, i)
		if math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("%+v: %.15g Wh, want %.15g", c, got, c.want)
		}
		// The fleet: π·N·(E_req/p_full)/(8760·u) H100e for inference.
		n := 365 * med["chat.requests0"]
		capIn := c.pi * n * (c.eReq / 1000 / med["p_full"]) / (8760 * c.u)
		capTr := get("chat.H100e", 2024, i) - capIn
		eTr := get("chat.FE_train", 2024, i) / c.pue
		lam := c.sIdle + (1-c.sIdle)*med["ubar_tr"]
		if want := eTr / (8760 * med["p_full"] * lam); math.Abs(capTr-want) > 1e-9*want {
			t.Errorf("%+v: training capacity %.15g, want %.15g", c, capTr, want)
		}
	}
}

// TestAIServicesTrainingExact: FE_train = runs·FLOP·G/(FJ24·H)/3.6e6·PUE with
// G = exp(ln m_tr·τ(1 − e^{−Δ/τ})), m_tr^Δ before 2024; H = 1 when h0 = h1 = 0.
func TestAIServicesTrainingExact(t *testing.T) {
	med := svMedians(t)
	v := with(med, "h0", 0.0, "h1", 0.0, "PUE24", 1.0, "PUE50", 1.0,
		"chat.runs", 1.0, "chat.flop_run", 3.8e25, "chat.FJ24", 3e11, "chat.m_tr", 2.0, "chat.tau_tr", 5.0)
	get := svRun(t, svModel(t), []map[string]float64{v})
	e24 := 3.8e25 / 3e11 / 3.6e6 // kWh: Llama 3.1 405B's compute at 3e11 FLOP/J
	for _, c := range []struct {
		year int
		want float64
	}{
		{2024, e24},
		{2020, e24 / 16},
		{2034, e24 * math.Exp(math.Ln2*5*(1-math.Exp(-2)))},
		{2050, e24 * math.Exp(math.Ln2*5*(1-math.Exp(-26.0/5)))},
	} {
		if got := get("chat.FE_train", c.year, 0); math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("FE_train %d = %.15g kWh, want %.15g", c.year, got, c.want)
		}
		if got, want := get("chat.FE_dataproc", c.year, 0), med["chat.k_dp"]*c.want; math.Abs(got-want) > 1e-12*want {
			t.Errorf("FE_dataproc %d = %.15g kWh, want %.15g", c.year, got, want)
		}
	}
}

// TestAIServicesAdoption checks the logistic: N(2024) = 365·requests0, the
// midpoint t_mid halfway to sat·N(2024) when 2024 is far in the tail, the
// level sat·N(2024) long after it, and sufficiency's share after 2030.
func TestAIServicesAdoption(t *testing.T) {
	med := svMedians(t)
	n24 := 365 * med["chat.requests0"]
	vecs := []map[string]float64{
		with(med, "chat.sat", 5.0, "chat.t_mid", 2040.0, "chat.k_adopt", 1.0, "chat.s_suff", 0.0),
		with(med, "chat.sat", 5.0, "chat.t_mid", 2027.0, "chat.k_adopt", 3.0, "chat.s_suff", 0.0),
		with(med, "chat.sat", 5.0, "chat.t_mid", 2027.0, "chat.k_adopt", 3.0, "chat.s_suff", 0.4),
		with(med, "chat.sat", 0.5, "chat.t_mid", 2027.0, "chat.k_adopt", 3.0, "chat.s_suff", 0.0),
	}
	get := svRun(t, svModel(t), vecs)
	for _, c := range []struct {
		s, year int
		want    float64
		tol     float64
	}{
		{0, 2024, n24, 1e-15},
		{1, 2024, n24, 1e-15},
		{0, 2040, 3 * n24, 1e-6}, // 1 + (5 − 1)/2, up to e^{−16}
		{1, 2050, 5 * n24, 1e-9}, // e^{−69}
		{2, 2050, 5 * n24 * 0.6, 1e-9},
		{2, 2025, get("chat.requests", 2025, 1), 1e-15}, // no policy before 2026
		{3, 2050, 0.5 * n24, 1e-9},                      // decline to sat < 1
	} {
		if got := get("chat.requests", c.year, c.s); math.Abs(got-c.want) > c.tol*c.want {
			t.Errorf("vector %d: requests %d = %.15g, want %.15g", c.s, c.year, got, c.want)
		}
	}
	for y := 2021; y <= 2050; y++ {
		if a, b := get("chat.requests", y-1, 0), get("chat.requests", y, 0); !(a < b) {
			t.Errorf("requests fall from %d to %d with sat > 1: %v, %v", y-1, y, a, b)
		}
	}
}

// TestAIServicesStorageExact checks S and its electricity in steady state
// (no adoption, no training growth, no density trend), where the logs are
// inflow × retention: S = (corpus + 16 B·params·n_ckpt + N·log_kB·ℓ)·k_rep/CR
// and FE = 8.76·S·k_sys[f_ssd w_ssd + (1 − f_ssd) w_hdd]·PUE. The retention
// policy then takes the logs to N·log_kB·l_pol.
func TestAIServicesStorageExact(t *testing.T) {
	med := svMedians(t)
	v := with(med, "chat.k_adopt", 0.0, "chat.m_tr", 1.0, "g_den", 0.0, "chat.s_suff", 0.0,
		"chat.corpus_TB", 100.0, "chat.params_B", 400.0, "chat.n_ckpt", 10.0, "chat.requests0", 1e9,
		"chat.log_kB", 10.0, "chat.l_log", 2.0, "chat.l_pol", 0.5, "chat.k_rep", 2.0, "chat.CR24", 1.5, "chat.CR50", 1.5,
		"PUE24", 1.2, "PUE50", 1.2)
	get := svRun(t, svModel(t), []map[string]float64{v})
	logsPerYear := 365e9 * 10 / 1e9 // TB/yr
	ckpt := 16 * 400e9 * 10 / 1e12  // TB
	wSto := med["k_sys"] * (med["f_ssd"]*med["w_ssd"] + (1-med["f_ssd"])*med["w_hdd"])
	for _, c := range []struct {
		year int
		ell  float64
	}{{2020, 2}, {2024, 2}, {2050, 0.5}} {
		s := (100 + ckpt + logsPerYear*c.ell) * 2 / 1.5
		if got := get("chat.S_TB", c.year, 0); math.Abs(got-s) > 1e-12*s {
			t.Errorf("S_TB %d = %.15g, want %.15g", c.year, got, s)
		}
		fe := 8.76 * s * wSto * 1.2
		if got := get("chat.FE_storage", c.year, 0); math.Abs(got-fe) > 1e-12*fe {
			t.Errorf("FE_storage %d = %.15g, want %.15g", c.year, got, fe)
		}
	}
}

// svConservation checks, for every vector, year, criterion and service, that
// components add up to totals, phases to totals, and services to the
// overall outputs.
func svConservation(t *testing.T, m *AIServices, vecs []map[string]float64) {
	t.Helper()
	get := svRun(t, m, vecs)
	eq := func(what string, a, b float64) {
		if math.Abs(a-b) > 1e-12*math.Abs(b) {
			t.Errorf("%s: %.17g != %.17g", what, a, b)
		}
	}
	for s := range vecs {
		for _, year := range []int{2020, 2024, 2031, 2050} {
			var sumCap, sumS float64
			for _, p := range append(m.Services(), "") {
				if p != "" {
					p += "."
				}
				for k, crit := range critNames {
					name := p + crit
					var comp float64
					for _, c := range compNames {
						comp += get(name+"_"+c, year, s)
					}
					total, use := get(name+"_total", year, s), get(name+"_use", year, s)
					eq(name+"_total = Σ components", total, comp)
					if k < nManufCrit {
						eq(name+"_total = use + manuf", total, use+get(name+"_manuf", year, s))
					} else {
						eq(name+"_total = use", total, use)
					}
				}
				if p == "" {
					continue
				}
				sumCap += get(p+"H100e", year, s)
				sumS += get(p+"S_TB", year, s)
				n := get(p+"requests", year, s)
				eq(p+"Wh_per_request", get(p+"Wh_per_request", year, s), 1000*get(p+"FE_infer", year, s)/n)
				eq(p+"Wh_per_request_total", get(p+"Wh_per_request_total", year, s), 1000*get(p+"FE_total", year, s)/n)
				eq(p+"gCO2e_per_request", get(p+"gCO2e_per_request", year, s), 1000*get(p+"GWP_total", year, s)/n)
			}
			eq("H100e = Σ services", get("H100e", year, s), sumCap)
			eq("S_TB = Σ services", get("S_TB", year, s), sumS)
			for _, o := range m.Outputs()[:svNImpact] {
				var sum float64
				for _, p := range m.Services() {
					sum += get(p+"."+o.Name, year, s)
				}
				eq(o.Name+" = Σ services", get(o.Name, year, s), sum)
			}
		}
	}
}

// svDraws returns n factor vectors drawn from the example's distributions.
func svDraws(t testing.TB, n int, seed uint64) []map[string]float64 {
	sc := svScenario(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	vecs := make([]map[string]float64, n)
	for i := range vecs {
		v := map[string]float64{}
		for _, f := range sc.Factors {
			v[f.Name] = f.Dist.Quantile(0.001 + 0.998*rng.Float64())
		}
		vecs[i] = v
	}
	return vecs
}

func TestAIServicesConservation(t *testing.T) {
	vecs := append([]map[string]float64{svMedians(t)}, svDraws(t, 30, 1)...)
	svConservation(t, svModel(t), vecs)
}

// TestAIServicesMonotone checks the direction of demand and the levers
// around the medians, in every year they act (2026 on for the policies).
func TestAIServicesMonotone(t *testing.T) {
	med := svMedians(t)
	cases := []struct {
		name      string
		lo, hi    map[string]float64 // hi should give the larger output
		out       string
		from      int
		wantEqual string // an output that must not change
	}{
		{"more requests, more inference electricity", with(med, "chat.requests0", 5e8), with(med, "chat.requests0", 2e9), "chat.FE_infer", 2020, ""},
		{"more requests, more inference electricity in total", with(med, "image.requests0", 1e7), with(med, "image.requests0", 1e8), "FE_infer", 2020, "chat.FE_total"},
		{"cleaner grid, less use-phase GWP", with(med, "CI24", 0.30, "CI50", 0.03), with(med, "CI24", 0.48, "CI50", 0.35), "GWP_use", 2020, "FE_total"},
		{"longer hardware life, less annual embodied GWP", with(med, "chat.L_hw", 6.0), with(med, "chat.L_hw", 3.0), "chat.GWP_manuf", 2020, "FE_total"},
		{"longer hardware life, less annual embodied ADPe", with(med, "image.L_hw", 5.0), with(med, "image.L_hw", 4.0), "ADPe_manuf", 2020, "FE_total"},
		{"sufficiency, less electricity", with(med, "chat.s_suff", 0.5), with(med, "chat.s_suff", 0.0), "chat.FE_infer", 2026, ""},
		{"shorter retention, less storage electricity", with(med, "image.l_pol", 0.1), with(med, "image.l_pol", 5.0), "image.FE_storage", 2026, ""},
		{"more compression, less storage embodied", with(med, "chat.CR50", 4.0), with(med, "chat.CR50", 1.0), "chat.GWP_storage", 2025, ""},
		{"less replication, less stored capacity", with(med, "image.k_rep", 1.3), with(med, "image.k_rep", 3.0), "S_TB", 2020, "FE_infer"},
		{"lower PUE, less inference electricity", with(med, "PUE50", 1.05), with(med, "PUE50", 1.25), "FE_infer", 2025, "H100e"},
		{"higher utilisation, fewer units and less energy", with(med, "chat.u50", 0.9), with(med, "chat.u50", 0.5), "chat.H100e", 2025, ""},
		{"drier cooling, less water", with(med, "WUEon_m", 0.3), with(med, "WUEon_m", 1.2), "WATER_total", 2025, "GWP_total"},
		{"lighter requests, less inference electricity", with(med, "image.c50", 0.1), with(med, "image.c50", 10.0), "image.Wh_per_request", 2025, "image.requests"},
	}
	var vecs []map[string]float64
	for _, c := range cases {
		vecs = append(vecs, c.lo, c.hi)
	}
	get := svRun(t, svModel(t), vecs)
	for i, c := range cases {
		out := c.out
		for y := c.from; y <= aiLastYear; y++ {
			lo, hi := get(out, y, 2*i), get(out, y, 2*i+1)
			if !(lo < hi) {
				t.Errorf("%s: %s %d = %v, not below %v", c.name, out, y, lo, hi)
				break
			}
			if c.wantEqual != "" {
				if a, b := get(c.wantEqual, y, 2*i), get(c.wantEqual, y, 2*i+1); a != b {
					t.Errorf("%s: %s %d changed: %v vs %v", c.name, c.wantEqual, y, a, b)
					break
				}
			}
		}
	}
}

// TestAIServicesExtremes: no NaN, infinity or negative output for factors at
// the far tails of the example's distributions (quantiles 1e-9 and 1 − 1e-9)
// in random combinations, and for values beyond them that the guards cover.
func TestAIServicesExtremes(t *testing.T) {
	sc := svScenario(t)
	lo, hi := map[string]float64{}, map[string]float64{}
	for _, f := range sc.Factors {
		lo[f.Name], hi[f.Name] = f.Dist.Quantile(1e-9), f.Dist.Quantile(1-1e-9)
	}
	vecs := []map[string]float64{lo, hi}
	rng := rand.New(rand.NewPCG(3, 4))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for range n {
		v := map[string]float64{}
		for f := range lo {
			switch rng.IntN(3) {
			case 0:
				v[f] = lo[f]
			case 1:
				v[f] = hi[f]
			default:
				v[f] = lo[f] + rng.Float64()*(hi[f]-lo[f])
			}
		}
		vecs = append(vecs, v)
	}
	mid := inputs.Medians(sc.Factors)
	vecs = append(vecs,
		with(mid, "chat.sat", 0.0), with(mid, "chat.k_adopt", 0.0), with(mid, "chat.k_adopt", -1.0),
		with(mid, "chat.k_adopt", 1e3, "chat.t_mid", 1e4), with(mid, "chat.k_adopt", 1e3, "chat.t_mid", -1e4),
		with(mid, "chat.s_suff", 1.0), with(mid, "chat.pi", 0.0), with(mid, "chat.u24", 0.0, "chat.u50", 0.0),
		with(mid, "chat.u50", 2.0), with(mid, "chat.l_log", 0.0, "chat.l_pol", 0.0), with(mid, "chat.L_hw", 0.0),
		with(mid, "L_sto", 0.0), with(mid, "chat.CR24", 0.0, "chat.CR50", 0.0), with(mid, "chat.tau_tr", 0.0),
		with(mid, "chat.c50", 0.0), with(mid, "CI50", 0.0), with(mid, "WUEon_m", 0.0, "WUEoff_m", 0.0),
		with(mid, "g_den", 1.0, "g_net", 1.0), with(mid, "g_emb", -1.0), with(mid, "h0", -1.0, "h1", -1.0),
		with(mid, "s_idle", 0.0, "ubar_tr", 0.0), with(mid, "chat.requests0", 0.0), with(mid, "chat.m_tr", 0.0),
	)
	m := svModel(t)
	get := svRun(t, m, vecs)
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

// TestAIServicesYears checks that a year selection returns exactly the
// columns of the full run, that splitting a block changes nothing, and that
// concurrent calls agree.
func TestAIServicesYears(t *testing.T) {
	full := svModel(t)
	part, err := New("ai-services-v1", Config{Params: map[string]any{"services": []any{"chat", "image"}}, Years: []int{2020, 2037, 2050}})
	if err != nil {
		t.Fatal(err)
	}
	vecs := svDraws(t, 150, 2) // not a multiple of the chunk
	fs := full.Factors()
	in := newBlock(len(fs), len(vecs))
	for s, v := range vecs {
		for j, f := range fs {
			in[j][s] = v[f.Name]
		}
	}
	n := len(vecs)
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
	inPart := make([][]float64, len(in))
	for j := range in {
		inPart[j] = in[j][37:137]
	}
	var wg sync.WaitGroup
	outs := make([][][]float64, 4)
	for g := range outs {
		outs[g] = newBlock(len(of), 100)
		wg.Go(func() { full.Evaluate(inPart, outs[g]) })
	}
	wg.Wait()
	for g := range outs {
		for c := range of {
			if !slices.Equal(outs[g][c], of[c][37:137]) {
				t.Fatalf("goroutine %d: series %d differs when evaluated on part of a block", g, c)
			}
		}
	}
}

// BenchmarkAIServices evaluates the example (two services, 85 factors,
// 3,968 series) on draws from its distributions.
func BenchmarkAIServices(b *testing.B) {
	m := svModel(b)
	src := svDraws(b, 200, 5)
	fs := m.Factors()
	in := newBlock(len(fs), benchBlock)
	for j, f := range fs {
		for s := range in[j] {
			in[j][s] = src[s%len(src)][f.Name]
		}
	}
	benchModel(b, m, in)
}
