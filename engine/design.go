package engine

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"hash/maphash"
	"math"
	"sync"

	"mc/model"
)

// Sample, then analyse: `mc sample` writes every distinct row of factor
// values a run of the plan evaluates (its design: base rows, the A_B rows
// of Sobol', Morris trajectories), numbered by sample index; the user's
// simulator computes the outputs of each row wherever it runs; `mc analyze`
// replays them to the engine in place of the model, so that the bands and
// indices are those `mc run` would compute with a model giving the same
// outputs, to the bit.
//
// The design is enumerated by running the plan, on one worker, with a
// model that records its input rows: the rows and their order are then
// exactly those of a run, whatever the method. Rows are numbered in the
// order they are first evaluated; a row evaluated twice (the pilot's rows,
// or equal rows) has one index. The design hash is a hash of the rows
// themselves (factor names and the bits of every value, in index order): two
// designs with the same hash are the same samples.
//
// Memory: the rows' 128-bit keys are held in a map (about 40 bytes per row),
// and mc analyze holds the outputs (8 bytes per row and series).

// rowKey identifies a row of factor values by two 64-bit hashes of its bits.
type rowKey [2]uint64

type rowKeyer struct {
	s1, s2 maphash.Seed
	buf    []byte
}

func newRowKeyer() *rowKeyer { return &rowKeyer{s1: maphash.MakeSeed(), s2: maphash.MakeSeed()} }

func (k *rowKeyer) key(row []float64) rowKey {
	k.buf = k.buf[:0]
	for _, v := range row {
		k.buf = binary.LittleEndian.AppendUint64(k.buf, math.Float64bits(v))
	}
	return rowKey{maphash.Bytes(k.s1, k.buf), maphash.Bytes(k.s2, k.buf)}
}

// Design is the enumerated design of a plan.
type Design struct {
	Rows  int64  // distinct rows
	Hash  string // hash of the rows, in index order
	keyer *rowKeyer
	index map[rowKey]int64
}

// recorder is the model that records the rows a run evaluates. Its outputs
// are the sample indices (finite and varying, so the run's own checks pass).
type recorder struct {
	factors []model.Factor
	outputs []model.Output
	mu      sync.Mutex
	d       *Design
	sum     hash.Hash
	emit    func(index int64, row []float64) error
	err     error
	row     []float64
}

func (r *recorder) Factors() []model.Factor { return r.factors }
func (r *recorder) Outputs() []model.Output { return r.outputs }

func (r *recorder) Evaluate(in, out [][]float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	if len(in) > 0 {
		n = len(in[0])
	}
	for s := range n {
		for j := range in {
			r.row[j] = in[j][s]
		}
		k := r.d.keyer.key(r.row)
		idx, seen := r.d.index[k]
		if !seen {
			idx = r.d.Rows
			r.d.index[k] = idx
			r.d.Rows++
			var b [8]byte
			for _, v := range r.row {
				binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
				r.sum.Write(b[:])
			}
			if r.emit != nil && r.err == nil {
				r.err = r.emit(idx, r.row)
			}
		}
		for c := range out {
			out[c][s] = float64(idx)
		}
	}
}

// EnumerateDesign runs p's design without its model and calls emit (if not
// nil) with each new row of factor values (in the order of p.Factors) and
// its sample index 0, 1, …
func EnumerateDesign(ctx context.Context, p *Plan, emit func(index int64, row []float64) error) (*Design, error) {
	d := &Design{keyer: newRowKeyer(), index: map[rowKey]int64{}}
	rec := &recorder{factors: p.Model.Factors(), outputs: p.Model.Outputs(), d: d, sum: sha256.New(), emit: emit,
		row: make([]float64, len(p.Factors))}
	for _, f := range p.Factors {
		rec.sum.Write([]byte(f.Name))
		rec.sum.Write([]byte{0})
	}
	q, err := newPlan(p.Scenario, p.Overrides, rec)
	if err != nil {
		return nil, err
	}
	if _, err := Run(ctx, q, Options{Workers: 1}); err != nil {
		return nil, err
	}
	if rec.err != nil {
		return nil, rec.err
	}
	d.Hash = hex.EncodeToString(rec.sum.Sum(nil)[:16])
	return d, nil
}

// replay is the model of mc analyze: it looks each row up in the design and
// returns the outputs read for its sample index.
type replay struct {
	factors []model.Factor
	outputs []model.Output
	d       *Design
	values  []float64 // values[idx*ns + c]
	ns      int
	source  string // the replayed model's (the hash is the run's)
	pool    sync.Pool
}

func (r *replay) Source() string { return r.source }

func (r *replay) Factors() []model.Factor { return r.factors }
func (r *replay) Outputs() []model.Output { return r.outputs }

func (r *replay) Evaluate(in, out [][]float64) {
	k, _ := r.pool.Get().(*rowKeyer)
	if k == nil {
		k = &rowKeyer{s1: r.d.keyer.s1, s2: r.d.keyer.s2}
	}
	defer r.pool.Put(k)
	row := make([]float64, len(in))
	n := 0
	if len(in) > 0 {
		n = len(in[0])
	}
	for s := range n {
		for j := range in {
			row[j] = in[j][s]
		}
		idx, ok := r.d.index[k.key(row)]
		for c := range out {
			if ok {
				out[c][s] = r.values[idx*int64(r.ns)+int64(c)]
			} else {
				// Cannot happen for a plan of the same design; the run's
				// finiteness check then stops it.
				out[c][s] = math.NaN()
			}
		}
	}
}

// ReplayPlan returns p with its model replaced by the outputs of table,
// read for design d (see ReadOutputs): running it gives the results of p
// with a model whose outputs are the table's.
func ReplayPlan(p *Plan, d *Design, table *OutputTable) (*Plan, error) {
	rp := &replay{factors: p.Model.Factors(), outputs: p.Model.Outputs(), d: d, values: table.Values, ns: len(p.Series), source: modelSource(p.Model)}
	return newPlan(p.Scenario, p.Overrides, rp)
}
