package model

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// golden is testdata/golden_aiglobal.json.gz, written by testdata/gen_golden.py
// from the numpy oracle (testdata/ai_model_reference.py, the reference of docs/ai-model-v1.md).
// To regenerate: cd model/testdata && /usr/bin/python3 gen_golden.py
// (needs Debian's python3-numpy).
type golden struct {
	Years   []int                  `json:"years"`
	Nominal map[string]float64     `json:"nominal"`
	Kinds   []string               `json:"kinds"`
	Factors map[string][]float64   `json:"factors"`
	Outputs map[string][][]float64 `json:"outputs"`
}

func loadGolden(t testing.TB) *golden {
	t.Helper()
	f, err := os.Open("testdata/golden_aiglobal.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.NewDecoder(z).Decode(&g); err != nil {
		t.Fatalf("decoding golden file: %v", err)
	}
	return &g
}

// expected returns the golden trajectories of output name: stored ones as
// they are, totals and component sums added up from the stored components.
func (g *golden) expected(name string) ([][]float64, bool) {
	if v, ok := g.Outputs[name]; ok {
		return v, true
	}
	crit, rest, ok := strings.Cut(name, "_")
	if !ok {
		return nil, false
	}
	_, hasManuf := g.Outputs[crit+"_manuf_train"]
	var parts []string
	switch {
	case rest == "total":
		for _, c := range compNames {
			parts = append(parts, crit+"_use_"+c)
			if hasManuf {
				parts = append(parts, crit+"_manuf_"+c)
			}
		}
	case rest == "use" || rest == "manuf":
		for _, c := range compNames {
			parts = append(parts, crit+"_"+rest+"_"+c)
		}
	default:
		parts = append(parts, crit+"_use_"+rest)
		if hasManuf {
			parts = append(parts, crit+"_manuf_"+rest)
		}
	}
	var sum [][]float64
	for _, p := range parts {
		v, ok := g.Outputs[p]
		if !ok {
			return nil, false
		}
		if sum == nil {
			sum = make([][]float64, len(v))
			for i := range v {
				sum[i] = make([]float64, len(v[i]))
			}
		}
		for i := range v {
			for j := range v[i] {
				sum[i][j] += v[i][j]
			}
		}
	}
	return sum, true
}

// factorBlock lays the golden factor vectors out as Evaluate reads them.
func (g *golden) factorBlock(t testing.TB, m Model) [][]float64 {
	t.Helper()
	var in [][]float64
	for _, f := range m.Factors() {
		v, ok := g.Factors[f.Name]
		if !ok {
			t.Fatalf("golden file has no factor %s", f.Name)
		}
		in = append(in, v)
	}
	if len(in) != len(g.Factors) {
		t.Fatalf("golden file has %d factors, the model %d", len(g.Factors), len(in))
	}
	return in
}

func newBlock(series, n int) [][]float64 {
	out := make([][]float64, series)
	for i := range out {
		out[i] = make([]float64, n)
	}
	return out
}

// TestAIGlobalGolden checks every output, year and vector against the oracle
// to 1e-9 relative.
func TestAIGlobalGolden(t *testing.T) {
	g := loadGolden(t)
	m, err := New("ai-global-v1", Config{Medians: g.Nominal})
	if err != nil {
		t.Fatal(err)
	}
	in := g.factorBlock(t, m)
	n := len(g.Kinds)
	outs := m.Outputs()
	ser := SeriesOf(outs)
	out := newBlock(len(ser), n)
	m.Evaluate(in, out)

	const rtol, atol = 1e-9, 1e-300
	for oi, o := range outs {
		want, ok := g.expected(o.Name)
		if !ok {
			t.Errorf("no golden value for output %s", o.Name)
			continue
		}
		if len(o.Years) != len(g.Years) {
			t.Fatalf("output %s has %d years, golden %d", o.Name, len(o.Years), len(g.Years))
		}
		bad := 0
		for yi, year := range o.Years {
			if year != g.Years[yi] {
				t.Fatalf("output %s: year %d is %d, golden %d", o.Name, yi, year, g.Years[yi])
			}
			col := out[oi*len(o.Years)+yi]
			for s := range n {
				got, w := col[s], want[s][yi]
				if !(math.Abs(got-w) <= rtol*math.Abs(w)+atol) {
					if bad < 3 {
						t.Errorf("%s %d, vector %d (%s): got %.17g, oracle %.17g (rel. err. %.2g)",
							o.Name, year, s, g.Kinds[s], got, w, math.Abs(got-w)/math.Abs(w))
					}
					bad++
				}
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d mismatches in all", o.Name, bad)
		}
	}
}
