package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"mc/engine"
	htmlreport "mc/report"
	"mc/results"
)

// noReport is --no-report of run, merge and compare.
var noReport bool

func reportFlag(fs *flag.FlagSet) {
	fs.BoolVar(&noReport, "no-report", false, "do not write report.html (the HTML report of the results)")
}

// writeTablesReport writes report.html of a run or merge from its tables in memory.
func writeTablesReport(dir string, t *engine.Tables, meta results.Meta, wall time.Duration, quiet bool, stdout io.Writer) error {
	return writeReport(dir, &htmlreport.Data{Meta: meta, Bands: t.Bands, Sobol: t.Sobol, Convergence: t.Convergence,
		Morris: t.Morris, Wall: wall.Seconds()}, quiet, stdout)
}

// writeCompareReport writes report.html of a comparison.
func writeCompareReport(dir string, rows []results.CompareRow, meta results.Meta, wall time.Duration, quiet bool, stdout io.Writer) error {
	return writeReport(dir, &htmlreport.Data{Meta: meta, Compare: rows, Wall: wall.Seconds()}, quiet, stdout)
}

func writeReport(dir string, d *htmlreport.Data, quiet bool, stdout io.Writer) error {
	if noReport {
		return nil
	}
	path, err := htmlreport.Write(dir, d)
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if !quiet {
		fmt.Fprintf(stdout, "wrote %s (open it in a browser)\n", path)
	}
	return nil
}

func cmdReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", "DIR",
		`(Re)writes DIR/report.html from the result files of DIR (bands.parquet,
sobol.parquet, convergence.parquet, morris.parquet or compare.parquet): one
self-contained HTML file that opens in a browser, offline.`, args, stdout, stderr)
	quiet := fs.Bool("quiet", false, "print nothing")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("report takes one result folder")
	}
	start := time.Now()
	d, err := htmlreport.Load(pos[0])
	if err != nil {
		return usageError{err}
	}
	path, err := htmlreport.Write(pos[0], d)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "report written in %.3f s\n", time.Since(start).Seconds())
		fmt.Fprintf(stdout, "wrote %s (open it in a browser)\n", path)
	}
	return nil
}
