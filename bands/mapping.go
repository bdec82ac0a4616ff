package bands

import (
	"fmt"
	"math"
)

// Relative accuracy limits of the sketch. Below MinAlpha the index of the
// largest float64 would not keep enough fractional precision for the
// guarantee; above MaxAlpha the buckets are too coarse to be useful.
const (
	DefaultAlpha = 0.005
	MinAlpha     = 1e-6
	MaxAlpha     = 0.5
)

// MinIndexable is the smallest magnitude that gets a bucket: the smallest
// subnormal float64, 2⁻¹⁰⁷⁴ ≈ 4.9e-324. Only zeros (±0) go to the zero
// bucket, and are returned exactly. Subnormal magnitudes, below
// minNormal = 2⁻¹⁰²², are indexed like the others (by their binary exponent
// and fraction); their representative is rounded to the subnormal grid,
// which adds at most halfSubnormal = 2⁻¹⁰⁷⁵ to the error.
const MinIndexable = 0x1p-1074

const (
	minNormal     = 0x1p-1022
	halfSubnormal = 0x1p-1075
)

// Coefficients of P(s) = A·s³ + B·s² + C·s, the cubic that DDSketch's
// CubicallyInterpolatedMapping uses for log₂(1+s) on s ∈ [0, 1): P(0) = 0,
// P(1) = 1, and the approximate log₂ g(x) = e + P(s) for x = 2ᵉ(1+s) is
// continuous and increasing. In units of the true log₂ its slope
// ln2·(1+s)·P′(s) = ln2·(18s³ − 24s² + 8s + 50)/35 lies in [ln2·10/7,
// ln2·52/35], so a bucket of width 1/m in g spans at most a factor
// 2^(7/(10·ln2·m)) in x; m = 7/(10·lnγ) makes that factor γ, only 1 % more
// buckets than the exact logarithm needs, at the cost of a few
// multiplications instead of a call to math.Log.
const (
	cubicA = 6.0 / 35
	cubicB = -3.0 / 5
	cubicC = 10.0 / 7
)

// indexMargin narrows every bucket by this relative amount, so that the
// rounding of the index computation (at most a few 1e-11 of a bucket even at
// MinAlpha) cannot push a bucket's true extent past a ratio of γ.
const indexMargin = 1e-6

// mapping sends a magnitude x ≥ MinIndexable to the bucket index
// ⌊m·g(x)⌋ and a bucket index back to the value that is within α of every x
// in the bucket.
type mapping struct {
	alpha float64
	m     float64 // buckets per unit of g, i.e. per binade
	bias  float64 // power of two above |m·g| so that truncation is floor
	ibias int
	lo    int // index of MinIndexable
	hi    int // index of math.MaxFloat64
}

// buckets is the number of indices from MinIndexable to MaxFloat64: a store
// of that many buckets covers every finite magnitude and never folds.
func (mp *mapping) buckets() int { return mp.hi - mp.lo + 1 }

func newMapping(alpha float64) (mapping, error) {
	if !(alpha >= MinAlpha && alpha <= MaxAlpha) {
		return mapping{}, fmt.Errorf("bands: sketch relative accuracy α = %v, want %v ≤ α ≤ %v", alpha, MinAlpha, MaxAlpha)
	}
	lnGamma := math.Log1p(alpha) - math.Log1p(-alpha) // ln((1+α)/(1−α))
	mp := mapping{alpha: alpha, m: 7 / (10 * lnGamma) * (1 + indexMargin)}
	// |g| ≤ 1074 for every positive float64.
	mp.bias = math.Ldexp(1, math.Ilogb(1075*mp.m)+1)
	mp.ibias = int(mp.bias)
	mp.lo = mp.index(MinIndexable)
	mp.hi = mp.index(math.MaxFloat64)
	return mp, nil
}

const (
	fracMask = 1<<52 - 1
	oneBits  = 0x3ff << 52
)

// index returns the bucket of x, which must be in [MinIndexable, MaxFloat64].
func (mp *mapping) index(x float64) int {
	if x < minNormal {
		return mp.indexSubnormal(x)
	}
	return mp.indexNormal(x)
}

// indexNormal is index for x ≥ minNormal, written out so that it is
// inlined into the loop of Sketch.AddSlice (indexOf, below, is the same
// computation).
func (mp *mapping) indexNormal(x float64) int {
	b := math.Float64bits(x)
	e := float64(int(b>>52) - 1023)
	s := math.Float64frombits(b&fracMask|oneBits) - 1
	p := float64(cubicA*s) + cubicB
	p = float64(p*s) + cubicC
	g := float64(p*s) + e
	return int(float64(g*mp.m)+mp.bias) - mp.ibias
}

// indexSubnormal is index for 0 < x < minNormal: x·2⁶⁴ is normal (and
// exact), and its exponent less 64 is the binary exponent of x.
func (mp *mapping) indexSubnormal(x float64) int {
	b := math.Float64bits(x * 0x1p64)
	e := float64(int(b>>52) - 1023 - 64)
	s := math.Float64frombits(b&fracMask|oneBits) - 1
	return mp.indexOf(e, s)
}

// indexOf returns ⌊m·(e + P(s))⌋ for x = 2ᵉ(1+s).
func (mp *mapping) indexOf(e, s float64) int {
	// The conversions forbid fused multiply-adds (Go spec), so the indices
	// are the same on every architecture.
	p := float64(cubicA*s) + cubicB
	p = float64(p*s) + cubicC
	g := float64(p*s) + e
	return int(float64(g*mp.m)+mp.bias) - mp.ibias
}

// lowerBound returns the smallest x of bucket i, as 2^e·f with f ∈ [1, 2),
// solving P(s) = frac(i/m) by Newton's method: P is increasing and concave
// on [0, 1], so the iterates approach the root from below and stop moving.
func (mp *mapping) lowerBound(i int) (f float64, e int) {
	t := float64(i) / mp.m
	fe := math.Floor(t)
	p := t - fe
	s := p
	for range 60 {
		// Unfused, like index, so that results match across architectures.
		q := float64(cubicA*s) + cubicB
		q = float64(q*s) + cubicC
		q = float64(q*s) - p
		d := float64(3*cubicA*s) + 2*cubicB
		d = float64(d*s) + cubicC
		next := s - q/d
		if next == s {
			break
		}
		s = next
	}
	s = math.Min(math.Max(s, 0), 1)
	return 1 + s, int(fe)
}

// value returns the representative of bucket i, 2·lo·hi/(lo + hi), whose
// relative distance to every x in [lo, hi] is at most (hi/lo − 1)/(hi/lo + 1)
// ≤ (γ − 1)/(γ + 1) = α. It is computed in units of 2^e(lo) so that neither
// the bounds nor the product overflow at the ends of the float64 range; in
// the top bucket it is capped at MaxFloat64, which is nearer every x ≤
// MaxFloat64 than a larger representative. Below minNormal the final scaling
// rounds it to the subnormal grid, an extra error of at most halfSubnormal.
func (mp *mapping) value(i int) float64 {
	fl, el := mp.lowerBound(i)
	fh, eh := mp.lowerBound(i + 1)
	h := math.Ldexp(fh, eh-el)
	return math.Min(math.Ldexp(2*fl*h/(fl+h), el), math.MaxFloat64)
}
