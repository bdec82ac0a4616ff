package report

import (
	"math"

	"mc/engine"
	"mc/results"
)

// The comparison charts of a report (mc compare BASE MEASURE...): for each
// criterion total, the relative change (variant − base)/|base| of every
// measure over the years as small multiples of fans, P(reduction >
// threshold) per measure and year, and the measures ranked by median
// relative change in chosen years, as mc compare prints them.

// Compare holds the comparison of K measures (variant scenarios) with a base.
type Compare struct {
	Threshold num          `json:"threshold"` // in %
	Measures  []string     `json:"measures"`  // in the order of compare.parquet
	Years     []int        `json:"years"`     // years of the ranking tables
	Outputs   []CompareOut `json:"outputs"`
}

// CompareOut is the comparison of every measure on one output.
type CompareOut struct {
	Output string      `json:"output"`
	Unit   string      `json:"unit"` // of the base medians in the ranking tables
	Rel    []RelPt     `json:"rel"`  // by measure, then year
	Ranks  []RankTable `json:"ranks"`
}

// RelPt is one measure's relative change (in %) in one year, with
// P(reduction > threshold) in %.
type RelPt struct {
	Measure string `json:"measure"`
	Year    *int32 `json:"year"`
	Q5      num    `json:"q5"`
	Q25     num    `json:"q25"`
	Q50     num    `json:"q50"`
	Q75     num    `json:"q75"`
	Q95     num    `json:"q95"`
	Mean    num    `json:"mean"`
	P       num    `json:"p"`
}

// RankTable ranks the measures on one output in one year (nil: a scalar).
type RankTable struct {
	Year    *int32    `json:"year"`
	BaseQ50 num       `json:"base_q50"` // in Unit
	Rows    []RankRow `json:"rows"`
}

// RankRow is one measure in a ranking: relative changes and P in %.
type RankRow struct {
	Measure string `json:"measure"`
	Q50     num    `json:"q50"`
	Q5      num    `json:"q5"`
	Q95     num    `json:"q95"`
	Mean    num    `json:"mean"`
	P       num    `json:"p"`
	Flag    string `json:"flag,omitempty"`
}

// rankYears are the years of the ranking tables: those of mc compare's
// default --years the results have, else the last year.
func rankYears(rows []results.CompareRow) []int {
	have := map[int]bool{}
	last := math.MinInt
	for _, r := range rows {
		if r.Year != nil {
			have[int(*r.Year)] = true
			last = max(last, int(*r.Year))
		}
	}
	var ys []int
	for _, y := range defaultRankYears {
		if have[y] {
			ys = append(ys, y)
		}
	}
	if len(ys) == 0 && last != math.MinInt {
		ys = []int{last}
	}
	return ys
}

// defaultRankYears are mc compare's default --years.
var defaultRankYears = []int{2030, 2050}

// compareCharts shows the criterion totals of a comparison (or, for a model
// without them, every compared output).
func compareCharts(d *Data) *Compare {
	if len(d.Compare) == 0 {
		return nil
	}
	c := &Compare{Threshold: num(100 * d.Compare[0].Threshold), Years: rankYears(d.Compare)}
	var outs []outInfo
	seenO, seenM := map[string]bool{}, map[string]bool{}
	for _, r := range d.Compare {
		if !seenO[r.Output] {
			seenO[r.Output] = true
			outs = append(outs, outInfo{Name: r.Output, Unit: r.Unit, Traj: r.Year != nil, Order: len(outs)})
		}
		if !seenM[r.Measure] {
			seenM[r.Measure] = true
			c.Measures = append(c.Measures, r.Measure)
		}
	}
	var shown []string
	for _, cr := range selectCriteria(outs) {
		shown = append(shown, cr.Total)
	}
	if len(shown) == 0 {
		for _, o := range outs {
			shown = append(shown, o.Name)
		}
	}
	mag := map[string]float64{}
	for _, r := range d.Compare {
		mag[r.Output] = max(mag[r.Output], math.Abs(r.BaseQ50))
	}
	units := map[string]string{}
	for _, o := range outs {
		units[o.Name] = o.Unit
	}
	ranked, _ := engine.Rank(d.Compare, shown, c.Years)
	for _, name := range shown {
		s := ScaleFor(units[name], name, mag[name])
		co := CompareOut{Output: name, Unit: s.Unit}
		for _, r := range d.Compare {
			if r.Output == name {
				co.Rel = append(co.Rel, RelPt{Measure: r.Measure, Year: r.Year,
					Q5: num(100 * r.RelQ5), Q25: num(100 * r.RelQ25), Q50: num(100 * r.RelQ50), Q75: num(100 * r.RelQ75),
					Q95: num(100 * r.RelQ95), Mean: num(100 * r.RelMean), P: num(100 * r.PReduction)})
			}
		}
		for _, rk := range ranked {
			if rk.Output != name {
				continue
			}
			t := RankTable{Year: rk.Year, BaseQ50: num(rk.Rows[0].BaseQ50 * s.Factor)}
			for _, x := range rk.Rows {
				t.Rows = append(t.Rows, RankRow{Measure: x.Measure, Q50: num(100 * x.RelQ50), Q5: num(100 * x.RelQ5),
					Q95: num(100 * x.RelQ95), Mean: num(100 * x.RelMean), P: num(100 * x.PReduction), Flag: x.Flag})
			}
			co.Ranks = append(co.Ranks, t)
		}
		c.Outputs = append(c.Outputs, co)
	}
	return c
}
