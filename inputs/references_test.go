package inputs

import (
	"strings"
	"testing"
)

const refHead = "model: ishigami\nfactors:\n  x1: {distribution: uniform, min: 0, max: 1}\n"

func TestReferences(t *testing.T) {
	sc, err := Parse("s.yaml", []byte(refHead+`references:
  - {output: FE_total, year: 2024, min: 21e9, max: 62e9, source: "IEA 2025"}
  - {output: y, max: 3}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Reference{
		{Output: "FE_total", Year: 2024, Min: 21e9, Max: 62e9, Source: "IEA 2025", Pos: Pos{"s.yaml", 5, 5}},
		{Output: "y", Min: 3, Max: 3, Pos: Pos{"s.yaml", 6, 5}},
	}
	if len(sc.References) != len(want) {
		t.Fatalf("references %+v, want %+v", sc.References, want)
	}
	for i := range want {
		if sc.References[i] != want[i] {
			t.Errorf("reference %d: %+v, want %+v", i, sc.References[i], want[i])
		}
	}
}

func TestBadReferences(t *testing.T) {
	for _, c := range []struct{ refs, msg string }{
		{"references: 3", "s.yaml:4:13: references: expected a list"},
		{"references: [{year: 2024, min: 1, max: 2}]", `s.yaml:4:14: references[0]: missing key "output"`},
		{"references: [{output: y}]", "s.yaml:4:14: references[0]: expected min and max"},
		{"references: [{output: y, min: 3, max: 2}]", "s.yaml:4:14: references[0]: min 3 is larger than max 2"},
		{"references: [{output: y, min: 1, year: 20.5}]", "s.yaml:4:40: references[0].year: expected an integer"},
		{"references: [{output: y, min: 1, unit: kWh}]", `s.yaml:4:34: unknown key "unit" in references[0]`},
		{"references: [{output: y, min: abc}]", "s.yaml:4:31: references[0].min: expected a number"},
	} {
		_, err := Parse("s.yaml", []byte(refHead+c.refs+"\n"))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want %q", c.refs, err, c.msg)
		}
	}
}
