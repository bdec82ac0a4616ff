package aiglobal2

import (
	"math"
	"testing"
)

// paired runs the model on the same draws with factor settings base and
// variant (factor name → value for every draw).
func paired(t *testing.T, in [][]float64, base, variant map[string]float64) (b, v map[string]map[int][]float64) {
	t.Helper()
	set := func(vals map[string]float64) [][]float64 {
		out := make([][]float64, len(in))
		copy(out, in)
		for name, x := range vals {
			j := factorIndex(t, name)
			col := make([]float64, len(in[j]))
			for s := range col {
				col[s] = x
			}
			out[j] = col
		}
		return out
	}
	return run(t, set(base)), run(t, set(variant))
}

func factorIndex(t *testing.T, name string) int {
	t.Helper()
	for j, f := range factorTable {
		if f.Name == name {
			return j
		}
	}
	t.Fatalf("no factor %s", name)
	return -1
}

// relChange returns the median over draws of (variant − base)/|base| of the
// sum of outputs in year, and the share of draws where it is < 0.
func relChange(b, v map[string]map[int][]float64, outs []string, year int) (med, pRed float64) {
	n := len(b[outs[0]][year])
	r := make([]float64, n)
	red := 0
	for s := range n {
		var sb, sv float64
		for _, o := range outs {
			sb += b[o][year][s]
			sv += v[o][year][s]
		}
		r[s] = (sv - sb) / max(math.Abs(sb), 1e-300)
		if r[s] < 0 {
			red++
		}
	}
	return quantile7(r, 0.5), float64(red) / float64(n)
}

// unchanged reports outputs that differ at all between base and variant.
func unchanged(t *testing.T, what string, b, v map[string]map[int][]float64, outs []string) {
	t.Helper()
	for _, o := range outs {
		if b[o] == nil {
			t.Fatalf("no output %s", o)
		}
		for y, vb := range b[o] {
			for s := range vb {
				if vb[s] != v[o][y][s] {
					t.Errorf("%s changes %s %d (draw %d: %g → %g), which it must leave alone", what, o, y, s, vb[s], v[o][y][s])
					return
				}
			}
		}
	}
}

// noMeasure is every lever at its no-measure end (docs/ai-model.md §3.2).
var noMeasure = map[string]float64{"s_suff": 0, "X_tr": 1, "X_in": 1, "X_syn": 1, "c_lev": 0, "d_dup": 0, "d_del": 0,
	"m_rep": 1, "nu_tier": 0, "L_hw": 3, "L_sto": 4, "u_lev": 0, "p_lev": 0, "chi_dry": 0, "sigma_src": 0, "zeta_site": 0}

// TestLeverResponse checks the lever-response properties of docs/ai-model.md
// §3.3 on paired draws (the lever at its no-measure vs ambitious end, every
// other factor sampled from the default scenario): each measure moves what it
// must by the stated amount, and leaves bit-identical what it must not touch.
func TestLeverResponse(t *testing.T) {
	in := drawDefault(t, 1024, 3)
	grid := []string{"CI_dc", "PEF_dc", "ADPel_dc", "WUEoff_dc"}
	compute := []string{"FE_pretrain", "FE_posttrain", "FE_infer", "FE_datagen", "H100e_installed"}
	cases := []struct {
		id           string
		factor       string
		lo, hi       float64
		outs         []string
		year         int
		maxMed, minP float64 // median rel ≤ maxMed, P(reduction) ≥ minP
		keep         []string
	}{
		{"LC1", "c_lev", 0, 1, []string{"FE_dataproc", "FE_storage", "FE_network"}, 2030, -0.05, 0.9, append(compute, grid...)},
		{"LC1b", "c_lev", 0, 1, []string{"FE_storage"}, 2030, -0.25, 0, nil},
		{"LC2", "d_del", 0, 0.8, []string{"FE_storage"}, 2030, -0.20, 0.9, append(append(compute, grid...), "FE_dataproc", "FE_network")},
		{"LC6", "X_tr", 1, 3, []string{"FE_pretrain", "FE_posttrain"}, 2030, -0.25, 0, append(grid, "requests_text", "PUE")},
		{"LC7", "X_in", 1, 5, []string{"FE_infer"}, 2030, -0.30, 0, append(grid, "PUE", "V_TB_corpus")},
		{"LC8", "s_suff", 0, 0.5, []string{"FE_total"}, 2030, -0.35, 0, append(grid, "PUE")},
		{"LC9", "u_lev", 0, 1, []string{"H100e_installed"}, 2030, -0.15, 0, append(grid, "requests_text", "PUE", "V_TB")},
		{"LC10", "p_lev", 0, 1, []string{"FE_total"}, 2050, -0.05, 0, append(grid, "H100e_installed", "WATER_onsite")},
		{"LC11", "chi_dry", 0, 0.8, []string{"WATER_onsite"}, 2030, -0.50, 0, append(grid, "H100e_installed")},
		{"LC12", "sigma_src", 0, 1, []string{"GWPmb_total"}, 2030, -0.20, 0, append(grid, "FE_total", "GWP_total", "PE_total", "WATER_total", "WSF_total", "ADPe_total")},
		{"LC13", "zeta_site", 0, 0.3, []string{"GWP_use"}, 2030, -0.10, 0, []string{"FE_total", "H100e_installed", "CI_US", "CI_RoW"}},
		{"LC14", "d_dup", 0, 0.4, []string{"FE_dataproc"}, 2030, -1e-12, 0, append(compute, grid...)},
		{"LC15", "m_rep", 1, 0.6, []string{"FE_storage"}, 2030, -0.20, 0, append(append(compute, grid...), "FE_dataproc")},
		{"LC16", "nu_tier", 0, 0.6, []string{"FE_storage"}, 2030, -0.10, 0, append(append(compute, grid...), "FE_dataproc")},
		{"LC17", "X_syn", 1, 4, []string{"FE_datagen"}, 2030, -0.40, 0, append(grid, "requests_text", "PUE")},
	}
	for _, c := range cases {
		t.Run(c.id+"_"+c.factor, func(t *testing.T) {
			base, variant := map[string]float64{c.factor: c.lo}, map[string]float64{c.factor: c.hi}
			b, v := paired(t, in, base, variant)
			med, p := relChange(b, v, c.outs, c.year)
			if !(med <= c.maxMed && p >= c.minP) {
				t.Errorf("%s: median rel change %+.3f (want ≤ %+.3f), P(reduction) %.2f (want ≥ %.2f)", c.factor, med, c.maxMed, p, c.minP)
			}
			t.Logf("%s %g → %g: %v %d median %+.3f, P(reduction) %.2f", c.factor, c.lo, c.hi, c.outs, c.year, med, p)
			unchanged(t, c.factor, b, v, c.keep)
		})
	}

	// LC2b: deletion lowers storage manufacturing only through future purchases.
	t.Run("LC2b_d_del", func(t *testing.T) {
		b, v := paired(t, in, map[string]float64{"d_del": 0}, map[string]float64{"d_del": 0.8})
		for y, mb := range b["GWP_manuf_storage"] {
			mv := v["GWP_manuf_storage"][y]
			for s := range mb {
				if mv[s] < 0 || mv[s] > mb[s]*(1+1e-9)+1e-9 || v["S_TB_purchased"][y][s] < 0 {
					t.Fatalf("%d draw %d: storage manufacturing %g → %g, purchases %g", y, s, mb[s], mv[s], v["S_TB_purchased"][y][s])
				}
			}
		}
	})
	// LC3, LC3b: a longer compute life cuts purchases but keeps old, less efficient vintages.
	t.Run("LC3_L_hw", func(t *testing.T) {
		b, v := paired(t, in, map[string]float64{"L_hw": 3}, map[string]float64{"L_hw": 7})
		med, p := relChange(b, v, []string{"GWP_manuf"}, 2030)
		if !(med < 0 && p >= 0.9) {
			t.Errorf("LC3 GWP_manuf 2030: median %+.3f, P(reduction) %.2f; want < 0, ≥ 0.9", med, p)
		}
		med2, p2 := relChange(b, v, []string{"FE_pretrain", "FE_posttrain", "FE_infer", "FE_datagen"}, 2030)
		if !(med2 > 0 && p2 < 0.1) {
			t.Errorf("LC3b compute FE 2030: median %+.3f, P(reduction) %.2f; want > 0, < 0.1", med2, p2)
		}
		med3, _ := relChange(b, v, []string{"GWP_total"}, 2030)
		t.Logf("L_hw 3 → 7, 2030: GWP_manuf %+.3f (P %.2f), compute FE %+.3f (P %.2f), GWP_total %+.3f", med, p, med2, p2, med3)
		unchanged(t, "L_hw", b, v, []string{"requests_text", "V_TB", "CI_dc", "H100e_required"})
	})
	// LC4: the peak-to-average ratio (exogenous) drives inference capacity.
	t.Run("LC4_pi", func(t *testing.T) {
		b, v := paired(t, in, map[string]float64{"pi": 1.3}, map[string]float64{"pi": 2.5})
		r1, _ := relChange(b, v, []string{"H100e_infer"}, 2030)
		r2, _ := relChange(b, v, []string{"FE_infer"}, 2030)
		r3, _ := relChange(b, v, []string{"GWP_manuf"}, 2030)
		if !(r1 > 0.8 && r2 > 0 && r3 > 0) {
			t.Errorf("pi 1.3 → 2.5, 2030: capacity %+.3f (want > +0.8), FE_infer %+.3f, GWP_manuf %+.3f (want > 0)", r1, r2, r3)
		}
		t.Logf("pi 1.3 → 2.5, 2030: inference capacity %+.3f, FE_infer %+.3f, GWP_manuf %+.3f", r1, r2, r3)
	})
	// LC5: a cleaner pathway in every region lowers CI (by > 20 %) and PEF in 2040.
	t.Run("LC5_theta", func(t *testing.T) {
		lo, hi := map[string]float64{}, map[string]float64{}
		for _, r := range []string{"US", "CN", "EU", "RoW"} {
			lo["theta_"+r], hi["theta_"+r] = 0, 1
		}
		b, v := paired(t, in, lo, hi)
		for _, r := range []string{"US", "CN", "EU", "RoW"} {
			ci, _ := relChange(b, v, []string{"CI_" + r}, 2040)
			pef, _ := relChange(b, v, []string{"PEF_" + r}, 2040)
			adp, _ := relChange(b, v, []string{"ADPel_" + r}, 2040)
			wat, _ := relChange(b, v, []string{"WUEoff_" + r}, 2040)
			if !(ci < -0.2 && pef < 0) {
				t.Errorf("%s 2040: CI %+.3f (want < −0.2), PEF %+.3f (want < 0)", r, ci, pef)
			}
			t.Logf("%s 2040: CI %+.3f, PEF %+.3f, ADPe/kWh %+.3f, off-site water %+.3f", r, ci, pef, adp, wat)
		}
	})
	// VoD: the intensity falls while the total rises (checked on the default draws in TestLiterature).
}

// TestMeasureEndsMatchScenario checks that noMeasure is the no-measure end of
// each lever's range in the default scenario (one end of its support).
func TestMeasureEndsMatchScenario(t *testing.T) {
	for _, f := range defaultFactors(t) {
		x, ok := noMeasure[f.Name]
		if !ok {
			continue
		}
		lo, hi := f.Dist.Quantile(1e-12), f.Dist.Quantile(1-1e-12)
		if math.Abs(x-lo) > 1e-9*max(1, math.Abs(x)) && math.Abs(x-hi) > 1e-9*max(1, math.Abs(x)) {
			t.Errorf("%s: no-measure value %g is not an end of [%g, %g]", f.Name, x, lo, hi)
		}
	}
}
