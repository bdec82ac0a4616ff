package model

import (
	"errors"
	"sort"
	"strings"
	"testing"
)

// TestEveryModelDocumented: every registered model has a Doc whose
// parameters are exactly those the model reads (an unknown parameter's
// error lists them).
func TestEveryModelDocumented(t *testing.T) {
	for _, name := range Names() {
		d, ok := DocOf(name)
		if !ok || d.Summary == "" {
			t.Errorf("model %s: no documentation (call Document in its init)", name)
			continue
		}
		var documented []string
		for _, p := range d.Parameters {
			documented = append(documented, p.Name)
			if p.Description == "" {
				t.Errorf("model %s: parameter %s has no description", name, p.Name)
			}
		}
		sort.Strings(documented)
		params := map[string]any{"zz_not_a_parameter": 1.0}
		if strings.HasPrefix(name, "ai-services") {
			params["services"] = []any{"chat"}
		}
		_, err := New(name, Config{Params: params})
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Param != "zz_not_a_parameter" {
			t.Errorf("model %s: unknown parameter not refused: %v", name, err)
			continue
		}
		var read []string
		if i := strings.Index(pe.Msg, "(it takes parameters "); i >= 0 {
			read = strings.Split(strings.TrimSuffix(pe.Msg[i+len("(it takes parameters "):], ")"), ", ")
		}
		sort.Strings(read)
		takes, want := strings.Join(read, ", "), strings.Join(documented, ", ")
		if takes != want {
			t.Errorf("model %s reads parameters %q, documented %q (%s)", name, takes, want, pe.Msg)
		}
	}
}
