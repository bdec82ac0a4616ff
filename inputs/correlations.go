package inputs

import (
	"strconv"

	yaml "go.yaml.in/yaml/v3"
)

// Correlation is a rank (Spearman) correlation between two factors,
// declared in the scenario's correlations: list.
type Correlation struct {
	A, B string
	Rank float64
	Pos  Pos // where it is written
}

// correlations reads
//
//	correlations:
//	  - [a, b, 0.6]                                  # a pair and its rank correlation
//	  - {factors: [a, b, c], matrix: [[1, 0.6, 0], [0.6, 1, 0.2], [0, 0.2, 1]]}
//
// Names are checked against the factors when the plan is built (the key may
// come before factors:); here each entry is checked on its own: correlations
// within (−1, 1), a matrix square, symmetric, with ones on its diagonal,
// each pair given once.
func (ps *parser) correlations(n *yaml.Node, sc *Scenario) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "", "correlations: expected a list of [factor, factor, rank correlation] or {factors: [...], matrix: [[...]]}, got %s", describe(n))
		return
	}
	seen := map[[2]string]Pos{}
	// at is where the value is (for its errors), pos where the entry is.
	add := func(a, b string, r float64, at *yaml.Node, pos Pos) {
		if a == b {
			ps.errorf(at, "", "correlations: factor %s is paired with itself", a)
			return
		}
		key := [2]string{min(a, b), max(a, b)}
		if first, dup := seen[key]; dup {
			ps.errorf(at, "", "correlations: %s and %s are correlated twice (first at line %d, column %d)", a, b, first.Line, first.Column)
			return
		}
		seen[key] = pos
		if !(r > -1 && r < 1) {
			ps.errorf(at, "", "correlations: the rank correlation of %s and %s must be within (−1, 1), got %s", a, b, num(r))
			return
		}
		if r != 0 {
			sc.Correlations = append(sc.Correlations, Correlation{A: a, B: b, Rank: r, Pos: pos})
		}
	}
	for i, e := range n.Content {
		e = resolve(e)
		where := "correlations[" + strconv.Itoa(i) + "]"
		switch e.Kind {
		case yaml.SequenceNode:
			if len(e.Content) != 3 {
				ps.errorf(e, "", "%s: expected [factor, factor, rank correlation], got %d elements", where, len(e.Content))
				continue
			}
			a, okA := ps.text(e.Content[0], "", where+"[0]")
			b, okB := ps.text(e.Content[1], "", where+"[1]")
			r, okR := ps.number(e.Content[2], "", where+"[2]")
			if okA && okB && okR {
				add(a, b, r, resolve(e.Content[2]), ps.pos(e))
			}
		case yaml.MappingNode:
			var names []string
			var matrix [][]float64
			var mnode *yaml.Node
			for _, p := range ps.section(e, where, []string{"factors", "matrix"}) {
				switch p.name {
				case "factors":
					names = ps.names(p.val, where+".factors")
				case "matrix":
					mnode = p.val
					matrix = ps.matrix(p.val, where+".matrix")
				}
			}
			if names == nil || matrix == nil {
				if names == nil && matrix == nil || mnode == nil {
					ps.errorf(e, "", "%s: a matrix form needs factors: [...] and matrix: [[...]]", where)
				}
				continue
			}
			if len(matrix) != len(names) {
				ps.errorf(mnode, "", "%s.matrix has %d rows for %d factors", where, len(matrix), len(names))
				continue
			}
			ok := true
			for r, row := range matrix {
				rowNode := resolve(resolve(mnode).Content[r])
				if len(row) != len(names) {
					ps.errorf(rowNode, "", "%s.matrix row %d has %d entries for %d factors", where, r+1, len(row), len(names))
					ok = false
					continue
				}
				if row[r] != 1 {
					ps.errorf(resolve(rowNode.Content[r]), "", "%s.matrix: the diagonal must be 1, got %s", where, num(row[r]))
					ok = false
				}
			}
			if !ok {
				continue
			}
			for r := range matrix {
				for c := r + 1; c < len(names); c++ {
					if matrix[r][c] != matrix[c][r] {
						ps.errorf(resolve(resolve(resolve(mnode).Content[c]).Content[r]), "", "%s.matrix is not symmetric: entry (%d, %d) is %s, entry (%d, %d) %s",
							where, r+1, c+1, num(matrix[r][c]), c+1, r+1, num(matrix[c][r]))
						ok = false
					}
				}
			}
			if !ok {
				continue
			}
			for r := range matrix {
				for c := r + 1; c < len(names); c++ {
					at := resolve(resolve(resolve(mnode).Content[r]).Content[c])
					add(names[r], names[c], matrix[r][c], at, ps.pos(at))
				}
			}
		default:
			ps.errorf(e, "", "%s: expected [factor, factor, rank correlation] or {factors: [...], matrix: [[...]]}, got %s", where, describe(e))
		}
	}
}

// names reads a list of factor names.
func (ps *parser) names(n *yaml.Node, what string) []string {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode || len(n.Content) < 2 {
		ps.errorf(n, "", "%s: expected a list of two or more factor names, got %s", what, describe(n))
		return nil
	}
	var out []string
	for i, c := range n.Content {
		s, ok := ps.text(c, "", what+"["+strconv.Itoa(i)+"]")
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// matrix reads a list of lists of finite numbers.
func (ps *parser) matrix(n *yaml.Node, what string) [][]float64 {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		ps.errorf(n, "", "%s: expected a list of rows like [[1, 0.5], [0.5, 1]], got %s", what, describe(n))
		return nil
	}
	var m [][]float64
	for i, r := range n.Content {
		r = resolve(r)
		if r.Kind != yaml.SequenceNode {
			ps.errorf(r, "", "%s row %d: expected a list of numbers, got %s", what, i+1, describe(r))
			return nil
		}
		row := make([]float64, len(r.Content))
		for j, c := range r.Content {
			x, ok := ps.number(c, "", what)
			if !ok {
				return nil
			}
			row[j] = x
		}
		m = append(m, row)
	}
	return m
}
