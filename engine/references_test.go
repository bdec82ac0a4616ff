package engine

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"mc/inputs"
	"mc/scenarios"
)

// Every reference of the shipped default scenario names an output of its
// model in one of its years.
func TestShippedReferencesNameOutputs(t *testing.T) {
	name, data := scenarios.Default()
	sc, err := inputs.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.References) == 0 {
		t.Fatal("the default scenario has no references")
	}
	p, err := NewPlan(sc, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range p.Notes {
		if strings.Contains(n, "reference") {
			t.Errorf("note: %s", n)
		}
	}
}

// A reference to an output the model does not have, a year on a scalar
// output or no year on a trajectory is an input error at the reference's
// line and column; a year outside the run is a note.
func TestReferenceErrors(t *testing.T) {
	const ishigami = `model: ishigami
samples: 16
factors:
  x1: {distribution: uniform, min: -3.14, max: 3.14}
  x2: {distribution: uniform, min: -3.14, max: 3.14}
  x3: {distribution: uniform, min: -3.14, max: 3.14}
references:
  - {output: y, min: 1, max: 5}
  - %REF%
`
	// ai-global's default scenario over 2020–2030, its references replaced by one.
	_, data := scenarios.Default()
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "years:"):
			l = "years: {from: 2020, to: 2030}"
		case strings.HasPrefix(l, "references:"):
			l = "references:\n  - %REF%"
		case strings.HasPrefix(l, "  - {output:"):
			continue
		}
		lines = append(lines, l)
	}
	stock := strings.Join(lines, "\n")
	at := fmt.Sprintf("test.yaml:%d:5: ", strings.Count(stock[:strings.Index(stock, "%REF%")], "\n")+1)
	for _, c := range []struct{ text, ref, want string }{
		{ishigami, "{output: yy, min: 1, max: 5}", `test.yaml:9:5: references[1]: model ishigami has no output "yy" (its outputs: y)`},
		{ishigami, "{output: y, year: 2030, min: 1, max: 5}", "test.yaml:9:5: references[1]: output y is a scalar: remove year: 2030"},
		{stock, "{output: dc_electricity, min: 1, max: 5}", at + "references[0]: output dc_electricity is a trajectory (2020–2030): give the year: of the figure"},
		{stock, "{output: dc_electricty, year: 2030, min: 1, max: 5}", at + `references[0]: model ai-global has no output "dc_electricty"`},
	} {
		sc := scenario(t, c.text, "%REF%", c.ref)
		_, err := NewPlan(sc, Overrides{})
		var ie *inputs.Error
		if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an input error starting %q", c.ref, err, c.want)
		}
	}
	sc := scenario(t, stock, "%REF%", "{output: dc_electricity, year: 2035, min: 1, max: 5}")
	p, err := NewPlan(sc, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(p.Notes, "\n"), "reference dc_electricity 2035 ("+strings.TrimSuffix(at, ": ")+") is outside the run's years 2020–2030") {
		t.Errorf("no note on a reference outside the years: %q", p.Notes)
	}
}
