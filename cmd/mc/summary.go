package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"text/tabwriter"

	"mc/engine"
	"mc/inputs"
	htmlreport "mc/report"
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
		printBandFlags(w, t.Bands)
	}
	if len(t.Sobol) > 0 {
		printSobol(w, p, t.Sobol, summaryIndexYears) // cmd/mc/summary_sobol.go
	}
	if len(t.Morris) > 0 {
		printMorris(w, p, t.Morris, summaryIndexYears)
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
	// Each output in the unit people use (TWh, Mt CO2e, …), chosen from its
	// largest median, as in report.html.
	mag := map[string]float64{}
	for _, r := range rows {
		mag[r.Output] = max(mag[r.Output], math.Abs(r.Q50))
	}
	outputs := 0
	last := ""
	var sc htmlreport.Scale
	for _, r := range rows {
		if r.Output != last {
			outputs++
			last = r.Output
			sc = htmlreport.ScaleFor(r.Unit, r.Output, mag[r.Output])
		}
		if outputs > maxSummaryOutputs {
			fmt.Fprintf(tw, "…\t\t\t\t\t\t\t\n")
			break
		}
		if r.Year != nil && len(rows) > maxSummaryOutputs && !summaryYears[*r.Year] {
			continue
		}
		f := sc.Factor
		fmt.Fprintf(tw, "%s\t%s\t%.4g\t%.4g\t%.4g\t%.4g\t%s\t\n", r.Output, yearString(r.Year), f*r.Mean, f*r.Q5, f*r.Q50, f*r.Q95, sc.Unit)
	}
	tw.Flush()
}

// printMorris ranks factors or groups by μ* per index output (per year of
// the summary's years for a trajectory), levers apart from exogenous
// uncertainties when the scenario says which is which.
func printMorris(w io.Writer, p *engine.Plan, rows []results.MorrisRow, years []int) {
	type key struct{ output, year, by string }
	want := map[int32]bool{}
	for _, y := range years {
		want[int32(y)] = true
	}
	groups := map[key][]results.MorrisRow{}
	var order []key
	for _, r := range rows {
		if r.Year != nil && !want[*r.Year] {
			continue // every year is in morris.parquet
		}
		k := key{r.Output, yearString(r.Year), r.By}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	kindOf := groupKinds(p)
	for i, k := range order {
		if i >= maxSummaryOutputs {
			fmt.Fprintf(w, "\n… %d more rankings in morris.parquet\n", len(order)-i)
			break
		}
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool { return g[i].MuStar > g[j].MuStar })
		title := k.output
		if g[0].Scale == inputs.ScaleLog {
			title = "log " + title
		}
		if k.year != "-" {
			title += " in " + k.year
		}
		kinds := map[string][]results.MorrisRow{}
		for _, r := range g {
			kd := kindOf(k.by, r.Name)
			kinds[kd] = append(kinds[kd], r)
		}
		what := map[string]string{"factor": "factors", "group": "groups"}[k.by]
		if len(kinds[""]) == len(g) {
			morrisTable(w, fmt.Sprintf("Morris elementary effects of %s by %s", title, what), g)
			continue
		}
		morrisTable(w, fmt.Sprintf("LEVERS — Morris elementary effects of %s by %s", title, what), kinds[inputs.GroupLever])
		morrisTable(w, fmt.Sprintf("EXOGENOUS uncertainties — Morris elementary effects of %s by %s", title, what), kinds[inputs.GroupExogenous])
		morrisTable(w, fmt.Sprintf("not classified (no group kind) — Morris elementary effects of %s by %s", title, what), kinds[""])
	}
}

func morrisTable(w io.Writer, title string, g []results.MorrisRow) {
	if len(g) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (r = %d):\n", title, g[0].R)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "rank\tname\tmu*\t[lo, hi]\tmu\tsigma\t")
	for j, r := range g {
		if j == maxRanked {
			fmt.Fprintf(tw, "…\t%d more in morris.parquet\t\n", len(g)-j)
			break
		}
		fmt.Fprintf(tw, "%d\t%s\t%.4g\t[%.4g, %.4g]\t%.4g\t%.4g\t\n", j+1, r.Name, r.MuStar, r.MuStarLo, r.MuStarHi, r.Mu, r.Sigma)
	}
	tw.Flush()
}
