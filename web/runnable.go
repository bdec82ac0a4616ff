package web

import (
	"fmt"

	"mc/inputs"
	"mc/scenarios"
)

// The explorer runs the engine in the browser, and a scenario whose model
// runs a program (an external simulator, model: {command: …}) cannot run
// there: nothing may start a process from a page, and `mc web` must never
// run one on the user's machine on a page's behalf either. Such scenarios
// are refused, and are not offered as presets.

// Runnable says why sc cannot run in the explorer (nil if it can).
func Runnable(sc *inputs.Scenario) error {
	if sc.Model == inputs.ExternalModel {
		return fmt.Errorf("%s: its model runs a program (external simulator); the explorer runs the engine in the browser and never runs programs: use 'mc run %s'", sc.File, sc.File)
	}
	return nil
}

// Preset is a shipped scenario offered by the page.
type Preset struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Presets are the shipped scenarios the explorer can run.
func Presets() []Preset {
	var ps []Preset
	for _, n := range scenarios.Names() {
		t, ok := scenarios.Lookup(n)
		if !ok {
			continue
		}
		sc, err := inputs.Parse(n, t)
		if err != nil || Runnable(sc) != nil {
			continue
		}
		ps = append(ps, Preset{n, string(t)})
	}
	return ps
}
