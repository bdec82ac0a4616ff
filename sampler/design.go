// Package sampler produces the points of the unit hypercube that become factor
// values: plain Monte Carlo from a counter-based random stream, Latin
// hypercube, and scrambled Sobol' sequences. Every point is a pure function of
// (seed, point index, coordinate), so results never depend on how the work is
// split between workers, batches or shards.
//
// Randomness comes from Philox4x32-10 (Salmon et al. 2011) keyed by the
// seed; Uniform, Uint64, Poisson1 and Derive expose the same streams for
// other packages (bootstrap weights, sub-seeds). The Monte Carlo design
// reads the cheaper counter-based SplitMix64 stream (see MC), keyed by Derive.
//
// Designs: NewMC (plain Monte Carlo), NewLHS (Latin hypercube with
// permutations computed on the fly, O(dim) memory for any n),
// NewScrambledSobol (Joe–Kuo Sobol' with linear matrix scrambling and a
// digital shift, up to SobolMaxDim dimensions and 2^32 points). Fill cannot
// fail; CheckRange says beforehand whether a range of points exists.
package sampler

import "fmt"

// Design is a random-access sequence of points in the open unit hypercube (0, 1)^Dim.
type Design interface {
	// Dim is the number of coordinates of a point.
	Dim() int
	// Fill writes u[j][s] = coordinate j of point start+s, for s < len(u[j]).
	// len(u) must be Dim(). Fill is safe for concurrent use.
	// Points a design does not have (see Len and CheckRange) and rows of u
	// beyond Dim are written as NaN rather than as wrong values.
	Fill(start uint64, u [][]float64)
}

// Lener is implemented by designs with a limited number of points: a Latin
// hypercube of n points, or a Sobol' sequence of 32-bit points (2^32 points).
type Lener interface {
	// Len is the number of points; valid point indices are [0, Len).
	Len() uint64
}

// CheckRange returns an error unless points start, …, start+n−1 all exist in d.
// Call it before Fill: Fill cannot return errors.
func CheckRange(d Design, start, n uint64) error {
	end := start + n
	if end < start {
		return fmt.Errorf("sampler: point range [%d, %d+%d) overflows uint64", start, start, n)
	}
	if l, ok := d.(Lener); ok && end > l.Len() {
		return fmt.Errorf("sampler: points [%d, %d) requested from a %T design of %d points", start, end, d, l.Len())
	}
	return nil
}
