package sampler

import (
	"math"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// normalOfRank is the copula's Pearson correlation for Spearman ρ_S:
// r = 2 sin(π ρ_S / 6) (Kruskal 1958).
func normalOfRank(rho float64) float64 { return 2 * math.Sin(math.Pi*rho/6) }

// ranks returns the ranks 0 … n−1 of v (the values are distinct).
func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for k, i := range idx {
		r[i] = float64(k)
	}
	return r
}

// spearman is Pearson's correlation of the ranks.
func spearman(a, b []float64) float64 {
	return stat.Correlation(ranks(a), ranks(b), nil)
}

// spearmanBand is the 4-sigma sampling interval of Spearman's ρ̂ around ρ
// for n independent rows: Fisher's z = atanh ρ̂ has variance ≈ 1.06/(n − 3)
// (Fieller, Hartley & Pearson 1957).
func spearmanBand(rho float64, n int) (lo, hi float64) {
	h := 4 * math.Sqrt(1.06/float64(n-3))
	return math.Tanh(math.Atanh(rho) - h), math.Tanh(math.Atanh(rho) + h)
}

func mcPoints(seed uint64, n, dim int) [][]float64 {
	u := make([][]float64, dim)
	for j := range u {
		u[j] = make([]float64, n)
	}
	NewMC(seed, dim).Fill(0, u)
	return u
}

// The achieved rank correlation of a pair is the target within sampling
// error, for positive, negative, weak and strong targets. n is large enough
// for the band (±0.006 at ρ_S = 0.6) to exclude using ρ_S itself as the
// normal correlation (which gives ρ_S = 0.582).
func TestGaussianCopulaPairSpearman(t *testing.T) {
	const n = 200000
	for i, rho := range []float64{0.6, -0.6, 0.15, -0.9, 0.95} {
		r := normalOfRank(rho)
		c, err := NewGaussianCopula([]int{2, 0}, [][]float64{{1, r}, {r, 1}})
		if err != nil {
			t.Fatal(err)
		}
		u := mcPoints(uint64(10+i), n, 3)
		orig2 := append([]float64(nil), u[2]...)
		orig1 := append([]float64(nil), u[1]...)
		c.Transform(u)
		lo, hi := spearmanBand(rho, n)
		if got := spearman(u[2], u[0]); got < lo || got > hi {
			t.Errorf("ρ_S = %v: achieved %.4f outside [%.4f, %.4f]", rho, got, lo, hi)
		}
		// The first coordinate of the copula and the others are untouched.
		for s := range n {
			if u[2][s] != orig2[s] || u[1][s] != orig1[s] {
				t.Fatalf("ρ_S = %v: row %d: a coordinate outside the transform or the first one changed", rho, s)
			}
		}
		uniformKS(t, "transformed coordinate", u[0])
	}
}

// uniformKS checks the Kolmogorov–Smirnov distance of v to U(0, 1) against
// the 0.01 % critical value 2.07/√n.
func uniformKS(t *testing.T, what string, v []float64) {
	t.Helper()
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := float64(len(s))
	d := 0.0
	for i, x := range s {
		if !(x > 0 && x < 1) {
			t.Fatalf("%s: %v outside (0, 1)", what, x)
		}
		d = math.Max(d, math.Max(float64(i+1)/n-x, x-float64(i)/n))
	}
	if crit := 2.07 / math.Sqrt(n); d > crit {
		t.Errorf("%s: KS distance to U(0, 1) %.4f > %.4f", what, d, crit)
	}
}

// A 3×3 target: every pair within sampling error, every margin uniform.
func TestGaussianCopulaMatrixSpearman(t *testing.T) {
	const n = 100000
	rank := [][]float64{{1, 0.5, -0.3}, {0.5, 1, 0.2}, {-0.3, 0.2, 1}}
	r := make([][]float64, 3)
	for i := range r {
		r[i] = make([]float64, 3)
		for j := range r[i] {
			r[i][j] = normalOfRank(rank[i][j])
		}
		r[i][i] = 1
	}
	c, err := NewGaussianCopula([]int{0, 1, 2}, r)
	if err != nil {
		t.Fatal(err)
	}
	u := mcPoints(99, n, 3)
	c.Transform(u)
	for i := range 3 {
		uniformKS(t, "coordinate", u[i])
		for j := i + 1; j < 3; j++ {
			lo, hi := spearmanBand(rank[i][j], n)
			if got := spearman(u[i], u[j]); got < lo || got > hi {
				t.Errorf("(%d, %d): target %v, achieved %.4f outside [%.4f, %.4f]", i, j, rank[i][j], got, lo, hi)
			}
		}
	}
}

// The transform is row by row: any split of the rows gives the same bits.
func TestGaussianCopulaRowByRow(t *testing.T) {
	r := normalOfRank(0.7)
	c, err := NewGaussianCopula([]int{0, 1}, [][]float64{{1, r}, {r, 1}})
	if err != nil {
		t.Fatal(err)
	}
	whole := mcPoints(5, 1000, 2)
	c.Transform(whole)
	parts := mcPoints(5, 1000, 2)
	for _, cut := range [][2]int{{0, 1}, {1, 333}, {333, 1000}} {
		c.Transform([][]float64{parts[0][cut[0]:cut[1]], parts[1][cut[0]:cut[1]]})
	}
	for j := range 2 {
		for s := range whole[j] {
			if math.Float64bits(whole[j][s]) != math.Float64bits(parts[j][s]) {
				t.Fatalf("coordinate %d row %d: %v whole, %v in parts", j, s, whole[j][s], parts[j][s])
			}
		}
	}
}

// Grid points 0 and 1 (Morris) and the extreme design points give
// uniforms strictly inside (0, 1), never NaN.
func TestGaussianCopulaEdges(t *testing.T) {
	r := normalOfRank(-0.99)
	c, err := NewGaussianCopula([]int{0, 1}, [][]float64{{1, r}, {r, 1}})
	if err != nil {
		t.Fatal(err)
	}
	edge := []float64{0, 1, 0x1p-53, 1 - 0x1p-53, 0.5}
	for _, a := range edge {
		for _, b := range edge {
			u := [][]float64{{a}, {b}}
			c.Transform(u)
			if !(u[1][0] > 0 && u[1][0] < 1) {
				t.Errorf("(%v, %v) → %v", a, b, u[1][0])
			}
		}
	}
}

func TestGaussianCopulaRefusesBadMatrices(t *testing.T) {
	bad := []struct {
		name string
		r    [][]float64
		want string
	}{
		{"not positive definite", [][]float64{{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}}, "not positive definite"},
		{"|r| = 1", [][]float64{{1, 0.5, 0.5}, {0.5, 1, 1}, {0.5, 1, 1}}, "not in (−1, 1)"},
		{"asymmetric", [][]float64{{1, 0.5, 0}, {0.4, 1, 0}, {0, 0, 1}}, "not symmetric"},
		{"diagonal", [][]float64{{1, 0.5, 0}, {0.5, 2, 0}, {0, 0, 1}}, "diagonal"},
	}
	for _, b := range bad {
		_, err := NewGaussianCopula([]int{0, 1, 2}, b.r)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: error %v, want %q", b.name, err, b.want)
		}
	}
	if _, err := NewGaussianCopula([]int{0, 0}, [][]float64{{1, 0}, {0, 1}}); err == nil {
		t.Error("repeated coordinate accepted")
	}
}

// BenchmarkGaussianCopula measures the transform of 3 correlated
// coordinates, per row.
func BenchmarkGaussianCopula(b *testing.B) {
	r := normalOfRank(0.5)
	c, err := NewGaussianCopula([]int{0, 1, 2}, [][]float64{{1, r, r}, {r, 1, r}, {r, r, 1}})
	if err != nil {
		b.Fatal(err)
	}
	u := mcPoints(1, 4096, 3)
	work := mcPoints(1, 4096, 3)
	b.ResetTimer()
	for range b.N {
		for j := range u {
			copy(work[j], u[j])
		}
		c.Transform(work)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*4096), "ns/row")
}
