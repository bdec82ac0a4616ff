package sampler

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// GaussianCopula makes some coordinates of a design's points dependent
// while each stays uniform on (0, 1): for the coordinates cols of a point,
//
//	z_i = Φ⁻¹(u_i),  z' = L z,  u'_i = Φ(z'_i),
//
// with L the lower Cholesky factor of the correlation matrix R (R = L Lᵀ).
// z' is standard normal with correlation R, so each u'_i is uniform and the
// u' have the Gaussian copula of R (Nelsen 2006, §2.9; the "NORTA" method of
// Cario & Nelson 1997). Turning u'_i into a factor by its quantile function
// leaves the factor's marginal distribution unchanged.
//
// The transform is a pure function of each point (row), so it never depends
// on how rows are split between workers, batches or shards. Row 0 of L is
// (1, 0, …, 0): the first coordinate is left as it is, bit for bit.
//
// A Latin hypercube keeps its strata in that first coordinate only: the
// others are still exactly uniform in distribution, but no longer one point
// per stratum (Iman & Conover 1982 keep the strata by reordering a whole
// sample, which a streaming design cannot do).
type GaussianCopula struct {
	cols []int
	l    [][]float64 // lower triangle, l[i][:i+1]
}

// copulaLo and copulaHi bound the uniforms going in and out: the range of
// the designs' own points, (2m+1)/2^53. Inputs of 0 or 1 (Morris grid
// levels) and normals far in a tail (Φ(z') rounds to 1 beyond z' ≈ 8.3)
// would otherwise give infinite quantiles; the change is of probability
// below 1.2e-16.
const (
	copulaLo = 0x1p-53
	copulaHi = 1 - 0x1p-53
)

// NewGaussianCopula returns the copula of the correlation matrix r (k×k,
// symmetric, unit diagonal, positive definite) over coordinates cols of a
// point (k distinct indices).
func NewGaussianCopula(cols []int, r [][]float64) (*GaussianCopula, error) {
	k := len(cols)
	if len(r) != k {
		return nil, fmt.Errorf("sampler: copula over %d coordinates with a %d×%d matrix", k, len(r), len(r))
	}
	seen := map[int]bool{}
	for i, c := range cols {
		if c < 0 || seen[c] {
			return nil, fmt.Errorf("sampler: copula coordinate %d (%d) is negative or repeated", i, c)
		}
		seen[c] = true
		if len(r[i]) != k {
			return nil, fmt.Errorf("sampler: copula matrix row %d has %d values, want %d", i, len(r[i]), k)
		}
		if r[i][i] != 1 {
			return nil, fmt.Errorf("sampler: copula matrix diagonal %d is %g, want 1", i, r[i][i])
		}
		for j := range i {
			if r[i][j] != r[j][i] || !(math.Abs(r[i][j]) < 1) {
				return nil, fmt.Errorf("sampler: copula matrix entry (%d, %d) = %g: not symmetric or not in (−1, 1)", i, j, r[i][j])
			}
		}
	}
	l, err := cholesky(r)
	if err != nil {
		return nil, err
	}
	return &GaussianCopula{cols: append([]int(nil), cols...), l: l}, nil
}

// cholesky returns L, lower triangular with L Lᵀ = r, by the
// Cholesky–Banachiewicz recurrence; it fails unless r is positive definite.
func cholesky(r [][]float64) ([][]float64, error) {
	k := len(r)
	l := make([][]float64, k)
	for i := range k {
		l[i] = make([]float64, i+1)
		for j := 0; j <= i; j++ {
			s := r[i][j]
			for m := range j {
				s -= l[i][m] * l[j][m]
			}
			if i == j {
				if !(s > 0) {
					return nil, fmt.Errorf("sampler: copula matrix is not positive definite (pivot %d is %g)", i, s)
				}
				l[i][i] = math.Sqrt(s)
			} else {
				l[i][j] = s / l[j][j]
			}
		}
	}
	return l, nil
}

// Cols returns the coordinates the copula transforms.
func (c *GaussianCopula) Cols() []int { return c.cols }

// Transform replaces, in every row s, the coordinates u[cols[i]][s] by the
// copula's u'_i. All columns u[cols[i]] have the same length.
func (c *GaussianCopula) Transform(u [][]float64) {
	k := len(c.cols)
	if k < 2 {
		return
	}
	n := len(u[c.cols[0]])
	z := make([]float64, k)
	for s := range n {
		for i, col := range c.cols {
			z[i] = mathext.NormalQuantile(min(max(u[col][s], copulaLo), copulaHi))
		}
		// z' = L z in place, last row first (row i reads z_0 … z_i).
		for i := k - 1; i > 0; i-- {
			li := c.l[i]
			acc := 0.0
			for j, v := range li {
				acc += v * z[j]
			}
			z[i] = acc
		}
		for i := 1; i < k; i++ {
			u[c.cols[i]][s] = min(max(0.5*math.Erfc(-z[i]/math.Sqrt2), copulaLo), copulaHi)
		}
	}
}
