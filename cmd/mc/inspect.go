package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate", "SCENARIO", "Checks a scenario file against its model and prints what a run would do.", args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("validate takes one scenario file")
	}
	p, err := planFor(pos[0], &pf)
	if err != nil {
		return err
	}
	for _, n := range p.Notes {
		fmt.Fprintf(stdout, "note: %s\n", n)
	}
	fmt.Fprintf(stdout, "%s: ok\n", p.Scenario.File)
	describePlan(stdout, p)
	return nil
}

func cmdFactors(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("factors", "[SCENARIO]", "Lists the factors of a scenario (default: the embedded one): distribution, unit, group, 5/50/95 % quantiles, description and source.", args, stdout, stderr)
	md := fs.Bool("markdown", false, "print a Markdown table (as in docs/ai-model.md)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("factors takes one scenario file")
	}
	path := ""
	if len(pos) == 1 {
		path = pos[0]
	}
	sc, err := loadScenario(path)
	if err != nil {
		return err
	}
	if *md {
		return writeFactorsMarkdown(stdout, sc)
	}
	fmt.Fprintf(stdout, "scenario %s: model %s, %d factors\n\n", sc.File, sc.Model, len(sc.Factors))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "factor\tdistribution\tunit\tgroup\tq5\tq50\tq95\tdescription\tsource")
	for _, f := range sc.Factors {
		dist := "-"
		if f.Dist != nil {
			dist = f.Dist.String()
		}
		var q5, q50, q95 float64
		if f.Fixed {
			q5, q50, q95 = f.Value, f.Value, f.Value
			if f.Dist != nil {
				dist = fmt.Sprintf("fixed at %g (%s)", f.Value, dist)
			} else {
				dist = fmt.Sprintf("fixed at %g", f.Value)
			}
		} else {
			q5, q50, q95 = f.Dist.Quantile(0.05), f.Dist.Quantile(0.5), f.Dist.Quantile(0.95)
		}
		group := f.Group
		if group == "" {
			group = "-"
		}
		unit := f.Unit
		if unit == "" {
			unit = "-"
		}
		desc := f.Description
		if desc == "" {
			desc = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.4g\t%.4g\t%.4g\t%s\t%s\n", f.Name, dist, unit, group, q5, q50, q95, desc, f.Source)
	}
	return tw.Flush()
}
