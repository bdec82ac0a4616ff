package inputs

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Dependent inputs. The scenario's correlations: key declares rank
// (Spearman) correlations between factors, pair by pair or as a matrix:
//
//	correlations:
//	  - {factors: [a, b], rank: 0.6}
//	  - [a, c, -0.2]                   # short form of a pair
//	  - {factors: [c, d, e], matrix: [[1, 0.3, -0.2], [0.3, 1, 0], [-0.2, 0, 1]]}
//
// The engine imposes them with a Gaussian copula (see NormalCorrelation).
// Pairs not declared are independent. Factors linked by non-zero
// correlations form a CorrelatedSet, whose matrix must be positive definite.

// Correlation is one declared rank correlation between two factors.
type Correlation struct {
	A, B  string
	Rank  float64 // Spearman's ρ_S, in (−1, 1)
	Pos   Pos     // where the value is written
	Entry Pos     // where its entry of correlations: starts
}

// CorrelatedSet is a set of factors linked, directly or through others, by
// non-zero declared correlations: the factors a Gaussian copula transforms
// together.
type CorrelatedSet struct {
	Factors []string    // in the file's order of the factors
	Rank    [][]float64 // target Spearman matrix; 0 for pairs not declared
	Normal  [][]float64 // the copula's Pearson matrix, NormalCorrelation of Rank
	Entries []Pos       // the entries of correlations: that declare its pairs, in file order
}

// NormalCorrelation returns the Pearson correlation r of a bivariate normal
// whose Spearman rank correlation is rank: ρ_S = (6/π) arcsin(r/2), so
// r = 2 sin(π ρ_S / 6) (Pearson 1907; Kruskal 1958). Since ranks are kept by
// the increasing maps Φ and the factors' quantile functions, factors built
// from that normal through a Gaussian copula have rank correlation ρ_S
// whatever their marginal distributions.
func NormalCorrelation(rank float64) float64 { return 2 * math.Sin(math.Pi*rank/6) }

// RankOfNormal is the inverse of NormalCorrelation: ρ_S = (6/π) arcsin(r/2).
func RankOfNormal(r float64) float64 { return 6 / math.Pi * math.Asin(r/2) }

var correlationKeys = []string{"factors", "rank", "matrix", "source", "description"}

// correlations reads the correlations: list. It runs after factors: is read
// (the key may come first in the file); factorsNode is that mapping, whose
// keys include factors that failed to parse (their errors are reported
// already, so they are not "unknown" here).
func (ps *parser) correlations(n, factorsNode *yaml.Node, sc *Scenario) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "", "correlations: expected a list of entries like {factors: [a, b], rank: 0.6} or {factors: [a, b, c], matrix: [[1, 0.6, 0], [0.6, 1, 0.2], [0, 0.2, 1]]}, got %s", describe(n))
		return
	}
	declared := map[string]bool{}
	if factorsNode = resolve(factorsNode); factorsNode != nil && factorsNode.Kind == yaml.MappingNode {
		for i := 0; i < len(factorsNode.Content); i += 2 {
			if k := resolve(factorsNode.Content[i]); k != nil && k.Kind == yaml.ScalarNode {
				declared[k.Value] = true
			}
		}
	}
	cr := &corrReader{ps: ps, sc: sc, declared: declared, seen: map[[2]string]Pos{}}
	nerrs := len(ps.errs)
	for i, e := range n.Content {
		if !ps.spend(e) {
			return
		}
		cr.entry(resolve(e), "correlations["+strconv.Itoa(i)+"]")
	}
	if len(ps.errs) == nerrs {
		for _, set := range sc.CorrelatedSets() {
			cr.checkPositiveDefinite(set)
		}
	}
}

type corrReader struct {
	ps       *parser
	sc       *Scenario
	declared map[string]bool   // factor names written in factors:
	seen     map[[2]string]Pos // pair (sorted names) → where first declared
}

// entry reads one {factors: [...], rank: ρ} or {factors: [...], matrix: [[...]]}.
func (cr *corrReader) entry(e *yaml.Node, where string) {
	ps := cr.ps
	if e == nil {
		return
	}
	if e.Kind == yaml.SequenceNode {
		cr.shortPair(e, where)
		return
	}
	if e.Kind != yaml.MappingNode {
		ps.errorf(e, "", "%s: expected a mapping like {factors: [a, b], rank: 0.6} or {factors: [a, b, c], matrix: [[...]]}, got %s", where, describe(e))
		return
	}
	var factorsN, rankN, matrixN *yaml.Node
	for _, p := range ps.mapping(e, "", "key", 2) {
		switch p.name {
		case "factors":
			factorsN = p.val
		case "rank":
			rankN = p.val
		case "matrix":
			matrixN = p.val
		case "source", "description":
			ps.text(p.val, "", where+"."+p.name)
		default:
			ps.unknownKey(p, "", " in "+where, correlationKeys)
		}
	}
	switch {
	case factorsN == nil:
		ps.errorf(e, "", "%s: missing key factors (the factors to correlate, e.g. factors: [a, b])", where)
		return
	case rankN == nil && matrixN == nil:
		ps.errorf(e, "", "%s: give rank: (one rank correlation for two factors) or matrix: (a rank correlation matrix)", where)
		return
	case rankN != nil && matrixN != nil:
		ps.errorf(matrixN, "", "%s: give either rank: or matrix:, not both", where)
		return
	}
	names, ok := cr.factorList(factorsN, where)
	if !ok {
		return
	}
	entry := ps.pos(e)
	if rankN != nil {
		if len(names) != 2 {
			ps.errorf(factorsN, "", "%s: rank: correlates two factors, got %d (use matrix: for more)", where, len(names))
			return
		}
		rho, ok := ps.number(rankN, "", where+".rank")
		if !ok || !cr.checkRank(rankN, where+".rank", names[0], names[1], rho) {
			return
		}
		cr.add(names[0], names[1], rho, ps.pos(rankN), entry, rankN)
		return
	}
	cr.matrix(matrixN, names, where, entry)
}

// shortPair reads the short form of a pair, [a, b, 0.6].
func (cr *corrReader) shortPair(e *yaml.Node, where string) {
	ps := cr.ps
	if len(e.Content) != 3 {
		ps.errorf(e, "", "%s: a pair in short form is [factor, factor, rank correlation], got a list of %d", where, len(e.Content))
		return
	}
	names := &yaml.Node{Kind: yaml.SequenceNode, Content: e.Content[:2], Line: e.Line, Column: e.Column}
	got, ok := cr.factorList(names, where)
	rankN := resolve(e.Content[2])
	rho, good := ps.number(rankN, "", where+" rank correlation")
	if !ok || !good || !cr.checkRank(rankN, where, got[0], got[1], rho) {
		return
	}
	cr.add(got[0], got[1], rho, ps.pos(rankN), ps.pos(e), rankN)
}

// factorList reads the factors: list of an entry: known, sampled, distinct.
func (cr *corrReader) factorList(n *yaml.Node, where string) ([]string, bool) {
	ps := cr.ps
	n = resolve(n)
	if n.Kind != yaml.SequenceNode || len(n.Content) < 2 {
		got := describe(n)
		if n.Kind == yaml.SequenceNode {
			got = fmt.Sprintf("%d", len(n.Content))
		}
		ps.errorf(n, "", "%s.factors: expected a list of at least two factor names, got %s", where, got)
		return nil, false
	}
	var names []string
	ok := true
	at := map[string]*yaml.Node{}
	for i, c := range n.Content {
		c = resolve(c)
		name, good := ps.text(c, "", where+".factors["+strconv.Itoa(i)+"]")
		if !good {
			ok = false
			continue
		}
		if first, dup := at[name]; dup {
			ps.errorf(c, name, "%s: listed twice (first at line %d, column %d)", where, first.Line, first.Column)
			ok = false
			continue
		}
		at[name] = c
		f, known := cr.sc.Factor(name)
		switch {
		case !known && cr.declared[name]:
			ok = false // its own error is reported in factors:
		case !known:
			ps.errorf(c, "", "%s: unknown factor %q%s", where, clip(name), cr.suggest(name))
			ok = false
		case f.Fixed:
			ps.errorf(c, name, "%s: a fixed factor (declared at %s) takes one value and cannot be correlated: give it a distribution or leave it out of correlations", where, f.Pos.at())
			ok = false
		}
		names = append(names, name)
	}
	return names, ok
}

// suggest names the closest factor, or lists a few.
func (cr *corrReader) suggest(name string) string {
	fs := cr.sc.Factors
	if len(fs) == 0 {
		return " (the file declares no factors)"
	}
	best, bestD := "", math.MaxInt
	for _, f := range fs {
		if d := corrEditDistance(strings.ToLower(name), strings.ToLower(f.Name)); d < bestD {
			best, bestD = f.Name, d
		}
	}
	if bestD <= max(2, len([]rune(name))/3) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	names := make([]string, 0, len(fs))
	for _, f := range fs {
		names = append(names, f.Name)
	}
	if len(names) > 12 {
		names = append(names[:12], fmt.Sprintf("… (%d in all)", len(fs)))
	}
	return " (factors: " + strings.Join(names, ", ") + ")"
}

// corrEditDistance is the Levenshtein distance between a and b, by runes.
func corrEditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return math.MaxInt / 2 // names that long are not typos of each other
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// checkRank refuses |ρ| ≥ 1 between two distinct factors.
func (cr *corrReader) checkRank(n *yaml.Node, what, a, b string, rho float64) bool {
	switch {
	case math.Abs(rho) == 1:
		cr.ps.errorf(resolve(n), "", "%s: the rank correlation of %s and %s is %s: that makes one a monotone function of the other; write it as one factor (or use a correlation strictly between −1 and 1)", what, a, b, num(rho))
		return false
	case math.Abs(rho) > 1:
		cr.ps.errorf(resolve(n), "", "%s: the rank correlation of %s and %s must be between −1 and 1, got %s", what, a, b, num(rho))
		return false
	}
	return true
}

// add records one pair, refusing one declared before.
func (cr *corrReader) add(a, b string, rho float64, pos, entry Pos, at *yaml.Node) {
	key := [2]string{min(a, b), max(a, b)}
	if first, dup := cr.seen[key]; dup {
		cr.ps.errorf(resolve(at), "", "correlations: the pair %s, %s is declared twice (first at line %d, column %d); keep one", a, b, first.Line, first.Column)
		return
	}
	cr.seen[key] = pos
	cr.sc.Correlations = append(cr.sc.Correlations, Correlation{A: a, B: b, Rank: rho, Pos: pos, Entry: entry})
}

// matrix reads a k×k rank correlation matrix over names.
func (cr *corrReader) matrix(n *yaml.Node, names []string, where string, entry Pos) {
	ps := cr.ps
	n = resolve(n)
	k := len(names)
	shape := fmt.Sprintf("a %d×%d matrix (one row per factor of factors:, as a list of lists)", k, k)
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "", "%s.matrix: expected %s, got %s", where, shape, describe(n))
		return
	}
	if len(n.Content) != k {
		ps.errorf(n, "", "%s.matrix: expected %s, got %d rows", where, shape, len(n.Content))
		return
	}
	m := make([][]float64, k)
	at := make([][]*yaml.Node, k)
	ok := true
	for i, row := range n.Content {
		row = resolve(row)
		if !ps.spend(row) {
			return
		}
		if row.Kind != yaml.SequenceNode || len(row.Content) != k {
			got := describe(row)
			if row.Kind == yaml.SequenceNode {
				got = fmt.Sprintf("%d values", len(row.Content))
			}
			ps.errorf(row, "", "%s.matrix row %d (%s): expected %d values, got %s", where, i+1, names[i], k, got)
			ok = false
			continue
		}
		m[i], at[i] = make([]float64, k), make([]*yaml.Node, k)
		for j, c := range row.Content {
			c = resolve(c)
			at[i][j] = c
			v, good := ps.number(c, "", fmt.Sprintf("%s.matrix row %d, column %d", where, i+1, j+1))
			m[i][j] = v
			ok = ok && good
		}
	}
	if !ok {
		return
	}
	for i := 0; i < k; i++ {
		if m[i][i] != 1 {
			ps.errorf(at[i][i], "", "%s.matrix: the diagonal must be 1 (a factor's rank correlation with itself), got %s at row %d (%s)", where, num(m[i][i]), i+1, names[i])
			ok = false
		}
		for j := i + 1; j < k; j++ {
			if m[i][j] != m[j][i] {
				ps.errorf(at[j][i], "", "%s.matrix is not symmetric: row %d, column %d (%s, %s) is %s but row %d, column %d is %s (line %d, column %d)",
					where, j+1, i+1, names[j], names[i], num(m[j][i]), i+1, j+1, num(m[i][j]), at[i][j].Line, at[i][j].Column)
				ok = false
			}
		}
	}
	if !ok {
		return
	}
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			if !cr.checkRank(at[i][j], fmt.Sprintf("%s.matrix row %d, column %d", where, i+1, j+1), names[i], names[j], m[i][j]) {
				ok = false
			}
		}
	}
	if !ok {
		return
	}
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			cr.add(names[i], names[j], m[i][j], ps.pos(at[i][j]), entry, at[i][j])
		}
	}
}
