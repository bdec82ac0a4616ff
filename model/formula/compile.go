package formula

import (
	"fmt"
	"math"
	"strings"

	"mc/model"
)

// New compiles a formula model for a scenario whose factors are named
// factors (in file order; every one is an input of the model, used or not)
// with configuration cfg: cfg.Params override the model's parameters,
// cfg.Years selects output years among the model's, cfg.Medians gives
// median(x).
//
// Compilation resolves names, orders the equations by their dependencies
// (refusing cycles), infers for every value whether it is a constant, a
// function of the year, per sample or per sample and year, folds what does
// not depend on the sample, and lowers the rest to two lists of
// vectorised operations: one run once per block of samples, one run once
// per block and year. Registers are reused once their value is dead.
func New(sp *Spec, factors []string, cfg model.Config) (*Model, error) {
	b := &builder{sp: sp, ny: len(sp.Years)}
	if err := b.resolve(factors, cfg); err != nil {
		return nil, err
	}
	b.check()
	if err := b.errs.err(); err != nil {
		return nil, err
	}
	if b.unused != nil {
		return nil, b.unused
	}
	b.order()
	if err := b.errs.err(); err != nil {
		return nil, err
	}
	b.infer()
	if err := b.errs.err(); err != nil {
		return nil, err
	}
	if err := b.selectYears(cfg.Years); err != nil {
		return nil, err
	}
	return b.lower(factors), nil
}

// builder holds one compilation.
type builder struct {
	sp   *Spec
	ny   int
	nm   names
	errs errorList

	roots    []*node
	deps     [][]dep // same-year references of each equation
	prevs    [][]dep
	topo     []int // equations in dependency order
	eqKind   []kind
	prevOf   map[int]bool // equations some prev() refers to
	outputs  []int        // equation of each output
	selected []int        // output years
	pos      []int        // for each model year, its index in selected, or −1
	paramPos map[string]Pos
	fromCfg  map[string]bool
	unused   *model.ParamError // a scenario parameter no equation uses
}

// resolve builds the table of names and checks that they do not clash.
func (b *builder) resolve(factors []string, cfg model.Config) error {
	sp := b.sp
	nm := &b.nm
	nm.eqs = map[string]int{}
	nm.factors = map[string]int{}
	nm.params = map[string]float64{}
	nm.medians = cfg.Medians
	nm.years = sp.Years != nil
	b.paramPos = map[string]Pos{}
	for i, f := range factors {
		nm.factors[f] = i
	}
	for _, p := range sp.Params {
		if _, ok := nm.factors[p.Name]; ok {
			b.errs.add(p.Pos, "parameter %s has the name of a factor: rename one of them", p.Name)
			continue
		}
		nm.params[p.Name] = p.Value
		b.paramPos[p.Name] = p.Pos
	}
	// The scenario's parameters override the model's; a name the model does
	// not use is a mistake (reported after checking, by used).
	b.fromCfg = map[string]bool{}
	for _, name := range keys(cfg.Params) {
		x, ok := number(cfg.Params[name])
		if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
			return &model.ParamError{Param: name, Msg: fmt.Sprintf("a formula model's parameters are finite numbers, got %v", cfg.Params[name])}
		}
		if !isIdent(name) {
			return &model.ParamError{Param: name, Msg: "not a name an equation can refer to"}
		}
		if _, ok := nm.factors[name]; ok {
			return &model.ParamError{Param: name, Msg: "has the name of a factor: rename one of them"}
		}
		nm.params[name] = x
		b.fromCfg[name] = true
	}
	for i, eq := range sp.Equations {
		switch _, isF := nm.factors[eq.Name]; {
		case isF:
			b.errs.add(eq.NamePos, "equation %s has the name of a factor: rename one of them", eq.Name)
		case eq.Name == "t" || eq.Name == "true" || eq.Name == "false":
			b.errs.add(eq.NamePos, "%s is reserved (t is the year): choose another equation name", eq.Name)
		case isFunc(eq.Name):
			b.errs.add(eq.NamePos, "%s is the name of a function: choose another equation name", eq.Name)
		default:
			if _, isP := nm.params[eq.Name]; isP {
				b.errs.add(eq.NamePos, "equation %s has the name of a parameter: rename one of them", eq.Name)
			}
		}
		nm.eqs[eq.Name] = i
	}
	if _, ok := nm.factors["t"]; ok && nm.years {
		b.errs.add(sp.Pos, "a factor is named t, which is the year in a formula model with years: rename the factor")
	}
	return nil
}

// number converts a parameter value from the scenario.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// check parses every equation and the outputs.
func (b *builder) check() {
	sp := b.sp
	n := len(sp.Equations)
	b.roots, b.deps, b.prevs = make([]*node, n), make([][]dep, n), make([][]dep, n)
	used := map[string]bool{}
	for i := range sp.Equations {
		b.roots[i], b.deps[i], b.prevs[i] = parse(&sp.Equations[i], &b.nm, &b.errs)
		markParams(sp.Equations[i].Expr, used)
	}
	for _, name := range keys(b.fromCfg) {
		if !used[name] && b.unused == nil {
			b.unused = &model.ParamError{Param: name, Msg: "not used by any equation of the formula model" + suggest(name, b.nm.all())}
		}
	}
	if sp.Outputs == nil {
		for i := range sp.Equations {
			if b.roots[i] != nil && !b.roots[i].cond {
				b.outputs = append(b.outputs, i)
			}
		}
		if len(b.outputs) == 0 && len(b.errs) == 0 {
			b.errs.add(sp.Pos, "the model has no outputs")
		}
		return
	}
	for k, name := range sp.Outputs {
		i, ok := b.nm.eqs[name]
		if !ok {
			b.errs.add(sp.OutputPos[k], "output %s is not an equation%s", name, suggest(name, keys(b.nm.eqs)))
			continue
		}
		if b.roots[i] != nil && b.roots[i].cond {
			b.errs.add(sp.OutputPos[k], "output %s is a condition (true or false), not a number", name)
			continue
		}
		b.outputs = append(b.outputs, i)
	}
}

// markParams records the names an expression mentions (a parameter counts
// as used when an equation names it).
func markParams(expr string, used map[string]bool) {
	for _, w := range strings.FieldsFunc(expr, func(r rune) bool {
		return !(r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'))
	}) {
		used[w] = true
	}
}

// order sorts the equations by their same-year dependencies (depth first,
// in file order), reporting each cycle once with its members.
func (b *builder) order() {
	n := len(b.roots)
	const (
		white = iota
		grey
		black
	)
	color := make([]int, n)
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		color[i] = grey
		stack = append(stack, i)
		for _, d := range b.deps[i] {
			switch color[d.eq] {
			case white:
				visit(d.eq)
			case grey:
				b.cycle(stack, d.eq)
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
		b.topo = append(b.topo, i)
	}
	for i := range n {
		if color[i] == white {
			visit(i)
		}
	}
}

// cycle reports the cycle at the end of stack that starts at equation from,
// at the reference that its first member (in file order) makes to the next.
func (b *builder) cycle(stack []int, from int) {
	k := len(stack) - 1
	for stack[k] != from {
		k--
	}
	members := append([]int(nil), stack[k:]...)
	first := 0
	for i, m := range members {
		if m < members[first] {
			first = i
		}
	}
	members = append(members[first:], members[:first]...)
	next := members[0]
	if len(members) > 1 {
		next = members[1]
	}
	eq := &b.sp.Equations[members[0]]
	off := 0
	for _, d := range b.deps[members[0]] {
		if d.eq == next {
			off = d.off
			break
		}
	}
	names := make([]string, 0, len(members)+1)
	for _, m := range members {
		names = append(names, b.sp.Equations[m].Name)
	}
	names = append(names, names[0])
	b.errs.add(eq.src.pos(off), "dependency cycle: %s (each needs the next in the same year; use prev(x, initial) for last year's value)", strings.Join(names, " → "))
}

// combine is the kind of a value computed from values of kinds a and b.
func combine(a, b kind) kind {
	if (a == kTable && b == kSample) || (a == kSample && b == kTable) {
		return kYear
	}
	return max(a, b)
}

// infer sets the kind of every node, in dependency order, and folds the
// values that do not depend on the sample.
func (b *builder) infer() {
	b.eqKind = make([]kind, len(b.roots))
	b.prevOf = map[int]bool{}
	for _, i := range b.topo {
		b.eqKind[i] = b.kindOf(b.roots[i])
	}
	for i := range b.roots {
		for _, d := range b.prevs[i] {
			b.prevOf[d.eq] = true
			if k := b.eqKind[d.eq]; k != kYear && k != kTable {
				b.errs.add(b.sp.Equations[i].src.pos(d.off), "equation %s: prev(%s, …): %s is %s, not a per-year value; prev needs an equation that changes with t or with prev", b.sp.Equations[i].Name, b.sp.Equations[d.eq].Name, b.sp.Equations[d.eq].Name, k)
			}
		}
	}
}

func (b *builder) kindOf(n *node) kind {
	switch n.leaf {
	case leafConst:
		n.kind = kConst
	case leafT:
		n.kind = kTable
		n.val = make([]float64, b.ny)
		for j, y := range b.sp.Years {
			n.val[j] = float64(y)
		}
	case leafFactor:
		n.kind = kSample
	case leafEq:
		root := b.roots[n.ref]
		n.kind = root.kind
		n.val = root.val
	case leafPrev:
		b.kindOf(n.args[0])
		n.kind = kYear
	default:
		k := kConst
		for _, a := range n.args {
			k = combine(k, b.kindOf(a))
		}
		n.kind = k
		if k <= kTable {
			b.fold(n)
		}
	}
	return n.kind
}

// fold computes a node whose operands are constants or year tables, with
// the kernels a run uses (so the value is the one a run would compute).
func (b *builder) fold(n *node) {
	size := 1
	if n.kind == kTable {
		size = b.ny
	}
	var ops [3][]float64
	for i, a := range n.args {
		ops[i] = a.val
		if len(a.val) != size {
			ops[i] = make([]float64, size)
			for j := range ops[i] {
				ops[i][j] = a.val[0]
			}
		}
	}
	n.val = make([]float64, size)
	apply(n.op, n.val, ops[0], ops[1], ops[2])
}

// selectYears checks the scenario's year selection against the model's years.
func (b *builder) selectYears(years []int) error {
	perYear := false
	for _, i := range b.outputs {
		if k := b.eqKind[i]; k == kTable || k == kYear {
			perYear = true
		}
	}
	if !perYear {
		if years != nil {
			return &model.ParamError{Param: "years", Msg: "this formula model has only outputs that do not vary with the year; it takes no years"}
		}
		return nil
	}
	idx := map[int]int{}
	for j, y := range b.sp.Years {
		idx[y] = j
	}
	if years == nil {
		years = b.sp.Years
	}
	b.pos = make([]int, b.ny)
	for j := range b.pos {
		b.pos[j] = -1
	}
	for k, y := range years {
		j, ok := idx[y]
		if !ok {
			return &model.ParamError{Param: "years", Msg: fmt.Sprintf("%d is not a year of the formula model (%d–%d)", y, b.sp.Years[0], b.sp.Years[b.ny-1])}
		}
		if k > 0 && y <= years[k-1] {
			return &model.ParamError{Param: "years", Msg: fmt.Sprintf("want strictly increasing years, got %d after %d", y, years[k-1])}
		}
		b.pos[j] = k
	}
	b.selected = append([]int(nil), years...)
	return nil
}

// source is the canonical text of the compiled model (see Model.Source).
func (b *builder) source() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "years %v\n", b.sp.Years)
	for _, name := range keys(b.nm.params) {
		fmt.Fprintf(&sb, "param %s = %v\n", name, math.Float64bits(b.nm.params[name]))
	}
	for _, eq := range b.sp.Equations {
		fmt.Fprintf(&sb, "eq %s [%s] = %s\n", eq.Name, eq.Unit, eq.Expr)
	}
	for _, i := range b.outputs {
		fmt.Fprintf(&sb, "out %s\n", b.sp.Equations[i].Name)
	}
	return sb.String()
}
