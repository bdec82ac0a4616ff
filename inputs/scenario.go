package inputs

import (
	"fmt"
	"strconv"

	yaml "go.yaml.in/yaml/v3"
)

// FormulaModel is the model name of a scenario whose model is written as formulas.
const FormulaModel = "formula"

// ExternalModel is the model name of a scenario whose model runs a program
// (model: {command: [...], outputs: [...]}).
const ExternalModel = "external"

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
	// Clipped: names and values come from the file, whatever their size.
	msg := clipTo(e.Msg, maxMsg)
	if e.Factor != "" {
		return fmt.Sprintf("%s: factor %s: %s", e.Pos, clip(e.Factor), msg)
	}
	return fmt.Sprintf("%s: %s", e.Pos, msg)
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
	// GroupPos is where the group's name stands (zero if none).
	GroupPos Pos
}

// SobolOptions configures method sobol.
type SobolOptions struct {
	SecondOrder bool    // second-order indices (doubles the cost)
	By          string  // factor | group | both
	CI          float64 // confidence level, default 0.95
	Estimator   string  // first order: saltelli2010 (default), janon, martinez, sobol2007
	Total       string  // total order: jansen1999 (default), ...
	Replicates  int     // consecutive blocks of the batch-means part of the intervals (docs/methods.md)
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
	// Scales[i] is the scale asked for Indices[i]: ScaleLinear, ScaleLog or
	// "" (unset: linear unless another entry gives the output a scale);
	// IndexPos[i] is where Indices[i] stands (see inputs/outputs.go).
	Scales   []string
	IndexPos []Pos
}

// Scenario is a parsed scenario file.
type Scenario struct {
	File string // path as given
	Text []byte // the file's bytes, kept for the results' metadata

	Model    string
	ModelPos Pos
	// ModelNode is the mapping of a formula model (model: {equations: …}
	// or {file: …}) or of an external model ({command: …}), nil for a
	// compiled model; Model is then FormulaModel or ExternalModel.
	ModelNode *yaml.Node
	Params    map[string]any // float64, string, bool, []any, map[string]any
	ParamPos  map[string]Pos
	Years     []int // nil: the model's own

	Samples int
	Design  string // mc | lhs | sobol; "" if the file sets none (see Parse)
	Seed    uint64
	Method  string // mc | sobol | morris
	Sobol   SobolOptions
	Morris  MorrisOptions
	Outputs OutputSelection

	Factors []Factor // in file order
	// Correlations are the declared rank correlations, pair by pair in
	// file order (see correlations.go).
	Correlations []Correlation

	// Keys holds the position of the value of every key the file sets, at
	// the top level ("samples", "years") and in the sections ("sobol.max_samples",
	// "morris.levels"), so that later checks can point into the file.
	Keys map[string]Pos

	// Groups declares what the factors' groups are (levers or exogenous
	// uncertainties), in file order; nil when the file has no groups: key
	// (see inputs/groups.go and GroupKind).
	Groups []Group

	References []Reference // published figures to check the results against
}

// QuantileSlicer is implemented by distributions that compute many quantiles
// at once faster than one call each; results equal Quantile's.
type QuantileSlicer interface {
	QuantileSlice(dst, p []float64)
}
