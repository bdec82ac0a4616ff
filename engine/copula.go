package engine

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"mc/inputs"
)

// Dependent inputs: the scenario's rank correlations are imposed by a
// Gaussian copula on the design's uniforms. For the correlated factors of a
// row, z_i = Φ⁻¹(u_i), z' = L z with L the Cholesky factor of the normal
// correlation matrix R, and u'_i = Φ(z'_i): each u'_i is still uniform (so
// every marginal distribution is unchanged) and the ranks of the factors
// have the Spearman correlations asked for, since for a Gaussian copula
// ρ_S = (6/π) arcsin(R/2), i.e. R = 2 sin(π ρ_S / 6) (Kruskal 1958). The
// transform is row by row, so results do not depend on the workers or the
// batch. (With design lhs the correlated factors lose their strata; their
// margins stay exact in distribution.)
type copula struct {
	cols []int       // positions in p.Sampled of the correlated factors
	l    [][]float64 // lower Cholesky factor of R over cols
}

// buildCopula checks the scenario's correlations against the plan's factors
// and, for methods sobol and morris, against the sets of the indices.
func (p *Plan) buildCopula() error {
	cs := p.Scenario.Correlations
	if len(cs) == 0 {
		return nil
	}
	pos := map[string]int{} // factor name → position in p.Sampled
	fixed := map[string]bool{}
	for j, fi := range p.Sampled {
		pos[p.Factors[fi].Name] = j
	}
	group := map[string]string{}
	for _, f := range p.Factors {
		group[f.Name] = f.Group
		if f.Fixed {
			fixed[f.Name] = true
		}
	}
	var errs []string
	var c copula
	at := map[int]int{}
	var kept []inputs.Correlation
	for _, k := range cs {
		for _, name := range []string{k.A, k.B} {
			if _, ok := group[name]; !ok {
				return &inputs.Error{Pos: k.Pos, Msg: fmt.Sprintf("correlations: %s is not a factor of the scenario", name)}
			}
		}
		// A fixed factor (fixed: median, to study the levers) takes one
		// value: its correlations have nothing to act on.
		if fixed[k.A] || fixed[k.B] {
			p.Notes = append(p.Notes, fmt.Sprintf("the correlation of %s and %s is ignored: %s is fixed", k.A, k.B, map[bool]string{true: k.A, false: k.B}[fixed[k.A]]))
			continue
		}
		kept = append(kept, k)
		for _, name := range []string{k.A, k.B} {
			if _, ok := at[pos[name]]; !ok {
				at[pos[name]] = -1
			}
		}
	}
	cs = kept
	if len(cs) == 0 {
		return nil
	}
	for j := range at {
		c.cols = append(c.cols, j)
	}
	sort.Ints(c.cols)
	for i, j := range c.cols {
		at[j] = i
	}
	m := len(c.cols)
	r := make([][]float64, m)
	for i := range r {
		r[i] = make([]float64, m)
		r[i][i] = 1
	}
	for _, k := range cs {
		a, b := at[pos[k.A]], at[pos[k.B]]
		r[a][b] = 2 * math.Sin(math.Pi*k.Rank/6)
		r[b][a] = r[a][b]
	}
	l, ok := cholesky(r)
	if !ok {
		names := make([]string, m)
		for i, j := range c.cols {
			names[i] = p.Factors[p.Sampled[j]].Name
		}
		return &inputs.Error{Pos: cs[0].Pos, Msg: fmt.Sprintf("correlations: the correlation matrix of %s is not positive definite: these correlations cannot hold together (e.g. a strongly correlated with b and with c, but b and c strongly anti-correlated); weaken some of them", strings.Join(names, ", "))}
	}
	c.l = l
	if p.Method == "sobol" || p.Method == "morris" {
		for _, k := range cs {
			ga, gb := group[k.A], group[k.B]
			switch {
			case ga == "" || gb == "" || ga != gb:
				errs = append(errs, fmt.Sprintf("%s (group %q) and %s (group %q) are correlated", k.A, ga, k.B, gb))
			case p.By != "group":
				errs = append(errs, fmt.Sprintf("%s and %s are correlated, and indices by %s would include single factors", k.A, k.B, p.By))
			}
		}
		if len(errs) > 0 {
			return &inputs.Error{Pos: cs[0].Pos, Msg: fmt.Sprintf("method %s: %s. Sensitivity indices are defined only between independent sets of factors: put correlated factors in the same group (group: …) and compute indices by group (sobol: {by: group} or --by group); or use method mc for bands with correlated inputs", p.Method, strings.Join(errs, "; "))}
		}
	}
	p.copula = &c
	return nil
}

// cholesky returns the lower factor of the symmetric matrix a, or false if
// a is not (numerically) positive definite.
func cholesky(a [][]float64) ([][]float64, bool) {
	n := len(a)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
	}
	for i := range n {
		for j := 0; j <= i; j++ {
			s := a[i][j]
			for k := range j {
				s -= l[i][k] * l[j][k]
			}
			if i == j {
				if !(s > 1e-12) {
					return nil, false
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	return l, true
}

// smallest and largest uniforms a transformed coordinate may take, so that
// every quantile function stays finite.
const (
	uMin = 0x1p-53
	uMax = 1 - 0x1p-53
)

// apply transforms rows [0, n) of the uniforms u (one column per sampled
// factor, in p.Sampled order) in place.
func (c *copula) apply(u [][]float64, n int) {
	m := len(c.cols)
	z := make([]float64, m)
	for s := range n {
		for i, j := range c.cols {
			z[i] = -math.Sqrt2 * math.Erfcinv(2*u[j][s]) // Φ⁻¹(u)
		}
		for i := m - 1; i >= 0; i-- { // z ← L z, from the last row (L is lower)
			v := 0.0
			for k := 0; k <= i; k++ {
				v += c.l[i][k] * z[k]
			}
			z[i] = v
		}
		for i, j := range c.cols {
			u[j][s] = min(max(0.5*math.Erfc(-z[i]/math.Sqrt2), uMin), uMax) // Φ(z')
		}
	}
}

// correlation is a correlation as the design hash sees it.
type correlation struct {
	A, B string
	Rank float64
}

func correlations(cs []inputs.Correlation) []correlation {
	var out []correlation
	for _, c := range cs {
		out = append(out, correlation{c.A, c.B, c.Rank})
	}
	return out
}

// correlatedUniforms returns, for a comparison, the uniforms of plan p's
// factors (by model factor; nil for fixed ones) with p's correlations
// imposed, or nil if p has none. cols maps p's factors to the comparison's
// design coordinates in.
func correlatedUniforms(p *Plan, cols []int, in [][]float64, n int) [][]float64 {
	if p.copula == nil {
		return nil
	}
	u := make([][]float64, len(p.Sampled))
	for j, fi := range p.Sampled {
		u[j] = append([]float64(nil), in[cols[fi]][:n]...)
	}
	p.copula.apply(u, n)
	byFactor := make([][]float64, len(p.Factors))
	for j, fi := range p.Sampled {
		byFactor[fi] = u[j]
	}
	return byFactor
}
