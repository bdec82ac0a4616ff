package report

import "testing"

func TestScaleFor(t *testing.T) {
	for _, c := range []struct {
		unit, name string
		mag        float64
		want       string
		factor     float64
	}{
		{"kWh", "FE_total", 3.2e10, "TWh", 1e-9},
		{"kWh", "FE_total", 999, "kWh", 1},
		{"kWh", "FE_total", 1000, "MWh", 1e-3},
		{"kgCO2e", "GWP_total", 2.5e11, "Mt CO₂e", 1e-9},
		{"kgCO2e", "GWP_total", 2.5e12, "Gt CO₂e", 1e-12},
		{"MJ", "PE_total", 4e11, "PJ", 1e-9},
		{"MJ", "PE_total", 4e12, "EJ", 1e-12},
		{"m3", "WATER_total", 3e9, "km³", 1e-9},
		{"m3", "WATER_total", 3e8, "Mm³", 1e-6},
		{"kgSbeq", "ADPe_total", 5e4, "t Sb eq.", 1e-3},
		{"kWh/EB", "FE_storage_per_EB", 2e6, "GWh/EB", 1e-6},
		{"kWh/GB", "FE_network_per_GB", 3e-4, "Wh/GB", 1e3},
		{"kWh", "FE_total", 0.5, "Wh", 1e3},
		{"kgCO2e", "GWP_per_request", 0.004, "g CO₂e", 1e3},
		{"m3", "water_per_request", 2e-5, "mL", 1e6},
		{"EB/yr", "T_EB", 0.2, "PB/yr", 1e3},
		{"EB", "V_EB", 40, "EB", 1},
		{"H100e", "H100e", 5e6, "million H100e", 1e-6},
		{"1", "embodied_share", 0.3, "%", 100},
		{"1", "service", 2.5, "", 1},
		{"widgets", "w", 2e9, "billion widgets", 1e-9},
		{"kWh", "x", 0, "kWh", 1},
	} {
		s := ScaleFor(c.unit, c.name, c.mag)
		if s.Unit != c.want || !close(s.Factor, c.factor) {
			t.Errorf("ScaleFor(%q, %q, %g) = %g %q, want %g %q", c.unit, c.name, c.mag, s.Factor, s.Unit, c.factor, c.want)
		}
	}
}

func close(a, b float64) bool { d := a - b; return d < 1e-12*b && -d < 1e-12*b }
