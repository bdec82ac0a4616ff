package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"mc/results"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "DIR --csv [-o OUT]",
		`Writes every Parquet file of the result folder DIR (bands.parquet, sobol.parquet,
…) as a CSV file of the same name (bands.csv, …), for spreadsheets and tools without
a Parquet reader: a header of the column names, one line per row, numbers with the
digits that read back exactly, an empty cell for a null (the year of a scalar
output). Files are converted a batch of rows at a time (memory does not grow with
their size) and appear complete or not at all. The metadata (scenario, seed, …)
stays in the Parquet files.`, args, stdout, stderr)
	asCSV := fs.Bool("csv", false, "write CSV (the only format, required)")
	outDir := fs.String("o", "", "output folder (default: DIR)")
	quiet := fs.Bool("quiet", false, "do not list the files written")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export takes one result folder")
	}
	if !*asCSV {
		return usagef("export: choose the format: --csv")
	}
	dir := pos[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usagef("export: %s is not a folder", dir)
	}
	inPlace := *outDir == "" || sameFolder(*outDir, dir)
	if *outDir == "" {
		*outDir = dir
	}
	// The folder must hold the complete results of one run; CSV files written
	// beside them are recorded in its manifest, so that they belong to that
	// run (the next run into the folder removes them with the others).
	lock, err := results.LockFolder(dir, inPlace, strings.Join(append([]string{"mc"}, os.Args[1:]...), " "))
	switch {
	case errors.Is(err, results.ErrLocked):
		return usageError{err}
	case err != nil && inPlace:
		return usagef("export: cannot lock %s to write CSV files into it (%v): choose another folder with -o", dir, err)
	}
	defer lock.Unlock()
	if _, err := results.CheckFolder(dir); err != nil {
		return usagef("export: %v", err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var files []string
	for _, e := range ents {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(n, ".parquet") && !strings.HasPrefix(n, ".") {
			files = append(files, n)
		}
	}
	if len(files) == 0 {
		return usagef("export: no Parquet file in %s", dir)
	}
	sort.Strings(files)
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var written []string
	for _, n := range files {
		dst := filepath.Join(*outDir, strings.TrimSuffix(n, ".parquet")+".csv")
		rows, err := results.ParquetToCSV(ctx, filepath.Join(dir, n), dst)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return fmt.Errorf("interrupted: %s not written", dst)
			}
			return err
		}
		written = append(written, filepath.Base(dst))
		if !*quiet {
			fmt.Fprintf(stdout, "wrote %s (%d rows)\n", dst, rows)
		}
	}
	if inPlace {
		return results.RecordFiles(dir, written...)
	}
	return nil
}

// sameFolder tells whether a and b name the same folder.
func sameFolder(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
