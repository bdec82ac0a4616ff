package formula

import (
	"strings"
	"testing"

	"mc/model"
)

const yrs = "years: {from: 2020, to: 2022}\n"

// badModels are model files that must be refused, each with the exact
// error (file:line:column: message). The positions were counted by hand in
// the text: the character of the expression the problem is at.
var badModels = []struct {
	name, src, want string
}{
	{"unknown name", "equations:\n  a: x + yy\n",
		"m.yaml:2:10: equation a: unknown name yy (did you mean y?)"},
	{"unknown name, no close one", "equations:\n  a: x + zzz\n",
		"m.yaml:2:10: equation a: unknown name zzz"},
	{"unknown function", "equations:\n  a: expp(x)\n",
		"m.yaml:2:6: equation a: unknown function expp (did you mean exp?)"},
	{"too few arguments", "equations:\n  a: pow(x)\n",
		"m.yaml:2:6: equation a: pow takes 2 arguments, got 1"},
	{"too many arguments", "equations:\n  a: 2 * exp(x, y)\n",
		"m.yaml:2:10: equation a: exp takes 1 argument, got 2"},
	{"min of one", "equations:\n  a: min(x)\n",
		"m.yaml:2:6: equation a: min takes 2 or more arguments, got 1"},
	{"recurrence without initial value", yrs + "equations:\n  s: prev(s) + x\n",
		"m.yaml:3:6: equation s: a recurrence needs its initial value: write prev(x, initial), the value before the first year"},
	{"prev of a scalar", yrs + "equations:\n  a: x * 2\n  b: prev(a, 0) + t\n",
		"m.yaml:4:11: equation b: prev(a, …): a is per-sample (the same every year), not a per-year value; prev needs an equation that changes with t or with prev"},
	{"prev of a factor", yrs + "equations:\n  a: prev(x, 0) + t\n",
		"m.yaml:3:11: equation a: prev(x, …): x is a factor, the same every year; prev takes an equation with a per-year value"},
	{"prev without years", "equations:\n  a: prev(a, 0) + 1\n",
		"m.yaml:2:6: equation a: prev refers to the previous year, but the model declares no years (add years: {from: …, to: …})"},
	{"cycle of three", "equations:\n  a: b + 1\n  b: c * 2\n  c: a - x\n",
		"m.yaml:2:6: dependency cycle: a → b → c → a (each needs the next in the same year; use prev(x, initial) for last year's value)"},
	{"cycle through the initial value", yrs + "equations:\n  s: prev(s, s) + t\n",
		"m.yaml:3:14: dependency cycle: s → s (each needs the next in the same year; use prev(x, initial) for last year's value)"},
	{"syntax error at the end", "equations:\n  a: x +\n",
		"m.yaml:2:9: equation a: syntax error: expected operand, found 'EOF'"},
	{"caret is not a power", "equations:\n  a: x ^ 2\n",
		"m.yaml:2:8: equation a: ^ is not a power here: write pow(x, y)"},
	{"double star", "equations:\n  a: x ** 2\n",
		"m.yaml:2:9: equation a: unexpected *: for a power write pow(x, y)"},
	{"modulo", "equations:\n  a: x % 2\n",
		"m.yaml:2:8: equation a: operator % is not supported: formulas use numbers, names, + - * /, comparisons, && || ! and function calls"},
	{"condition as a number", "equations:\n  a: (x > 1) * 2\n",
		"m.yaml:2:7: equation a: the left operand of * is a condition (true or false), not a number; write if(condition, 1, 0) for a number"},
	{"number as a condition", "equations:\n  a: if(x, 1, 2)\n",
		"m.yaml:2:9: equation a: the first argument of if must be a condition (a comparison), got a number"},
	{"string", "equations:\n  a: x + 's'\n",
		"m.yaml:2:10: equation a: 's' is not a number: formulas use numbers, names, + - * /, comparisons, && || ! and function calls"},
	{"duplicate equation", "equations:\n  a: x\n  a: y\n",
		"m.yaml:3:3: duplicate equation \"a\" (first at line 2, column 3)"},
	{"equation named like a factor", "equations:\n  x: y + 1\n",
		"m.yaml:2:3: equation x has the name of a factor: rename one of them"},
	{"output not an equation", "equations:\n  ab: x\noutputs: [ac]\n",
		"m.yaml:3:11: output ac is not an equation (did you mean ab?)"},
	{"condition as output", "equations:\n  a: x > 1\noutputs: [a]\n",
		"m.yaml:3:11: output a is a condition (true or false), not a number"},
	{"t without years", "equations:\n  a: x * t\n",
		"m.yaml:2:10: equation a: t is the year, but the model declares no years (add years: {from: …, to: …})"},
	{"literal block scalar", "equations:\n  a: |\n    x +\n    sqrt(x, y)\n",
		"m.yaml:4:5: equation a: sqrt takes 1 argument, got 2"},
	{"folded plain scalar", "equations:\n  a: x +\n    zzz * 2\n",
		"m.yaml:3:5: equation a: unknown name zzz"},
	{"double-quoted scalar", "equations:\n  a: \"x + qq\"\n",
		"m.yaml:2:11: equation a: unknown name qq"},
	{"single-quoted with an escaped quote", "equations:\n  a: 'x + ''s'' + qq'\n",
		"m.yaml:2:11: equation a: 's' is not a number: formulas use numbers, names, + - * /, comparisons, && || ! and function calls\n" +
			"m.yaml:2:19: equation a: unknown name qq"},
	{"value mapping", "equations:\n  a: {value: x + qq, unit: kWh}\n",
		"m.yaml:2:18: equation a: unknown name qq"},
	{"value missing", "equations:\n  a: {unit: kWh}\n",
		"m.yaml:2:3: equation a: missing value (the expression)"},
	{"empty expression", "equations:\n  a: \"\"\n",
		"m.yaml:2:6: equation a: empty expression"},
	{"number out of range", "equations:\n  a: 1e999 * x\n",
		"m.yaml:2:6: equation a: number 1e999 is out of range"},
	{"factor called", "equations:\n  a: x(2)\n",
		"m.yaml:2:6: equation a: x is a factor, not a function"},
	{"function not called", "equations:\n  a: x + exp\n",
		"m.yaml:2:10: equation a: exp is a function: call it, as in exp(x)"},
	{"median of a non-factor", "equations:\n  b: 1\n  a: median(b) * x\n",
		"m.yaml:3:13: equation a: median(b): b is not a factor"},
	{"years backwards", "years: {from: 2020, to: 2010}\nequations:\n  a: x * t\n",
		"m.yaml:1:25: years.to must be ≥ years.from, got from=2020, to=2010"},
	{"unknown key", "equations:\n  a: x\nequation: 3\n",
		"m.yaml:3:1: unknown key \"equation\" in a formula model (allowed: title, description, years, parameters, equations, outputs, file, command, timeout)"},
	{"no equations", "outputs: [a]\n",
		"m.yaml:1:1: a formula model needs equations (or file: model.yaml naming a model file)"},
	{"merge key", "equations:\n  <<: {a: x}\n",
		"m.yaml:2:3: merge keys (<<) are not allowed in a formula model: write each equation out"},
	{"bad equation name", "equations:\n  a-b: x\n",
		"m.yaml:2:3: equation name \"a-b\" is not a name: use letters, digits and _, starting with a letter"},
	{"keyword as a name", "equations:\n  a: x + func\n",
		"m.yaml:2:10: equation a: func is a reserved word (of Go's syntax), not a name a formula can use"},
	{"not a mapping", "- a\n",
		"m.yaml:1:1: expected a formula model: a mapping with equations and outputs (or file: model.yaml), got a list"},
	{"model file names another", "file: other.yaml\n",
		"m.yaml:1:1: a model file cannot name another model file"},
}

func compileErr(src string) error {
	sp, err := ParseFile("m.yaml", []byte(src))
	if err != nil {
		return err
	}
	_, err = New(sp, []string{"x", "y"}, model.Config{Medians: map[string]float64{"x": 1, "y": 2}})
	return err
}

func TestBadModels(t *testing.T) {
	if len(badModels) < 20 {
		t.Fatalf("only %d bad models", len(badModels))
	}
	for _, c := range badModels {
		t.Run(c.name, func(t *testing.T) {
			err := compileErr(c.src)
			if err == nil {
				t.Fatalf("accepted:\n%s", c.src)
			}
			if got := err.Error(); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// A scenario parameter that no equation uses is a mistake (a typo, or the
// parameter of another model), reported with its name.
func TestUnusedScenarioParameter(t *testing.T) {
	sp, err := ParseFile("m.yaml", []byte("parameters: {alpha: 1}\nequations:\n  a: alpha * x\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(sp, []string{"x"}, model.Config{Params: map[string]any{"alpah": 2.0}})
	if err == nil || !strings.Contains(err.Error(), "parameter alpah: not used by any equation of the formula model (did you mean alpha?)") {
		t.Fatalf("got %v", err)
	}
	m, err := New(sp, []string{"x"}, model.Config{Params: map[string]any{"alpha": 3.0}})
	if err != nil {
		t.Fatal(err)
	}
	if out := eval(m, [][]float64{{2}}); out[0][0] != 6 {
		t.Fatalf("scenario parameter not applied: %v", out[0][0])
	}
}
