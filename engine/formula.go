package engine

import (
	"errors"
	"fmt"

	"mc/inputs"
	"mc/model"
	"mc/model/external"
	"mc/model/formula"
)

// finishRun ends a run of p: a model that runs processes stops them, and a
// model that failed (an external simulator that crashed, hung or answered
// wrongly writes NaN, which stops the run) replaces the run's error by its own.
func finishRun(p *Plan, err *error) {
	if f, ok := p.Model.(interface{ Failure() error }); ok && *err != nil {
		if ferr := f.Failure(); ferr != nil {
			*err = fmt.Errorf("%w\n(where the run stopped: %v)", ferr, *err)
		}
	}
	if c, ok := p.Model.(interface{ Close() error }); ok {
		c.Close()
	}
}

// modelNote is what a model says before it runs (an external model: the
// command and its folder), or "".
func modelNote(m model.Model) string {
	if n, ok := m.(interface{ Note() string }); ok {
		return n.Note()
	}
	return ""
}

// newModel builds the scenario's model: a compiled model by name, or a
// formula model from the scenario's model: mapping (or the model file it
// names). Formula errors keep their file:line:column, inside the
// expression where the problem is.
func newModel(sc *inputs.Scenario, cfg model.Config) (model.Model, error) {
	if sc.ModelNode == nil {
		return model.New(sc.Model, cfg)
	}
	sp, err := formula.Read(sc.File, sc.Text, sc.ModelNode)
	if err == nil {
		names := make([]string, len(sc.Factors))
		for i, f := range sc.Factors {
			names[i] = f.Name
		}
		if sp.Command != nil {
			m, err := external.New(sp, names, cfg)
			if err != nil {
				return nil, formulaErrors(err)
			}
			return m, nil
		}
		var m *formula.Model
		if m, err = formula.New(sp, names, cfg); err == nil {
			return m, nil
		}
	}
	return nil, formulaErrors(err)
}

// formulaErrors turns formula errors into scenario errors (same positions).
func formulaErrors(err error) error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	out := make([]error, len(list))
	for i, e := range list {
		var fe *formula.Error
		if errors.As(e, &fe) {
			out[i] = &inputs.Error{Pos: inputs.Pos(fe.Pos), Msg: fe.Msg}
		} else {
			out[i] = e
		}
	}
	if len(out) == 1 {
		return out[0]
	}
	return errors.Join(out...)
}

// modelSource is what identifies a model written in the scenario (its
// equations, or its command) for the design hash: states of two formula
// models with the same factors but other equations must never merge. It is
// "" for a compiled model, which its name identifies.
func modelSource(m model.Model) string {
	if s, ok := m.(interface{ Source() string }); ok {
		return s.Source()
	}
	return ""
}
