package inputs

import (
	"path"
	"strconv"

	yaml "go.yaml.in/yaml/v3"
)

// Scales on which an output's sensitivity indices are computed.
const (
	// ScaleLinear analyses the output y itself (the default).
	ScaleLinear = "linear"
	// ScaleLog analyses log(y): for outputs spanning orders of magnitude
	// (totals, intensities), whose raw variance is dominated by the upper
	// tail. y must be > 0 in every sample.
	ScaleLog = "log"
)

var (
	scales          = []string{ScaleLinear, ScaleLog}
	indexEntryKeys  = []string{"name", "scale"}
	indexEntryUsage = "an output name or pattern, or a mapping {name: FE_total, scale: log}"
)

// indices reads outputs.indices: a list whose entries are output names or
// path.Match patterns (scale unset: linear unless another entry gives the
// output a scale) or mappings {name: …, scale: linear|log}.
func (ps *parser) indices(n *yaml.Node, o *OutputSelection) {
	const name = "outputs.indices"
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "", "%s: expected a list of output names or patterns, got %s", name, describe(n))
		return
	}
	for i, c := range n.Content {
		elem := name + "[" + strconv.Itoa(i) + "]"
		c = resolve(c)
		pattern, scale, nameNode := "", "", c
		switch c.Kind {
		case yaml.ScalarNode:
			s, ok := ps.text(c, "", elem)
			if !ok {
				continue
			}
			pattern = s
		case yaml.MappingNode:
			ok := true
			for _, p := range ps.section(c, elem, indexEntryKeys) {
				switch p.name {
				case "name":
					nameNode = p.val
					pattern, ok = ps.text(p.val, "", elem+".name")
				case "scale":
					var good bool
					if scale, good = ps.choice(p.val, "", elem+".scale", scales); !good {
						ok = false
					}
				}
			}
			if !ok {
				continue
			}
			if nameNode == c {
				ps.errorf(c, "", "%s: missing key \"name\" (the output's name or a pattern)", elem)
				continue
			}
		default:
			ps.errorf(c, "", "%s: expected %s, got %s", elem, indexEntryUsage, describe(c))
			continue
		}
		if pattern == "" {
			ps.errorf(resolve(nameNode), "", "%s: empty output name", elem)
			continue
		}
		if _, err := path.Match(pattern, ""); err != nil {
			ps.errorf(resolve(nameNode), "", "%s: bad pattern %q: %v", elem, pattern, err)
			continue
		}
		o.Indices = append(o.Indices, pattern)
		o.Scales = append(o.Scales, scale)
		o.IndexPos = append(o.IndexPos, ps.pos(resolve(nameNode)))
	}
}
