package report

import "strings"

// Which outputs a report shows is decided from their names and units alone,
// so that a new model needs no report code. The rules, for a model whose
// outputs follow the convention of the AI models (and simply skipped for one
// that does not):
//
//   - a criterion X is a trajectory output named X_total;
//   - its phases are the outputs X_p for which some X_p_c exists (X_use,
//     X_manuf), or p is a known phase word; shown stacked when there are two
//     or more;
//   - its components are the other outputs X_c with a one-word c and the
//     unit of X_total (X_train, X_infer, …), shown stacked;
//   - its intensities are the outputs X_…_per_… (FE_per_service,
//     FE_storage_per_EB), shown beside the absolute total.
//
// A model with no X_total outputs gets a fan chart of each trajectory output
// that has indices (or of the first ones), and an interval chart of its
// scalar outputs.

// outInfo is one output of the results.
type outInfo struct {
	Name  string
	Unit  string
	Traj  bool
	Order int
}

// phaseWords are phases recognised even when no X_phase_component output exists.
var phaseWords = map[string]bool{"use": true, "manuf": true, "manufacturing": true, "production": true,
	"eol": true, "endoflife": true, "transport": true, "construction": true, "embodied": true, "operation": true}

// criterion is one X_total with what belongs to it.
type criterion struct {
	Key         string // X
	Total       string // X_total
	Phases      []string
	Components  []string
	Intensities []string
}

// selectCriteria applies the rules above to the outputs, in their order.
func selectCriteria(outs []outInfo) []criterion {
	byName := map[string]outInfo{}
	for _, o := range outs {
		byName[o.Name] = o
	}
	var cs []criterion
	for _, o := range outs {
		key, ok := strings.CutSuffix(o.Name, "_total")
		if !ok || key == "" || !o.Traj {
			continue
		}
		c := criterion{Key: key, Total: o.Name}
		prefix := key + "_"
		isPhase := map[string]bool{}
		for _, p := range outs {
			rest, ok := strings.CutPrefix(p.Name, prefix)
			if !ok || !p.Traj || p.Unit != o.Unit {
				continue
			}
			if head, tail, two := strings.Cut(rest, "_"); two && tail != "" && !strings.Contains(tail, "_") && head != "per" {
				if _, ok := byName[prefix+head]; ok {
					isPhase[head] = true
				}
			}
		}
		for _, p := range outs {
			rest, ok := strings.CutPrefix(p.Name, prefix)
			if !ok || !p.Traj || rest == "total" {
				continue
			}
			switch {
			case strings.Contains(rest, "per_") || strings.HasPrefix(rest, "per"):
				c.Intensities = append(c.Intensities, p.Name)
			case p.Unit != o.Unit || strings.Contains(rest, "_"):
			case isPhase[rest] || phaseWords[rest]:
				c.Phases = append(c.Phases, p.Name)
			default:
				c.Components = append(c.Components, p.Name)
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
