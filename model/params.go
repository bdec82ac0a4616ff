package model

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// params reads a model's parameters. Each getter consumes one parameter and
// returns its default when it is absent; done reports the parameters no
// getter asked for, so that a misspelt name is an error rather than silently
// ignored.
type params struct {
	model string
	m     map[string]any
	known []string
}

func newParams(model string, m map[string]any) *params {
	return &params{model: model, m: m}
}

// number converts a scenario value to float64. YAML decoders hand integers
// over as int, floats as float64.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint:
		return float64(x), true
	}
	return 0, false
}

// float returns the finite number parameter name, or def.
func (p *params) float(name string, def float64) (float64, error) {
	p.known = append(p.known, name)
	v, ok := p.m[name]
	if !ok {
		return def, nil
	}
	x, ok := number(v)
	if !ok {
		return 0, &ParamError{Param: name, Msg: fmt.Sprintf("want a number, got %v (%T)", v, v)}
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, &ParamError{Param: name, Msg: fmt.Sprintf("want a finite number, got %v", x)}
	}
	return x, nil
}

// int returns the integer parameter name, or def. A float with an integral
// value is accepted.
func (p *params) int(name string, def int) (int, error) {
	x, err := p.float(name, float64(def))
	if err != nil {
		return 0, err
	}
	if x != math.Trunc(x) || math.Abs(x) > 1<<31 {
		return 0, &ParamError{Param: name, Msg: fmt.Sprintf("want an integer, got %v", x)}
	}
	return int(x), nil
}

// floats returns the list-of-numbers parameter name, or a copy of def.
func (p *params) floats(name string, def []float64) ([]float64, error) {
	p.known = append(p.known, name)
	v, ok := p.m[name]
	if !ok {
		return append([]float64(nil), def...), nil
	}
	var xs []float64
	switch l := v.(type) {
	case []float64:
		xs = append(xs, l...)
	case []any:
		for i, e := range l {
			x, ok := number(e)
			if !ok {
				return nil, &ParamError{Param: name, Msg: fmt.Sprintf("want a list of numbers, element %d is %v (%T)", i, e, e)}
			}
			xs = append(xs, x)
		}
	default:
		return nil, &ParamError{Param: name, Msg: fmt.Sprintf("want a list of numbers, got %v (%T)", v, v)}
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, &ParamError{Param: name, Msg: fmt.Sprintf("element %d is %v; want finite numbers", i, x)}
		}
	}
	return xs, nil
}

// done reports the first (in sorted order) parameter that no getter read.
func (p *params) done() error {
	var unknown []string
	for k := range p.m {
		found := false
		for _, n := range p.known {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	takes := "no parameters"
	if len(p.known) > 0 {
		takes = "parameters " + strings.Join(p.known, ", ")
	}
	return &ParamError{Param: unknown[0], Msg: fmt.Sprintf("model %s has no such parameter (it takes %s)", p.model, takes)}
}

// noYears rejects a year selection for a model whose outputs are all scalars.
func noYears(model string, years []int) error {
	if years != nil {
		return &ParamError{Param: "years", Msg: fmt.Sprintf("model %s has only scalar outputs; it takes no years", model)}
	}
	return nil
}

// selectYears checks that years is a strictly increasing selection of
// [first, last]; nil selects them all. It returns the selection and, for
// each step first..last, its position in it (−1 if not selected).
func selectYears(years []int, first, last int) ([]int, []int, error) {
	if years == nil {
		years = make([]int, last-first+1)
		for i := range years {
			years[i] = first + i
		}
	} else {
		years = append([]int(nil), years...)
	}
	if len(years) == 0 {
		return nil, nil, &ParamError{Param: "years", Msg: "empty selection"}
	}
	pos := make([]int, last-first+1)
	for i := range pos {
		pos[i] = -1
	}
	for i, y := range years {
		if y < first || y > last {
			return nil, nil, &ParamError{Param: "years", Msg: fmt.Sprintf("%d is outside %d–%d", y, first, last)}
		}
		if i > 0 && y <= years[i-1] {
			return nil, nil, &ParamError{Param: "years", Msg: fmt.Sprintf("want strictly increasing years, got %d after %d", y, years[i-1])}
		}
		pos[y-first] = i
	}
	return years, pos, nil
}
