package results

// Column names are lower_snake_case so that SQL (DuckDB) and dataframe
// attribute access work without quoting. Year is null for scalar outputs.

// BandRow is one row of bands.parquet: the distribution of one output in one year.
type BandRow struct {
	Output string  `parquet:"output,dict"`
	Unit   string  `parquet:"unit,dict"`
	Year   *int32  `parquet:"year,optional"`
	N      int64   `parquet:"n"`
	Mean   float64 `parquet:"mean"`
	SD     float64 `parquet:"sd"`
	Min    float64 `parquet:"min"`
	Q2_5   float64 `parquet:"q2_5"`
	Q5     float64 `parquet:"q5"`
	Q25    float64 `parquet:"q25"`
	Q50    float64 `parquet:"q50"`
	Q75    float64 `parquet:"q75"`
	Q95    float64 `parquet:"q95"`
	Q97_5  float64 `parquet:"q97_5"`
	Max    float64 `parquet:"max"`
	// Method is how the quantiles were computed: "exact" or "sketch(alpha)".
	Method string `parquet:"quantile_method,dict"`
	// Flag is empty when every statistic is within its documented accuracy,
	// else it says which are not and why.
	Flag string `parquet:"flag,dict"`
}

// SobolRow is one row of sobol.parquet: first and total order indices of one
// factor or group (name) for one output and year, or aggregated over the
// years (kind "aggregate", year null; Gamboa et al. 2014).
type SobolRow struct {
	Output string  `parquet:"output,dict"`
	Year   *int32  `parquet:"year,optional"`
	Kind   string  `parquet:"kind,dict"`      // factor | group | aggregate
	By     string  `parquet:"name_kind,dict"` // factor | group: what name is
	Name   string  `parquet:"name,dict"`
	S1     float64 `parquet:"S1"`
	S1Lo   float64 `parquet:"S1_lo"`
	S1Hi   float64 `parquet:"S1_hi"`
	ST     float64 `parquet:"ST"`
	STLo   float64 `parquet:"ST_lo"`
	STHi   float64 `parquet:"ST_hi"`
	N      int64   `parquet:"n"`
	// Scale is the scale the output was analysed on: linear (y) or log (log y).
	Scale string `parquet:"scale,dict"`
	// ZeroVariance marks an output that did not vary over the run: its
	// indices are undefined and written as 0 with interval [0, 0].
	ZeroVariance bool `parquet:"zero_variance"`
}

// Sobol2Row is one row of sobol2.parquet: a second-order index.
type Sobol2Row struct {
	Output string  `parquet:"output,dict"`
	Year   *int32  `parquet:"year,optional"`
	By     string  `parquet:"name_kind,dict"`
	NameI  string  `parquet:"name_i,dict"`
	NameJ  string  `parquet:"name_j,dict"`
	S2     float64 `parquet:"S2"`
	S2Lo   float64 `parquet:"S2_lo"`
	S2Hi   float64 `parquet:"S2_hi"`
	N      int64   `parquet:"n"`
	Scale  string  `parquet:"scale,dict"` // linear | log
	// ZeroVariance: see SobolRow.
	ZeroVariance bool `parquet:"zero_variance"`
}

// ConvergenceRow is one row of convergence.parquet: the indices computed from
// the first n base rows, for every power of two n up to N.
type ConvergenceRow struct {
	N      int64   `parquet:"n"`
	Output string  `parquet:"output,dict"`
	Year   *int32  `parquet:"year,optional"`
	Kind   string  `parquet:"kind,dict"`
	By     string  `parquet:"name_kind,dict"`
	Name   string  `parquet:"name,dict"`
	S1     float64 `parquet:"S1"`
	S1Lo   float64 `parquet:"S1_lo"`
	S1Hi   float64 `parquet:"S1_hi"`
	ST     float64 `parquet:"ST"`
	STLo   float64 `parquet:"ST_lo"`
	STHi   float64 `parquet:"ST_hi"`
	Scale  string  `parquet:"scale,dict"` // linear | log
}

// MorrisRow is one row of morris.parquet: elementary-effect statistics.
type MorrisRow struct {
	Output   string  `parquet:"output,dict"`
	Year     *int32  `parquet:"year,optional"`
	By       string  `parquet:"name_kind,dict"`
	Name     string  `parquet:"name,dict"`
	Mu       float64 `parquet:"mu"`
	MuStar   float64 `parquet:"mu_star"`
	MuStarLo float64 `parquet:"mu_star_lo"`
	MuStarHi float64 `parquet:"mu_star_hi"`
	Sigma    float64 `parquet:"sigma"`
	R        int64   `parquet:"r"`
	Scale    string  `parquet:"scale,dict"` // linear | log: the elementary effects are of y or log y
}

// OutputRow is one row of outputs.parquet (with --keep-samples): one value of
// one output in one year for one sample, in long format.
type OutputRow struct {
	Sample int64   `parquet:"sample"`
	Output string  `parquet:"output,dict"`
	Year   *int32  `parquet:"year,optional"`
	Value  float64 `parquet:"value"`
}

// YearPtr returns nil for a scalar output, else a pointer to year.
func YearPtr(year int, trajectory bool) *int32 {
	if !trajectory {
		return nil
	}
	y := int32(year)
	return &y
}

// CompareRow is one row of compare.parquet: for one measure (a variant
// scenario), output and year, the distribution over the common samples of the
// relative change (variant − base)/|base| and of the difference variant − base,
// and the probability that the variant reduces the output by more than the
// threshold: P(relative change < −threshold).
type CompareRow struct {
	Measure    string  `parquet:"measure,dict"` // the variant's name
	Output     string  `parquet:"output,dict"`
	Unit       string  `parquet:"unit,dict"` // of the output, base and difference columns
	Year       *int32  `parquet:"year,optional"`
	N          int64   `parquet:"n"`
	Threshold  float64 `parquet:"threshold"`
	PReduction float64 `parquet:"p_reduction"`
	RelMean    float64 `parquet:"rel_mean"`
	RelQ5      float64 `parquet:"rel_q5"`
	RelQ25     float64 `parquet:"rel_q25"`
	RelQ50     float64 `parquet:"rel_q50"`
	RelQ75     float64 `parquet:"rel_q75"`
	RelQ95     float64 `parquet:"rel_q95"`
	DiffMean   float64 `parquet:"diff_mean"`
	DiffMin    float64 `parquet:"diff_min"`
	DiffQ5     float64 `parquet:"diff_q5"`
	DiffQ25    float64 `parquet:"diff_q25"`
	DiffQ50    float64 `parquet:"diff_q50"`
	DiffQ75    float64 `parquet:"diff_q75"`
	DiffQ95    float64 `parquet:"diff_q95"`
	DiffMax    float64 `parquet:"diff_max"`
	BaseMean   float64 `parquet:"base_mean"`
	BaseQ50    float64 `parquet:"base_q50"`
	// Method is how the quantiles were computed: "exact" or "sketch(alpha)".
	Method string `parquet:"quantile_method,dict"`
	// Flag is as in BandRow: why a band of the row (base, difference or
	// relative change) is not within its stated accuracy; empty if none.
	Flag string `parquet:"flag,dict"`
}
