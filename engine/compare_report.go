package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"mc/results"
)

// Rows turns the bands of a comparison run into compare.parquet rows, measure
// by measure (in the order of the variants), then output and year.
//
// Every statistic of a series depends only on that series' values, and the
// quantiles are always those of the sketch (within SketchAlpha = 0.5 %,
// relative, of the exact order statistic; a constant series is exact):
// comparing K variants at once gives the rows of K pairwise comparisons bit
// for bit. Means, extremes and P(reduction) are exact.
func (c *Comparison) Rows(t *Tables) ([]results.CompareRow, error) {
	S := len(c.Compared)
	if want := S * (1 + secPerVariant*len(c.Variants)); len(t.Bands) != want {
		return nil, fmt.Errorf("engine: comparison has %d band rows, want %d", len(t.Bands), want)
	}
	var rows []results.CompareRow
	for k, name := range c.Names {
		at := S * (1 + secPerVariant*k)
		for i, cs := range c.Compared {
			base := t.Bands[i]
			d, r, red := t.Bands[at+secDiff*S+i], t.Bands[at+secRel*S+i], t.Bands[at+secReduced*S+i]
			se := c.Base.Series[cs]
			rows = append(rows, results.CompareRow{
				Measure: name, Output: se.Name, Unit: c.Base.Outputs[se.Output].Unit, Year: c.Base.yearOf(cs), N: r.N,
				Threshold: c.Threshold, PReduction: red.Mean,
				RelMean: r.Mean, RelQ5: r.Q5, RelQ25: r.Q25, RelQ50: r.Q50, RelQ75: r.Q75, RelQ95: r.Q95,
				DiffMean: d.Mean, DiffMin: d.Min, DiffQ5: d.Q5, DiffQ25: d.Q25, DiffQ50: d.Q50, DiffQ75: d.Q75, DiffQ95: d.Q95, DiffMax: d.Max,
				BaseMean: base.Mean, BaseQ50: base.Q50, Method: r.Method, Flag: joinFlags(base.Flag, d.Flag, r.Flag),
			})
		}
	}
	return rows, nil
}

// Ranked is the ranking of the measures for one criterion output in one
// year: rows sorted by median relative change, largest reduction first
// (ties: by P(reduction), then by name).
type Ranked struct {
	Output string
	Year   *int32
	Rows   []results.CompareRow
}

// Rank ranks the measures of rows for each criterion output (in the order
// given) and each year of years (scalar outputs: once). Years a trajectory
// does not have are reported in missing.
func Rank(rows []results.CompareRow, criteria []string, years []int) (ranked []Ranked, missing []string) {
	type key struct {
		output string
		year   int32
		scalar bool
	}
	by := map[key][]results.CompareRow{}
	hasYears := map[string]map[int32]bool{}
	for _, r := range rows {
		k := key{output: r.Output, scalar: r.Year == nil}
		if r.Year != nil {
			k.year = *r.Year
			if hasYears[r.Output] == nil {
				hasYears[r.Output] = map[int32]bool{}
			}
			hasYears[r.Output][*r.Year] = true
		}
		by[k] = append(by[k], r)
	}
	for _, o := range criteria {
		if g, ok := by[key{output: o, scalar: true}]; ok {
			ranked = append(ranked, Ranked{Output: o, Rows: sortMeasures(g)})
			continue
		}
		if hasYears[o] == nil {
			continue // not compared
		}
		for _, y := range years {
			g, ok := by[key{output: o, year: int32(y)}]
			if !ok {
				missing = append(missing, fmt.Sprintf("%s has no year %d", o, y))
				continue
			}
			yy := int32(y)
			ranked = append(ranked, Ranked{Output: o, Year: &yy, Rows: sortMeasures(g)})
		}
	}
	return ranked, missing
}

func sortMeasures(g []results.CompareRow) []results.CompareRow {
	g = append([]results.CompareRow(nil), g...)
	sort.SliceStable(g, func(i, j int) bool {
		a, b := g[i], g[j]
		if a.RelQ50 != b.RelQ50 {
			return a.RelQ50 < b.RelQ50
		}
		if a.PReduction != b.PReduction {
			return a.PReduction > b.PReduction
		}
		return a.Measure < b.Measure
	})
	return g
}

// joinFlags is the flags of the base, difference and relative-change bands of
// a compare row, each said once.
func joinFlags(flags ...string) string {
	var out []string
	for _, f := range flags {
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return strings.Join(out, "; ")
}
