package main

import (
	"fmt"
	"io"
	"time"

	"mc/engine"
)

func cmdMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", "DIR [-o OUT]",
		`Merges the shard state files (state-*.mcstate) of DIR, written by 'mc run --shard I/N',
into exactly the results of a single 'mc run': bands.parquet, sobol.parquet, ….
Refuses missing, duplicated, half-written shards and shards of another design.`, args, stdout, stderr)
	outDir := fs.String("o", "", "output folder, created if missing (default: DIR)")
	quiet := fs.Bool("quiet", false, "no summary")
	reportFlag(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("merge takes one folder")
	}
	if *outDir == "" {
		*outDir = pos[0]
	}
	// The output folder is created and locked before the states are read:
	// a problem with it is found before the work, and a merge never mixes
	// its files with those of another writer.
	folder, err := openRunFolder(*outDir, stderr)
	if err != nil {
		return err
	}
	defer folder.Close()
	start := time.Now()
	out, err := engine.MergeStates(pos[0])
	if err != nil {
		return usageError{err}
	}
	if err := writeResults(folder.ctx, out, folder.staging, "merge", *outDir, nil, true, time.Since(start), stdout, stderr); err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "merged %d evaluations of %s in %.3f s\n", out.Evals, out.Plan.Scenario.File, time.Since(start).Seconds())
		fmt.Fprintf(stdout, "wrote the results of %s to %s\n", out.Plan.Scenario.File, *outDir)
	}
	return nil
}
