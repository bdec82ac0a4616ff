package formula

import (
	"math"
	"testing"

	"mc/model"
)

// naive evaluates a model file's equations sample by sample and year by
// year, walking the checked trees with no lowering, register allocation or
// specialised kernels: a reference for the compiled program. It returns
// the output series as Evaluate lays them out.
func naive(t testing.TB, sp *Spec, factors []string, cfg model.Config, in [][]float64) [][]float64 {
	t.Helper()
	b := &builder{sp: sp, ny: len(sp.Years)}
	if err := b.resolve(factors, cfg); err != nil {
		t.Fatal(err)
	}
	b.check()
	b.order()
	b.infer()
	if err := b.selectYears(cfg.Years); err != nil || len(b.errs) > 0 {
		t.Fatal(err, b.errs.err())
	}
	ny := max(b.ny, 1)
	n := len(in[0])
	var outs [][]float64
	value := make([][]float64, len(b.roots)) // value[eq][year] of the current sample
	for i := range value {
		value[i] = make([]float64, ny)
	}
	var eval func(nd *node, s, j int) float64
	eval = func(nd *node, s, j int) float64 {
		switch {
		case nd.kind == kConst:
			return nd.val[0]
		case nd.kind == kTable:
			return nd.val[j]
		}
		switch nd.leaf {
		case leafFactor:
			return in[nd.ref][s]
		case leafEq:
			return value[nd.ref][j]
		case leafPrev:
			if j == 0 {
				return eval(nd.args[0], s, j)
			}
			return value[nd.ref][j-1]
		}
		var args [3][]float64
		for k, a := range nd.args {
			args[k] = []float64{eval(a, s, j)}
		}
		d := []float64{0}
		apply(nd.op, d, args[0], args[1], args[2])
		return d[0]
	}
	// Output series, in Evaluate's order.
	type series struct{ eq, year int } // year −1: scalar
	var ser []series
	for _, i := range b.outputs {
		if k := b.eqKind[i]; k == kTable || k == kYear {
			for j, p := range b.pos {
				if p >= 0 {
					ser = append(ser, series{i, j})
				}
			}
		} else {
			ser = append(ser, series{i, -1})
		}
	}
	outs = make([][]float64, len(ser))
	for c := range outs {
		outs[c] = make([]float64, n)
	}
	for s := range n {
		for j := range ny {
			for _, i := range b.topo {
				value[i][j] = eval(b.roots[i], s, j)
			}
		}
		for c, se := range ser {
			j := se.year
			if j < 0 {
				j = 0
			}
			outs[c][s] = value[se.eq][j]
		}
	}
	return outs
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// The compiled program computes exactly (bit for bit) what a plain walk of
// the equations computes, with or without a selection of years.
func TestCompiledEqualsNaive(t *testing.T) {
	src := `
years: {from: 2020, to: 2027}
parameters: {k: 3}
equations:
  d: t - 2023
  stock: prev(stock, s0 * k) * (1 - 1/life) + inflow
  inflow: 10 * pow(g, t - 2020) + if(d > 0 && g > 1.05, 2, 0.5)
  total: {value: stock * 2 + abs(d) / 3, unit: kWh}
  scal: exp(g) - life / 2
  mixed: scal * d + clamp(stock, 0, 1000) - min(s0, life, g)
  cnt: prev(cnt, 0) + 1
  ratio: if(stock > 0, inflow / stock, 0)
outputs: [total, stock, scal, mixed, cnt, ratio, d]
`
	factors := []string{"s0", "life", "g"}
	in := [][]float64{{100, 50, 0, 7}, {4, 2, 1.5, 10}, {1.1, 1, 1.07, 0.9}}
	for _, years := range [][]int{nil, {2021, 2024, 2027}} {
		cfg := model.Config{Years: years}
		m := compile(t, src, factors, cfg)
		got := eval(m, in)
		want := naive(t, mustParse(t, src), factors, cfg, in)
		if len(got) != len(want) {
			t.Fatalf("%d series, naive %d", len(got), len(want))
		}
		for c := range got {
			for s := range got[c] {
				if !sameBits(got[c][s], want[c][s]) {
					t.Fatalf("years %v, series %d, sample %d: compiled %v, naive %v", years, c, s, got[c][s], want[c][s])
				}
			}
		}
	}
}
