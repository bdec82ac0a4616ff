package web

import (
	"encoding/json"

	"mc/scenarios"
)

// Start is what the page needs before its first run: the presets, the
// measure variants, the initial scenario's controls and chart outputs, and
// its first chart. It is computed natively when the files are made
// (start.json) rather than by the WebAssembly engine, which takes over a
// second to parse every shipped scenario: the page draws its controls and
// first chart while the engine compiles.
type Start struct {
	Presets  []Preset           `json:"presets"`
	Measures []Measure          `json:"measures"`
	Name     string             `json:"name"` // the initial scenario: given to mc web, else the default
	Text     string             `json:"text"`
	Controls []Control          `json:"controls"`
	Outputs  []string           `json:"outputs"`
	Criteria []CriterionOutputs `json:"criteria,omitempty"`
	First    *First             `json:"first,omitempty"`
}

// First is the page's first run: the scenario text at FirstN with the bands
// of the first criterion's outputs, and its result computed natively by
// the same engine (same N, seed and streams). The page draws that result at
// once, then runs the same text in WebAssembly and draws its own result,
// which agrees to 1e-12 (relative; math.Exp is assembly on amd64 and pure Go
// in WebAssembly): `mc run` on the downloaded scenario reproduces either.
type First struct {
	N      int     `json:"n"`
	Text   string  `json:"text"`
	Result *Result `json:"result"`
}

// FirstN is the N of the page's first run in WebAssembly, then refined
// while idle.
const FirstN = 64

// first returns the first run of a scenario, or nil when its model says
// nothing of its criteria.
func first(name string, text []byte, crits []CriterionOutputs) (*First, error) {
	if len(crits) == 0 {
		return nil, nil
	}
	t, err := Apply(name, text, Settings{Samples: FirstN, Bands: crits[0].Outputs})
	if err != nil {
		return nil, err
	}
	res, err := Run(name, t)
	if err != nil {
		return nil, err
	}
	res.Native = true
	return &First{N: FirstN, Text: string(t), Result: res}, nil
}

// startJSON returns start.json for the initial scenario (nil: the default).
func startJSON(initialName string, initial []byte) ([]byte, error) {
	s := Start{Presets: Presets(), Measures: Measures(), Name: initialName, Text: string(initial)}
	if initial == nil {
		n, t := scenarios.Default()
		s.Name, s.Text = n, string(t)
		for _, p := range s.Presets {
			if p.Text == s.Text {
				s.Name = p.Name // as the preset list names it
			}
		}
	}
	var err error
	if s.Controls, err = Controls(s.Name, []byte(s.Text)); err != nil {
		return nil, err
	}
	c, err := ChartOf(s.Name, []byte(s.Text))
	if err != nil {
		return nil, err
	}
	s.Outputs, s.Criteria = c.Outputs, c.Criteria
	if s.First, err = first(s.Name, []byte(s.Text), s.Criteria); err != nil {
		return nil, err
	}
	return json.Marshal(s)
}
