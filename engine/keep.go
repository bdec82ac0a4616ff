package engine

import (
	"path/filepath"

	"mc/results"
)

// SampleFiles keeps every sample: samples.parquet (sample, one column per
// factor) and outputs.parquet (sample, output, year, value). Both appear only
// when the run completes (Commit).
type SampleFiles struct {
	p       *Plan
	samples *results.ColumnWriter
	outputs *results.RowWriter[results.OutputRow]
	rows    []results.OutputRow
	key     []int64
	paths   []string
}

// Paths are the files' final names (none for a nil SampleFiles).
func (k *SampleFiles) Paths() []string {
	if k == nil {
		return nil
	}
	return k.paths
}

// NewSampleFiles opens the per-sample files in dir; suffix distinguishes
// the parts written by shards (samples-00001-of-00004.parquet).
func NewSampleFiles(dir, suffix string, p *Plan, meta results.Meta) (*SampleFiles, error) {
	names := make([]string, len(p.Factors))
	for i, f := range p.Factors {
		names[i] = f.Name
	}
	paths := []string{filepath.Join(dir, "samples"+suffix+".parquet"), filepath.Join(dir, "outputs"+suffix+".parquet")}
	s, err := results.NewColumnWriter(paths[0], "sample", names, meta)
	if err != nil {
		return nil, err
	}
	o, err := results.NewRowWriter[results.OutputRow](paths[1], meta)
	if err != nil {
		s.Abort()
		return nil, err
	}
	return &SampleFiles{p: p, samples: s, outputs: o, paths: paths}, nil
}

// Keep writes samples first, first+1, … in order.
func (k *SampleFiles) Keep(first int64, x, out [][]float64) error {
	n := 0
	if len(x) > 0 {
		n = len(x[0])
	} else if len(out) > 0 {
		n = len(out[0])
	}
	k.key = k.key[:0]
	for s := 0; s < n; s++ {
		k.key = append(k.key, first+int64(s))
	}
	if err := k.samples.Write(k.key, x); err != nil {
		return err
	}
	years := make([]*int32, len(k.p.Series))
	for c := range k.p.Series {
		years[c] = k.p.yearOf(c)
	}
	for s := 0; s < n; s++ {
		k.rows = k.rows[:0]
		for c, se := range k.p.Series {
			k.rows = append(k.rows, results.OutputRow{Sample: first + int64(s), Output: se.Name, Year: years[c], Value: out[c][s]})
		}
		if err := k.outputs.Write(k.rows); err != nil {
			return err
		}
	}
	return nil
}

// Commit gives both files their final names; a nil SampleFiles (samples not
// kept) has nothing to commit.
func (k *SampleFiles) Commit() error {
	if k == nil {
		return nil
	}
	if err := k.samples.Commit(); err != nil {
		k.outputs.Abort()
		return err
	}
	return k.outputs.Commit()
}

// Abort removes both partial files (no-op on nil).
func (k *SampleFiles) Abort() {
	if k == nil {
		return
	}
	k.samples.Abort()
	k.outputs.Abort()
}
