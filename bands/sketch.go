package bands

import (
	"fmt"
	"math"
)

// Sketch is a mergeable quantile sketch with relative accuracy α, after
// DDSketch (Masson, Rim & Lee 2019, "DDSketch: a fast and fully-mergeable
// quantile sketch with relative-error guarantees", PVLDB 12(12):2195–2205).
//
// A positive finite x is counted in the bucket of its approximate logarithm
// (see mapping); a bucket spans at most a factor γ = (1+α)/(1−α), and its
// representative value is within a relative α of every value in it.
// Negative values are counted the same way by magnitude in a second store;
// zeros (±0) in a zero bucket. Every finite float64, from the smallest
// subnormal to ±MaxFloat64, has a bucket.
//
// Guarantee: for every rank k, ValueAtRank(k) returns x̂ with
// |x̂ − x₍ₖ₎| ≤ α·|x₍ₖ₎| + ε₀, where x₍ₖ₎ is the exact k-th smallest finite
// value added (0-based) and ε₀ = 2⁻¹⁰⁷⁵ (half the smallest subnormal) is
// the rounding of a representative to the subnormal grid, zero unless
// |x₍ₖ₎| < 2⁻¹⁰²²; zeros are returned exactly. This holds unless x₍ₖ₎ is in
// a folded bucket (see below), which the default bucket cap makes
// impossible for α ≥ 5e-5. The smallest and largest ranks return the exact
// minimum and maximum, and every estimate is clamped into [min, max], which
// can only bring it closer.
//
// Quantiles follow the same convention as Exact (Hyndman & Fan type 7):
// with h = (n−1)·p, k = ⌊h⌋ and w = h − k, Quantile(p) returns
// (1−w)·x̂₍ₖ₎ + w·x̂₍ₖ₊₁₎, the interpolation of the two rank estimates, so
// |Q̂(p) − Q(p)| ≤ α·((1−w)|x₍ₖ₎| + w|x₍ₖ₊₁₎|) + ε₀, which is α·|Q(p)| + ε₀
// unless x₍ₖ₎ and x₍ₖ₊₁₎ have opposite signs, where Q(p) is the exact
// type-7 quantile Exact returns for the same values (apart from the
// rounding of the interpolation, a few ulps).
//
// Memory: each store keeps dense counts over its occupied index range, at
// most maxBuckets. The default cap (DefaultMaxBuckets) exceeds the whole
// float64 range for α ≥ 5e-5 (about 147,000 buckets per sign at α = 0.005),
// so memory is bounded by the span of the values, never by their number. A
// smaller cap makes a store fold its lowest buckets (smallest magnitudes)
// into one (see store): values there lose the relative guarantee but keep
// an absolute error below the folded bucket's bound, about
// max|x|·γ^(−maxBuckets). Collapsed reports whether that happened, and
// Accumulator.Bands flags such a band.
//
// Counts are uint64 and the folding rule depends only on the multiset of
// values, so merging is exact and the state is the same whatever the order
// of additions and merges. NaN and ±Inf are only counted (NonFinite).
// A Sketch is not safe for concurrent use.
type Sketch struct {
	mp         mapping
	pos, neg   store
	zero       uint64
	nonFinite  uint64
	minV, maxV float64
}

// NewSketch returns an empty sketch with relative accuracy alpha
// (MinAlpha ≤ alpha ≤ MaxAlpha) and at most maxBuckets buckets per sign.
func NewSketch(alpha float64, maxBuckets int) (*Sketch, error) {
	s := &Sketch{}
	if err := s.init(alpha, maxBuckets); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Sketch) init(alpha float64, maxBuckets int) error {
	mp, err := newMapping(alpha)
	if err != nil {
		return err
	}
	if maxBuckets < 2 || maxBuckets > DefaultMaxBuckets {
		return fmt.Errorf("bands: sketch of %d buckets per sign, want 2 to %d", maxBuckets, DefaultMaxBuckets)
	}
	s.mp, s.pos.max, s.neg.max = mp, maxBuckets, maxBuckets
	*s = s.empty()
	return nil
}

// empty returns an empty sketch with the settings of s.
func (s *Sketch) empty() Sketch {
	return Sketch{mp: s.mp, pos: store{max: s.pos.max}, neg: store{max: s.neg.max}, minV: math.Inf(1), maxV: math.Inf(-1)}
}

// Add adds one value; NaN and ±Inf are only counted as non-finite.
func (s *Sketch) Add(x float64) {
	if !isFinite(x) {
		s.nonFinite++
		return
	}
	if x < s.minV {
		s.minV = x
	}
	if x > s.maxV {
		s.maxV = x
	}
	switch {
	case x > 0:
		s.pos.add(s.mp.index(x))
	case x < 0:
		s.neg.add(s.mp.index(-x))
	default:
		s.zero++
	}
}

// AddSlice adds the values of xs; it equals calling Add on each.
func (s *Sketch) AddSlice(xs []float64) {
	mp := s.mp
	lo, hi := s.minV, s.maxV
	// The stores' windows, kept in locals for the common case (a normal,
	// finite value whose bucket is in the window of its sign's store) and
	// reloaded after anything that may move them. The store is picked by
	// the sign bit, not by a branch: outputs of both signs in random order
	// would make the processor mispredict it half the time.
	counts := [2][]uint64{s.pos.counts, s.neg.counts}
	offs := [2]int{s.pos.offset, s.neg.offset}
	stores := [2]*store{&s.pos, &s.neg}
	for _, x := range xs {
		b := math.Float64bits(x)
		ax := math.Float64frombits(b &^ (1 << 63))
		if ax >= minNormal && ax <= math.MaxFloat64 {
			if x < lo {
				lo = x
			}
			if x > hi {
				hi = x
			}
			i := mp.indexNormal(ax)
			sg := b >> 63
			c := counts[sg]
			if k := i - offs[sg]; uint(k) < uint(len(c)) {
				c[k]++
				continue
			}
			stores[sg].addSlow(i, 1)
			counts[sg], offs[sg] = stores[sg].counts, stores[sg].offset
			continue
		}
		if !isFinite(x) {
			s.nonFinite++
			continue
		}
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
		switch {
		case x > 0: // subnormal
			s.pos.add(mp.indexSubnormal(x))
		case x < 0:
			s.neg.add(mp.indexSubnormal(-x))
		default:
			s.zero++
		}
		counts = [2][]uint64{s.pos.counts, s.neg.counts}
		offs = [2]int{s.pos.offset, s.neg.offset}
	}
	s.minV, s.maxV = lo, hi
}

// Merge adds the values of o, which must have the same α and bucket cap.
func (s *Sketch) Merge(o *Sketch) error {
	if o == nil {
		return fmt.Errorf("bands: merging a nil sketch")
	}
	if s.mp.alpha != o.mp.alpha || s.pos.max != o.pos.max {
		return fmt.Errorf("bands: merging a sketch (α = %v, %d buckets) into one with α = %v, %d buckets",
			o.mp.alpha, o.pos.max, s.mp.alpha, s.pos.max)
	}
	s.pos.merge(&o.pos)
	s.neg.merge(&o.neg)
	s.zero += o.zero
	s.nonFinite += o.nonFinite
	s.minV = math.Min(s.minV, o.minV)
	s.maxV = math.Max(s.maxV, o.maxV)
	return nil
}

// Reset empties the sketch, keeping its memory.
func (s *Sketch) Reset() {
	s.pos.reset()
	s.neg.reset()
	s.zero, s.nonFinite = 0, 0
	s.minV, s.maxV = math.Inf(1), math.Inf(-1)
}

// Alpha is the relative accuracy α.
func (s *Sketch) Alpha() float64 { return s.mp.alpha }

// MaxBuckets is the bucket cap of each sign.
func (s *Sketch) MaxBuckets() int { return s.pos.max }

// Count is the number of finite values added.
func (s *Sketch) Count() uint64 { return s.pos.count() + s.neg.count() + s.zero }

// NonFinite is the number of NaN and ±Inf values seen and left out.
func (s *Sketch) NonFinite() uint64 { return s.nonFinite }

// Collapsed reports whether a store has folded its smallest magnitudes, so
// that ranks falling there lose the relative guarantee.
func (s *Sketch) Collapsed() bool { return s.pos.folding || s.neg.folding }

// Buckets is the number of non-empty buckets, the zero bucket included.
func (s *Sketch) Buckets() int {
	n := 0
	for _, st := range []*store{&s.pos, &s.neg} {
		for _, c := range st.counts {
			if c != 0 {
				n++
			}
		}
	}
	if s.zero != 0 {
		n++
	}
	return n
}

// ValueAtRank returns the estimate of the k-th smallest value (k from 0).
func (s *Sketch) ValueAtRank(k uint64) (float64, error) {
	n := s.Count()
	if k >= n {
		return 0, fmt.Errorf("bands: rank %d of a sketch of %d values", k, n)
	}
	var v [1]float64
	s.valuesAtRanks([]uint64{k}, v[:], n)
	return v[0], nil
}

// Quantile returns the type-7 quantile estimate for probability p (see
// Sketch for the convention and the error bound).
func (s *Sketch) Quantile(p float64) (float64, error) {
	var q [1]float64
	err := s.Quantiles([]float64{p}, q[:])
	return q[0], err
}

// Quantiles sets dst[i] to the estimate of quantile ps[i] in one pass over
// the buckets.
func (s *Sketch) Quantiles(ps, dst []float64) error {
	return quantiles7(s.Count(), ps, dst, s.valuesAtRanks)
}

// valuesAtRanks sets out[j] to the estimate of rank ranks[j]; the ranks are
// increasing and below n, the count.
func (s *Sketch) valuesAtRanks(ranks []uint64, out []float64, n uint64) {
	j := 0
	var cum uint64
	// visit takes a bucket of c values; v gives its representative.
	visit := func(c uint64, v func() float64) {
		if c == 0 || j == len(ranks) {
			return
		}
		cum += c
		if ranks[j] >= cum {
			return
		}
		x := v()
		for j < len(ranks) && ranks[j] < cum {
			out[j] = x
			j++
		}
	}
	for k := len(s.neg.counts) - 1; k >= 0; k-- {
		i := s.neg.offset + k
		visit(s.neg.counts[k], func() float64 { return -s.mp.value(i) })
	}
	visit(s.zero, func() float64 { return 0 })
	for k, c := range s.pos.counts {
		i := s.pos.offset + k
		visit(c, func() float64 { return s.mp.value(i) })
	}
	for j, r := range ranks {
		switch {
		case r == 0:
			out[j] = s.minV
		case r == n-1:
			out[j] = s.maxV
		default:
			out[j] = math.Min(math.Max(out[j], s.minV), s.maxV)
		}
	}
}
