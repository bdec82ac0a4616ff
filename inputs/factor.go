package inputs

import (
	"errors"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// factorKeys are the keys every factor may have besides its distribution's
// parameters.
var factorKeys = []string{"distribution", "fixed", "unit", "description", "source", "group"}

// family is a distribution family as written in scenario files.
type family struct {
	name   string
	params []string // its parameters, in the order messages list them
	// truncate: min and max, not among params, truncate the distribution.
	truncate bool
	build    func(a *distArgs) (Distribution, error)
}

var families = []*family{
	{name: "constant", params: []string{"value"}, build: buildConstant},
	{name: "uniform", params: []string{"min", "max"}, build: buildUniform},
	{name: "loguniform", params: []string{"min", "max"}, build: buildLogUniform},
	{name: "normal", params: []string{"mean", "sd"}, truncate: true, build: buildNormal},
	{name: "lognormal", params: []string{"meanlog", "sdlog", "median", "gsd", "p5", "p95"}, truncate: true, build: buildLogNormal},
	{name: "triangular", params: []string{"min", "mode", "max"}, build: buildTriangular},
	{name: "pert", params: []string{"min", "mode", "max", "lambda"}, build: buildPERT},
	{name: "beta", params: []string{"alpha", "beta", "min", "max"}, build: buildBeta},
	{name: "gamma", params: []string{"shape", "rate", "scale"}, truncate: true, build: buildGamma},
	{name: "weibull", params: []string{"shape", "scale"}, truncate: true, build: buildWeibull},
	{name: "exponential", params: []string{"rate"}, truncate: true, build: buildExponential},
	{name: "discrete", params: []string{"values", "weights"}, build: buildDiscrete},
	{name: "empirical", params: []string{"values", "file", "column", "interpolation"}, build: buildEmpirical},
}

func familyNamed(name string) *family {
	for _, f := range families {
		if f.name == name {
			return f
		}
	}
	return nil
}

func familyNames() []string {
	s := make([]string, len(families))
	for i, f := range families {
		s[i] = f.name
	}
	return s
}

// keys lists every key a factor of this family may have.
func (f *family) keys() []string {
	k := []string{"distribution"}
	k = append(k, f.params...)
	if f.truncate {
		k = append(k, "min", "max")
	}
	return append(k, factorKeys[1:]...)
}

func (f *family) allows(key string) bool {
	return contains(f.params, key) || (f.truncate && (key == "min" || key == "max"))
}

// isParam tells whether key is a parameter of some family.
func isParam(key string) bool {
	for _, f := range families {
		if f.allows(key) {
			return true
		}
	}
	return false
}

// weightsTolerance is how far from 1 the sum of discrete weights may be:
// room for rounding ([0.1] × 10 sums to 0.9999999999999999), not for typos.
const weightsTolerance = 1e-9

// probes are the probabilities at which a new distribution must have finite
// quantiles: extreme parameters can overflow (uniform on ±1e308).
var probes = []float64{1e-10, 0.5, 1 - 1e-10}

// factor reads one entry of factors:.
func (ps *parser) factor(p pair) (Factor, bool) {
	name := p.name
	f := Factor{Name: name, Pos: ps.pos(p.key)}
	if p.val.Kind != yaml.MappingNode {
		ps.errorf(p.val, name, "expected a mapping like {distribution: uniform, min: 0, max: 1} or {fixed: 3}, got %s", describe(p.val))
		return f, false
	}
	nerrs := len(ps.errs)
	entries := ps.mapping(p.val, name, "key", 2)

	var fam *family
	var distNode, fixedNode *yaml.Node
	for _, e := range entries {
		if e.name == "distribution" {
			distNode = e.val
			if s, ok := ps.text(e.val, name, "distribution"); ok {
				if fam = familyNamed(s); fam == nil {
					ps.errorf(e.val, name, "unknown distribution %q (allowed: %s)", clip(s), strings.Join(familyNames(), ", "))
				}
			}
		}
	}
	args := &distArgs{ps: ps, factor: name, key: p.key, vals: map[string]*yaml.Node{}, ok: true}
	for _, e := range entries {
		switch e.name {
		case "distribution":
		case "fixed":
			fixedNode = e.val
		case "unit":
			f.Unit, _ = ps.text(e.val, name, e.name)
		case "description":
			f.Description, _ = ps.text(e.val, name, e.name)
		case "source":
			f.Source, _ = ps.text(e.val, name, e.name)
		case "group":
			f.Group, _ = ps.text(e.val, name, e.name)
			f.GroupPos = ps.pos(e.val)
		default:
			switch {
			case fam != nil && fam.allows(e.name):
				args.vals[e.name] = e.val
			case fam != nil:
				ps.unknownKey(e, name, " for distribution "+fam.name, fam.keys())
			case distNode != nil:
				// An unknown distribution was reported; its keys cannot be judged.
			case isParam(e.name):
				ps.errorf(e.key, name, "%s is a distribution parameter but the factor has no distribution", e.name)
			default:
				ps.unknownKey(e, name, "", factorKeys)
			}
		}
	}

	if fam != nil {
		f.Dist = args.distribution(fam, distNode)
	}
	switch {
	case fixedNode != nil:
		ps.fixed(&f, fixedNode, distNode != nil)
	case distNode == nil:
		ps.errorf(p.key, name, "no distribution: give distribution: and its parameters, or fixed: value")
	}
	if c, ok := f.Dist.(Constant); ok && fixedNode == nil {
		f.Fixed, f.Value = true, c.Value
	}
	return f, len(ps.errs) == nerrs
}

// fixed reads `fixed: 3` or `fixed: median`.
func (ps *parser) fixed(f *Factor, n *yaml.Node, hasDist bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && n.Value == "median" {
		switch {
		case !hasDist:
			ps.errorf(n, f.Name, "fixed: median needs a distribution")
		case f.Dist != nil:
			f.Fixed, f.Value = true, f.Dist.Quantile(0.5)
		}
		return
	}
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		if v, ok := ps.number(n, f.Name, "fixed"); ok {
			if f.Dist != nil {
				if in, support := inSupport(f.Dist, v); !in {
					ps.errorf(n, f.Name, "fixed: %s is outside the support of %v: expected %s", num(v), f.Dist, support)
					return
				}
			}
			f.Fixed, f.Value = true, v
			if !hasDist {
				f.Dist = Constant{Value: v}
			}
		}
		return
	}
	ps.errorf(n, f.Name, "fixed: expected a number or median, got %s", describe(n))
}

// distArgs are the parameters of one factor's distribution.
type distArgs struct {
	ps     *parser
	factor string
	key    *yaml.Node            // the factor's name, blamed for missing parameters
	family string                // for messages
	vals   map[string]*yaml.Node // parameter → value
	ok     bool                  // no error reported yet
}

func (a *distArgs) errorf(n *yaml.Node, format string, args ...any) {
	a.ps.errorf(n, a.factor, format, args...)
	a.ok = false
}

func (a *distArgs) has(k string) bool { return a.vals[k] != nil }

// need reads a required number.
func (a *distArgs) need(k string) float64 {
	if !a.has(k) {
		a.errorf(a.key, "missing %s for distribution %s", k, a.family)
		return 0
	}
	return a.opt(k, 0)
}

// opt reads an optional number.
func (a *distArgs) opt(k string, def float64) float64 {
	n := a.vals[k]
	if n == nil {
		return def
	}
	v, ok := a.ps.number(n, a.factor, k)
	if !ok {
		a.ok = false
	}
	return v
}

// list reads a list of numbers.
func (a *distArgs) list(k string) []float64 {
	n := a.vals[k]
	if n.Kind != yaml.SequenceNode {
		a.errorf(n, "%s: expected a list of numbers, got %s", k, describe(n))
		return nil
	}
	out := make([]float64, len(n.Content))
	for i, c := range n.Content {
		v, ok := a.ps.number(c, a.factor, k+"["+strconv.Itoa(i)+"]")
		if !ok {
			a.ok = false
		}
		out[i] = v
	}
	return out
}

// text reads a string parameter.
func (a *distArgs) text(k string) string {
	s, ok := a.ps.text(a.vals[k], a.factor, k)
	if !ok {
		a.ok = false
	}
	return s
}

// fail reports a constructor's error at the parameter it names.
func (a *distArgs) fail(err error, distNode *yaml.Node) {
	at := distNode
	var pe *paramError
	if errors.As(err, &pe) {
		if n := a.vals[pe.Param]; n != nil {
			at = n
			if pe.Index >= 0 && n.Kind == yaml.SequenceNode && pe.Index < len(n.Content) {
				at = resolve(n.Content[pe.Index])
			}
		}
	}
	a.errorf(at, "%s", err.Error())
}

// distribution builds the factor's distribution, truncated if min or max
// bound a family that does not own them.
func (a *distArgs) distribution(fam *family, distNode *yaml.Node) Distribution {
	a.family = fam.name
	d, err := fam.build(a)
	if err != nil {
		a.fail(err, distNode)
		return nil
	}
	if !a.ok || d == nil {
		return nil
	}
	if fam.truncate && (a.has("min") || a.has("max")) {
		lo, hi := a.opt("min", math.Inf(-1)), a.opt("max", math.Inf(1))
		if !a.ok {
			return nil
		}
		t, err := NewTruncated(d, lo, hi)
		if err != nil {
			a.fail(err, distNode)
			return nil
		}
		d = t
	}
	for _, p := range probes {
		if q := d.Quantile(p); !isFinite(q) {
			a.errorf(distNode, "%v has a non-finite quantile Q(%g) = %g: the parameters are too extreme", d, p, q)
			return nil
		}
	}
	return d
}

func buildConstant(a *distArgs) (Distribution, error) {
	v := a.need("value")
	if !a.ok {
		return nil, nil
	}
	return NewConstant(v)
}

func buildUniform(a *distArgs) (Distribution, error) {
	lo, hi := a.need("min"), a.need("max")
	if !a.ok {
		return nil, nil
	}
	return NewUniform(lo, hi)
}

func buildLogUniform(a *distArgs) (Distribution, error) {
	lo, hi := a.need("min"), a.need("max")
	if !a.ok {
		return nil, nil
	}
	return NewLogUniform(lo, hi)
}

func buildNormal(a *distArgs) (Distribution, error) {
	mean, sd := a.need("mean"), a.need("sd")
	if !a.ok {
		return nil, nil
	}
	return NewNormal(mean, sd)
}

// lognormalForms are the parametrisations of the lognormal distribution.
var lognormalForms = [][2]string{{"meanlog", "sdlog"}, {"median", "gsd"}, {"p5", "p95"}}

func buildLogNormal(a *distArgs) (Distribution, error) {
	var forms [][2]string
	for _, f := range lognormalForms {
		if a.has(f[0]) || a.has(f[1]) {
			forms = append(forms, f)
		}
	}
	switch len(forms) {
	case 0:
		a.errorf(a.key, "missing parameters for distribution lognormal: give (meanlog, sdlog), (median, gsd) or (p5, p95)")
		return nil, nil
	case 1:
	default:
		at := a.vals[forms[1][0]]
		if at == nil {
			at = a.vals[forms[1][1]]
		}
		a.errorf(at, "lognormal takes one of (meanlog, sdlog), (median, gsd) or (p5, p95), got both (%s, %s) and (%s, %s)",
			forms[0][0], forms[0][1], forms[1][0], forms[1][1])
		return nil, nil
	}
	x, y := a.need(forms[0][0]), a.need(forms[0][1])
	if !a.ok {
		return nil, nil
	}
	switch forms[0][0] {
	case "median":
		return LogNormalMedianGSD(x, y)
	case "p5":
		return LogNormalP5P95(x, y)
	}
	return NewLogNormal(x, y)
}

func buildTriangular(a *distArgs) (Distribution, error) {
	lo, mode, hi := a.need("min"), a.need("mode"), a.need("max")
	if !a.ok {
		return nil, nil
	}
	return NewTriangular(lo, mode, hi)
}

func buildPERT(a *distArgs) (Distribution, error) {
	lo, mode, hi := a.need("min"), a.need("mode"), a.need("max")
	lambda := a.opt("lambda", DefaultPERTLambda)
	if !a.ok {
		return nil, nil
	}
	return NewPERT(lo, mode, hi, lambda)
}

func buildBeta(a *distArgs) (Distribution, error) {
	alpha, beta := a.need("alpha"), a.need("beta")
	lo, hi := a.opt("min", 0), a.opt("max", 1)
	if !a.ok {
		return nil, nil
	}
	return NewBeta(alpha, beta, lo, hi)
}

func buildGamma(a *distArgs) (Distribution, error) {
	shape := a.need("shape")
	switch {
	case a.has("rate") && a.has("scale"):
		a.errorf(a.vals["scale"], "gamma takes rate or scale, not both")
	case a.has("scale"):
		scale := a.opt("scale", 0)
		if !a.ok {
			return nil, nil
		}
		return NewGammaScale(shape, scale)
	case !a.has("rate"):
		a.errorf(a.key, "missing rate (or scale) for distribution gamma")
	}
	rate := a.opt("rate", 0)
	if !a.ok {
		return nil, nil
	}
	return NewGamma(shape, rate)
}

func buildWeibull(a *distArgs) (Distribution, error) {
	shape, scale := a.need("shape"), a.need("scale")
	if !a.ok {
		return nil, nil
	}
	return NewWeibull(shape, scale)
}

func buildExponential(a *distArgs) (Distribution, error) {
	rate := a.need("rate")
	if !a.ok {
		return nil, nil
	}
	return NewExponential(rate)
}

func buildDiscrete(a *distArgs) (Distribution, error) {
	if !a.has("values") {
		a.errorf(a.key, "missing values for distribution discrete")
		return nil, nil
	}
	values := a.list("values")
	var weights []float64
	if a.has("weights") {
		weights = a.list("weights")
	}
	if !a.ok {
		return nil, nil
	}
	d, err := NewDiscrete(values, weights)
	if err != nil {
		return nil, err
	}
	// Weights are probabilities: a sum other than 1 is a typo or a missing
	// value, not something to normalise away.
	if weights != nil {
		sum := 0.0
		for _, w := range weights {
			sum += w
		}
		if math.Abs(sum-1) > weightsTolerance {
			a.errorf(a.vals["weights"], "weights are probabilities and must sum to 1, got %s", num(sum))
			return nil, nil
		}
	}
	return d, nil
}

func buildEmpirical(a *distArgs) (Distribution, error) {
	interp := Linear
	if a.has("interpolation") {
		s := a.text("interpolation")
		if a.ok {
			i, err := ParseInterpolation(s)
			if err != nil {
				return nil, err
			}
			interp = i
		}
	}
	switch {
	case a.has("values") && a.has("file"):
		a.errorf(a.vals["file"], "empirical takes values or file, not both")
	case a.has("values"):
		if a.has("column") {
			a.errorf(a.vals["column"], "column goes with file, not with values")
		}
		values := a.list("values")
		if !a.ok {
			return nil, nil
		}
		return NewEmpirical(values, interp)
	case a.has("file"):
		file := a.text("file")
		column := ""
		if a.has("column") {
			column = a.text("column")
		}
		if !a.ok {
			return nil, nil
		}
		path := file
		if !filepath.IsAbs(path) {
			path = filepath.Join(a.ps.dir, path)
		}
		values, err := readCSVColumn(path, column)
		if err != nil {
			a.errorf(a.vals["file"], "%v", err)
			return nil, nil
		}
		e, err := NewEmpirical(values, interp)
		if err != nil {
			return nil, err
		}
		e.source = "file=" + file
		if column != "" {
			e.source += ", column=" + column
		}
		return e, nil
	default:
		a.errorf(a.key, "missing values (or file and column) for distribution empirical")
	}
	return nil, nil
}
