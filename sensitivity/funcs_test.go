package sensitivity

import (
	"math"
	"math/rand/v2"
	"testing"

	"mc/sampler"
)

// Test functions with known indices (design/sensitivity.md §5). A testModel
// maps k inputs, already transformed to their distributions, to Series
// outputs.
type testModel struct {
	k, series int
	// draw maps a uniform u ∈ (0, 1) to input j.
	draw func(j int, u float64) float64
	eval func(x, y []float64)
}

func uniformOn(lo, hi float64) func(int, float64) float64 {
	return func(_ int, u float64) float64 { return lo + (hi-lo)*u }
}

// ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1, x ~ U(−π, π)³, a = 7, b = 0.1.
func ishigami() testModel {
	return testModel{k: 3, series: 1, draw: uniformOn(-math.Pi, math.Pi), eval: func(x, y []float64) {
		s := math.Sin(x[1])
		x3 := x[2] * x[2]
		y[0] = math.Sin(x[0])*(1+0.1*x3*x3) + 7*s*s
	}}
}

// Exact Ishigami values for a = 7, b = 0.1 from V1 = ½(1 + bπ⁴/5)²,
// V2 = a²/8, V13 = 8b²π⁸/225.
var (
	ishV1  = 0.5 * math.Pow(1+0.1*math.Pow(math.Pi, 4)/5, 2)
	ishV2  = 49.0 / 8
	ishV13 = 8 * 0.01 * math.Pow(math.Pi, 8) / 225
	ishV   = ishV1 + ishV2 + ishV13
	ishS   = []float64{ishV1 / ishV, ishV2 / ishV, 0}
	ishST  = []float64{(ishV1 + ishV13) / ishV, ishV2 / ishV, ishV13 / ishV}
	ishS13 = ishV13 / ishV
)

// sobolG: g = Π (|4x_i − 2| + a_i)/(1 + a_i), x ~ U(0, 1)^k.
func sobolG(a []float64) testModel {
	return testModel{k: len(a), series: 1, draw: uniformOn(0, 1), eval: func(x, y []float64) {
		p := 1.0
		for i, ai := range a {
			p *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		y[0] = p
	}}
}

// sobolGExact returns S_i, ST_i and S_12 from V_i = 1/(3(1 + a_i)²),
// V = Π(1 + V_i) − 1.
func sobolGExact(a []float64) (s, st []float64, s12 float64) {
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	for i := range a {
		s = append(s, vi[i]/v)
		st = append(st, vi[i]*prod/(1+vi[i])/v)
	}
	return s, st, vi[0] * vi[1] / v
}

// morris2006: f = α Σ_{i≤p} x_i + β Σ_{i<j≤p} x_i x_j with p important inputs
// out of k, α = √12 − 6√(0.1(p − 1)), β = 12/√(10(p − 1)), x ~ U(0, 1)^k.
func morris2006(p, k int) testModel {
	alpha := math.Sqrt(12) - 6*math.Sqrt(0.1*float64(p-1))
	beta := 12 / math.Sqrt(10*float64(p-1))
	return testModel{k: k, series: 1, draw: uniformOn(0, 1), eval: func(x, y []float64) {
		var lin, quad, run float64
		for i := 0; i < p; i++ {
			lin += x[i]
			quad += run * x[i]
			run += x[i]
		}
		y[0] = alpha*lin + beta*quad
	}}
}

// atantemp: y(t) = atan(X1) cos t + atan(X2) sin t, X ~ U(−7, 7)²,
// t_k = 2πk/(q − 1), k = 0 … q−1: one series per t.
func atantemp(q int) testModel {
	return testModel{k: 2, series: q, draw: uniformOn(-7, 7), eval: func(x, y []float64) {
		a1, a2 := math.Atan(x[0]), math.Atan(x[1])
		for k := range y {
			t := 2 * math.Pi * float64(k) / float64(q-1)
			y[k] = a1*math.Cos(t) + a2*math.Sin(t)
		}
	}}
}

// additive: Y = Σ a_i X_i with X_i ~ N(0, σ_i²): S_i = ST_i = a_i²σ_i²/Σ a_j²σ_j².
func additive(a, sigma []float64) testModel {
	return testModel{k: len(a), series: 1,
		draw: func(j int, u float64) float64 { return sigma[j] * math.Sqrt2 * math.Erfinv(2*u-1) },
		eval: func(x, y []float64) {
			y[0] = 0
			for i, ai := range a {
				y[0] += ai * x[i]
			}
		}}
}

// run describes one Sobol' analysis of a testModel on a Monte Carlo design.
type run struct {
	sets        [][]int // nil: one singleton per input
	n           int     // base rows
	replicates  int
	secondOrder bool
	seed        uint64
	block       int // rows per Add call; 0 means 256
	// transform, if set, is applied to every output (used for shift/scale).
	transform func(float64) float64
	// rqmc takes the rows from R independently scrambled 2k-dimensional
	// Sobol' sequences (row i is point i/R of replicate i mod R) instead of
	// Monte Carlo draws.
	rqmc bool
	// columns, if set, feeds design column columns[j] to input j (and swaps
	// column columns[j] for set j), to permute inputs without changing rows.
	columns []int
}

func singletonSets(k int) [][]int {
	s := make([][]int, k)
	for j := range s {
		s[j] = []int{j}
	}
	return s
}

// pilotCentres returns the mean of each series over 64 independent points,
// as the engine's pilot does.
func pilotCentres(m testModel, r run) []float64 {
	rng := rand.New(rand.NewPCG(r.seed, 0x9107))
	x, y := make([]float64, m.k), make([]float64, m.series)
	u := make([]float64, m.k)
	c := make([]float64, m.series)
	const n = 64
	for i := 0; i < n; i++ {
		for j := range u {
			u[j] = rng.Float64()
		}
		for j := range x {
			if r.columns != nil {
				x[j] = m.draw(j, u[r.columns[j]])
			} else {
				x[j] = m.draw(j, u[j])
			}
		}
		m.eval(x, y)
		for s, v := range y {
			if r.transform != nil {
				v = r.transform(v)
			}
			c[s] += v / n
		}
	}
	return c
}

// rowOutputs evaluates the model on the pick-freeze rows of base rows
// [first, first+n) and returns them in the layout of SobolSums.Add. Rows
// are Monte Carlo draws from a PCG stream keyed by (seed, row), so any block
// split sees the same rows.
func rowOutputs(m testModel, r run, first, n int) (fA, fB [][]float64, fAB, fBA [][][]float64) {
	sets, second, seed, transform := r.sets, r.secondOrder, r.seed, r.transform
	alloc := func() [][]float64 {
		f := make([][]float64, m.series)
		for c := range f {
			f[c] = make([]float64, n)
		}
		return f
	}
	fA, fB = alloc(), alloc()
	fAB = make([][][]float64, len(sets))
	for u := range fAB {
		fAB[u] = alloc()
	}
	if second {
		fBA = make([][][]float64, len(sets))
		for u := range fBA {
			fBA[u] = alloc()
		}
	}
	a, b, x := make([]float64, m.k), make([]float64, m.k), make([]float64, m.k)
	y := make([]float64, m.series)
	store := func(f [][]float64, s int) {
		m.eval(x, y)
		for c, v := range y {
			if transform != nil {
				v = transform(v)
			}
			f[c][s] = v
		}
	}
	var qmc []*sampler.Sobol
	u := make([][]float64, 2*m.k)
	if r.rqmc {
		for rep := 0; rep < max(r.replicates, 1); rep++ {
			q, err := sampler.NewScrambledSobol(2*m.k, sampler.Derive(seed, "test-replicate", uint64(rep)))
			if err != nil {
				panic(err)
			}
			qmc = append(qmc, q)
		}
		for j := range u {
			u[j] = make([]float64, 1)
		}
	}
	for s := 0; s < n; s++ {
		i := first + s
		if r.rqmc {
			R := len(qmc)
			qmc[i%R].Fill(uint64(i/R), u)
			for j := range a {
				a[j] = m.draw(j, u[j][0])
				b[j] = m.draw(j, u[m.k+j][0])
			}
		} else {
			rng := rand.New(rand.NewPCG(seed, uint64(i)))
			for j := range a {
				a[j] = m.draw(j, rng.Float64())
			}
			for j := range b {
				b[j] = m.draw(j, rng.Float64())
			}
		}
		if r.columns != nil {
			pa, pb := make([]float64, m.k), make([]float64, m.k)
			for j, c := range r.columns {
				pa[j], pb[j] = a[c], b[c]
			}
			copy(a, pa)
			copy(b, pb)
		}
		copy(x, a)
		store(fA, s)
		copy(x, b)
		store(fB, s)
		for u, set := range sets {
			copy(x, a)
			for _, j := range set {
				x[j] = b[j]
			}
			store(fAB[u], s)
			if second {
				copy(x, b)
				for _, j := range set {
					x[j] = a[j]
				}
				store(fBA[u], s)
			}
		}
	}
	return fA, fB, fAB, fBA
}

// analyse accumulates a whole run block by block into one state.
func analyse(t testing.TB, m testModel, r run) *SobolSums {
	t.Helper()
	if r.sets == nil {
		r.sets = singletonSets(m.k)
	}
	if r.block == 0 {
		r.block = 256
	}
	acc := NewSobolSums(SobolConfig{Series: m.series, Sets: len(r.sets), Replicates: r.replicates,
		SecondOrder: r.secondOrder, Centres: pilotCentres(m, r), AllSums: true})
	for first := 0; first < r.n; first += r.block {
		n := min(r.block, r.n-first)
		fA, fB, fAB, fBA := rowOutputs(m, r, first, n)
		acc.Add(uint64(first), fA, fB, fAB, fBA)
	}
	if err := acc.Err(); err != nil {
		t.Fatal(err)
	}
	return acc
}
