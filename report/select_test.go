package report

import (
	"reflect"
	"testing"
)

func TestSelectCriteriaAIConvention(t *testing.T) {
	var outs []outInfo
	add := func(unit string, names ...string) {
		for _, n := range names {
			outs = append(outs, outInfo{Name: n, Unit: unit, Traj: true})
		}
	}
	add("kgCO2e", "GWP_total", "GWP_use", "GWP_manuf", "GWP_train", "GWP_infer", "GWP_use_train", "GWP_use_infer",
		"GWP_manuf_train", "GWP_manuf_infer", "GWP_manuf_prodyear")
	add("kWh", "FE_total", "FE_use", "FE_train", "FE_infer", "FE_use_train", "FE_use_infer", "FE_per_service")
	add("kWh/EB", "FE_storage_per_EB")
	add("1", "embodied_share", "service")
	outs = append(outs, outInfo{Name: "scalar_total", Unit: "kWh"})
	got := selectCriteria(outs)
	want := []criterion{
		{Key: "GWP", Total: "GWP_total", Phases: []string{"GWP_use", "GWP_manuf"}, Components: []string{"GWP_train", "GWP_infer"}},
		{Key: "FE", Total: "FE_total", Components: []string{"FE_train", "FE_infer"}, Intensities: []string{"FE_per_service", "FE_storage_per_EB"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("selectCriteria:\n got %+v\nwant %+v", got, want)
	}
}

func TestSelectCriteriaNoConvention(t *testing.T) {
	outs := []outInfo{{Name: "y", Unit: "1"}, {Name: "temperature", Unit: "K", Traj: true}}
	if got := selectCriteria(outs); len(got) != 0 {
		t.Errorf("selectCriteria of a model without X_total outputs = %+v, want none", got)
	}
}
