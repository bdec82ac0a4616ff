package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"mc/bands"
	"mc/inputs"
	"mc/model"

	"mc/sampler"
	"mc/sensitivity"
)

// Options are the settings that change how a run is executed but never its
// results.
type Options struct {
	Workers  int // 0: all CPUs
	Batch    int // rows per model evaluation; 0: DefaultBatch, capped at MaxBatch (see batchRows)
	Progress func(Progress)
	// Keep, if set, receives the per-sample inputs and outputs in sample order.
	Keep Keeper
	// FirstBlock and EndBlock restrict the run to blocks [FirstBlock, EndBlock)
	// (a shard); both 0 means all blocks.
	FirstBlock, EndBlock int
	// ExactBudget, when positive, keeps exact quantiles while they fit this
	// many bytes (bands.ExactBytes). 0: always the quantile sketch, whose
	// cost and memory do not grow with N (see docs/methods.md, Bands).
	ExactBudget int64
	// TargetCI, when positive (method sobol, whole runs only), doubles N
	// until every S1 and ST interval is narrower than it, up to MaxN rows.
	TargetCI float64
	MaxN     int
}

// TargetStep is one round of a run to a target CI width: the widest interval
// at N base rows.
type TargetStep struct {
	N     int
	Width float64
}

// DefaultMaxN bounds the base rows of a run to a target CI width.
const DefaultMaxN = 1 << 20

// sobolChunk is the number of base rows evaluated and added at once by
// method sobol: a power of two, so that a chunk never straddles two batches
// of N/R ≥ sobolChunk rows.
const sobolChunk = 256

// SketchAlpha is the relative accuracy of the quantile sketch.
const SketchAlpha = 0.005

// Progress reports how far a run is.
type Progress struct {
	Blocks, TotalBlocks int
	Evals, TotalEvals   int64
}

// Keeper receives per-sample data: sample indices first, first+1, …, the
// values of every model factor x[j][s] and of every series out[c][s].
type Keeper interface {
	Keep(first int64, x, out [][]float64) error
}

// ConvPoint is the Sobol' indices computed from the first N base rows.
type ConvPoint struct {
	N       int
	Indices []sensitivity.Index
	// sums are the prefix's sums (in a run, not from a state file): a run
	// to a target CI width coarsens their batches and recomputes Indices.
	sums *sensitivity.SobolSums
}

// Outcome is what a run (or a shard) accumulated.
type Outcome struct {
	Plan        *Plan
	Exact       bool // exact quantiles (else sketch)
	Nodes       []Node[*State]
	Convergence []ConvPoint
	Evals       int64
	// Centres are the pilot means that centre the sums (part of the state).
	BandCentres, IndexCentres []float64
	// Quantiles holds the bands' quantiles, counts and extremes: unlike the
	// moments (in the tree's states) they do not depend on the order of
	// merging, so each worker keeps one and they are merged at the end.
	Quantiles *bands.Accumulator
	// Widths and TargetMet report a run to a target CI width.
	Widths    []TargetStep
	TargetMet bool

	merged *State // the fold of Nodes, once made (see result)
}

// result merges the outcome's nodes into the state of the whole run, once:
// the fold merges into the nodes' own states, so it must not run twice.
func (o *Outcome) result() (*State, error) {
	if o.merged == nil {
		st, err := foldRight(o.Nodes)
		if err != nil {
			return nil, err
		}
		o.merged = st
	}
	return o.merged, nil
}

// Run executes the plan (or the shard of it given in opts).
func Run(ctx context.Context, p *Plan, opts Options) (_ *Outcome, err error) {
	defer finishRun(p, &err)
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	first, end := opts.FirstBlock, opts.EndBlock
	if first == 0 && end == 0 {
		end = p.Blocks()
	}
	if first < 0 || end > p.Blocks() || first >= end {
		return nil, fmt.Errorf("engine: block range [%d, %d) outside the design's %d blocks", first, end, p.Blocks())
	}
	if opts.TargetCI > 0 {
		switch {
		case p.Method != "sobol":
			return nil, fmt.Errorf("a target CI width needs method sobol, not %s", p.Method)
		case p.Design == "lhs":
			return nil, fmt.Errorf("a target CI width needs a design that can be extended (sobol or mc), not lhs")
		case opts.FirstBlock != 0 || opts.EndBlock != 0:
			return nil, fmt.Errorf("a target CI width cannot be used with shards")
		}
		if opts.MaxN < p.N {
			opts.MaxN = max(p.N, DefaultMaxN)
		}
	}
	r, err := newRunner(p, opts)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Plan: p, Exact: r.exact, BandCentres: r.bandCentres, IndexCentres: r.idxCentres}

	var onPrefix func(n Node[*State]) error
	newTree := func() *Tree[*State] {
		tree := NewTree[*State](first)
		tree.Release = r.release
		tree.OnPrefix = onPrefix
		return tree
	}
	onPrefix = func(n Node[*State]) error { return r.addPrefix(out, n) }
	tree := newTree()

	total := &Progress{TotalBlocks: end - first, TotalEvals: r.evalsPerRow * int64(min(p.N, end*p.BlockRows)-first*p.BlockRows)}
	if err := r.process(ctx, tree, out, first, end, total); err != nil {
		return nil, err
	}
	// --target-ci-width: double N until every interval is narrow enough.
	for opts.TargetCI > 0 {
		width, err := r.widestCI(tree.Nodes())
		if err != nil {
			return nil, err
		}
		out.Widths = append(out.Widths, TargetStep{N: p.N, Width: width})
		if width < opts.TargetCI || 2*p.N > opts.MaxN {
			out.TargetMet = width < opts.TargetCI
			break
		}
		from := p.Blocks()
		r.mu.Lock()
		r.free = nil // states of the old batch layout
		r.mu.Unlock()
		if p.N < p.BlockRows || p.BatchRows() < max(p.BlockRows, sobolChunk) || p.replicatesFor(2*p.N) != p.Replicates {
			// Block 0 was not full, or a chunk of rows would straddle two
			// batches, or N changes the number of batches: start again, so
			// that the result is that of a plain run of the final N.
			from, tree, out.Convergence, out.Quantiles = 0, newTree(), nil, nil
			p.Replicates = p.replicatesFor(2 * p.N)
		} else if err := r.coarsen(tree, out); err != nil {
			return nil, err
		}
		p.N *= 2
		if from == 0 {
			// A plain run of the new N centres its sums on the mean of its
			// first min(N, 64) rows.
			if err := r.pilot(); err != nil {
				return nil, err
			}
			out.BandCentres, out.IndexCentres = r.bandCentres, r.idxCentres
		}
		total.TotalBlocks += p.Blocks() - from
		total.TotalEvals += r.evalsPerRow * int64(p.N-from*p.BlockRows)
		if err := r.process(ctx, tree, out, from, p.Blocks(), total); err != nil {
			return nil, err
		}
	}
	if out.Quantiles != nil {
		out.Quantiles.DropSums()
	}
	out.Nodes = tree.Nodes()
	return out, nil
}

// runner holds what all workers share.
type runner struct {
	p                       *Plan
	opts                    Options
	exact                   bool
	bandCentres, idxCentres []float64
	evalsPerRow             int64
	design                  sampler.Design // mc: k dimensions; sobol: 2k (A_j, B_j = 2j, 2j+1)
	morris                  *sampler.MorrisDesign
	morrisMid               []bool      // sampled factors on the midpoint grid (infinite quantile ends)
	model                   model.Model // p.Model, or the subset of it the run uses
	idxModel                model.Model // the subset for the index series alone (A_B rows)
	checked                 []int       // series checked for NaN/Inf: nil means all
	mu                      sync.Mutex
	free                    []*State // states merged away, for reuse
	quantErr                error
}

func newRunner(p *Plan, opts Options) (*runner, error) {
	opts.Batch = batchRows(p, opts.Batch)
	r := &runner{p: p, opts: opts, evalsPerRow: p.Evaluations() / int64(p.N)}
	r.useOutputs()
	k := len(p.Sampled)
	var err error
	switch p.Method {
	case "mc":
		r.design, err = newDesign(p.Design, p.Seed, uint64(p.N), k)
	case "sobol":
		// One 2k-dimensional sequence: factor j of A is coordinate 2j, of B 2j + 1.
		r.design, err = newDesign(p.Design, sampler.Derive(p.Seed, "sobol-design", 0), uint64(p.N), 2*k)
	case "morris":
		sets := make([][]int, len(p.Evals))
		pos := map[int]int{}
		for j, fi := range p.Sampled {
			pos[fi] = j
		}
		for e, members := range p.Evals {
			for _, fi := range members {
				sets[e] = append(sets[e], pos[fi])
			}
		}
		mo := p.Morris()
		r.morris, err = sampler.NewMorrisDesign(p.Seed, sets, k, mo.Levels, p.N, mo.Pool)
		r.morrisMid = p.morrisMidpoints()
	}
	if err != nil {
		return nil, err
	}
	bandRows := max(p.N, opts.MaxN)
	if p.Method == "sobol" {
		bandRows *= 2
	}
	r.exact = !p.sketchOnly && opts.ExactBudget > 0 && bands.ExactBytes(int64(bandRows), len(p.Bands)) <= opts.ExactBudget
	if err := r.pilot(); err != nil {
		return nil, err
	}
	return r, nil
}

func newDesign(kind string, seed, n uint64, dim int) (sampler.Design, error) {
	switch kind {
	case "mc":
		return sampler.NewMC(seed, dim), nil
	case "lhs":
		return sampler.NewLHS(seed, n, dim), nil
	case "sobol":
		return sampler.NewScrambledSobol(dim, seed)
	}
	return nil, fmt.Errorf("unknown design %q", kind)
}

// useOutputs lets a model that can (model.OutputSubsetter) compute only the
// outputs the run accumulates: bands and indices for the rows of A and B
// (unless every sample is kept with all its outputs), indices alone for the
// rows A_B and B_A, the bulk of a Sobol' run. The others are then neither
// computed nor checked.
func (r *runner) useOutputs() {
	p := r.p
	r.model, r.idxModel = p.Model, p.Model
	sub, ok := p.Model.(model.OutputSubsetter)
	if !ok {
		return
	}
	// subset returns the model of the outputs of series, or p.Model when
	// they are all of them.
	subset := func(series []int) model.Model {
		need := make([]bool, len(p.Outputs))
		for _, c := range series {
			need[p.Series[c].Output] = true
		}
		if !slices.Contains(need, false) {
			return p.Model
		}
		return sub.WithOutputs(need)
	}
	r.idxModel = subset(p.Indices)
	if r.opts.Keep != nil {
		return
	}
	used := make([]bool, len(p.Series))
	for _, c := range slices.Concat(p.Bands, p.Indices) {
		used[c] = true
	}
	var series []int
	for c, u := range used {
		if u {
			series = append(series, c)
		}
	}
	if m := subset(series); m != p.Model {
		r.model, r.checked = m, series
	}
}

// pilot evaluates the first rows of the design to centre the sums: with
// centred outputs, Y → c + sY changes no index and large means cost no precision.
func (r *runner) pilot() error {
	p := r.p
	w := r.newWorker()
	n := min(p.N, 64)
	switch p.Method {
	case "mc":
		w.ensure(n)
		w.fillMC(0, n)
		w.eval(w.x, n)
	case "sobol":
		w.ensure(n)
		w.fillSobol(0, n)
		w.eval(w.xa, n)
	case "morris":
		n = len(p.Evals) + 1
		w.ensure(n)
		if err := w.fillMorris(0, n); err != nil {
			return err
		}
		w.eval(w.x, n)
	}
	if err := w.checkOutputs(n, 0); err != nil {
		return err
	}
	cols := w.out
	mean := func(idx []int) []float64 {
		c := make([]float64, len(idx))
		for i, s := range idx {
			sum := 0.0
			for _, v := range cols[s][:n] {
				sum += v
			}
			if math.IsInf(sum, 0) { // outputs near the float64 maximum
				sum = 0
				for _, v := range cols[s][:n] {
					sum += v / float64(n)
				}
				c[i] = sum
				continue
			}
			c[i] = sum / float64(n)
		}
		return c
	}
	r.bandCentres = mean(p.Bands)
	var err error
	r.idxCentres, err = w.indexCentres(cols, n) // on the index scales (engine/scale.go)
	return err
}

// release returns a state merged into another to the free list.
func (r *runner) release(s *State) {
	r.mu.Lock()
	r.free = append(r.free, s)
	r.mu.Unlock()
}

// newState returns an empty block state, reusing a released one when it can:
// with thousands of series a state is tens of MB, and allocating one per
// block would let the heap grow with the garbage collector's slack.
func (r *runner) newState() (*State, error) {
	r.mu.Lock()
	if n := len(r.free); n > 0 {
		st := r.free[n-1]
		r.free = r.free[:n-1]
		r.mu.Unlock()
		if st.Bands != nil {
			st.Bands.Reset()
		}
		if st.Sobol != nil {
			st.Sobol.Reset()
		}
		if st.Morris == nil {
			return st, nil
		}
		st.Morris = nil // no Reset: made anew below
		return r.initState(st)
	}
	r.mu.Unlock()
	return r.initState(&State{})
}

func (r *runner) initState(st *State) (*State, error) {
	p := r.p
	if st.Bands != nil || st.Sobol != nil {
		if p.Method == "morris" {
			st.Morris = r.newMorris()
		}
		return st, nil
	}
	if p.Method != "morris" {
		var err error
		if st.Bands, err = bands.NewMomentsAccumulator(len(p.Bands), r.bandCentres); err != nil {
			return nil, err
		}
	}
	switch p.Method {
	case "sobol":
		st.Sobol = sensitivity.NewSobolSums(r.sobolConfig())
	case "morris":
		st.Morris = r.newMorris()
	}
	return st, nil
}

func (r *runner) newMorris() *sensitivity.MorrisSums {
	p := r.p
	return sensitivity.NewMorrisSums(sensitivity.MorrisConfig{
		Series: len(p.Indices), Sets: len(p.Evals), Seed: sampler.Derive(p.Seed, "morris-bootstrap", 0), CI: r.ciLevel(),
	})
}

func (r *runner) sobolConfig() sensitivity.SobolConfig {
	p := r.p
	return sensitivity.SobolConfig{Series: len(p.Indices), Sets: len(p.Evals), Replicates: p.Replicates,
		BatchRows: p.BatchRows(), SecondOrder: p.Scenario.Sobol.SecondOrder, Centres: r.idxCentres,
		First: p.Scenario.Sobol.Estimator, Total: p.Scenario.Sobol.Total,
		// Rows of Monte Carlo or Latin hypercube designs are independent (or
		// better): the delta-method interval alone is valid. One scrambled
		// Sobol' sequence takes the larger of it and batch means.
		DeltaOnly: p.Design != "sobol"}
}

func (r *runner) ciLevel() float64 {
	if c := r.p.Scenario.Sobol.CI; c > 0 {
		return c
	}
	return 0.95
}

// Estimators are the Sobol' estimators the scenario asks for.
func (p *Plan) Estimators() sensitivity.Estimators {
	ci := p.Scenario.Sobol.CI
	if ci == 0 {
		ci = 0.95
	}
	return sensitivity.Estimators{First: p.Scenario.Sobol.Estimator, Total: p.Scenario.Sobol.Total, CI: ci}
}

// addPrefix adds to the convergence table the indices of a node covering the
// first blocks, when its rows are a power of two (method sobol).
func (r *runner) addPrefix(out *Outcome, n Node[*State]) error {
	p := r.p
	if p.Method != "sobol" {
		return nil
	}
	rows := min(p.N, n.End()*p.BlockRows)
	if rows&(rows-1) != 0 {
		return nil // the convergence table is at powers of two
	}
	pt, err := r.snapshot(n.State.Sobol, rows) // a copy: the node is merged on
	if err != nil {
		return err
	}
	out.Convergence = append(out.Convergence, pt)
	return nil
}

func (r *runner) convergencePoint(s *sensitivity.SobolSums, rows int) (ConvPoint, error) {
	idx, err := s.Indices(r.p.Estimators())
	if err != nil {
		return ConvPoint{}, r.p.nameSeries(err)
	}
	return ConvPoint{N: rows, Indices: idx, sums: s}, nil
}

// kept is one block's per-sample data.
type kept struct {
	first  int64
	x, out [][]float64
}

// worker owns the buffers of one goroutine.
type worker struct {
	r          *runner
	n          int           // buffer capacity (rows)
	u          [][]float64   // design coordinates
	il         [][]float64   // sobol: u's columns in design order (A_j, B_j interleaved)
	x, xa, xb  [][]float64   // factor values
	in         [][]float64   // model input columns (aliases)
	out        [][]float64   // all series
	fa, fb     [][]float64   // index series of A and B
	fab, fba   [][][]float64 // index series of A_B^(u), B_A^(u)
	evalOut    [][]float64   // output column aliases
	bandCols   [][]float64
	scratchOut [][]float64
	moved      []int
	delta      []float64
	traj       [][]float64        // Morris outputs, [point][index series]
	quant      *bands.Accumulator // this worker's quantiles (see Outcome.Quantiles)
	// n-row views of u, fa, fb, fab and fba, reused from call to call
	vu, vfa, vfb [][]float64
	vfab, vfba   [][][]float64
}

func (r *runner) newWorker() *worker {
	w := &worker{r: r}
	w.ensure(r.opts.Batch)
	return w
}

func mat(rows, n int) [][]float64 {
	m := make([][]float64, rows)
	buf := make([]float64, rows*n)
	for i := range m {
		m[i] = buf[i*n : (i+1)*n : (i+1)*n]
	}
	return m
}

func (w *worker) ensure(n int) {
	if n <= w.n {
		return
	}
	p := w.r.p
	k, nf, ns := len(p.Sampled), len(p.Factors), len(p.Series)
	w.n = n
	w.x = mat(nf, n)
	w.out = mat(ns, n)
	w.in = make([][]float64, nf)
	w.evalOut = make([][]float64, ns)
	w.bandCols = make([][]float64, len(p.Bands))
	w.fillFixed(w.x)
	if p.Method == "sobol" {
		w.u = mat(2*k, n)
		w.xa, w.xb = mat(nf, n), mat(nf, n)
		w.fillFixed(w.xa)
		w.fillFixed(w.xb)
		ni := len(p.Indices)
		w.fa, w.fb = mat(ni, n), mat(ni, n)
		w.fab = make([][][]float64, len(p.Evals))
		for e := range w.fab {
			w.fab[e] = mat(ni, n)
		}
		if p.Scenario.Sobol.SecondOrder {
			w.fba = make([][][]float64, len(p.Evals))
			for e := range w.fba {
				w.fba[e] = mat(ni, n)
			}
		}
		w.scratchOut = mat(ns, n)
	} else {
		w.u = mat(k, n)
	}
}

func (w *worker) fillFixed(x [][]float64) {
	for j, f := range w.r.p.Factors {
		if f.Fixed {
			for s := range x[j] {
				x[j][s] = f.Value
			}
		}
	}
}

// quantiles turns design coordinates u[j] into values of sampled factor j.
func (w *worker) quantiles(x [][]float64, u [][]float64, n int) {
	p := w.r.p
	p.applyCopulas(u, n)
	for j, fi := range p.Sampled {
		d := p.Factors[fi].Dist
		xs, us := x[fi][:n], u[j][:n]
		if qs, ok := d.(inputs.QuantileSlicer); ok {
			qs.QuantileSlice(xs, us)
			continue
		}
		for s, v := range us {
			xs[s] = d.Quantile(v)
		}
	}
}

func (w *worker) fillMC(start, n int) {
	u := view(&w.vu, w.u, n)
	w.r.design.Fill(uint64(start), u)
	w.quantiles(w.x, u, n)
}

// fillSobol fills xa and xb for base rows [start, start+n): row i is point i
// of the 2k-dimensional design, factor j of A its coordinate 2j and of B its
// coordinate 2j + 1 (interleaved: see docs/methods.md for the measurements
// that chose it over A = first k, B = last k).
func (w *worker) fillSobol(start, n int) {
	k := len(w.r.p.Sampled)
	u := view(&w.vu, w.u, n) // u[:k] is A, u[k:] is B
	if w.il == nil {
		w.il = make([][]float64, 2*k)
	}
	for j := 0; j < k; j++ {
		w.il[2*j], w.il[2*j+1] = u[j], u[k+j]
	}
	w.r.design.Fill(uint64(start), w.il)
	w.quantiles(w.xa, u[:k], n)
	w.quantiles(w.xb, u[k:], n)
}

// fillMorris fills x with the n points of trajectory t; moved and delta go
// to w.moved and w.delta.
func (w *worker) fillMorris(t, n int) error {
	if len(w.moved) < n-1 {
		w.moved, w.delta = make([]int, n-1), make([]float64, n-1)
	}
	u := sub(w.u, n)
	if err := w.r.morris.Trajectory(t, u, w.moved[:n-1], w.delta[:n-1]); err != nil {
		return err
	}
	levels := w.r.morris.Levels()
	for j, mid := range w.r.morrisMid {
		if mid {
			for i, x := range u[j] {
				u[j][i] = sampler.MorrisMidpoint(x, levels)
			}
		}
	}
	w.quantiles(w.x, u, n)
	return nil
}

func sub(m [][]float64, n int) [][]float64 {
	s := make([][]float64, len(m))
	for i := range m {
		s[i] = m[i][:n]
	}
	return s
}

// eval runs the model on the first n rows of x into w.out.
func (w *worker) eval(x [][]float64, n int) {
	for j := range w.in {
		w.in[j] = x[j][:n]
	}
	for c := range w.evalOut {
		w.evalOut[c] = w.out[c][:n]
	}
	w.r.model.Evaluate(w.in, w.evalOut)
}

// evalInto runs the model on in (n rows) writing the index series into dst
// and the others into scratch: only the index series of A_B rows are kept.
func (w *worker) evalInto(in [][]float64, n int, dst [][]float64) {
	p := w.r.p
	for c := range w.evalOut {
		w.evalOut[c] = w.scratchOut[c][:n]
	}
	for i, c := range p.Indices {
		w.evalOut[c] = dst[i][:n]
	}
	w.r.idxModel.Evaluate(in, w.evalOut)
}

// checkFinite refuses NaN and infinite outputs: a silent NaN would poison
// every statistic. series maps cols to series numbers (nil: identity).
func (w *worker) checkFinite(cols [][]float64, n int, firstRow int, series ...int) error {
	for i, col := range cols {
		c := i
		if series != nil {
			c = series[i]
		}
		if err := w.checkSeries(col[:n], c, firstRow); err != nil {
			return err
		}
	}
	return nil
}

// checkOutputs is checkFinite for the first n rows of w.out, on the series
// the run's model computes.
func (w *worker) checkOutputs(n int, firstRow int) error {
	if w.r.checked == nil {
		return w.checkFinite(w.out, n, firstRow)
	}
	for _, c := range w.r.checked {
		if err := w.checkSeries(w.out[c][:n], c, firstRow); err != nil {
			return err
		}
	}
	return nil
}

// checkSeries returns the error of the first NaN or ±Inf of col, series c.
func (w *worker) checkSeries(col []float64, c, firstRow int) error {
	if allFinite(col) {
		return nil
	}
	for s, v := range col {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return w.nonFinite(c, v, firstRow+s, s)
		}
	}
	return nil
}

// allFinite reports whether no value of col is NaN or ±Inf: v − v is 0 for
// every finite v and NaN otherwise, and a NaN stays NaN in a sum. Four
// sums and no branch per value (this runs on every model output).
func allFinite(col []float64) bool {
	var a0, a1, a2, a3 float64
	i := 0
	for ; i+4 <= len(col); i += 4 {
		c := col[i : i+4 : i+4]
		a0 += c[0] - c[0]
		a1 += c[1] - c[1]
		a2 += c[2] - c[2]
		a3 += c[3] - c[3]
	}
	for _, v := range col[i:] {
		a0 += v - v
	}
	return a0+a1+a2+a3 == 0
}

func (w *worker) nonFinite(c int, v float64, row, s int) error {
	p := w.r.p
	se := p.Series[c]
	name := se.Name
	if p.Outputs[se.Output].Years != nil {
		name = fmt.Sprintf("%s[%d]", se.Name, se.Year)
	}
	return fmt.Errorf("model %s returned %v for output %s at row %d (factors: %s)", p.Scenario.Model, v, name, row, w.factorValues(s))
}

// factorValues lists the factor values of row s of the current inputs.
func (w *worker) factorValues(s int) string {
	var b strings.Builder
	for j, f := range w.r.p.Factors {
		if j > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s=%g", f.Name, w.in[j][s])
	}
	return b.String()
}

// block accumulates one block into a fresh state.
func (w *worker) block(ctx context.Context, b int) (*State, []ConvPoint, *kept, int64, error) {
	p := w.r.p
	lo := b * p.BlockRows
	hi := min(lo+p.BlockRows, p.N)
	st, err := w.r.newState()
	if err != nil {
		return nil, nil, nil, 0, err
	}
	var kp *kept
	if w.r.opts.Keep != nil && p.Method != "morris" {
		rows := hi - lo
		first := int64(lo)
		if p.Method == "sobol" {
			rows, first = 2*rows, 2*first
		}
		kp = &kept{first: first, x: mat(len(p.Factors), rows), out: mat(len(p.Series), rows)}
	}
	var conv []ConvPoint
	var evals int64
	batch := w.r.opts.Batch
	switch p.Method {
	case "mc":
		for at := lo; at < hi; at += batch {
			if err := ctx.Err(); err != nil {
				return nil, nil, nil, 0, err
			}
			n := min(batch, hi-at)
			w.fillMC(at, n)
			w.eval(w.x, n)
			if err := w.checkOutputs(n, at); err != nil {
				return nil, nil, nil, 0, err
			}
			if err := w.addBands(st, w.out, n); err != nil {
				return nil, nil, nil, 0, err
			}
			if kp != nil {
				copyRows(kp.x, w.x, at-lo, n, 1)
				copyRows(kp.out, w.out, at-lo, n, 1)
			}
			evals += int64(n)
		}
	case "sobol":
		// Sobol' sums are added in fixed chunks of base rows, whatever the
		// --batch option: the grouping of the sums then never changes.
		batch = sobolChunk
		R := p.Replicates
		w.ensure(batch)
		for at := lo; at < hi; {
			if err := ctx.Err(); err != nil {
				return nil, nil, nil, 0, err
			}
			n := min(batch, hi-at)
			// Block 0 stops at every power of two for the convergence table.
			if at < p.BlockRows {
				for q := 2 * R; q < hi; q *= 2 {
					if q > at && q < at+n {
						n = q - at
						break
					}
				}
			}
			ev, err := w.sobolRows(st, at, n, kp, lo)
			if err != nil {
				return nil, nil, nil, 0, err
			}
			evals += ev
			at += n
			if at < p.BlockRows && at < hi && at&(at-1) == 0 && at >= 2*R {
				pt, err := w.r.snapshot(st.Sobol, at)
				if err != nil {
					return nil, nil, nil, 0, err
				}
				conv = append(conv, pt)
			}
		}
	case "morris":
		for t := lo; t < hi; t++ {
			n := len(p.Evals) + 1
			w.ensure(n)
			if err := w.fillMorris(t, n); err != nil {
				return nil, nil, nil, 0, err
			}
			w.eval(w.x, n)
			if err := w.checkOutputs(n, t); err != nil {
				return nil, nil, nil, 0, err
			}
			if w.traj == nil {
				w.traj = mat(n, len(p.Indices))
			}
			for q := range w.traj {
				for i, c := range p.Indices {
					w.traj[q][i] = w.out[c][q]
				}
			}
			if err := w.scaleTrajectory(w.traj, t); err != nil {
				return nil, nil, nil, 0, err
			}
			st.Morris.AddTrajectory(uint64(t), w.traj, w.moved[:n-1], w.delta[:n-1])
			evals += int64(n)
		}
	}
	return st, conv, kp, evals, nil
}

// snapshot computes the convergence point of a prefix inside block 0.
func (r *runner) snapshot(s *sensitivity.SobolSums, rows int) (ConvPoint, error) {
	c := sensitivity.NewSobolSums(s.Config())
	if err := c.Merge(s); err != nil {
		return ConvPoint{}, err
	}
	return r.convergencePoint(c, rows)
}

// sobolRows evaluates base rows [at, at+n) of a Sobol' design.
func (w *worker) sobolRows(st *State, at, n int, kp *kept, lo int) (int64, error) {
	p := w.r.p
	w.fillSobol(at, n)
	var evals int64
	// A and B: all series (bands), index series kept.
	for ab, x := range [][][]float64{w.xa, w.xb} {
		w.eval(x, n)
		if err := w.checkOutputs(n, at); err != nil {
			return 0, err
		}
		// A rows then B rows of each fixed chunk: the order of additions
		// never depends on the workers or the --batch option.
		f := w.fa
		if ab == 1 {
			f = w.fb
		}
		if err := w.addBands(st, w.out, n); err != nil {
			return 0, err
		}
		for i, c := range p.Indices {
			copy(f[i][:n], w.out[c][:n])
		}
		matrix := [2]string{"A", "B"}[ab]
		if err := w.scaleIndexCols(f, n, func(s int) string { return fmt.Sprintf("base row %d (matrix %s)", at+s, matrix) }); err != nil {
			return 0, err
		}
		if kp != nil {
			copyRows(kp.x, x, 2*(at-lo)+ab, n, 2)
			copyRows(kp.out, w.out, 2*(at-lo)+ab, n, 2)
		}
		evals += int64(n)
	}
	// A_B^(e): A with the columns of evaluation set e taken from B.
	for e, members := range p.Evals {
		for j := range w.in {
			w.in[j] = w.xa[j][:n]
		}
		for _, fi := range members {
			w.in[fi] = w.xb[fi][:n]
		}
		w.evalInto(w.in, n, w.fab[e])
		if err := w.checkFinite(w.fab[e], n, at, p.Indices...); err != nil {
			return 0, err
		}
		if err := w.scaleIndexCols(w.fab[e], n, func(s int) string { return fmt.Sprintf("base row %d (matrix A with %s from B)", at+s, p.evalName(e)) }); err != nil {
			return 0, err
		}
		evals += int64(n)
		if w.fba != nil {
			for j := range w.in {
				w.in[j] = w.xb[j][:n]
			}
			for _, fi := range members {
				w.in[fi] = w.xa[fi][:n]
			}
			w.evalInto(w.in, n, w.fba[e])
			if err := w.checkFinite(w.fba[e], n, at, p.Indices...); err != nil {
				return 0, err
			}
			if err := w.scaleIndexCols(w.fba[e], n, func(s int) string { return fmt.Sprintf("base row %d (matrix B with %s from A)", at+s, p.evalName(e)) }); err != nil {
				return 0, err
			}
			evals += int64(n)
		}
	}
	var fba [][][]float64
	if w.fba != nil {
		fba = view3(&w.vfba, w.fba, n)
	}
	st.Sobol.Add(uint64(at), view(&w.vfa, w.fa, n), view(&w.vfb, w.fb, n), view3(&w.vfab, w.fab, n), fba)
	return evals, nil
}

// view sets *dst to the first n rows of each column of m, reusing its
// memory: sub without an allocation per call on the hot path.
func view(dst *[][]float64, m [][]float64, n int) [][]float64 {
	if cap(*dst) < len(m) {
		*dst = make([][]float64, len(m))
	}
	d := (*dst)[:len(m)]
	for i := range m {
		d[i] = m[i][:n]
	}
	*dst = d
	return d
}

// view3 is view for a list of matrices.
func view3(dst *[][][]float64, m [][][]float64, n int) [][][]float64 {
	if len(*dst) != len(m) {
		*dst = make([][][]float64, len(m))
	}
	for i := range m {
		view(&(*dst)[i], m[i], n)
	}
	return *dst
}

// addBands adds n rows of the band series to the block's moments and to the
// worker's quantiles.
func (w *worker) addBands(st *State, out [][]float64, n int) error {
	cols := w.selectBands(out, n)
	if err := st.Bands.Add(cols); err != nil {
		return err
	}
	if w.quant == nil {
		q, err := bands.NewQuantiles(len(w.r.p.Bands), w.r.exact, SketchAlpha)
		if err != nil {
			return err
		}
		w.quant = q
	}
	return w.quant.Add(cols)
}

func (w *worker) selectBands(out [][]float64, n int) [][]float64 {
	for i, c := range w.r.p.Bands {
		w.bandCols[i] = out[c][:n]
	}
	return w.bandCols
}

// copyRows copies n rows of src into dst at rows off, off+stride, ….
func copyRows(dst, src [][]float64, off, n, stride int) {
	for j := range src {
		for s := 0; s < n; s++ {
			dst[j][off+s*stride] = src[j][s]
		}
	}
}

// process runs blocks [first, end) on the worker pool and pushes their states
// into tree in block order.
func (r *runner) process(ctx context.Context, tree *Tree[*State], out *Outcome, first, end int, total *Progress) error {
	opts := r.opts
	type done struct {
		block int
		state *State
		conv  []ConvPoint
		keep  *kept
		evals int64
	}
	workers := workerCount(opts.Workers, end-first)
	// A worker takes a slot of the window before it takes the next block
	// number: the slots bound the states in flight (blocks done but not yet
	// merged in order), and no goroutine stands between a free slot and the
	// next block. A few slots beyond one per worker absorb the jitter of
	// block times without letting memory grow much on many cores.
	slots := workers + max(2, workers/4)
	window := make(chan struct{}, slots)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(rctx)
	var taken atomic.Int64 // blocks handed out
	nextBlock := func() (int, bool) {
		select {
		case window <- struct{}{}:
		case <-gctx.Done():
			return 0, false
		}
		b := first + int(taken.Add(1)) - 1
		return b, b < end
	}

	// Blocks are consumed in block order (merged along the tree, samples
	// kept in order) by the workers themselves, under mu: the one that
	// completes the next block consumes it and every later block already
	// done. No goroutine has to be scheduled between a finished block and
	// its merge (a consumer goroutine waited for a busy core, and the
	// workers, their window full, for it).
	var mu sync.Mutex
	pending := map[int]done{}
	next := first
	var consumeErr error
	consume := func(d done) error {
		out.Convergence = append(out.Convergence, d.conv...)
		if d.keep != nil && opts.Keep != nil {
			if err := opts.Keep.Keep(d.keep.first, d.keep.x, d.keep.out); err != nil {
				return err
			}
		}
		if err := tree.Push(d.block, d.state); err != nil {
			return err
		}
		out.Evals += d.evals
		<-window
		total.Blocks++
		total.Evals += d.evals
		if opts.Progress != nil {
			opts.Progress(*total)
		}
		return nil
	}
	deliver := func(d done) error {
		mu.Lock()
		defer mu.Unlock()
		if consumeErr != nil {
			return consumeErr
		}
		pending[d.block] = d
		for {
			d, ok := pending[next]
			if !ok {
				return nil
			}
			delete(pending, next)
			if err := consume(d); err != nil {
				consumeErr = err
				return err
			}
			next++
		}
	}
	for w := 0; w < workers; w++ {
		g.Go(func() error {
			wk := r.newWorker()
			defer func() {
				if wk.quant != nil {
					r.mu.Lock()
					if out.Quantiles == nil {
						out.Quantiles = wk.quant
					} else if err := out.Quantiles.Merge(wk.quant); err != nil && r.quantErr == nil {
						r.quantErr = err
					}
					r.mu.Unlock()
				}
			}()
			for {
				b, ok := nextBlock()
				if !ok {
					return nil
				}
				st, conv, kp, ev, err := wk.block(gctx, b)
				if err != nil {
					return err
				}
				if err := deliver(done{b, st, conv, kp, ev}); err != nil {
					return err
				}
			}
		})
	}
	// The first real error wins: a failure while consuming cancels the
	// workers, whose cancellation error must not hide it; and a cancellation
	// is reported as such only when the caller's context was cancelled.
	werr := g.Wait()
	switch {
	case consumeErr != nil:
		return consumeErr
	case werr != nil && !errors.Is(werr, context.Canceled):
		return werr
	case r.quantErr != nil:
		return r.quantErr
	case ctx.Err() != nil:
		return ctx.Err()
	case werr != nil:
		return werr
	}
	if next < end {
		return fmt.Errorf("engine: run ended after %d of %d blocks", next-first, end-first)
	}
	return nil
}

// widestCI folds copies of the nodes (the tree itself stays untouched, so the
// final result is that of a single run of the final N) and returns the widest
// S1 or ST interval over the index series and sets.
func (r *runner) widestCI(nodes []Node[*State]) (float64, error) {
	var acc *sensitivity.SobolSums
	for i := len(nodes) - 1; i >= 0; i-- {
		c := sensitivity.NewSobolSums(r.sobolConfig())
		if err := c.Merge(nodes[i].State.Sobol); err != nil {
			return 0, err
		}
		if acc != nil {
			if err := c.Merge(acc); err != nil {
				return 0, err
			}
		}
		acc = c
	}
	idx, err := acc.Indices(r.p.Estimators())
	if err != nil {
		return 0, r.p.nameSeries(err)
	}
	w := 0.0
	for _, x := range idx {
		if x.ZeroVariance {
			continue
		}
		w = math.Max(w, math.Max(x.S1Hi-x.S1Lo, x.STHi-x.STLo))
	}
	return w, nil
}
