package aiglobal2

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestMeasureTable prints, in process, the table of docs/ai-model.md §3.4
// (what each measure of scenarios/measures/ changes, paired against
// ai-global-base on 2,048 common draws, P(reduction > 0); the documented
// table comes from `mc compare`). It is a quick check, skipped unless
// MC_MEASURE_TABLE=1; the properties it illustrates are checked by
// TestLeverResponse.
func TestMeasureTable(t *testing.T) {
	if os.Getenv("MC_MEASURE_TABLE") == "" {
		t.Skip("set MC_MEASURE_TABLE=1 to print the measure table of docs/ai-model.md")
	}
	in := drawDefault(t, 2048, 5)
	measures := []struct {
		name string
		set  map[string]float64
	}{
		{"sufficiency", map[string]float64{"s_suff": 0.5}}, {"optimised-training", map[string]float64{"X_tr": 3}},
		{"model-sizing", map[string]float64{"X_in": 5}}, {"synthetic-data-frugality", map[string]float64{"X_syn": 4}},
		{"compression", map[string]float64{"c_lev": 1}}, {"deduplication", map[string]float64{"d_dup": 0.4}},
		{"deletion", map[string]float64{"d_del": 0.8}}, {"replication", map[string]float64{"m_rep": 0.6}},
		{"tiering", map[string]float64{"nu_tier": 0.6}}, {"lifetime", map[string]float64{"L_hw": 7, "L_sto": 8}},
		{"utilisation", map[string]float64{"u_lev": 1}}, {"cooling-PUE", map[string]float64{"p_lev": 1}},
		{"cooling-water", map[string]float64{"chi_dry": 0.8}}, {"grid-sourcing", map[string]float64{"sigma_src": 1}},
		{"siting", map[string]float64{"zeta_site": 0.3}}, {"all-levers", ambitious},
	}
	outs := []string{"FE_total", "GWP_total", "GWPmb_total", "WATER_total", "ADPe_total", "FE_storage"}
	var sb strings.Builder
	fmt.Fprintf(&sb, "| Measure | %s |\n|---|%s\n", strings.Join(outs, " | "), strings.Repeat("---|", len(outs)))
	for _, m := range measures {
		v := map[string]float64{}
		for k, x := range noMeasure {
			v[k] = x
		}
		for k, x := range m.set {
			v[k] = x
		}
		b, vv := paired(t, in, noMeasure, v)
		fmt.Fprintf(&sb, "| %s |", m.name)
		for _, o := range outs {
			m30, p30 := relChange(b, vv, []string{o}, 2030)
			m50, p50 := relChange(b, vv, []string{o}, 2050)
			fmt.Fprintf(&sb, " %+.1f %% (%.2f) / %+.1f %% (%.2f) |", 100*m30, p30, 100*m50, p50)
		}
		sb.WriteString("\n")
	}
	fmt.Print(sb.String())
}
