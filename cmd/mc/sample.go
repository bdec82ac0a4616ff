package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"mc/engine"
	"mc/results"
)

// cmdSample writes a scenario's design: every row of factor values a run
// evaluates, for a simulator that runs elsewhere (see cmdAnalyze).
func cmdSample(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sample", "SCENARIO -o DIR [options]",
		`Writes the design of a scenario — every row of factor values that mc run would
evaluate (base rows, Sobol' A_B rows, Morris trajectories) — to DIR/samples.csv
and DIR/samples.parquet, one row per sample: sample_index, then one column per
factor. Compute the outputs of every row with your simulator, write them with
their sample_index (and the design hash line of samples.csv), then run
mc analyze SCENARIO --outputs FILE.`, args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	outDir := fs.String("o", "", "output folder (required)")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("sample takes one scenario file, got %d arguments", len(pos))
	}
	if *outDir == "" {
		return usagef("sample needs -o DIR, the folder for samples.csv and samples.parquet")
	}
	p, err := planFor(pos[0], &pf)
	if err != nil {
		return err
	}
	folder, err := openRunFolder(*outDir, stderr)
	if err != nil {
		return err
	}
	defer folder.Close()
	ctx, staging := folder.ctx, folder.staging
	// First pass: the hash, which the files carry at their top.
	d, err := engine.EnumerateDesign(ctx, p, nil)
	if err != nil {
		return err
	}
	names := make([]string, len(p.Factors))
	for i, f := range p.Factors {
		names[i] = f.Name
	}
	meta := (&engine.Outcome{Plan: p}).Meta()
	meta[engine.DesignHashKey] = d.Hash
	meta["mc.sample_rows"] = strconv.FormatInt(d.Rows, 10)
	csvPath := filepath.Join(staging.Dir(), "samples.csv")
	pqPath := filepath.Join(staging.Dir(), "samples.parquet")
	cf, err := results.CreateAtomic(csvPath)
	if err != nil {
		return err
	}
	pw, err := results.NewColumnWriter(pqPath, "sample_index", names, meta)
	if err != nil {
		cf.Abort()
		return err
	}
	abort := func(err error) error {
		cf.Abort()
		pw.Abort()
		return err
	}
	w := bufio.NewWriter(cf)
	fmt.Fprintf(w, "# mc design_hash=%s samples=%d scenario=%s method=%s design=%s seed=%d\n",
		d.Hash, d.Rows, filepath.Base(p.Scenario.File), p.Method, p.Design, p.Seed)
	w.WriteString("sample_index")
	for _, n := range names {
		w.WriteString("," + csvField(n))
	}
	w.WriteString("\n")
	const chunk = 4096
	key := make([]int64, 0, chunk)
	cols := make([][]float64, len(names))
	flush := func() error {
		if len(key) == 0 {
			return nil
		}
		err := pw.Write(key, cols)
		key = key[:0]
		for j := range cols {
			cols[j] = cols[j][:0]
		}
		return err
	}
	var buf []byte
	d2, err := engine.EnumerateDesign(ctx, p, func(idx int64, row []float64) error {
		buf = strconv.AppendInt(buf[:0], idx, 10)
		for j, v := range row {
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			cols[j] = append(cols[j], v)
		}
		buf = append(buf, '\n')
		key = append(key, idx)
		if _, err := w.Write(buf); err != nil {
			return err
		}
		if len(key) == chunk {
			return flush()
		}
		return nil
	})
	if err == nil && d2.Hash != d.Hash {
		err = fmt.Errorf("the design changed between two enumerations (hash %s then %s): please report this", d.Hash, d2.Hash)
	}
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return abort(err)
	}
	if err := pw.Commit(); err != nil {
		cf.Abort()
		return err
	}
	if err := cf.Commit(); err != nil {
		return err
	}
	written, err := publish(ctx, staging, "sample", meta, *outDir, stderr)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "design of %s: %d samples (method %s, design %s, seed %d), design hash %s\n",
			p.Scenario.File, d.Rows, p.Method, p.Design, p.Seed, d.Hash)
		for _, w := range written {
			fmt.Fprintf(stdout, "wrote %s\n", w)
		}
	}
	return nil
}

// csvField quotes a name if CSV needs it.
func csvField(s string) string {
	for _, c := range s {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			return strconv.Quote(s)
		}
	}
	return s
}

// cmdAnalyze computes bands and indices from outputs computed elsewhere.
func cmdAnalyze(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("analyze", "SCENARIO --outputs FILE [-o DIR] [options]",
		`Computes the bands and indices of a scenario from outputs computed elsewhere for
the samples written by mc sample: exactly what mc run would compute with a model
giving these outputs. FILE (CSV or Parquet) has a column sample_index and one
column per output series (name, or name[year] for a trajectory), or the long form
sample_index, year, one column per output. It must carry the design hash of the
samples (the first line of samples.csv) and every sample index exactly once.`, args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	outputs := fs.String("outputs", "", "the outputs file (required)")
	workers := fs.Int("workers", 0, "worker goroutines (default: all CPUs)")
	outDir := fs.String("o", "mc-results", "output folder")
	quiet := fs.Bool("quiet", false, "no progress or summary")
	reportFlag(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("analyze takes one scenario file, got %d arguments", len(pos))
	}
	if *outputs == "" {
		return usagef("analyze needs --outputs FILE, the outputs of the samples of mc sample")
	}
	p, err := planFor(pos[0], &pf)
	if err != nil {
		return err
	}
	d, err := engine.EnumerateDesign(context.Background(), p, nil)
	if err != nil {
		return err
	}
	table, err := engine.ReadOutputs(*outputs, p, d)
	if err != nil {
		return usageError{err}
	}
	rp, err := engine.ReplayPlan(p, d, table)
	if err != nil {
		return err
	}
	folder, err := openRunFolder(*outDir, stderr)
	if err != nil {
		return err
	}
	defer folder.Close()
	ctx, staging := folder.ctx, folder.staging
	start := time.Now()
	out, err := executeCtx(ctx, rp, engine.Options{Workers: *workers}, *quiet, *outDir, stderr)
	if err != nil {
		return err
	}
	return writeResults(ctx, out, staging, "analyze", *outDir, nil, *quiet, time.Since(start), stdout, stderr)
}
