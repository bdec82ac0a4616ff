package formula

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/scanner"
	"go/token"
	"math"
	"strings"
)

// Expressions are parsed with the standard library's go/parser: Go's
// expression grammar (precedence, unary minus, comparisons, && and ||,
// calls) is what the language needs, the parser is maintained with the
// toolchain and fuzzed upstream, and it reports byte offsets that map onto
// the YAML file. The checker below accepts only the small subset that makes
// sense for numbers and turns it into a tree of nodes.

// leaf kinds of a node; elementwise operations have leaf == leafOp.
type leafKind uint8

const (
	leafOp     leafKind = iota
	leafConst           // val[0]
	leafT               // the year
	leafFactor          // ref: factor index
	leafEq              // ref: equation index
	leafPrev            // ref: equation index; args[0]: initial value
)

// kind says over what a value varies; it orders the lowering: constants
// and year tables are folded at compile time, per-sample values are
// computed once per block, per-year values once per block and year.
type kind uint8

const (
	kConst  kind = iota // one value
	kTable              // one value per year
	kSample             // one value per sample
	kYear               // one value per sample and year
)

func (k kind) String() string {
	return [...]string{"a constant", "a function of the year only", "per-sample (the same every year)", "per-year"}[k]
}

type node struct {
	leaf leafKind
	op   opcode
	args []*node
	off  int  // byte offset in the expression, for errors
	cond bool // a condition, not a number
	ref  int
	kind kind
	val  []float64 // folded value: 1 entry (kConst) or one per year (kTable)
}

// names is what an expression can refer to.
type names struct {
	eqs     map[string]int
	factors map[string]int
	params  map[string]float64
	medians map[string]float64
	years   bool
}

// checker turns one equation's expression into a tree.
type checker struct {
	names *names
	eq    *Equation
	fset  *token.FileSet
	errs  *errorList
	deps  []dep // same-year references to equations
	prevs []dep // prev(x, …) references
	ifs   map[int]bool
	bad   bool
}

// dep is a reference to equation eq at byte offset off.
type dep struct{ eq, off int }

func (c *checker) errorf(off int, format string, args ...any) {
	c.bad = true
	c.errs.add(c.eq.src.pos(off), "equation "+c.eq.Name+": "+format, args...)
}

func (c *checker) off(p token.Pos) int {
	if !p.IsValid() {
		return 0
	}
	return c.fset.Position(p).Offset
}

// parse checks equation eq's expression; it returns nil after reporting errors.
func parse(eq *Equation, nm *names, errs *errorList) (*node, []dep, []dep) {
	c := &checker{names: nm, eq: eq, fset: token.NewFileSet(), errs: errs}
	src := eq.Expr
	if strings.TrimSpace(src) == "" {
		c.errorf(0, "empty expression")
		return nil, nil, nil
	}
	// A literal block scalar keeps its line breaks; Go's scanner would end
	// the expression at the first one. Same length, so offsets still match.
	src = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, src)
	src = c.unkeyword(src)
	if c.bad {
		return nil, nil, nil
	}
	e, err := parser.ParseExprFrom(c.fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			c.errorf(list[0].Pos.Offset, "syntax error: %s", list[0].Msg)
		} else {
			c.errorf(0, "syntax error: %v", err)
		}
		return nil, nil, nil
	}
	n := c.expr(e)
	if c.bad {
		return nil, nil, nil
	}
	return n, c.deps, c.prevs
}

// ifName stands for the keyword if, which Go's parser would not take as a
// function name: two bytes, so that offsets are unchanged, and not a name a
// formula can contain (names are ASCII).
const ifName = "\u0131"

// unkeyword renames each keyword if in src to ifName, remembering where.
func (c *checker) unkeyword(src string) string {
	var sc scanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(src))
	sc.Init(file, []byte(src), nil, 0)
	b := []byte(src)
	for {
		p, tok, _ := sc.Scan()
		if tok == token.EOF {
			break
		}
		if tok.IsKeyword() && tok != token.IF {
			c.errorf(file.Offset(p), "%s is a reserved word (of Go's syntax), not a name a formula can use", tok)
			return src
		}
		if tok == token.IF {
			off := file.Offset(p)
			copy(b[off:], ifName)
			if c.ifs == nil {
				c.ifs = map[int]bool{}
			}
			c.ifs[off] = true
		}
	}
	return string(b)
}

// name is an identifier's name, with if restored.
func (c *checker) name(id *ast.Ident) string {
	if id.Name == ifName && c.ifs[c.off(id.NamePos)] {
		return "if"
	}
	return id.Name
}

const grammar = "formulas use numbers, names, + - * /, comparisons, && || ! and function calls"

func (c *checker) expr(e ast.Expr) *node {
	switch e := e.(type) {
	case *ast.BasicLit:
		return c.literal(e)
	case *ast.Ident:
		return c.ident(e)
	case *ast.ParenExpr:
		return c.expr(e.X)
	case *ast.UnaryExpr:
		x := c.expr(e.X)
		if x == nil {
			return nil
		}
		switch e.Op {
		case token.SUB:
			if !c.number(x, "the operand of unary -") {
				return nil
			}
			return &node{op: opNeg, args: []*node{x}, off: c.off(e.OpPos)}
		case token.ADD:
			if !c.number(x, "the operand of unary +") {
				return nil
			}
			return x
		case token.NOT:
			if !x.cond {
				c.errorf(x.off, "! needs a condition (a comparison), got a number")
				return nil
			}
			return &node{op: opNot, args: []*node{x}, off: c.off(e.OpPos), cond: true}
		}
		c.errorf(c.off(e.OpPos), "operator %s is not allowed: %s", e.Op, grammar)
		return nil
	case *ast.BinaryExpr:
		return c.binary(e)
	case *ast.CallExpr:
		return c.call(e)
	case *ast.StarExpr:
		c.errorf(c.off(e.Star), "unexpected *: for a power write pow(x, y)")
		return nil
	}
	c.errorf(c.off(e.Pos()), "this is not allowed in a formula: %s", grammar)
	return nil
}

func (c *checker) literal(e *ast.BasicLit) *node {
	off := c.off(e.ValuePos)
	if e.Kind != token.INT && e.Kind != token.FLOAT {
		c.errorf(off, "%s is not a number: %s", e.Value, grammar)
		return nil
	}
	v := constant.MakeFromLiteral(e.Value, e.Kind, 0)
	f, _ := constant.Float64Val(v)
	if v.Kind() == constant.Unknown || math.IsInf(f, 0) {
		c.errorf(off, "number %s is out of range", e.Value)
		return nil
	}
	return &node{leaf: leafConst, val: []float64{f}, off: off}
}

func (c *checker) ident(e *ast.Ident) *node {
	off := c.off(e.NamePos)
	nm := c.names
	switch name := c.name(e); {
	case name == "t":
		if !nm.years {
			c.errorf(off, "t is the year, but the model declares no years (add years: {from: …, to: …})")
			return nil
		}
		return &node{leaf: leafT, off: off}
	case name == "true" || name == "false":
		return &node{leaf: leafConst, val: []float64{b2f(name == "true")}, off: off, cond: true}
	default:
		if i, ok := nm.eqs[name]; ok {
			c.deps = append(c.deps, dep{i, off})
			return &node{leaf: leafEq, ref: i, off: off}
		}
		if v, ok := nm.params[name]; ok {
			return &node{leaf: leafConst, val: []float64{v}, off: off}
		}
		if i, ok := nm.factors[name]; ok {
			return &node{leaf: leafFactor, ref: i, off: off}
		}
		if isFunc(name) {
			c.errorf(off, "%s is a function: call it, as in %s(x)", name, name)
			return nil
		}
		c.errorf(off, "unknown name %s%s", name, suggest(name, nm.all()))
		return nil
	}
}

// number reports (as an error) a condition used as a number.
func (c *checker) number(n *node, what string) bool {
	if n.cond {
		c.errorf(n.off, "%s is a condition (true or false), not a number; write if(condition, 1, 0) for a number", what)
		return false
	}
	return true
}

var binaryOps = map[token.Token]opcode{
	token.ADD: opAdd, token.SUB: opSub, token.MUL: opMul, token.QUO: opDiv,
	token.LSS: opLt, token.LEQ: opLe, token.GTR: opGt, token.GEQ: opGe, token.EQL: opEq, token.NEQ: opNe,
	token.LAND: opAnd, token.LOR: opOr,
}

func (c *checker) binary(e *ast.BinaryExpr) *node {
	off := c.off(e.OpPos)
	code, ok := binaryOps[e.Op]
	if !ok {
		switch e.Op {
		case token.XOR:
			c.errorf(off, "^ is not a power here: write pow(x, y)")
		case token.REM:
			c.errorf(off, "operator %% is not supported: %s", grammar)
		default:
			c.errorf(off, "operator %s is not supported: %s", e.Op, grammar)
		}
		return nil
	}
	x, y := c.expr(e.X), c.expr(e.Y)
	if x == nil || y == nil {
		return nil
	}
	n := &node{op: code, args: []*node{x, y}, off: c.off(e.Pos())}
	switch code {
	case opAnd, opOr:
		for _, a := range n.args {
			if !a.cond {
				c.errorf(a.off, "%s needs conditions (comparisons) on both sides, got a number", e.Op)
				return nil
			}
		}
		n.cond = true
	case opEq, opNe:
		if x.cond != y.cond {
			c.errorf(off, "%s compares a condition with a number", e.Op)
			return nil
		}
		n.cond = true
	default:
		if !c.number(x, "the left operand of "+e.Op.String()) || !c.number(y, "the right operand of "+e.Op.String()) {
			return nil
		}
		n.cond = code >= opLt
	}
	return n
}

func (c *checker) call(e *ast.CallExpr) *node {
	id, ok := e.Fun.(*ast.Ident)
	if !ok {
		c.errorf(c.off(e.Fun.Pos()), "only named functions can be called (exp, log, pow, min, if, prev, …)")
		return nil
	}
	off := c.off(id.NamePos)
	name := c.name(id)
	if e.Ellipsis.IsValid() {
		c.errorf(c.off(e.Ellipsis), "... is not allowed in a call")
		return nil
	}
	nargs := len(e.Args)
	want := func(n int) bool {
		if nargs != n {
			c.errorf(off, "%s takes %s, got %d", name, plural(n, "argument"), nargs)
			return false
		}
		return true
	}
	switch name {
	case "prev":
		return c.prev(e, off)
	case "median":
		if !want(1) {
			return nil
		}
		a, ok := e.Args[0].(*ast.Ident)
		if !ok {
			c.errorf(c.off(e.Args[0].Pos()), "median takes the name of a factor")
			return nil
		}
		v, ok := c.names.medians[a.Name]
		if !ok {
			c.errorf(c.off(a.NamePos), "median(%s): %s is not a factor%s", a.Name, a.Name, suggest(a.Name, keys(c.names.factors)))
			return nil
		}
		return &node{leaf: leafConst, val: []float64{v}, off: off}
	}
	if !isFunc(name) {
		if _, ok := c.names.factors[name]; ok {
			c.errorf(off, "%s is a factor, not a function", name)
		} else if _, ok := c.names.eqs[name]; ok {
			c.errorf(off, "%s is an equation, not a function", name)
		} else {
			c.errorf(off, "unknown function %s%s", name, suggest(name, funcNames()))
		}
		return nil
	}
	switch name {
	case "if", "clamp":
		if !want(3) {
			return nil
		}
	case "min", "max":
		if nargs < 2 {
			c.errorf(off, "%s takes 2 or more arguments, got %d", name, nargs)
			return nil
		}
	default:
		if _, unary := unaryFuncs[name]; unary && !want(1) {
			return nil
		} else if !unary && !want(2) {
			return nil
		}
	}
	args := make([]*node, nargs)
	for i, a := range e.Args {
		if args[i] = c.expr(a); args[i] == nil {
			return nil
		}
	}
	if name == "if" {
		if !args[0].cond {
			c.errorf(args[0].off, "the first argument of if must be a condition (a comparison), got a number")
			return nil
		}
		if args[1].cond != args[2].cond {
			c.errorf(off, "the two branches of if must both be numbers or both conditions")
			return nil
		}
		return &node{op: opIf, args: args, off: off, cond: args[1].cond}
	}
	for i, a := range args {
		if !c.number(a, fmt.Sprintf("argument %d of %s", i+1, name)) {
			return nil
		}
	}
	switch name {
	case "clamp":
		// clamp(x, lo, hi) = min(max(x, lo), hi)
		lo := &node{op: opMax, args: []*node{args[0], args[1]}, off: off}
		return &node{op: opMin, args: []*node{lo, args[2]}, off: off}
	case "min", "max":
		n := args[0]
		for _, a := range args[1:] {
			n = &node{op: binaryFuncs[name], args: []*node{n, a}, off: off}
		}
		return n
	}
	if code, ok := unaryFuncs[name]; ok {
		return &node{op: code, args: args, off: off}
	}
	return &node{op: binaryFuncs[name], args: args, off: off}
}

// prev(x, initial) is x in the previous year, initial in the first.
func (c *checker) prev(e *ast.CallExpr, off int) *node {
	switch len(e.Args) {
	case 2:
	case 1:
		c.errorf(off, "a recurrence needs its initial value: write prev(x, initial), the value before the first year")
		return nil
	default:
		c.errorf(off, "prev takes 2 arguments (prev(x, initial)), got %d", len(e.Args))
		return nil
	}
	if !c.names.years {
		c.errorf(off, "prev refers to the previous year, but the model declares no years (add years: {from: …, to: …})")
		return nil
	}
	id, ok := e.Args[0].(*ast.Ident)
	if !ok {
		c.errorf(c.off(e.Args[0].Pos()), "the first argument of prev must be the name of an equation")
		return nil
	}
	eq, ok := c.names.eqs[id.Name]
	if !ok {
		if _, f := c.names.factors[id.Name]; f {
			c.errorf(c.off(id.NamePos), "prev(%s, …): %s is a factor, the same every year; prev takes an equation with a per-year value", id.Name, id.Name)
		} else if _, p := c.names.params[id.Name]; p {
			c.errorf(c.off(id.NamePos), "prev(%s, …): %s is a parameter, the same every year; prev takes an equation with a per-year value", id.Name, id.Name)
		} else {
			c.errorf(c.off(id.NamePos), "prev(%s, …): unknown equation %s%s", id.Name, id.Name, suggest(id.Name, keys(c.names.eqs)))
		}
		return nil
	}
	init := c.expr(e.Args[1])
	if init == nil {
		return nil
	}
	c.prevs = append(c.prevs, dep{eq, c.off(id.NamePos)})
	return &node{leaf: leafPrev, ref: eq, args: []*node{init}, off: off}
}
