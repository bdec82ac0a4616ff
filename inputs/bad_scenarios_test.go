package inputs

import "strings"

// badScenarios are files that must be rejected, each with the exact
// messages expected, in file order. The positions were computed from the
// text (the line and column of the offending token), the messages written
// by hand.
var badScenarios = []struct {
	name string
	src  string
	want []string
}{
	{"unknown top-level key", "sample: 3\nmodel: m\n", []string{
		"bad.yaml:1:1: unknown key \"sample\" (allowed: title, description, model, parameters, years, samples, design, seed, method, sobol, morris, outputs, groups, factors, correlations, references)",
	}},
	{"missing model", "samples: 10\n", []string{
		"bad.yaml:1:1: missing key \"model\" (the name of the model to run)",
	}},
	{"sd negative, flow", "model: m\nfactors:\n  x2: {distribution: normal, mean: 0, sd: -1}\n", []string{
		"bad.yaml:3:43: factor x2: sd must be > 0, got -1",
	}},
	{"sd zero, block", "model: m\nfactors:\n  x2:\n    distribution: normal\n    mean: 0\n    sd: 0\n", []string{
		"bad.yaml:6:9: factor x2: sd must be > 0, got 0",
	}},
	{"uniform min >= max", "model: m\nfactors:\n  x: {distribution: uniform, min: 2, max: 1}\n", []string{
		"bad.yaml:3:43: factor x: max must be > min, got min=2, max=1",
	}},
	{"triangular mode outside", "model: m\nfactors:\n  x: {distribution: triangular, min: 0, mode: 3, max: 2}\n", []string{
		"bad.yaml:3:47: factor x: mode must be within [min, max] = [0, 2], got 3",
	}},
	{"pert lambda", "model: m\nfactors:\n  x: {distribution: pert, min: 0, mode: 1, max: 2, lambda: -4}\n", []string{
		"bad.yaml:3:60: factor x: lambda must be > 0, got -4",
	}},
	{"loguniform min", "model: m\nfactors:\n  x: {distribution: loguniform, min: 0, max: 10}\n", []string{
		"bad.yaml:3:38: factor x: min must be > 0 for a log-uniform distribution, got 0",
	}},
	{"unknown distribution", "model: m\nfactors:\n  x: {distribution: gauss, mean: 0}\n", []string{
		"bad.yaml:3:21: factor x: unknown distribution \"gauss\" (allowed: constant, uniform, loguniform, normal, lognormal, triangular, pert, beta, gamma, weibull, exponential, discrete, empirical)",
	}},
	{"unknown factor key", "model: m\nfactors:\n  x: {distribution: normal, mean: 0, sd: 1, sigma: 2}\n", []string{
		"bad.yaml:3:45: factor x: unknown key \"sigma\" for distribution normal (allowed: distribution, mean, sd, min, max, fixed, unit, description, source, group)",
	}},
	{"missing parameter", "model: m\nfactors:\n  x: {distribution: normal, mean: 0}\n", []string{
		"bad.yaml:3:3: factor x: missing sd for distribution normal",
	}},
	{"weight not positive", "model: m\nfactors:\n  x: {distribution: discrete, values: [1, 2], weights: [0.5, 0]}\n", []string{
		"bad.yaml:3:62: factor x: weights[1] must be > 0, got 0",
	}},
	{"weights count", "model: m\nfactors:\n  x: {distribution: discrete, values: [1, 2], weights: [1]}\n", []string{
		"bad.yaml:3:56: factor x: weights has 1 entries but values has 2",
	}},
	{"empty empirical", "model: m\nfactors:\n  x: {distribution: empirical, values: []}\n", []string{
		"bad.yaml:3:40: factor x: values must not be empty",
	}},
	{"non-finite", "model: m\nfactors:\n  x: {distribution: normal, mean: .nan, sd: 1}\n", []string{
		"bad.yaml:3:35: factor x: mean must be a finite number, got .nan",
	}},
	{"not a number", "model: m\nfactors:\n  x: {distribution: normal, mean: abc, sd: 1}\n", []string{
		"bad.yaml:3:35: factor x: mean: expected a number, got \"abc\"",
	}},
	{"quoted number", "model: m\nfactors:\n  x: {distribution: normal, mean: \"0\", sd: 1}\n", []string{
		"bad.yaml:3:35: factor x: mean: expected a number, got \"0\"",
	}},
	{"gsd <= 1", "model: m\nfactors:\n  x: {distribution: lognormal, median: 5, gsd: 0.5}\n", []string{
		"bad.yaml:3:48: factor x: gsd must be > 1, got 0.5",
	}},
	{"p5 >= p95", "model: m\nfactors:\n  x: {distribution: lognormal, p5: 200, p95: 5}\n", []string{
		"bad.yaml:3:46: factor x: p95 must be > p5, got p5=200, p95=5",
	}},
	{"lognormal two forms", "model: m\nfactors:\n  x: {distribution: lognormal, median: 5, gsd: 2, p5: 1, p95: 10}\n", []string{
		"bad.yaml:3:55: factor x: lognormal takes one of (meanlog, sdlog), (median, gsd) or (p5, p95), got both (median, gsd) and (p5, p95)",
	}},
	{"lognormal no form", "model: m\nfactors:\n  x: {distribution: lognormal}\n", []string{
		"bad.yaml:3:3: factor x: missing parameters for distribution lognormal: give (meanlog, sdlog), (median, gsd) or (p5, p95)",
	}},
	{"gamma shape", "model: m\nfactors:\n  x: {distribution: gamma, shape: 0, rate: 1}\n", []string{
		"bad.yaml:3:35: factor x: shape must be > 0, got 0",
	}},
	{"gamma rate and scale", "model: m\nfactors:\n  x: {distribution: gamma, shape: 2, rate: 1, scale: 1}\n", []string{
		"bad.yaml:3:54: factor x: gamma takes rate or scale, not both",
	}},
	{"weibull scale", "model: m\nfactors:\n  x: {distribution: weibull, shape: 2, scale: -1}\n", []string{
		"bad.yaml:3:47: factor x: scale must be > 0, got -1",
	}},
	{"exponential rate", "model: m\nfactors:\n  x: {distribution: exponential, rate: 0}\n", []string{
		"bad.yaml:3:40: factor x: rate must be > 0, got 0",
	}},
	{"beta alpha", "model: m\nfactors:\n  x: {distribution: beta, alpha: 0, beta: 2}\n", []string{
		"bad.yaml:3:34: factor x: alpha must be > 0, got 0",
	}},
	{"duplicate factor", "model: m\nfactors:\n  x: {fixed: 1}\n  y: {fixed: 2}\n  x: {fixed: 3}\n", []string{
		"bad.yaml:5:3: duplicate factor \"x\" (first at line 3, column 3)",
	}},
	{"duplicate factor key", "model: m\nfactors:\n  x: {distribution: normal, mean: 0, mean: 1, sd: 1}\n", []string{
		"bad.yaml:3:38: factor x: duplicate key \"mean\" (first at line 3, column 29)",
	}},
	{"duplicate top-level key", "model: m\nseed: 1\nseed: 2\n", []string{
		"bad.yaml:3:1: duplicate key \"seed\" (first at line 2, column 1)",
	}},
	{"truncation without mass", "model: m\nfactors:\n  x: {distribution: normal, mean: 0, sd: 1, min: 40, max: 41}\n", []string{
		"bad.yaml:3:50: factor x: [min, max] = [40, 41] holds probability 0 of normal(mean=0, sd=1): practically none (need ≥ 1e-12)",
	}},
	{"truncation min >= max", "model: m\nfactors:\n  x: {distribution: normal, mean: 0, sd: 1, min: 2, max: -2}\n", []string{
		"bad.yaml:3:58: factor x: max must be > min, got min=2, max=-2",
	}},
	{"design unknown", "model: m\ndesign: qmc\n", []string{
		"bad.yaml:2:9: unknown design \"qmc\" (allowed: mc, lhs, sobol)",
	}},
	{"method unknown", "model: m\nmethod: fast\n", []string{
		"bad.yaml:2:9: unknown method \"fast\" (allowed: mc, sobol, morris)",
	}},
	{"samples zero", "model: m\nsamples: 0\n", []string{
		"bad.yaml:2:10: samples must be > 0, got 0",
	}},
	{"samples fractional", "model: m\nsamples: 1.5\n", []string{
		"bad.yaml:2:10: samples: expected an integer, got 1.5",
	}},
	{"seed negative", "model: m\nseed: -1\n", []string{
		"bad.yaml:2:7: seed: expected an integer from 0 to 18446744073709551615, got -1",
	}},
	{"sobol ci in percent", "model: m\nsobol: {ci: 95}\n", []string{
		"bad.yaml:2:13: sobol.ci must be in (0, 1), got 95 (write 0.95 for 95 %)",
	}},
	{"sobol unknown key", "model: m\nsobol: {second: true}\n", []string{
		"bad.yaml:2:9: unknown key \"second\" in sobol (allowed: second_order, by, ci, estimator, total, replicates, target_ci_width, max_samples)",
	}},
	{"sobol second_order not bool", "model: m\nsobol: {second_order: 2}\n", []string{
		"bad.yaml:2:23: sobol.second_order: expected true or false, got 2",
	}},
	{"sobol replicates", "model: m\nsobol: {replicates: 3}\n", []string{
		"bad.yaml:2:21: sobol.replicates must be a power of two ≥ 2 (or 0 for the engine's default), got 3",
	}},
	{"sobol estimator", "model: m\nsobol: {estimator: saltelli}\n", []string{
		"bad.yaml:2:20: unknown sobol.estimator \"saltelli\" (allowed: saltelli2010, janon, martinez, sobol2007)",
	}},
	{"morris levels", "model: m\nmorris: {levels: 1}\n", []string{
		"bad.yaml:2:18: morris.levels must be ≥ 2, got 1",
	}},
	{"morris pool", "model: m\nmorris: {trajectories: 20, pool: 10}\n", []string{
		"bad.yaml:2:34: morris.pool must be ≥ the number of trajectories (20) to choose them from, got 10",
	}},
	{"years decreasing", "model: m\nyears: [2030, 2020]\n", []string{
		"bad.yaml:2:15: years must increase: 2020 comes after 2030",
	}},
	{"years range reversed", "model: m\nyears: {from: 2050, to: 2020}\n", []string{
		"bad.yaml:2:25: years.to must be ≥ years.from, got from=2050, to=2020",
	}},
	{"years range without to", "model: m\nyears: {from: 2050}\n", []string{
		"bad.yaml:2:8: years: a range needs from and to (and optionally step)",
	}},
	{"years scalar", "model: m\nyears: 2030\n", []string{
		"bad.yaml:2:8: years: expected a list like [2020, 2030] or a range like {from: 2020, to: 2050, step: 1}, got 2030",
	}},
	{"factors as a list", "model: m\nfactors:\n  - x\n", []string{
		"bad.yaml:3:3: factors: expected a mapping from factor name to its distribution, got a list",
	}},
	{"factor not a mapping", "model: m\nfactors:\n  x: 3\n", []string{
		"bad.yaml:3:6: factor x: expected a mapping like {distribution: uniform, min: 0, max: 1} or {fixed: 3}, got 3",
	}},
	{"fixed median without distribution", "model: m\nfactors:\n  x: {fixed: median}\n", []string{
		"bad.yaml:3:14: factor x: fixed: median needs a distribution",
	}},
	{"fixed not a number", "model: m\nfactors:\n  x: {distribution: normal, mean: 0, sd: 1, fixed: yes}\n", []string{
		"bad.yaml:3:52: factor x: fixed: expected a number or median, got \"yes\"",
	}},
	{"no distribution", "model: m\nfactors:\n  x: {unit: kg}\n", []string{
		"bad.yaml:3:3: factor x: no distribution: give distribution: and its parameters, or fixed: value",
	}},
	{"parameter without distribution", "model: m\nfactors:\n  x: {fixed: 3, min: 0}\n", []string{
		"bad.yaml:3:17: factor x: min is a distribution parameter but the factor has no distribution",
	}},
	{"unknown key without distribution", "model: m\nfactors:\n  x: {fixed: 3, colour: red}\n", []string{
		"bad.yaml:3:17: factor x: unknown key \"colour\" (allowed: distribution, fixed, unit, description, source, group)",
	}},
	{"overflowing quantiles", "model: m\nfactors:\n  x: {distribution: uniform, min: -1e308, max: 1e308}\n", []string{
		"bad.yaml:3:21: factor x: uniform(min=-1e+308, max=1e+308) has a non-finite quantile Q(1e-10) = +Inf: the parameters are too extreme",
	}},
	{"csv cell", "model: m\nfactors:\n  x: {distribution: empirical, file: testdata/notanumber.csv, column: x}\n", []string{
		"bad.yaml:3:38: factor x: testdata/notanumber.csv:3:6: column \"x\": expected a finite number, got \"abc\"",
	}},
	{"csv column", "model: m\nfactors:\n  x: {distribution: empirical, file: testdata/data.csv, column: z}\n", []string{
		"bad.yaml:3:38: factor x: testdata/data.csv:1: no column \"z\" (columns: year, x, y)",
	}},
	{"empirical values and file", "model: m\nfactors:\n  x: {distribution: empirical, values: [1], file: testdata/data.csv}\n", []string{
		"bad.yaml:3:51: factor x: empirical takes values or file, not both",
	}},
	{"interpolation", "model: m\nfactors:\n  x: {distribution: empirical, values: [1, 2], interpolation: cubic}\n", []string{
		"bad.yaml:3:63: factor x: unknown interpolation \"cubic\" (allowed: linear, step)",
	}},
	{"outputs pattern", "model: m\noutputs: {bands: ['[']}\n", []string{
		"bad.yaml:2:19: outputs.bands[0]: bad pattern \"[\": syntax error in pattern",
	}},
	{"outputs not a list", "model: m\noutputs: {indices: gwp}\n", []string{
		"bad.yaml:2:20: outputs.indices: expected a list of output names or patterns, got \"gwp\"",
	}},
	{"parameter null", "model: m\nparameters: {a: ~}\n", []string{
		"bad.yaml:2:17: parameter a: expected a value, got null",
	}},
	{"model not a string", "model: [a]\n", []string{
		"bad.yaml:1:8: model: expected a string, got a list",
	}},
	{"root is a list", "- model: m\n", []string{
		"bad.yaml:1:1: expected a mapping of scenario keys (model, factors, …), got a list",
	}},
	{"empty file", "", []string{
		"bad.yaml:1:1: empty file: expected a mapping of scenario keys (model, factors, …)",
	}},
	{"comment only", "# nothing yet\n", []string{
		"bad.yaml:1:1: empty file: expected a mapping of scenario keys (model, factors, …)",
	}},
	{"two documents", "model: m\n---\nmodel: n\n", []string{
		"bad.yaml:2:1: a scenario file holds one YAML document; a second one starts here",
	}},
	{"cyclic alias", "model: m\nparameters: {p: &a [1, *a]}\n", []string{
		"bad.yaml:2:17: parameter p[1] contains an alias to itself",
	}},
	// Issue 8, item 4: settings that were silently replaced or ignored.
	{"weights not summing to 1", "model: m\nfactors:\n  x: {distribution: discrete, values: [1, 2], weights: [0.7, 0.5]}\n", []string{
		"bad.yaml:3:56: factor x: weights are probabilities and must sum to 1, got 1.2",
	}},
	{"fixed outside uniform", "model: m\nfactors:\n  x: {distribution: uniform, min: 0, max: 10, fixed: 50}\n", []string{
		"bad.yaml:3:54: factor x: fixed: 50 is outside the support of uniform(min=0, max=10): expected a value in [0, 10]",
	}},
	{"fixed outside constant", "model: m\nfactors:\n  x: {distribution: constant, value: 7, fixed: 8}\n", []string{
		"bad.yaml:3:48: factor x: fixed: 8 is outside the support of constant(value=7): expected 7, its only value",
	}},
	{"fixed not a discrete value", "model: m\nfactors:\n  x: {distribution: discrete, values: [1, 2], fixed: 1.5}\n", []string{
		"bad.yaml:3:54: factor x: fixed: 1.5 is outside the support of discrete(values=[1, 2], weights=[1, 1]): expected one of [1, 2]",
	}},
	{"fixed zero lognormal", "model: m\nfactors:\n  x: {distribution: lognormal, median: 5, gsd: 2, fixed: 0}\n", []string{
		"bad.yaml:3:58: factor x: fixed: 0 is outside the support of lognormal(median=5, gsd=2): expected a value in (0, ∞)",
	}},
	{"fixed outside truncation", "model: m\nfactors:\n  x: {distribution: normal, mean: 0, sd: 1, min: -1, max: 1, fixed: 2}\n", []string{
		"bad.yaml:3:69: factor x: fixed: 2 is outside the support of normal(mean=0, sd=1, min=-1, max=1): expected a value in [-1, 1]",
	}},
	{"morris samples and trajectories disagree", "model: m\nmethod: morris\nsamples: 500\nmorris: {trajectories: 50}\n", []string{
		"bad.yaml:4:24: morris.trajectories = 50 but samples = 500 (line 3, column 10): with method morris both are the number of trajectories; keep one",
	}},
	{"morris pool below samples", "model: m\nmethod: morris\nsamples: 200\nmorris: {pool: 100}\n", []string{
		"bad.yaml:4:16: morris.pool must be ≥ the number of trajectories (200) to choose them from, got 100",
	}},
	{"sobol max_samples below samples", "model: m\nmethod: sobol\nsamples: 4096\nsobol: {max_samples: 1000}\n", []string{
		"bad.yaml:4:22: sobol.max_samples = 1000 is below samples = 4096 (line 3, column 10): the bound of --target-ci-width must be at least the starting N",
	}},
	{"duplicate key in a section", "model: m\nsobol: {ci: 0.9, by: group, ci: 0.95}\n", []string{
		"bad.yaml:2:29: duplicate key \"ci\" (first at line 2, column 9)",
	}},
	{"duplicate key in years", "model: m\nyears:\n  from: 2020\n  to: 2030\n  from: 2025\n", []string{
		"bad.yaml:5:3: duplicate key \"from\" (first at line 3, column 3)",
	}},
	{"duplicate key in nested parameters", "model: m\nparameters:\n  grid: [{year: 2020, ci: 1}, {year: 2030, year: 2040}]\n", []string{
		"bad.yaml:3:44: duplicate key \"year\" (first at line 3, column 32)",
	}},
	// Issue 8, item 13: limits and positions.
	{"samples 2^62", "model: m\nsamples: 4611686018427387904\n", []string{
		"bad.yaml:2:10: samples must be at most 2^40 = 1099511627776, got 4611686018427387904",
	}},
	{"samples 2^62 + 1", "model: m\nsamples: 4611686018427387905\n", []string{
		"bad.yaml:2:10: samples must be at most 2^40 = 1099511627776, got 4611686018427387905",
	}},
	{"morris trajectories too many", "model: m\nmorris: {trajectories: 1e15}\n", []string{
		"bad.yaml:2:24: morris.trajectories must be at most 2^40 = 1099511627776, got 1000000000000000",
	}},
	{"morris levels odd", "model: m\nmorris: {levels: 5}\n", []string{
		"bad.yaml:2:18: morris.levels must be an even number of grid levels from 2 to 1000 (the step Δ = p/(2(p−1)) lands on the grid only for even p), got 5",
	}},
	{"huge value clipped", "model: m\ndesign: " + strings.Repeat("x", 100000) + "\n", []string{
		"bad.yaml:2:9: unknown design \"" + strings.Repeat("x", 80) + "… (100000 bytes in all)\" (allowed: mc, lhs, sobol)",
	}},
	{"huge key clipped", strings.Repeat("k", 1000) + ": 1\nmodel: m\n", []string{
		"bad.yaml:1:1: unknown key \"" + strings.Repeat("k", 80) + "… (1000 bytes in all)\" (allowed: title, description, model, parameters, years, samples, design, seed, method, sobol, morris, outputs, groups, factors, correlations, references)",
	}},
	{"several errors in file order", "seed: -1\nmodel: m\nfactors:\n  b: {distribution: uniform, min: 1, max: 0}\n  a: {distribution: normal, mean: 0, sd: 0, sigma: 1}\nsample: 4\n", []string{
		"bad.yaml:1:7: seed: expected an integer from 0 to 18446744073709551615, got -1",
		"bad.yaml:4:43: factor b: max must be > min, got min=1, max=0",
		"bad.yaml:5:42: factor a: sd must be > 0, got 0",
		"bad.yaml:5:45: factor a: unknown key \"sigma\" for distribution normal (allowed: distribution, mean, sd, min, max, fixed, unit, description, source, group)",
		"bad.yaml:6:1: unknown key \"sample\" (allowed: title, description, model, parameters, years, samples, design, seed, method, sobol, morris, outputs, groups, factors, correlations, references)",
	}},
}
