package engine

import (
	"context"
	"math"
	"strings"
	"testing"

	"mc/model"
)

// exp-additive: y = exp(z), z = a·x1 + b·x2 (log y additive); traj = exp(z)
// in 2030 and exp(2z) in 2050; mixed = exp(z) in 2030 and z − a/2 (of either
// sign) in 2050; zero = 0.
func init() {
	model.Register("exp-additive", func(cfg model.Config) (model.Model, error) {
		return expAdditive{a: cfg.Params["a"].(float64), b: cfg.Params["b"].(float64)}, nil
	})
}

type expAdditive struct{ a, b float64 }

func (expAdditive) Factors() []model.Factor { return []model.Factor{{Name: "x1"}, {Name: "x2"}} }
func (expAdditive) Outputs() []model.Output {
	return []model.Output{{Name: "y"}, {Name: "traj", Years: []int{2030, 2050}}, {Name: "mixed", Years: []int{2030, 2050}}, {Name: "zero"}}
}
func (m expAdditive) Evaluate(in, out [][]float64) {
	for s := range in[0] {
		z := m.a*in[0][s] + m.b*in[1][s]
		out[0][s] = math.Exp(z)
		out[1][s] = math.Exp(z)
		out[2][s] = math.Exp(2 * z)
		out[3][s] = math.Exp(z)
		out[4][s] = z - m.a/2
		out[5][s] = 0
	}
}

const expAdditiveYAML = `model: exp-additive
parameters: {a: 3, b: 1}
samples: 8192
seed: 5
method: sobol
outputs:
  indices: %IDX%
factors:
  x1: {distribution: uniform, min: 0, max: 1}
  x2: {distribution: uniform, min: 0, max: 1}
`

// On log scale, log y = 3·x1 + x2 with uniform x is additive: S1 = ST =
// a²/(a² + b²) = 0.9 for x1 and 0.1 for x2, exactly. On linear scale the
// indices differ (exp makes the factors interact: ST > S1).
func TestLogScaleSobolExact(t *testing.T) {
	tb := sobolRun(t, strings.Replace(expAdditiveYAML, "%IDX%", "[{name: y, scale: log}]", 1), Overrides{})
	for name, want := range map[string]float64{"x1": 0.9, "x2": 0.1} {
		r := index(t, tb.Sobol, "factor", name, nil)
		near(t, "log-scale S1 of "+name, r.S1, want, 0.01)
		near(t, "log-scale ST of "+name, r.ST, want, 0.01)
		if r.Scale != "log" {
			t.Errorf("scale column %q, want log", r.Scale)
		}
		if !(r.S1Lo <= want && want <= r.S1Hi) {
			t.Errorf("%s: exact S1 %v outside the CI [%v, %v]", name, want, r.S1Lo, r.S1Hi)
		}
	}
	lin := sobolRun(t, strings.Replace(expAdditiveYAML, "%IDX%", "[y]", 1), Overrides{})
	r := index(t, lin.Sobol, "factor", "x1", nil)
	if r.Scale != "linear" || r.ST-r.S1 < 0.01 {
		t.Errorf("linear scale: scale %q, S1 %v, ST %v (exp makes x1 and x2 interact: ST > S1)", r.Scale, r.S1, r.ST)
	}
	// Every year of a log trajectory, and its aggregate over the years, has
	// the indices of log y (log exp(2z) = 2z: the same shares).
	tb = sobolRun(t, strings.Replace(expAdditiveYAML, "%IDX%", "[{name: traj, scale: log}]", 1), Overrides{})
	for _, year := range []*int32{ptr(2030), ptr(2050), nil} {
		kind := "factor"
		if year == nil {
			kind = "aggregate"
		}
		r := index(t, tb.Sobol, kind, "x1", year)
		near(t, "log-scale S1 of x1 ("+kind+")", r.S1, 0.9, 0.01)
		near(t, "log-scale ST of x1 ("+kind+")", r.ST, 0.9, 0.01)
		if r.Scale != "log" {
			t.Errorf("%s: scale %q", kind, r.Scale)
		}
	}
}

func ptr(y int32) *int32 { return &y }

// Morris on log scale: the elementary effects of log y = a·x1 + b·x2 are the
// same at every point: σ = 0 and μ*(x1)/μ*(x2) = a/b.
func TestLogScaleMorrisAdditive(t *testing.T) {
	text := strings.Replace(expAdditiveYAML, "%IDX%", "[{name: y, scale: log}]", 1)
	tb := sobolRun(t, text, Overrides{Method: "morris", Samples: 20})
	mu := map[string]float64{}
	for _, r := range tb.Morris {
		if r.Scale != "log" {
			t.Errorf("scale %q", r.Scale)
		}
		if r.Sigma > 1e-9 {
			t.Errorf("%s: σ = %v on log scale, want 0 (additive)", r.Name, r.Sigma)
		}
		mu[r.Name] = r.MuStar
	}
	if math.Abs(mu["x1"]/mu["x2"]-3) > 1e-9 {
		t.Errorf("μ* ratio %v, want a/b = 3", mu["x1"]/mu["x2"])
	}
}

// A log-scale output that is 0 or negative stops the run with an error
// naming the output, the year and the sample, never a NaN or −Inf index.
func TestLogScaleRefusesNonPositive(t *testing.T) {
	for _, c := range []struct{ idx, want string }{
		{"[{name: zero, scale: log}]", "output zero is analysed on log scale (outputs.indices) but is 0 at pilot row 0"},
		{"[{name: mixed, scale: log}]", "output mixed in 2050 is analysed on log scale"},
	} {
		for _, method := range []string{"sobol", "morris"} {
			sc := scenario(t, strings.Replace(expAdditiveYAML, "%IDX%", c.idx, 1))
			p, err := NewPlan(sc, Overrides{Method: method, Samples: 64})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Run(context.Background(), p, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "x1=") {
				t.Errorf("%s, %s: error %v, want it to contain %q and the factors", c.idx, method, err, c.want)
			}
		}
	}
	// Past the pilot: a·x1 + b·x2 − a/2 ≤ 0 only for x1 < 1/6 (with x2 fixed
	// at 1): the pilot rows may miss it, the run must not.
	text := strings.Replace(expAdditiveYAML, "%IDX%", "[{name: mixed, scale: log}]", 1)
	text = strings.Replace(text, "x2: {distribution: uniform, min: 0, max: 1}", "x2: {fixed: 1}", 1)
	text = strings.Replace(text, "x1: {distribution: uniform, min: 0, max: 1}", "x1: {distribution: uniform, min: 0.166, max: 1}", 1)
	p, err := NewPlan(scenario(t, text), Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), p, Options{})
	if err == nil || !strings.Contains(err.Error(), "mixed in 2050") || !strings.Contains(err.Error(), "base row") {
		t.Errorf("rare non-positive value: error %v", err)
	}
}

// Two entries giving one output different scales are an error pointing at
// both; a plain name beside a scaled pattern leaves the scale to the latter.
func TestScaleConflicts(t *testing.T) {
	sc := scenario(t, strings.Replace(expAdditiveYAML, "%IDX%", "[{name: y, scale: log}, {name: \"*\", scale: linear}]", 1))
	_, err := NewPlan(sc, Overrides{})
	if err == nil || !strings.Contains(err.Error(), "test.yaml:7:43: outputs.indices: output y is asked on linear scale here and on log scale by \"y\" (test.yaml:7:20)") {
		t.Errorf("conflicting scales: %v", err)
	}
	sc = scenario(t, strings.Replace(expAdditiveYAML, "%IDX%", "[\"*\", {name: y, scale: log}]", 1))
	p, err := NewPlan(sc, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(p.IndexScales, ",")
	if got != "log,linear,linear,linear,linear,linear" {
		t.Errorf("scales %s, want log for y only", got)
	}
}

// Log-scale indices are bit-identical for any workers and batch, and merged
// shards give those of a single run, scale column included.
func TestLogScaleShardsAndWorkers(t *testing.T) {
	for _, method := range []string{"sobol", "morris"} {
		sc := scenario(t, strings.Replace(expAdditiveYAML, "%IDX%", "[{name: traj, scale: log}, y]", 1))
		ov := Overrides{Method: method, By: "both"}
		if method == "morris" {
			ov.Samples = 64
		}
		p := plan(t, sc, ov)
		_, single := run(t, p, Options{})
		want := bitsOf(single)
		_, other := run(t, p, Options{Workers: 3, Batch: 7})
		sameBits(t, method+" workers", want, bitsOf(other))
		dir := t.TempDir()
		runShards(t, p, dir, 3)
		merged := mergedTables(t, dir)
		sameBits(t, method+" shards", want, bitsOf(merged))
		scales := map[string]string{}
		for _, r := range merged.Sobol {
			scales[r.Output] = r.Scale
		}
		for _, r := range merged.Morris {
			scales[r.Output] = r.Scale
		}
		if scales["traj"] != "log" || scales["y"] != "linear" {
			t.Errorf("%s: merged scales %v", method, scales)
		}
	}
}
