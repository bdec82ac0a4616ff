package web

import (
	"encoding/json"
	"strings"

	"mc/scenarios"
)

// Start is what the page needs before its first run: the presets, the
// measure variants, and the initial scenario's controls and chart outputs.
// It is computed natively when the files are made (start.json) rather than
// by the WebAssembly engine, which takes over a second to parse every
// shipped scenario: the page draws its controls while the engine compiles,
// and its first call to the engine is the first run.
type Start struct {
	Presets  []Preset  `json:"presets"`
	Measures []Measure `json:"measures"`
	Name     string    `json:"name"` // the initial scenario: given to mc web, else the default
	Text     string    `json:"text"`
	Controls []Control `json:"controls"`
	Outputs  []string  `json:"outputs"`
	First    *First    `json:"first,omitempty"`
}

// First is the page's first run: the scenario text at FirstN with the bands
// of the first criterion only, and the criteria of the scenario (from a
// native run of that text; the selection depends on the model and the
// scenario, not on N), so that the engine's first call is that run.
type First struct {
	N        int         `json:"n"`
	Text     string      `json:"text"`
	Criteria []Criterion `json:"criteria"`
}

// FirstN is the N of the page's first run: a chart within a second, then
// refined while idle.
const FirstN = 64

// first returns the first run of a scenario, or nil when its model says
// nothing of its criteria.
func first(name string, text []byte, outs []string) (*First, error) {
	key := ""
	for _, o := range outs {
		if k, ok := strings.CutSuffix(o, "_total"); ok {
			key = k
			break
		}
	}
	var bands []string
	for _, o := range outs {
		if key != "" && strings.HasPrefix(o, key+"_") {
			bands = append(bands, o)
		}
	}
	if bands == nil {
		return nil, nil
	}
	t, err := Apply(name, text, Settings{Samples: FirstN, Bands: bands})
	if err != nil {
		return nil, err
	}
	res, err := Run(name, t)
	if err != nil {
		return nil, err
	}
	return &First{N: FirstN, Text: string(t), Criteria: res.Criteria}, nil
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
	if s.Outputs, err = ChartOutputs(s.Name, []byte(s.Text)); err != nil {
		return nil, err
	}
	if s.First, err = first(s.Name, []byte(s.Text), s.Outputs); err != nil {
		return nil, err
	}
	return json.Marshal(s)
}
