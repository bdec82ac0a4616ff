package formula

import (
	"math"
	"strings"
	"testing"

	"mc/model"
)

// compile builds a model from the text of a model file.
func compile(t testing.TB, src string, factors []string, cfg model.Config) *Model {
	t.Helper()
	sp, err := ParseFile("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(sp, factors, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// eval runs m on columns of factor values.
func eval(m *Model, in [][]float64) [][]float64 {
	n := len(in[0])
	ns := 0
	for _, o := range m.Outputs() {
		ns += o.Len()
	}
	out := make([][]float64, ns)
	for i := range out {
		out[i] = make([]float64, n)
	}
	m.Evaluate(in, out)
	return out
}

func TestIshigamiFormula(t *testing.T) {
	m := compile(t, `
parameters: {a: 7, b: 0.1}
equations:
  y: sin(x1) + a * pow(sin(x2), 2) + b * pow(x3, 4) * sin(x1)
`, []string{"x1", "x2", "x3"}, model.Config{})
	ref, err := model.New("ishigami", model.Config{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	in := make([][]float64, 3)
	for j := range in {
		in[j] = make([]float64, n)
		for i := range in[j] {
			in[j][i] = -math.Pi + 2*math.Pi*math.Mod(float64(i*(j+3))*0.6180339887, 1)
		}
	}
	got := eval(m, in)
	want := make([][]float64, 1)
	want[0] = make([]float64, n)
	ref.Evaluate(in, want)
	for i := range n {
		if math.Abs(got[0][i]-want[0][i]) > 1e-12*(1+math.Abs(want[0][i])) {
			t.Fatalf("sample %d: got %v, want %v", i, got[0][i], want[0][i])
		}
	}
}

func TestRecurrence(t *testing.T) {
	m := compile(t, `
years: {from: 2020, to: 2024}
equations:
  stock: prev(stock, s0) * (1 - 1/life) + inflow
  inflow: 10 * pow(g, t - 2020)
  total: {value: stock * 2, unit: kWh}
outputs: [total, stock]
`, []string{"s0", "life", "g"}, model.Config{})
	in := [][]float64{{100, 50}, {4, 2}, {1.1, 1}}
	out := eval(m, in)
	for s := range 2 {
		stock := in[0][s]
		for j := range 5 {
			stock = stock*(1-1/in[1][s]) + 10*math.Pow(in[2][s], float64(j))
			if got := out[5+j][s]; got != stock {
				t.Fatalf("sample %d year %d: stock %v, want %v", s, j, got, stock)
			}
			if got := out[j][s]; got != 2*stock {
				t.Fatalf("sample %d year %d: total %v, want %v", s, j, got, 2*stock)
			}
		}
	}
	if o := m.Outputs(); o[0].Unit != "kWh" || len(o[1].Years) != 5 {
		t.Fatalf("outputs %+v", o)
	}
}

// Selecting output years skips the ops that only feed outputs in the other
// years, but the recurrence still runs through them: the selected year's
// values are those of the full run.
func TestYearSelectionKeepsRecurrence(t *testing.T) {
	src := `
years: {from: 2020, to: 2024}
equations:
  stock: prev(stock, s0) * (1 - 1/life) + inflow
  inflow: 10 * pow(g, t - 2020)
  total: stock * 2
outputs: [total, stock]
`
	in := [][]float64{{100, 50}, {4, 2}, {1.1, 1}}
	full := eval(compile(t, src, []string{"s0", "life", "g"}, model.Config{}), in)
	sel := eval(compile(t, src, []string{"s0", "life", "g"}, model.Config{Years: []int{2023}}), in)
	if len(sel) != 2 {
		t.Fatalf("%d series", len(sel))
	}
	for s := range 2 {
		if sel[0][s] != full[3][s] || sel[1][s] != full[5+3][s] {
			t.Fatalf("sample %d: selected %v %v, full %v %v", s, sel[0][s], sel[1][s], full[3][s], full[8][s])
		}
	}
	if _, err := New(mustParse(t, src), []string{"s0", "life", "g"}, model.Config{Years: []int{2030}}); err == nil || !strings.Contains(err.Error(), "2030 is not a year of the formula model (2020–2024)") {
		t.Fatalf("got %v", err)
	}
}

func mustParse(t *testing.T, src string) *Spec {
	t.Helper()
	sp, err := ParseFile("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// The scalar-operand kernels compute exactly what apply computes on a
// vector of copies of the scalar.
func TestScalarKernelsEqualApply(t *testing.T) {
	a := []float64{-2, -0.5, 0, 0.5, 1, 3, math.Inf(1), math.NaN()}
	for _, x := range []float64{-1, 0, 0.5, 2, math.Inf(-1)} {
		xs := make([]float64, len(a))
		for i := range xs {
			xs[i] = x
		}
		for code := opAdd; code <= opIf; code++ {
			if !scalarKernel(code) {
				continue
			}
			for _, first := range []bool{false, true} {
				got, want := make([]float64, len(a)), make([]float64, len(a))
				applyScalar(code, got, a, x, first)
				if first {
					apply(code, want, xs, a, nil)
				} else {
					apply(code, want, a, xs, nil)
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
						t.Fatalf("op %d, x %v, first %v, a %v: %v, want %v", code, x, first, a[i], got[i], want[i])
					}
				}
			}
		}
	}
}
