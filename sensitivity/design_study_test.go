package sensitivity

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"mc/sampler"
)

// The design study compares, at equal N, Sobol' designs and interval methods
// on functions with exact indices: errors of the estimates (median over seeds
// of the largest |error| on S1 and ST), coverage and width of the 95 %
// intervals. TestDesignStudy prints the table when MC_STUDY is set;
// TestSingleSequenceAccuracy guards the chosen design at small N.

// studyFunc is a test function with its exact indices.
type studyFunc struct {
	name  string
	m     testModel
	s, st []float64
}

func studyFuncs() []studyFunc {
	g := func(name string, a []float64) studyFunc {
		s, st, _ := sobolGExact(a)
		return studyFunc{name, sobolG(a), s, st}
	}
	const p, k = 5, 20
	ms, mst := make([]float64, k), make([]float64, k)
	for i := 0; i < p; i++ {
		ms[i], mst[i] = 1/(1.05*p), 1.1/(1.05*p)
	}
	return []studyFunc{
		{"ishigami", ishigami(), ishS, ishST},
		{"ishigami x3,x1,x2", permuted(ishigami(), []int{2, 0, 1}), []float64{ishS[2], ishS[0], ishS[1]}, []float64{ishST[2], ishST[0], ishST[1]}},
		g("G a=(0,1,4.5,9,99×4)", []float64{0, 1, 4.5, 9, 99, 99, 99, 99}),
		g("G a=(99×4,9,4.5,1,0)", []float64{99, 99, 99, 99, 9, 4.5, 1, 0}),
		g("G a=(99,9,99,0,99,1,4.5,99)", []float64{99, 9, 99, 0, 99, 1, 4.5, 99}),
		g("G a=(4.5,99,99,1,99,0,9,99)", []float64{4.5, 99, 99, 1, 99, 0, 9, 99}),
		{"morris2006 p=5 M=20", morris2006(p, k), ms, mst},
	}
}

// permuted feeds input order[j] of m from input j.
func permuted(m testModel, order []int) testModel {
	inner := m.eval
	x2 := make([]float64, m.k)
	m.eval = func(x, y []float64) {
		for j, o := range order {
			x2[o] = x[j]
		}
		inner(x2, y)
	}
	return m
}

// studyDesign produces the unit-cube coordinates of A (u[:k]) and B (u[k:])
// for base rows [first, first+n).
type studyDesign struct {
	name string
	// reps is the number of batches and batchRows the BatchRows of the
	// interval (0: N/reps, consecutive batches of one sequence).
	reps      int
	batchRows int
	fill      func(seed uint64, k int) func(first int, u [][]float64)
}

func oneSequence(interleave bool) func(uint64, int) func(int, [][]float64) {
	return func(seed uint64, k int) func(int, [][]float64) {
		q, err := sampler.NewScrambledSobol(2*k, seed)
		if err != nil {
			panic(err)
		}
		return func(first int, u [][]float64) {
			if !interleave {
				q.Fill(uint64(first), u)
				return
			}
			v := make([][]float64, 2*k)
			for j := 0; j < k; j++ {
				v[2*j], v[2*j+1] = u[j], u[k+j]
			}
			q.Fill(uint64(first), v)
		}
	}
}

// owenSequence is one 2k-dimensional Sobol' sequence with Owen's (1995)
// nested uniform scrambling (A = first k coordinates, B = last k): bit i of a
// coordinate (most significant first) is flipped by a random bit that
// depends on the dimension, i and the bits above i, the random tree of
// flips being Philox draws keyed by them. Slow (32 draws per coordinate):
// study only.
func owenSequence(seed uint64, k int) func(int, [][]float64) {
	q, err := sampler.NewSobol(2 * k)
	if err != nil {
		panic(err)
	}
	key := sampler.Derive(seed, "study-owen", 0)
	return func(first int, u [][]float64) {
		q.Fill(uint64(first), u)
		for j := range u {
			for s, v := range u[j] {
				x := uint32(v * 0x1p32)
				var y uint32
				for i := 31; i >= 0; i-- {
					prefix := uint64(x) >> (i + 1)
					h := sampler.Uint64(key, uint64(j)*32+uint64(i), prefix)
					y |= (x>>i&1 ^ uint32(h>>63)) << i
				}
				u[j][s] = (float64(y) + 0.5) * 0x1p-32
			}
		}
	}
}

func independentScrambles(R int) func(uint64, int) func(int, [][]float64) {
	return func(seed uint64, k int) func(int, [][]float64) {
		qs := make([]*sampler.Sobol, R)
		for r := range qs {
			qs[r], _ = sampler.NewScrambledSobol(2*k, sampler.Derive(seed, "study-replicate", uint64(r)))
		}
		return func(first int, u [][]float64) {
			n := len(u[0])
			v := make([][]float64, len(u))
			for j := range v {
				v[j] = make([]float64, n/R+1)
			}
			for r := 0; r < R; r++ {
				// rows first+s ≡ r mod R
				s0 := (r - first%R + R) % R
				cnt := (n - s0 + R - 1) / R
				if cnt <= 0 {
					continue
				}
				w := make([][]float64, len(v))
				for j := range v {
					w[j] = v[j][:cnt]
				}
				qs[r].Fill(uint64((first+s0)/R), w)
				for j := range u {
					for q := 0; q < cnt; q++ {
						u[j][s0+q*R] = w[j][q]
					}
				}
			}
		}
	}
}

func monteCarlo(seed uint64, k int) func(int, [][]float64) {
	d := sampler.NewMC(seed, 2*k)
	return func(first int, u [][]float64) { d.Fill(uint64(first), u) }
}

// studyRun accumulates one function on one design into sums with each of the
// interval layouts given.
func studyRun(f studyFunc, fill func(int, [][]float64), n int, layouts []SobolConfig) []*SobolSums {
	m := f.m
	k := m.k
	const block = 512
	sets := singletonSets(k)
	// Centre on the mean of the first 64 rows, as the engine's pilot does.
	accs := make([]*SobolSums, len(layouts))
	u := mat2(2*k, block)
	a, b, x := make([]float64, k), make([]float64, k), make([]float64, k)
	y := make([]float64, 1)
	fA, fB := mat2(1, block), mat2(1, block)
	fAB := make([][][]float64, k)
	for j := range fAB {
		fAB[j] = mat2(1, block)
	}
	for first := 0; first < n; first += block {
		nb := min(block, n-first)
		us := make([][]float64, 2*k)
		for j := range us {
			us[j] = u[j][:nb]
		}
		fill(first, us)
		for s := 0; s < nb; s++ {
			for j := 0; j < k; j++ {
				a[j] = m.draw(j, us[j][s])
				b[j] = m.draw(j, us[k+j][s])
			}
			m.eval(a, y)
			fA[0][s] = y[0]
			m.eval(b, y)
			fB[0][s] = y[0]
			for j, set := range sets {
				copy(x, a)
				for _, i := range set {
					x[i] = b[i]
				}
				m.eval(x, y)
				fAB[j][0][s] = y[0]
			}
		}
		if first == 0 {
			c := 0.0
			for _, v := range fA[0][:min(64, nb)] {
				c += v
			}
			c /= float64(min(64, nb))
			for i, l := range layouts {
				l.Series, l.Sets, l.Centres = 1, k, []float64{c}
				accs[i] = NewSobolSums(l)
			}
		}
		sub := func(m [][]float64) [][]float64 { return [][]float64{m[0][:nb]} }
		ab := make([][][]float64, k)
		for j := range ab {
			ab[j] = sub(fAB[j])
		}
		for _, acc := range accs {
			acc.Add(uint64(first), sub(fA), sub(fB), ab, nil)
		}
	}
	return accs
}

func mat2(r, n int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

// studyStats summarises one (function, design, N) over seeds.
type studyStats struct {
	medErr           float64 // median over seeds of max |error| on S1 and ST
	covered, total   int     // intervals covering the exact value
	medWidth         float64 // median over seeds of the widest interval
	errs, widths     []float64
	infiniteInterval int
}

func (st *studyStats) add(f studyFunc, idx []Index) {
	e, w := 0.0, 0.0
	for u, x := range idx {
		e = math.Max(e, math.Max(math.Abs(x.S1-f.s[u]), math.Abs(x.ST-f.st[u])))
		w = math.Max(w, math.Max(x.S1Hi-x.S1Lo, x.STHi-x.STLo))
		st.total += 2
		if x.S1Lo <= f.s[u] && f.s[u] <= x.S1Hi {
			st.covered++
		}
		if x.STLo <= f.st[u] && f.st[u] <= x.STHi {
			st.covered++
		}
	}
	if math.IsInf(w, 0) {
		st.infiniteInterval++
	}
	st.errs = append(st.errs, e)
	st.widths = append(st.widths, w)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// TestDesignStudy prints the comparison table (MC_STUDY=1; MC_STUDY_SEEDS,
// MC_STUDY_MAXLOG2 adjust it). It is a measurement, not a check.
func TestDesignStudy(t *testing.T) {
	if os.Getenv("MC_STUDY") == "" {
		t.Skip("set MC_STUDY=1 to run the design study")
	}
	seeds := 8
	fmt.Sscan(os.Getenv("MC_STUDY_SEEDS"), &seeds)
	maxLog := 16
	fmt.Sscan(os.Getenv("MC_STUDY_MAXLOG2"), &maxLog)
	type design struct {
		name    string
		fill    func(uint64, int) func(int, [][]float64)
		layouts []SobolConfig // interval layouts; nil batch rows: N/R
		labels  []string
	}
	designs := []design{
		{"mc", monteCarlo, []SobolConfig{{Replicates: 16}}, []string{"16 batches i mod 16"}},
		{"16 scrambles (old)", independentScrambles(16), []SobolConfig{{Replicates: 16}}, []string{"replicates"}},
		{"4 scrambles", independentScrambles(4), []SobolConfig{{Replicates: 4}}, []string{"replicates"}},
		{"2 scrambles", independentScrambles(2), []SobolConfig{{Replicates: 2}}, []string{"replicates"}},
		{"one sequence A|B (ref)", oneSequence(false), []SobolConfig{{Replicates: 4, BatchRows: -1}, {Replicates: 8, BatchRows: -1}, {Replicates: 16, BatchRows: -1}}, []string{"4 blocks", "8 blocks", "16 blocks"}},
		{"one sequence interleaved", oneSequence(true), []SobolConfig{{Replicates: 16, BatchRows: -1}}, []string{"16 blocks"}},
		{"one sequence Owen A|B", owenSequence, []SobolConfig{{Replicates: 16, BatchRows: -1}}, []string{"16 blocks"}},
	}
	only := os.Getenv("MC_STUDY_FUNCS")
	for _, f := range studyFuncs() {
		if only != "" && !strings.Contains(f.name, only) {
			continue
		}
		for lg := 10; lg <= maxLog; lg += 2 {
			if lg > 16 && f.m.k > 8 {
				continue
			}
			n := 1 << lg
			for _, d := range designs {
				if only := os.Getenv("MC_STUDY_DESIGNS"); only != "" && !strings.Contains(d.name, only) {
					continue
				}
				stats := make([]studyStats, len(d.layouts))
				for seed := 0; seed < seeds; seed++ {
					ls := slices.Clone(d.layouts)
					for i := range ls {
						if ls[i].BatchRows < 0 {
							ls[i].BatchRows = n / ls[i].Replicates
						}
					}
					accs := studyRun(f, d.fill(uint64(1000+seed), f.m.k), n, ls)
					for i, acc := range accs {
						idx, err := acc.Indices(Estimators{})
						if err != nil {
							t.Fatal(err)
						}
						stats[i].add(f, idx)
					}
				}
				for i, st := range stats {
					t.Logf("%-28s N=2^%-2d %-26s %-20s err %.2e  cover %5.1f %%  width %.2e", f.name, lg, d.name, d.labels[i],
						median(st.errs), 100*float64(st.covered)/float64(st.total), median(st.widths))
				}
			}
		}
	}
}

// oneSequenceSkip is the interleaved layout on coordinates 2…2k+1 of a
// (2k+1)-dimensional sequence: the first coordinate, van der Corput's, is
// not used.
func oneSequenceSkip(seed uint64, k int) func(int, [][]float64) {
	q, err := sampler.NewScrambledSobol(2*k+1, seed)
	if err != nil {
		panic(err)
	}
	return func(first int, u [][]float64) {
		v := make([][]float64, 2*k+1)
		v[0] = make([]float64, len(u[0]))
		for j := 0; j < k; j++ {
			v[2*j+1], v[2*j+2] = u[j], u[k+j]
		}
		q.Fill(uint64(first), v)
	}
}

// TestWidthPlateaus counts, per design, the doublings of N (2^10 … 2^16)
// after which the widest 95 % interval did not shrink by 10 %: the steps a
// run to a target width pays for nothing; and the N at which the width first
// falls below 0.05, 0.01 and 0.002 (17: not by 2^16), the cost of a run to a
// target width (MC_STUDY=1; MC_STUDY_DESIGNS filters).
func TestWidthPlateaus(t *testing.T) {
	if os.Getenv("MC_STUDY") == "" {
		t.Skip("set MC_STUDY=1 to run the design study")
	}
	seeds := 16
	fmt.Sscan(os.Getenv("MC_STUDY_SEEDS"), &seeds)
	designs := []struct {
		name string
		fill func(uint64, int) func(int, [][]float64)
		cfg  SobolConfig
	}{
		{"16 scrambles (old)", independentScrambles(16), SobolConfig{Replicates: 16}},
		{"A|B 16 blocks", oneSequence(false), SobolConfig{Replicates: 16, BatchRows: -1}},
		{"interleaved 16 blocks", oneSequence(true), SobolConfig{Replicates: 16, BatchRows: -1}},
		{"interleaved, no dim 1", oneSequenceSkip, SobolConfig{Replicates: 16, BatchRows: -1}},
		{"interleaved 8 blocks", oneSequence(true), SobolConfig{Replicates: 8, BatchRows: -1}},
		{"interleaved 32 blocks", oneSequence(true), SobolConfig{Replicates: 32, BatchRows: -1}},
		{"mc 16 batches", monteCarlo, SobolConfig{Replicates: 16}},
	}
	for _, f := range studyFuncs() {
		if f.m.k > 8 || strings.Contains(f.name, "x3,x1") || strings.Contains(f.name, "99,9,99") {
			continue
		}
		for _, d := range designs {
			if only := os.Getenv("MC_STUDY_DESIGNS"); only != "" && !strings.Contains(d.name, only) {
				continue
			}
			stalls, steps := 0, 0
			var st studyStats
			targets := []float64{0.05, 0.01, 0.002}
			reach := make([][]float64, len(targets)) // log2 N at which the width first fell below each target
			for seed := 0; seed < seeds; seed++ {
				prev := math.Inf(1)
				reached := make([]bool, len(targets))
				for lg := 10; lg <= 16; lg++ {
					n := 1 << lg
					cfg := d.cfg
					if cfg.BatchRows < 0 {
						cfg.BatchRows = n / cfg.Replicates
					}
					acc := studyRun(f, d.fill(uint64(1000+seed), f.m.k), n, []SobolConfig{cfg})[0]
					idx, err := acc.Indices(Estimators{})
					if err != nil {
						t.Fatal(err)
					}
					w := 0.0
					for _, x := range idx {
						w = math.Max(w, math.Max(x.S1Hi-x.S1Lo, x.STHi-x.STLo))
					}
					if lg > 10 {
						steps++
						if w > 0.9*prev {
							stalls++
						}
					}
					prev = w
					for i, tg := range targets {
						if !reached[i] && w < tg {
							reached[i] = true
							reach[i] = append(reach[i], float64(lg))
						}
					}
					if lg == 16 {
						st.add(f, idx)
					}
				}
				for i := range targets {
					if !reached[i] {
						reach[i] = append(reach[i], 17) // beyond 2^16
					}
				}
			}
			t.Logf("%-28s %-24s median log2 N to a widest width below 0.05, 0.01, 0.002: %v, %v, %v", f.name, d.name,
				median(reach[0]), median(reach[1]), median(reach[2]))
			t.Logf("%-28s %-24s plateaus %3d of %3d doublings (%4.1f %%); at 2^16 err %.2e cover %5.1f %% width %.2e", f.name, d.name, stalls, steps,
				100*float64(stalls)/float64(steps), median(st.errs), 100*float64(st.covered)/float64(st.total), median(st.widths))
		}
	}
}
