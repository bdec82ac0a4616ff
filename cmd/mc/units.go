package main

import "fmt"

// displayUnits are the units people use for the models' quantities: an
// output in kWh is shown in TWh, and so on.
var displayUnits = map[string]struct {
	factor float64
	unit   string
}{
	"kWh":    {1e9, "TWh"},
	"MJ":     {1e9, "PJ"},
	"kgCO2e": {1e9, "Mt CO2e"},
	"m3":     {1e6, "million m³"},
	"m³":     {1e6, "million m³"},
	"kgSbeq": {1e3, "t Sb eq"},
}

// humanQuantity formats v (in unit) in the unit people use for it.
func humanQuantity(v float64, unit string) string {
	if d, ok := displayUnits[unit]; ok {
		return fmt.Sprintf("%.4g %s", v/d.factor, d.unit)
	}
	if unit == "" || unit == "1" {
		return fmt.Sprintf("%.4g", v)
	}
	return fmt.Sprintf("%.4g %s", v, unit)
}
