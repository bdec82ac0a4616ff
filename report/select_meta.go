package report

import (
	"math"
	"slices"
	"strings"

	"mc/model"
)

// When the model says what its outputs are (model.Output's Kind, Criterion,
// Phase and Component, as the AI model v2 does), the report follows that
// rather than the names:
//
//   - a criterion X is its impact output of phase "total" and no component;
//   - its phases are the impact outputs X_p of X with no component, p a
//     phase that is neither a total nor amortised (use and manufacturing
//     charged in the production year add up to the total);
//   - its components are the impact outputs of X of phase "total" with a
//     one-word component; a component that is the sum of the components
//     whose names contain its name (train = pretrain + posttrain, checked on
//     the means, which add up exactly) is shown by its parts, so that the
//     stack never counts anything twice; a component left out of the total
//     (the means say so) is left out of the stack;
//   - its intensities are the outputs of kind "intensity" of X, or without
//     a criterion and named X_…, per unit of service (not per request of
//     each service: the fan of every output shows those).

// modelOutputs returns the output metadata of the model that wrote the
// results, or nil when it is unknown or says nothing about its outputs.
func modelOutputs(name string) []model.Output {
	if name == "" {
		return nil
	}
	m, err := model.New(name, model.Config{})
	if err != nil {
		return nil
	}
	outs := m.Outputs()
	for _, o := range outs {
		if o.Kind != "" {
			return outs
		}
	}
	return nil
}

// selectByMeta applies the rules above to the outputs present in the
// results (outs), with means[name] the output's mean by year.
func selectByMeta(outs []outInfo, meta []model.Output, means map[string][]float64) []criterion {
	have := map[string]outInfo{}
	for _, o := range outs {
		have[o.Name] = o
	}
	var cs []criterion
	for _, t := range meta {
		if t.Kind != "impact" || t.Phase != "total" || t.Component != "" {
			continue
		}
		if o, ok := have[t.Name]; !ok || !o.Traj {
			continue
		}
		c := criterion{Key: t.Criterion, Total: t.Name}
		var comps []string
		for _, o := range meta {
			if _, ok := have[o.Name]; !ok || o.Criterion != t.Criterion || o.Name == t.Name {
				continue
			}
			switch {
			case o.Kind == "impact" && o.Component == "" && o.Name == t.Criterion+"_"+o.Phase &&
				!strings.Contains(o.Phase, "total") && !strings.Contains(o.Phase, "amort"):
				c.Phases = append(c.Phases, o.Name)
			case o.Kind == "impact" && o.Phase == "total" && o.Component != "" && !strings.Contains(o.Component, "_"):
				comps = append(comps, o.Component)
			case o.Kind == "intensity" && o.Component == "":
				c.Intensities = append(c.Intensities, o.Name)
			}
		}
		for _, o := range meta {
			if _, ok := have[o.Name]; ok && o.Kind == "intensity" && o.Criterion == "" && strings.HasPrefix(o.Name, t.Criterion+"_") {
				c.Intensities = append(c.Intensities, o.Name)
			}
		}
		prefix := t.Criterion + "_"
		for _, comp := range comps {
			var parts []string
			for _, p := range comps {
				if p != comp && strings.Contains(p, comp) {
					parts = append(parts, prefix+p)
				}
			}
			if len(parts) >= 2 && sumOf(means, prefix+comp, parts) {
				continue
			}
			c.Components = append(c.Components, prefix+comp)
		}
		// A component outside the total (AI v2's devices unless
		// devices_in_total) is left out of the stack.
		if !sumOf(means, t.Name, c.Components) {
			for i := range c.Components {
				rest := slices.Delete(slices.Clone(c.Components), i, i+1)
				if sumOf(means, t.Name, rest) {
					c.Components = rest
					break
				}
			}
		}
		if len(c.Phases) < 2 {
			c.Phases = nil
		}
		if len(c.Components) < 2 {
			c.Components = nil
		}
		cs = append(cs, c)
	}
	return cs
}

// sumOf tells whether the means of total are, year by year, the sums of the
// means of parts (to 1e-9, relative).
func sumOf(means map[string][]float64, total string, parts []string) bool {
	t := means[total]
	if len(t) == 0 {
		return false
	}
	for i, v := range t {
		s := 0.0
		for _, p := range parts {
			if len(means[p]) != len(t) {
				return false
			}
			s += means[p][i]
		}
		if math.Abs(s-v) > 1e-9*math.Max(math.Abs(v), math.Abs(s)) {
			return false
		}
	}
	return true
}
