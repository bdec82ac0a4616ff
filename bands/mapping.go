package bands

import (
	"fmt"
	"math"
	"sync"
)

// Relative accuracy limits of the sketch. Below MinAlpha the lookup table
// of the mapping would exceed 1 MB; above MaxAlpha the buckets are too
// coarse to be useful.
const (
	DefaultAlpha = 0.005
	MinAlpha     = 1e-5
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
// 2^(7/(10·ln2·m)) in x; m ≥ 7/(10·lnγ) makes that factor at most γ, only
// 1 % more buckets than the exact logarithm needs.
const (
	cubicA = 6.0 / 35
	cubicB = -3.0 / 5
	cubicC = 10.0 / 7
)

// indexMargin narrows every bucket by this relative amount, so that the
// rounding of the bucket bounds (to the 52-bit fraction grid, a relative
// 2⁻⁵²) cannot push a bucket's extent past a ratio of γ.
const indexMargin = 1e-6

// mapping sends a magnitude x = 2ᵉ(1+s) ≥ MinIndexable to the bucket
// index m·e + j, where j = ⌊m·P(s)⌋ is the bucket of the fraction s within
// its binade, and a bucket index back to the value that is within α of
// every x in the bucket. The number m of buckets per binade is an integer,
// so every binade is cut at the same fractions: the bounds of the m buckets
// are computed once, as 52-bit fraction integers, and j is read from a
// table indexed by the leading bits of the fraction, with one comparison
// against the bound that may fall inside a table cell. Integer operations
// only, so the index is the same on every architecture, and a few
// nanoseconds instead of a logarithm.
type mapping struct {
	alpha   float64
	m       int      // buckets per binade
	shift   uint     // 52 − the cell bits: f>>shift is the cell of fraction f
	lowMask uint64   // the fraction bits below the cell bits
	cells   []uint64 // of the mapTable, read-only
	bounds  []uint64 // of the mapTable, read-only
	lo      int      // index of MinIndexable
	hi      int      // index of math.MaxFloat64
}

// mapTable holds what depends only on m. Cells are packed as
// j<<cellJShift | bound, where bound is the low fraction bits (below the
// cell's leading bits) from which the fraction is in bucket j+1, or
// 1<<(52−bits) (never reached) when the cell holds no bucket bound.
type mapTable struct {
	bits   uint     // leading fraction bits that select a cell
	cells  []uint64 // 2^bits cells
	bounds []uint64 // bounds[j]: the fraction (×2⁵²) where bucket j starts; bounds[0] = 0
}

const (
	cellJShift    = 46 // j above bit 46; bounds below 2⁴⁶ (bits ≥ 7)
	cellBoundMask = 1<<cellJShift - 1
	fracMask      = 1<<52 - 1
)

// tables caches the tables of the first few m asked for (the engine uses
// one), so that sketches made one by one share them; a bounded number,
// because decoded states may ask for any α.
var tables struct {
	sync.Mutex
	byM map[int]*mapTable
}

const maxCachedTables = 8

func tableOf(m int) *mapTable {
	tables.Lock()
	defer tables.Unlock()
	if t, ok := tables.byM[m]; ok {
		return t
	}
	t := newTable(m)
	if tables.byM == nil {
		tables.byM = map[int]*mapTable{}
	}
	if len(tables.byM) < maxCachedTables {
		tables.byM[m] = t
	}
	return t
}

func newMapping(alpha float64) (mapping, error) {
	if !(alpha >= MinAlpha && alpha <= MaxAlpha) {
		return mapping{}, fmt.Errorf("bands: sketch relative accuracy α = %v, want %v ≤ α ≤ %v", alpha, MinAlpha, MaxAlpha)
	}
	lnGamma := math.Log1p(alpha) - math.Log1p(-alpha) // ln((1+α)/(1−α))
	m := int(math.Ceil(7 / (10 * lnGamma) * (1 + indexMargin)))
	tb := tableOf(m)
	mp := mapping{alpha: alpha, m: m, shift: 52 - tb.bits, lowMask: 1<<(52-tb.bits) - 1, cells: tb.cells, bounds: tb.bounds}
	mp.lo = mp.index(MinIndexable)
	mp.hi = mp.index(math.MaxFloat64)
	return mp, nil
}

// newTable computes the bucket bounds of a binade cut in m buckets and the
// lookup cells.
func newTable(m int) *mapTable {
	t := &mapTable{bounds: make([]uint64, m)}
	for j := 1; j < m; j++ {
		// The smallest 52-bit fraction f with P(f/2⁵²) ≥ j/m.
		s := solveCubic(float64(j) / float64(m))
		f := uint64(math.Ceil(s * (1 << 52)))
		t.bounds[j] = min(max(f, t.bounds[j-1]+1), fracMask)
	}
	// A cell must be narrower than the narrowest bucket, which spans at
	// least 0.7/m in s (P′ ≤ 10/7), so that it holds at most one bound:
	// cells of 1/(2.9·m) leave a factor 2.
	t.bits = 7
	for float64(uint64(1)<<t.bits) < 2.9*float64(m) {
		t.bits++
	}
	low := 52 - t.bits
	t.cells = make([]uint64, 1<<t.bits)
	j := 0
	for c := range t.cells {
		start := uint64(c) << low
		for j+1 < m && t.bounds[j+1] <= start {
			j++
		}
		bound := uint64(1) << low // none in this cell
		if j+1 < m && t.bounds[j+1] < start+(1<<low) {
			bound = t.bounds[j+1] - start
		}
		t.cells[c] = uint64(j)<<cellJShift | bound
	}
	return t
}

// solveCubic returns s ∈ [0, 1] with P(s) = p by Newton's method: P is
// increasing and concave on [0, 1], so the iterates approach the root from
// below and stop moving. Unfused operations, so that the bounds are the
// same on every architecture.
func solveCubic(p float64) float64 {
	s := p
	for range 60 {
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
	return math.Min(math.Max(s, 0), 1)
}

// index returns the bucket of x, which must be in [MinIndexable, MaxFloat64].
func (mp *mapping) index(x float64) int {
	if x < minNormal {
		return mp.indexSubnormal(x)
	}
	return mp.indexNormal(x)
}

// indexNormal is index for x ≥ minNormal, small enough to be inlined into
// the loop of Sketch.AddSlice.
func (mp *mapping) indexNormal(x float64) int {
	b := math.Float64bits(x)
	f := b & fracMask
	c := mp.cells[f>>mp.shift]
	above := 1 - int((f&mp.lowMask-c&cellBoundMask)>>63)
	return mp.m*(int(b>>52)-1023) + int(c>>cellJShift) + above
}

// indexSubnormal is index for 0 < x < minNormal: x·2⁶⁴ is normal (and
// exact), and its exponent less 64 is the binary exponent of x.
func (mp *mapping) indexSubnormal(x float64) int {
	b := math.Float64bits(x * 0x1p64)
	return mp.indexOf(int(b>>52)-1023-64, b&fracMask)
}

// indexOf returns m·e + j for x = 2ᵉ(1 + f/2⁵²): j is the cell's bucket,
// plus one when f is at or above the bound inside the cell.
func (mp *mapping) indexOf(e int, f uint64) int {
	c := mp.cells[f>>mp.shift]
	// rest ≥ bound exactly when rest − bound does not wrap: both < 2⁴⁶.
	above := 1 - int((f&mp.lowMask-c&cellBoundMask)>>63)
	return mp.m*e + int(c>>cellJShift) + above
}

// lowerBound returns the smallest x of bucket i, as 2^e·f with f ∈ [1, 2),
// exactly.
func (mp *mapping) lowerBound(i int) (f float64, e int) {
	e = i / mp.m
	j := i - e*mp.m
	if j < 0 { // floor division
		e--
		j += mp.m
	}
	return 1 + float64(mp.bounds[j])*0x1p-52, e
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
