package inputs

import (
	"testing"
)

func TestGroupKinds(t *testing.T) {
	src := `model: m
groups:
  cooling: {kind: lever, description: "PUE and water"}
  demand: exogenous
factors:
  a: {distribution: uniform, min: 0, max: 1, group: cooling}
  b: {distribution: uniform, min: 0, max: 1, group: demand}
  c: {distribution: uniform, min: 0, max: 1}
`
	sc, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Groups) != 2 || sc.Groups[0] != (Group{Name: "cooling", Kind: GroupLever, Description: "PUE and water", Pos: Pos{"s.yaml", 3, 3}}) {
		t.Errorf("groups %+v", sc.Groups)
	}
	for name, want := range map[string]string{"cooling": GroupLever, "demand": GroupExogenous, "c": "", "other": ""} {
		if got := sc.GroupKind(name); got != want {
			t.Errorf("kind of %s: %q, want %q", name, got, want)
		}
	}
}

// Without groups:, the lever: prefix marks levers and makes every other
// group exogenous; without the prefix either, kinds are unknown.
func TestGroupKindsByPrefix(t *testing.T) {
	src := "model: m\nfactors:\n  a: {distribution: uniform, min: 0, max: 1, group: \"lever:cooling\"}\n  b: {distribution: uniform, min: 0, max: 1, group: demand}\n"
	sc, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if sc.GroupKind("lever:cooling") != GroupLever || sc.GroupKind("demand") != GroupExogenous || sc.GroupKind("a") != GroupExogenous {
		t.Errorf("kinds %q %q %q", sc.GroupKind("lever:cooling"), sc.GroupKind("demand"), sc.GroupKind("a"))
	}
	sc, err = Parse("s.yaml", []byte("model: m\nfactors:\n  b: {distribution: uniform, min: 0, max: 1, group: demand}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if k := sc.GroupKind("demand"); k != "" {
		t.Errorf("no declaration, no prefix: kind %q, want unknown", k)
	}
}

func TestBadGroups(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unknown kind", "model: m\ngroups: {grid: {kind: policy}}\nfactors: {a: {fixed: 1, group: grid}}\n",
			"bad.yaml:2:23: unknown groups.grid.kind \"policy\" (allowed: lever, exogenous)"},
		{"missing kind", "model: m\ngroups: {grid: {description: x}}\nfactors: {a: {fixed: 1, group: grid}}\n",
			"bad.yaml:2:16: groups.grid: missing key \"kind\" (lever or exogenous)"},
		{"unknown key", "model: m\ngroups: {grid: {kind: lever, type: x}}\nfactors: {a: {fixed: 1, group: grid}}\n",
			"bad.yaml:2:30: unknown key \"type\" in groups.grid (allowed: kind, description)"},
		{"not a mapping", "model: m\ngroups: [grid]\n",
			"bad.yaml:2:9: groups: expected a mapping from group name to {kind: lever|exogenous, description: …}, got a list"},
		{"undeclared group", "model: m\ngroups: {grid: lever}\nfactors:\n  a: {distribution: uniform, min: 0, max: 1, group: gird}\n  b: {fixed: 1, group: grid}\n",
			"bad.yaml:4:53: factor a: group \"gird\" is not declared in groups: (declared: grid)"},
		{"unused group", "model: m\ngroups: {grid: lever, demand: exogenous}\nfactors:\n  a: {distribution: uniform, min: 0, max: 1, group: grid}\n",
			"bad.yaml:2:23: groups: demand is declared but no factor belongs to it"},
	} {
		_, err := Parse("bad.yaml", []byte(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got  %v\n want %s", c.name, err, c.want)
		}
	}
}
