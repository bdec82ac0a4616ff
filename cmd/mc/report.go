package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mc/engine"
	htmlreport "mc/report"
	"mc/results"
)

// noReport is --no-report of run, merge, compare and analyze.
var noReport bool

func reportFlag(fs *flag.FlagSet) {
	fs.BoolVar(&noReport, "no-report", false, "do not write report.html (the HTML report of the results)")
}

// The report is one of the run's files: it is written into the staging
// folder with the Parquet files, before they are published, so that the
// manifest lists it and the next run into the folder removes it with the
// others. With --no-report none is written (and the report of an earlier
// run goes, like any file of an earlier run).

// writeTablesReport writes report.html of a run or merge from its tables in
// memory into dir (the staging folder).
func writeTablesReport(dir string, t *engine.Tables, meta results.Meta, wall time.Duration) error {
	return writeReport(dir, &htmlreport.Data{Meta: meta, Bands: t.Bands, Sobol: t.Sobol, Convergence: t.Convergence,
		Morris: t.Morris, Wall: wall.Seconds()})
}

// writeCompareReport writes report.html of a comparison into dir (the staging folder).
func writeCompareReport(dir string, rows []results.CompareRow, meta results.Meta, wall time.Duration) error {
	return writeReport(dir, &htmlreport.Data{Meta: meta, Compare: rows, Wall: wall.Seconds()})
}

func writeReport(dir string, d *htmlreport.Data) error {
	if noReport {
		return nil
	}
	if _, err := htmlreport.Write(dir, d); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// openHint is printed after the path of a report.
func openHint(path string) string {
	if filepath.Base(path) == htmlreport.FileName {
		return " (open it in a browser)"
	}
	return ""
}

func cmdReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", "DIR",
		`(Re)writes DIR/report.html from the result files of DIR (bands.parquet,
sobol.parquet, convergence.parquet, morris.parquet or compare.parquet): one
self-contained HTML file that opens in a browser, offline. DIR must hold the
complete results of one run ('mc check DIR'); the report is recorded in its
manifest, so the folder still checks.`, args, stdout, stderr)
	quiet := fs.Bool("quiet", false, "print nothing")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("report takes one result folder")
	}
	dir := pos[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usagef("%s: no such result folder", dir)
	}
	start := time.Now()
	lock, err := results.LockFolder(dir, true, strings.Join(append([]string{"mc"}, os.Args[1:]...), " "))
	switch {
	case errors.Is(err, results.ErrLocked):
		return usageError{err}
	case err != nil:
		return usagef("cannot lock %s to write its report (%v)", dir, err)
	}
	defer lock.Unlock()
	if _, err := results.CheckFolderExcept(dir, htmlreport.FileName); err != nil {
		return usagef("%v\nrerun the command that wrote it; mc report rewrites the report of complete results only", err)
	}
	d, err := htmlreport.Load(dir)
	if err != nil {
		return usageError{err}
	}
	html, err := htmlreport.HTML(htmlreport.Build(d), d.Wall)
	if err != nil {
		return err
	}
	// Signals are held back during the two renames (report, manifest).
	_, stop := signalContext()
	defer stop()
	if err := results.ReplaceFile(dir, htmlreport.FileName, html); err != nil {
		return err
	}
	if !*quiet {
		path := filepath.Join(dir, htmlreport.FileName)
		fmt.Fprintf(stderr, "report written in %.3f s\n", time.Since(start).Seconds())
		fmt.Fprintf(stdout, "wrote %s%s\n", path, openHint(path))
	}
	return nil
}
