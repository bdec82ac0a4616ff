package report

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// The index charts (Sobol', Morris) and the comparison charts of a report.

func yearKey(y *int32) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(int(*y))
}

func sobolCharts(d *Data, years []int, crit []Criterion) ([]SobolOut, string) {
	if len(d.Sobol) == 0 {
		return nil, ""
	}
	by := "factor"
	for _, r := range d.Sobol {
		if r.By == "group" {
			by = "group"
		}
	}
	chosen := map[string]bool{"": true}
	for _, y := range years {
		chosen[strconv.Itoa(y)] = true
	}
	var order []string
	outs := map[string]*SobolOut{}
	get := func(name string) *SobolOut {
		o, ok := outs[name]
		if !ok {
			o = &SobolOut{Output: name, ByYear: map[string][]Index{}}
			outs[name] = o
			order = append(order, name)
		}
		return o
	}
	stAt := map[string]map[string]float64{} // output → set → ST used to rank (aggregate, else max over years)
	for _, r := range d.Sobol {
		if r.By != by {
			continue
		}
		o := get(r.Output)
		x := Index{r.Name, num(r.S1), num(r.S1Lo), num(r.S1Hi), num(r.ST), num(r.STLo), num(r.STHi)}
		if stAt[r.Output] == nil {
			stAt[r.Output] = map[string]float64{}
		}
		if r.Kind == "aggregate" {
			o.Aggregate = append(o.Aggregate, x)
			stAt[r.Output][r.Name] = math.Inf(1) // aggregate wins; set below
			continue
		}
		if chosen[yearKey(r.Year)] {
			o.ByYear[yearKey(r.Year)] = append(o.ByYear[yearKey(r.Year)], x)
		}
	}
	for _, name := range order {
		o := outs[name]
		rank := map[string]float64{}
		for _, a := range o.Aggregate {
			rank[a.Name] = float64(a.ST)
		}
		if len(o.Aggregate) == 0 {
			for _, xs := range o.ByYear {
				for _, x := range xs {
					rank[x.Name] = max(rank[x.Name], float64(x.ST))
				}
			}
		}
		var sets []string
		for s := range rank {
			sets = append(sets, s)
		}
		slices.SortFunc(sets, func(a, b string) int { return cmp.Or(cmp.Compare(rank[b], rank[a]), cmp.Compare(a, b)) })
		o.Top = sets[:min(maxTop, len(sets))]
	}
	top := func(o *SobolOut, name string) bool { return slices.Contains(o.Top, name) }
	for _, r := range d.Sobol {
		if r.By != by || r.Kind == "aggregate" || r.Year == nil {
			continue
		}
		o := outs[r.Output]
		if top(o, r.Name) {
			o.Ribbons = append(o.Ribbons, IndexPt{r.Name, int64(*r.Year), num(r.ST), num(r.STLo), num(r.STHi), num(r.S1)})
		}
	}
	for _, r := range d.Convergence {
		o, ok := outs[r.Output]
		if !ok || r.By != by || !chosen[yearKey(r.Year)] || !top(o, r.Name) {
			continue
		}
		if o.Conv == nil {
			o.Conv = map[string][]IndexPt{}
		}
		k := yearKey(r.Year)
		o.Conv[k] = append(o.Conv[k], IndexPt{r.Name, r.N, num(r.ST), num(r.STLo), num(r.STHi), num(r.S1)})
	}
	// Criterion totals first, in the order of the fan charts.
	pos := map[string]int{}
	for i, c := range crit {
		pos[c.Total.Output] = i + 1
	}
	var res []SobolOut
	for _, name := range order {
		res = append(res, *outs[name])
	}
	slices.SortStableFunc(res, func(a, b SobolOut) int {
		pa, pb := pos[a.Output], pos[b.Output]
		if pa == 0 {
			pa = math.MaxInt
		}
		if pb == 0 {
			pb = math.MaxInt
		}
		return cmp.Compare(pa, pb)
	})
	return res, by
}

func morrisCharts(d *Data, years []int) []MorrisOut {
	if len(d.Morris) == 0 {
		return nil
	}
	chosen := map[string]bool{"": true}
	for _, y := range years {
		chosen[strconv.Itoa(y)] = true
	}
	by := "factor"
	for _, r := range d.Morris {
		if r.By == "group" {
			by = "group"
		}
	}
	units := map[string]string{}
	for _, b := range d.Bands {
		units[b.Output] = b.Unit
	}
	var order []string
	outs := map[string]*MorrisOut{}
	factor := map[string]float64{}
	mag := map[string]float64{}
	for _, r := range d.Morris {
		if r.By == by {
			mag[r.Output] = max(mag[r.Output], math.Abs(r.MuStar), math.Abs(r.Sigma))
		}
	}
	for _, r := range d.Morris {
		if r.By != by || !chosen[yearKey(r.Year)] {
			continue
		}
		o, ok := outs[r.Output]
		if !ok {
			s := ScaleFor(units[r.Output], r.Output, mag[r.Output])
			o = &MorrisOut{Output: r.Output, Unit: s.Unit, ByYear: map[string][]MorrisPt{}}
			factor[r.Output] = s.Factor
			outs[r.Output] = o
			order = append(order, r.Output)
		}
		f := factor[r.Output]
		k := yearKey(r.Year)
		o.ByYear[k] = append(o.ByYear[k], MorrisPt{r.Name, num(r.MuStar * f), num(r.MuStarLo * f), num(r.MuStarHi * f), num(r.Sigma * f)})
	}
	var res []MorrisOut
	for _, n := range order {
		res = append(res, *outs[n])
	}
	return res
}
