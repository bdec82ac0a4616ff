package inputs

import (
	"fmt"
	"strconv"
)

// Pos is a place in a scenario file.
type Pos struct {
	File   string
	Line   int
	Column int
}

// String returns "file:line:column", leaving out what is unknown (the YAML
// parser reports syntax errors by line only).
func (p Pos) String() string {
	s := p.File
	if p.Line == 0 {
		return s
	}
	if s != "" {
		s += ":"
	}
	s += strconv.Itoa(p.Line)
	if p.Column > 0 {
		s += ":" + strconv.Itoa(p.Column)
	}
	return s
}

// Error is a problem in a scenario file: where it is, which factor (if any),
// and what was expected.
type Error struct {
	Pos    Pos
	Factor string
	Msg    string
}

func (e *Error) Error() string {
	if e.Factor != "" {
		return fmt.Sprintf("%s: factor %s: %s", e.Pos, e.Factor, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
}

// Distribution is a probability distribution of one factor, sampled through
// its quantile function (inverse CDF).
type Distribution interface {
	// Quantile returns the p-quantile, 0 < p < 1.
	Quantile(p float64) float64
	// String describes the distribution with its explicit parameter names,
	// e.g. "triangular(min=0, mode=1, max=2)".
	String() string
}

// Factor is one uncertain (or fixed) input of the model.
type Factor struct {
	Name        string
	Unit        string
	Description string
	Source      string
	Group       string // the lever it belongs to; "" if none
	Dist        Distribution
	// Fixed factors are not sampled: they take Value in every sample.
	Fixed bool
	Value float64
	Pos   Pos // where the factor's key stands
}

// SobolOptions configures method sobol.
type SobolOptions struct {
	SecondOrder bool    // second-order indices (doubles the cost)
	By          string  // factor | group | both
	CI          float64 // confidence level, default 0.95
	Estimator   string  // first order: saltelli2010 (default), janon, martinez, sobol2007
	Total       string  // total order: jansen1999 (default), ...
	Replicates  int     // independent scrambles for the confidence intervals
	TargetCI    float64 // keep doubling N until every CI is narrower (0: off)
	MaxSamples  int     // upper bound on N with TargetCI
}

// MorrisOptions configures method morris.
type MorrisOptions struct {
	Trajectories int // r
	Levels       int // p
	Pool         int // trajectories to choose r from (Campolongo 2007); 0: no selection
}

// OutputSelection names the outputs that get bands and indices. Each entry is
// an output name or a path.Match pattern; empty means the model's defaults.
type OutputSelection struct {
	Bands   []string
	Indices []string
}

// Scenario is a parsed scenario file.
type Scenario struct {
	File string // path as given
	Text []byte // the file's bytes, kept for the results' metadata

	Model    string
	ModelPos Pos
	Params   map[string]any // float64, string, bool, []any, map[string]any
	ParamPos map[string]Pos
	Years    []int // nil: the model's own

	Samples int
	Design  string // mc | lhs | sobol; "" if the file sets none (see Parse)
	Seed    uint64
	Method  string // mc | sobol | morris
	Sobol   SobolOptions
	Morris  MorrisOptions
	Outputs OutputSelection

	Factors []Factor // in file order

	References []Reference // published figures to check the results against
}

// QuantileSlicer is implemented by distributions that compute many quantiles
// at once faster than one call each; results equal Quantile's.
type QuantileSlicer interface {
	QuantileSlice(dst, p []float64)
}
