// Package model holds the vectorised models that mc evaluates.
//
// A model reads a block of samples held as one slice per factor and writes one
// slice per output series. A series is one scalar output, or one year of a
// trajectory output; series are numbered output by output, and year by year
// inside a trajectory (see Series). Column-major blocks keep the inner loops of
// both the model and the accumulators over contiguous memory, which is what
// keeps a model with ~60 factors and ~1,500 series fast.
//
// Models are deterministic: all randomness comes from the sampler.
package model

import (
	"fmt"
	"sort"
)

// Factor is an input a model reads.
type Factor struct {
	Name        string
	Unit        string
	Description string
}

// Output is one model output: a scalar when Years is nil, else a trajectory
// with one value per year.
type Output struct {
	Name        string
	Unit        string
	Description string
	Years       []int

	// Optional classification, for reports that pick outputs by role (empty
	// when a model does not say). Kind is "impact" (a criterion's value, see
	// Criterion, Phase, Component), "intensity" (per unit of service),
	// "diagnostic" or "factor" (an electricity or facility factor). Criterion
	// names the impact criterion (e.g. "GWP"); Phase is "total", "use",
	// "manuf" or "manuf_amort"; Component is empty for a sum over components.
	Kind      string
	Criterion string
	Phase     string
	Component string
}

// CloneOutputs returns a copy of outs that shares no Years slice with it, for
// models whose Outputs must not let callers change their own.
func CloneOutputs(outs []Output) []Output {
	c := make([]Output, len(outs))
	for i, o := range outs {
		o.Years = append([]int(nil), o.Years...)
		c[i] = o
	}
	return c
}

// Len is the number of series of the output: 1 for a scalar.
func (o Output) Len() int {
	if o.Years == nil {
		return 1
	}
	return len(o.Years)
}

// Model evaluates blocks of samples.
type Model interface {
	// Factors lists the inputs in the order Evaluate reads them.
	Factors() []Factor
	// Outputs lists the outputs in the order of their series.
	Outputs() []Output
	// Evaluate reads in[j][s], the value of factor j for sample s, and writes
	// out[c][s], series c for sample s. All slices have the same length n.
	// Evaluate must be safe for concurrent use on distinct slices and must not
	// retain them.
	Evaluate(in, out [][]float64)
}

// BatchHinter is implemented by models that run best on blocks of a given
// number of samples (e.g. models with thousands of output series, whose
// output block should stay in cache); the engine uses it when no batch size
// is given. Results never depend on the batch size.
type BatchHinter interface {
	PreferredBatch() int
}

// OutputSubsetter is implemented by models that compute fewer outputs for
// less. WithOutputs returns a model with the same factors and outputs whose
// Evaluate writes, to the bit as the full model does, the columns of every
// output o with need[o] true (len(need) == len(Outputs())), and may leave
// the columns of the others untouched. The engine uses it when a run
// accumulates only some outputs (the explorer's chosen criterion).
type OutputSubsetter interface {
	WithOutputs(need []bool) Model
}

// Config is what a model is built from: the scenario's model parameters, the
// years it asks for (nil: the model's own), and the median of each factor's
// distribution (models that need a reference trajectory use it, never the sample).
type Config struct {
	Params  map[string]any
	Years   []int
	Medians map[string]float64
}

// ParamError reports a bad model parameter; Param names it.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string {
	if e.Param == "" {
		return e.Msg
	}
	return fmt.Sprintf("parameter %s: %s", e.Param, e.Msg)
}

// Constructor builds a model from its configuration.
type Constructor func(Config) (Model, error)

var registry = map[string]Constructor{}

// Register makes a model available by name. It is called from init functions.
func Register(name string, c Constructor) {
	if _, dup := registry[name]; dup {
		panic("model: Register called twice for " + name)
	}
	registry[name] = c
}

// Names lists the registered models, sorted.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New builds the named model.
func New(name string, cfg Config) (Model, error) {
	c, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown model %q (known: %v)", name, Names())
	}
	return c(cfg)
}

// Series is one column of a model's output block: output Output, year Year
// (0 for a scalar output).
type Series struct {
	Output int
	Name   string
	Year   int
}

// SeriesOf enumerates the series of a model's outputs in Evaluate's order.
func SeriesOf(outs []Output) []Series {
	var s []Series
	for i, o := range outs {
		if o.Years == nil {
			s = append(s, Series{Output: i, Name: o.Name})
			continue
		}
		for _, y := range o.Years {
			s = append(s, Series{Output: i, Name: o.Name, Year: y})
		}
	}
	return s
}
