package engine

import (
	"fmt"
	"slices"

	"mc/inputs"
	"mc/model"
)

// checkReferences refuses a published reference (scenario `references:`)
// that names no output of the model, gives a year to a scalar output or none
// to a trajectory: the report could only say "output not in results", and a
// misspelt name would silently drop the check it was written for. A year
// outside the run's years is only noted (a shorter run stays valid).
func (p *Plan) checkReferences() error {
	for i, r := range p.Scenario.References {
		k := slices.IndexFunc(p.Outputs, func(o model.Output) bool { return o.Name == r.Output })
		if k < 0 {
			names := make([]string, len(p.Outputs))
			for j, o := range p.Outputs {
				names[j] = o.Name
			}
			return &inputs.Error{Pos: r.Pos, Msg: fmt.Sprintf("references[%d]: model %s has no output %q (its outputs: %s)",
				i, p.Scenario.Model, r.Output, abbreviate(names, 20))}
		}
		o := p.Outputs[k]
		switch {
		case o.Years == nil && r.Year != 0:
			return &inputs.Error{Pos: r.Pos, Msg: fmt.Sprintf("references[%d]: output %s is a scalar: remove year: %d", i, r.Output, r.Year)}
		case o.Years != nil && r.Year == 0:
			return &inputs.Error{Pos: r.Pos, Msg: fmt.Sprintf("references[%d]: output %s is a trajectory (%d–%d): give the year: of the figure",
				i, r.Output, o.Years[0], o.Years[len(o.Years)-1])}
		case o.Years != nil && !slices.Contains(o.Years, r.Year):
			p.Notes = append(p.Notes, fmt.Sprintf("reference %s %d (%s) is outside the run's years %d–%d: not checked",
				r.Output, r.Year, r.Pos, o.Years[0], o.Years[len(o.Years)-1]))
		}
	}
	return nil
}
