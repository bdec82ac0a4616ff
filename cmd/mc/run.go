package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"mc/engine"
	"mc/results"
)

// planFlags are the flags that override the scenario file.
type planFlags struct {
	samples  int
	nGiven   string // -n as written; "" when absent (0 is refused, not "the file's value")
	seed     string
	design   string
	method   string
	by       string
	targetCI float64
}

func (f *planFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.nGiven, "n", "", "number of samples `N` (base rows for sobol, trajectories for morris), 1 to 2^40; overrides the file")
	fs.StringVar(&f.seed, "seed", "", "random seed (unsigned integer); overrides the file")
	fs.StringVar(&f.design, "design", "", "sampling design: mc, lhs or sobol; overrides the file")
	fs.StringVar(&f.method, "method", "", "analysis: mc (bands only), sobol or morris; overrides the file")
	fs.StringVar(&f.by, "by", "", "sensitivity indices by factor, group (lever) or both; overrides the file")
	fs.Float64Var(&f.targetCI, "target-ci-width", 0, "sobol: double N until every CI is narrower than this (up to sobol.max_samples)")
}

func (f *planFlags) overrides() (engine.Overrides, error) {
	if f.nGiven != "" {
		n, err := parseSamples(f.nGiven)
		if err != nil {
			return engine.Overrides{}, err
		}
		f.samples = n
	}
	ov := engine.Overrides{Samples: f.samples, Design: f.design, Method: f.method, By: f.by, TargetCI: f.targetCI}
	if f.seed != "" {
		s, err := strconv.ParseUint(f.seed, 10, 64)
		if err != nil {
			return ov, usagef("--seed must be an unsigned integer, got %q", f.seed)
		}
		ov.Seed = &s
	}
	return ov, nil
}

func planFor(path string, pf *planFlags) (*engine.Plan, error) {
	sc, err := loadScenario(path)
	if err != nil {
		return nil, err
	}
	ov, err := pf.overrides()
	if err != nil {
		return nil, err
	}
	p, err := engine.NewPlan(sc, ov)
	if err != nil {
		return nil, usageError{err}
	}
	return p, nil
}

func cmdRun(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "[SCENARIO] [options]",
		`Runs a scenario file (or, with none, the embedded default scenario) and writes
bands.parquet (and sobol.parquet, convergence.parquet or morris.parquet) to the
output folder. Command-line options override the file.`, args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	workers := fs.Int("workers", 0, "worker goroutines (default: all CPUs; at most 4 per CPU and one per block of the design)")
	batch := fs.Int("batch", engine.DefaultBatch, fmt.Sprintf("samples per model evaluation (results never change): capped at %d, and so that each\n"+
		"worker's buffers (8 bytes × batch × (2 × factors + output series)) stay below %d MiB", engine.MaxBatch, engine.MaxBatchBytes>>20))
	outDir := fs.String("o", "mc-results", "output folder")
	keep := fs.Bool("keep-samples", false, "also write samples.parquet and outputs.parquet (one row per sample; large)")
	quiet := fs.Bool("quiet", false, "no progress or summary")
	indexYears := fs.String("index-years", "2030,2040,2050", "years whose Sobol' indices the summary shows beside the aggregate over all years")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (Go pprof format: go tool pprof FILE)")
	reportFlag(fs)
	shardFlag := fs.String("shard", "", "run only shard I of N (0 ≤ I < N) and write its state file to the output folder\n(under a Slurm array job, read from SLURM_ARRAY_TASK_ID/COUNT unless given)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("run takes one scenario file, got %d arguments", len(pos))
	}
	if *batch < 0 {
		return usagef("--batch must be ≥ 0 (0: the model's preference), got %d", *batch)
	}
	iy, err := parseYears(*indexYears)
	if err != nil {
		return err
	}
	summaryIndexYears = iy
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	path := ""
	if len(pos) == 1 {
		path = pos[0]
	}
	p, err := planFor(path, &pf)
	if err != nil {
		return err
	}
	shard, shards, err := shardOf(*shardFlag, os.Getenv)
	if err != nil {
		return err
	}
	var firstBlock, endBlock int
	if shards > 0 {
		if shards > p.Blocks() {
			return usagef("%d shards but the design has only %d blocks of %d rows: use at most %d shards", shards, p.Blocks(), p.BlockRows, p.Blocks())
		}
		firstBlock, endBlock = engine.ShardBlocks(p.Blocks(), shard, shards)
	}
	// The output folder: created, checked writable and locked before the run.
	var own []string
	if shards > 0 {
		suffix := fmt.Sprintf("-%05d-of-%05d", shard, shards)
		own = []string{engine.StateFileName(shard, shards), "samples" + suffix + ".parquet", "outputs" + suffix + ".parquet"}
	}
	lock, err := openOutput(*outDir, shards == 0, own, stderr)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	ctx, stop := signalContext()
	defer stop()
	// A whole run's files are written into a staging folder and published
	// with their manifest when all are complete (see results.Staging).
	var staging *results.Staging
	sampleDir := *outDir
	if shards == 0 {
		if staging, err = results.NewStaging(*outDir); err != nil {
			return err
		}
		defer staging.Abort()
		sampleDir = staging.Dir()
	}
	for _, n := range p.Notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	if !*quiet {
		describePlan(stderr, p)
	}

	opts := engine.Options{Workers: *workers, Batch: *batch, FirstBlock: firstBlock, EndBlock: endBlock,
		TargetCI: p.Scenario.Sobol.TargetCI, MaxN: p.Scenario.Sobol.MaxSamples}
	if pf.targetCI > 0 {
		opts.TargetCI = pf.targetCI
	}
	var sf *engine.SampleFiles
	if *keep {
		meta := (&engine.Outcome{Plan: p}).Meta()
		suffix := ""
		if shards > 0 {
			suffix = fmt.Sprintf("-%05d-of-%05d", shard, shards)
		}
		if sf, err = engine.NewSampleFiles(sampleDir, suffix, p, meta); err != nil {
			return err
		}
		opts.Keep = sf
	}
	start := time.Now()
	out, err := executeCtx(ctx, p, opts, *quiet, *outDir, stderr)
	if err != nil {
		sf.Abort()
		return err
	}
	elapsed := time.Since(start)
	if opts.TargetCI > 0 && !*quiet {
		for _, w := range out.Widths {
			fmt.Fprintf(stderr, "N = %d: widest 95 %% CI of S1 and ST %.4f\n", w.N, w.Width)
		}
		if out.TargetMet {
			fmt.Fprintf(stderr, "target CI width %g reached at N = %d\n", opts.TargetCI, p.N)
		} else {
			fmt.Fprintf(stderr, "target CI width %g NOT reached: stopped at the maximum N = %d (raise sobol.max_samples)\n", opts.TargetCI, p.N)
		}
	}
	if shards > 0 {
		path, err := engine.SaveState(*outDir, out, shard, shards)
		if err != nil {
			sf.Abort()
			return err
		}
		if err := sf.Commit(); err != nil {
			return err
		}
		if !*quiet {
			fmt.Fprintf(stderr, "shard %d of %d (blocks %d–%d): %d evaluations in %.3f s\n", shard, shards, firstBlock, endBlock-1, out.Evals, elapsed.Seconds())
			fmt.Fprintf(stdout, "wrote %s\n", path)
		}
		return nil
	}
	return writeResults(ctx, out, staging, "run", *outDir, sf, *quiet, elapsed, stdout, stderr)
}

// writeResults writes the tables of a complete run (or merge) into the
// staging folder, publishes them with their manifest, and prints the summary.
// A signal before the commit point leaves the output folder as it was.
func writeResults(ctx context.Context, out *engine.Outcome, staging *results.Staging, command, outDir string, sf *engine.SampleFiles, quiet bool, elapsed time.Duration, stdout, stderr io.Writer) error {
	p := out.Plan
	tables, err := out.Tables()
	if err != nil {
		sf.Abort()
		return err
	}
	meta := out.Meta()
	if _, err := tables.Write(staging.Dir(), meta); err != nil {
		sf.Abort()
		return err
	}
	if err := sf.Commit(); err != nil {
		return err
	}
	if err := writeTablesReport(staging.Dir(), tables, meta, elapsed); err != nil {
		return err
	}
	written, err := publish(ctx, staging, command, meta, outDir, stderr)
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "%d evaluations in %s (%s/s)\n", out.Evals, elapsed.Round(time.Millisecond), si(float64(out.Evals)/elapsed.Seconds()))
		printSummary(stdout, p, tables)
		for _, w := range written {
			fmt.Fprintf(stdout, "wrote %s%s\n", w, openHint(w))
		}
		fmt.Fprintf(stdout, "wrote %s (the run's files, their sizes and SHA-256: 'mc check %s')\n", filepath.Join(outDir, results.ManifestName), outDir)
	}
	return nil
}

func describePlan(w io.Writer, p *engine.Plan) {
	fmt.Fprintf(w, "scenario %s: model %s, %d factors (%d uncertain), %d output series\n",
		p.Scenario.File, p.Scenario.Model, len(p.Factors), len(p.Sampled), len(p.Series))
	switch p.Method {
	case "sobol":
		so := "first and total order"
		if p.Scenario.Sobol.SecondOrder {
			so = "first, second and total order"
		}
		cis := "CIs by the delta method (independent rows)"
		if p.Design == "sobol" {
			cis = fmt.Sprintf("CIs: the wider of the delta-method and %d-batch means intervals (conservative for one scrambled sequence)", p.Replicates)
		}
		fmt.Fprintf(w, "method sobol (%s, by %s, %d sets): N = %d base rows × (%d) = %d model evaluations, %s\n",
			so, p.By, len(p.Evals), p.N, p.Evaluations()/int64(p.N), p.Evaluations(), cis)
	case "morris":
		fmt.Fprintf(w, "method morris: r = %d trajectories × (k + 1 = %d) = %d model evaluations, %d levels\n",
			p.N, len(p.Evals)+1, p.Evaluations(), p.Morris().Levels)
	default:
		fmt.Fprintf(w, "method mc, design %s, seed %d: %d samples\n", p.Design, p.Seed, p.N)
	}
	describeIndices(w, p) // cmd/mc/summary_sobol.go
	for _, line := range p.CorrelationLines() {
		fmt.Fprintln(w, line)
	}
}

// shardOf reads --shard I/N, or else a Slurm array task's index and count.
func shardOf(flag string, getenv func(string) string) (shard, shards int, err error) {
	if flag != "" {
		if _, err := fmt.Sscanf(flag, "%d/%d", &shard, &shards); err != nil || shards < 1 || shard < 0 || shard >= shards || fmt.Sprintf("%d/%d", shard, shards) != flag {
			return 0, 0, usagef("--shard must be I/N with 0 ≤ I < N, got %q", flag)
		}
		return shard, shards, nil
	}
	id, count := getenv("SLURM_ARRAY_TASK_ID"), getenv("SLURM_ARRAY_TASK_COUNT")
	if id == "" || count == "" {
		return 0, 0, nil
	}
	var min int
	if m := getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
		fmt.Sscanf(m, "%d", &min)
	}
	if _, err := fmt.Sscanf(id, "%d", &shard); err != nil {
		return 0, 0, usagef("SLURM_ARRAY_TASK_ID=%q is not a number", id)
	}
	if _, err := fmt.Sscanf(count, "%d", &shards); err != nil || shards < 1 {
		return 0, 0, usagef("SLURM_ARRAY_TASK_COUNT=%q is not a positive number", count)
	}
	shard -= min
	if shard < 0 || shard >= shards {
		return 0, 0, usagef("Slurm array task %s (min %d) is outside 0…%d", id, min, shards-1)
	}
	return shard, shards, nil
}

// executeCtx runs a plan with progress reports until done or ctx (signals) ends.
func executeCtx(ctx context.Context, p *engine.Plan, opts engine.Options, quiet bool, outDir string, stderr io.Writer) (*engine.Outcome, error) {
	var prog *progress
	if !quiet {
		prog = newProgress(stderr)
		opts.Progress = prog.update
	}
	out, err := engine.Run(ctx, p, opts)
	if prog != nil {
		prog.finish()
	}
	// "interrupted" only for a signal: any other error is the run's own.
	if err != nil && ctx.Err() != nil {
		return nil, interrupted(outDir)
	}
	return out, err
}
