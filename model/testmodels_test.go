package model

import (
	"math"
	"testing"
)

// eval builds the named model and evaluates it on the given factor vectors
// (one row per sample), returning out[series][sample].
func eval(t *testing.T, name string, cfg Config, rows [][]float64) (Model, [][]float64) {
	t.Helper()
	m, err := New(name, cfg)
	if err != nil {
		t.Fatal(err)
	}
	k := len(m.Factors())
	in := newBlock(k, len(rows))
	for s, r := range rows {
		if len(r) != k {
			t.Fatalf("row %d has %d values, model %s has %d factors", s, len(r), name, k)
		}
		for j, v := range r {
			in[j][s] = v
		}
	}
	out := newBlock(len(SeriesOf(m.Outputs())), len(rows))
	m.Evaluate(in, out)
	return m, out
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol*max(1, math.Abs(want)) }

func TestIshigamiPoints(t *testing.T) {
	h := math.Pi / 2
	for _, c := range []struct {
		a, b float64
		x    []float64
		want float64
	}{
		{7, 0.1, []float64{0, 0, 0}, 0},
		{7, 0.1, []float64{h, h, 1}, 1 + 7 + 0.1},
		{7, 0.1, []float64{-h, h, 2}, -1 + 7 - 0.1*16},
		{7, 0.1, []float64{h, 0, -3}, 1 + 0.1*81},
		{5, 0.2, []float64{0, -h, 10}, 5},
	} {
		_, out := eval(t, "ishigami", Config{Params: map[string]any{"a": c.a, "b": c.b}}, [][]float64{c.x})
		if got := out[0][0]; !near(got, c.want, 1e-14) {
			t.Errorf("a=%v b=%v f(%v) = %v, want %v", c.a, c.b, c.x, got, c.want)
		}
	}
}

// TestIshigamiMoments integrates over a midpoint grid of (−π, π)³ and
// compares with the published mean a/2 and variance
// a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 (Sobol' & Levitan 1999).
func TestIshigamiMoments(t *testing.T) {
	const g = 48
	var rows [][]float64
	for i := range g {
		for j := range g {
			for k := range g {
				p := func(i int) float64 { return -math.Pi + 2*math.Pi*(float64(i)+0.5)/g }
				rows = append(rows, []float64{p(i), p(j), p(k)})
			}
		}
	}
	_, out := eval(t, "ishigami", Config{}, rows)
	var s1, s2 float64
	for _, y := range out[0] {
		s1 += y
		s2 += y * y
	}
	n := float64(len(rows))
	mean, variance := s1/n, s2/n-(s1/n)*(s1/n)
	a, b := 7.0, 0.1
	wantVar := a*a/8 + b*math.Pow(math.Pi, 4)/5 + b*b*math.Pow(math.Pi, 8)/18 + 0.5
	if !near(mean, a/2, 1e-12) {
		t.Errorf("mean %v, want %v", mean, a/2)
	}
	// The midpoint rule's O(h²) error on the x3⁴ and x3⁸ moments.
	if math.Abs(variance-wantVar) > 5e-3*wantVar {
		t.Errorf("variance %v, want %v", variance, wantVar)
	}
}

func TestSobolGPoints(t *testing.T) {
	def := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	fill := func(v float64, k int) []float64 {
		r := make([]float64, k)
		for i := range r {
			r[i] = v
		}
		return r
	}
	for _, c := range []struct {
		a    []float64
		x    []float64
		want float64
	}{
		// |4x − 2| = 1 at x = 1/4 and 3/4: every term is 1.
		{def, fill(0.25, 8), 1},
		{def, []float64{0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25}, 1},
		// x = 1/2 zeroes the a = 0 term.
		{def, fill(0.5, 8), 0},
		// x = 0: (2 + a)/(1 + a) per term.
		{def, fill(0, 8), 2 * 1.5 * (6.5 / 5.5) * (11.0 / 10) * math.Pow(101.0/100, 4)},
		{[]float64{1, 2}, []float64{1, 0.5}, 1.5 * (2.0 / 3)},
		{[]float64{3}, []float64{0.875}, (1.5 + 3) / 4},
	} {
		var cfg Config
		if c.a != nil {
			l := make([]any, len(c.a))
			for i, v := range c.a {
				l[i] = v
			}
			cfg.Params = map[string]any{"a": l}
		}
		m, out := eval(t, "sobol-g", cfg, [][]float64{c.x})
		if len(m.Factors()) != len(c.a) {
			t.Errorf("a = %v: %d factors, want %d", c.a, len(m.Factors()), len(c.a))
		}
		if got := out[0][0]; !near(got, c.want, 1e-14) {
			t.Errorf("a = %v: g(%v) = %v, want %v", c.a, c.x, got, c.want)
		}
	}
}

// TestSobolGMean checks E[g] = 1 on a midpoint grid of each coordinate
// (g is a product of independent terms of mean 1).
func TestSobolGMean(t *testing.T) {
	const g = 64
	var rows [][]float64
	for i := range g {
		for j := range g {
			rows = append(rows, []float64{(float64(i) + 0.5) / g, (float64(j) + 0.5) / g})
		}
	}
	_, out := eval(t, "sobol-g", Config{Params: map[string]any{"a": []any{0.0, 2.0}}}, rows)
	var sum float64
	for _, y := range out[0] {
		sum += y
	}
	if mean := sum / float64(len(rows)); !near(mean, 1, 1e-12) {
		t.Errorf("mean %v, want 1", mean)
	}
}

// morrisNaive is the definition of Morris et al. (2006) with its double sum.
func morrisNaive(p int, x []float64) float64 {
	alpha := math.Sqrt(12) - 6*math.Sqrt(0.1*float64(p-1))
	beta := 12 / math.Sqrt(10*float64(p-1))
	var s1, s2 float64
	for i := range p {
		s1 += x[i]
		for j := i + 1; j < p; j++ {
			s2 += x[i] * x[j]
		}
	}
	return alpha*s1 + beta*s2
}

func TestMorris2006(t *testing.T) {
	ones := make([]float64, 20)
	for i := range ones {
		ones[i] = 1
	}
	// All p active inputs at 1: αp + βp(p − 1)/2; p = 5 gives
	// 5(√12 − 6√0.4) + 10·12/√40.
	_, out := eval(t, "morris2006", Config{}, [][]float64{make([]float64, 20), ones})
	if got := out[0][0]; got != 0 {
		t.Errorf("f(0) = %v, want 0", got)
	}
	if got, want := out[0][1], 5*(math.Sqrt(12)-6*math.Sqrt(0.4))+10*12/math.Sqrt(40); !near(got, want, 1e-14) {
		t.Errorf("f(1) = %v, want %v", got, want)
	}

	// Against the naive double sum on scattered points, for several p and M;
	// block longer than the model's internal chunk.
	for _, pm := range [][2]int{{2, 2}, {5, 20}, {7, 9}, {30, 30}} {
		p, mm := pm[0], pm[1]
		var rows [][]float64
		for s := range 600 {
			r := make([]float64, mm)
			for i := range r {
				r[i] = math.Mod(float64(s*mm+i)*0.6180339887498949, 1)
			}
			rows = append(rows, r)
		}
		m, out := eval(t, "morris2006", Config{Params: map[string]any{"p": p, "M": float64(mm)}}, rows)
		if len(m.Factors()) != mm {
			t.Fatalf("p=%d M=%d: %d factors", p, mm, len(m.Factors()))
		}
		for s, r := range rows {
			if got, want := out[0][s], morrisNaive(p, r); !near(got, want, 1e-12) {
				t.Fatalf("p=%d M=%d sample %d: %v, naive %v", p, mm, s, got, want)
			}
		}
	}
}

func TestMorris2006InertInputs(t *testing.T) {
	a := make([]float64, 20)
	b := make([]float64, 20)
	for i := range a {
		a[i], b[i] = 0.3, 0.3
		if i >= 5 {
			b[i] = 0.9
		}
	}
	_, out := eval(t, "morris2006", Config{}, [][]float64{a, b})
	if out[0][0] != out[0][1] {
		t.Errorf("inputs x6..x20 changed y: %v vs %v", out[0][0], out[0][1])
	}
}

func TestAtantemp(t *testing.T) {
	// q = 5: t_k = kπ/2, so y = (a1, a2, −a1, −a2, a1) with a1 = atan 1 = π/4,
	// a2 = atan √3 = π/3.
	a1, a2 := math.Pi/4, math.Pi/3
	m, out := eval(t, "atantemp", Config{Params: map[string]any{"q": 5}}, [][]float64{{1, math.Sqrt(3)}})
	if yrs := m.Outputs()[0].Years; len(yrs) != 5 || yrs[0] != 0 || yrs[4] != 4 {
		t.Fatalf("years %v, want 0..4", yrs)
	}
	for k, want := range []float64{a1, a2, -a1, -a2, a1} {
		if got := out[k][0]; math.Abs(got-want) > 1e-15 {
			t.Errorf("y(t_%d) = %v, want %v", k, got, want)
		}
	}

	// Default q = 100, step selection 0 and 99 (t = 0 and 2π): atan x1.
	m, out = eval(t, "atantemp", Config{Years: []int{0, 99}}, [][]float64{{-7, 7}, {0.5, -2}})
	if len(m.Outputs()[0].Years) != 2 {
		t.Fatalf("years %v, want [0 99]", m.Outputs()[0].Years)
	}
	for s, x1 := range []float64{-7, 0.5} {
		for k := range 2 {
			if got, want := out[k][s], math.Atan(x1); math.Abs(got-want) > 1e-14 {
				t.Errorf("sample %d, series %d: %v, want atan(%v) = %v", s, k, got, x1, want)
			}
		}
	}
}
