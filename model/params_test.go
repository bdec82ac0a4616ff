package model

import (
	"errors"
	"testing"
)

func TestParamErrors(t *testing.T) {
	med := map[string]float64{"h0": 0.3, "h1": 0.08}
	for _, c := range []struct {
		model string
		cfg   Config
		param string
	}{
		{"ishigami", Config{Params: map[string]any{"a": "seven"}}, "a"},
		{"ishigami", Config{Params: map[string]any{"b": []any{1.0}}}, "b"},
		{"ishigami", Config{Params: map[string]any{"c": 1.0}}, "c"},
		{"ishigami", Config{Years: []int{1}}, "years"},
		{"sobol-g", Config{Params: map[string]any{"a": 3.0}}, "a"},
		{"sobol-g", Config{Params: map[string]any{"a": []any{1.0, "x"}}}, "a"},
		{"sobol-g", Config{Params: map[string]any{"a": []any{}}}, "a"},
		{"sobol-g", Config{Params: map[string]any{"a": []any{1.0, -0.5}}}, "a"},
		{"sobol-g", Config{Params: map[string]any{"k": 3}}, "k"},
		{"morris2006", Config{Params: map[string]any{"p": 1}}, "p"},
		{"morris2006", Config{Params: map[string]any{"p": 21.0, "M": 20}}, "p"},
		{"morris2006", Config{Params: map[string]any{"p": 2.5}}, "p"},
		{"morris2006", Config{Params: map[string]any{"M": "x"}}, "M"},
		{"atantemp", Config{Params: map[string]any{"q": 1}}, "q"},
		{"atantemp", Config{Params: map[string]any{"q": 2.5}}, "q"},
		{"atantemp", Config{Params: map[string]any{"q": 5}, Years: []int{5}}, "years"},
		{"atantemp", Config{Years: []int{2, 1}}, "years"},
		{"ai-global-v1", Config{Params: map[string]any{"q": 5}, Medians: med}, "q"},
		{"ai-global-v1", Config{Years: []int{2019}, Medians: med}, "years"},
		{"ai-global-v1", Config{Years: []int{2030, 2030}, Medians: med}, "years"},
		{"ai-global-v1", Config{Years: []int{}, Medians: med}, "years"},
	} {
		_, err := New(c.model, c.cfg)
		var pe *ParamError
		if !errors.As(err, &pe) {
			t.Errorf("%s %+v: got %v, want a *ParamError", c.model, c.cfg, err)
			continue
		}
		if pe.Param != c.param {
			t.Errorf("%s %+v: error names %q, want %q (%v)", c.model, c.cfg, pe.Param, c.param, err)
		}
	}
}

func TestAIGlobalNeedsMedians(t *testing.T) {
	for _, med := range []map[string]float64{nil, {"h0": 0.3}, {"h0": 0.3, "h1": -2}} {
		if _, err := New("ai-global-v1", Config{Medians: med}); err == nil {
			t.Errorf("medians %v: no error", med)
		}
	}
}

func TestDefaultParams(t *testing.T) {
	for _, c := range []struct {
		model   string
		factors int
		series  int
	}{
		{"ishigami", 3, 1},
		{"sobol-g", 8, 1},
		{"morris2006", 20, 1},
		{"atantemp", 2, 100},
	} {
		m, err := New(c.model, Config{})
		if err != nil {
			t.Fatalf("%s: %v", c.model, err)
		}
		if got := len(m.Factors()); got != c.factors {
			t.Errorf("%s: %d factors, want %d", c.model, got, c.factors)
		}
		if got := len(SeriesOf(m.Outputs())); got != c.series {
			t.Errorf("%s: %d series, want %d", c.model, got, c.series)
		}
	}
}
