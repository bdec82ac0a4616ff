// Package sampler produces the points of the unit hypercube that become factor
// values: plain Monte Carlo from a counter-based random stream, Latin
// hypercube, and scrambled Sobol' sequences. Every point is a pure function of
// (seed, point index, coordinate), so results never depend on how the work is
// split between workers, batches or shards.
package sampler

// Design is a random-access sequence of points in the open unit hypercube (0, 1)^Dim.
type Design interface {
	// Dim is the number of coordinates of a point.
	Dim() int
	// Fill writes u[j][s] = coordinate j of point start+s, for s < len(u[j]).
	// len(u) must be Dim(). Fill is safe for concurrent use.
	Fill(start uint64, u [][]float64)
}
