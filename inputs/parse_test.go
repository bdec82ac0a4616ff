package inputs

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// errorList returns the *Error values joined in err.
func errorList(t *testing.T, err error) []string {
	t.Helper()
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		if _, ok := e.(*Error); !ok {
			t.Errorf("error %q is a %T, not an *Error", e, e)
		}
		msgs[i] = e.Error()
	}
	return msgs
}

func TestBadScenarios(t *testing.T) {
	if len(badScenarios) < 25 {
		t.Fatalf("only %d bad scenarios", len(badScenarios))
	}
	for _, c := range badScenarios {
		sc, err := Parse("bad.yaml", []byte(c.src))
		if err == nil {
			t.Errorf("%s: no error, want %q", c.name, c.want)
			continue
		}
		if sc != nil {
			t.Errorf("%s: a scenario as well as an error", c.name)
		}
		if got := errorList(t, err); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got  %q\n want %q", c.name, got, c.want)
		}
		if err.Error() != strings.Join(c.want, "\n") {
			t.Errorf("%s: Error() = %q", c.name, err)
		}
	}
}

// TestSyntaxError: a YAML syntax error is reported at the line and column at
// fault, not where the parser noticed it (it used to give a line only, and
// the line where the enclosing construct starts).
func TestSyntaxError(t *testing.T) {
	cases := []struct{ src, want string }{
		{"model: m\nfactors:\n  x: {distribution: normal\n  y: 2\n", "bad.yaml:3:6: invalid YAML: unclosed {: no matching } (did not find expected ',' or '}')"},
		{"a: 1\nb: [1, 2\nc: 3\n", "bad.yaml:2:4: invalid YAML: unclosed [: no matching ] (did not find expected ',' or ']')"},
		{"a: 1\n- b\n", "bad.yaml:2:1: invalid YAML: did not find expected key"},
		{"a: 1\nb: 2\n c: 3\n", "bad.yaml:3:2: invalid YAML: mapping values are not allowed in this context (check the indentation of this key)"},
		{"a: 1\nb: c: 3\n", "bad.yaml:2:5: invalid YAML: mapping values are not allowed in this context"},
		{"a: 1\nb: 2\nc 2\nd: 3\n", "bad.yaml:3:1: invalid YAML: could not find expected ':'"},
		{"a: 1\nb: @x\n", "bad.yaml:2:4: invalid YAML: found character that cannot start any token"},
		{"a: 1\nb: \"é\n", "bad.yaml:2:4: invalid YAML: unclosed quote: the string that starts here has no closing \""},
		{"a: 1\nb: 'é' @\n", "bad.yaml:2:8: invalid YAML: found character that cannot start any token"},
		{"model: m\n---\nb: [\n", "bad.yaml:3:4: invalid YAML: unclosed [: no matching ] (did not find expected node content)"},
		{"v: [A,", "bad.yaml:1:4: invalid YAML: unclosed [: no matching ] (did not find expected node content)"},
		// A flow mapping over several lines (as in the shipped scenarios)
		// is not blamed for the error after it.
		{"model: m\nfactors:\n  x: {distribution: uniform,\n      min: 0, max: 1}\n  y: [\n", "bad.yaml:5:6: invalid YAML: unclosed [: no matching ] (did not find expected node content)"},
		{"model: m\nfactors:\n  x: {distribution: uniform,\n      min: 0, max: 1}\n   y: 1\n", "bad.yaml:5:4: invalid YAML: did not find expected key (check the indentation)"},
	}
	for _, c := range cases {
		_, err := Parse("bad.yaml", []byte(c.src))
		if got := errorList(t, err); len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: got %q, want %q", c.src, got, c.want)
		}
	}
}

// syntaxScenario is a realistic scenario file; the tests below break it.
const syntaxScenario = `# A scenario to break (line 1).
title: syntax test
model: ishigami
samples: 1024
design: sobol
seed: 1
factors:
  x1:
    distribution: uniform
    min: -3.14159
    max: 3.14159
    unit: "1"
    source: "Ishigami & Homma 1990"
  x2:
    distribution: uniform
    min: -3.14159
    max: 3.14159
    source: "Ishigami & Homma 1990"
  x3:
    distribution: uniform
    min: -3.14159
    max: 3.14159
    unit: "1"
    source: see above
method: sobol
sobol:
  by: factor
  ci: 0.95
outputs:
  bands: ["y"]
`

// TestSyntaxErrorPositions: the reproductions of issue 8 (an unclosed quote on
// line 18 was reported at a later line, a bad indent on line 7 at line 5).
func TestSyntaxErrorPositions(t *testing.T) {
	if _, err := Parse("ok.yaml", []byte(syntaxScenario)); err != nil {
		t.Fatalf("the unbroken file: %v", err)
	}
	lines := strings.SplitAfter(syntaxScenario, "\n")
	edit := func(line int, text string) string {
		l := append([]string(nil), lines...)
		l[line-1] = text + "\n"
		return strings.Join(l, "")
	}
	edit2 := func(line1 int, text1 string, line2 int, text2 string) string {
		l := strings.SplitAfter(edit(line1, text1), "\n")
		l[line2-1] = text2 + "\n"
		return strings.Join(l, "")
	}
	cases := []struct{ name, src, want string }{
		{"unclosed quote, line 18", edit(18, `    source: "Ishigami & Homma 1990`),
			`s.yaml:18:13: invalid YAML: unclosed quote: the string that starts here has no closing "`},
		{"unclosed quote, a later quote closes it", edit2(18, `    source: "Ishigami & Homma 1990`, 24, `    source: "see above"`),
			`s.yaml:18:13: invalid YAML: unclosed quote: the string that starts here has no closing "`},
		{"unclosed single quote, later quotes", edit(18, `    source: 'Ishigami & Homma 1990`),
			`s.yaml:18:13: invalid YAML: unclosed quote: the string that starts here has no closing '`},
		{"key under-indented, line 7", edit(7, " factors:"),
			"s.yaml:7:2: invalid YAML: mapping values are not allowed in this context (check the indentation of this key)"},
		{"key under-indented, line 10", edit(10, "   min: -3.14159"),
			"s.yaml:10:4: invalid YAML: did not find expected key (check the indentation)"},
		{"key over-indented, line 11", edit(11, "      max: 3.14159"),
			"s.yaml:11:7: invalid YAML: mapping values are not allowed in this context (check the indentation of this key)"},
		{"tab indent, line 9", edit(9, "\tdistribution: uniform"),
			"s.yaml:9:1: invalid YAML: found character that cannot start any token (check the indentation)"},
		{"unclosed bracket, line 30", edit(30, `  bands: ["y"`),
			"s.yaml:30:10: invalid YAML: unclosed [: no matching ] (did not find expected ',' or ']')"},
	}
	for _, c := range cases {
		_, err := Parse("s.yaml", []byte(c.src))
		if got := errorList(t, err); len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

const ishigami = `model: ishigami                 # sobol-g, morris2006, atantemp
parameters: {a: 7, b: 0.1}
samples: 65536
design: sobol                   # mc | lhs | sobol
seed: 42
factors:
  x1:
    distribution: uniform
    min: -3.141592653589793
    max: 3.141592653589793
    unit: "1"
    group: first-lever
    source: "Ishigami & Homma 1990"
  x2: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}
  x3: {distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}
`

func TestParseIshigami(t *testing.T) {
	sc, err := Parse("s.yaml", []byte(ishigami))
	if err != nil {
		t.Fatal(err)
	}
	if sc.File != "s.yaml" || string(sc.Text) != ishigami {
		t.Errorf("File %q, Text kept: %v", sc.File, string(sc.Text) == ishigami)
	}
	if sc.Model != "ishigami" || sc.ModelPos != (Pos{"s.yaml", 1, 8}) {
		t.Errorf("Model %q at %v", sc.Model, sc.ModelPos)
	}
	if !reflect.DeepEqual(sc.Params, map[string]any{"a": 7.0, "b": 0.1}) {
		t.Errorf("Params = %#v", sc.Params)
	}
	if sc.ParamPos["a"] != (Pos{"s.yaml", 2, 17}) || sc.ParamPos["b"] != (Pos{"s.yaml", 2, 23}) {
		t.Errorf("ParamPos = %v", sc.ParamPos)
	}
	if sc.Samples != 65536 || sc.Design != "sobol" || sc.Seed != 42 || sc.Method != "mc" || sc.Years != nil {
		t.Errorf("Samples %d, Design %q, Seed %d, Method %q, Years %v", sc.Samples, sc.Design, sc.Seed, sc.Method, sc.Years)
	}
	wantSobol := SobolOptions{By: "factor", CI: 0.95, Estimator: "saltelli2010", Total: "jansen1999"}
	if sc.Sobol != wantSobol || sc.Morris != (MorrisOptions{Trajectories: 100, Levels: 4}) {
		t.Errorf("defaults: %+v %+v", sc.Sobol, sc.Morris)
	}
	if len(sc.Factors) != 3 {
		t.Fatalf("%d factors", len(sc.Factors))
	}
	u := "uniform(min=-3.141592653589793, max=3.141592653589793)"
	for i, want := range []struct {
		name string
		line int
	}{{"x1", 7}, {"x2", 14}, {"x3", 15}} {
		f := sc.Factors[i]
		if f.Name != want.name || f.Pos != (Pos{"s.yaml", want.line, 3}) || f.Dist.String() != u || f.Fixed {
			t.Errorf("factor %d: %+v", i, f)
		}
	}
	x1 := sc.Factors[0]
	if x1.Unit != "1" || x1.Group != "first-lever" || x1.Source != "Ishigami & Homma 1990" {
		t.Errorf("x1: %+v", x1)
	}
	if q := x1.Dist.Quantile(0.75); q != math.Pi/2 {
		t.Errorf("x1: Q(0.75) = %v, want π/2", q)
	}
	if sc.FactorIndex("x3") != 2 || sc.FactorIndex("x4") != -1 {
		t.Errorf("FactorIndex")
	}
	m := Medians(sc.Factors)
	if len(m) != 3 || m["x1"] != 0 || m["x2"] != 0 {
		t.Errorf("Medians = %v", m)
	}
}

// TestFactorForms parses each way of writing a factor.
func TestFactorForms(t *testing.T) {
	cases := []struct {
		src   string
		dist  string
		fixed bool
		value float64
	}{
		{"{distribution: triangular, min: 0, mode: 1, max: 2}", "triangular(min=0, mode=1, max=2)", false, 0},
		{"{distribution: lognormal, median: 5, gsd: 2}", "lognormal(median=5, gsd=2)", false, 0},
		{"{distribution: lognormal, p5: 5, p95: 200}", "lognormal(p5=5, p95=200)", false, 0},
		{"{distribution: lognormal, meanlog: 1, sdlog: 0.5, max: 10}", "lognormal(meanlog=1, sdlog=0.5, max=10)", false, 0},
		{"{distribution: normal, mean: 0, sd: 1, min: -2, max: 2}", "normal(mean=0, sd=1, min=-2, max=2)", false, 0},
		{"{distribution: normal, mean: 0, sd: 1, min: 0}", "normal(mean=0, sd=1, min=0)", false, 0},
		{"{distribution: discrete, values: [1, 2, 3], weights: [0.2, 0.5, 0.3]}", "discrete(values=[1, 2, 3], weights=[0.2, 0.5, 0.3])", false, 0},
		{"{distribution: discrete, values: [10, 20]}", "discrete(values=[10, 20], weights=[1, 1])", false, 0},
		{"{distribution: empirical, file: testdata/data.csv, column: x}", "empirical(file=testdata/data.csv, column=x, n=5, values=[0.5, 1.5, 2.5, 3.5, 4.5], interpolation=linear)", false, 0},
		{"{distribution: empirical, values: [3, 1, 2], interpolation: step}", "empirical(n=3, values=[1, 2, 3], interpolation=step)", false, 0},
		{"{fixed: 3}", "constant(value=3)", true, 3},
		{"{fixed: -2.5e-3}", "constant(value=-0.0025)", true, -0.0025},
		{"{distribution: constant, value: 7}", "constant(value=7)", true, 7},
		{"{distribution: constant, value: 7, fixed: 7}", "constant(value=7)", true, 7},
		{"{distribution: discrete, values: [1, 2, 3], weights: [0.1, 0.1, 0.8], fixed: 2}", "discrete(values=[1, 2, 3], weights=[0.1, 0.1, 0.8])", true, 2},
		{"{distribution: uniform, min: 0, max: 10, fixed: 10}", "uniform(min=0, max=10)", true, 10},
		{"{distribution: gamma, shape: 2, rate: 1, fixed: 0}", "gamma(shape=2, rate=1)", true, 0},
		// Ten weights of 0.1 sum to 0.9999999999999999: within the tolerance.
		{"{distribution: discrete, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], weights: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]}",
			"discrete(values=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], weights=[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])", false, 0},
		{"{distribution: uniform, min: 0, max: 10, fixed: 3}", "uniform(min=0, max=10)", true, 3},
		{"{distribution: uniform, min: 0, max: 10, fixed: median}", "uniform(min=0, max=10)", true, 5},
		{"{distribution: lognormal, median: 5, gsd: 2, fixed: median}", "lognormal(median=5, gsd=2)", true, 5},
		{"{distribution: loguniform, min: 1, max: 100}", "loguniform(min=1, max=100)", false, 0},
		{"{distribution: pert, min: 0, mode: 1, max: 5}", "pert(min=0, mode=1, max=5, lambda=4)", false, 0},
		{"{distribution: pert, min: 0, mode: 1, max: 5, lambda: 2}", "pert(min=0, mode=1, max=5, lambda=2)", false, 0},
		{"{distribution: beta, alpha: 2, beta: 3}", "beta(alpha=2, beta=3)", false, 0},
		{"{distribution: beta, alpha: 2, beta: 3, min: 10, max: 20}", "beta(alpha=2, beta=3, min=10, max=20)", false, 0},
		{"{distribution: gamma, shape: 2, rate: 0.5}", "gamma(shape=2, rate=0.5)", false, 0},
		{"{distribution: gamma, shape: 2, scale: 2, min: 1, max: 9}", "gamma(shape=2, scale=2, min=1, max=9)", false, 0},
		{"{distribution: weibull, shape: 1.5, scale: 3}", "weibull(shape=1.5, scale=3)", false, 0},
		{"{distribution: exponential, rate: 2, max: 1}", "exponential(rate=2, max=1)", false, 0},
	}
	for _, c := range cases {
		src := "model: m\nfactors:\n  x: " + c.src + "\n"
		sc, err := Parse("s.yaml", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		f := sc.Factors[0]
		if f.Dist.String() != c.dist || f.Fixed != c.fixed || f.Value != c.value {
			t.Errorf("%s: Dist %v, Fixed %v, Value %v; want %s, %v, %v", c.src, f.Dist, f.Fixed, f.Value, c.dist, c.fixed, c.value)
		}
	}
}

func TestOptions(t *testing.T) {
	src := `title: all options
description: |
  Every optional key.
model: ai-global
parameters:
  region: FR
  scenario: {growth: high, caps: [1, 2.5]}
  debug: true
years: {from: 2020, to: 2030, step: 5}
samples: 1e5
design: lhs
seed: 18446744073709551615
method: sobol
sobol:
  second_order: true
  by: both
  ci: 0.9
  estimator: janon
  total: homma1996
  replicates: 8
  target_ci_width: 0.02
  max_samples: 1048576
morris: {trajectories: 50, levels: 6, pool: 500}
outputs:
  bands: [gwp, "energy/*"]
  indices: ["*_2050"]
factors: {}
`
	sc, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	wantParams := map[string]any{
		"region":   "FR",
		"scenario": map[string]any{"growth": "high", "caps": []any{1.0, 2.5}},
		"debug":    true,
	}
	if !reflect.DeepEqual(sc.Params, wantParams) {
		t.Errorf("Params = %#v", sc.Params)
	}
	if sc.ParamPos["scenario.growth"] != (Pos{"s.yaml", 7, 22}) || sc.ParamPos["debug"] != (Pos{"s.yaml", 8, 10}) {
		t.Errorf("ParamPos = %v", sc.ParamPos)
	}
	if !reflect.DeepEqual(sc.Years, []int{2020, 2025, 2030}) {
		t.Errorf("Years = %v", sc.Years)
	}
	if sc.Samples != 100000 || sc.Design != "lhs" || sc.Seed != math.MaxUint64 || sc.Method != "sobol" {
		t.Errorf("Samples %d, Design %q, Seed %d, Method %q", sc.Samples, sc.Design, sc.Seed, sc.Method)
	}
	wantSobol := SobolOptions{SecondOrder: true, By: "both", CI: 0.9, Estimator: "janon", Total: "homma1996", Replicates: 8, TargetCI: 0.02, MaxSamples: 1 << 20}
	if sc.Sobol != wantSobol {
		t.Errorf("Sobol = %+v", sc.Sobol)
	}
	if sc.Morris != (MorrisOptions{Trajectories: 50, Levels: 6, Pool: 500}) {
		t.Errorf("Morris = %+v", sc.Morris)
	}
	if o := sc.Outputs; !reflect.DeepEqual(o.Bands, []string{"gwp", "energy/*"}) || !reflect.DeepEqual(o.Indices, []string{"*_2050"}) || !reflect.DeepEqual(o.Scales, []string{""}) {
		t.Errorf("Outputs = %+v", sc.Outputs)
	}
	if len(sc.Factors) != 0 {
		t.Errorf("Factors = %v", sc.Factors)
	}

	sc, err = Parse("s.yaml", []byte("model: m\nyears: [2020, 2030, 2050]\n"))
	if err != nil || !reflect.DeepEqual(sc.Years, []int{2020, 2030, 2050}) {
		t.Errorf("years list: %v, %v", sc, err)
	}
	if sc.Design != "" || sc.Samples != 0 || sc.Seed != 0 {
		t.Errorf("absent design %q, samples %d, seed %d", sc.Design, sc.Samples, sc.Seed)
	}
}

// TestAliases: anchors, aliases and merge keys share settings between factors.
func TestAliases(t *testing.T) {
	src := `model: m
common: &u {distribution: uniform, min: 0, max: 1, unit: kg}
`
	// common is not a scenario key: anchors must live in allowed places.
	if _, err := Parse("s.yaml", []byte(src)); err == nil {
		t.Error("unknown key holding an anchor accepted")
	}
	src = `model: m
factors:
  a: &u {distribution: uniform, min: 0, max: 1, unit: kg}
  b: *u
  c: {<<: *u, max: 2}
  d:
    <<: [{distribution: normal, mean: 5, sd: 1}, *u]
    group: g
`
	sc, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, dist, unit, group string }{
		{"a", "uniform(min=0, max=1)", "kg", ""},
		{"b", "uniform(min=0, max=1)", "kg", ""},
		{"c", "uniform(min=0, max=2)", "kg", ""},
		{"d", "normal(mean=5, sd=1, min=0, max=1)", "kg", "g"}, // earlier merged mappings win
	}
	for i, w := range want {
		f := sc.Factors[i]
		if f.Name != w.name || f.Dist.String() != w.dist || f.Unit != w.unit || f.Group != w.group {
			t.Errorf("factor %d = %s %v %q %q, want %+v", i, f.Name, f.Dist, f.Unit, f.Group, w)
		}
	}
	// A merge may not repeat a key the mapping sets itself: the mapping wins
	// silently, as YAML says; a key written twice is an error.
	if _, err := Parse("s.yaml", []byte("model: m\nfactors:\n  a: {<<: {fixed: 1}, fixed: 2}\n")); err != nil {
		t.Errorf("merge overridden by an explicit key: %v", err)
	}
}

func TestMediansFixed(t *testing.T) {
	src := `model: m
factors:
  a: {distribution: normal, mean: 3, sd: 1}
  b: {distribution: uniform, min: 0, max: 10, fixed: 9}
  c: {distribution: discrete, values: [1, 2, 3], weights: [0.2, 0.2, 0.6]}
  d: {fixed: -1}
  e: {distribution: normal, mean: 0, sd: 1, min: 0}
`
	sc, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := Medians(sc.Factors)
	want := map[string]float64{"a": 3, "b": 9, "c": 3, "d": -1, "e": 0.6744897501960817} // e: Φ⁻¹(0.75)
	for k, v := range want {
		if !near(m[k], v, 1e-14) {
			t.Errorf("median of %s = %.17g, want %.17g", k, m[k], v)
		}
	}
	if len(m) != len(want) {
		t.Errorf("Medians = %v", m)
	}
}

func TestLoad(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "missing.yaml"))
	var e *Error
	if !errors.As(err, &e) || err.Error() != filepath.Join("testdata", "missing.yaml")+": cannot read the scenario: no such file or directory" {
		t.Errorf("Load(missing) = %v", err)
	}
}

func TestPosString(t *testing.T) {
	cases := []struct {
		p    Pos
		want string
	}{
		{Pos{"a.yaml", 3, 7}, "a.yaml:3:7"},
		{Pos{"a.yaml", 3, 0}, "a.yaml:3"},
		{Pos{"a.yaml", 0, 0}, "a.yaml"},
		{Pos{"", 3, 7}, "3:7"},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.p, got, c.want)
		}
	}
	e := Errorf(Pos{"a.yaml", 3, 7}, "pue", "must be ≥ %d", 1)
	if e.Error() != "a.yaml:3:7: factor pue: must be ≥ 1" {
		t.Errorf("Errorf: %v", e)
	}
}

// TestSyntaxErrorHugeLine: a line too long to search gets its line and no
// column; a file too large to search gets the parser's line.
func TestSyntaxErrorHugeLine(t *testing.T) {
	for _, c := range []struct {
		src, want string
	}{
		{"model: m\nx: [" + strings.Repeat("1, ", 2000) + "\n", "big.yaml:2: invalid YAML: did not find expected node content"},
		{"model: m\nx: [" + strings.Repeat("1, ", 400000) + "\n", "big.yaml:"},
	} {
		_, err := Parse("big.yaml", []byte(c.src))
		if got := errorList(t, err); len(got) != 1 || !strings.HasPrefix(got[0], c.want) || len(got[0]) > 200 {
			t.Errorf("%d bytes: got %.300q, want %q", len(c.src), got, c.want)
		}
	}
}
