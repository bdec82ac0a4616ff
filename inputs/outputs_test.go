package inputs

import (
	"reflect"
	"testing"
)

func TestIndexScales(t *testing.T) {
	src := "model: m\noutputs:\n  indices: [FE_total, {name: GWP_total, scale: log}, {name: \"*_share\", scale: linear}, \"W*\"]\n"
	sc, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	o := sc.Outputs
	if !reflect.DeepEqual(o.Indices, []string{"FE_total", "GWP_total", "*_share", "W*"}) || !reflect.DeepEqual(o.Scales, []string{"", "log", "linear", ""}) {
		t.Errorf("indices %q, scales %q", o.Indices, o.Scales)
	}
	if got := o.IndexPos[1].String(); got != "s.yaml:3:30" {
		t.Errorf("position of GWP_total %s, want s.yaml:3:30", got)
	}
}

func TestBadIndexScales(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unknown scale", "model: m\noutputs: {indices: [{name: FE_total, scale: foo}]}\n",
			"bad.yaml:2:45: unknown outputs.indices[0].scale \"foo\" (allowed: linear, log)"},
		{"no name", "model: m\noutputs: {indices: [{scale: log}]}\n",
			"bad.yaml:2:21: outputs.indices[0]: missing key \"name\" (the output's name or a pattern)"},
		{"unknown key", "model: m\noutputs: {indices: [{name: y, scal: log}]}\n",
			"bad.yaml:2:31: unknown key \"scal\" in outputs.indices[0] (allowed: name, scale)"},
		{"bad pattern", "model: m\noutputs: {indices: [{name: '[', scale: log}]}\n",
			"bad.yaml:2:28: outputs.indices[0]: bad pattern \"[\": syntax error in pattern"},
		{"a list", "model: m\noutputs: {indices: [[y]]}\n",
			"bad.yaml:2:21: outputs.indices[0]: expected an output name or pattern, or a mapping {name: FE_total, scale: log}, got a list"},
		{"empty name", "model: m\noutputs: {indices: [{name: '', scale: log}]}\n",
			"bad.yaml:2:28: outputs.indices[0]: empty output name"},
	} {
		_, err := Parse("bad.yaml", []byte(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got  %v\n want %s", c.name, err, c.want)
		}
	}
}
