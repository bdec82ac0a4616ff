package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"mc/inputs"
	"mc/results"
)

// num is a float written to JSON with 5 significant digits (the charts need
// no more, and the file stays small); NaN and ±Inf are written as null.
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 5, 64), nil
}

// Doc is everything the page draws, in display units, as JSON.
type Doc struct {
	Meta       []KV        `json:"meta"`
	Title      string      `json:"title"`
	Notes      []string    `json:"notes,omitempty"`
	Criteria   []Criterion `json:"criteria,omitempty"`
	Outputs    []Fan       `json:"outputs,omitempty"` // every trajectory output, for the explorer
	Scalars    []Fan       `json:"scalars,omitempty"` // scalar outputs: one point each
	Years      []int       `json:"years,omitempty"`   // the chosen years of the index charts
	Sobol      []SobolOut  `json:"sobol,omitempty"`
	By         string      `json:"by,omitempty"` // group | factor: what the index charts rank
	Morris     []MorrisOut `json:"morris,omitempty"`
	Compare    *Compare    `json:"compare,omitempty"`
	Factors    []FactorRow `json:"factors,omitempty"`
	References []RefRow    `json:"references,omitempty"`
}

// KV is one line of the run's metadata.
type KV struct {
	Key   string `json:"k"`
	Value string `json:"v"`
}

// Pt is one year of a band (or, for a scalar, the only point).
type Pt struct {
	Year *int32 `json:"year"`
	Q5   num    `json:"q5"`
	Q25  num    `json:"q25"`
	Q50  num    `json:"q50"`
	Q75  num    `json:"q75"`
	Q95  num    `json:"q95"`
	Mean num    `json:"-"` // not drawn: left out of the page, which must stay small
}

// Fan is the band of one output over the years, scaled to Unit.
type Fan struct {
	Output string  `json:"output"`
	Unit   string  `json:"unit"`
	Pts    []Pt    `json:"pts"`
	Refs   []RefPt `json:"refs,omitempty"`
}

// RefPt is a reference value drawn on a fan chart.
type RefPt struct {
	Year   int    `json:"year"`
	Min    num    `json:"min"`
	Max    num    `json:"max"`
	Source string `json:"source"`
}

// Stack is a stacked chart of medians: one series per part.
type Stack struct {
	Title string   `json:"title"`
	Unit  string   `json:"unit"`
	Parts []string `json:"parts"`
	// Outputs are the outputs of the parts, in the same order.
	Outputs []string   `json:"outputs"`
	Rows    []StackRow `json:"rows"`
}

// StackRow is one part's median in one year.
type StackRow struct {
	Part string `json:"part"`
	Year int32  `json:"year"`
	Q50  num    `json:"q50"`
}

// Criterion is one X_total with its components, phases and intensities.
type Criterion struct {
	Key         string `json:"key"`
	Total       Fan    `json:"total"`
	Components  *Stack `json:"components,omitempty"`
	Phases      *Stack `json:"phases,omitempty"`
	Intensities []Fan  `json:"intensities,omitempty"`
}

// Index is one Sobol' estimate with its interval.
type Index struct {
	Name string `json:"name"`
	S1   num    `json:"S1"`
	S1Lo num    `json:"S1_lo"`
	S1Hi num    `json:"S1_hi"`
	ST   num    `json:"ST"`
	STLo num    `json:"ST_lo"`
	STHi num    `json:"ST_hi"`
}

// IndexPt is ST (with interval) of one set at one year or one N.
type IndexPt struct {
	Name string `json:"name"`
	X    int64  `json:"x"` // year, or N for convergence
	ST   num    `json:"ST"`
	Lo   num    `json:"lo"`
	Hi   num    `json:"hi"`
	S1   num    `json:"S1"`
}

// SobolOut holds the index charts of one output.
type SobolOut struct {
	Output    string               `json:"output"`
	Aggregate []Index              `json:"aggregate,omitempty"` // over the years (Gamboa et al. 2014)
	ByYear    map[string][]Index   `json:"by_year,omitempty"`   // chosen years; "" for a scalar output
	Top       []string             `json:"top"`                 // the sets of the ribbons and convergence charts
	Ribbons   []IndexPt            `json:"ribbons,omitempty"`   // ST(t) of the top sets
	Conv      map[string][]IndexPt `json:"conv,omitempty"`      // by chosen year: ST of the top sets against N
}

// MorrisOut holds the μ*–σ points of one output, by chosen year.
type MorrisOut struct {
	Output string                `json:"output"`
	Unit   string                `json:"unit"`
	ByYear map[string][]MorrisPt `json:"by_year"`
}

// MorrisPt is one set's elementary-effect statistics (scaled to Unit).
type MorrisPt struct {
	Name   string `json:"name"`
	MuStar num    `json:"mu_star"`
	Lo     num    `json:"lo"`
	Hi     num    `json:"hi"`
	Sigma  num    `json:"sigma"`
}

// FactorRow is one line of the factor table.
type FactorRow struct {
	Name        string `json:"name"`
	Dist        string `json:"dist"`
	P5          num    `json:"p5"`
	P50         num    `json:"p50"`
	P95         num    `json:"p95"`
	Unit        string `json:"unit"`
	Group       string `json:"group"`
	Source      string `json:"source"`
	Description string `json:"description"`
	Fixed       bool   `json:"fixed"`
}

// RefRow says whether the results meet one reference value.
type RefRow struct {
	Output      string `json:"output"`
	Year        int    `json:"year"`
	Unit        string `json:"unit"`
	Min         num    `json:"min"`
	Max         num    `json:"max"`
	Source      string `json:"source"`
	Q5          num    `json:"q5"`
	Q50         num    `json:"q50"`
	Q95         num    `json:"q95"`
	Found       bool   `json:"found"`
	MedianMeets bool   `json:"median_meets"` // min ≤ median ≤ max
	BandMeets   bool   `json:"band_meets"`   // the 90 % band overlaps [min, max]
}

// maxTop is how many sets get ribbons and convergence lines.
const maxTop = 5

// Build turns the tables of a result folder into the document the page draws.
func Build(d *Data) *Doc {
	doc := &Doc{}
	doc.Meta, doc.Title = metaRows(d)
	text := d.Meta["mc.scenario"]
	if d.Meta["mc.measures"] != "" {
		text = d.Meta["mc.base"] // a comparison: the factors of the base
	}
	sc, err := scenarioOf(text)
	if err != nil {
		doc.Notes = append(doc.Notes, "factor table and reference values unavailable: "+err.Error())
	}

	// Bands by output, in file order.
	bands := map[string][]results.BandRow{}
	var outs []outInfo
	for _, r := range d.Bands {
		if _, ok := bands[r.Output]; !ok {
			outs = append(outs, outInfo{Name: r.Output, Unit: r.Unit, Traj: r.Year != nil, Order: len(outs)})
		}
		bands[r.Output] = append(bands[r.Output], r)
	}
	scales := map[string]Scale{}
	for _, o := range outs {
		mag := 0.0
		for _, r := range bands[o.Name] {
			mag = max(mag, math.Abs(r.Q50))
		}
		scales[o.Name] = ScaleFor(o.Unit, o.Name, mag)
	}
	var refs []inputs.Reference
	if sc != nil {
		refs = sc.References
	}
	fan := func(name string, s Scale) Fan {
		f := Fan{Output: name, Unit: s.Unit}
		for _, r := range bands[name] {
			f.Pts = append(f.Pts, scaledPt(r.Year, s.Factor, r.Q5, r.Q25, r.Q50, r.Q75, r.Q95, r.Mean))
		}
		for _, ref := range refs {
			if ref.Output == name {
				f.Refs = append(f.Refs, RefPt{Year: ref.Year, Min: num(ref.Min * s.Factor), Max: num(ref.Max * s.Factor), Source: ref.Source})
			}
		}
		return f
	}
	for _, o := range outs {
		if o.Traj {
			doc.Outputs = append(doc.Outputs, fan(o.Name, scales[o.Name]))
		} else {
			doc.Scalars = append(doc.Scalars, fan(o.Name, scales[o.Name]))
		}
	}
	crits := selectCriteria(outs)
	if meta := modelOutputs(d.Meta["mc.model"]); meta != nil {
		means := map[string][]float64{}
		for _, r := range d.Bands {
			means[r.Output] = append(means[r.Output], r.Mean)
		}
		crits = selectByMeta(outs, meta, means)
	}
	for _, c := range crits {
		s := scales[c.Total]
		cr := Criterion{Key: c.Key, Total: fan(c.Total, s)}
		stack := func(title string, parts []string) *Stack {
			if parts == nil {
				return nil
			}
			st := &Stack{Title: title, Unit: s.Unit}
			for _, p := range parts {
				label := strings.TrimPrefix(p, c.Key+"_")
				if label == "manuf" {
					label = "manufacturing"
				}
				st.Parts = append(st.Parts, label)
				st.Outputs = append(st.Outputs, p)
				for _, r := range bands[p] {
					st.Rows = append(st.Rows, StackRow{Part: label, Year: *r.Year, Q50: num(r.Q50 * s.Factor)})
				}
			}
			return st
		}
		cr.Components = stack("components", c.Components)
		cr.Phases = stack("phases", c.Phases)
		for _, in := range c.Intensities {
			cr.Intensities = append(cr.Intensities, fan(in, scales[in]))
		}
		doc.Criteria = append(doc.Criteria, cr)
	}

	doc.References = referenceRows(refs, bands, scales)
	if sc != nil {
		doc.Factors = factorRows(sc)
	}
	doc.Years = chosenYears(d)
	doc.Sobol, doc.By = sobolCharts(d, doc.Years, doc.Criteria)
	doc.Morris = morrisCharts(d, doc.Years)
	doc.Compare = compareCharts(d)
	return doc
}

func scaledPt(year *int32, f float64, q5, q25, q50, q75, q95, mean float64) Pt {
	return Pt{Year: year, Q5: num(q5 * f), Q25: num(q25 * f), Q50: num(q50 * f), Q75: num(q75 * f), Q95: num(q95 * f), Mean: num(mean * f)}
}

// metaRows lists the run's metadata for people, and the scenario's title.
func metaRows(d *Data) ([]KV, string) {
	m := d.Meta
	title := ""
	var head struct {
		Title string `yaml:"title"`
	}
	if yaml.Unmarshal([]byte(m["mc.scenario"]), &head) == nil {
		title = head.Title
	}
	var kv []KV
	add := func(k, v string) {
		if v != "" {
			kv = append(kv, KV{k, v})
		}
	}
	if ms := m["mc.measures"]; ms != "" {
		// A comparison: its scenario is the base and every measure.
		var base struct {
			Title string `yaml:"title"`
		}
		yaml.Unmarshal([]byte(m["mc.base"]), &base)
		n := strings.Count(ms, ",") + 1
		what := fmt.Sprintf("%d measures", n)
		if n == 1 {
			what = ms
		}
		title = fmt.Sprintf("%s versus %s", what, cmp.Or(base.Title, m["mc.base_file"], "the base"))
		add("base", m["mc.base_file"])
		add("measures", strings.ReplaceAll(ms, ",", ", "))
	} else {
		add("scenario", m["mc.scenario_file"])
	}
	if title == "" {
		title = cmp.Or(m["mc.scenario_file"], m["mc.model"], "mc results")
	}
	add("model", m["mc.model"])
	add("method", m["mc.method"])
	add("N", groupDigits(m["mc.samples"]))
	add("design", m["mc.design"])
	add("seed", m["mc.seed"])
	add("evaluations", groupDigits(m["mc.evaluations"]))
	add("indices by", m["mc.by"])
	add("CI replicates", m["mc.replicates"])
	add("quantiles", m["mc.quantiles"])
	if t := m["mc.threshold"]; t != "" {
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			add("reduction threshold", fmt.Sprintf("%g %%", 100*f))
		}
	}
	add("design hash", m["mc.design_hash"])
	add("mc version", m["mc.version"])
	if d.Wall > 0 {
		add("wall time", fmt.Sprintf("%.2f s (of the mc command that wrote the results)", d.Wall))
	} else {
		add("wall time", "not recorded (report rebuilt from the Parquet files)")
	}
	return kv, title
}

// groupDigits writes 1048576 as 1,048,576.
func groupDigits(s string) string {
	if _, err := strconv.ParseInt(s, 10, 64); err != nil || len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// scenarioOf parses the scenario text stored in the results.
func scenarioOf(text string) (*inputs.Scenario, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the results carry no scenario (metadata mc.scenario)")
	}
	return inputs.Parse("scenario (from the results' metadata)", []byte(text))
}

func factorRows(sc *inputs.Scenario) []FactorRow {
	var rows []FactorRow
	for _, f := range sc.Factors {
		r := FactorRow{Name: f.Name, Unit: f.Unit, Group: f.Group, Source: f.Source, Description: f.Description, Fixed: f.Fixed}
		if f.Dist != nil {
			r.Dist = f.Dist.String()
			r.P5, r.P50, r.P95 = num(f.Dist.Quantile(0.05)), num(f.Dist.Quantile(0.5)), num(f.Dist.Quantile(0.95))
		}
		if f.Fixed {
			r.Dist = fmt.Sprintf("fixed at %g", f.Value) + map[bool]string{true: " (" + r.Dist + ")", false: ""}[r.Dist != ""]
			r.P5, r.P50, r.P95 = num(f.Value), num(f.Value), num(f.Value)
		}
		rows = append(rows, r)
	}
	return rows
}

func referenceRows(refs []inputs.Reference, bands map[string][]results.BandRow, scales map[string]Scale) []RefRow {
	var rows []RefRow
	for _, ref := range refs {
		// Scaled for the published figure itself: the band's scale suits 2050.
		unit := ""
		if b := bands[ref.Output]; len(b) > 0 {
			unit = b[0].Unit
		}
		s := ScaleFor(unit, ref.Output, math.Max(math.Abs(ref.Min), math.Abs(ref.Max)))
		if _, ok := scales[ref.Output]; !ok {
			s = Scale{1, ""}
		}
		row := RefRow{Output: ref.Output, Year: ref.Year, Unit: s.Unit, Min: num(ref.Min * s.Factor), Max: num(ref.Max * s.Factor), Source: ref.Source}
		for _, b := range bands[ref.Output] {
			if b.Year == nil && ref.Year == 0 || b.Year != nil && int(*b.Year) == ref.Year {
				row.Found = true
				row.Q5, row.Q50, row.Q95 = num(b.Q5*s.Factor), num(b.Q50*s.Factor), num(b.Q95*s.Factor)
				row.MedianMeets = ref.Min <= b.Q50 && b.Q50 <= ref.Max
				row.BandMeets = b.Q5 <= ref.Max && ref.Min <= b.Q95
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// chosenYears are the years of the index bar charts: 2024, 2030, 2040 and
// 2050 where the results have them, else the first, middle and last year.
func chosenYears(d *Data) []int {
	have := map[int]bool{}
	var all []int
	add := func(y *int32) {
		if y != nil && !have[int(*y)] {
			have[int(*y)] = true
			all = append(all, int(*y))
		}
	}
	for _, r := range d.Sobol {
		add(r.Year)
	}
	for _, r := range d.Morris {
		add(r.Year)
	}
	if len(all) == 0 {
		return nil
	}
	slices.Sort(all)
	var ys []int
	for _, y := range []int{2024, 2030, 2040, 2050} {
		if have[y] {
			ys = append(ys, y)
		}
	}
	if len(ys) == 0 {
		ys = slices.Compact([]int{all[0], all[len(all)/2], all[len(all)-1]})
	}
	return ys
}
