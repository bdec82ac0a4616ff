// Package formula compiles models written as equations in a scenario file
// (model: {years, parameters, equations, outputs}) or in a model file it
// names (model: {file: m.yaml}) into vectorised programs.
//
// Reading (spec.go) works on the YAML nodes of the scenario: the inputs
// package keeps the model mapping's node and the engine hands it here, so
// that errors can point inside each expression (source.go maps offsets in a
// scalar's decoded value, plain, quoted or block, to file line:column) and
// so that neither package imports the other. Expressions are parsed with
// go/parser (check.go), names resolved and equations ordered by their
// dependencies (compile.go), and lowered to two lists of elementwise ops
// (lower.go, ops.go): one run once per chunk of samples, one run once per
// chunk and year, recurrences (prev) carrying a state vector from one year
// to the next (program.go). Constants and functions of the year only are
// folded at compile time with the same kernels, so folding changes no bit.
//
// The language is described in docs/formula-models.md.
package formula
