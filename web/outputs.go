package web

import (
	"strings"

	"mc/inputs"
	"mc/model"
	"mc/report"
	"mc/scenarios"
)

// Chart is what the page computes: the outputs that get bands, and the
// criteria its selector offers, each with the outputs of its view.
type Chart struct {
	Outputs  []string           `json:"outputs"`
	Criteria []CriterionOutputs `json:"criteria,omitempty"`
}

// CriterionOutputs are the outputs of one criterion: its total, the impacts
// of its phases and components, and its intensities (the model's metadata:
// the outputs of that criterion, and the intensities without a criterion
// named KEY_…, as the report chooses them). The page computes the bands of
// the chosen criterion's outputs only: a run of a subset of the outputs
// samples the same values (the design does not depend on the outputs), so
// the bands of those outputs are those of a run of all of them.
type CriterionOutputs struct {
	Key     string   `json:"key"`
	Total   string   `json:"total"`
	Outputs []string `json:"outputs"`
}

// ChartOf returns what the page computes for a scenario. Its outputs are
// chosen by the model's output metadata (model.Output Kind, Criterion,
// Phase, Component) as the report chooses them: every criterion's total,
// phases and components, and the intensities, with the outputs of each
// criterion. A model that says nothing of its outputs gets bands of all of
// them ("*") and no criteria: the page finds them by their names.
func ChartOf(name string, text []byte) (*Chart, error) {
	sc, err := inputs.Parse(name, text)
	if err != nil {
		return nil, err
	}
	all := &Chart{Outputs: []string{"*"}}
	m, err := model.New(sc.Model, model.Config{})
	if err != nil {
		return all, nil
	}
	meta := m.Outputs()
	c := &Chart{}
	chart := map[string]bool{}
	for _, o := range meta {
		if (o.Kind == "impact" && (o.Phase == "total" || o.Component == "")) || (o.Kind == "intensity" && o.Component == "") {
			c.Outputs = append(c.Outputs, o.Name)
			chart[o.Name] = true
		}
	}
	if c.Outputs == nil {
		return all, nil
	}
	for _, t := range meta {
		if t.Kind != "impact" || t.Phase != "total" || t.Component != "" || t.Criterion == "" || !chart[t.Name] {
			continue
		}
		co := CriterionOutputs{Key: t.Criterion, Total: t.Name}
		for _, o := range meta {
			if chart[o.Name] && (o.Criterion == t.Criterion || (o.Criterion == "" && o.Kind == "intensity" && strings.HasPrefix(o.Name, t.Criterion+"_"))) {
				co.Outputs = append(co.Outputs, o.Name)
			}
		}
		c.Criteria = append(c.Criteria, co)
	}
	return c, nil
}

// Criterion is one criterion of a run, as the explorer's selectors show it:
// its total, the outputs stacked as its components and phases (the report's
// choice: nothing counted twice), and its intensities.
type Criterion struct {
	Key         string   `json:"key"`
	Total       string   `json:"total"`
	Components  []string `json:"components"`
	Phases      []string `json:"phases"`
	Intensities []string `json:"intensities"`
}

// criteria returns the criteria of a report document, with output names.
func criteria(doc *report.Doc) []Criterion {
	var cs []Criterion
	for _, c := range doc.Criteria {
		k := Criterion{Key: c.Key, Total: c.Total.Output}
		if c.Components != nil {
			k.Components = c.Components.Outputs
		}
		if c.Phases != nil {
			k.Phases = c.Phases.Outputs
		}
		for _, f := range c.Intensities {
			k.Intensities = append(k.Intensities, f.Output)
		}
		cs = append(cs, k)
	}
	return cs
}

// Measure is a measure variant shipped with mc (embedded:measures/NAME):
// choosing it in the page holds its levers (the factors of the groups
// lever:… that the variant fixes) at the variant's values.
type Measure struct {
	Name   string             `json:"name"`
	Levers map[string]float64 `json:"levers"`
}

// Measures lists the shipped measure variants.
func Measures() []Measure {
	var ms []Measure
	for _, n := range scenarios.Glob(scenarios.Prefix + "measures/*") {
		t, ok := scenarios.Lookup(n)
		if !ok {
			continue
		}
		sc, err := inputs.Parse(n, t)
		if err != nil || Runnable(sc) != nil {
			continue
		}
		m := Measure{Name: strings.TrimPrefix(n, scenarios.Prefix+"measures/"), Levers: map[string]float64{}}
		for _, f := range sc.Factors {
			if f.Fixed && strings.HasPrefix(f.Group, "lever:") {
				m.Levers[f.Name] = f.Value
			}
		}
		if len(m.Levers) > 0 {
			ms = append(ms, m)
		}
	}
	return ms
}
