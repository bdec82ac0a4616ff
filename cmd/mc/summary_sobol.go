package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"mc/engine"
	"mc/inputs"
	"mc/results"
)

// summaryIndexYears are the years whose Sobol' indices the summary shows
// beside the aggregate over all years (mc run --index-years).
var summaryIndexYears = []int{2030, 2040, 2050}

// maxPrintedWidth is the widest confidence interval the summary prints: an
// index known only to ±0.05 or worse is not information a reader can use.
const maxPrintedWidth = 0.1

// wideCell is printed instead of an index whose interval is too wide.
const wideCell = "±wide, raise N"

// indexCell formats an estimate and the half-width of its (symmetric)
// interval, or wideCell when the interval is wider than maxPrintedWidth.
func indexCell(est, lo, hi float64) (string, bool) {
	if !(hi-lo <= maxPrintedWidth) {
		return wideCell, false
	}
	return fmt.Sprintf("%.3f ±%.3f", est, (hi-lo)/2), true
}

// sobolEntry is one factor or group of one ranking: its index over all
// years (or of a scalar output) and in each year.
type sobolEntry struct {
	name   string
	all    *results.SobolRow
	byYear map[int32]results.SobolRow
}

// printSobol ranks factors or groups by total index (over all years for a
// trajectory), per index output, and shows the indices of the chosen years.
// Levers and exogenous uncertainties are ranked in separate tables when the
// scenario says which group is which (groups: or the lever: prefix).
func printSobol(w io.Writer, p *engine.Plan, rows []results.SobolRow, years []int) {
	type key struct{ output, by string }
	entries := map[key][]*sobolEntry{}
	scale := map[string]string{}
	var order []key
	for i := range rows {
		r := rows[i]
		k := key{r.Output, r.By}
		if _, ok := entries[k]; !ok {
			order = append(order, k)
		}
		var e *sobolEntry
		for _, x := range entries[k] {
			if x.name == r.Name {
				e = x
			}
		}
		if e == nil {
			e = &sobolEntry{name: r.Name, byYear: map[int32]results.SobolRow{}}
			entries[k] = append(entries[k], e)
		}
		if r.Year == nil {
			e.all = &rows[i]
		} else {
			e.byYear[*r.Year] = r
		}
		scale[r.Output] = r.Scale
	}
	kindOf := groupKinds(p)
	var st summaryState
	for i, k := range order {
		if i >= maxSummaryOutputs {
			fmt.Fprintf(w, "\n… %d more outputs in sobol.parquet\n", len(order)-i)
			break
		}
		es := entries[k]
		sort.SliceStable(es, func(i, j int) bool { return rankST(es[i]) > rankST(es[j]) })
		var shown []int32
		for _, y := range years {
			for _, e := range es {
				if _, ok := e.byYear[int32(y)]; ok {
					shown = append(shown, int32(y))
					break
				}
			}
		}
		kinds := map[string][]*sobolEntry{}
		for _, e := range es {
			kd := kindOf(k.by, e.name)
			kinds[kd] = append(kinds[kd], e)
		}
		what := map[string]string{"factor": "factors", "group": "groups"}[k.by]
		title := k.output
		if sc := scale[k.output]; sc == inputs.ScaleLog {
			title = "log " + k.output
		}
		if len(kinds[""]) == len(es) {
			st.table(w, fmt.Sprintf("Sobol' indices of %s by %s", title, what), es, shown)
			continue
		}
		st.table(w, fmt.Sprintf("LEVERS — Sobol' indices of %s by %s", title, what), kinds[inputs.GroupLever], shown)
		st.table(w, fmt.Sprintf("EXOGENOUS uncertainties — Sobol' indices of %s by %s", title, what), kinds[inputs.GroupExogenous], shown)
		if len(kinds[""]) > 0 {
			st.table(w, fmt.Sprintf("not classified (no group kind) — Sobol' indices of %s by %s", title, what), kinds[""], shown)
		}
	}
	if st.wide {
		fmt.Fprintf(w, "\nnote: %q stands for an index whose 95 %% interval is wider than %g: it is in sobol.parquet, but N is too small to read it.\n", wideCell, maxPrintedWidth)
	}
	if st.outside {
		fmt.Fprintln(w, "\nnote: some estimates are below 0 or above 1: they are shown as estimated, not clipped; N is too small for them to be precise (see the CIs and convergence.parquet).")
	}
	noteZeroVariance(w, rows)
}

// noteZeroVariance names the outputs that did not vary over the run: their
// indices are undefined, not a precise zero.
func noteZeroVariance(w io.Writer, rows []results.SobolRow) {
	var still []string
	seen := map[string]bool{}
	for _, r := range rows {
		if r.ZeroVariance && !seen[r.Output] {
			seen[r.Output] = true
			still = append(still, r.Output)
		}
	}
	if len(still) == 0 {
		return
	}
	its := "its"
	if len(still) > 1 {
		its = "their"
	}
	fmt.Fprintf(w, "\nnote: %s did not vary over the run (zero variance): %s Sobol' indices are undefined, written as 0 with [0, 0] and zero_variance = true in sobol.parquet.\n",
		strings.Join(still, ", "), its)
}

// groupKinds returns the kind (lever, exogenous or "") of a factor or group
// of a ranking by factor or by group: a factor has the kind of its group.
func groupKinds(p *engine.Plan) func(by, name string) string {
	groupOf := map[string]string{}
	for _, f := range p.Factors {
		groupOf[f.Name] = f.Group
		if f.Group == "" {
			groupOf[f.Name] = f.Name
		}
	}
	return func(by, name string) string {
		if by == "factor" {
			name = groupOf[name]
		}
		return p.Scenario.GroupKind(name)
	}
}

// rankST is what a ranking sorts by: the total index over all years (or of
// the scalar output).
func rankST(e *sobolEntry) float64 {
	if e.all != nil {
		return e.all.ST
	}
	return 0
}

type summaryState struct{ wide, outside bool }

// table prints one ranking: total and first-order indices over all years,
// then the total index in each year shown.
func (st *summaryState) table(w io.Writer, title string, es []*sobolEntry, years []int32) {
	if len(es) == 0 {
		return
	}
	n := int64(0)
	if es[0].all != nil {
		n = es[0].all.N
	}
	agg := ""
	if len(years) > 0 {
		agg = " over all years"
	}
	fmt.Fprintf(w, "\n%s (N = %d; estimate ±half-width of the 95 %% CI):\n", title, n)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"rank", "name", "ST" + agg, "S1" + agg}
	for _, y := range years {
		head = append(head, fmt.Sprintf("ST %d", y))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	cell := func(est, lo, hi float64) string {
		c, ok := indexCell(est, lo, hi)
		if !ok {
			st.wide = true
		} else if est < 0 || est > 1 {
			st.outside = true
		}
		return c
	}
	for j, e := range es {
		if j == maxRanked {
			fmt.Fprintf(tw, "…\t%d more in sobol.parquet\t\n", len(es)-j)
			break
		}
		cells := []string{fmt.Sprint(j + 1), e.name, "-", "-"}
		if r := e.all; r != nil {
			cells[2], cells[3] = cell(r.ST, r.STLo, r.STHi), cell(r.S1, r.S1Lo, r.S1Hi)
		}
		for _, y := range years {
			c := "-"
			if r, ok := e.byYear[y]; ok {
				c = cell(r.ST, r.STLo, r.STHi)
			}
			cells = append(cells, c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
}

// describeIndices tells, before a sensitivity run, which index outputs are
// analysed on log scale and which groups are levers.
func describeIndices(w io.Writer, p *engine.Plan) {
	if p.Method == "mc" {
		return
	}
	var logs []string
	for i, c := range p.Indices {
		if n := p.Series[c].Name; p.IndexScales[i] == inputs.ScaleLog && (len(logs) == 0 || logs[len(logs)-1] != n) {
			logs = append(logs, n)
		}
	}
	if len(logs) > 0 {
		fmt.Fprintf(w, "indices of log y for %s\n", strings.Join(logs, ", "))
	}
	kinds := map[string][]string{}
	seen := map[string]bool{}
	for _, fi := range p.Sampled {
		g := p.Factors[fi].Group
		if g == "" {
			g = p.Factors[fi].Name
		}
		if !seen[g] {
			seen[g] = true
			k := p.Scenario.GroupKind(g)
			kinds[k] = append(kinds[k], g)
		}
	}
	if len(kinds[inputs.GroupLever])+len(kinds[inputs.GroupExogenous]) > 0 {
		fmt.Fprintf(w, "levers: %s; exogenous: %s\n", listOrNone(kinds[inputs.GroupLever]), listOrNone(kinds[inputs.GroupExogenous]))
	}
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
