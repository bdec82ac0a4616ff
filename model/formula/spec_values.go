package formula

import (
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// Readers of the values of a model mapping: years, outputs, command, timeout.

// years reads [2020, 2025, …] or {from: 2020, to: 2050, step: 1}.
func (r *reader) years(n *yaml.Node) []int {
	var ys []int
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			c = resolve(c)
			y, ok := r.integer(c, "years")
			if !ok {
				return nil
			}
			if len(ys) > 0 && y <= ys[len(ys)-1] {
				r.errorf(c, "years must increase: %d comes after %d", y, ys[len(ys)-1])
				return nil
			}
			if len(ys) >= maxYears {
				r.errorf(c, "more than %d years", maxYears)
				return nil
			}
			ys = append(ys, y)
		}
	case yaml.MappingNode:
		var from, to, step *yaml.Node
		for _, e := range r.entries(n, "key") {
			switch e.name {
			case "from":
				from = e.val
			case "to":
				to = e.val
			case "step":
				step = e.val
			default:
				r.errorf(e.key, "unknown key %q in years (allowed: %s)", e.name, strings.Join(yearKeys, ", "))
			}
		}
		if from == nil || to == nil {
			r.errorf(n, "years: a range needs from and to (and optionally step)")
			return nil
		}
		a, okA := r.integer(from, "years.from")
		b, okB := r.integer(to, "years.to")
		s, okS := 1, true
		if step != nil {
			if s, okS = r.integer(step, "years.step"); okS && s <= 0 {
				r.errorf(step, "years.step must be > 0, got %d", s)
				okS = false
			}
		}
		if !okA || !okB || !okS {
			return nil
		}
		if b < a {
			r.errorf(to, "years.to must be ≥ years.from, got from=%d, to=%d", a, b)
			return nil
		}
		if (b-a)/s+1 > maxYears {
			r.errorf(n, "years: the range has %d years, more than %d", (b-a)/s+1, maxYears)
			return nil
		}
		for y := a; y <= b; y += s {
			ys = append(ys, y)
		}
	default:
		r.errorf(n, "years: expected a list like [2020, 2030] or a range like {from: 2020, to: 2050}, got %s", describe(n))
		return nil
	}
	if len(ys) == 0 {
		r.errorf(n, "years must not be empty (leave the key out for a model without years)")
		return nil
	}
	return ys
}

func (r *reader) outputs(n *yaml.Node) ([]string, []Pos) {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.errorf(n, "outputs: expected a non-empty list of equation names, got %s", describe(n))
		return nil, nil
	}
	var names []string
	var pos []Pos
	seen := map[string]bool{}
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode || isNull(c) {
			r.errorf(c, "outputs: expected an equation name, got %s", describe(c))
			continue
		}
		if seen[c.Value] {
			r.errorf(c, "outputs: %s is listed twice", c.Value)
			continue
		}
		seen[c.Value] = true
		names = append(names, c.Value)
		pos = append(pos, r.pos(c))
	}
	return names, pos
}

// command reads the argument vector of an external model: a list of strings.
func (r *reader) command(n *yaml.Node) []string {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.errorf(n, "command: expected a list like [python3, sim.py] (the program and its arguments), got %s", describe(n))
		return nil
	}
	var argv []string
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode || isNull(c) || c.Value == "" {
			r.errorf(c, "command: expected a non-empty string, got %s", describe(c))
			return nil
		}
		argv = append(argv, c.Value)
	}
	return argv
}

// timeout reads a duration such as 30s or 5m.
func (r *reader) timeout(n *yaml.Node) time.Duration {
	if n.Kind == yaml.ScalarNode {
		if d, err := time.ParseDuration(n.Value); err == nil && d > 0 {
			return d
		}
	}
	r.errorf(n, "timeout: expected a positive duration like 30s or 5m, got %s", describe(n))
	return 0
}

// isIdent reports whether s is a name expressions can refer to.
func isIdent(s string) bool {
	for i, c := range s {
		letter := c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
