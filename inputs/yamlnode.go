package inputs

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Limits on what a scenario file can make the parser do. Aliases let a tiny
// file describe a huge or cyclic tree ("billion laughs").
const (
	maxNodes = 1_000_000 // nodes visited, aliases expanded
	maxDepth = 64        // nesting of mappings, lists and merge keys
)

// parser collects the errors of one file.
type parser struct {
	file     string
	dir      string // where relative data files are looked up
	data     []byte
	errs     []*Error
	budget   int
	tooMuch  bool
	active   map[*yaml.Node]bool // mappings and lists being read, to catch cyclic aliases
	keys     map[string]Pos      // Scenario.Keys being filled
	poolNode *yaml.Node          // morris.pool, checked once the file is read
}

// enter marks n as being read; it reports false, with an error, if n is
// already being read: an alias inside n refers back to it.
func (ps *parser) enter(n *yaml.Node, factor, what string) bool {
	if ps.active == nil {
		ps.active = map[*yaml.Node]bool{}
	}
	if ps.active[n] {
		ps.errorf(n, factor, "%s contains an alias to itself", what)
		return false
	}
	ps.active[n] = true
	return true
}

func (ps *parser) leave(n *yaml.Node) { delete(ps.active, n) }

func (ps *parser) pos(n *yaml.Node) Pos {
	return Pos{File: ps.file, Line: n.Line, Column: n.Column}
}

func (ps *parser) errorf(n *yaml.Node, factor, format string, args ...any) {
	ps.errs = append(ps.errs, &Error{Pos: ps.pos(n), Factor: factor, Msg: fmt.Sprintf(format, args...)})
}

// spend accounts for one visited node; it reports false, once with an error,
// when the file is too large a tree.
func (ps *parser) spend(n *yaml.Node) bool {
	ps.budget--
	if ps.budget >= 0 {
		return true
	}
	if !ps.tooMuch {
		ps.tooMuch = true
		ps.errorf(n, "", "the document expands to more than %d nodes (aliases?)", maxNodes)
	}
	return false
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxDepth; i++ {
		n = n.Alias
	}
	return n
}

// describe names a node's value for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			if n.Value == "" {
				return "nothing"
			}
			return "null"
		case "!!str":
			return strconv.Quote(clip(n.Value))
		}
		return clip(n.Value)
	}
	return "nothing"
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// pair is one entry of a mapping.
type pair struct {
	name     string
	key, val *yaml.Node // val is resolved
}

// mapping returns the entries of mapping node m in file order, with YAML
// merge keys (<<) expanded in place: keys written in m win over merged ones,
// and earlier merged mappings over later ones. Keys must be non-empty
// scalars and unique; noun names them in messages ("key", "factor").
func (ps *parser) mapping(m *yaml.Node, factor, noun string, depth int) []pair {
	if depth > maxDepth {
		ps.errorf(m, factor, "mappings nested more than %d deep", maxDepth)
		return nil
	}
	if !ps.enter(m, factor, "this mapping") {
		return nil
	}
	defer ps.leave(m)
	type entry struct {
		pair
		merge bool
	}
	var entries []entry
	own := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), resolve(m.Content[i+1])
		if !ps.spend(k) {
			return nil
		}
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			entries = append(entries, entry{pair{key: k, val: v}, true})
			continue
		}
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!null" {
			ps.errorf(k, factor, "expected a name as %s, got %s", noun, describe(k))
			continue
		}
		if strings.TrimSpace(k.Value) == "" {
			ps.errorf(k, factor, "empty %s name", noun)
			continue
		}
		if first, dup := own[k.Value]; dup {
			ps.errorf(k, factor, "duplicate %s %q (first at line %d, column %d)", noun, clip(k.Value), first.Line, first.Column)
			continue
		}
		own[k.Value] = k
		entries = append(entries, entry{pair{name: k.Value, key: k, val: v}, false})
	}
	var out []pair
	seen := map[string]bool{}
	for _, e := range entries {
		if !e.merge {
			out = append(out, e.pair)
			seen[e.name] = true
			continue
		}
		var sources []*yaml.Node
		switch e.val.Kind {
		case yaml.MappingNode:
			sources = []*yaml.Node{e.val}
		case yaml.SequenceNode:
			for _, s := range e.val.Content {
				sources = append(sources, resolve(s))
			}
		}
		for _, s := range sources {
			if s == nil || s.Kind != yaml.MappingNode {
				ps.errorf(e.key, factor, "merge key << expects a mapping or a list of mappings, got %s", describe(s))
				break
			}
			for _, p := range ps.mapping(s, factor, noun, depth+1) {
				if _, mine := own[p.name]; !mine && !seen[p.name] {
					out = append(out, p)
					seen[p.name] = true
				}
			}
		}
	}
	return out
}

// unknownKey reports a key that is not allowed where it stands.
func (ps *parser) unknownKey(p pair, factor, where string, allowed []string) {
	ps.errorf(p.key, factor, "unknown key %q%s (allowed: %s)", clip(p.name), where, strings.Join(allowed, ", "))
}

// number reads a finite number.
func (ps *parser) number(n *yaml.Node, factor, name string) (float64, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!int", "!!float":
			var f float64
			if err := n.Decode(&f); err == nil {
				if isFinite(f) {
					return f, true
				}
				ps.errorf(n, factor, "%s must be a finite number, got %s", name, n.Value)
				return 0, false
			}
		}
	}
	ps.errorf(n, factor, "%s: expected a number, got %s", name, describe(n))
	return 0, false
}

// integer reads an integer; a float with an integral value (1e5) is accepted.
func (ps *parser) integer(n *yaml.Node, factor, name string) (int64, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!int":
			var i int64
			if err := n.Decode(&i); err == nil {
				return i, true
			}
			ps.errorf(n, factor, "%s: %s is too large", name, n.Value)
			return 0, false
		case "!!float":
			var f float64
			if err := n.Decode(&f); err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
				return int64(f), true
			}
		}
	}
	ps.errorf(n, factor, "%s: expected an integer, got %s", name, describe(n))
	return 0, false
}

// text reads a scalar as a string: `unit: 1` is the string "1".
func (ps *parser) text(n *yaml.Node, factor, name string) (string, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
		return n.Value, true
	}
	ps.errorf(n, factor, "%s: expected a string, got %s", name, describe(n))
	return "", false
}

// boolean reads true or false.
func (ps *parser) boolean(n *yaml.Node, factor, name string) (bool, bool) {
	n = resolve(n)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b, true
		}
	}
	ps.errorf(n, factor, "%s: expected true or false, got %s", name, describe(n))
	return false, false
}

// choice reads one of the allowed words.
func (ps *parser) choice(n *yaml.Node, factor, name string, allowed []string) (string, bool) {
	s, ok := ps.text(n, factor, name)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	ps.errorf(resolve(n), factor, "unknown %s %q (allowed: %s)", name, clip(s), strings.Join(allowed, ", "))
	return "", false
}

// value converts a free-form parameter to float64, string, bool, []any or
// map[string]any, recording the position of every nested mapping key's value
// in pos under its dotted path.
func (ps *parser) value(n *yaml.Node, path string, pos map[string]Pos, depth int) (any, bool) {
	n = resolve(n)
	if !ps.spend(n) {
		return nil, false
	}
	if depth > maxDepth {
		ps.errorf(n, "", "parameter %s: nested more than %d deep", path, maxDepth)
		return nil, false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			return ps.number(n, "", "parameter "+path)
		case "!!bool":
			return ps.boolean(n, "", "parameter "+path)
		case "!!null":
			ps.errorf(n, "", "parameter %s: expected a value, got %s", path, describe(n))
			return nil, false
		}
		return n.Value, true
	case yaml.SequenceNode:
		if !ps.enter(n, "", "parameter "+path) {
			return nil, false
		}
		defer ps.leave(n)
		out := make([]any, 0, len(n.Content))
		ok := true
		for i, c := range n.Content {
			v, good := ps.value(c, fmt.Sprintf("%s[%d]", path, i), pos, depth+1)
			out = append(out, v)
			ok = ok && good
		}
		return out, ok
	case yaml.MappingNode:
		// ps.mapping catches cycles through mappings.
		out := map[string]any{}
		ok := true
		for _, p := range ps.mapping(n, "", "key", depth+1) {
			sub := p.name
			if path != "" {
				sub = path + "." + p.name
			}
			pos[sub] = ps.pos(p.val)
			v, good := ps.value(p.val, sub, pos, depth+1)
			out[p.name] = v
			ok = ok && good
		}
		return out, ok
	}
	ps.errorf(n, "", "parameter %s: expected a value, got %s", path, describe(n))
	return nil, false
}
