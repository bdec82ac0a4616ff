package engine

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"

	"mc/bands"
	"mc/results"
	"mc/sensitivity"
)

// Version is mc's version, stored in every result file.
var Version = "0.1.0"

// Tables are the rows of the result files.
type Tables struct {
	Bands       []results.BandRow
	Sobol       []results.SobolRow
	Sobol2      []results.Sobol2Row
	Convergence []results.ConvergenceRow
	Morris      []results.MorrisRow
}

// Meta is the key-value metadata of every result file.
func (o *Outcome) Meta() results.Meta {
	p := o.Plan
	m := results.Meta{
		"mc.version":       Version,
		"mc.scenario":      string(p.Scenario.Text),
		"mc.scenario_file": p.Scenario.File, // the path as given, or embedded:NAME
		"mc.model":         p.Scenario.Model,
		"mc.method":        p.Method,
		"mc.design":        p.Design,
		"mc.seed":          strconv.FormatUint(p.Seed, 10),
		"mc.samples":       strconv.Itoa(p.N),
		"mc.evaluations":   strconv.FormatInt(p.Evaluations(), 10),
		"mc.design_hash":   p.Hash(),
	}
	if p.Method == "sobol" {
		m["mc.replicates"] = strconv.Itoa(p.Replicates)
		m["mc.by"] = p.By
	}
	if o.Exact {
		m["mc.quantiles"] = "exact (Hyndman-Fan type 7)"
	} else {
		m["mc.quantiles"] = fmt.Sprintf("sketch, relative accuracy %g (Hyndman-Fan type 7 of the rank estimates)", SketchAlpha)
	}
	return m
}

func (p *Plan) yearOf(series int) *int32 {
	se := p.Series[series]
	return results.YearPtr(se.Year, p.Outputs[se.Output].Years != nil)
}

// Tables merges the outcome's states and turns them into result rows.
func (o *Outcome) Tables() (*Tables, error) {
	st, err := o.result()
	if err != nil {
		return nil, err
	}
	p := o.Plan
	t := &Tables{}
	if st.Bands != nil {
		method := "exact"
		if !o.Exact {
			method = fmt.Sprintf("sketch(%g)", SketchAlpha)
		}
		if o.Quantiles == nil {
			return nil, fmt.Errorf("engine: no quantiles accumulated")
		}
		bs, err := bands.BandsOf(st.Bands, o.Quantiles)
		if err != nil {
			return nil, err
		}
		for i, b := range bs {
			c := p.Bands[i]
			se := p.Series[c]
			t.Bands = append(t.Bands, results.BandRow{
				Output: se.Name, Unit: p.Outputs[se.Output].Unit, Year: p.yearOf(c), N: int64(b.N),
				Mean: b.Mean, SD: b.SD, Min: b.Min, Max: b.Max,
				Q2_5: b.Q025, Q5: b.Q05, Q25: b.Q25, Q50: b.Q50, Q75: b.Q75, Q95: b.Q95, Q97_5: b.Q975,
				Method: method, Flag: b.Flag,
			})
		}
	}
	if st.Sobol != nil {
		est := p.Estimators()
		idx, err := st.Sobol.Indices(est)
		if err != nil {
			return nil, p.nameSeries(err)
		}
		t.Sobol = p.sobolRows(idx)
		// Aggregated indices over the years of each trajectory output.
		for o, out := range p.Outputs {
			if out.Years == nil {
				continue
			}
			var series []int
			scale := ""
			for i, c := range p.Indices {
				if p.Series[c].Output == o {
					series = append(series, i)
					scale = p.IndexScales[i] // one scale per output
				}
			}
			if len(series) == 0 {
				continue
			}
			agg, err := st.Sobol.Aggregate(series, est)
			if err != nil {
				return nil, p.nameSeries(err)
			}
			for _, s := range p.Sets {
				for _, x := range agg {
					if x.Set != s.Eval {
						continue
					}
					t.Sobol = append(t.Sobol, results.SobolRow{Output: out.Name, Kind: "aggregate", By: s.By, Name: s.Name,
						S1: x.S1, S1Lo: x.S1Lo, S1Hi: x.S1Hi, ST: x.ST, STLo: x.STLo, STHi: x.STHi, N: int64(x.N), Scale: scale, ZeroVariance: x.ZeroVariance})
				}
			}
		}
		if p.Scenario.Sobol.SecondOrder {
			s2, err := st.Sobol.SecondOrderIndices(est)
			if err != nil {
				return nil, p.nameSeries(err)
			}
			t.Sobol2 = p.sobol2Rows(s2)
		}
		conv := append([]ConvPoint(nil), o.Convergence...)
		sort.SliceStable(conv, func(i, j int) bool { return conv[i].N < conv[j].N })
		for _, c := range conv {
			for _, r := range p.sobolRows(c.Indices) {
				t.Convergence = append(t.Convergence, results.ConvergenceRow{N: int64(c.N), Output: r.Output, Year: r.Year,
					Kind: r.Kind, By: r.By, Name: r.Name, S1: r.S1, S1Lo: r.S1Lo, S1Hi: r.S1Hi, ST: r.ST, STLo: r.STLo, STHi: r.STHi, Scale: r.Scale})
			}
		}
	}
	if st.Morris != nil {
		mi, err := st.Morris.Indices()
		if err != nil {
			return nil, err
		}
		// mi is ordered by series then set: the rows come out series by series.
		for _, x := range mi {
			c := p.Indices[x.Series]
			for _, s := range p.Sets {
				if s.Eval != x.Set {
					continue
				}
				t.Morris = append(t.Morris, results.MorrisRow{Output: p.Series[c].Name, Year: p.yearOf(c), By: s.By, Name: s.Name,
					Mu: x.Mu, MuStar: x.MuStar, MuStarLo: x.MuStarLo, MuStarHi: x.MuStarHi, Sigma: x.Sigma, R: int64(x.R), Scale: p.IndexScales[x.Series]})
			}
		}
	}
	return t, nil
}

// nameSeries rewrites an error about the non-finite sums of an index series
// so that it names the output (and year) rather than a series number.
func (p *Plan) nameSeries(err error) error {
	var nf *sensitivity.NonFiniteError
	if !errors.As(err, &nf) || nf.Series < 0 || nf.Series >= len(p.Indices) {
		return err
	}
	c := p.Indices[nf.Series]
	se := p.Series[c]
	name := se.Name
	if p.Outputs[se.Output].Years != nil {
		name = fmt.Sprintf("%s[%d]", se.Name, se.Year)
	}
	return fmt.Errorf("output %s: the Sobol' sums are not finite (the model produced values too large to square and add, or NaN/±Inf): %w", name, err)
}

// sobolRows lists indices set by set in the plan's order, series by series.
func (p *Plan) sobolRows(idx []sensitivity.Index) []results.SobolRow {
	bySeries := make(map[[2]int]sensitivity.Index, len(idx))
	for _, x := range idx {
		bySeries[[2]int{x.Series, x.Set}] = x
	}
	var rows []results.SobolRow
	for i, c := range p.Indices {
		for _, s := range p.Sets {
			x, ok := bySeries[[2]int{i, s.Eval}]
			if !ok {
				continue
			}
			rows = append(rows, results.SobolRow{Output: p.Series[c].Name, Year: p.yearOf(c), Kind: s.By, By: s.By, Name: s.Name,
				S1: x.S1, S1Lo: x.S1Lo, S1Hi: x.S1Hi, ST: x.ST, STLo: x.STLo, STHi: x.STHi, N: int64(x.N), Scale: p.IndexScales[i], ZeroVariance: x.ZeroVariance})
		}
	}
	return rows
}

func (p *Plan) sobol2Rows(idx []sensitivity.Index2) []results.Sobol2Row {
	var rows []results.Sobol2Row
	for _, x := range idx {
		c := p.Indices[x.Series]
		for _, si := range p.Sets {
			if si.Eval != x.SetI {
				continue
			}
			for _, sj := range p.Sets {
				if sj.Eval != x.SetJ || sj.By != si.By {
					continue
				}
				rows = append(rows, results.Sobol2Row{Output: p.Series[c].Name, Year: p.yearOf(c), By: si.By, NameI: si.Name, NameJ: sj.Name,
					S2: x.S2, S2Lo: x.S2Lo, S2Hi: x.S2Hi, N: int64(x.N), Scale: p.IndexScales[x.Series], ZeroVariance: x.ZeroVariance})
			}
		}
	}
	return rows
}

// Write writes the tables to dir: bands.parquet, and sobol.parquet,
// sobol2.parquet, convergence.parquet or morris.parquet as the method has them.
// It returns the paths written.
func (t *Tables) Write(dir string, meta results.Meta) ([]string, error) {
	var written []string
	write := func(name string, f func(string) error) error {
		path := filepath.Join(dir, name)
		if err := f(path); err != nil {
			return err
		}
		written = append(written, path)
		return nil
	}
	var err error
	if t.Bands != nil {
		err = write("bands.parquet", func(p string) error { return results.WriteRows(p, t.Bands, meta) })
	}
	if err == nil && t.Sobol != nil {
		err = write("sobol.parquet", func(p string) error { return results.WriteRows(p, t.Sobol, meta) })
	}
	if err == nil && t.Sobol2 != nil {
		err = write("sobol2.parquet", func(p string) error { return results.WriteRows(p, t.Sobol2, meta) })
	}
	if err == nil && t.Convergence != nil {
		err = write("convergence.parquet", func(p string) error { return results.WriteRows(p, t.Convergence, meta) })
	}
	if err == nil && t.Morris != nil {
		err = write("morris.parquet", func(p string) error { return results.WriteRows(p, t.Morris, meta) })
	}
	return written, err
}
