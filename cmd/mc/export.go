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
	if *outDir == "" {
		*outDir = dir
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
	for _, n := range files {
		dst := filepath.Join(*outDir, strings.TrimSuffix(n, ".parquet")+".csv")
		rows, err := results.ParquetToCSV(ctx, filepath.Join(dir, n), dst)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return fmt.Errorf("interrupted: %s not written", dst)
			}
			return err
		}
		if !*quiet {
			fmt.Fprintf(stdout, "wrote %s (%d rows)\n", dst, rows)
		}
	}
	return nil
}
