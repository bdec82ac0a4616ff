// Package inputs reads scenario files: the model to run, its parameters, the
// design, and every uncertain factor declared as a probability distribution.
//
// A scenario file is one YAML document (see Parse for the defaults):
//
//	title: free text
//	description: free text
//	model: ishigami
//	parameters: {a: 7, b: 0.1}          # free-form, passed to the model
//	years: [2020, 2030]                 # or {from: 2020, to: 2050, step: 1}
//	samples: 65536
//	design: sobol                       # mc | lhs | sobol
//	seed: 42                            # 0 … 2⁶⁴−1
//	method: sobol                       # mc | sobol | morris
//	sobol: {second_order: false, by: factor, ci: 0.95, estimator: saltelli2010,
//	        total: jansen1999, replicates: 0, target_ci_width: 0.01, max_samples: 1048576}
//	morris: {trajectories: 100, levels: 4, pool: 0}
//	outputs: {bands: [gwp, "energy_*"], indices: ["*"]}
//	factors:                            # name → factor, in this order
//	  x1:
//	    distribution: uniform
//	    min: -3.141592653589793
//	    max: 3.141592653589793
//	    unit: "1"
//	    group: first-lever              # the lever it belongs to
//	    source: "Ishigami & Homma 1990"
//	    description: free text
//
// Distributions and their parameters:
//
//	constant     value
//	uniform      min, max
//	loguniform   min, max (0 < min)
//	normal       mean, sd
//	lognormal    meanlog, sdlog | median, gsd | p5, p95
//	triangular   min, mode, max
//	pert         min, mode, max, lambda (default 4)
//	beta         alpha, beta, min (default 0), max (default 1)
//	gamma        shape, rate | shape, scale
//	weibull      shape, scale
//	exponential  rate
//	discrete     values, weights (default equal; normalised)
//	empirical    values | file, column (CSV with a header, relative to the
//	             scenario file); interpolation: linear (default) | step
//
// min and max truncate normal, lognormal, gamma, weibull and exponential. A
// factor is fixed by `fixed: 3` (with or without a distribution, which is
// then kept for display), by `fixed: median`, or by a constant distribution.
//
// YAML anchors, aliases and merge keys (<<) may share settings between
// factors. Unknown and duplicate keys are errors. Every error names the file,
// line and column, the factor, and what was expected.
package inputs
