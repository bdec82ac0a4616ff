package engine

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"mc/model"
	"mc/results"
)

// Test-only models for the properties of sensitivity.md §6.
func init() {
	// ishigami-affine: Y = c + s·Ishigami (shift and scale).
	model.Register("ishigami-affine", func(cfg model.Config) (model.Model, error) {
		return &affine{c: cfg.Params["c"].(float64), s: cfg.Params["s"].(float64)}, nil
	})
	// ishigami-dummy: Ishigami of x1..x3 and a fourth factor it ignores.
	model.Register("ishigami-dummy", func(model.Config) (model.Model, error) { return dummy{}, nil })
	// ishigami-perm: Ishigami with its inputs renamed and permuted: f(a, b, c) = Ishigami(c, a, b).
	model.Register("ishigami-perm", func(model.Config) (model.Model, error) { return perm{}, nil })
	// additive: Y = Σ a_i x_i.
	model.Register("additive", func(cfg model.Config) (model.Model, error) {
		var a []float64
		for _, v := range cfg.Params["a"].([]any) {
			a = append(a, v.(float64))
		}
		return additive{a}, nil
	})
}

func ishigami(x1, x2, x3 float64) float64 {
	s2 := math.Sin(x2)
	return math.Sin(x1) + 7*s2*s2 + 0.1*x3*x3*x3*x3*math.Sin(x1)
}

type affine struct{ c, s float64 }

func (affine) Factors() []model.Factor {
	return []model.Factor{{Name: "x1"}, {Name: "x2"}, {Name: "x3"}}
}
func (affine) Outputs() []model.Output { return []model.Output{{Name: "y"}} }
func (m *affine) Evaluate(in, out [][]float64) {
	for s := range out[0] {
		out[0][s] = m.c + m.s*ishigami(in[0][s], in[1][s], in[2][s])
	}
}

type dummy struct{}

func (dummy) Factors() []model.Factor {
	return []model.Factor{{Name: "x1"}, {Name: "x2"}, {Name: "x3"}, {Name: "x4"}}
}
func (dummy) Outputs() []model.Output { return []model.Output{{Name: "y"}} }
func (dummy) Evaluate(in, out [][]float64) {
	for s := range out[0] {
		out[0][s] = ishigami(in[0][s], in[1][s], in[2][s])
	}
}

type perm struct{}

func (perm) Factors() []model.Factor { return []model.Factor{{Name: "a"}, {Name: "b"}, {Name: "c"}} }
func (perm) Outputs() []model.Output { return []model.Output{{Name: "y"}} }
func (perm) Evaluate(in, out [][]float64) {
	for s := range out[0] {
		out[0][s] = ishigami(in[2][s], in[0][s], in[1][s])
	}
}

type additive struct{ a []float64 }

func (m additive) Factors() []model.Factor {
	f := make([]model.Factor, len(m.a))
	for i := range f {
		f[i].Name = fmt.Sprintf("x%d", i+1)
	}
	return f
}
func (additive) Outputs() []model.Output { return []model.Output{{Name: "y"}} }
func (m additive) Evaluate(in, out [][]float64) {
	for s := range out[0] {
		y := 0.0
		for i, a := range m.a {
			y += a * in[i][s]
		}
		out[0][s] = y
	}
}

// Exact values of sensitivity.md §5.
var (
	ishigamiS1 = map[string]float64{"x1": 0.3139051911, "x2": 0.4424111448, "x3": 0}
	ishigamiST = map[string]float64{"x1": 0.5575888552, "x2": 0.4424111448, "x3": 0.2436836641}
)

const piRange = "{distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}"

func sobolRun(t *testing.T, text string, ov Overrides) *Tables {
	t.Helper()
	sc := scenario(t, text)
	if ov.Method == "" {
		ov.Method = "sobol"
	}
	_, tb := run(t, plan(t, sc, ov), Options{})
	return tb
}

func index(t *testing.T, rows []results.SobolRow, kind, name string, year *int32) results.SobolRow {
	t.Helper()
	for _, r := range rows {
		if r.Kind == kind && r.Name == name && (year == nil && r.Year == nil || year != nil && r.Year != nil && *year == *r.Year) {
			return r
		}
	}
	t.Fatalf("no %s index for %s", kind, name)
	return results.SobolRow{}
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.5f, exact %.5f (|error| %.4f > %.4f)", what, got, want, math.Abs(got-want), tol)
	}
}

func TestSobolIshigamiExact(t *testing.T) {
	text := "model: ishigami\nparameters: {a: 7, b: 0.1}\nsamples: 16384\nseed: 3\nsobol: {second_order: true, by: both}\nfactors:\n" +
		"  x1: " + strings.Replace(piRange, "}", ", group: g13}", 1) + "\n  x2: " + piRange + "\n  x3: " + strings.Replace(piRange, "}", ", group: g13}", 1) + "\n"
	tb := sobolRun(t, text, Overrides{})
	for _, f := range []string{"x1", "x2", "x3"} {
		r := index(t, tb.Sobol, "factor", f, nil)
		near(t, "S1 "+f, r.S1, ishigamiS1[f], 0.01)
		near(t, "ST "+f, r.ST, ishigamiST[f], 0.01)
		if r.N != 16384 {
			t.Errorf("n = %d", r.N)
		}
	}
	g := index(t, tb.Sobol, "group", "g13", nil)
	near(t, "S1 {x1,x3}", g.S1, 0.5575888552, 0.01)
	near(t, "ST {x1,x3}", g.ST, 0.5575888552, 0.01)
	found := false
	for _, r := range tb.Sobol2 {
		if r.By == "factor" && (r.NameI == "x1" && r.NameJ == "x3" || r.NameI == "x3" && r.NameJ == "x1") {
			near(t, "S13", r.S2, 0.2436836641, 0.02)
			found = true
		}
		if r.By == "factor" && (r.NameI == "x1" && r.NameJ == "x2" || r.NameI == "x2" && r.NameJ == "x3") {
			near(t, "S"+r.NameI+r.NameJ, r.S2, 0, 0.02)
		}
	}
	if !found {
		t.Error("no S13 in sobol2")
	}
}

// sobolGExact returns the exact first and total indices of the Sobol' G
// function with coefficients a: V_i = 1/(3(1+a_i)²), V = Π(1+V_i) − 1,
// S_i = V_i/V, ST_i = V_i Π_{j≠i}(1+V_j)/V.
func sobolGExact(a []float64) (s1, st []float64) {
	vi := make([]float64, len(a))
	v := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		v *= 1 + vi[i]
	}
	v--
	s1, st = make([]float64, len(a)), make([]float64, len(a))
	for i := range a {
		s1[i], st[i] = vi[i]/v, vi[i]/v
		for j := range a {
			if j != i {
				st[i] *= 1 + vi[j]
			}
		}
	}
	return s1, st
}

func TestSobolGExact(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	var b strings.Builder
	b.WriteString("model: sobol-g\nparameters: {a: [0, 1, 4.5, 9, 99, 99, 99, 99]}\nsamples: 16384\nseed: 5\nfactors:\n")
	for i := range a {
		fmt.Fprintf(&b, "  x%d: {distribution: uniform, min: 0, max: 1}\n", i+1)
	}
	tb := sobolRun(t, b.String(), Overrides{})
	s1, st := sobolGExact(a)
	for i := range a {
		r := index(t, tb.Sobol, "factor", fmt.Sprintf("x%d", i+1), nil)
		near(t, fmt.Sprintf("S1 x%d", i+1), r.S1, s1[i], 0.01)
		near(t, fmt.Sprintf("ST x%d", i+1), r.ST, st[i], 0.01)
	}
	// Published rounded values (sensitivity.md §5) agree with the formula.
	near(t, "S1 x1 formula", s1[0], 0.71619, 1e-5)
	near(t, "ST x1 formula", st[0], 0.78714, 1e-5)
}

func TestSobolMorris2006Exact(t *testing.T) {
	var b strings.Builder
	b.WriteString("model: morris2006\nparameters: {p: 5, M: 20}\nsamples: 8192\nseed: 9\nfactors:\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "  x%d: {distribution: uniform, min: 0, max: 1}\n", i)
	}
	tb := sobolRun(t, b.String(), Overrides{})
	for i := 1; i <= 20; i++ {
		r := index(t, tb.Sobol, "factor", fmt.Sprintf("x%d", i), nil)
		s, st := 0.0, 0.0
		if i <= 5 {
			s, st = 1/(1.05*5), 1.1/(1.05*5)
		}
		near(t, fmt.Sprintf("S1 x%d", i), r.S1, s, 0.015)
		near(t, fmt.Sprintf("ST x%d", i), r.ST, st, 0.015)
	}
}

func TestSobolAtantempPerStepAndAggregate(t *testing.T) {
	text := "model: atantemp\nparameters: {q: 100}\nsamples: 8192\nseed: 11\nfactors:\n" +
		"  x1: {distribution: uniform, min: -7, max: 7}\n  x2: {distribution: uniform, min: -7, max: 7}\n"
	tb := sobolRun(t, text, Overrides{})
	for k := 0; k < 100; k += 7 {
		tk := 2 * math.Pi * float64(k) / 99
		y := int32(k)
		r := index(t, tb.Sobol, "factor", "x1", &y)
		near(t, fmt.Sprintf("S1 x1 at step %d", k), r.S1, math.Cos(tk)*math.Cos(tk), 0.02)
		near(t, fmt.Sprintf("ST x1 at step %d", k), r.ST, math.Cos(tk)*math.Cos(tk), 0.02)
	}
	near(t, "aggregated S1 x1", index(t, tb.Sobol, "aggregate", "x1", nil).S1, 0.505, 0.01)
	near(t, "aggregated S1 x2", index(t, tb.Sobol, "aggregate", "x2", nil).S1, 0.495, 0.01)
}

// Y → 1000 + 3Y changes no index (centring), beyond rounding.
func TestSobolShiftScaleInvariance(t *testing.T) {
	base := "samples: 4096\nseed: 1\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	plain := sobolRun(t, "model: ishigami-affine\nparameters: {c: 0, s: 1}\n"+base, Overrides{})
	moved := sobolRun(t, "model: ishigami-affine\nparameters: {c: 1000, s: 3}\n"+base, Overrides{})
	for i := range plain.Sobol {
		a, b := plain.Sobol[i], moved.Sobol[i]
		for _, d := range [][2]float64{{a.S1, b.S1}, {a.ST, b.ST}, {a.S1Lo, b.S1Lo}, {a.STHi, b.STHi}} {
			if math.Abs(d[0]-d[1]) > 1e-9 {
				t.Errorf("%s: %v with Y, %v with 1000 + 3Y", a.Name, d[0], d[1])
			}
		}
	}
}

// Permuting the inputs permutes the indices: f(a, b, c) = Ishigami(c, a, b).
func TestSobolPermutation(t *testing.T) {
	tb := sobolRun(t, "model: ishigami-perm\nsamples: 16384\nseed: 2\nfactors:\n  a: "+piRange+"\n  b: "+piRange+"\n  c: "+piRange+"\n", Overrides{})
	for name, x := range map[string]string{"a": "x2", "b": "x3", "c": "x1"} {
		r := index(t, tb.Sobol, "factor", name, nil)
		near(t, "S1 "+name, r.S1, ishigamiS1[x], 0.01)
		near(t, "ST "+name, r.ST, ishigamiST[x], 0.01)
	}
}

// A factor the model ignores gets S1 = ST = 0, inside its CI.
func TestSobolDummyFactor(t *testing.T) {
	tb := sobolRun(t, "model: ishigami-dummy\nsamples: 4096\nseed: 4\nfactors:\n  x1: "+piRange+"\n  x2: "+piRange+"\n  x3: "+piRange+"\n  x4: {distribution: normal, mean: 5, sd: 2}\n", Overrides{})
	r := index(t, tb.Sobol, "factor", "x4", nil)
	if math.Abs(r.S1) > 1e-12 || math.Abs(r.ST) > 1e-12 || r.S1Lo > 0 || r.S1Hi < 0 || r.STLo > 0 || r.STHi < 0 {
		t.Errorf("dummy factor: %+v", r)
	}
}

// Additive model: S_i = ST_i = a_i²σ_i²/Σ a_j²σ_j², Σ S_i = 1.
func TestSobolAdditiveModel(t *testing.T) {
	text := "model: additive\nparameters: {a: [1, 2, -3]}\nsamples: 16384\nseed: 6\nfactors:\n" +
		"  x1: {distribution: normal, mean: 10, sd: 1}\n  x2: {distribution: uniform, min: 0, max: 3}\n  x3: {distribution: normal, mean: 0, sd: 0.5}\n"
	tb := sobolRun(t, text, Overrides{})
	parts := []float64{1 * 1 * 1, 4 * 9.0 / 12, 9 * 0.25}
	total := parts[0] + parts[1] + parts[2]
	sum := 0.0
	for i, p := range parts {
		r := index(t, tb.Sobol, "factor", fmt.Sprintf("x%d", i+1), nil)
		near(t, fmt.Sprintf("S1 x%d", i+1), r.S1, p/total, 0.01)
		near(t, fmt.Sprintf("ST x%d", i+1), r.ST, p/total, 0.01)
		sum += r.S1
	}
	near(t, "Σ S1", sum, 1, 0.01)
}

// Over 60 seeds at a small N, the exact Ishigami values fall inside the 95 %
// CI in at least 85 % of cases.
func TestSobolCICoverage(t *testing.T) {
	seeds := 60
	if testing.Short() {
		seeds = 20
	}
	inside, total := 0, 0
	for seed := 1; seed <= seeds; seed++ {
		text := fmt.Sprintf("model: ishigami\nsamples: 1024\nseed: %d\nfactors:\n  x1: %s\n  x2: %s\n  x3: %s\n", seed, piRange, piRange, piRange)
		tb := sobolRun(t, text, Overrides{})
		for _, f := range []string{"x1", "x2", "x3"} {
			r := index(t, tb.Sobol, "factor", f, nil)
			for _, c := range [][3]float64{{r.S1Lo, r.S1Hi, ishigamiS1[f]}, {r.STLo, r.STHi, ishigamiST[f]}} {
				total++
				if c[0] <= c[2] && c[2] <= c[1] {
					inside++
				}
			}
		}
	}
	rate := float64(inside) / float64(total)
	t.Logf("95 %% CI coverage of the exact Ishigami S1/ST: %d/%d = %.1f %% (N = 1024, %d seeds)", inside, total, 100*rate, seeds)
	if rate < 0.85 {
		t.Errorf("coverage %.1f %% < 85 %%", 100*rate)
	}
}

// Morris: μ* ranks the 5 important inputs of Morris 2006 above all others.
func TestMorrisScreensMorris2006(t *testing.T) {
	var b strings.Builder
	b.WriteString("model: morris2006\nparameters: {p: 5, M: 20}\nmethod: morris\nmorris: {trajectories: 50, levels: 4}\nseed: 3\nfactors:\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "  x%d: {distribution: uniform, min: 0, max: 1}\n", i)
	}
	_, tb := run(t, plan(t, scenario(t, b.String()), Overrides{}), Options{})
	minImportant, maxOther := math.Inf(1), 0.0
	for _, r := range tb.Morris {
		var i int
		fmt.Sscanf(r.Name, "x%d", &i)
		if i <= 5 {
			minImportant = math.Min(minImportant, r.MuStar)
		} else {
			maxOther = math.Max(maxOther, r.MuStar)
		}
	}
	if !(minImportant > maxOther) {
		t.Errorf("μ* of important inputs ≥ %v, of the others ≤ %v", minImportant, maxOther)
	}
}

// Morris μ* on Ishigami at r = 10,000 is within 2 % of its exact expectation
// under the definition of Morris (1991) and SALib. With p = 4 levels, grid
// level ℓ is u = ℓ/3 in the unit cube and x = −π + 2πu; a factor moves
// between levels ℓ and ℓ + 2 (Δ = 2/3 in the unit cube), and the other
// factors are independent and uniform on the 4 levels. So
// E|EE_i| = (1/Δ) · mean over the 2 level pairs and 4² other levels of
// |f(x_i = v(ℓ+2)) − f(x_i = v(ℓ))|.
func TestMorrisIshigamiExactExpectation(t *testing.T) {
	if testing.Short() {
		t.Skip("r = 10,000")
	}
	text := "model: ishigami\nmethod: morris\nmorris: {trajectories: 10000, levels: 4}\nseed: 8\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	_, tb := run(t, plan(t, scenario(t, text), Overrides{}), Options{})
	v := func(l int) float64 { return -math.Pi + 2*math.Pi*float64(l)/3 }
	delta := 2.0 / 3
	for i, name := range []string{"x1", "x2", "x3"} {
		sum, n := 0.0, 0
		for _, l := range []int{0, 1} {
			for o1 := 0; o1 < 4; o1++ {
				for o2 := 0; o2 < 4; o2++ {
					lo, hi := [3]float64{}, [3]float64{}
					others := []int{o1, o2}
					k := 0
					for j := 0; j < 3; j++ {
						if j == i {
							lo[j], hi[j] = v(l), v(l+2)
						} else {
							lo[j], hi[j] = v(others[k]), v(others[k])
							k++
						}
					}
					sum += math.Abs(ishigami(hi[0], hi[1], hi[2])-ishigami(lo[0], lo[1], lo[2])) / delta
					n++
				}
			}
		}
		exact := sum / float64(n)
		var got float64
		for _, r := range tb.Morris {
			if r.Name == name {
				got = r.MuStar
			}
		}
		if rel := math.Abs(got-exact) / exact; rel > 0.02 {
			t.Errorf("μ* %s = %.5f, exact expectation %.5f (%.2f %% off)", name, got, exact, 100*rel)
		} else {
			t.Logf("μ* %s = %.5f, exact expectation %.5f (%.2f %% off)", name, got, exact, 100*rel)
		}
	}
}

// --target-ci-width doubles N until every CI is narrower than the target, and
// the result is that of a plain run of the final N, bit for bit.
func TestTargetCIWidth(t *testing.T) {
	text := "model: ishigami\nsamples: 256\nseed: 12\nmethod: sobol\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	p := plan(t, scenario(t, text), Overrides{})
	out, err := Run(context.Background(), p, Options{TargetCI: 0.05, MaxN: 1 << 16})
	if err != nil {
		t.Fatal(err)
	}
	if !out.TargetMet || p.N <= 256 {
		t.Fatalf("target not met: N = %d, widths %+v", p.N, out.Widths)
	}
	last := out.Widths[len(out.Widths)-1]
	if last.Width >= 0.05 || out.Widths[len(out.Widths)-2].Width < 0.05 {
		t.Errorf("widths %+v: should stop at the first N whose widest CI is below 0.05", out.Widths)
	}
	got, _ := out.Tables()
	for _, r := range got.Sobol {
		if r.S1Hi-r.S1Lo >= 0.05 || r.STHi-r.STLo >= 0.05 {
			t.Errorf("%s: CI wider than 0.05: %+v", r.Name, r)
		}
	}
	fixed := plan(t, scenario(t, text), Overrides{Samples: p.N})
	_, want := run(t, fixed, Options{})
	// Indices only: the bands method was chosen from MaxN.
	for i := range want.Sobol {
		if want.Sobol[i] != got.Sobol[i] {
			t.Fatalf("row %d: target run %+v, plain run of N = %d %+v", i, got.Sobol[i], p.N, want.Sobol[i])
		}
	}
	if len(got.Convergence) != len(want.Convergence) {
		t.Errorf("convergence rows %d vs %d", len(got.Convergence), len(want.Convergence))
	}
	// Stops at the maximum when the target cannot be met.
	p2 := plan(t, scenario(t, text), Overrides{})
	out2, err := Run(context.Background(), p2, Options{TargetCI: 1e-6, MaxN: 1024})
	if err != nil {
		t.Fatal(err)
	}
	if out2.TargetMet || p2.N != 1024 {
		t.Errorf("unreachable target: met %v at N = %d", out2.TargetMet, p2.N)
	}
}

// TestTargetCIWidthCoarsensBatches: past 16 × 1024 base rows the run to a
// target width goes on from the rows it has, merging its consecutive batches
// pairwise (SobolSums.Coarsen); indices and convergence table must still be
// those of a plain run of the final N, bit for bit.
func TestTargetCIWidthCoarsensBatches(t *testing.T) {
	text := "model: ishigami\nsamples: 16384\nseed: 3\nmethod: sobol\nfactors:\n  x1: " + piRange + "\n  x2: " + piRange + "\n  x3: " + piRange + "\n"
	p := plan(t, scenario(t, text), Overrides{})
	out, err := Run(context.Background(), p, Options{TargetCI: 1e-9, MaxN: 1 << 16, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if p.N != 1<<16 || len(out.Widths) != 3 {
		t.Fatalf("N = %d after %d rounds, want 65536 after 3", p.N, len(out.Widths))
	}
	got, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	_, want := run(t, plan(t, scenario(t, text), Overrides{Samples: 1 << 16}), Options{Workers: 2})
	if fmt.Sprint(got.Sobol) != fmt.Sprint(want.Sobol) {
		t.Errorf("indices differ from a plain run:\n%+v\n%+v", got.Sobol, want.Sobol)
	}
	if fmt.Sprint(got.Convergence) != fmt.Sprint(want.Convergence) {
		t.Errorf("convergence table differs from a plain run:\n%+v\n%+v", got.Convergence, want.Convergence)
	}
}

// TestMorrisLinearExact: for y = Σ a_i x_i with x_i uniform on [lo_i, hi_i],
// every elementary effect is a_i (hi_i − lo_i) exactly in the convention of
// Morris (1991), Campolongo et al. (2007) and SALib (unit-cube step Δ =
// p/(2(p − 1)), EE = Δf/Δ): μ = μ* = a_i·range and σ = 0, whatever p.
func TestMorrisLinearExact(t *testing.T) {
	for _, levels := range []int{4, 6} {
		text := fmt.Sprintf("model: additive\nparameters: {a: [2, -3, 0.5]}\nmethod: morris\nmorris: {trajectories: 40, levels: %d}\nseed: 2\nfactors:\n"+
			"  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: uniform, min: 10, max: 14}\n  x3: {distribution: uniform, min: -1, max: 1}\n", levels)
		_, tb := run(t, plan(t, scenario(t, text), Overrides{}), Options{})
		want := map[string]float64{"x1": 2, "x2": -12, "x3": 1}
		for _, r := range tb.Morris {
			w := want[r.Name]
			if math.Abs(r.Mu-w) > 1e-12*math.Abs(w) || math.Abs(r.MuStar-math.Abs(w)) > 1e-12*math.Abs(w) || r.Sigma > 1e-6*math.Abs(w) { // σ from running sums: rounding of order √ε
				t.Errorf("p=%d %s: μ = %v, μ* = %v, σ = %v; want μ = %v, μ* = %v, σ = 0", levels, r.Name, r.Mu, r.MuStar, r.Sigma, w, math.Abs(w))
			}
		}
	}
}

// TestMorrisUnboundedFactorMidpoints: a normal factor cannot be evaluated at
// the grid's ends (quantiles ±∞); it takes the probabilities (ℓ + ½)/p, the
// run says so, and its effects are divided by Δ as for the others. For
// y = 2 x1 − 3 x2, x2 ~ N(0, 1), p = 4: levels 0 ↔ 2 and 1 ↔ 3 both move x2
// by Φ⁻¹(5/8) − Φ⁻¹(1/8) = Φ⁻¹(7/8) − Φ⁻¹(3/8), so μ*₂ = 3 · that / (2/3).
func TestMorrisUnboundedFactorMidpoints(t *testing.T) {
	text := "model: additive\nparameters: {a: [2, -3]}\nmethod: morris\nmorris: {trajectories: 30, levels: 4}\nseed: 4\nfactors:\n" +
		"  x1: {distribution: uniform, min: 0, max: 1}\n  x2: {distribution: normal, mean: 0, sd: 1}\n"
	p := plan(t, scenario(t, text), Overrides{})
	if !strings.Contains(strings.Join(p.Notes, "\n"), "x2 is unbounded") {
		t.Errorf("notes %q: want one naming x2", p.Notes)
	}
	_, tb := run(t, p, Options{})
	step := (distuv.UnitNormal.Quantile(5.0/8) - distuv.UnitNormal.Quantile(1.0/8)) / (2.0 / 3)
	want := map[string]float64{"x1": 2, "x2": 3 * step}
	for _, r := range tb.Morris {
		if w := want[r.Name]; math.Abs(r.MuStar-w) > 1e-9*w {
			t.Errorf("%s: μ* = %v, want %v", r.Name, r.MuStar, w)
		}
	}
}
