package inputs

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Reference is a published figure for one output in one year, which a
// result should meet: the report draws it on the fan charts and tabulates
// whether the median and the 90 % band fall in [Min, Max]. Values are in the
// output's own unit (kWh, kgCO2e, …).
//
//	references:
//	  - {output: FE_total, year: 2024, min: 21e9, max: 62e9, source: "IEA 2025"}
type Reference struct {
	Output string
	Year   int // 0 for a scalar output
	Min    float64
	Max    float64
	Source string
	Pos    Pos // where the entry stands
}

var referenceKeys = []string{"output", "year", "min", "max", "source"}

// references reads the list of published reference values.
func (ps *parser) references(n *yaml.Node) []Reference {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "", "references: expected a list of {output, year, min, max, source}, got %s", describe(n))
		return nil
	}
	var refs []Reference
	for i, c := range n.Content {
		c = resolve(c)
		elem := "references[" + strconv.Itoa(i) + "]"
		if c.Kind != yaml.MappingNode {
			ps.errorf(c, "", "%s: expected a mapping {output, year, min, max, source}, got %s", elem, describe(c))
			continue
		}
		r := Reference{Pos: ps.pos(c)}
		var hasOutput, hasMin, hasMax, ok = false, false, false, true
		for _, p := range ps.mapping(c, "", "key", 2) {
			var good bool
			switch p.name {
			case "output":
				r.Output, good = ps.text(p.val, "", elem+".output")
				hasOutput = good
				if good && r.Output == "" {
					ps.errorf(p.val, "", "%s.output: empty output name", elem)
					good = false
				}
			case "year":
				var y int64
				y, good = ps.integer(p.val, "", elem+".year")
				if good && (y < 1 || y > 9999) {
					ps.errorf(p.val, "", "%s.year: expected a calendar year, got %d", elem, y)
					good = false
				}
				r.Year = int(y)
			case "min":
				r.Min, good = ps.number(p.val, "", elem+".min")
				hasMin = good
			case "max":
				r.Max, good = ps.number(p.val, "", elem+".max")
				hasMax = good
			case "source":
				r.Source, good = ps.text(p.val, "", elem+".source")
			default:
				ps.unknownKey(p, "", " in "+elem, referenceKeys)
			}
			ok = ok && good
		}
		switch {
		case !hasOutput && ok:
			ps.errorf(c, "", "%s: missing key \"output\" (the output the figure is for)", elem)
			ok = false
		case !hasMin && !hasMax && ok:
			ps.errorf(c, "", "%s: expected min and max (or one of them for a single value)", elem)
			ok = false
		}
		if !ok {
			continue
		}
		// One bound given: a single published value.
		if !hasMin {
			r.Min = r.Max
		}
		if !hasMax {
			r.Max = r.Min
		}
		if r.Min > r.Max {
			ps.errorf(c, "", "%s: min %g is larger than max %g", elem, r.Min, r.Max)
			continue
		}
		refs = append(refs, r)
	}
	return refs
}
