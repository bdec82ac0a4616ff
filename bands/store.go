package bands

// DefaultMaxBuckets caps the buckets of each store (positive or negative
// values) of a sketch. It is also the largest cap allowed. A store only
// allocates the buckets between its smallest and largest values (with up to
// as much again in slack), so the cap is a bound, not a cost: the whole
// float64 range, 2⁻¹⁰⁷⁴ to MaxFloat64, takes about 147,000 buckets at
// α = 0.005 (1.2 MB per sign), 733,000 at α = 0.001, and fits under the cap
// for every α ≥ 5e-5, so that a store never folds; a typical output
// spanning 3 decades takes 700 buckets at α = 0.005.
const DefaultMaxBuckets = 1 << 24

// store counts values per bucket index over a dense, contiguous range of
// indices. When the occupied indices would span more than max buckets, the
// store folds: the lowest kept bucket, floor = highest − max + 1, also counts
// every value below it (DDSketch's "collapsing lowest" dense store), so that
// the buckets of the largest magnitudes keep their accuracy and memory stays
// at max counts.
//
// The folded state depends only on the multiset of indices added, never on
// their order or on how they were split and merged: the highest index only
// grows, so a value folded once is below the final floor too, and every
// value below the final floor has been folded. Counts are integers, so
// merging is exact.
type store struct {
	counts  []uint64 // counts[k] counts bucket offset+k; len(counts) ≤ max
	offset  int
	folding bool // counts[0] also counts values below offset; then len(counts) == max and counts[max−1] > 0
	max     int
}

// add counts one value in bucket i.
func (st *store) add(i int) {
	if k := i - st.offset; uint(k) < uint(len(st.counts)) {
		st.counts[k]++
		return
	}
	st.addSlow(i, 1)
}

// addN counts n values in bucket i.
func (st *store) addN(i int, n uint64) {
	if k := i - st.offset; uint(k) < uint(len(st.counts)) {
		st.counts[k] += n
		return
	}
	st.addSlow(i, n)
}

func (st *store) addSlow(i int, n uint64) {
	if !st.folding || i >= st.offset {
		st.extend(i, i, false)
	}
	if i < st.offset { // only when folding
		i = st.offset
	}
	st.counts[i-st.offset] += n
}

// occupied returns the lowest and highest non-empty buckets.
func (st *store) occupied() (lo, hi int, ok bool) {
	first, last := -1, -1
	for k, c := range st.counts {
		if c != 0 {
			first = k
			break
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	for k := len(st.counts) - 1; k >= first; k-- {
		if st.counts[k] != 0 {
			last = k
			break
		}
	}
	return st.offset + first, st.offset + last, true
}

// extend makes the counts cover the buckets lo to hi and the occupied ones,
// folding if they span more than max buckets or if fold is set (the values
// being merged in come from a folded store).
func (st *store) extend(lo, hi int, fold bool) {
	if olo, ohi, ok := st.occupied(); ok {
		lo, hi = min(lo, olo), max(hi, ohi)
	}
	if st.folding || fold || hi-lo+1 > st.max {
		st.foldTo(hi - st.max + 1)
		return
	}
	if lo >= st.offset && hi < st.offset+len(st.counts) {
		return
	}
	span := hi - lo + 1
	n := min(st.max, max(2*span, 64))
	off := lo - (n-span)/2
	counts := make([]uint64, n)
	for k, c := range st.counts {
		if c != 0 {
			counts[st.offset+k-off] = c
		}
	}
	st.counts, st.offset = counts, off
}

// foldTo makes floor the lowest bucket, adding the counts below it to it.
func (st *store) foldTo(floor int) {
	if st.folding && floor == st.offset {
		return
	}
	var below uint64
	if shift := floor - st.offset; len(st.counts) == st.max && shift >= 0 {
		// In place: the range moves up by shift buckets.
		shift = min(shift, st.max)
		for _, c := range st.counts[:shift] {
			below += c
		}
		n := copy(st.counts, st.counts[shift:])
		clear(st.counts[n:])
	} else {
		counts := make([]uint64, st.max)
		for k, c := range st.counts {
			if j := st.offset + k; j < floor {
				below += c
			} else if c != 0 {
				counts[j-floor] = c
			}
		}
		st.counts = counts
	}
	st.counts[0] += below
	st.offset, st.folding = floor, true
}

// merge adds the counts of o.
func (st *store) merge(o *store) {
	lo, hi, ok := o.occupied()
	if !ok {
		return
	}
	st.extend(lo, hi, o.folding)
	src := o.counts[lo-o.offset : hi-o.offset+1]
	if lo >= st.offset { // all inside: extend made room for hi
		dst := st.counts[lo-st.offset : hi-st.offset+1]
		for k, c := range src {
			dst[k] += c
		}
		return
	}
	for k, c := range src { // some fold into st's lowest bucket
		st.addN(lo+k, c)
	}
}

// count returns the number of values in the store.
func (st *store) count() uint64 {
	var n uint64
	for _, c := range st.counts {
		n += c
	}
	return n
}

// reset empties the store, keeping its memory.
func (st *store) reset() {
	clear(st.counts)
	st.folding = false
}
