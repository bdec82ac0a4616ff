package report

import (
	"math"
	"strings"
)

// A unit family lists the units people use for one quantity, each with its
// size in the base unit the model writes (kWh, kgCO2e, …), smallest first.
type step struct {
	size  float64
	label string
}

var families = map[string][]step{
	"kWh":    {{1e-3, "Wh"}, {1, "kWh"}, {1e3, "MWh"}, {1e6, "GWh"}, {1e9, "TWh"}, {1e12, "PWh"}},
	"Wh":     {{1, "Wh"}, {1e3, "kWh"}, {1e6, "MWh"}, {1e9, "GWh"}, {1e12, "TWh"}},
	"MJ":     {{1, "MJ"}, {1e3, "GJ"}, {1e6, "TJ"}, {1e9, "PJ"}, {1e12, "EJ"}},
	"J":      {{1, "J"}, {1e3, "kJ"}, {1e6, "MJ"}, {1e9, "GJ"}, {1e12, "TJ"}, {1e15, "PJ"}, {1e18, "EJ"}},
	"kgCO2e": {{1e-3, "g CO₂e"}, {1, "kg CO₂e"}, {1e3, "t CO₂e"}, {1e6, "kt CO₂e"}, {1e9, "Mt CO₂e"}, {1e12, "Gt CO₂e"}},
	"kgSbeq": {{1e-6, "mg Sb eq."}, {1e-3, "g Sb eq."}, {1, "kg Sb eq."}, {1e3, "t Sb eq."}, {1e6, "kt Sb eq."}, {1e9, "Mt Sb eq."}},
	"m3":     {{1e-6, "mL"}, {1e-3, "L"}, {1, "m³"}, {1e3, "thousand m³"}, {1e6, "Mm³"}, {1e9, "km³"}},
	"TB":     {{1, "TB"}, {1e3, "PB"}, {1e6, "EB"}, {1e9, "ZB"}},
	"EB":     {{1e-6, "TB"}, {1e-3, "PB"}, {1, "EB"}, {1e3, "ZB"}},
	"kg":     {{1e-3, "g"}, {1, "kg"}, {1e3, "t"}, {1e6, "kt"}, {1e9, "Mt"}, {1e12, "Gt"}},
}

// counts are for units that count things (H100e, 1): thousand, million, …
var counts = []step{{1, ""}, {1e3, "thousand"}, {1e6, "million"}, {1e9, "billion"}, {1e12, "trillion"}}

// Scale is how an output is shown: values are multiplied by Factor and
// labelled Unit.
type Scale struct {
	Factor float64 `json:"factor"`
	Unit   string  `json:"unit"`
}

// ScaleFor chooses the unit people use for values of unit whose typical size
// (in that unit) is magnitude: the largest unit of the family in which the
// magnitude is at least 1, so that 3.2e10 kWh reads "32 TWh" and 3e-4
// kWh/GB reads "0.3 Wh/GB". A rate
// (kWh/EB, EB/yr) scales its numerator. Dimensionless shares ("1", output
// named *share*) are shown in %.
func ScaleFor(unit, name string, magnitude float64) Scale {
	num, den, isRate := strings.Cut(unit, "/")
	if unit == "1" || unit == "" {
		if strings.Contains(strings.ToLower(name), "share") {
			return Scale{100, "%"}
		}
		s := pick(counts, magnitude)
		return Scale{1 / s.size, strings.TrimSpace(s.label)}
	}
	var s step
	if fam, ok := families[num]; ok {
		s = pick(fam, magnitude)
	} else {
		c := pick(counts, magnitude)
		s = step{c.size, strings.TrimSpace(c.label + " " + num)}
	}
	label := s.label
	if isRate {
		label += "/" + den
	}
	return Scale{1 / s.size, label}
}

func pick(fam []step, magnitude float64) step {
	m := math.Abs(magnitude)
	best := fam[0]
	for _, s := range fam {
		if s.size <= 1 && best.size > 1 {
			best = s
		}
		if m >= s.size*(1-1e-9) {
			best = s
		}
	}
	if m == 0 || math.IsNaN(m) || math.IsInf(m, 0) {
		for _, s := range fam {
			if s.size == 1 {
				return s
			}
		}
	}
	return best
}
