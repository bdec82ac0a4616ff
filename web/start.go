package web

import (
	"encoding/json"

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
	return json.Marshal(s)
}
