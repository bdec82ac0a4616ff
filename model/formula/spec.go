package formula

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// Spec is a formula model as written: its years, parameters, equations and
// outputs, with the positions that errors report.
type Spec struct {
	File      string // the file the equations are in
	Pos       Pos    // where the model is declared
	Years     []int  // nil: no per-year values
	YearsPos  Pos
	Params    []Param
	Equations []Equation
	Outputs   []string // nil: every equation that is a number
	OutputPos []Pos

	// An external model (model: {command: [...], outputs: [...]}) runs a
	// program instead of equations; see package model/external.
	Command []string
	Timeout time.Duration // per block; 0: the default
	Dir     string        // the folder the command runs in (the scenario's)
}

// Param is a named constant of the model; the scenario's parameters override it.
type Param struct {
	Name  string
	Value float64
	Pos   Pos
}

// Equation defines one name: name: expression, or name: {value, unit, description}.
type Equation struct {
	Name        string
	NamePos     Pos
	Expr        string
	Unit        string
	Description string
	src         *source
}

// Limits on what a model file can ask for.
const (
	maxYears     = 10000
	maxEquations = 100000
	maxExprLen   = 100000
)

var (
	modelKeys    = []string{"title", "description", "years", "parameters", "equations", "outputs", "file", "command", "timeout"}
	equationKeys = []string{"value", "unit", "description"}
	yearKeys     = []string{"from", "to", "step"}
)

// reader collects the problems of one file.
type reader struct {
	file string
	data []byte
	errs errorList
}

func (r *reader) pos(n *yaml.Node) Pos { return Pos{File: r.file, Line: n.Line, Column: n.Column} }

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs.add(r.pos(n), format, args...)
}

// Read reads the mapping given as `model:` in the scenario file named file
// (whose text is data). A `file:` key names a model file, relative to the
// scenario's folder, holding the same keys; `years` and `outputs` written
// next to it override the file's.
func Read(file string, data []byte, n *yaml.Node) (*Spec, error) {
	r := &reader{file: file, data: data}
	sp := r.spec(resolve(n), true)
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return sp, nil
}

// ParseFile parses a model file: a YAML mapping with the keys years,
// parameters, equations and outputs (and title, description).
func ParseFile(file string, data []byte) (*Spec, error) {
	r := &reader{file: file, data: data}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			r.errs.add(Pos{File: file, Line: 1, Column: 1}, "empty model file: expected a mapping with equations and outputs")
		} else {
			r.errs.add(Pos{File: file, Line: 1, Column: 1}, "invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
		}
		return nil, r.errs.err()
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	sp := r.spec(resolve(root), false)
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return sp, nil
}

// resolve follows aliases (yaml.v3 rejects cyclic ones when decoding).
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

func describe(n *yaml.Node) string {
	switch {
	case n == nil || isNull(n):
		return "nothing"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str":
		return `"` + n.Value + `"`
	}
	return n.Value
}

type entry struct {
	name     string
	key, val *yaml.Node
}

// entries returns a mapping's entries in file order; keys must be unique
// non-empty names. Merge keys are refused: they would hide where an
// equation comes from.
func (r *reader) entries(m *yaml.Node, noun string) []entry {
	var out []entry
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), resolve(m.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!null" || strings.TrimSpace(k.Value) == "" {
			r.errorf(k, "expected a name as %s, got %s", noun, describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			r.errorf(k, "merge keys (<<) are not allowed in a formula model: write each %s out", noun)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			r.errorf(k, "duplicate %s %q (first at line %d, column %d)", noun, k.Value, first.Line, first.Column)
			continue
		}
		seen[k.Value] = k
		out = append(out, entry{k.Value, k, v})
	}
	return out
}

func (r *reader) spec(n *yaml.Node, inScenario bool) *Spec {
	sp := &Spec{File: r.file}
	if n == nil || n.Kind != yaml.MappingNode {
		if n == nil {
			n = &yaml.Node{Line: 1, Column: 1}
		}
		r.errorf(n, "expected a formula model: a mapping with equations and outputs (or file: model.yaml), got %s", describe(n))
		return sp
	}
	sp.Pos = r.pos(n)
	var fileNode, eqNode *yaml.Node
	var override *Spec
	for _, e := range r.entries(n, "key") {
		v := e.val
		switch e.name {
		case "title", "description":
			if v.Kind != yaml.ScalarNode {
				r.errorf(v, "%s: expected text, got %s", e.name, describe(v))
			}
		case "years":
			sp.Years, sp.YearsPos = r.years(v), r.pos(v)
		case "parameters":
			sp.Params = r.params(v)
		case "equations":
			eqNode = e.key
			sp.Equations = r.equations(v)
		case "outputs":
			sp.Outputs, sp.OutputPos = r.outputs(v)
		case "command":
			sp.Command = r.command(v)
			sp.Pos = r.pos(v)
		case "timeout":
			sp.Timeout = r.timeout(v)
		case "file":
			if !inScenario {
				r.errorf(e.key, "a model file cannot name another model file")
				return sp
			}
			if v.Kind != yaml.ScalarNode || isNull(v) || v.ShortTag() != "!!str" || v.Value == "" {
				r.errorf(v, "file: expected the path of a model file, got %s", describe(v))
				continue
			}
			fileNode = v
		default:
			r.errorf(e.key, "unknown key %q in a formula model (allowed: %s)", e.name, strings.Join(modelKeys, ", "))
		}
	}
	if fileNode != nil {
		if eqNode != nil {
			r.errorf(eqNode, "give the equations either in the model file (file: %s) or here, not both", fileNode.Value)
			return sp
		}
		override = sp
		sp = r.load(fileNode)
		if sp == nil {
			return override
		}
		if override.Years != nil {
			sp.Years, sp.YearsPos = override.Years, override.YearsPos
		}
		if override.Outputs != nil {
			sp.Outputs, sp.OutputPos = override.Outputs, override.OutputPos
		}
		sp.Params = append(sp.Params, override.Params...)
		return sp
	}
	sp.Dir = filepath.Dir(r.file)
	if sp.Command != nil {
		if eqNode != nil {
			r.errorf(eqNode, "a model is either equations or a command, not both")
		}
		if sp.Outputs == nil {
			r.errorf(n, "an external model needs outputs: the names of the columns its command writes")
		}
		return sp
	}
	if eqNode == nil {
		r.errorf(n, "a formula model needs equations (or file: model.yaml naming a model file)")
	}
	return sp
}

// load reads the model file named by n, relative to the scenario's folder.
func (r *reader) load(n *yaml.Node) *Spec {
	path := n.Value
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(r.file), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		r.errorf(n, "cannot read the model file %s: %v", path, err)
		return nil
	}
	sp, err := ParseFile(path, data)
	if err != nil {
		var joined interface{ Unwrap() []error }
		if errors.As(err, &joined) {
			for _, e := range joined.Unwrap() {
				if fe, ok := e.(*Error); ok {
					r.errs = append(r.errs, fe)
				}
			}
		}
		return nil
	}
	return sp
}

func (r *reader) equations(n *yaml.Node) []Equation {
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "equations: expected a mapping from names to expressions, got %s", describe(n))
		return nil
	}
	var eqs []Equation
	for _, e := range r.entries(n, "equation") {
		if len(eqs) >= maxEquations {
			r.errorf(e.key, "more than %d equations", maxEquations)
			break
		}
		eq := Equation{Name: e.name, NamePos: r.pos(e.key)}
		if !isIdent(e.name) {
			r.errorf(e.key, "equation name %q is not a name: use letters, digits and _, starting with a letter", e.name)
			continue
		}
		val := e.val
		if val.Kind == yaml.MappingNode {
			val = nil
			for _, f := range r.entries(e.val, "key") {
				switch f.name {
				case "value":
					val = f.val
				case "unit", "description":
					if f.val.Kind != yaml.ScalarNode || isNull(f.val) {
						r.errorf(f.val, "equation %s: %s: expected text, got %s", e.name, f.name, describe(f.val))
					} else if f.name == "unit" {
						eq.Unit = f.val.Value
					} else {
						eq.Description = f.val.Value
					}
				default:
					r.errorf(f.key, "equation %s: unknown key %q (allowed: %s)", e.name, f.name, strings.Join(equationKeys, ", "))
				}
			}
			if val == nil {
				r.errorf(e.key, "equation %s: missing value (the expression)", e.name)
				continue
			}
		}
		if val.Kind != yaml.ScalarNode || isNull(val) {
			r.errorf(val, "equation %s: expected an expression, got %s", e.name, describe(val))
			continue
		}
		if len(val.Value) > maxExprLen {
			r.errorf(val, "equation %s: expression longer than %d characters", e.name, maxExprLen)
			continue
		}
		eq.Expr = val.Value
		eq.src = newSource(r.file, r.data, val)
		eqs = append(eqs, eq)
	}
	return eqs
}

func (r *reader) params(n *yaml.Node) []Param {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "parameters: expected a mapping from names to numbers, got %s", describe(n))
		return nil
	}
	var ps []Param
	for _, e := range r.entries(n, "parameter") {
		if !isIdent(e.name) {
			r.errorf(e.key, "parameter name %q is not a name: use letters, digits and _, starting with a letter", e.name)
			continue
		}
		x, ok := r.number(e.val, "parameter "+e.name)
		if ok {
			ps = append(ps, Param{Name: e.name, Value: x, Pos: r.pos(e.key)})
		}
	}
	return ps
}

func (r *reader) number(n *yaml.Node, what string) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, true
		}
	}
	r.errorf(n, "%s: expected a finite number, got %s", what, describe(n))
	return 0, false
}

func (r *reader) integer(n *yaml.Node, what string) (int, bool) {
	f, ok := r.number(n, what)
	if !ok {
		return 0, false
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e6 {
		r.errorf(n, "%s: expected a year (an integer within ±1000000), got %s", what, n.Value)
		return 0, false
	}
	return int(f), true
}
