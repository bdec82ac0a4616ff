package inputs

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Kinds of factor groups. A lever is what a policy or an operator decides
// (sufficiency, cooling, deletion…); an exogenous group is an uncertainty
// nobody controls (demand growth, technology trends, grid factors…). The
// summary ranks the two separately, so that an exogenous trend is never read
// as the most effective measure.
const (
	GroupLever     = "lever"
	GroupExogenous = "exogenous"
)

// LeverPrefix marks a lever by its name in a file without a groups: key:
// group "lever:cooling" is a lever, every other group is exogenous.
const LeverPrefix = "lever:"

var (
	groupKinds = []string{GroupLever, GroupExogenous}
	groupKeys  = []string{"kind", "description"}
)

// Group is a declared group of factors.
type Group struct {
	Name        string
	Kind        string // GroupLever or GroupExogenous
	Description string
	Pos         Pos // where its name stands
}

// GroupKind returns the kind of the named group (for an ungrouped factor,
// its own name): as declared in groups:, else by the LeverPrefix convention
// when some group uses it; "" when unknown.
func (sc *Scenario) GroupKind(name string) string {
	if sc.Groups != nil {
		for _, g := range sc.Groups {
			if g.Name == name {
				return g.Kind
			}
		}
		return ""
	}
	for _, f := range sc.Factors {
		if strings.HasPrefix(f.Group, LeverPrefix) {
			if strings.HasPrefix(name, LeverPrefix) {
				return GroupLever
			}
			return GroupExogenous
		}
	}
	return ""
}

// groups reads the groups: mapping, group name → {kind: lever|exogenous,
// description: …} or simply → lever|exogenous.
func (ps *parser) groups(n *yaml.Node, sc *Scenario) {
	sc.Groups = []Group{}
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		ps.errorf(n, "", "groups: expected a mapping from group name to {kind: lever|exogenous, description: …}, got %s", describe(n))
		return
	}
	for _, p := range ps.mapping(n, "", "group", 1) {
		where := "groups." + p.name
		g := Group{Name: p.name, Pos: ps.pos(p.key)}
		switch p.val.Kind {
		case yaml.ScalarNode:
			g.Kind, _ = ps.choice(p.val, "", where+" (its kind)", groupKinds)
		case yaml.MappingNode:
			for _, e := range ps.section(p.val, where, groupKeys) {
				switch e.name {
				case "kind":
					g.Kind, _ = ps.choice(e.val, "", where+".kind", groupKinds)
				case "description":
					g.Description, _ = ps.text(e.val, "", where+".description")
				}
			}
			if g.Kind == "" && !ps.hasKey(p.val, "kind") {
				ps.errorf(p.val, "", "%s: missing key \"kind\" (lever or exogenous)", where)
			}
		default:
			ps.errorf(p.val, "", "%s: expected {kind: lever|exogenous, description: …}, got %s", where, describe(p.val))
		}
		sc.Groups = append(sc.Groups, g)
	}
}

func (ps *parser) hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := resolve(m.Content[i]); k.Kind == yaml.ScalarNode && k.Value == key {
			return true
		}
	}
	return false
}

// checkGroups checks, when the file declares groups, that every group a
// factor names is declared and every declared group has a factor.
func (ps *parser) checkGroups(sc *Scenario) {
	if sc.Groups == nil {
		return
	}
	declared := map[string]bool{}
	var names []string
	for _, g := range sc.Groups {
		declared[g.Name] = true
		names = append(names, g.Name)
	}
	used := map[string]bool{}
	for _, f := range sc.Factors {
		if f.Group == "" {
			continue
		}
		used[f.Group] = true
		if !declared[f.Group] {
			ps.errs = append(ps.errs, &Error{Pos: f.GroupPos, Factor: f.Name,
				Msg: fmt.Sprintf("group %q is not declared in groups: (declared: %s)", f.Group, strings.Join(names, ", "))})
		}
	}
	for _, g := range sc.Groups {
		if !used[g.Name] {
			ps.errs = append(ps.errs, &Error{Pos: g.Pos, Msg: fmt.Sprintf("groups: %s is declared but no factor belongs to it", g.Name)})
		}
	}
}
