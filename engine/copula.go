package engine

import (
	"fmt"
	"strings"

	"mc/inputs"
	"mc/sampler"
)

// Dependent inputs: the scenario's rank correlations are imposed on the
// design's uniforms by a Gaussian copula (sampler.GaussianCopula), one per
// set of correlated factors, just before the factors' quantile functions.
// Every marginal distribution is unchanged and the transform is row by row,
// so results stay independent of workers, batches and shards.
//
// Sobol' and Morris indices are defined for independent inputs (or
// independent groups of inputs): with correlated factors the variance of
// the output has no unique split between them (Saltelli et al. 2008;
// Jacques et al. 2006 for groups). So correlated factors must share a group
// and the run must be by group. Each group is then swapped (Sobol') or
// moved (Morris) as a whole. The copula is applied to the coordinates of
// rows A and B (and of every Morris point), and row A_B^(u) takes the
// values of group u's factors from B: since the copula mixes only the
// coordinates of one correlated set and a set lies inside one group, this
// is the same as applying it to A_B^(u)'s coordinates after the swap, so
// the correlated factors of every evaluated row are one draw of their joint
// distribution, independent of the other groups.

// copulaSet is one set of correlated factors of a plan.
type copulaSet struct {
	factors []int // indices into Plan.Factors
	copula  *sampler.GaussianCopula
	set     inputs.CorrelatedSet
}

// buildCopulas makes the copulas of the scenario's correlated sets over the
// plan's sampled coordinates and checks that the method's sets respect them.
func (p *Plan) buildCopulas() error {
	sc := p.Scenario
	sets := sc.CorrelatedSets()
	if len(sets) == 0 {
		return nil
	}
	factorIdx := map[string]int{}
	for i, f := range p.Factors {
		factorIdx[f.Name] = i
	}
	coord := map[int]int{} // Plan.Factors index → design coordinate
	for j, fi := range p.Sampled {
		coord[fi] = j
	}
	for _, set := range sets {
		cs := copulaSet{set: set}
		var cols []int
		for _, name := range set.Factors {
			fi, ok := factorIdx[name]
			j, sampled := coord[fi]
			if !ok || !sampled {
				// The parser refuses unknown and fixed factors; a factor the
				// model does not read is refused by matchFactors.
				return &inputs.Error{Pos: set.Entries[0], Factor: name, Msg: "correlated but not sampled by this plan"}
			}
			cs.factors = append(cs.factors, fi)
			cols = append(cols, j)
		}
		c, err := sampler.NewGaussianCopula(cols, set.Normal)
		if err != nil {
			return &inputs.Error{Pos: set.Entries[0], Msg: fmt.Sprintf("correlations of %s: %v", strings.Join(set.Factors, ", "), err)}
		}
		cs.copula = c
		p.copulas = append(p.copulas, cs)
	}
	return p.checkCorrelatedGroups()
}

// checkCorrelatedGroups refuses Sobol' and Morris runs whose index sets
// split a set of correlated factors.
func (p *Plan) checkCorrelatedGroups() error {
	if p.Method != "sobol" && p.Method != "morris" {
		return nil
	}
	how := "sobol: {by: group} in the file or --by group"
	for _, cs := range p.copulas {
		names := cs.set.Factors
		var groups []string
		distinct := map[string]bool{}
		for _, fi := range cs.factors {
			g := p.Factors[fi].Group
			label := "group " + g
			if g == "" {
				label = "no group"
			}
			distinct[label] = true
			groups = append(groups, fmt.Sprintf("%s: %s", p.Factors[fi].Name, label))
		}
		pos := cs.set.Entries[0]
		why := fmt.Sprintf("%s indices are defined only between independent sets of factors, and %s are correlated",
			methodTitle(p.Method), strings.Join(names, ", "))
		sameGroup := len(distinct) == 1 && p.Factors[cs.factors[0]].Group != ""
		if !sameGroup {
			return &inputs.Error{Pos: pos, Msg: fmt.Sprintf("%s: give them one group (e.g. group: %s on each) and run by group (%s); now they are in %s",
				why, suggestGroup(p, cs.factors), how, strings.Join(groups, ", "))}
		}
		if by := p.effectiveBy(); by != "group" {
			return &inputs.Error{Pos: pos, Msg: fmt.Sprintf("%s: they share group %s, so run by group (%s), not by %s, which would give each of them an index of its own",
				why, p.Factors[cs.factors[0]].Group, how, p.By)}
		}
	}
	return nil
}

// effectiveBy is how the plan's sets are made: Morris runs by both are
// by factor (see buildSets).
func (p *Plan) effectiveBy() string {
	if p.Method == "morris" && p.By == "both" {
		return "factor"
	}
	return p.By
}

func methodTitle(m string) string {
	if m == "sobol" {
		return "Sobol'"
	}
	return "Morris"
}

// suggestGroup proposes a group name: the one group some of the factors
// already have, else their names joined.
func suggestGroup(p *Plan, factors []int) string {
	var groups, names []string
	for _, fi := range factors {
		f := p.Factors[fi]
		names = append(names, f.Name)
		if f.Group != "" && (len(groups) == 0 || groups[0] != f.Group) {
			groups = append(groups, f.Group)
		}
	}
	if len(groups) == 1 {
		return groups[0]
	}
	return strings.Join(names, "-")
}

// applyCopulas imposes the correlations on the first n rows of the design
// coordinates u of the plan's sampled factors (u[j] is factor
// p.Sampled[j]), in place.
func (p *Plan) applyCopulas(u [][]float64, n int) {
	if len(p.copulas) == 0 {
		return
	}
	u = sub(u, n)
	for _, cs := range p.copulas {
		cs.copula.Transform(u)
	}
}

// correlationsHash describes the correlations for the design hash: empty
// (and left out of the hash) without correlations, so that the hashes of
// other scenarios do not change.
func (p *Plan) correlationsHash() []hashedCorrelation {
	var out []hashedCorrelation
	for _, c := range p.Scenario.Correlations {
		out = append(out, hashedCorrelation{c.A, c.B, c.Rank})
	}
	return out
}

type hashedCorrelation struct {
	A, B string
	Rank float64
}

// CorrelationLines describes the plan's correlated sets for people, one line
// per set: its factors and their declared rank correlations.
func (p *Plan) CorrelationLines() []string {
	var lines []string
	for _, cs := range p.copulas {
		s := cs.set
		var pairs []string
		for i := range s.Factors {
			for j := i + 1; j < len(s.Factors); j++ {
				if r := s.Rank[i][j]; r != 0 {
					pairs = append(pairs, fmt.Sprintf("ρ_S(%s, %s) = %g", s.Factors[i], s.Factors[j], r))
				}
			}
		}
		lines = append(lines, fmt.Sprintf("rank correlations (Gaussian copula, marginals unchanged): %s", strings.Join(pairs, ", ")))
	}
	return lines
}
