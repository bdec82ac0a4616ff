package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"mc/inputs"
)

// writeFactorsMarkdown prints a scenario's factors as a Markdown table
// (`mc factors --markdown`): the factor tables of the docs are generated
// from the scenario files, so that they cannot drift from what runs.
func writeFactorsMarkdown(w io.Writer, sc *inputs.Scenario) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "| Factor | Description | Unit | Distribution | 5 % | 50 % | 95 % | Group | Source |")
	fmt.Fprintln(bw, "|---|---|---|---|---|---|---|---|---|")
	for _, f := range sc.Factors {
		dist := "-"
		if f.Dist != nil {
			dist = f.Dist.String()
		}
		var q5, q50, q95 float64
		if f.Fixed {
			q5, q50, q95 = f.Value, f.Value, f.Value
			dist = fmt.Sprintf("fixed at %g (%s)", f.Value, dist)
		} else {
			q5, q50, q95 = f.Dist.Quantile(0.05), f.Dist.Quantile(0.5), f.Dist.Quantile(0.95)
		}
		fmt.Fprintf(bw, "| `%s` | %s | %s | %s | %.3g | %.3g | %.3g | %s | %s |\n",
			f.Name, mdCell(f.Description), mdCell(f.Unit), mdCell(dist), q5, q50, q95, mdCell(f.Group), mdCell(f.Source))
	}
	return bw.Flush()
}

// mdCell escapes what would break a Markdown table cell; "-" when empty.
func mdCell(s string) string {
	if s == "" {
		return "-"
	}
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
