package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"mc/engine"
	"mc/results"
)

// maxSummaryOutputs bounds what the terminal summary shows; the files have everything.
const maxSummaryOutputs = 12

// maxRanked bounds the rows of each ranking on the terminal.
const maxRanked = 10

// summaryYears are the years shown for trajectories (when the model has them).
var summaryYears = map[int32]bool{2024: true, 2030: true, 2040: true, 2050: true}

func printSummary(w io.Writer, p *engine.Plan, t *engine.Tables) {
	if len(t.Bands) > 0 {
		rows := t.Bands
		if len(p.Outputs) > maxSummaryOutputs {
			// Many outputs: show those that get indices (the model's headline outputs).
			want := map[string]bool{}
			for _, c := range p.Indices {
				want[p.Series[c].Name] = true
			}
			var sel []results.BandRow
			for _, r := range rows {
				if want[r.Output] {
					sel = append(sel, r)
				}
			}
			if len(sel) > 0 {
				rows = sel
			}
		}
		printBands(w, rows)
	}
	if len(t.Sobol) > 0 {
		printSobol(w, t.Sobol)
	}
	if len(t.Morris) > 0 {
		printMorris(w, t.Morris)
	}
}

func yearString(y *int32) string {
	if y == nil {
		return "-"
	}
	return fmt.Sprint(*y)
}

func printBands(w io.Writer, rows []results.BandRow) {
	fmt.Fprintln(w, "\nBands (median and 90 % band; every output and year is in bands.parquet):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "output\tyear\tmean\tq5\tq50\tq95\tunit\t")
	outputs := 0
	last := ""
	for _, r := range rows {
		if r.Output != last {
			outputs++
			last = r.Output
		}
		if outputs > maxSummaryOutputs {
			fmt.Fprintf(tw, "…\t\t\t\t\t\t\t\n")
			break
		}
		if r.Year != nil && len(rows) > maxSummaryOutputs && !summaryYears[*r.Year] {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%.4g\t%.4g\t%.4g\t%.4g\t%s\t\n", r.Output, yearString(r.Year), r.Mean, r.Q5, r.Q50, r.Q95, r.Unit)
	}
	tw.Flush()
}

// printSobol ranks factors or levers by total index, per scalar output and
// aggregated over the years for trajectories.
func printSobol(w io.Writer, rows []results.SobolRow) {
	type key struct{ output, by string }
	groups := map[key][]results.SobolRow{}
	var order []key
	for _, r := range rows {
		if r.Year != nil {
			continue // per-year indices are in sobol.parquet
		}
		k := key{r.Output, r.By}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	outside := false
	for i, k := range order {
		if i >= maxSummaryOutputs {
			fmt.Fprintf(w, "\n… %d more rankings in sobol.parquet\n", len(order)-i)
			break
		}
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool { return g[i].ST > g[j].ST })
		what := "factors"
		if k.by == "group" {
			what = "levers (groups)"
		}
		agg := ""
		if g[0].Kind == "aggregate" {
			agg = ", aggregated over the years"
		}
		fmt.Fprintf(w, "\nSobol' indices of %s by %s%s (N = %d, 95 %% CI):\n", k.output, what, agg, g[0].N)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "rank\tname\tST\t[lo, hi]\tS1\t[lo, hi]\t")
		for j, r := range g {
			if j == maxRanked {
				fmt.Fprintf(tw, "…\t%d more in sobol.parquet\t\t\t\t\t\n", len(g)-j)
				break
			}
			fmt.Fprintf(tw, "%d\t%s\t%.3f\t[%.3f, %.3f]\t%.3f\t[%.3f, %.3f]\t\n", j+1, r.Name, r.ST, r.STLo, r.STHi, r.S1, r.S1Lo, r.S1Hi)
			if r.S1 < 0 || r.S1 > 1 || r.ST < 0 || r.ST > 1 {
				outside = true
			}
		}
		tw.Flush()
	}
	var still []string
	seen := map[string]bool{}
	for _, r := range rows {
		if r.ZeroVariance && !seen[r.Output] {
			seen[r.Output] = true
			still = append(still, r.Output)
		}
	}
	if len(still) > 0 {
		its := "its"
		if len(still) > 1 {
			its = "their"
		}
		fmt.Fprintf(w, "\nnote: %s did not vary over the run (zero variance): %s Sobol' indices are undefined, written as 0 with [0, 0] and zero_variance = true in sobol.parquet.\n",
			strings.Join(still, ", "), its)
	}
	if outside {
		fmt.Fprintln(w, "\nnote: some estimates are below 0 or above 1: they are shown as estimated, not clipped; N is too small for them to be precise (see the CIs and convergence.parquet).")
	}
}

func printMorris(w io.Writer, rows []results.MorrisRow) {
	type key struct{ output, year string }
	groups := map[key][]results.MorrisRow{}
	var order []key
	for _, r := range rows {
		k := key{r.Output, yearString(r.Year)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	for i, k := range order {
		if i >= maxSummaryOutputs {
			fmt.Fprintf(w, "\n… %d more rankings in morris.parquet\n", len(order)-i)
			break
		}
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool { return g[i].MuStar > g[j].MuStar })
		title := k.output
		if k.year != "-" {
			title += " in " + k.year
		}
		fmt.Fprintf(w, "\nMorris elementary effects of %s (r = %d):\n", title, g[0].R)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "rank\tname\tmu*\t[lo, hi]\tmu\tsigma\t")
		for j, r := range g {
			fmt.Fprintf(tw, "%d\t%s\t%.4g\t[%.4g, %.4g]\t%.4g\t%.4g\t\n", j+1, r.Name, r.MuStar, r.MuStarLo, r.MuStarHi, r.Mu, r.Sigma)
		}
		tw.Flush()
	}
}
