package engine

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"mc/results"
)

// OutputTable holds the outputs of every sample of a design, read from the
// file a user's simulator wrote: Values[idx*len(p.Series) + c].
type OutputTable struct {
	Values []float64
}

// DesignHashKey is the metadata key (Parquet) and the word (CSV comment
// line `# mc design_hash=…`) of the design hash in sample and output files.
const DesignHashKey = "mc.design_hash"

var csvHash = regexp.MustCompile(`design_hash=([0-9a-f]+)`)

// outputReader checks and stores the rows of an outputs file.
type outputReader struct {
	path   string
	p      *Plan
	d      *Design
	t      *OutputTable
	long   bool
	cols   []int         // wide: series of each value column; long: output
	yearAt map[int64]int // long: selected year → column of the trajectory
	seen   []int32       // per sample (wide) or sample×year (long): where first seen (line or row), 0 if not
	width  int           // entries of seen per sample
	scalar []bool        // long: scalar output set for the sample already
	unit   string        // "line" (CSV) or "row" (Parquet), for messages
}

// ReadOutputs reads the outputs of design d of plan p from a CSV or Parquet
// file (by its extension). Wide form: a column sample_index and one column
// per series (an output's name; name[year] for each year of a trajectory).
// Long form: columns sample_index, year and one per output (a scalar output
// repeats its value in every year). The file must carry d's design hash
// (a comment line `# mc design_hash=…` in CSV, key mc.design_hash in
// Parquet) and hold every sample index of the design exactly once; every
// value must be finite.
func ReadOutputs(path string, p *Plan, d *Design) (*OutputTable, error) {
	r := &outputReader{path: path, p: p, d: d, t: &OutputTable{Values: make([]float64, d.Rows*int64(len(p.Series)))}}
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		r.unit = "line"
		err = r.readCSV()
	case ".parquet":
		r.unit = "row"
		err = r.readParquet()
	default:
		return nil, fmt.Errorf("%s: outputs must be a .csv or .parquet file", path)
	}
	if err != nil {
		return nil, err
	}
	if err := r.complete(); err != nil {
		return nil, err
	}
	return r.t, nil
}

func (r *outputReader) errorf(where, format string, args ...any) error {
	return fmt.Errorf("%s%s: %s", r.path, where, fmt.Sprintf(format, args...))
}

func (r *outputReader) checkHash(h string) error {
	if h == "" {
		return r.errorf("", "no design hash: the file must say which design its outputs are for (copy the first line of samples.csv, `# mc design_hash=%s …`, to the top of the outputs file; in Parquet, key %s)", r.d.Hash, DesignHashKey)
	}
	if h != r.d.Hash {
		return r.errorf("", "these outputs are for another design (design hash %s; the scenario's design is %s): another seed, sample count, method or factor distribution. Run mc sample on this scenario again and compute the outputs of its samples", h, r.d.Hash)
	}
	return nil
}

// header maps the columns (after sample_index and year) to series or outputs.
func (r *outputReader) header(names []string) (idxCol, yearCol int, err error) {
	idxCol, yearCol = -1, -1
	for i, n := range names {
		switch n {
		case "sample_index":
			idxCol = i
		case "year":
			yearCol = i
		}
	}
	if idxCol < 0 {
		return 0, 0, r.errorf("", "no sample_index column (columns: %s)", strings.Join(names, ", "))
	}
	p := r.p
	r.long = yearCol >= 0
	known := map[string]int{}
	var all []string
	if r.long {
		for i, o := range p.Outputs {
			known[o.Name] = i
			all = append(all, o.Name)
		}
		r.yearAt = map[int64]int{}
		for _, o := range p.Outputs {
			for k, y := range o.Years {
				r.yearAt[int64(y)] = k
			}
			if o.Years != nil {
				break
			}
		}
	} else {
		for c, se := range p.Series {
			name := se.Name
			if p.Outputs[se.Output].Years != nil {
				name = fmt.Sprintf("%s[%d]", se.Name, se.Year)
			}
			known[name] = c
			all = append(all, name)
		}
	}
	r.cols = make([]int, len(names))
	got := map[int]bool{}
	for i, n := range names {
		r.cols[i] = -1
		if i == idxCol || i == yearCol {
			continue
		}
		c, ok := known[n]
		if !ok {
			return 0, 0, r.errorf("", "column %q is not an output of the scenario's model (%s)", n, abbreviate(all, 8))
		}
		if got[c] {
			return 0, 0, r.errorf("", "column %q appears twice", n)
		}
		got[c] = true
		r.cols[i] = c
	}
	var missing []string
	for i, n := range all {
		if !got[i] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return 0, 0, r.errorf("", "no column for %s", abbreviate(missing, 8))
	}
	r.width = 1
	if r.long {
		r.width = len(r.yearAt)
		r.scalar = make([]bool, r.d.Rows)
	}
	r.seen = make([]int32, r.d.Rows*int64(r.width))
	return idxCol, yearCol, nil
}

// add stores one row: where names it in messages, line ≥ 1 is its line or row.
func (r *outputReader) add(where string, line int, idx int64, year int64, vals []float64, names []string) error {
	if idx < 0 || idx >= r.d.Rows {
		return r.errorf(where, "sample_index %d is outside the design's 0…%d", idx, r.d.Rows-1)
	}
	ns := int64(len(r.p.Series))
	slot := idx * int64(r.width)
	if r.long {
		k, ok := r.yearAt[year]
		if !ok {
			return nil // a year the scenario does not select
		}
		slot += int64(k)
	}
	if first := r.seen[slot]; first != 0 {
		what := fmt.Sprintf("sample_index %d", idx)
		if r.long {
			what += fmt.Sprintf(" (year %d)", year)
		}
		return r.errorf(where, "%s appears twice (first at %s %d)", what, r.unit, first)
	}
	r.seen[slot] = int32(min(line, math.MaxInt32))
	for i, v := range vals {
		c := r.cols[i]
		if c < 0 {
			continue
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return r.errorf(where, "column %s: %v is not a finite number (every output must be finite)", names[i], v)
		}
		if !r.long {
			r.t.Values[idx*ns+int64(c)] = v
			continue
		}
		o := r.p.Outputs[c]
		base := r.seriesBase(c)
		if o.Years == nil {
			if r.scalar[idx] && r.t.Values[idx*ns+int64(base)] != v {
				return r.errorf(where, "column %s: scalar output of sample_index %d differs between years", names[i], idx)
			}
			r.t.Values[idx*ns+int64(base)] = v
			continue
		}
		r.t.Values[idx*ns+int64(base+r.yearAt[year])] = v
	}
	if r.long {
		r.scalar[idx] = true
	}
	return nil
}

// seriesBase is the first series of output o.
func (r *outputReader) seriesBase(o int) int {
	for c, se := range r.p.Series {
		if se.Output == o {
			return c
		}
	}
	return 0
}

// complete checks that every sample (and year) was given.
func (r *outputReader) complete() error {
	var missing []string
	count := 0
	for slot, first := range r.seen {
		if first != 0 {
			continue
		}
		count++
		if len(missing) < 8 {
			idx := int64(slot / r.width)
			s := strconv.FormatInt(idx, 10)
			if r.long {
				for y, k := range r.yearAt {
					if k == slot%r.width {
						s += fmt.Sprintf(" (year %d)", y)
					}
				}
			}
			missing = append(missing, s)
		}
	}
	if count > 0 {
		what := "sample indices"
		if r.long {
			what = "(sample index, year) rows"
		}
		return r.errorf("", "%d of the design's %d %s are missing: %s%s (the outputs must cover every row of samples.csv)",
			count, len(r.seen), what, strings.Join(missing, ", "), map[bool]string{true: ", …", false: ""}[count > len(missing)])
	}
	return nil
}

func (r *outputReader) readCSV() error {
	f, err := os.Open(r.path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	hash, line := "", 0
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			break
		}
		s, err := br.ReadString('\n')
		line++
		if m := csvHash.FindStringSubmatch(s); m != nil && hash == "" {
			hash = m[1]
		}
		if err != nil {
			break
		}
	}
	if err := r.checkHash(hash); err != nil {
		return err
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return r.errorf("", "no header line (sample_index, then one column per output)")
	}
	names := append([]string(nil), head...)
	idxCol, yearCol, err := r.header(names)
	if err != nil {
		return err
	}
	vals := make([]float64, len(names))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return r.errorf(fmt.Sprintf(":%d", pe.Line+line), "%v", pe.Err)
			}
			return r.errorf("", "%v", err)
		}
		ln, _ := cr.FieldPos(0)
		ln += line
		where := fmt.Sprintf(":%d", ln)
		idx, err := strconv.ParseInt(strings.TrimSpace(rec[idxCol]), 10, 64)
		if err != nil {
			return r.errorf(where, "sample_index %q is not an integer", rec[idxCol])
		}
		var year int64
		if yearCol >= 0 {
			if year, err = strconv.ParseInt(strings.TrimSpace(rec[yearCol]), 10, 64); err != nil {
				return r.errorf(where, "year %q is not an integer", rec[yearCol])
			}
		}
		for i, s := range rec {
			if r.cols[i] < 0 {
				continue
			}
			if vals[i], err = strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
				return r.errorf(where, "column %s: %q is not a number", names[i], s)
			}
		}
		if err := r.add(where, ln, idx, year, vals, names); err != nil {
			return err
		}
	}
	return nil
}

func (r *outputReader) readParquet() error {
	pf, f, err := results.OpenParquet(r.path)
	if errors.Is(err, results.ErrNotParquet) {
		return r.errorf("", "%v", err)
	} else if err != nil {
		return err
	}
	defer f.Close()
	h, _ := pf.Lookup(DesignHashKey)
	if err := r.checkHash(h); err != nil {
		return err
	}
	var names []string
	for _, c := range pf.Schema().Columns() {
		names = append(names, strings.Join(c, "."))
	}
	idxCol, yearCol, err := r.header(names)
	if err != nil {
		return err
	}
	rd := parquet.NewReader(pf)
	defer rd.Close()
	rows := make([]parquet.Row, 256)
	vals := make([]float64, len(names))
	n := 0
	for {
		k, err := rd.ReadRows(rows)
		for _, row := range rows[:k] {
			n++
			where := fmt.Sprintf(" (row %d)", n)
			for i := range vals {
				vals[i] = math.NaN()
			}
			var idx, year int64
			var okIdx, okYear bool
			for _, v := range row {
				i := v.Column()
				if i < 0 || i >= len(names) || v.IsNull() {
					continue
				}
				x, ok := number(v)
				if !ok {
					return r.errorf(where, "column %s: not a number", names[i])
				}
				switch i {
				case idxCol:
					idx, okIdx = int64(x), x == math.Trunc(x)
				case yearCol:
					year, okYear = int64(x), x == math.Trunc(x)
				default:
					vals[i] = x
				}
			}
			if !okIdx || (yearCol >= 0 && !okYear) {
				return r.errorf(where, "sample_index and year must be integers")
			}
			if err := r.add(where, n, idx, year, vals, names); err != nil {
				return err
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return r.errorf("", "%v", err)
		}
	}
	return nil
}

// number converts a Parquet value to float64.
func number(v parquet.Value) (float64, bool) {
	switch v.Kind() {
	case parquet.Double:
		return v.Double(), true
	case parquet.Float:
		return float64(v.Float()), true
	case parquet.Int32:
		return float64(v.Int32()), true
	case parquet.Int64:
		return float64(v.Int64()), true
	}
	return 0, false
}
