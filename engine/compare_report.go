package engine

import (
	"mc/results"
)

// CompareRows turns the bands of a comparison run into compare.parquet rows.
func CompareRows(bandRows []results.BandRow, threshold float64) []results.CompareRow {
	type key struct {
		output string
		year   int32
		scalar bool
	}
	reduced := map[key]float64{}
	k := func(r results.BandRow, output string) key {
		if r.Year == nil {
			return key{output, 0, true}
		}
		return key{output, *r.Year, false}
	}
	for _, r := range bandRows {
		if m, o := SplitCompareOutput(r.Output); m == "reduced" {
			reduced[k(r, o)] = r.Mean
		}
	}
	names := map[string]string{"base": "base", "variant": "variant", "diff": "difference", "rel": "relative"}
	var rows []results.CompareRow
	for _, r := range bandRows {
		m, o := SplitCompareOutput(r.Output)
		measure, ok := names[m]
		if !ok {
			continue
		}
		row := results.CompareRow{Output: o, Unit: r.Unit, Year: r.Year, Measure: measure, N: r.N, Mean: r.Mean, SD: r.SD,
			Min: r.Min, Q2_5: r.Q2_5, Q5: r.Q5, Q25: r.Q25, Q50: r.Q50, Q75: r.Q75, Q95: r.Q95, Q97_5: r.Q97_5, Max: r.Max, Threshold: threshold, Flag: r.Flag}
		if m == "rel" {
			p := reduced[k(r, o)]
			row.PReduction = &p
		}
		rows = append(rows, row)
	}
	return rows
}
