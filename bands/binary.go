package bands

import (
	"fmt"
	"math"
)

// Binary form, see MarshalBinary.
const (
	magic         = "MCBANDS"
	formatVersion = 2
)

// The fewest bytes a series takes in each mode (every varint one byte),
// from the layout below; the decoder bounds the series count with them.
const (
	minMomentsBytes = 8 + 1 + 1 + 1 + 4*8 // centre n nonFinite scale S1 S2 min max
	minSketchBytes  = 1 + 1 + 2*8 + 1 + 1 // zero nonFinite min max, two empty stores
	minExactBytes   = 1 + 1               // nonFinite n
)

// MarshalBinary encodes the accumulator. The form (version 2) is,
// little-endian, with uvarint/varint the encoding/binary variable-length
// integers, always in their shortest form:
//
//	"MCBANDS" version:byte(2) mode:byte series:uvarint
//	mode: 0 moments and sketch, 1 moments and exact, 2 moments only,
//	      3 sketch only, 4 exact only
//	sketch modes: alpha:float64 maxBuckets:uvarint
//	per series, each part that the mode has:
//	  moments: centre:float64 n:uvarint nonFinite:uvarint scale:uvarint S1 S2 min max:float64
//	  sketch:  zero:uvarint nonFinite:uvarint min max:float64 positive negative:store
//	  exact:   nonFinite:uvarint n:uvarint n × value:float64
//	store: buckets:uvarint, then if buckets > 0: lowest index:varint
//	       folded:byte(0, 1) buckets × count:uvarint
//
// An empty series has min = +Inf and max = −Inf (and zero sums). A store is
// written over its occupied buckets only, so the form of a sketch depends
// only on its values; counts are small varints, so a sketch of a series
// spanning d decades takes about 233·d·(1 to 3) bytes at α = 0.005, whatever
// the number of samples. The decoder accepts only this canonical form, so
// decoding then encoding gives back the same bytes.
func (a *Accumulator) MarshalBinary() ([]byte, error) {
	e := &encoder{}
	e.bytes([]byte(magic))
	e.byte(formatVersion)
	e.byte(a.mode())
	e.uvarint(uint64(a.series))
	if !a.exact && !a.momentsOnly {
		e.float(a.alpha)
		e.uvarint(uint64(a.maxBuckets))
	}
	for c := range a.series {
		if a.moments != nil {
			a.moments[c].encode(e)
		}
		switch {
		case a.momentsOnly:
		case a.exact:
			a.exacts[c].encode(e)
		default:
			a.sketches[c].encode(e)
		}
	}
	return e.b, nil
}

// mode is the mode byte of the binary form.
func (a *Accumulator) mode() byte {
	switch {
	case a.momentsOnly:
		return 2
	case a.moments == nil && a.exact:
		return 4
	case a.moments == nil:
		return 3
	case a.exact:
		return 1
	}
	return 0
}

// UnmarshalBinary replaces a by the decoded accumulator, checking that the
// data is complete and consistent.
func (a *Accumulator) UnmarshalBinary(data []byte) error {
	d := &decoder{b: data}
	b, err := decodeAccumulator(d)
	if err == nil && d.err == nil && d.remaining() != 0 {
		d.fail("%d bytes after the end", d.remaining())
	}
	if d.err != nil {
		err = d.err
	}
	if err != nil {
		return fmt.Errorf("bands: decoding accumulator: %w", err)
	}
	*a = *b
	return nil
}

func decodeAccumulator(d *decoder) (*Accumulator, error) {
	if string(d.bytes(len(magic))) != magic {
		d.fail("not a bands accumulator")
		return nil, d.err
	}
	if v := d.byte(); v != formatVersion {
		d.fail("format version %d, this program reads version %d", v, formatVersion)
	}
	mode := d.byte()
	if mode > 4 {
		d.fail("mode %d, want 0 to 4", mode)
	}
	hasMoments := mode <= 2
	a := &Accumulator{exact: mode == 1 || mode == 4, momentsOnly: mode == 2, alpha: DefaultAlpha, maxBuckets: DefaultMaxBuckets}
	perSeries := 0
	if hasMoments {
		perSeries += minMomentsBytes
	}
	switch {
	case a.momentsOnly:
	case a.exact:
		perSeries += minExactBytes
	default:
		perSeries += minSketchBytes
	}
	n := int(d.count("series", uint64(d.remaining()/perSeries)))
	if d.err != nil {
		return nil, d.err
	}
	a.series = n
	if hasMoments {
		a.moments = make([]Moments, n)
	}
	var proto Sketch
	switch {
	case a.momentsOnly:
	case a.exact:
		a.exacts = make([]Exact, n)
	default:
		a.alpha = d.float()
		a.maxBuckets = int(d.count("buckets per sign", DefaultMaxBuckets))
		if d.err != nil {
			return nil, d.err
		}
		if err := proto.init(a.alpha, a.maxBuckets); err != nil {
			return nil, err
		}
		a.sketches = make([]Sketch, n)
	}
	for c := range n {
		if hasMoments {
			a.moments[c].decode(d)
		}
		var count, bad uint64
		switch {
		case a.momentsOnly:
		case a.exact:
			a.exacts[c].decode(d)
			count, bad = a.exacts[c].N(), a.exacts[c].nonFinite
		default:
			a.sketches[c] = proto.empty()
			a.sketches[c].decode(d)
			count, bad = a.sketches[c].Count(), a.sketches[c].nonFinite
		}
		if d.err != nil {
			return nil, fmt.Errorf("series %d: %w", c, d.err)
		}
		if m := a.moments; m != nil && !a.momentsOnly && (count != uint64(m[c].n) || bad != uint64(m[c].nonFinite)) {
			return nil, fmt.Errorf("series %d: moments count %d and %d non-finite values, quantiles %d and %d", c, m[c].n, m[c].nonFinite, count, bad)
		}
	}
	return a, nil
}

// finiteRange checks that min ≤ max are finite when there are values, and
// that they are +Inf and −Inf (the empty range) otherwise.
func finiteRange(d *decoder, n uint64, lo, hi float64) (float64, float64) {
	if n == 0 {
		if lo != math.Inf(1) || hi != math.Inf(-1) {
			d.fail("minimum %v and maximum %v of no values, want +Inf and -Inf", lo, hi)
		}
		return math.Inf(1), math.Inf(-1)
	}
	if !isFinite(lo) || !isFinite(hi) || lo > hi {
		d.fail("minimum %v and maximum %v of %d values", lo, hi, n)
	}
	return lo, hi
}

func (m *Moments) encode(e *encoder) {
	e.float(m.centre)
	e.uvarint(uint64(m.n))
	e.uvarint(uint64(m.nonFinite))
	e.uvarint(uint64(m.scale))
	e.float(m.s1)
	e.float(m.s2)
	e.float(m.min)
	e.float(m.max)
}

func (m *Moments) decode(d *decoder) {
	m.centre = d.float()
	m.n = int64(d.count("values", math.MaxInt64))
	m.nonFinite = int64(d.count("non-finite values", math.MaxInt64))
	m.scale = int(d.count("moments scale", maxScale))
	m.s1, m.s2 = d.float(), d.float()
	lo, hi := d.float(), d.float()
	if d.err != nil {
		return
	}
	if !isFinite(m.centre) || !isFinite(m.s1) || !(m.s2 >= 0 && isFinite(m.s2)) {
		d.fail("moments: centre %v, sums %v and %v", m.centre, m.s1, m.s2)
	}
	if m.n == 0 && (math.Float64bits(m.s1) != 0 || math.Float64bits(m.s2) != 0 || m.scale != 0) {
		d.fail("moments of no values: sums %v and %v at scale %d, want zeros", m.s1, m.s2, m.scale)
	}
	m.min, m.max = finiteRange(d, uint64(m.n), lo, hi)
}

func (x *Exact) encode(e *encoder) {
	e.uvarint(x.nonFinite)
	e.uvarint(uint64(len(x.values)))
	e.floats(x.values)
}

func (x *Exact) decode(d *decoder) {
	x.nonFinite = d.uvarint()
	n := int(d.count("values", uint64(d.remaining()/8)))
	if d.err != nil {
		return
	}
	x.values = make([]float64, n)
	for i := range x.values {
		v := d.float()
		if !isFinite(v) {
			d.fail("value %d is %v", i, v)
			return
		}
		x.values[i] = v
	}
}

func (s *Sketch) encode(e *encoder) {
	e.uvarint(s.zero)
	e.uvarint(s.nonFinite)
	e.float(s.minV)
	e.float(s.maxV)
	s.pos.encode(e)
	s.neg.encode(e)
}

func (s *Sketch) decode(d *decoder) {
	s.zero = d.uvarint()
	s.nonFinite = d.uvarint()
	lo, hi := d.float(), d.float()
	s.pos.decode(d, &s.mp)
	s.neg.decode(d, &s.mp)
	np, nn := s.pos.count(), s.neg.count()
	n := np + nn + s.zero
	if d.err == nil && (n < np || n-np < nn) {
		d.fail("sketch count overflows")
	}
	s.minV, s.maxV = finiteRange(d, n, lo, hi)
}

func (st *store) encode(e *encoder) {
	lo, hi, ok := st.occupied()
	if !ok {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(hi - lo + 1))
	e.varint(int64(lo))
	if st.folding {
		e.byte(1)
	} else {
		e.byte(0)
	}
	for _, c := range st.counts[lo-st.offset : hi-st.offset+1] {
		e.uvarint(c)
	}
}

// decode reads a store written by encode, checking that its indices are
// those of mp, that it is written over its occupied buckets only and that a
// folded store has all its buckets.
func (st *store) decode(d *decoder, mp *mapping) {
	nb := int(d.count("buckets", uint64(st.max)))
	if d.err != nil || nb == 0 {
		return
	}
	lo := d.varint()
	folded := d.byte()
	if d.err != nil {
		return
	}
	if lo < int64(mp.lo) || lo > int64(mp.hi)-int64(nb)+1 {
		d.fail("buckets %d to %d, want indices in %d to %d", lo, lo+int64(nb)-1, mp.lo, mp.hi)
		return
	}
	if folded > 1 || (folded == 1 && nb != st.max) {
		d.fail("folded flag %d with %d of %d buckets", folded, nb, st.max)
		return
	}
	if d.remaining() < nb {
		d.fail("%v", errTruncated)
		return
	}
	st.counts = make([]uint64, nb)
	st.offset = int(lo)
	st.folding = folded == 1
	var sum uint64
	for k := range st.counts {
		c := d.uvarint()
		if sum+c < sum {
			d.fail("bucket counts overflow")
		}
		sum += c
		st.counts[k] = c
	}
	if d.err == nil && (st.counts[0] == 0 || st.counts[nb-1] == 0) {
		d.fail("store of %d buckets has empty ends", nb)
	}
}
