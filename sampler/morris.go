package sampler

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// MorrisDesign is the trajectory design of Morris (1991, Technometrics
// 33:161–174) for elementary effects, with groups and the trajectory
// selection of Campolongo, Cariboni & Saltelli (2007, Environ. Model. Softw.
// 22:1509–1518).
//
// Factors live on the p-level grid x ∈ {0, 1/(p−1), …, 1} and move by
// Δ = p/(2(p−1)), that is p/2 levels (p even). In each trajectory every
// factor gets a random start level ℓ, uniform on {0, …, p−1}, and moves to
// its partner ℓ + p/2 if ℓ < p/2, else ℓ − p/2: both stay on the grid, and
// this is Morris's random base point x* with random direction D*. The sets
// move one at a time in a random order; a set moves all its factors at once
// (Campolongo 2007 groups). A trajectory has len(sets)+1 points.
//
// Points are the unit-cube grid values x = ℓ/(p − 1), as in Morris (1991),
// Campolongo et al. (2007) and SALib: a factor moves by exactly ±Δ in the
// unit cube and its elementary effect is [f(x + Δe_i) − f(x)]/Δ, so a linear
// function of a uniform factor has |EE| = coefficient × range. The caller
// maps x to a factor value by its quantile function; for distributions whose
// quantiles at 0 or 1 are infinite (normal, lognormal, …) MorrisMidpoint
// moves the grid to probability midpoints instead (see there).
//
// All draws come from Uint64(Derive(seed, "sampler.Morris", 0), c, i) for
// candidate trajectory c, so the design is a pure function of its arguments.
type MorrisDesign struct {
	key       uint64
	sets      [][]int
	nFactors  int
	levels    int
	r         int
	sel       []int // candidate of trajectory t; nil means t itself
	setOfFact []int // set of each factor, -1 if none
}

// MaxMorrisPool bounds the candidate pool: the selection stores the M×M
// distance matrix (8 MiB at M = 1024, 32 MiB at M = 2048).
const MaxMorrisPool = 2048

// NewMorrisDesign returns r trajectories over nFactors factors on a
// levels-level grid. sets[g] lists the factors moved together as set g
// (singletons for plain factors); each factor belongs to at most one set, and
// a factor in no set keeps its random start level along the trajectory.
//
// With pool > r, pool candidate trajectories are generated and the r that
// maximise Campolongo's spread D = sqrt(Σ_{a<b} d_ab²) are kept, where d_ab
// is the sum of the Euclidean distances between every point of trajectory a
// and every point of trajectory b (Campolongo 2007, eq. 3–4). Enumerating all
// subsets is combinatorial; as in Ruano, Ribes, Seco & Ferrer (2012,
// Environ. Model. Softw. 37:103–109), trajectories are removed one by one,
// each time the one contributing least to D², and the result is then improved
// by best-improvement swaps between kept and discarded candidates. The cost is
// O(M² (K+1)²) to build the distance matrix once (K = len(sets); singletons
// update a distance in O(1) between consecutive points), O(M²) for the
// removals and O(r (M−r)) per swap pass: about 0.3 s for k = 20,
// M = 1000. pool = 0 or pool = r means no selection.
func NewMorrisDesign(seed uint64, sets [][]int, nFactors, levels, r, pool int) (*MorrisDesign, error) {
	switch {
	case nFactors < 1:
		return nil, fmt.Errorf("sampler: Morris design with %d factors", nFactors)
	case len(sets) < 1:
		return nil, errors.New("sampler: Morris design with no sets to move")
	case levels < 2 || levels%2 != 0:
		return nil, fmt.Errorf("sampler: Morris design with %d levels, need an even number ≥ 2 so that x ± Δ stays on the grid", levels)
	case r < 1:
		return nil, fmt.Errorf("sampler: Morris design with %d trajectories", r)
	case pool < 0 || (pool > 0 && pool < r):
		return nil, fmt.Errorf("sampler: Morris candidate pool of %d for %d trajectories: need 0 (no selection) or at least r", pool, r)
	case pool > MaxMorrisPool:
		return nil, fmt.Errorf("sampler: Morris candidate pool of %d exceeds %d", pool, MaxMorrisPool)
	}
	d := &MorrisDesign{
		key:       Derive(seed, "sampler.Morris", 0),
		sets:      make([][]int, len(sets)),
		nFactors:  nFactors,
		levels:    levels,
		r:         r,
		setOfFact: make([]int, nFactors),
	}
	for j := range d.setOfFact {
		d.setOfFact[j] = -1
	}
	for g, s := range sets {
		if len(s) == 0 {
			return nil, fmt.Errorf("sampler: Morris set %d is empty", g)
		}
		for _, j := range s {
			if j < 0 || j >= nFactors {
				return nil, fmt.Errorf("sampler: Morris set %d lists factor %d, out of range [0, %d)", g, j, nFactors)
			}
			if d.setOfFact[j] >= 0 {
				return nil, fmt.Errorf("sampler: factor %d is in Morris sets %d and %d", j, d.setOfFact[j], g)
			}
			d.setOfFact[j] = g
		}
		d.sets[g] = slices.Clone(s)
	}
	if pool > r {
		d.sel = d.selectTrajectories(pool)
	}
	return d, nil
}

// Trajectories returns r, the number of trajectories.
func (d *MorrisDesign) Trajectories() int { return d.r }

// Points returns the number of points of a trajectory, len(sets)+1.
func (d *MorrisDesign) Points() int { return len(d.sets) + 1 }

// Factors returns the number of factors.
func (d *MorrisDesign) Factors() int { return d.nFactors }

// Levels returns p, the number of grid levels.
func (d *MorrisDesign) Levels() int { return d.levels }

// Delta returns the step Δ = p/(2(p−1)) in grid units.
func (d *MorrisDesign) Delta() float64 { return float64(d.levels) / float64(2*(d.levels-1)) }

// Trajectory writes trajectory t: u[j][p] is the probability of factor j at
// point p (p = 0 … len(sets)), moved[p] the set that moves between points p
// and p+1 and delta[p] its signed step ±Δ in grid units. A set's factors may
// move in different directions; the sign is that of its first factor, so the
// signed effects μ and σ of a group are not meaningful, only μ* is
// (Campolongo 2007). To pack several trajectories in one buffer, pass
// sub-slices u[j][off:].
func (d *MorrisDesign) Trajectory(t int, u [][]float64, moved []int, delta []float64) error {
	K := len(d.sets)
	if t < 0 || t >= d.r {
		return fmt.Errorf("sampler: Morris trajectory %d out of range [0, %d)", t, d.r)
	}
	if len(u) != d.nFactors || len(moved) < K || len(delta) < K {
		return fmt.Errorf("sampler: Morris trajectory buffers: %d factor columns, %d moves, %d steps; want %d, %d, %d",
			len(u), len(moved), len(delta), d.nFactors, K, K)
	}
	for j := range u {
		if len(u[j]) < K+1 {
			return fmt.Errorf("sampler: Morris trajectory buffer of factor %d holds %d points, want %d", j, len(u[j]), K+1)
		}
	}
	c := t
	if d.sel != nil {
		c = d.sel[t]
	}
	start, order := d.candidate(c, nil, nil)
	p := float64(d.levels)
	step := make([]int, K) // step at which each set moves
	for s, g := range order {
		step[g] = s
		moved[s] = g
		first := d.sets[g][0]
		delta[s] = d.Delta()
		if start[first] >= d.levels/2 {
			delta[s] = -delta[s]
		}
	}
	for j, l := range start {
		before := float64(l) / (p - 1)
		col := u[j][:K+1]
		g := d.setOfFact[j]
		if g < 0 {
			for i := range col {
				col[i] = before
			}
			continue
		}
		after := float64(d.partner(l)) / (p - 1)
		for i := range col {
			if i <= step[g] {
				col[i] = before
			} else {
				col[i] = after
			}
		}
	}
	return nil
}

// MorrisMidpoint maps the grid value x = ℓ/(p − 1) of a p-level Morris grid
// to the probability (ℓ + ½)/p, the midpoint of the ℓ-th of p
// equal-probability strata: for a factor whose quantile function is infinite
// at 0 or 1, the grid's ends cannot be evaluated. Its elementary effects stay
// expressed per grid step Δ (the probability step is then ½).
func MorrisMidpoint(x float64, p int) float64 {
	l := math.Round(x * float64(p-1))
	return (l + 0.5) / float64(p)
}

func (d *MorrisDesign) partner(l int) int {
	if l < d.levels/2 {
		return l + d.levels/2
	}
	return l - d.levels/2
}

// candidate returns the start levels of the factors and the order in which
// the sets move for candidate trajectory c, reusing the given buffers.
func (d *MorrisDesign) candidate(c int, start, order []int) ([]int, []int) {
	start = slices.Grow(start[:0], d.nFactors)[:d.nFactors]
	order = slices.Grow(order[:0], len(d.sets))[:len(d.sets)]
	for j := range start {
		hi, _ := bits.Mul64(Uint64(d.key, uint64(c), uint64(j)), uint64(d.levels))
		start[j] = int(hi)
	}
	for g := range order {
		order[g] = g
	}
	// Fisher–Yates; the modulo bias of Mul64 is below 2^-50.
	for i := len(order) - 1; i > 0; i-- {
		hi, _ := bits.Mul64(Uint64(d.key, uint64(c), uint64(d.nFactors+i)), uint64(i+1))
		order[i], order[hi] = order[hi], order[i]
	}
	return start, order
}

// trajLevels is a candidate in the form the distance computation needs.
type trajLevels struct {
	start, end []int // level of each factor before and after its set moves
	order      []int // set moved at each step
	step       []int // step at which each set moves
}

// Spread returns Campolongo's spread D = sqrt(Σ_{a<b} d_ab²) of the r
// trajectories of the design, in grid units.
func (d *MorrisDesign) Spread() float64 {
	ts := make([]trajLevels, d.r)
	for t := range ts {
		c := t
		if d.sel != nil {
			c = d.sel[t]
		}
		ts[t] = d.levelsOf(c)
	}
	dist := newTrajDistance(d)
	var s float64
	for a := range ts {
		for b := a + 1; b < len(ts); b++ {
			x := dist.between(&ts[a], &ts[b])
			s += x * x
		}
	}
	return math.Sqrt(s)
}

func (d *MorrisDesign) levelsOf(c int) trajLevels {
	start, order := d.candidate(c, nil, nil)
	end := make([]int, len(start))
	for j, l := range start {
		end[j] = l
		if d.setOfFact[j] >= 0 {
			end[j] = d.partner(l)
		}
	}
	step := make([]int, len(order))
	for s, g := range order {
		step[g] = s
	}
	return trajLevels{start: start, end: end, order: order, step: step}
}

// trajDistance computes d_ab, the sum over point pairs of the Euclidean
// distances (in grid levels) between trajectories a and b.
type trajDistance struct {
	d    *MorrisDesign
	root []float64 // root[q] = sqrt(q), q a squared distance in levels
	cur  []int     // levels of the current point of a
	row  []int     // squared distances from a point of a to every point of b
}

func newTrajDistance(d *MorrisDesign) *trajDistance {
	maxSq := d.nFactors * (d.levels - 1) * (d.levels - 1)
	root := make([]float64, maxSq+1)
	for q := range root {
		root[q] = math.Sqrt(float64(q))
	}
	return &trajDistance{d: d, root: root, cur: make([]int, d.nFactors), row: make([]int, len(d.sets)+1)}
}

func (td *trajDistance) between(a, b *trajLevels) float64 {
	sets := td.d.sets
	sq := func(x int) int { return x * x }
	// Point 0 of a against every point of b: full distance to b's point 0,
	// then one update per step of b over the factors of the moved set.
	copy(td.cur, a.start)
	q := 0
	for j, l := range td.cur {
		q += sq(l - b.start[j])
	}
	td.row[0] = q
	for s, g := range b.order {
		for _, j := range sets[g] {
			q += sq(td.cur[j]-b.end[j]) - sq(td.cur[j]-b.start[j])
		}
		td.row[s+1] = q
	}
	var sum float64
	for _, x := range td.row {
		sum += td.root[x]
	}
	// Each step of a changes the factors of one set: update the whole row.
	for _, g := range a.order {
		for _, j := range sets[g] {
			oldL, newL := td.cur[j], a.end[j]
			// The level of factor j in b is b.start[j] up to the step where
			// its set moves in b, b.end[j] after.
			sb := b.step[g]
			dStart := sq(newL-b.start[j]) - sq(oldL-b.start[j])
			dEnd := sq(newL-b.end[j]) - sq(oldL-b.end[j])
			for i := range td.row {
				if i <= sb {
					td.row[i] += dStart
				} else {
					td.row[i] += dEnd
				}
			}
			td.cur[j] = newL
		}
		for _, x := range td.row {
			sum += td.root[x]
		}
	}
	return sum
}

// selectTrajectories returns, sorted, the r candidates out of M kept by the
// removal-then-swap search documented on NewMorrisDesign.
func (d *MorrisDesign) selectTrajectories(M int) []int {
	ts := make([]trajLevels, M)
	for c := range ts {
		ts[c] = d.levelsOf(c)
	}
	dist := newTrajDistance(d)
	d2 := make([]float64, M*M) // squared trajectory distances
	for a := 0; a < M; a++ {
		for b := a + 1; b < M; b++ {
			x := dist.between(&ts[a], &ts[b])
			d2[a*M+b], d2[b*M+a] = x*x, x*x
		}
	}
	in := make([]bool, M)
	contrib := make([]float64, M) // Σ over kept b of d2[a][b], for every a
	for a := 0; a < M; a++ {
		in[a] = true
		for b := 0; b < M; b++ {
			contrib[a] += d2[a*M+b]
		}
	}
	update := func(x int, sign float64) {
		row := d2[x*M:][:M]
		for b, v := range row {
			contrib[b] += sign * v
		}
	}
	for kept := M; kept > d.r; kept-- {
		worst := -1
		for a := 0; a < M; a++ {
			if in[a] && (worst < 0 || contrib[a] < contrib[worst]) {
				worst = a
			}
		}
		in[worst] = false
		update(worst, -1)
	}
	// Swap out a kept a for a discarded c when it raises D²: the gain is
	// (contrib[c] − d2[c][a]) − contrib[a].
	var total float64
	for a := 0; a < M; a++ {
		if in[a] {
			total += contrib[a]
		}
	}
	for pass := 0; pass < 100*d.r; pass++ {
		best, bestA, bestC := 1e-12*total, -1, -1
		for a := 0; a < M; a++ {
			if !in[a] {
				continue
			}
			for c := 0; c < M; c++ {
				if in[c] {
					continue
				}
				if g := contrib[c] - d2[a*M+c] - contrib[a]; g > best {
					best, bestA, bestC = g, a, c
				}
			}
		}
		if bestA < 0 {
			break
		}
		in[bestA], in[bestC] = false, true
		update(bestA, -1)
		update(bestC, +1)
		total += 2 * best
	}
	sel := make([]int, 0, d.r)
	for c, ok := range in {
		if ok {
			sel = append(sel, c)
		}
	}
	return sel
}
