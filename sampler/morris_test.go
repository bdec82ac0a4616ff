package sampler

import (
	"math"
	"slices"
	"testing"
)

func singletons(k int) [][]int {
	s := make([][]int, k)
	for j := range s {
		s[j] = []int{j}
	}
	return s
}

func trajectoryBuffers(d *MorrisDesign) ([][]float64, []int, []float64) {
	u := make([][]float64, d.Factors())
	for j := range u {
		u[j] = make([]float64, d.Points())
	}
	return u, make([]int, d.Points()-1), make([]float64, d.Points()-1)
}

// level returns the grid level of the unit-cube value x = ℓ/(p − 1), or -1
// when x is not on the grid.
func level(x float64, p int) int {
	l := x * float64(p-1)
	r := math.Round(l)
	if math.Abs(l-r) > 1e-12 || r < 0 || int(r) >= p {
		return -1
	}
	return int(r)
}

// TestMorrisTrajectoryStructure checks the defining properties of every
// trajectory: points on the grid ℓ/(p − 1), each set moved exactly once by
// p/2 levels with all its factors together, factors outside any set fixed,
// and the signed step ±p/(2(p−1)) following the first factor of the set.
func TestMorrisTrajectoryStructure(t *testing.T) {
	sets := [][]int{{0}, {4, 2}, {1}, {5, 6, 3}} // factor 7 is in no set
	for _, p := range []int{2, 4, 6} {
		d, err := NewMorrisDesign(11, sets, 8, p, 300, 0)
		if err != nil {
			t.Fatal(err)
		}
		wantDelta := float64(p) / float64(2*(p-1))
		if d.Delta() != wantDelta {
			t.Errorf("p=%d: Delta = %v, want %v", p, d.Delta(), wantDelta)
		}
		u, moved, delta := trajectoryBuffers(d)
		for tr := 0; tr < d.Trajectories(); tr++ {
			if err := d.Trajectory(tr, u, moved, delta); err != nil {
				t.Fatal(err)
			}
			seen := make([]bool, len(sets))
			for s, g := range moved {
				if seen[g] {
					t.Fatalf("p=%d trajectory %d: set %d moved twice: %v", p, tr, g, moved)
				}
				seen[g] = true
				for j := range u {
					a, b := level(u[j][s], p), level(u[j][s+1], p)
					if a < 0 || b < 0 {
						t.Fatalf("p=%d trajectory %d: factor %d off the grid: %v", p, tr, j, u[j])
					}
					if slices.Contains(sets[g], j) {
						if abs(b-a) != p/2 {
							t.Fatalf("p=%d trajectory %d step %d: factor %d of set %d moved %d levels, want %d", p, tr, s, j, g, b-a, p/2)
						}
					} else if a != b {
						t.Fatalf("p=%d trajectory %d step %d: factor %d moved with set %d", p, tr, s, j, g)
					}
				}
				first := sets[g][0]
				dir := float64(level(u[first][s+1], p) - level(u[first][s], p))
				if got := delta[s]; got != math.Copysign(wantDelta, dir) {
					t.Fatalf("p=%d trajectory %d step %d: delta = %v, first factor moved %v levels", p, tr, s, got, dir)
				}
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestMorrisLevelsUniform checks that start levels are uniform on the grid
// (Morris's x* uniform with random direction), so that every point of a
// trajectory is uniform on the grid, and that the move order is random.
func TestMorrisLevelsUniform(t *testing.T) {
	const p, k, r = 4, 3, 8000
	d, err := NewMorrisDesign(5, singletons(k), k, p, r, 0)
	if err != nil {
		t.Fatal(err)
	}
	u, moved, delta := trajectoryBuffers(d)
	var count [k + 1][p]int
	var firstMoved [k]int
	for tr := 0; tr < r; tr++ {
		if err := d.Trajectory(tr, u, moved, delta); err != nil {
			t.Fatal(err)
		}
		firstMoved[moved[0]]++
		for pt := 0; pt <= k; pt++ {
			count[pt][level(u[0][pt], p)]++
		}
	}
	// Binomial counts with mean r/p: 5 standard deviations.
	tol := 5 * math.Sqrt(r*(1.0/p)*(1-1.0/p))
	for pt := range count {
		for l, c := range count[pt] {
			if math.Abs(float64(c)-r/p) > tol {
				t.Errorf("point %d: level %d drawn %d times in %d, want %v ± %.0f", pt, l, c, r, r/p, tol)
			}
		}
	}
	tolK := 5 * math.Sqrt(r*(1.0/k)*(1-1.0/k))
	for g, c := range firstMoved {
		if math.Abs(float64(c)-r/k) > tolK {
			t.Errorf("set %d moved first %d times in %d, want %v ± %.0f", g, c, r, r/k, tolK)
		}
	}
}

func TestMorrisDeterministic(t *testing.T) {
	get := func(seed uint64) [][]float64 {
		d, err := NewMorrisDesign(seed, singletons(6), 6, 4, 20, 60)
		if err != nil {
			t.Fatal(err)
		}
		var all [][]float64
		u, moved, delta := trajectoryBuffers(d)
		for tr := 0; tr < 20; tr++ {
			if err := d.Trajectory(tr, u, moved, delta); err != nil {
				t.Fatal(err)
			}
			for j := range u {
				all = append(all, slices.Clone(u[j]))
			}
			all = append(all, slices.Clone(delta))
		}
		return all
	}
	a, b, c := get(3), get(3), get(4)
	if !slices.EqualFunc(a, b, slices.Equal) {
		t.Error("same seed gave different designs")
	}
	if slices.EqualFunc(a, c, slices.Equal) {
		t.Error("different seeds gave the same design")
	}
}

// bruteDistance is Campolongo's d_ab computed from the points themselves.
func bruteDistance(d *MorrisDesign, a, b int) float64 {
	pts := func(c int) [][]float64 {
		tl := d.levelsOf(c)
		K := len(d.sets)
		out := make([][]float64, K+1)
		cur := slices.Clone(tl.start)
		out[0] = make([]float64, len(cur))
		for j, l := range cur {
			out[0][j] = float64(l)
		}
		for s, g := range tl.order {
			for _, j := range d.sets[g] {
				cur[j] = tl.end[j]
			}
			out[s+1] = make([]float64, len(cur))
			for j, l := range cur {
				out[s+1][j] = float64(l)
			}
		}
		return out
	}
	pa, pb := pts(a), pts(b)
	var sum float64
	for _, x := range pa {
		for _, y := range pb {
			var q float64
			for j := range x {
				q += (x[j] - y[j]) * (x[j] - y[j])
			}
			sum += math.Sqrt(q)
		}
	}
	return sum
}

func TestMorrisDistance(t *testing.T) {
	d, err := NewMorrisDesign(9, [][]int{{0, 3}, {1}, {4, 2, 5}}, 7, 6, 30, 0)
	if err != nil {
		t.Fatal(err)
	}
	td := newTrajDistance(d)
	for a := 0; a < 30; a++ {
		for b := 0; b < 30; b++ {
			la, lb := d.levelsOf(a), d.levelsOf(b)
			got, want := td.between(&la, &lb), bruteDistance(d, a, b)
			if math.Abs(got-want) > 1e-9*want {
				t.Fatalf("d(%d, %d) = %v, brute force %v", a, b, got, want)
			}
		}
	}
}

// TestMorrisSelectionSpread checks that Campolongo selection from a pool
// spreads the trajectories more than random choices of r candidates: the
// first r candidates (the design without a pool) and random r-subsets.
func TestMorrisSelectionSpread(t *testing.T) {
	const k, r, M = 8, 10, 200
	sel, err := NewMorrisDesign(1, singletons(k), k, 4, r, M)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := NewMorrisDesign(1, singletons(k), k, 4, r, 0)
	if err != nil {
		t.Fatal(err)
	}
	ds, dp := sel.Spread(), plain.Spread()
	t.Logf("spread: selected %.1f, first %d candidates %.1f", ds, r, dp)
	if !(ds > dp) {
		t.Errorf("selected spread %v not above random choice %v", ds, dp)
	}
	// Random subsets of the same pool, drawn from the counter-based stream.
	td := newTrajDistance(sel)
	for trial := 0; trial < 20; trial++ {
		idx := make([]int, M)
		for i := range idx {
			idx[i] = i
		}
		for i := 0; i < r; i++ {
			j := i + int(Uint64(77, uint64(trial), uint64(i))%uint64(M-i))
			idx[i], idx[j] = idx[j], idx[i]
		}
		var s float64
		for a := 0; a < r; a++ {
			for b := a + 1; b < r; b++ {
				la, lb := sel.levelsOf(idx[a]), sel.levelsOf(idx[b])
				x := td.between(&la, &lb)
				s += x * x
			}
		}
		if math.Sqrt(s) >= ds {
			t.Errorf("random subset %d has spread %v ≥ selected %v", trial, math.Sqrt(s), ds)
		}
	}
}

func TestMorrisDesignErrors(t *testing.T) {
	cases := []struct {
		name          string
		sets          [][]int
		k, p, r, pool int
	}{
		{"no factors", singletons(1), 0, 4, 10, 0},
		{"no sets", nil, 3, 4, 10, 0},
		{"odd levels", singletons(3), 3, 5, 10, 0},
		{"one level", singletons(3), 3, 1, 10, 0},
		{"no trajectories", singletons(3), 3, 4, 0, 0},
		{"pool below r", singletons(3), 3, 4, 10, 5},
		{"pool too big", singletons(3), 3, 4, 10, MaxMorrisPool + 1},
		{"empty set", [][]int{{0}, {}}, 3, 4, 10, 0},
		{"factor out of range", [][]int{{0}, {3}}, 3, 4, 10, 0},
		{"factor twice", [][]int{{0, 1}, {1}}, 3, 4, 10, 0},
	}
	for _, c := range cases {
		if _, err := NewMorrisDesign(1, c.sets, c.k, c.p, c.r, c.pool); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	d, err := NewMorrisDesign(1, singletons(3), 3, 4, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	u, moved, delta := trajectoryBuffers(d)
	if d.Trajectory(2, u, moved, delta) == nil {
		t.Error("trajectory out of range: no error")
	}
	if d.Trajectory(0, u[:2], moved, delta) == nil {
		t.Error("short buffers: no error")
	}
}

// BenchmarkMorrisSelection measures the Campolongo selection at the size the
// design is meant for: k = 20 factors, pool M = 1000, r = 20.
func BenchmarkMorrisSelection(b *testing.B) {
	for b.Loop() {
		if _, err := NewMorrisDesign(1, singletons(20), 20, 4, 20, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMorrisTrajectory(b *testing.B) {
	d, err := NewMorrisDesign(1, singletons(20), 20, 4, 1000, 0)
	if err != nil {
		b.Fatal(err)
	}
	u, moved, delta := trajectoryBuffers(d)
	i := 0
	for b.Loop() {
		if err := d.Trajectory(i%1000, u, moved, delta); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestMorrisMidpoint: grid values ℓ/(p − 1) map to (ℓ + ½)/p.
func TestMorrisMidpoint(t *testing.T) {
	for _, p := range []int{2, 4, 6, 10} {
		for l := 0; l < p; l++ {
			if got, want := MorrisMidpoint(float64(l)/float64(p-1), p), (float64(l)+0.5)/float64(p); got != want {
				t.Errorf("p=%d ℓ=%d: %v, want %v", p, l, got, want)
			}
		}
	}
}

// TestMorrisStepIsDelta: in the unit cube every move of a set's first factor
// is exactly the signed step delta (Morris 1991, SALib), so that
// EE = Δf/Δ is the slope of f along the move.
func TestMorrisStepIsDelta(t *testing.T) {
	for _, p := range []int{2, 4, 6, 8} {
		sets := [][]int{{0}, {1, 2}, {3}}
		d, err := NewMorrisDesign(5, sets, 4, p, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		u, moved, delta := trajectoryBuffers(d)
		for tr := 0; tr < d.Trajectories(); tr++ {
			if err := d.Trajectory(tr, u, moved, delta); err != nil {
				t.Fatal(err)
			}
			for s, g := range moved {
				j := sets[g][0]
				if got := u[j][s+1] - u[j][s]; math.Abs(got-delta[s]) > 1e-15 || math.Abs(math.Abs(delta[s])-d.Delta()) > 0 {
					t.Fatalf("p=%d trajectory %d step %d: factor %d moved %v, delta %v, Δ = %v", p, tr, s, j, got, delta[s], d.Delta())
				}
			}
		}
	}
}
