package inputs

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// CorrelatedSets returns the sets of factors linked by non-zero declared
// correlations, ordered by their first factor in the file's order.
func (s *Scenario) CorrelatedSets() []CorrelatedSet {
	order := map[string]int{}
	for i, f := range s.Factors {
		order[f.Name] = i
	}
	// Union–find over the factors of non-zero pairs.
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == x {
			return x
		}
		r := find(parent[x])
		parent[x] = r
		return r
	}
	for _, c := range s.Correlations {
		if c.Rank == 0 {
			continue
		}
		for _, n := range []string{c.A, c.B} {
			if _, ok := parent[n]; !ok {
				parent[n] = n
			}
		}
		if ra, rb := find(c.A), find(c.B); ra != rb {
			parent[ra] = rb
		}
	}
	members := map[string][]string{}
	for n := range parent {
		r := find(n)
		members[r] = append(members[r], n)
	}
	var sets []CorrelatedSet
	for _, ms := range members {
		sort.Slice(ms, func(i, j int) bool { return order[ms[i]] < order[ms[j]] })
		k := len(ms)
		idx := map[string]int{}
		for i, n := range ms {
			idx[n] = i
		}
		set := CorrelatedSet{Factors: ms, Rank: make([][]float64, k), Normal: make([][]float64, k)}
		for i := range k {
			set.Rank[i], set.Normal[i] = make([]float64, k), make([]float64, k)
			set.Rank[i][i], set.Normal[i][i] = 1, 1
		}
		var entries []Pos
		for _, c := range s.Correlations {
			i, okA := idx[c.A]
			j, okB := idx[c.B]
			if !okA || !okB {
				continue
			}
			set.Rank[i][j], set.Rank[j][i] = c.Rank, c.Rank
			r := NormalCorrelation(c.Rank)
			set.Normal[i][j], set.Normal[j][i] = r, r
			if len(entries) == 0 || entries[len(entries)-1] != c.Entry {
				entries = append(entries, c.Entry)
			}
		}
		set.Entries = entries
		sets = append(sets, set)
	}
	sort.Slice(sets, func(a, b int) bool { return order[sets[a].Factors[0]] < order[sets[b].Factors[0]] })
	return sets
}

// checkPositiveDefinite refuses a set whose copula matrix has no Cholesky
// factor: no joint distribution has those correlations (or, rarely, no
// Gaussian copula does). The message names the factors, where they are
// declared, the smallest eigenvalue, and a pair of correlations that
// already bounds a third when there is one.
func (cr *corrReader) checkPositiveDefinite(set CorrelatedSet) {
	k := len(set.Factors)
	if positiveDefinite(set.Normal) {
		return
	}
	lines := make([]string, len(set.Entries))
	for i, e := range set.Entries {
		lines[i] = strconv.Itoa(e.Line)
	}
	where := "line " + lines[0]
	if len(lines) > 1 {
		where = "lines " + strings.Join(lines, ", ")
	}
	what := "is not positive definite"
	if minEigen(set.Rank) > 0 {
		// Valid as a rank matrix, but beyond what a Gaussian copula reaches.
		what = fmt.Sprintf("is positive definite but the Gaussian copula's matrix 2 sin(πρ/6) is not (smallest eigenvalue %.3g)", minEigen(set.Normal))
	} else {
		what += fmt.Sprintf(" (smallest eigenvalue %.3g)", minEigen(set.Rank))
	}
	msg := fmt.Sprintf("correlations: the rank correlation matrix of %s (declared at %s) %s: no joint distribution of the factors has these correlations",
		strings.Join(set.Factors, ", "), where, what)
	if hint := triangleHint(set); hint != "" {
		msg += "; " + hint
	} else {
		msg += fmt.Sprintf("; no three of them conflict on their own, the %d together do: make the strongest correlations weaker, or check their signs", k)
	}
	msg += " (mc does not repair the matrix: the nearest valid one would change correlations you chose)"
	cr.ps.errs = append(cr.ps.errs, &Error{Pos: set.Entries[0], Msg: msg})
}

// maxHintFactors bounds the k³ search of triangleHint.
const maxHintFactors = 200

// triangleHint finds a pair (a, b), (b, c) whose correlations bound that of
// (a, c) beyond the one declared: for a Gaussian copula, r_ac lies within
// r_ab r_bc ± √((1 − r_ab²)(1 − r_bc²)).
func triangleHint(set CorrelatedSet) string {
	k := len(set.Factors)
	if k > maxHintFactors {
		return ""
	}
	r := set.Normal
	for a := 0; a < k; a++ {
		for c := a + 1; c < k; c++ {
			for b := 0; b < k; b++ {
				if b == a || b == c {
					continue
				}
				mid := r[a][b] * r[b][c]
				half := math.Sqrt((1 - r[a][b]*r[a][b]) * (1 - r[b][c]*r[b][c]))
				lo, hi := mid-half, mid+half
				if r[a][c] >= lo && r[a][c] <= hi {
					continue
				}
				f := set.Factors
				return fmt.Sprintf("ρ(%s, %s) = %s and ρ(%s, %s) = %s require ρ(%s, %s) between %.3g and %.3g, got %s",
					f[a], f[b], num(set.Rank[a][b]), f[b], f[c], num(set.Rank[b][c]), f[a], f[c],
					RankOfNormal(lo), RankOfNormal(hi), num(set.Rank[a][c]))
			}
		}
	}
	return ""
}

// positiveDefinite reports whether the Cholesky factorisation of the
// symmetric matrix m succeeds.
func positiveDefinite(m [][]float64) bool {
	var ch mat.Cholesky
	return ch.Factorize(symDense(m))
}

// minEigen returns the smallest eigenvalue of the symmetric matrix m.
func minEigen(m [][]float64) float64 {
	var eig mat.EigenSym
	if !eig.Factorize(symDense(m), false) {
		return math.NaN()
	}
	return eig.Values(nil)[0] // ascending
}

func symDense(m [][]float64) *mat.SymDense {
	k := len(m)
	s := mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			s.SetSym(i, j, m[i][j])
		}
	}
	return s
}
