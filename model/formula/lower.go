package formula

import (
	"math"

	"mc/model"
)

// op is one vectorised operation of a compiled program. dst, a, b and c
// are register slots.
type op struct {
	code      opcode
	dst, a    int32
	b, c      int32
	out       int       // opOut: first series of the output
	table     []float64 // opFill: one value per year
	firstOnly bool      // only in the first year (initial values of prev)
	needed    bool      // feeds a recurrence: run even in years that emit nothing
	// A binary op with a scalar operand: the number sk, or table[year] if
	// table is set (then table is not a fill); sFirst: it is the left one.
	scalar bool
	sFirst bool
	sk     float64
}

// Register slots: the slab holds the working registers, then the
// constants, then the recurrences' states; after them come the factor
// slots, which point into the input block.
type lowering struct {
	b      *builder
	scalar []op
	year   []op
	nv     int // virtual registers
	// virtual register classes
	constOf  map[uint64]int
	consts   []constReg
	state    map[int]int // equation → its state register
	factorV  map[int]int // factor → virtual register
	eqReg    []int       // equation → virtual register (−1: not lowered)
	inYear   bool
	first    bool
	need     bool
	pinned   map[int]bool
	isFactor map[int]int
	defProg  map[int]int     // virtual register → 1 + the program of the op that defines it
	direct   map[int]outSlot // virtual registers computed straight into an output
}

// outSlot is an output series that a register is: the op computing it
// writes into the output block (its slot is re-pointed for every chunk, and
// every year for a trajectory), so the value is never copied.
type outSlot struct {
	slot    int32
	base    int // first series of the output
	perYear bool
}

type constReg struct {
	v   int
	val float64
}

func (l *lowering) newV() int { l.nv++; return l.nv - 1 }

func (l *lowering) emit(prog int, o op) {
	if o.code != opOut && o.code != opSave {
		l.defProg[int(o.dst)] = prog + 1
	}
	o.needed = l.need
	if prog == 1 {
		o.firstOnly = l.first
		l.year = append(l.year, o)
	} else {
		l.scalar = append(l.scalar, o)
	}
}

func (l *lowering) constReg(x float64) int {
	key := math.Float64bits(x)
	if v, ok := l.constOf[key]; ok {
		return v
	}
	v := l.newV()
	l.constOf[key] = v
	l.consts = append(l.consts, constReg{v, x})
	l.pinned[v] = true
	return v
}

// value returns the virtual register holding n.
func (l *lowering) value(n *node) int {
	switch n.kind {
	case kConst:
		return l.constReg(n.val[0])
	case kTable:
		v := l.newV()
		l.emit(1, op{code: opFill, dst: int32(v), table: n.val})
		return v
	}
	switch n.leaf {
	case leafFactor:
		if v, ok := l.factorV[n.ref]; ok {
			return v
		}
		v := l.newV()
		l.factorV[n.ref] = v
		l.isFactor[v] = n.ref
		l.pinned[v] = true
		return v
	case leafEq:
		return l.eqReg[n.ref]
	case leafPrev:
		first := l.first
		l.first = true
		init := l.value(n.args[0])
		l.first = first
		v := l.newV()
		l.emit(1, op{code: opPrev, dst: int32(v), a: int32(l.stateOf(n.ref)), b: int32(init)})
		return v
	}
	prog := 0
	if n.kind == kYear {
		prog = 1
	}
	// A binary op with one operand constant (or a function of the year
	// only) reads it as a number: no vector of copies to fill and load.
	if len(n.args) == 2 && scalarKernel(n.op) {
		for k, a := range n.args {
			if a.kind > kTable {
				continue
			}
			vec := l.value(n.args[1-k])
			v := l.newV()
			o := op{code: n.op, dst: int32(v), a: int32(vec), scalar: true, sFirst: k == 0}
			if a.kind == kConst {
				o.sk = a.val[0]
			} else {
				o.table = a.val
			}
			l.emit(prog, o)
			return v
		}
	}
	var args [3]int32
	for i, a := range n.args {
		args[i] = int32(l.value(a))
	}
	v := l.newV()
	l.emit(prog, op{code: n.op, dst: int32(v), a: args[0], b: args[1], c: args[2]})
	return v
}

func (l *lowering) stateOf(eq int) int {
	if v, ok := l.state[eq]; ok {
		return v
	}
	v := l.newV()
	l.state[eq] = v
	l.pinned[v] = true
	return v
}

// live returns the equations the outputs need, and among them those needed
// to carry the recurrences from year to year.
func (b *builder) live() (live, needed []bool) {
	n := len(b.roots)
	live, needed = make([]bool, n), make([]bool, n)
	var mark func(i int, set []bool)
	mark = func(i int, set []bool) {
		if set[i] {
			return
		}
		set[i] = true
		for _, d := range b.deps[i] {
			mark(d.eq, set)
		}
		for _, d := range b.prevs[i] {
			mark(d.eq, set)
		}
	}
	for _, i := range b.outputs {
		mark(i, live)
	}
	for i := range n {
		if live[i] {
			for _, d := range b.prevs[i] {
				mark(d.eq, needed)
			}
		}
	}
	return live, needed
}

// lower turns the checked equations into the two programs and allocates
// their registers.
func (b *builder) lower(factors []string) *Model {
	l := &lowering{b: b, constOf: map[uint64]int{}, state: map[int]int{}, factorV: map[int]int{},
		pinned: map[int]bool{}, isFactor: map[int]int{}, defProg: map[int]int{}, direct: map[int]outSlot{}}
	l.eqReg = make([]int, len(b.roots))
	for i := range l.eqReg {
		l.eqReg[i] = -1
	}
	live, needed := b.live()
	outBase := make(map[int][]int) // equation → first series of each output it is
	series := 0
	m := &Model{years: b.selected, pos: b.pos, ny: len(b.pos), source: b.source()}
	for _, f := range factors {
		m.factors = append(m.factors, model.Factor{Name: f})
	}
	for _, i := range b.outputs {
		eq := &b.sp.Equations[i]
		o := model.Output{Name: eq.Name, Unit: eq.Unit, Description: eq.Description}
		if k := b.eqKind[i]; k == kTable || k == kYear {
			o.Years = append([]int(nil), b.selected...)
		}
		outBase[i] = append(outBase[i], series)
		series += o.Len()
		m.outputs = append(m.outputs, o)
	}
	for _, i := range b.topo {
		if !live[i] {
			continue
		}
		l.need = needed[i]
		root := b.roots[i]
		k := b.eqKind[i]
		if k == kSample || k == kYear || b.prevOf[i] {
			l.eqReg[i] = l.value(root)
		}
		prog := 0
		if k == kTable || k == kYear {
			prog = 1
		}
		for _, base := range outBase[i] {
			v := l.eqReg[i]
			if v < 0 {
				v = l.value(root)
			}
			if _, taken := l.direct[v]; !taken && !l.pinned[v] && l.defProg[v] == prog+1 {
				l.direct[v] = outSlot{base: base, perYear: prog == 1}
				continue
			}
			l.need = false
			l.emit(prog, op{code: opOut, a: int32(v), out: base})
			l.need = needed[i]
		}
	}
	// The states of the recurrences, saved at the end of each year.
	for _, eq := range sortedKeys(l.state) {
		l.need = true
		l.emit(1, op{code: opSave, dst: int32(l.state[eq]), a: int32(l.eqReg[eq])})
	}
	l.allocate(m)
	return m
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// operands lists the registers an op reads.
func operands(o *op) []int32 {
	switch o.code {
	case opFill:
		return nil
	case opOut, opSave, opCopy:
		return []int32{o.a}
	case opPrev:
		return []int32{o.a, o.b}
	}
	if o.scalar {
		return []int32{o.a}
	}
	return []int32{o.a, o.b, o.c}[:arity(o.code)]
}

// allocate maps virtual registers to slots, reusing a working register
// once the last op reading its value has run (linear scan over the block
// program followed by the year program). Values computed per block and read
// in the year program, constants and states live throughout.
func (l *lowering) allocate(m *Model) {
	all := append(append([]op(nil), l.scalar...), l.year...)
	ns := len(l.scalar)
	last := make([]int, l.nv)
	defined := make([]int, l.nv)
	for i := range last {
		last[i], defined[i] = -1, -1
	}
	for i := range all {
		for _, v := range operands(&all[i]) {
			last[v] = i
		}
		if all[i].code != opOut && all[i].code != opSave {
			defined[all[i].dst] = i
		}
	}
	for v := range l.nv {
		if defined[v] >= 0 && defined[v] < ns && last[v] >= ns {
			l.pinned[v] = true
		}
	}
	slot := make([]int32, l.nv)
	for i := range slot {
		slot[i] = -1
	}
	var free []int32
	freed := make([]bool, l.nv)
	nwork := int32(0)
	for i := range all {
		o := &all[i]
		for _, v := range operands(o) {
			if !l.pinned[int(v)] && last[v] == i && slot[v] >= 0 && !freed[v] {
				free = append(free, slot[v])
				freed[v] = true
			}
		}
		if o.code == opOut || o.code == opSave {
			continue
		}
		v := o.dst
		if _, d := l.direct[int(v)]; l.pinned[int(v)] || d {
			continue
		}
		if len(free) > 0 {
			slot[v] = free[len(free)-1]
			free = free[:len(free)-1]
		} else {
			slot[v] = nwork
			nwork++
		}
		if last[v] < 0 { // never read: its slot is free again at once
			free = append(free, slot[v])
		}
	}
	// Pinned registers: constants, states, per-block values, factors.
	next := nwork
	for v := range l.nv {
		if l.pinned[v] {
			if _, f := l.isFactor[v]; !f {
				slot[v] = next
				next++
			}
		}
	}
	m.slab = int(next)
	for _, c := range l.consts {
		m.consts = append(m.consts, constSlot{slot[c.v], c.val})
	}
	for v, f := range l.isFactor {
		slot[v] = next
		next++
		m.inputs = append(m.inputs, inputSlot{slot[v], f})
	}
	for _, v := range sortedKeys(l.direct) {
		o := l.direct[v]
		slot[v], o.slot = next, next
		next++
		if o.perYear {
			m.yearOuts = append(m.yearOuts, o)
		} else {
			m.blockOuts = append(m.blockOuts, o)
		}
	}
	m.slots = int(next)
	remap := func(ops []op) []op {
		out := make([]op, len(ops))
		for i, o := range ops {
			for _, p := range []*int32{&o.dst, &o.a, &o.b, &o.c} {
				if (*p) >= 0 && int(*p) < len(slot) && slot[*p] >= 0 {
					*p = slot[*p]
				} else {
					*p = 0
				}
			}
			out[i] = o
		}
		return out
	}
	// Operands b and c of unary ops are 0: map them to slot 0 harmlessly.
	m.scalar = remap(all[:ns])
	m.year = remap(all[ns:])
}
