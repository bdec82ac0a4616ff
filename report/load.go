package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/parquet-go/parquet-go"

	"mc/results"
)

// Data is what a report is made from: the tables of one result folder and
// the key-value metadata its files carry (mc.scenario, mc.seed, …).
type Data struct {
	Meta        map[string]string
	Bands       []results.BandRow
	Sobol       []results.SobolRow
	Convergence []results.ConvergenceRow
	Morris      []results.MorrisRow
	Compare     []results.CompareRow
	// Wall is the run's wall time in seconds (0: not known). It is not in the
	// Parquet metadata, which must not depend on timing (a merged run's files
	// are byte-identical to a single run's).
	Wall float64
}

// metaKeys are the metadata keys a report shows; every result file carries them.
var metaKeys = []string{"mc.version", "mc.scenario", "mc.scenario_file", "mc.model", "mc.method", "mc.design",
	"mc.seed", "mc.samples", "mc.evaluations", "mc.design_hash", "mc.replicates", "mc.by", "mc.quantiles",
	"mc.threshold", "mc.base", "mc.variant", "mc.base_file", "mc.measures"}

// Load reads the result files of dir. bands.parquet or compare.parquet must
// be there; sobol.parquet, convergence.parquet and morris.parquet are read
// when present.
func Load(dir string) (*Data, error) {
	d := &Data{Meta: map[string]string{}}
	found := false
	read := func(name string, into func(path string) error) error {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err := into(path); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if !found {
			if err := readMeta(path, d.Meta); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		found = true
		return nil
	}
	err := errors.Join(
		read("bands.parquet", func(p string) (err error) { d.Bands, err = parquet.ReadFile[results.BandRow](p); return }),
		read("compare.parquet", func(p string) (err error) { d.Compare, err = parquet.ReadFile[results.CompareRow](p); return }),
		read("sobol.parquet", func(p string) (err error) { d.Sobol, err = parquet.ReadFile[results.SobolRow](p); return }),
		read("convergence.parquet", func(p string) (err error) {
			d.Convergence, err = parquet.ReadFile[results.ConvergenceRow](p)
			return
		}),
		read("morris.parquet", func(p string) (err error) { d.Morris, err = parquet.ReadFile[results.MorrisRow](p); return }),
	)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%s: no result files (bands.parquet or compare.parquet): is it the output folder of mc run, merge or compare?", dir)
	}
	d.Wall = previousWall(filepath.Join(dir, FileName))
	return d, nil
}

// readMeta copies the mc.* key-value metadata of a Parquet file into m.
func readMeta(path string, m map[string]string) error {
	pf, f, err := results.OpenParquet(path, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return err
	}
	defer f.Close()
	for _, k := range metaKeys {
		if v, ok := pf.Lookup(k); ok {
			m[k] = v
		}
	}
	return nil
}
