package formula

import (
	"fmt"
	"sync"

	"mc/model"
)

// chunk is the number of samples each op processes at a time: long enough
// that an op's loop dwarfs its dispatch, short enough that the working
// registers stay in the core's caches.
const chunk = 128

// Model is a compiled formula model; it implements model.Model.
type Model struct {
	factors []model.Factor
	outputs []model.Output
	years   []int // selected output years
	pos     []int // for each model year, its index in years, or −1
	ny      int

	scalar, year []op // run once per chunk; once per chunk and year
	slab         int  // slots with storage: working registers, constants, states
	slots        int  // slab + factor slots
	consts       []constSlot
	inputs       []inputSlot
	// Registers that are output series: re-pointed into the output block
	// for every chunk (and year), to a scratch vector in years not emitted.
	blockOuts, yearOuts []outSlot

	source string // canonical text of the model (see Source)

	pool sync.Pool
}

// Source is a canonical text of the model as compiled: years, parameter
// values, equations and outputs. Two models with the same Source compute
// the same thing; the engine puts it in the design hash.
func (m *Model) Source() string { return m.source }

type constSlot struct {
	slot int32
	val  float64
}

type inputSlot struct {
	slot   int32
	factor int
}

// workspace is one evaluation's registers.
type workspace struct {
	slab    []float64
	regs    [][]float64
	scratch [][]float64 // for yearOuts in years that emit nothing
}

func (m *Model) workspace() *workspace {
	if w, ok := m.pool.Get().(*workspace); ok {
		return w
	}
	w := &workspace{slab: make([]float64, m.slab*chunk), regs: make([][]float64, m.slots)}
	for i := range m.slab {
		w.regs[i] = w.slab[i*chunk : (i+1)*chunk]
	}
	sc := make([]float64, len(m.yearOuts)*chunk)
	for i := range m.yearOuts {
		w.scratch = append(w.scratch, sc[i*chunk:(i+1)*chunk])
	}
	for _, c := range m.consts {
		r := w.regs[c.slot]
		for i := range r {
			r[i] = c.val
		}
	}
	return w
}

// Factors lists every factor of the scenario, in its order.
func (m *Model) Factors() []model.Factor { return append([]model.Factor(nil), m.factors...) }

// Outputs lists the outputs named by the model, in order.
func (m *Model) Outputs() []model.Output { return model.CloneOutputs(m.outputs) }

// Note describes the compiled program, for mc validate and the first lines
// of a run.
func (m *Model) Note() string {
	return fmt.Sprintf("formula model compiled to %d vectorised operations per block of samples and %d per year (%d working registers of %d samples)",
		len(m.scalar), len(m.year), m.slab, chunk)
}

// Ops reports the size of the compiled programs (ops per block, ops per
// block and year) and the number of working registers.
func (m *Model) Ops() (perBlock, perYear, registers int) {
	return len(m.scalar), len(m.year), m.slab
}

// Evaluate runs the programs over the block chunk by chunk: the per-block
// ops once, then the per-year ops for each year in order (recurrences
// carry their state from one year to the next). Years that emit no output
// run only the ops that feed a recurrence.
func (m *Model) Evaluate(in, out [][]float64) {
	if len(in) == 0 && len(out) == 0 {
		return
	}
	n := 0
	if len(in) > 0 {
		n = len(in[0])
	} else {
		n = len(out[0])
	}
	w := m.workspace()
	defer m.pool.Put(w)
	regs := w.regs
	for s0 := 0; s0 < n; s0 += chunk {
		cn := min(chunk, n-s0)
		for _, s := range m.inputs {
			regs[s.slot] = in[s.factor][s0 : s0+cn]
		}
		for _, o := range m.blockOuts {
			regs[o.slot] = out[o.base][s0 : s0+cn]
		}
		for i := range m.scalar {
			o := &m.scalar[i]
			switch {
			case o.scalar:
				applyScalar(o.code, regs[o.dst][:cn], regs[o.a], o.sk, o.sFirst)
			case o.code == opOut:
				copy(out[o.out][s0:s0+cn], regs[o.a][:cn])
			default:
				apply(o.code, regs[o.dst][:cn], regs[o.a], regs[o.b], regs[o.c])
			}
		}
		for y := range m.ny {
			col := m.pos[y]
			for k, o := range m.yearOuts {
				if col >= 0 {
					regs[o.slot] = out[o.base+col][s0 : s0+cn]
				} else {
					regs[o.slot] = w.scratch[k]
				}
			}
			for i := range m.year {
				o := &m.year[i]
				if (col < 0 && !o.needed) || (y > 0 && o.firstOnly) {
					continue
				}
				if o.scalar {
					x := o.sk
					if o.table != nil {
						x = o.table[y]
					}
					applyScalar(o.code, regs[o.dst][:cn], regs[o.a], x, o.sFirst)
					continue
				}
				switch o.code {
				case opFill:
					d, v := regs[o.dst][:cn], o.table[y]
					for k := range d {
						d[k] = v
					}
				case opPrev:
					if y == 0 {
						copy(regs[o.dst][:cn], regs[o.b][:cn])
					} else {
						copy(regs[o.dst][:cn], regs[o.a][:cn])
					}
				case opSave:
					copy(regs[o.dst][:cn], regs[o.a][:cn])
				case opOut:
					copy(out[o.out+col][s0:s0+cn], regs[o.a][:cn])
				default:
					apply(o.code, regs[o.dst][:cn], regs[o.a], regs[o.b], regs[o.c])
				}
			}
		}
	}
}
