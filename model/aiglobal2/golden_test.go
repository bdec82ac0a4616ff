package aiglobal2

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"mc/model"
)

// golden is testdata/golden_aiglobal2.json.gz, written by testdata/gen_golden.py
// from the numpy reference (testdata/ai_model_v2_reference.py). To regenerate:
// cd model/aiglobal2/testdata && /usr/bin/python3 gen_golden.py (Debian's python3-numpy).
type golden struct {
	Years   []int                  `json:"years"`
	Kinds   []string               `json:"kinds"`
	Factors map[string][]float64   `json:"factors"`
	Outputs map[string][][]float64 `json:"outputs"`
}

var (
	goldenOnce sync.Once
	goldenData *golden
	goldenErr  error
)

func loadGolden(t testing.TB) *golden {
	t.Helper()
	goldenOnce.Do(func() {
		f, err := os.Open("testdata/golden_aiglobal2.json.gz")
		if err != nil {
			goldenErr = err
			return
		}
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			goldenErr = err
			return
		}
		var g golden
		goldenErr = json.NewDecoder(z).Decode(&g)
		goldenData = &g
	})
	if goldenErr != nil {
		t.Fatalf("golden file: %v", goldenErr)
	}
	return goldenData
}

// inTotalNames are the components summed into totals, in the oracle's order.
var inTotalNames = []string{"pretrain", "posttrain", "infer", "datagen", "dataproc", "storage", "network"}

// expected returns the oracle's trajectories of output name: stored ones as
// they are; sums rebuilt from the stored components in the oracle's order.
func (g *golden) expected(name string) ([][]float64, bool) {
	if v, ok := g.Outputs[name]; ok {
		return v, true
	}
	crit, rest, _ := strings.Cut(name, "_")
	get := func(n string) [][]float64 {
		if r, ok := strings.CutPrefix(n, "GWPmb_manuf"); ok {
			n = "GWP_manuf" + r // GWPmb_manuf = GWP_manuf (docs/ai-model.md §2.8)
		}
		return g.Outputs[n]
	}
	if v := get(name); v != nil {
		return v, true
	}
	sum := func(parts ...[][]float64) [][]float64 {
		for _, p := range parts {
			if p == nil {
				return nil
			}
		}
		out := make([][]float64, len(parts[0]))
		for i := range out {
			out[i] = make([]float64, len(parts[0][i]))
			for j := range out[i] {
				s := 0.0
				for _, p := range parts {
					s += p[i][j]
				}
				out[i][j] = s
			}
		}
		return out
	}
	over := func(phase string) [][]float64 {
		var parts [][][]float64
		for _, c := range inTotalNames {
			parts = append(parts, get(crit+"_"+phase+"_"+c))
		}
		return sum(parts...)
	}
	comp := func(c string) [][]float64 {
		if crit == "FE" {
			return get("FE_use_" + c)
		}
		return sum(get(crit+"_use_"+c), get(crit+"_manuf_"+c))
	}
	var v [][]float64
	switch rest {
	case "use", "manuf", "manuf_amort":
		v = over(rest)
	case "total":
		if crit == "FE" {
			v = over("use")
		} else {
			v = sum(over("use"), over("manuf"))
		}
	case "total_amort":
		v = sum(over("use"), over("manuf_amort"))
	case "train":
		v = sum(comp("pretrain"), comp("posttrain"))
	default:
		v = comp(rest)
	}
	return v, v != nil
}

// factorBlock lays the golden factor vectors out as Evaluate reads them.
func (g *golden) factorBlock(t testing.TB, m model.Model) [][]float64 {
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

func evalAll(t testing.TB, m model.Model, in [][]float64) (map[string][][]float64, []model.Output) {
	t.Helper()
	outs := m.Outputs()
	ser := model.SeriesOf(outs)
	n := len(in[0])
	out := newBlock(len(ser), n)
	m.Evaluate(in, out)
	res := map[string][][]float64{}
	c := 0
	for _, o := range outs {
		v := make([][]float64, n)
		for s := range v {
			v[s] = make([]float64, len(o.Years))
		}
		for yi := range o.Years {
			for s := range n {
				v[s][yi] = out[c][s]
			}
			c++
		}
		res[o.Name] = v
	}
	return res, outs
}

// TestGolden checks every output, year and vector against the oracle with the
// rule of docs/ai-model.md §2.10: |go − oracle| ≤ 1e-9·max(|oracle|, 1e-3·max_t |oracle|);
// a series that is 0 in the oracle must be 0.
func TestGolden(t *testing.T) {
	g := loadGolden(t)
	m, err := New(model.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in := g.factorBlock(t, m)
	got, outs := evalAll(t, m, in)
	if len(outs) != 355 {
		t.Errorf("%d outputs, want 355", len(outs))
	}
	const rtol = 1e-9
	worst, worstName := 0.0, ""
	for _, o := range outs {
		want, ok := g.expected(o.Name)
		if !ok {
			t.Errorf("no golden value for output %s", o.Name)
			continue
		}
		bad := 0
		for s := range want {
			peak := 0.0
			for _, v := range want[s] {
				peak = max(peak, math.Abs(v))
			}
			for yi, w := range want[s] {
				y := got[o.Name][s][yi]
				scale := max(math.Abs(w), 1e-3*peak)
				d := math.Abs(y - w)
				ok := d <= rtol*scale
				if w == 0 && peak == 0 {
					ok = y == 0
				}
				if scale > 0 && d/scale > worst {
					worst, worstName = d/scale, o.Name
				}
				if !ok {
					if bad < 3 {
						t.Errorf("%s %d, vector %d (%s): got %.17g, oracle %.17g", o.Name, g.Years[yi], s, g.Kinds[s], y, w)
					}
					bad++
				}
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d mismatches in all", o.Name, bad)
		}
	}
	t.Logf("worst relative difference %.2g (%s), %d vectors, %d outputs", worst, worstName, len(g.Kinds), len(outs))
}
