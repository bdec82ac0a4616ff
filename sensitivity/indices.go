package sensitivity

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Index holds the first-order and total indices of one set for one series
// (or for an aggregate of series, see [SobolSums.Aggregate]).
type Index struct {
	// Series is the series index, or -1 for an aggregate.
	Series int
	// Set is the index of the factor set.
	Set int
	// S1 is the first-order index and [S1Lo, S1Hi] its confidence interval.
	S1, S1Lo, S1Hi float64
	// ST is the total index and [STLo, STHi] its confidence interval.
	ST, STLo, STHi float64
	// N is the number of base rows used.
	N int
	// ZeroVariance reports an output whose variance is zero (up to rounding):
	// the indices are undefined and reported as 0 with intervals [0, 0].
	ZeroVariance bool
}

// Index2 holds the second-order index of the sets SetI < SetJ for one series.
type Index2 struct {
	Series, SetI, SetJ int
	// S2 is the second-order index and [S2Lo, S2Hi] its confidence interval.
	S2, S2Lo, S2Hi float64
	N              int
	// ZeroVariance: see Index.
	ZeroVariance bool
}

// Indices returns the first-order and total indices of every set for every
// series, ordered by series then set.
//
// The point estimate uses the sums of all batches pooled. The confidence
// interval is estimate ± max(z·se_Δ, t_{R−1}·s_R/√R):
//
//   - se_Δ is the delta-method standard error of the ratio estimator from
//     the second moments of its per-row terms (see moments.deltaVar): the
//     asymptotic interval for independent rows (Janon et al. 2014, ESAIM:
//     P&S 18:342; Owen 2013, Monte Carlo theory, methods and examples);
//   - s_R is the standard deviation of the R estimates computed from each
//     batch's sums alone (batches without rows take no part, R counting the
//     others).
//
// With DeltaOnly (Monte Carlo or Latin hypercube rows) the half-width is
// z·se_Δ alone. For one scrambled Sobol' sequence cut into consecutive
// batches neither is the error of the whole sequence, which no interval can
// measure from inside it: consecutive blocks share a common error, so batch
// means alone are too narrow for smooth functions, while the Monte Carlo
// variance bounds that of a scrambled net for the integrands met in practice
// (Owen 1997, SIAM J. Numer. Anal. 34:1884). The maximum is conservative
// (coverage 97.7–100 %, half-width 9–3000× the median error, measured in
// docs/methods.md). The interval is centred on the pooled estimate.
// Second-order intervals take for se_Δ the sum of the delta-method
// standard errors of the closed index and of the two first-order indices
// it subtracts (an upper bound whatever their correlation).
// Neither estimates nor bounds are clipped to [0, 1]: a negative S1 near 0
// says that N is too small to resolve it.
//
// When an interval cannot be computed (fewer than two batches with rows, or
// a batch with zero variance) it is reported as (−Inf, +Inf), never NaN.
// A series whose variance is zero gives indices 0 with ZeroVariance set.
// Non-finite sums (the model produced NaN or ±Inf) are an error.
func (a *SobolSums) Indices(e Estimators) ([]Index, error) {
	e, err := e.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := a.ready(); err != nil {
		return nil, err
	}
	if err := a.keeps(e); err != nil {
		return nil, err
	}
	ci, err := newCI(a, e.CI)
	if err != nil {
		return nil, err
	}
	out := make([]Index, 0, a.cfg.Series*a.cfg.Sets)
	for c := 0; c < a.cfg.Series; c++ {
		idx, err := a.indexWith(ci, []int{c}, e)
		if err != nil {
			return nil, err
		}
		out = append(out, idx...)
	}
	return out, nil
}

// Aggregate returns, for every set, the aggregated indices of the listed
// series (Gamboa, Janon, Klein, Lagnoux 2014, Electron. J. Statist.
// 8:575–603): S_u^agg = Σ_t V_u(t) / Σ_t V(t), the share of the summed
// variance of the series explained by set u; the same for totals. For the
// correlation and Janon estimators the numerators and denominators of the
// per-series ratios are summed in the same way. Series is -1 in the result.
// Intervals are computed as in Indices, from per-replicate aggregates.
func (a *SobolSums) Aggregate(series []int, e Estimators) ([]Index, error) {
	e, err := e.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := a.ready(); err != nil {
		return nil, err
	}
	if err := a.keeps(e); err != nil {
		return nil, err
	}
	if len(series) == 0 {
		return nil, errors.New("sensitivity: Aggregate: no series listed")
	}
	seen := make(map[int]bool, len(series))
	for _, c := range series {
		if c < 0 || c >= a.cfg.Series {
			return nil, fmt.Errorf("sensitivity: Aggregate: series %d out of range [0, %d)", c, a.cfg.Series)
		}
		if seen[c] {
			return nil, fmt.Errorf("sensitivity: Aggregate: series %d listed twice", c)
		}
		seen[c] = true
	}
	out, err := a.index(series, e)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Series = -1
	}
	return out, nil
}

// SecondOrderIndices returns S_uv = V_uv^c/V − S_u − S_v for every pair of
// sets u < v and every series (Saltelli 2002, Comput. Phys. Commun.
// 145:280–297), with S_u from the chosen first-order estimator and V_uv^c
// as documented on the closed sums. Intervals as in Indices.
func (a *SobolSums) SecondOrderIndices(e Estimators) ([]Index2, error) {
	e, err := e.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := a.ready(); err != nil {
		return nil, err
	}
	if err := a.keeps(e); err != nil {
		return nil, err
	}
	if !a.cfg.SecondOrder {
		return nil, errors.New("sensitivity: SecondOrderIndices: the sums were accumulated without SecondOrder")
	}
	ci, err := newCI(a, e.CI)
	if err != nil {
		return nil, err
	}
	S := a.cfg.Sets
	var out []Index2
	for c := 0; c < a.cfg.Series; c++ {
		for u := 0; u < S; u++ {
			for v := u + 1; v < S; v++ {
				p := pairIndex(u, v, S)
				s2 := func(ms []moments) (float64, bool) {
					m := ms[0]
					cl, fu, fv := m.closed(p), m.first(e.First, u), m.first(e.First, v)
					if !(cl.den > 0 && fu.den > 0 && fv.den > 0) {
						return 0, false
					}
					return cl.num/cl.den - (fu.num/fu.den + fv.num/fv.den), true
				}
				// S_uv = closed − S_u − S_v: the standard errors of the
				// three add up to a bound on its own (triangle inequality).
				se := func(ms []moments, _ float64) float64 {
					m := ms[0]
					cl, fu, fv := m.closed(p), m.first(e.First, u), m.first(e.First, v)
					su, sv := fu.num/fu.den, fv.num/fv.den
					return deltaSE(ms, func(m moments) float64 { return m.closedDeltaVar(p, cl.num/cl.den) }) +
						deltaSE(ms, func(m moments) float64 { return m.firstDeltaVar(e.First, u, su) }) +
						deltaSE(ms, func(m moments) float64 { return m.firstDeltaVar(e.First, v, sv) })
				}
				est, lo, hi, zero, err := ci.estimate([]int{c}, s2, se)
				if err != nil {
					return nil, fmt.Errorf("sensitivity: second-order index of series %d, sets %d and %d: %w", c, u, v, err)
				}
				out = append(out, Index2{Series: c, SetI: u, SetJ: v, S2: est, S2Lo: lo, S2Hi: hi, N: a.N(), ZeroVariance: zero})
			}
		}
	}
	return out, nil
}

// pairIndex numbers the pairs u < v of S sets in the order (0,1), (0,2), …,
// (1,2), …, the order of the second-order sums.
func pairIndex(u, v, S int) int { return u*S - u*(u+1)/2 + v - u - 1 }

func (a *SobolSums) ready() error {
	if a.err != nil {
		return a.err
	}
	if a.rows == nil {
		return errors.New("sensitivity: SobolSums was not made by NewSobolSums or UnmarshalBinary")
	}
	if a.N() < 2 {
		return fmt.Errorf("sensitivity: %d base rows accumulated, need at least 2", a.N())
	}
	return nil
}

// index computes the indices of every set aggregated over series (a single
// series gives the plain indices).
func (a *SobolSums) index(series []int, e Estimators) ([]Index, error) {
	ci, err := newCI(a, e.CI)
	if err != nil {
		return nil, err
	}
	return a.indexWith(ci, series, e)
}

// indexWith is index with the pooled and per-replicate moments computed once
// (newCI is O(series); calling it per series made Indices quadratic).
func (a *SobolSums) indexWith(ci *ci, series []int, e Estimators) ([]Index, error) {
	var err error
	out := make([]Index, a.cfg.Sets)
	for u := range out {
		first := func(ms []moments) (float64, bool) {
			var r ratio
			for _, m := range ms {
				q := m.first(e.First, u)
				r.num += q.num
				r.den += q.den
			}
			return r.num / r.den, r.den > 0
		}
		total := func(ms []moments) (float64, bool) {
			var r ratio
			for _, m := range ms {
				q := m.total(e.Total, u)
				r.num += q.num
				r.den += q.den
			}
			return r.num / r.den, r.den > 0
		}
		firstSE := func(ms []moments, S float64) float64 {
			return deltaSE(ms, func(m moments) float64 { return m.firstDeltaVar(e.First, u, S) })
		}
		totalSE := func(ms []moments, S float64) float64 {
			return deltaSE(ms, func(m moments) float64 { return m.totalDeltaVar(e.Total, u, S) })
		}
		idx := Index{Series: series[0], Set: u, N: a.N()}
		idx.S1, idx.S1Lo, idx.S1Hi, idx.ZeroVariance, err = ci.estimate(series, first, firstSE)
		if err != nil {
			return nil, fmt.Errorf("sensitivity: first-order index (%s) of set %d, %s: %w", e.First, u, seriesName(series), err)
		}
		idx.ST, idx.STLo, idx.STHi, _, err = ci.estimate(series, total, totalSE)
		if err != nil {
			return nil, fmt.Errorf("sensitivity: total index (%s) of set %d, %s: %w", e.Total, u, seriesName(series), err)
		}
		out[u] = idx
	}
	return out, nil
}

func seriesName(series []int) string {
	if len(series) == 1 {
		return fmt.Sprintf("series %d", series[0])
	}
	return fmt.Sprintf("aggregate of %d series", len(series))
}

// NonFiniteError reports sums of a series that are NaN or ±Inf: the model
// produced NaN or ±Inf, or values whose squares overflow.
type NonFiniteError struct{ Series int }

func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("sensitivity: the sums of series %d are not finite (the model produced NaN or ±Inf, or values whose squares overflow)", e.Series)
}

// ci computes estimates and replicate intervals from the sums of a.
type ci struct {
	a      *SobolSums
	pooled []moments   // [series]
	reps   [][]moments // [replicate][series]
	tq     float64     // Student quantile; 0 when no interval is possible
	z      float64     // normal quantile of the delta-method intervals
}

func newCI(a *SobolSums, level float64) (*ci, error) {
	C, R := a.cfg.Series, a.cfg.Replicates
	c := &ci{a: a, pooled: make([]moments, C), reps: make([][]moments, R), z: distuv.UnitNormal.Quantile((1 + level) / 2)}
	for s := 0; s < C; s++ {
		acc := make([]float64, a.stride)
		for r := 0; r < R; r++ {
			for i, v := range a.sums[(r*C+s)*a.stride:][:a.stride] {
				acc[i] += v
			}
		}
		for _, v := range acc {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &NonFiniteError{Series: s}
			}
		}
		c.pooled[s] = moments{n: float64(a.N()), sets: a.cfg.Sets, groups: a.groups, acc: acc}
	}
	// Batches without rows (a prefix of a run with consecutive batches)
	// take no part in the interval.
	c.reps = c.reps[:0]
	for r := 0; r < R; r++ {
		if a.rows[r] == 0 {
			continue
		}
		ms := make([]moments, C)
		for s := 0; s < C; s++ {
			ms[s] = moments{n: float64(a.rows[r]), sets: a.cfg.Sets, groups: a.groups, acc: a.sums[(r*C+s)*a.stride:][:a.stride]}
		}
		c.reps = append(c.reps, ms)
	}
	if n := len(c.reps); n >= 2 {
		c.tq = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile((1 + level) / 2)
	}
	return c, nil
}

func pick(ms []moments, series []int) []moments {
	out := make([]moments, len(series))
	for i, s := range series {
		out[i] = ms[s]
	}
	return out
}

// degenerate reports zero variance of the summed series, as moments.degenerate.
func degenerate(ms []moments) bool {
	var v, ms2 float64
	for _, m := range ms {
		if m.n < 2 {
			return true
		}
		v += m.variance()
		ms2 += m.meanSquare()
	}
	return !(v > 1e-10*ms2)
}

// estimate returns the pooled estimate of value over the series and its
// interval; zero reports a zero-variance output. se, when not nil, gives the
// delta-method standard error of the estimate S from the pooled moments.
// The half-width is z·se alone with DeltaOnly, else the larger of z·se and
// the batch-means half-width (no interval without the latter: too few
// batches with rows).
func (c *ci) estimate(series []int, value func([]moments) (float64, bool), se func([]moments, float64) float64) (est, lo, hi float64, zero bool, err error) {
	ms := pick(c.pooled, series)
	if degenerate(ms) {
		return 0, 0, 0, true, nil
	}
	est, ok := value(ms)
	if !ok || math.IsNaN(est) || math.IsInf(est, 0) {
		return 0, 0, 0, false, errors.New("the estimator's denominator is zero (an output sample with no spread)")
	}
	lo, hi = math.Inf(-1), math.Inf(1)
	delta := math.Inf(1)
	if se != nil {
		if d := c.z * se(ms, est); !math.IsNaN(d) {
			delta = d
		}
	}
	if c.a.cfg.DeltaOnly && se != nil {
		return est, est - delta, est + delta, false, nil
	}
	hw := c.batchHalfWidth(series, value)
	if se != nil {
		hw = math.Max(hw, delta)
	}
	return est, est - hw, est + hw, false, nil
}

// batchHalfWidth is t_{R−1} · s_R/√R over the batches with rows, or +Inf
// when it cannot be computed.
func (c *ci) batchHalfWidth(series []int, value func([]moments) (float64, bool)) float64 {
	if c.tq == 0 {
		return math.Inf(1)
	}
	R := len(c.reps)
	var sum, sum2 float64
	vals := make([]float64, R)
	for r := range c.reps {
		mr := pick(c.reps[r], series)
		if degenerate(mr) {
			return math.Inf(1)
		}
		v, ok := value(mr)
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			return math.Inf(1)
		}
		vals[r] = v
		sum += v
	}
	mean := sum / float64(R)
	for _, v := range vals {
		sum2 += (v - mean) * (v - mean)
	}
	return c.tq * math.Sqrt(sum2/float64(R-1)/float64(R))
}
