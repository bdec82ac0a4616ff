package main

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"mc/inputs"
	"mc/scenarios"
)

// loadScenario reads the scenario a command names:
//   - "" is the embedded default scenario;
//   - an argument with a path separator or a .yaml/.yml suffix names a file,
//     which must exist (a typo in a folder never falls back to a built-in);
//   - "embedded:PATH" is the embedded scenario at PATH (subfolders too:
//     "embedded:measures/compression");
//   - a bare name is an embedded scenario ("ai-global"), or a file of that
//     name in the current folder; both at once is ambiguous and refused.
//
// The scenario's File says which one ran: "embedded:ai-global" or the path.
func loadScenario(arg string) (*inputs.Scenario, error) {
	if arg == "" {
		name, data := scenarios.Default()
		return inputs.Parse(name, data)
	}
	if strings.HasPrefix(arg, scenarios.Prefix) {
		data, ok := scenarios.Lookup(arg)
		if !ok {
			return nil, usagef("no embedded scenario %q (embedded: %s)", arg, strings.Join(scenarios.Names(), ", "))
		}
		return inputs.Parse(scenarios.Label(arg), data)
	}
	if isScenarioPath(arg) {
		if _, err := os.Stat(arg); err != nil {
			hint := ""
			if bare := strings.TrimSuffix(filepath.Base(arg), filepath.Ext(arg)); bare != "" {
				if _, ok := scenarios.Lookup(bare); ok {
					hint = " (the embedded scenario of that name is run by its bare name: " + bare + ")"
				} else if sub := strings.TrimPrefix(filepath.ToSlash(arg), "scenarios/"); strings.Contains(sub, "/") {
					if _, ok := scenarios.Lookup(scenarios.Prefix + sub); ok {
						hint = " (the embedded scenario of that path is " + scenarios.Label(sub) + ")"
					}
				}
			}
			return nil, usagef("scenario file %s: %v%s", arg, errReason(err), hint)
		}
		return inputs.Load(arg)
	}
	data, embedded := scenarios.Lookup(arg)
	st, err := os.Stat(arg)
	file := err == nil && !st.IsDir()
	switch {
	case embedded && file:
		return nil, usagef("%q is both a file in this folder and an embedded scenario: write ./%s for the file, or run it from another folder for the embedded one", arg, arg)
	case embedded:
		return inputs.Parse(scenarios.Label(arg), data)
	case file:
		return inputs.Load(arg)
	}
	return nil, usagef("no scenario %q: not a file, nor an embedded scenario (%s); a file is named by a path such as ./%s.yaml", arg, strings.Join(scenarios.Names(), ", "), arg)
}

// isScenarioPath tells whether a command-line argument names a file rather
// than an embedded scenario.
func isScenarioPath(arg string) bool {
	if strings.ContainsAny(arg, `/\`) || strings.ContainsRune(arg, filepath.Separator) {
		return true
	}
	ext := strings.ToLower(filepath.Ext(arg))
	return ext == ".yaml" || ext == ".yml"
}

// errReason is an error without the path it repeats.
func errReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// parseSamples reads -n: an integer from 1 to 2^40 (inputs.MaxSamples).
func parseSamples(s string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil && errors.Is(err, strconv.ErrRange):
		return 0, usagef("-n %s: more than the maximum 2^40 = %d samples", s, int64(inputs.MaxSamples))
	case err != nil:
		return 0, usagef("-n must be a whole number of samples, got %q", s)
	case n < 1:
		return 0, usagef("-n must be at least 1, got %d (leave -n out to use the file's samples)", n)
	case n > inputs.MaxSamples:
		return 0, usagef("-n %d: more than the maximum 2^40 = %d samples", n, int64(inputs.MaxSamples))
	}
	return int(n), nil
}
