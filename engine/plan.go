// Package engine runs a scenario: it draws the design's points on a worker
// pool, turns them into factor values, evaluates the model block by block and
// accumulates bands and sensitivity sums, merging block states in a fixed
// binary-tree order so that results are bit-identical for any number of
// workers, batch size or shard split.
package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"path"
	"strings"

	"mc/inputs"
	"mc/model"
	"mc/sampler"
	"mc/sensitivity"
)

// Overrides are command-line settings that win over the scenario file.
type Overrides struct {
	Samples  int
	Seed     *uint64
	Design   string
	Method   string
	By       string
	TargetCI float64
}

// Set is a factor or a group of factors whose columns are swapped together
// (Sobol') or moved together (Morris).
type Set struct {
	Name    string
	By      string // factor | group
	Members []int  // indices into Plan.Factors
	Eval    int    // which evaluation (unique member list) it uses
}

// Plan is a validated, fully resolved run: everything that determines the
// results, and so the design hash.
type Plan struct {
	Scenario *inputs.Scenario
	Model    model.Model
	Factors  []inputs.Factor // in the model's order
	Sampled  []int           // indices into Factors of the factors the design samples
	Outputs  []model.Output
	Series   []model.Series
	Bands    []int // series that get bands
	Indices  []int // series that get sensitivity indices
	// IndexScales[i] is the scale (inputs.ScaleLinear or ScaleLog) on which
	// index series i is analysed (engine/scale.go).
	IndexScales []string
	logIndices  bool // some index series is on log scale
	sketchOnly  bool // quantiles by the sketch whatever N (comparisons)

	Method string // mc | sobol | morris
	Design string // mc | lhs | sobol
	Seed   uint64
	N      int // samples (mc), base rows (sobol), trajectories (morris)

	Sets  []Set   // sobol and morris
	Evals [][]int // unique member lists of the sets, in order of first use
	By    string

	Overrides Overrides   // what the command line changed (kept to rebuild the plan)
	copulas   []copulaSet // the scenario's correlated factors (copula.go)

	// Replicates is the number R of batches of the Sobol' intervals' batch
	// means part (the other is the delta method): base
	// row i belongs to batch ⌊i/(N/R)⌋, consecutive blocks of the one
	// randomised sequence (see BatchRows and docs/methods.md).
	Replicates int
	BlockRows  int // rows (mc), base rows (sobol) or trajectories (morris) per block
	Notes      []string
}

// Defaults of the engine. BlockRows are powers of two so that the first 2^j
// rows always fill whole blocks or a prefix of block 0 (convergence table).
const (
	mcBlockRows     = 8192
	sobolBlockRows  = 1024
	morrisBlockRows = 16
	defaultReps     = 16
)

// NewPlan resolves a scenario into a plan, checking it against its model.
// Errors point into the scenario file.
func NewPlan(sc *inputs.Scenario, ov Overrides) (*Plan, error) { return newPlan(sc, ov, nil) }

// newPlan builds a plan; m, when not nil, is the model instead of the
// scenario's registered one (paired comparisons).
func newPlan(sc *inputs.Scenario, ov Overrides, m model.Model) (*Plan, error) {
	p := &Plan{Scenario: sc, Overrides: ov, Method: sc.Method, Design: sc.Design, Seed: sc.Seed, N: sc.Samples, By: sc.Sobol.By}
	if ov.Samples > 0 {
		p.N = ov.Samples
	}
	if ov.Seed != nil {
		p.Seed = *ov.Seed
	}
	if ov.Design != "" {
		p.Design = ov.Design
	}
	if ov.Method != "" {
		p.Method = ov.Method
	}
	if ov.By != "" {
		p.By = ov.By
	}
	if p.Method == "" {
		p.Method = "mc"
	}
	if p.Design == "" {
		p.Design = "mc"
		if p.Method == "sobol" {
			p.Design = "sobol"
		}
	}
	if p.By == "" {
		p.By = "factor"
	}
	switch p.Method {
	case "mc", "sobol", "morris":
	default:
		return nil, fmt.Errorf("unknown method %q: expected mc, sobol or morris", p.Method)
	}
	switch p.Design {
	case "mc", "lhs", "sobol":
	default:
		return nil, fmt.Errorf("unknown design %q: expected mc, lhs or sobol", p.Design)
	}
	switch p.By {
	case "factor", "group", "both":
	default:
		return nil, fmt.Errorf("unknown --by %q: expected factor, group or both", p.By)
	}
	if p.Method == "morris" {
		// -n, else morris.trajectories, else samples:, else the default.
		p.N = sc.MorrisTrajectories()
		if ov.Samples > 0 {
			p.N = ov.Samples
		}
	}
	if p.N <= 0 {
		return nil, fmt.Errorf("%s: the number of samples must be positive (set samples: in the file or -n)", sc.File)
	}
	if p.N > inputs.MaxSamples {
		return nil, fmt.Errorf("%s: %d samples is more than the maximum 2^40 = %d", sc.File, p.N, int64(inputs.MaxSamples))
	}

	var err error
	if m == nil {
		m, err = newModel(sc, model.Config{Params: sc.Params, Years: sc.Years, Medians: inputs.Medians(sc.Factors)})
	}
	if err != nil {
		var pe *model.ParamError
		if errors.As(err, &pe) {
			pos, ok := sc.ParamPos[pe.Param]
			if y, isYears := sc.Keys["years"]; pe.Param == "years" && isYears {
				pos, ok = y, true // years: is a key of its own, not a parameter
			}
			if !ok {
				pos = sc.ModelPos
			}
			return nil, &inputs.Error{Pos: pos, Msg: fmt.Sprintf("model %s: %s", sc.Model, pe.Error())}
		}
		if sc.ModelNode != nil { // formula errors carry their own positions
			return nil, err
		}
		return nil, &inputs.Error{Pos: sc.ModelPos, Msg: err.Error()}
	}
	p.Model = m
	if note := modelNote(m); note != "" {
		p.Notes = append(p.Notes, note)
	}
	if err := p.matchFactors(); err != nil {
		return nil, err
	}
	p.Outputs = m.Outputs()
	p.Series = model.SeriesOf(p.Outputs)
	if p.Bands, err = p.selectSeries(sc.Outputs.Bands, "bands", allOutputs); err != nil {
		return nil, err
	}
	defIdx := allOutputs
	if d, ok := m.(interface{ DefaultIndexOutputs() []string }); ok {
		defIdx = d.DefaultIndexOutputs()
	}
	if p.Indices, err = p.selectSeries(sc.Outputs.Indices, "indices", defIdx); err != nil {
		return nil, err
	}
	if err := p.resolveScales(); err != nil {
		return nil, err
	}
	if err := p.checkReferences(); err != nil {
		return nil, err
	}
	if err := p.buildCopulas(); err != nil {
		return nil, err
	}
	if len(p.Sampled) == 0 && p.Method != "mc" {
		return nil, fmt.Errorf("%s: method %s needs at least one uncertain factor; all are fixed", sc.File, p.Method)
	}
	switch p.Method {
	case "mc":
		p.BlockRows = mcBlockRows
	case "sobol":
		if err := p.planSobol(); err != nil {
			return nil, err
		}
		if err := p.checkMaxSamples(); err != nil {
			return nil, err
		}
	case "morris":
		p.BlockRows = morrisBlockRows
		if err := p.checkMorrisPool(); err != nil {
			return nil, err
		}
		p.buildSets()
		if p.Morris().Levels < 2 {
			return nil, fmt.Errorf("%s: morris levels must be ≥ 2", sc.File)
		}
		var mids []string
		for j, mid := range p.morrisMidpoints() {
			if mid {
				mids = append(mids, p.Factors[p.Sampled[j]].Name)
			}
		}
		if len(mids) > 0 {
			p.Notes = append(p.Notes, fmt.Sprintf("Morris: %s %s unbounded: grid at probability midpoints (ℓ + ½)/p instead of ℓ/(p − 1)",
				abbreviate(mids, 8), map[bool]string{true: "is", false: "are"}[len(mids) == 1]))
		}
	}
	return p, nil
}

// checkMaxSamples refuses a sobol.max_samples below N: the bound of
// --target-ci-width used to be silently replaced by 2^20.
func (p *Plan) checkMaxSamples() error {
	sc := p.Scenario
	m := sc.Sobol.MaxSamples
	if m <= 0 || p.N <= m {
		return nil
	}
	from := "samples"
	if p.Overrides.Samples > 0 {
		from = fmt.Sprintf("-n %d", p.Overrides.Samples)
	}
	return &inputs.Error{Pos: sc.Keys["sobol.max_samples"], Msg: fmt.Sprintf(
		"sobol.max_samples = %d is below the starting N = %d base rows (from %s, as a power of two): raise it or lower N", m, p.N, from)}
}

// checkMorrisPool refuses a candidate pool the design cannot draw r
// trajectories from, with the position of morris.pool (r may come from -n).
func (p *Plan) checkMorrisPool() error {
	pool := p.Scenario.Morris.Pool
	pos := p.Scenario.Keys["morris.pool"]
	switch {
	case pool > sampler.MaxMorrisPool:
		return &inputs.Error{Pos: pos, Msg: fmt.Sprintf("morris.pool = %d is more than the %d candidates the selection can compare", pool, sampler.MaxMorrisPool)}
	case pool > 0 && pool < p.N:
		return &inputs.Error{Pos: pos, Msg: fmt.Sprintf("morris.pool = %d is below the r = %d trajectories to choose from it", pool, p.N)}
	}
	return nil
}

// Morris returns the Morris options with defaults applied.
func (p *Plan) Morris() inputs.MorrisOptions {
	o := p.Scenario.Morris
	if o.Levels == 0 {
		o.Levels = 4
	}
	o.Trajectories = p.N
	return o
}

func (p *Plan) planSobol() error {
	n := p.N
	if n&(n-1) != 0 {
		up := 1 << bits.Len(uint(n))
		p.Notes = append(p.Notes, fmt.Sprintf("N = %d is not a power of two: rounded up to %d (Sobol' designs need powers of two)", n, up))
		p.N = up
	}
	p.Replicates = p.replicatesFor(p.N)
	r := p.Replicates
	if r < 2 || r&(r-1) != 0 {
		return fmt.Errorf("%s: sobol replicates must be a power of two ≥ 2, got %d", p.Scenario.File, r)
	}
	if p.N < 2*r {
		return fmt.Errorf("%s: N = %d base rows is too small for %d replicates (need N ≥ %d)", p.Scenario.File, p.N, r, 2*r)
	}
	p.BlockRows = sobolBlockRows
	p.buildSets()
	return nil
}

// replicatesFor is the number of batches of a Sobol' run of n base rows: the
// scenario's, or 16, halved until every batch has at least 16 rows.
func (p *Plan) replicatesFor(n int) int {
	r := p.Scenario.Sobol.Replicates
	if r == 0 {
		r = defaultReps
		for r > 2 && n < 16*r {
			r /= 2
		}
	}
	return r
}

// BatchRows is the number of consecutive base rows of one batch of the
// Sobol' intervals, N/R (0 for other methods).
func (p *Plan) BatchRows() int {
	if p.Method != "sobol" || p.Replicates == 0 {
		return 0
	}
	return p.N / p.Replicates
}

// morrisMidpoints tells, for each sampled factor, whether its quantile
// function is infinite at 0 or 1: the ends of the Morris grid ℓ/(p − 1)
// cannot be evaluated and it takes the probability midpoints (ℓ + ½)/p
// (sampler.MorrisMidpoint).
func (p *Plan) morrisMidpoints() []bool {
	mid := make([]bool, len(p.Sampled))
	for j, fi := range p.Sampled {
		d := p.Factors[fi].Dist
		lo, hi := d.Quantile(0), d.Quantile(1)
		mid[j] = math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsNaN(lo) || math.IsNaN(hi)
	}
	return mid
}

// buildSets makes the factor and group sets of a sensitivity design.
func (p *Plan) buildSets() {
	by := p.By
	if p.Method == "morris" && by == "both" {
		by = "factor"
	}
	evalOf := map[string]int{}
	add := func(name, kind string, members []int) {
		key := fmt.Sprint(members)
		e, ok := evalOf[key]
		if !ok {
			e = len(p.Evals)
			evalOf[key] = e
			p.Evals = append(p.Evals, members)
		}
		p.Sets = append(p.Sets, Set{Name: name, By: kind, Members: members, Eval: e})
	}
	if by == "factor" || by == "both" {
		for _, fi := range p.Sampled {
			add(p.Factors[fi].Name, "factor", []int{fi})
		}
	}
	if by == "group" || by == "both" {
		var order []string
		groups := map[string][]int{}
		for _, fi := range p.Sampled {
			g := p.Factors[fi].Group
			if g == "" {
				// An ungrouped factor is its own lever.
				g = p.Factors[fi].Name
			}
			if _, ok := groups[g]; !ok {
				order = append(order, g)
			}
			groups[g] = append(groups[g], fi)
		}
		for _, g := range order {
			add(g, "group", groups[g])
		}
	}
}

// matchFactors orders the scenario's factors as the model reads them.
func (p *Plan) matchFactors() error {
	sc := p.Scenario
	byName := map[string]int{}
	for i, f := range sc.Factors {
		byName[f.Name] = i
	}
	mf := p.Model.Factors()
	known := map[string]bool{}
	var errs []error
	for _, f := range mf {
		known[f.Name] = true
		i, ok := byName[f.Name]
		if !ok {
			errs = append(errs, &inputs.Error{Pos: sc.ModelPos, Factor: f.Name,
				Msg: fmt.Sprintf("model %s needs this factor (%s, unit %s) but the file does not declare it", sc.Model, f.Description, f.Unit)})
			continue
		}
		p.Factors = append(p.Factors, sc.Factors[i])
	}
	for _, f := range sc.Factors {
		if !known[f.Name] {
			names := make([]string, len(mf))
			for i, m := range mf {
				names[i] = m.Name
			}
			errs = append(errs, &inputs.Error{Pos: f.Pos, Factor: f.Name,
				Msg: fmt.Sprintf("model %s has no such factor (its factors: %s)", sc.Model, abbreviate(names, 12))})
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for i, f := range p.Factors {
		if !f.Fixed {
			p.Sampled = append(p.Sampled, i)
		}
	}
	return nil
}

func abbreviate(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(", … (%d in all)", len(names))
}

var allOutputs = []string{"*"}

// selectSeries returns the series of the outputs matching the patterns.
func (p *Plan) selectSeries(patterns []string, what string, def []string) ([]int, error) {
	if len(patterns) == 0 {
		patterns = def
	}
	want := make([]bool, len(p.Outputs))
	for _, pat := range patterns {
		hit := false
		for i, o := range p.Outputs {
			ok, err := path.Match(pat, o.Name)
			if err != nil {
				return nil, fmt.Errorf("%s: outputs.%s: bad pattern %q: %v", p.Scenario.File, what, pat, err)
			}
			if ok {
				want[i], hit = true, true
			}
		}
		if !hit {
			names := make([]string, len(p.Outputs))
			for i, o := range p.Outputs {
				names[i] = o.Name
			}
			return nil, fmt.Errorf("%s: outputs.%s: %q matches no output of model %s (outputs: %s)", p.Scenario.File, what, pat, p.Scenario.Model, abbreviate(names, 20))
		}
	}
	var s []int
	for c, se := range p.Series {
		if want[se.Output] {
			s = append(s, c)
		}
	}
	return s, nil
}

// Evaluations is the number of model evaluations the plan makes.
func (p *Plan) Evaluations() int64 {
	n := int64(p.N)
	switch p.Method {
	case "sobol":
		e := int64(len(p.Evals))
		if p.Scenario.Sobol.SecondOrder {
			return n * (2*e + 2)
		}
		return n * (e + 2)
	case "morris":
		return n * int64(len(p.Evals)+1)
	}
	return n
}

// estimatorsHash names the Sobol' estimators when they are not the
// defaults: they choose which sums are accumulated (the defaults' hash is
// unchanged since the estimators entered it).
func (p *Plan) estimatorsHash() string {
	e := p.Estimators()
	if p.Method != "sobol" || (e.First == "" || e.First == sensitivity.FirstSaltelli2010) && (e.Total == "" || e.Total == sensitivity.TotalJansen1999) {
		return ""
	}
	return e.First + "/" + e.Total
}

// Blocks is the number of accumulation blocks.
func (p *Plan) Blocks() int { return (p.N + p.BlockRows - 1) / p.BlockRows }

// Hash identifies the design: everything that determines the accumulated
// sums. States of different hashes are never merged.
func (p *Plan) Hash() string {
	type factor struct {
		Name, Dist, Group string
		Fixed             bool
		Value             float64
	}
	fs := make([]factor, len(p.Factors))
	for i, f := range p.Factors {
		d := ""
		if f.Dist != nil {
			d = f.Dist.String()
		}
		fs[i] = factor{f.Name, d, f.Group, f.Fixed, f.Value}
	}
	params, _ := json.Marshal(p.Scenario.Params) // encoding/json sorts map keys
	desc := struct {
		Version                  int
		Model                    string
		Params                   string
		Years                    []int
		Factors                  []factor
		Method, Design, By       string
		Seed                     uint64
		N, Replicates, BlockRows int
		SecondOrder              bool
		Levels, Pool             int
		Bands, Indices           []int
		Sets                     []Set
		Scales                   []string            `json:",omitempty"`
		Correlations             []hashedCorrelation `json:",omitempty"`
		ModelSource              string              `json:",omitempty"`
		Estimators               string              `json:",omitempty"`
	}{3, p.Scenario.Model, string(params), p.Scenario.Years, fs, p.Method, p.Design, p.By, p.Seed, p.N,
		p.Replicates, p.BlockRows, p.Scenario.Sobol.SecondOrder, p.Morris().Levels, p.Scenario.Morris.Pool, p.Bands, p.Indices, p.Sets, p.hashedScales(),
		p.correlationsHash(), modelSource(p.Model), p.estimatorsHash()}
	b, _ := json.Marshal(desc)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}
