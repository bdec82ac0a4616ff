package bands

import (
	"fmt"
	"math"
	"strings"
)

// Probs are the probabilities of the quantiles of a Band, in the order of
// its fields Q025 … Q975.
var Probs = []float64{0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975}

// probs is a private copy of Probs, so that changing Probs cannot change
// results.
var probs = [...]float64{0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975}

// Band is the distribution of one output series over the samples: N finite
// values (NonFinite NaN or ±Inf values were left out), their mean, unbiased
// standard deviation, extremes and type-7 quantiles (see Exact and Sketch).
// Flag is empty when every field is within its documented accuracy, and
// otherwise says which are not and why (see Accumulator.Bands).
type Band struct {
	N, NonFinite                        int64
	Mean, SD, Min, Max                  float64
	Q025, Q05, Q25, Q50, Q75, Q95, Q975 float64
	Flag                                string
}

// Quantiles returns the quantiles in the order of Probs.
func (b Band) Quantiles() []float64 {
	return []float64{b.Q025, b.Q05, b.Q25, b.Q50, b.Q75, b.Q95, b.Q975}
}

// DefaultExactBudget is the memory up to which the engine may keep exact
// quantiles (see ExactBytes).
const DefaultExactBudget = 64 << 20

// ExactBytes is the peak memory, in bytes, of exact quantiles for rows
// samples of nSeries series: 8 bytes per value, twice, because the last merge
// holds the two halves and the merged array at once. The engine keeps exact
// quantiles while this is within its budget (DefaultExactBudget: 4 Mi
// values, e.g. 2^20 rows of 4 series) and uses sketches beyond. Sketch mode
// needs at most 2·8·DefaultMaxBuckets bytes per series and block state,
// whatever the rows: a series spanning 3 decades occupies 700 buckets at
// α = 0.005, 5.6 kB, allocated with up to as much again in slack. The result
// saturates at math.MaxInt64; negative arguments count as zero.
func ExactBytes(rows int64, nSeries int) int64 {
	if rows <= 0 || nSeries <= 0 {
		return 0
	}
	const perValue = 16
	if rows > math.MaxInt64/perValue/int64(nSeries) {
		return math.MaxInt64
	}
	return rows * int64(nSeries) * perValue
}

// Accumulator accumulates the bands of many series at once, with exact
// quantiles or with sketches of relative accuracy α. It is not safe for
// concurrent use: each worker fills its own block states. Reset lets a
// block state be reused without allocating.
//
// An accumulator holds moments, quantiles or both. The moments' sums depend
// on the order of additions and the quantiles do not, so the engine keeps
// moments only (NewMomentsAccumulator) in the block states merged along its
// fixed tree, and quantiles only (NewQuantiles) per worker, merged in any
// order; BandsOf joins the two.
type Accumulator struct {
	series      int
	exact       bool
	momentsOnly bool // moments, counts and extremes, no quantiles
	alpha       float64
	maxBuckets  int
	moments     []Moments // nil for quantiles only
	sketches    []Sketch  // sketch mode
	exacts      []Exact   // exact mode
}

// NewAccumulator returns an empty accumulator of nSeries series. centres[c]
// is the shift of series c's moments (see Moments), nil for zero; every
// state that is merged must share them. exact keeps all values for exact
// quantiles; otherwise quantiles come from sketches of relative accuracy
// alpha (0 selects DefaultAlpha) with DefaultMaxBuckets buckets per sign.
func NewAccumulator(nSeries int, centres []float64, exact bool, alpha float64) (*Accumulator, error) {
	a, err := NewQuantiles(nSeries, exact, alpha)
	if err != nil {
		return nil, err
	}
	if a.moments, err = newSeriesMoments(nSeries, centres); err != nil {
		return nil, err
	}
	return a, nil
}

// NewQuantiles returns an empty accumulator of the quantiles, counts and
// extremes of nSeries series, without moments (see BandsOf): exact, or by
// sketches of relative accuracy alpha (0 selects DefaultAlpha).
func NewQuantiles(nSeries int, exact bool, alpha float64) (*Accumulator, error) {
	if nSeries < 0 {
		return nil, fmt.Errorf("bands: %d series", nSeries)
	}
	if alpha == 0 {
		alpha = DefaultAlpha
	}
	a := &Accumulator{series: nSeries, exact: exact, alpha: alpha, maxBuckets: DefaultMaxBuckets}
	if exact {
		a.exacts = make([]Exact, nSeries)
		return a, nil
	}
	var proto Sketch // one mapping shared by every series
	if err := proto.init(alpha, a.maxBuckets); err != nil {
		return nil, err
	}
	a.sketches = make([]Sketch, nSeries)
	for c := range a.sketches {
		a.sketches[c] = proto.empty()
	}
	return a, nil
}

func newSeriesMoments(nSeries int, centres []float64) ([]Moments, error) {
	if nSeries < 0 {
		return nil, fmt.Errorf("bands: %d series", nSeries)
	}
	if centres != nil && len(centres) != nSeries {
		return nil, fmt.Errorf("bands: %d centres for %d series", len(centres), nSeries)
	}
	ms := make([]Moments, nSeries)
	for c := range ms {
		var centre float64
		if centres != nil {
			centre = centres[c]
		}
		m, err := NewMoments(centre)
		if err != nil {
			return nil, fmt.Errorf("series %d: %w", c, err)
		}
		ms[c] = m
	}
	return ms, nil
}

// NewMomentsAccumulator returns an accumulator of the moments, counts and
// extremes only, without quantiles. The moments' sums depend on the order in
// which states are merged and the quantiles do not, so a caller that fixes
// the merge order of the moments can keep one moments accumulator per block
// and the heavy quantile structures elsewhere (see BandsOf).
func NewMomentsAccumulator(nSeries int, centres []float64) (*Accumulator, error) {
	ms, err := newSeriesMoments(nSeries, centres)
	if err != nil {
		return nil, err
	}
	return &Accumulator{series: nSeries, momentsOnly: true, alpha: DefaultAlpha, maxBuckets: DefaultMaxBuckets, moments: ms}, nil
}

// NewEmpty returns an empty accumulator with the same series, centres and
// mode as a, for the next block.
func (a *Accumulator) NewEmpty() *Accumulator {
	n := a.series
	b := &Accumulator{series: n, exact: a.exact, momentsOnly: a.momentsOnly, alpha: a.alpha, maxBuckets: a.maxBuckets}
	if a.moments != nil {
		b.moments = make([]Moments, n)
		for c := range b.moments {
			b.moments[c] = a.moments[c]
			b.moments[c].Reset()
		}
	}
	switch {
	case a.momentsOnly:
	case a.exact:
		b.exacts = make([]Exact, n)
	default:
		b.sketches = make([]Sketch, n)
		for c := range b.sketches {
			b.sketches[c] = a.sketches[c].empty()
		}
	}
	return b
}

// Series is the number of series.
func (a *Accumulator) Series() int { return a.series }

// Exact reports whether the quantiles are exact.
func (a *Accumulator) Exact() bool { return a.exact }

// Alpha is the relative accuracy of the sketches (unused in exact mode).
func (a *Accumulator) Alpha() float64 { return a.alpha }

// Method names how quantiles are computed: "exact" or "sketch(α)", or
// "moments" for an accumulator without quantiles.
func (a *Accumulator) Method() string {
	if a.momentsOnly {
		return "moments"
	}
	if a.exact {
		return "exact"
	}
	return fmt.Sprintf("sketch(%g)", a.alpha)
}

// kind describes the mode for error messages.
func (a *Accumulator) kind() string {
	if a.moments == nil {
		return a.Method() + " (quantiles only)"
	}
	return a.Method()
}

// Centres returns the shifts of the series' moments (nil without moments).
func (a *Accumulator) Centres() []float64 {
	if a.moments == nil {
		return nil
	}
	c := make([]float64, len(a.moments))
	for i := range a.moments {
		c[i] = a.moments[i].centre
	}
	return c
}

// Add adds rows: cols[c][s] is the value of series c in row s, rows in
// sample order. All columns must have the same length.
func (a *Accumulator) Add(cols [][]float64) error {
	if len(cols) != a.series {
		return fmt.Errorf("bands: %d columns added to %d series", len(cols), a.series)
	}
	if len(cols) == 0 {
		return nil
	}
	rows := len(cols[0])
	for c, col := range cols {
		if len(col) != rows {
			return fmt.Errorf("bands: column %d has %d rows, column 0 has %d", c, len(col), rows)
		}
	}
	for c, col := range cols {
		if a.moments != nil {
			a.moments[c].AddSlice(col)
		}
		switch {
		case a.momentsOnly:
		case a.exact:
			a.exacts[c].AddSlice(col)
		default:
			a.sketches[c].AddSlice(col)
		}
	}
	return nil
}

// Merge adds the state of next, the blocks that follow a's. Both must have
// the same series, centres and mode.
func (a *Accumulator) Merge(next *Accumulator) error {
	if next == nil {
		return fmt.Errorf("bands: merging a nil accumulator")
	}
	if next.series != a.series || next.exact != a.exact || next.momentsOnly != a.momentsOnly ||
		(next.moments == nil) != (a.moments == nil) ||
		(!a.exact && !a.momentsOnly && (next.alpha != a.alpha || next.maxBuckets != a.maxBuckets)) {
		return fmt.Errorf("bands: merging %d series by %s into %d series by %s",
			next.series, next.kind(), a.series, a.kind())
	}
	for c := range a.series {
		if a.moments != nil {
			if err := a.moments[c].Merge(&next.moments[c]); err != nil {
				return fmt.Errorf("series %d: %w", c, err)
			}
		}
		var err error
		switch {
		case a.momentsOnly:
		case a.exact:
			err = a.exacts[c].Merge(&next.exacts[c])
		default:
			err = a.sketches[c].Merge(&next.sketches[c])
		}
		if err != nil {
			return fmt.Errorf("series %d: %w", c, err)
		}
	}
	return nil
}

// Reset empties a, keeping its memory and settings.
func (a *Accumulator) Reset() {
	for c := range a.series {
		if a.moments != nil {
			a.moments[c].Reset()
		}
		switch {
		case a.momentsOnly:
		case a.exact:
			a.exacts[c].Reset()
		default:
			a.sketches[c].Reset()
		}
	}
}

// DropSums clears the moments' sums, keeping counts, extremes and quantile
// structures, and sorts exact values: what remains depends only on the
// values added, not on the order of adding or merging, so that its binary
// form is the same however the work was split. Use it on the quantile side
// of BandsOf when it has moments (one made by NewQuantiles has none).
func (a *Accumulator) DropSums() {
	for c := range a.series {
		if a.moments != nil {
			m := &a.moments[c]
			m.s1, m.s2, m.scale = 0, 0, 0
		}
		if a.exact {
			a.exacts[c].sort()
		}
	}
}

// counts returns the count, non-finite count and extremes of series c from
// its moments, or else from its quantile structure.
func (a *Accumulator) counts(c int) (n, nonFinite int64, lo, hi float64) {
	switch {
	case a.moments != nil:
		m := &a.moments[c]
		return m.n, m.nonFinite, m.Min(), m.Max()
	case a.exact:
		e := &a.exacts[c]
		e.sort()
		n = int64(len(e.values))
		lo, hi = math.NaN(), math.NaN()
		if n > 0 {
			lo, hi = e.values[0], e.values[n-1]
		}
		return n, int64(e.nonFinite), lo, hi
	default:
		s := &a.sketches[c]
		n = int64(s.Count())
		lo, hi = math.NaN(), math.NaN()
		if n > 0 {
			lo, hi = s.minV, s.maxV
		}
		return n, int64(s.nonFinite), lo, hi
	}
}

// BandsOf returns the bands of series whose moments were accumulated in m
// (in a fixed merge order) and whose quantiles, counts and extremes were
// accumulated in q (in any order): Mean and SD come from m, the rest from q.
func BandsOf(m, q *Accumulator) ([]Band, error) {
	if m.series != q.series || m.moments == nil || q.momentsOnly {
		return nil, fmt.Errorf("bands: moments of %d series by %s, quantiles of %d by %s", m.series, m.kind(), q.series, q.kind())
	}
	out, err := q.Bands()
	if err != nil {
		return nil, err
	}
	for c := range out {
		mm := &m.moments[c]
		if mm.n != out[c].N || mm.nonFinite != out[c].NonFinite {
			return nil, fmt.Errorf("bands: series %d: %d and %d non-finite values in the moments, %d and %d in the quantiles",
				c, mm.n, mm.nonFinite, out[c].N, out[c].NonFinite)
		}
		out[c].Mean, out[c].SD = mm.Mean(), mm.SD()
		out[c].Flag = flag(mm.n, mm.nonFinite, out[c].SD, q.collapsed(c))
	}
	return out, nil
}

// collapsed reports whether series c's sketch folded buckets.
func (a *Accumulator) collapsed(c int) bool {
	return !a.exact && !a.momentsOnly && a.sketches[c].Collapsed()
}

// flag says which statistics of a band of n finite and nonFinite other
// values are not within their documented accuracy: "" when all are.
func flag(n, nonFinite int64, sd float64, collapsed bool) string {
	var f []string
	if nonFinite > 0 {
		f = append(f, fmt.Sprintf("%d of %d values NaN or ±Inf, left out of every statistic", nonFinite, n+nonFinite))
	}
	switch {
	case n == 0:
		f = append(f, "no finite value")
	case n == 1:
		f = append(f, "one value: no sd")
	case math.IsInf(sd, 0):
		f = append(f, "sd beyond the float64 range")
	}
	if collapsed {
		f = append(f, "sketch folded its smallest magnitudes: quantiles there have only an absolute accuracy")
	}
	return strings.Join(f, "; ")
}

// Bands returns the band of every series. A band that is not entirely
// within its documented accuracy carries a Flag saying why: NaN or ±Inf
// values (left out of every statistic), fewer than two finite values (SD
// and possibly every field NaN), an SD beyond the float64 range (+Inf), or a
// sketch that folded buckets (only with a bucket cap below the default).
// Without moments (NewQuantiles), Mean and SD are NaN: see BandsOf. The
// error is only for an accumulator without quantiles. In exact mode it
// sorts the stored values.
func (a *Accumulator) Bands() ([]Band, error) {
	if a.momentsOnly {
		return nil, fmt.Errorf("bands: a moments accumulator has no quantiles (see BandsOf)")
	}
	out := make([]Band, a.series)
	var q [len(probs)]float64
	for c := range out {
		n, bad, lo, hi := a.counts(c)
		b := Band{N: n, NonFinite: bad, Mean: math.NaN(), SD: math.NaN(), Min: lo, Max: hi}
		if a.moments != nil {
			b.Mean, b.SD = a.moments[c].Mean(), a.moments[c].SD()
		}
		if n > 0 {
			var err error
			if a.exact {
				err = a.exacts[c].Quantiles(probs[:], q[:])
			} else {
				err = a.sketches[c].Quantiles(probs[:], q[:])
			}
			if err != nil {
				return nil, fmt.Errorf("series %d: %w", c, err)
			}
		} else {
			for i := range q {
				q[i] = math.NaN()
			}
		}
		b.Q025, b.Q05, b.Q25, b.Q50, b.Q75, b.Q95, b.Q975 = q[0], q[1], q[2], q[3], q[4], q[5], q[6]
		b.Flag = flag(n, bad, b.SD, a.collapsed(c))
		out[c] = b
	}
	return out, nil
}
