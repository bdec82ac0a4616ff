package inputs

import (
	"strings"
	"testing"
)

func TestCorrelationsParsed(t *testing.T) {
	src := "model: m\ncorrelations:\n  - [a, b, 0.5]\n  - {factors: [b, c, d], matrix: [[1, -0.2, 0], [-0.2, 1, 0.3], [0, 0.3, 1]]}\n"
	sc, err := Parse("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Correlation{
		{"a", "b", 0.5, Pos{"c.yaml", 3, 5}},
		{"b", "c", -0.2, Pos{"c.yaml", 4, 39}},
		{"c", "d", 0.3, Pos{"c.yaml", 4, 59}},
	}
	if len(sc.Correlations) != len(want) {
		t.Fatalf("got %+v", sc.Correlations)
	}
	for i, c := range want {
		if sc.Correlations[i] != c {
			t.Errorf("correlation %d: got %+v, want %+v", i, sc.Correlations[i], c)
		}
	}
}

func TestCorrelationsBad(t *testing.T) {
	cases := []struct{ src, want string }{
		{"model: m\ncorrelations: {a: b}\n", "c.yaml:2:15: correlations: expected a list of [factor, factor, rank correlation] or {factors: [...], matrix: [[...]]}, got a mapping"},
		{"model: m\ncorrelations: [[a, b]]\n", "c.yaml:2:16: correlations[0]: expected [factor, factor, rank correlation], got 2 elements"},
		{"model: m\ncorrelations: [[a, b, 1]]\n", "c.yaml:2:23: correlations: the rank correlation of a and b must be within (−1, 1), got 1"},
		{"model: m\ncorrelations: [[a, a, 0.5]]\n", "c.yaml:2:23: correlations: factor a is paired with itself"},
		{"model: m\ncorrelations: [[a, b, 0.5], [b, a, 0.2]]\n", "c.yaml:2:36: correlations: b and a are correlated twice (first at line 2, column 16)"},
		{"model: m\ncorrelations: [{factors: [a, b], matrix: [[1, 0.5], [0.4, 1]]}]\n", "c.yaml:2:54: correlations[0].matrix is not symmetric: entry (1, 2) is 0.5, entry (2, 1) 0.4"},
		{"model: m\ncorrelations: [{factors: [a, b], matrix: [[2, 0.5], [0.5, 1]]}]\n", "c.yaml:2:44: correlations[0].matrix: the diagonal must be 1, got 2"},
		{"model: m\ncorrelations: [{factors: [a, b], matrix: [[1, 0.5]]}]\n", "c.yaml:2:42: correlations[0].matrix has 1 rows for 2 factors"},
	}
	for _, c := range cases {
		_, err := Parse("c.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got  %v\n want %s", c.src, err, c.want)
		}
	}
}
