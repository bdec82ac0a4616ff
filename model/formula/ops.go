package formula

import "math"

// opcode is one vectorised operation. Conditions are numbers 1 (true) and 0
// (false); the checker makes sure that only conditions reach if, && , || and !.
type opcode uint8

const (
	opNone opcode = iota
	// Leaves and data movement.
	opFill // dst[i] = table[year] (a value that depends on the year only)
	opCopy // dst[i] = a[i]
	opPrev // dst[i] = init (b) in the first year, the state a of the previous year after
	opOut  // out[series][i] = a[i]
	opSave // state dst[i] = a[i], at the end of a year
	// Unary.
	opNeg
	opNot
	opExp
	opLog
	opLog10
	opLog1p
	opExpm1
	opSqrt
	opAbs
	opFloor
	opCeil
	opRound
	opSin
	opCos
	opTan
	opAsin
	opAcos
	opAtan
	opSinh
	opCosh
	opTanh
	// Binary.
	opAdd
	opSub
	opMul
	opDiv
	opPow
	opAtan2
	opMin
	opMax
	opLt
	opLe
	opGt
	opGe
	opEq
	opNe
	opAnd
	opOr
	// Ternary.
	opIf // dst[i] = b[i] if a[i] ≠ 0, else c[i]
)

// unaryFuncs are the functions of one argument and their kernels.
var unaryFuncs = map[string]opcode{
	"exp": opExp, "log": opLog, "log10": opLog10, "log1p": opLog1p, "expm1": opExpm1,
	"sqrt": opSqrt, "abs": opAbs, "floor": opFloor, "ceil": opCeil, "round": opRound,
	"sin": opSin, "cos": opCos, "tan": opTan, "asin": opAsin, "acos": opAcos, "atan": opAtan,
	"sinh": opSinh, "cosh": opCosh, "tanh": opTanh,
}

// binaryFuncs are the functions of two arguments (min and max take two or more).
var binaryFuncs = map[string]opcode{"pow": opPow, "atan2": opAtan2, "min": opMin, "max": opMax}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// apply runs one elementwise operation over len(d) samples. The same kernels
// fold constants at compile time, so a folded value is bit-identical to the
// one a run would compute. d may alias an operand.
func apply(code opcode, d, a, b, c []float64) {
	n := len(d)
	switch code {
	case opCopy:
		copy(d, a[:n])
	case opNeg:
		a = a[:n]
		for i := range d {
			d[i] = -a[i]
		}
	case opNot:
		a = a[:n]
		for i := range d {
			d[i] = b2f(a[i] == 0)
		}
	case opExp:
		unary(d, a, math.Exp)
	case opLog:
		unary(d, a, math.Log)
	case opLog10:
		unary(d, a, math.Log10)
	case opLog1p:
		unary(d, a, math.Log1p)
	case opExpm1:
		unary(d, a, math.Expm1)
	case opSqrt:
		a = a[:n]
		for i := range d {
			d[i] = math.Sqrt(a[i])
		}
	case opAbs:
		a = a[:n]
		for i := range d {
			d[i] = math.Abs(a[i])
		}
	case opFloor:
		unary(d, a, math.Floor)
	case opCeil:
		unary(d, a, math.Ceil)
	case opRound:
		unary(d, a, math.Round)
	case opSin:
		unary(d, a, math.Sin)
	case opCos:
		unary(d, a, math.Cos)
	case opTan:
		unary(d, a, math.Tan)
	case opAsin:
		unary(d, a, math.Asin)
	case opAcos:
		unary(d, a, math.Acos)
	case opAtan:
		unary(d, a, math.Atan)
	case opSinh:
		unary(d, a, math.Sinh)
	case opCosh:
		unary(d, a, math.Cosh)
	case opTanh:
		unary(d, a, math.Tanh)
	case opAdd:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = a[i] + b[i]
		}
	case opSub:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = a[i] - b[i]
		}
	case opMul:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = a[i] * b[i]
		}
	case opDiv:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = a[i] / b[i]
		}
	case opPow:
		binary(d, a, b, math.Pow)
	case opAtan2:
		binary(d, a, b, math.Atan2)
	case opMin:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = min(a[i], b[i])
		}
	case opMax:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = max(a[i], b[i])
		}
	case opLt:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] < b[i])
		}
	case opLe:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] <= b[i])
		}
	case opGt:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] > b[i])
		}
	case opGe:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] >= b[i])
		}
	case opEq:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] == b[i])
		}
	case opNe:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] != b[i])
		}
	case opAnd:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] != 0 && b[i] != 0)
		}
	case opOr:
		a, b = a[:n], b[:n]
		for i := range d {
			d[i] = b2f(a[i] != 0 || b[i] != 0)
		}
	case opIf:
		a, b, c = a[:n], b[:n], c[:n]
		for i := range d {
			if a[i] != 0 {
				d[i] = b[i]
			} else {
				d[i] = c[i]
			}
		}
	default:
		panic("formula: apply of a non-elementwise op")
	}
}

func unary(d, a []float64, f func(float64) float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = f(a[i])
	}
}

func binary(d, a, b []float64, f func(x, y float64) float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = f(a[i], b[i])
	}
}

// arity is the number of operands of an elementwise op.
func arity(code opcode) int {
	switch {
	case code == opIf:
		return 3
	case code >= opAdd:
		return 2
	}
	return 1
}

// scalarKernel reports whether applyScalar has a kernel for code.
func scalarKernel(code opcode) bool {
	switch code {
	case opAdd, opSub, opMul, opDiv, opMin, opMax, opLt, opLe, opGt, opGe, opEq, opNe:
		return true
	}
	return false
}

// applyScalar is apply for a binary op whose other operand is the number
// x: d[i] = x op a[i] if first, else a[i] op x (same arithmetic as apply).
func applyScalar(code opcode, d, a []float64, x float64, first bool) {
	a = a[:len(d)]
	if first {
		switch code {
		case opAdd:
			for i := range d {
				d[i] = x + a[i]
			}
		case opSub:
			for i := range d {
				d[i] = x - a[i]
			}
		case opMul:
			for i := range d {
				d[i] = x * a[i]
			}
		case opDiv:
			for i := range d {
				d[i] = x / a[i]
			}
		case opMin:
			for i := range d {
				d[i] = min(x, a[i])
			}
		case opMax:
			for i := range d {
				d[i] = max(x, a[i])
			}
		case opLt:
			for i := range d {
				d[i] = b2f(x < a[i])
			}
		case opLe:
			for i := range d {
				d[i] = b2f(x <= a[i])
			}
		case opGt:
			for i := range d {
				d[i] = b2f(x > a[i])
			}
		case opGe:
			for i := range d {
				d[i] = b2f(x >= a[i])
			}
		case opEq:
			for i := range d {
				d[i] = b2f(x == a[i])
			}
		case opNe:
			for i := range d {
				d[i] = b2f(x != a[i])
			}
		default:
			panic("formula: applyScalar of an op without a scalar kernel")
		}
		return
	}
	switch code {
	case opAdd:
		for i := range d {
			d[i] = a[i] + x
		}
	case opSub:
		for i := range d {
			d[i] = a[i] - x
		}
	case opMul:
		for i := range d {
			d[i] = a[i] * x
		}
	case opDiv:
		for i := range d {
			d[i] = a[i] / x
		}
	case opMin:
		for i := range d {
			d[i] = min(a[i], x)
		}
	case opMax:
		for i := range d {
			d[i] = max(a[i], x)
		}
	case opLt:
		for i := range d {
			d[i] = b2f(a[i] < x)
		}
	case opLe:
		for i := range d {
			d[i] = b2f(a[i] <= x)
		}
	case opGt:
		for i := range d {
			d[i] = b2f(a[i] > x)
		}
	case opGe:
		for i := range d {
			d[i] = b2f(a[i] >= x)
		}
	case opEq:
		for i := range d {
			d[i] = b2f(a[i] == x)
		}
	case opNe:
		for i := range d {
			d[i] = b2f(a[i] != x)
		}
	default:
		panic("formula: applyScalar of an op without a scalar kernel")
	}
}
