package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"mc/inputs"
	"mc/model"
	"mc/scenarios"
)

func cmdModels(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("models", "[MODEL ...]",
		`Lists the registered models (or the ones named): what each computes, its
parameters (the keys of parameters: in a scenario), its factors and its outputs,
each with its unit and meaning. A model whose factors depend on its parameters
(ai-services) is shown as configured in the embedded scenario that uses it.`, args, stdout, stderr)
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	known := model.Names()
	if len(names) == 0 {
		names = known
	}
	for _, n := range names {
		if !contains(known, n) {
			return usagef("unknown model %q (models: %s)", n, strings.Join(known, ", "))
		}
	}
	for i, n := range names {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := describeModel(stdout, n); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// describeModel prints one model's documentation, parameters, factors and outputs.
func describeModel(w io.Writer, name string) error {
	doc, _ := model.DocOf(name)
	cfg, from := exampleConfig(name)
	m, err := model.New(name, cfg)
	if err != nil {
		return fmt.Errorf("model %s: cannot list its factors and outputs: %v", name, err)
	}
	fmt.Fprintf(w, "%s", name)
	if doc.Summary != "" {
		fmt.Fprintf(w, ": %s", doc.Summary)
	}
	fmt.Fprintln(w)
	if from != "" {
		fmt.Fprintf(w, "  (factors and outputs as configured in %s)\n", from)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(doc.Parameters) == 0 {
		fmt.Fprintln(tw, "  parameters: none")
	} else {
		fmt.Fprintf(tw, "  parameters (%d):\n", len(doc.Parameters))
		fmt.Fprintln(tw, "    name\tunit\tdefault\tmeaning")
		for _, p := range doc.Parameters {
			def := p.Default
			if def == "" {
				def = "(required)"
			}
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", p.Name, dash(p.Unit), def, p.Description)
		}
	}
	fs := m.Factors()
	fmt.Fprintf(tw, "  factors (%d):\n", len(fs))
	fmt.Fprintln(tw, "    name\tunit\t\tmeaning")
	for _, f := range fs {
		fmt.Fprintf(tw, "    %s\t%s\t\t%s\n", f.Name, dash(f.Unit), dash(f.Description))
	}
	outs := m.Outputs()
	fmt.Fprintf(tw, "  outputs (%d):\n", len(outs))
	fmt.Fprintln(tw, "    name\tunit\tyears\tmeaning")
	for _, o := range outs {
		years := "scalar"
		if n := len(o.Years); n > 0 {
			years = fmt.Sprintf("%d–%d", o.Years[0], o.Years[n-1])
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", o.Name, dash(o.Unit), years, dash(o.Description))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// exampleConfig is the configuration to list a model with: its default
// parameters, or, when it needs some (ai-services), those of the first
// embedded scenario using it (named in the second result). Factor medians,
// which some models need for a reference trajectory, come from that scenario.
func exampleConfig(name string) (model.Config, string) {
	for _, s := range scenarios.Names() {
		data, _ := scenarios.Lookup(s)
		sc, err := inputs.Parse(scenarios.Label(s), data)
		if err != nil || sc.Model != name {
			continue
		}
		cfg := model.Config{Medians: inputs.Medians(sc.Factors)}
		if _, err := model.New(name, cfg); err == nil {
			return cfg, ""
		}
		cfg.Params = sc.Params
		return cfg, sc.File
	}
	return model.Config{}, ""
}
