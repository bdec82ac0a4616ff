package aiglobal2

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"mc/model"
)

// drawDefault samples n factor vectors of the default scenario by plain Monte
// Carlo (independent uniforms through each factor's quantile function).
func drawDefault(t testing.TB, n int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 2024))
	u := make([][]float64, n)
	for s := range u {
		u[s] = make([]float64, nFactors)
		for j := range u[s] {
			u[s][j] = rng.Float64()
		}
	}
	return quantileBlock(t, n, func(s, j int) float64 { return max(u[s][j], 1e-12) })
}

// run evaluates the model and returns output name → year → per-sample values.
func run(t testing.TB, in [][]float64) map[string]map[int][]float64 {
	t.Helper()
	m, err := New(model.Config{})
	if err != nil {
		t.Fatal(err)
	}
	outs := m.Outputs()
	out := newBlock(len(model.SeriesOf(outs)), len(in[0]))
	m.Evaluate(in, out)
	res := map[string]map[int][]float64{}
	c := 0
	for _, o := range outs {
		res[o.Name] = map[int][]float64{}
		for _, y := range o.Years {
			res[o.Name][y] = out[c]
			c++
		}
	}
	return res
}

// quantile7 is the Hyndman–Fan type 7 quantile (numpy's default).
func quantile7(x []float64, p float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	h := p * float64(len(s)-1)
	i := int(math.Floor(h))
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-float64(i))*(s[i+1]-s[i])
}

// TestLiterature checks the medians of the default scenario (4,096 draws)
// against the published ranges of docs/ai-model.md §6.
func TestLiterature(t *testing.T) {
	o := run(t, drawDefault(t, 4096, 1))
	checks := []struct {
		out    string
		year   int
		scale  float64
		unit   string
		lo, hi float64
		source string
	}{
		{"dc_electricity", 2024, 1e9, "TWh", 21, 62, "IEA 2025: DC 415 TWh × AI 5–15 %"},
		{"dc_electricity", 2025, 1e9, "TWh", 40, 110, "de Vries-Gao 2025: up to 82 TWh"},
		{"dc_electricity", 2030, 1e9, "TWh", 150, 470, "IEA 2025: AI ×3 2025→2030"},
		{"dc_electricity", 2035, 1e9, "TWh", 150, 900, "IEA 2025: DC 1,200 TWh in 2035"},
		{"H100e_installed", 2024, 1e6, "M H100e", 2.5, 8, "Epoch: ~4 M NVIDIA + TPUs"},
		{"H100e_installed", 2025, 1e6, "M H100e", 6, 20, "Epoch: 15 M H100e end 2025"},
		{"GWP_use", 2024, 1e9, "Mt", 9, 30, "IEA: DC 180 Mt × 5–15 %"},
		{"embodied_share_amort", 2024, 1, "", 0.10, 0.30, "Schneider 2025; Mistral 2025"},
		{"Wh_per_request_text", 2024, 1, "Wh", 0.1, 1.0, "Google 2025 0.24 Wh; Epoch 0.3"},
		{"mL_onsite_per_request_text", 2024, 1, "mL", 0.05, 1.5, "Google 2025: 0.26 mL"},
		{"gCO2e_per_request_text", 2024, 1, "g", 0.1, 1.5, "Mistral 2025: 1.14 g"},
		{"mLeq_per_request_text", 2024, 1, "mL eq", 10, 150, "Mistral 2025: 45 mL"},
		{"mgSb_per_request_text", 2024, 1, "mg Sb", 0.002, 1.0, "Mistral 2025: 0.16 mg Sb (weak)"},
		{"ADPe_per_GWP", 2024, 1, "kgSb/kgCO2e", 1e-5, 1e-4, "Mistral Large 2: 3.2e-5"},
		{"Wh_per_request_image", 2024, 1, "Wh", 1, 10, "Luccioni 2024: ~2.9 Wh"},
		{"Wh_per_request_video", 2024, 1, "Wh", 10, 500, "Delavande 2025: 0.14–415 Wh"},
		{"Wh_per_request_reason", 2024, 1, "Wh", 2, 40, "Jegham 2025: o3 10–18, R1 23.8 Wh"},
		{"WUEoff_dc", 2024, 1, "L/kWh", 1.5, 5, "EcoLogits/WRI 3.9, LBNL 4.5"},
		{"CI_dc", 2024, 1, "kg/kWh", 0.38, 0.48, "IEA 0.43–0.445; Ember 0.436"},
		{"PEF_dc", 2024, 1, "MJ/kWh", 8, 11, "Boavizta WOR 9.99"},
		{"ADPel_dc", 2024, 1, "kgSb/kWh", 4e-8, 1.5e-7, "ADEME via Boavizta 7.38e-8"},
		{"FE_network_per_GB", 2024, 1, "kWh/GB", 1e-5, 1e-3, "Malmodin power model ~1e-4"},
		{"FE_network_avgalloc_per_GB", 2024, 1, "kWh/GB", 0.002, 0.06, "Aslan 2018; Malmodin"},
		{"storage_share", 2024, 1, "", 0.0005, 0.05, "all-DC storage ~10 %"},
	}
	for _, c := range checks {
		v := o[c.out][c.year]
		med := quantile7(v, 0.5) / c.scale
		lo5, hi95 := quantile7(v, 0.05)/c.scale, quantile7(v, 0.95)/c.scale
		if med < c.lo || med > c.hi {
			t.Errorf("%s %d: median %.3g %s outside [%g, %g] (%s)", c.out, c.year, med, c.unit, c.lo, c.hi, c.source)
		} else {
			t.Logf("%-28s %d: median %.3g [%.3g–%.3g] %s in [%g, %g] (%s)", c.out, c.year, med, lo5, hi95, c.unit, c.lo, c.hi, c.source)
		}
	}
	// The VoD message: FE per unit of service falls while FE_total rises, 2024 → 2030.
	ri, ra := make([]float64, len(o["FE_total"][2024])), make([]float64, len(o["FE_total"][2024]))
	for s := range ri {
		ri[s] = o["FE_per_service"][2030][s] / o["FE_per_service"][2024][s]
		ra[s] = o["FE_total"][2030][s] / o["FE_total"][2024][s]
	}
	mi, ma := quantile7(ri, 0.5), quantile7(ra, 0.5)
	if !(mi < 0.5 && ma > 2) {
		t.Errorf("VoD: 2030/2024 FE per service ×%.3f (want < 0.5), FE_total ×%.2f (want > 2)", mi, ma)
	}
	t.Logf("VoD 2030/2024: FE per unit of service ×%.3f while FE_total ×%.2f", mi, ma)
}
