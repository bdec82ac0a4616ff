package inputs

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Interpolation chooses the empirical quantile function.
type Interpolation int

const (
	// Linear interpolates between order statistics: Hyndman & Fan (1996)
	// type 7, the default of numpy.quantile and R's quantile. With the
	// sorted sample x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1) p,
	//
	//	Q(p) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
	Linear Interpolation = iota
	// Step is the inverse of the empirical CDF, Hyndman & Fan type 1
	// (numpy's "inverted_cdf"): Q(p) = x₍ⱼ₎ with j = ⌈n p⌉ (1-based), j ≥ 1.
	// It only returns values of the sample.
	Step
)

// String returns the name used in scenario files.
func (i Interpolation) String() string {
	if i == Step {
		return "step"
	}
	return "linear"
}

// ParseInterpolation reads "linear" or "step".
func ParseInterpolation(s string) (Interpolation, error) {
	switch s {
	case "linear":
		return Linear, nil
	case "step":
		return Step, nil
	}
	return 0, badParam("interpolation", "unknown interpolation %q (allowed: linear, step)", s)
}

// Empirical is the distribution of a sample, drawn through its empirical
// quantile function (see Interpolation). Hyndman, R. J. & Fan, Y. (1996),
// "Sample quantiles in statistical packages", Am. Stat. 50:361–365.
type Empirical struct {
	sorted []float64
	interp Interpolation
	source string // "file=data.csv, column=x" when read from a file
}

// maxListedValues is how many values String lists before it switches to a
// digest of the sample.
const maxListedValues = 8

// NewEmpirical returns the empirical distribution of a non-empty sample of
// finite values.
func NewEmpirical(values []float64, interp Interpolation) (*Empirical, error) {
	if len(values) == 0 {
		return nil, badParam("values", "values must not be empty")
	}
	for i, v := range values {
		if !isFinite(v) {
			return nil, badElem("values", i, "values[%d] must be a finite number, got %s", i, num(v))
		}
	}
	if interp != Linear && interp != Step {
		return nil, badParam("interpolation", "unknown interpolation %d", int(interp))
	}
	s := slices.Clone(values)
	slices.Sort(s)
	return &Empirical{sorted: s, interp: interp}, nil
}

// Len returns the sample size.
func (e *Empirical) Len() int { return len(e.sorted) }

// Interpolation returns the quantile rule.
func (e *Empirical) Interpolation() Interpolation { return e.interp }

// Quantile returns the p-quantile of the sample.
func (e *Empirical) Quantile(p float64) float64 {
	checkProb(p)
	x := e.sorted
	n := len(x)
	if e.interp == Step {
		j := int(math.Ceil(float64(n) * p))
		return x[min(max(j, 1), n)-1]
	}
	h := float64(n-1) * p
	i := int(h)
	if i >= n-1 {
		return x[n-1]
	}
	return x[i] + (h-float64(i))*(x[i+1]-x[i])
}

// String names the sample's source, its size and the interpolation; it lists
// a small sample and otherwise gives a SHA-256 digest of the sorted values,
// so that a changed data file changes the string (and the design hash).
func (e *Empirical) String() string {
	s := "empirical("
	if e.source != "" {
		s += e.source + ", "
	}
	s += "n=" + strconv.Itoa(len(e.sorted))
	if len(e.sorted) <= maxListedValues {
		s += ", values=" + nums(e.sorted)
	} else {
		h := sha256.New()
		var b [8]byte
		for _, v := range e.sorted {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			h.Write(b[:])
		}
		s += ", sha256=" + hex.EncodeToString(h.Sum(nil)[:8])
	}
	return s + fmt.Sprintf(", interpolation=%v)", e.interp)
}
