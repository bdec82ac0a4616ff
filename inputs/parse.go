package inputs

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Defaults of a scenario file's optional keys.
const (
	// DefaultSeed is the seed of a file that sets none: runs are
	// reproducible unless a seed is chosen.
	DefaultSeed         = 0
	DefaultMethod       = "mc"
	DefaultCI           = 0.95
	DefaultBy           = "factor"
	DefaultEstimator    = "saltelli2010"
	DefaultTotal        = "jansen1999"
	DefaultTrajectories = 100
	DefaultLevels       = 4
	// maxYears bounds the length of a from/to/step year range.
	maxYears = 10000
	// MaxSamples bounds samples, morris.trajectories and sobol.max_samples
	// (and -n): 2^40 ≈ 1.1e12 rows already take days on a cluster; more is
	// a typo, and would overflow N × (k + 2) evaluations or the power of two
	// a Sobol' design rounds N up to.
	MaxSamples = 1 << 40
	// MaxFileSize bounds a scenario file: real ones are a few tens of kB.
	MaxFileSize = 16 << 20
)

// The words each key accepts.
var (
	topKeys        = []string{"title", "description", "model", "parameters", "years", "samples", "design", "seed", "method", "sobol", "morris", "outputs", "groups", "factors", "correlations", "references"}
	yearKeys       = []string{"from", "to", "step"}
	sobolKeys      = []string{"second_order", "by", "ci", "estimator", "total", "replicates", "target_ci_width", "max_samples"}
	morrisKeys     = []string{"trajectories", "levels", "pool"}
	outputKeys     = []string{"bands", "indices"}
	designs        = []string{"mc", "lhs", "sobol"}
	methods        = []string{"mc", "sobol", "morris"}
	bys            = []string{"factor", "group", "both"}
	firstOrderEsts = []string{"saltelli2010", "janon", "martinez", "sobol2007"}
	totalOrderEsts = []string{"jansen1999", "homma1996", "sobol2007", "janon", "martinez"}
)

// Load reads and parses a scenario file.
func Load(file string) (*Scenario, error) {
	data, err := readLimited(file, MaxFileSize)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{Pos: Pos{File: file}, Msg: "cannot read the scenario: " + err.Error()}
	}
	return Parse(file, data)
}

// Parse parses the scenario file named file (used in error positions and as
// the directory of relative data files) with contents data.
//
// Absent keys take these values: method mc; design "" (the engine then uses
// sobol for method sobol and mc otherwise, so that a method given on the
// command line gets its natural design); seed 0; samples 0 (the engine
// requires it, or a command-line value); sobol by factor, ci 0.95, estimator
// saltelli2010, total jansen1999, replicates 0 (the engine's default);
// morris trajectories 100, levels 4, pool 0; years nil (the model's own).
//
// The error, if any, joins one *Error per problem, in file order.
func Parse(file string, data []byte) (*Scenario, error) {
	ps := &parser{file: file, dir: filepath.Dir(file), data: data, budget: maxNodes}
	sc := &Scenario{
		File:   file,
		Text:   data,
		Seed:   DefaultSeed,
		Method: DefaultMethod,
		Sobol:  SobolOptions{By: DefaultBy, CI: DefaultCI, Estimator: DefaultEstimator, Total: DefaultTotal},
		Morris: MorrisOptions{Trajectories: DefaultTrajectories, Levels: DefaultLevels},
		Keys:   map[string]Pos{},
	}
	ps.keys = sc.Keys
	if root := ps.document(data); root != nil {
		ps.scenario(root, sc)
		ps.consistency(sc)
	}
	if len(ps.errs) > 0 {
		return nil, ps.joined()
	}
	return sc, nil
}

// joined returns the errors sorted by position, stably.
func (ps *parser) joined() error {
	sort.SliceStable(ps.errs, func(i, j int) bool {
		a, b := ps.errs[i].Pos, ps.errs[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	errs := make([]error, len(ps.errs))
	for i, e := range ps.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). It reports their line 0-based, the scanner's 1-based; for a
// parser error the line is where the unfinished construct starts.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxError turns a YAML parser error into an *Error at the place
// locateSyntaxError finds, or else at the line the parser gives.
func (ps *parser) syntaxError(err error) {
	if loc, ok := locateSyntaxError(ps.data); ok {
		ps.errs = append(ps.errs, &Error{Pos: Pos{File: ps.file, Line: loc.line, Column: loc.column}, Msg: "invalid YAML: " + loc.msg})
		return
	}
	msg := err.Error()
	pos := Pos{File: ps.file}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserProblems[msg] {
			pos.Line++
		}
		// An error at the end of the stream may be put on a line past the last.
		pos.Line = min(pos.Line, bytes.Count(ps.data, []byte("\n"))+1)
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	ps.errs = append(ps.errs, &Error{Pos: pos, Msg: "invalid YAML: " + msg})
}

// document returns the root mapping of the file's single YAML document.
func (ps *parser) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			ps.errs = append(ps.errs, &Error{Pos: Pos{File: ps.file, Line: 1, Column: 1}, Msg: "empty file: expected a mapping of scenario keys (model, factors, …)"})
		} else {
			ps.syntaxError(err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		ps.syntaxError(err)
		return nil
	default:
		ps.errorf(&next, "", "a scenario file holds one YAML document; a second one starts here")
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	root = resolve(root)
	if root == nil || isNull(root) {
		ps.errs = append(ps.errs, &Error{Pos: Pos{File: ps.file, Line: 1, Column: 1}, Msg: "empty file: expected a mapping of scenario keys (model, factors, …)"})
		return nil
	}
	if root.Kind != yaml.MappingNode {
		ps.errorf(root, "", "expected a mapping of scenario keys (model, factors, …), got %s", describe(root))
		return nil
	}
	return root
}

func (ps *parser) scenario(root *yaml.Node, sc *Scenario) {
	hasModel := false
	var corrNode, factorsNode *yaml.Node
	for _, p := range ps.mapping(root, "", "key", 0) {
		v := p.val
		ps.keys[p.name] = ps.pos(v)
		switch p.name {
		case "title", "description":
			// Free text for people; checked but not kept.
			if !isNull(v) {
				ps.text(v, "", p.name)
			}
		case "model":
			hasModel = true
			sc.ModelPos = ps.pos(v)
			if v.Kind == yaml.MappingNode {
				// A formula model: read by model/formula, which knows its keys.
				sc.Model, sc.ModelNode = FormulaModel, v
				for i := 0; i+1 < len(v.Content); i += 2 {
					if v.Content[i].Value == "command" {
						sc.Model = ExternalModel
					}
				}
				continue
			}
			if s, ok := ps.text(v, "", "model"); ok {
				if strings.TrimSpace(s) == "" {
					ps.errorf(v, "", "model must not be empty")
				}
				sc.Model = s
			}
		case "parameters":
			ps.parameters(v, sc)
		case "years":
			if !isNull(v) {
				sc.Years = ps.years(v)
			}
		case "samples":
			if n, ok := ps.integer(v, "", "samples"); ok {
				if n <= 0 {
					ps.errorf(v, "", "samples must be > 0, got %d", n)
				} else if n > MaxSamples {
					ps.errorf(v, "", "samples must be at most 2^40 = %d, got %d", int64(MaxSamples), n)
				} else {
					sc.Samples = clampInt(n)
				}
			}
		case "design":
			if s, ok := ps.choice(v, "", "design", designs); ok {
				sc.Design = s
			}
		case "seed":
			if s, ok := ps.seed(v); ok {
				sc.Seed = s
			}
		case "method":
			if s, ok := ps.choice(v, "", "method", methods); ok {
				sc.Method = s
			}
		case "sobol":
			ps.sobol(v, &sc.Sobol)
		case "morris":
			ps.morris(v, &sc.Morris)
		case "outputs":
			ps.outputs(v, &sc.Outputs)
		case "groups":
			ps.groups(v, sc) // inputs/groups.go
		case "factors":
			ps.factors(v, sc)
			factorsNode = v
		case "correlations":
			corrNode = v // read once the factors are known
		case "references":
			sc.References = ps.references(v)
		default:
			ps.unknownKey(p, "", "", topKeys)
		}
	}
	if corrNode != nil {
		ps.correlations(corrNode, factorsNode, sc)
	}
	if !hasModel {
		ps.errorf(root, "", "missing key \"model\" (the name of the model to run)")
	}
	ps.checkGroups(sc)
}

func clampInt(n int64) int {
	if bits.UintSize == 32 && n > 1<<31-1 {
		return 1<<31 - 1
	}
	return int(n)
}

// section returns the entries of an optional mapping such as sobol:.
func (ps *parser) section(n *yaml.Node, name string, allowed []string) []pair {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		ps.errorf(n, "", "%s: expected a mapping with keys %s, got %s", name, strings.Join(allowed, ", "), describe(n))
		return nil
	}
	var out []pair
	for _, p := range ps.mapping(n, "", "key", 1) {
		if !contains(allowed, p.name) {
			ps.unknownKey(p, "", " in "+name, allowed)
			continue
		}
		ps.keys[name+"."+p.name] = ps.pos(p.val)
		out = append(out, p)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (ps *parser) parameters(n *yaml.Node, sc *Scenario) {
	sc.Params = map[string]any{}
	sc.ParamPos = map[string]Pos{}
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		ps.errorf(n, "", "parameters: expected a mapping of model parameters, got %s", describe(n))
		return
	}
	v, _ := ps.value(n, "", sc.ParamPos, 0)
	if m, ok := v.(map[string]any); ok {
		sc.Params = m
	}
}

func (ps *parser) seed(n *yaml.Node) (uint64, bool) {
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!int":
			var u uint64
			if err := n.Decode(&u); err == nil {
				return u, true
			}
		case "!!float":
			var f float64
			if err := n.Decode(&f); err == nil && f >= 0 && f == math.Trunc(f) && f <= 1<<53 {
				return uint64(f), true
			}
		}
	}
	ps.errorf(n, "", "seed: expected an integer from 0 to 18446744073709551615, got %s", describe(n))
	return 0, false
}

// years reads [2020, 2030, …] or {from: 2020, to: 2050, step: 1}.
func (ps *parser) years(n *yaml.Node) []int {
	switch n.Kind {
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			ps.errorf(n, "", "years must not be empty (leave the key out for the model's own years)")
			return nil
		}
		var ys []int
		for i, c := range n.Content {
			y, ok := ps.year(c, "years["+strconv.Itoa(i)+"]")
			if !ok {
				return nil
			}
			if len(ys) > 0 && y <= ys[len(ys)-1] {
				ps.errorf(resolve(c), "", "years must increase: %d comes after %d", y, ys[len(ys)-1])
				return nil
			}
			ys = append(ys, y)
		}
		return ys
	case yaml.MappingNode:
		var from, to, step *yaml.Node
		for _, p := range ps.section(n, "years", yearKeys) {
			switch p.name {
			case "from":
				from = p.val
			case "to":
				to = p.val
			case "step":
				step = p.val
			}
		}
		if from == nil || to == nil {
			ps.errorf(n, "", "years: a range needs from and to (and optionally step)")
			return nil
		}
		a, okA := ps.year(from, "years.from")
		b, okB := ps.year(to, "years.to")
		s := 1
		okS := true
		if step != nil {
			if s, okS = ps.year(step, "years.step"); okS && s <= 0 {
				ps.errorf(step, "", "years.step must be > 0, got %d", s)
				okS = false
			}
		}
		if !okA || !okB || !okS {
			return nil
		}
		if b < a {
			ps.errorf(to, "", "years.to must be ≥ years.from, got from=%d, to=%d", a, b)
			return nil
		}
		if (b-a)/s+1 > maxYears {
			ps.errorf(n, "", "years: the range has %d years, more than %d", (b-a)/s+1, maxYears)
			return nil
		}
		var ys []int
		for y := a; y <= b; y += s {
			ys = append(ys, y)
		}
		return ys
	}
	ps.errorf(n, "", "years: expected a list like [2020, 2030] or a range like {from: 2020, to: 2050, step: 1}, got %s", describe(n))
	return nil
}

// year reads an integer within ±10⁶ (so that ranges cannot overflow).
func (ps *parser) year(n *yaml.Node, name string) (int, bool) {
	y, ok := ps.integer(n, "", name)
	if !ok {
		return 0, false
	}
	if y < -1e6 || y > 1e6 {
		ps.errorf(resolve(n), "", "%s: %d is not a plausible year", name, y)
		return 0, false
	}
	return int(y), true
}

func (ps *parser) sobol(n *yaml.Node, o *SobolOptions) {
	for _, p := range ps.section(n, "sobol", sobolKeys) {
		v, name := p.val, "sobol."+p.name
		switch p.name {
		case "second_order":
			if b, ok := ps.boolean(v, "", name); ok {
				o.SecondOrder = b
			}
		case "by":
			if s, ok := ps.choice(v, "", name, bys); ok {
				o.By = s
			}
		case "ci":
			if f, ok := ps.number(v, "", name); ok {
				if f <= 0 || f >= 1 {
					ps.errorf(v, "", "%s must be in (0, 1), got %s (write 0.95 for 95 %%)", name, num(f))
				} else {
					o.CI = f
				}
			}
		case "estimator":
			if s, ok := ps.choice(v, "", name, firstOrderEsts); ok {
				o.Estimator = s
			}
		case "total":
			if s, ok := ps.choice(v, "", name, totalOrderEsts); ok {
				o.Total = s
			}
		case "replicates":
			if r, ok := ps.integer(v, "", name); ok {
				if r != 0 && (r < 2 || r&(r-1) != 0) {
					ps.errorf(v, "", "%s must be a power of two ≥ 2 (or 0 for the engine's default), got %d", name, r)
				} else {
					o.Replicates = clampInt(r)
				}
			}
		case "target_ci_width":
			if f, ok := ps.number(v, "", name); ok {
				if f <= 0 {
					ps.errorf(v, "", "%s must be > 0, got %s", name, num(f))
				} else {
					o.TargetCI = f
				}
			}
		case "max_samples":
			if m, ok := ps.integer(v, "", name); ok {
				if m <= 0 {
					ps.errorf(v, "", "%s must be > 0, got %d", name, m)
				} else if m > MaxSamples {
					ps.errorf(v, "", "%s must be at most 2^40 = %d, got %d", name, int64(MaxSamples), m)
				} else {
					o.MaxSamples = clampInt(m)
				}
			}
		}
	}
}

func (ps *parser) morris(n *yaml.Node, o *MorrisOptions) {
	var poolNode *yaml.Node
	for _, p := range ps.section(n, "morris", morrisKeys) {
		v, name := p.val, "morris."+p.name
		i, ok := ps.integer(v, "", name)
		if !ok {
			continue
		}
		switch p.name {
		case "trajectories":
			if i <= 0 {
				ps.errorf(v, "", "%s must be > 0, got %d", name, i)
			} else if i > MaxSamples {
				ps.errorf(v, "", "%s must be at most 2^40 = %d, got %d", name, int64(MaxSamples), i)
			} else {
				o.Trajectories = clampInt(i)
			}
		case "levels":
			switch {
			case i < 2:
				ps.errorf(v, "", "%s must be ≥ 2, got %d", name, i)
			case i%2 != 0 || i > maxLevels:
				// Δ = p/(2(p−1)) keeps x ± Δ on the grid only for even p.
				ps.errorf(v, "", "%s must be an even number of grid levels from 2 to %d (the step Δ = p/(2(p−1)) lands on the grid only for even p), got %d", name, maxLevels, i)
			default:
				o.Levels = clampInt(i)
			}
		case "pool":
			if i < 0 {
				ps.errorf(v, "", "%s must be ≥ 0, got %d", name, i)
			} else {
				o.Pool, poolNode = clampInt(i), v
			}
		}
	}
	ps.poolNode = poolNode
}

func (ps *parser) outputs(n *yaml.Node, o *OutputSelection) {
	for _, p := range ps.section(n, "outputs", outputKeys) {
		if p.name == "bands" {
			o.Bands = ps.patterns(p.val, "outputs."+p.name)
		} else {
			ps.indices(p.val, o) // inputs/outputs.go: names, patterns or {name, scale}
		}
	}
}

// patterns reads a list of output names or path.Match patterns.
func (ps *parser) patterns(n *yaml.Node, name string) []string {
	if n.Kind != yaml.SequenceNode {
		ps.errorf(n, "", "%s: expected a list of output names or patterns, got %s", name, describe(n))
		return nil
	}
	var out []string
	for i, c := range n.Content {
		elem := name + "[" + strconv.Itoa(i) + "]"
		s, ok := ps.text(c, "", elem)
		if !ok {
			continue
		}
		if s == "" {
			ps.errorf(resolve(c), "", "%s: empty output name", elem)
			continue
		}
		if _, err := path.Match(s, ""); err != nil {
			ps.errorf(resolve(c), "", "%s: bad pattern %q: %v", elem, clip(s), err)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (ps *parser) factors(n *yaml.Node, sc *Scenario) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		ps.errorf(n, "", "factors: expected a mapping from factor name to its distribution, got %s", describe(n))
		return
	}
	for _, p := range ps.mapping(n, "", "factor", 1) {
		if f, ok := ps.factor(p); ok {
			sc.Factors = append(sc.Factors, f)
		}
	}
}
