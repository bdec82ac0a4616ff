package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"mc/engine"
	"mc/results"
)

func cmdCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", "BASE VARIANT [options]",
		`Runs two scenarios on common random numbers (a factor of the same name takes
the same design coordinate, so the same value when its distribution is the same)
and reports, per output and year, the distribution of the difference (variant −
base) and of the relative change, and the probability that the variant reduces
the output by more than --threshold. Writes compare.parquet.`, args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	threshold := fs.String("threshold", "10%", "reduction threshold, as a fraction (0.1) or a percentage (10%)")
	workers := fs.Int("workers", 0, "worker goroutines (default: all CPUs)")
	outDir := fs.String("o", "mc-compare", "output folder")
	quiet := fs.Bool("quiet", false, "no progress or summary")
	reportFlag(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("compare takes two scenario files: BASE VARIANT")
	}
	thr, err := parseThreshold(*threshold)
	if err != nil {
		return err
	}
	base, err := loadScenario(pos[0])
	if err != nil {
		return err
	}
	variant, err := loadScenario(pos[1])
	if err != nil {
		return err
	}
	ov, err := pf.overrides()
	if err != nil {
		return err
	}
	p, err := engine.NewComparePlan(base, variant, ov, thr)
	if err != nil {
		return usageError{err}
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "comparing %s (variant) with %s (base): %d paired samples, design %s, seed %d, threshold %g %%\n",
			pos[1], pos[0], p.N, p.Design, p.Seed, 100*thr)
	}
	start := time.Now()
	out, err := execute(p, engine.Options{Workers: *workers}, *quiet, *outDir, stderr)
	if err != nil {
		return err
	}
	tables, err := out.Tables()
	if err != nil {
		return err
	}
	rows := engine.CompareRows(tables.Bands, thr)
	meta := out.Meta()
	meta["mc.threshold"] = strconv.FormatFloat(thr, 'g', -1, 64)
	meta["mc.base"] = string(base.Text)
	meta["mc.variant"] = string(variant.Text)
	path := filepath.Join(*outDir, "compare.parquet")
	if err := results.WriteRows(path, rows, meta); err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "%d paired samples in %s\n", p.N, time.Since(start).Round(time.Millisecond))
		printCompare(stdout, rows, thr)
		fmt.Fprintf(stdout, "wrote %s\n", path)
	}
	return writeCompareReport(*outDir, rows, meta, time.Since(start), *quiet, stdout)
}

func parseThreshold(s string) (float64, error) {
	v, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, usagef("--threshold must be a fraction or a percentage, got %q", s)
	}
	if pct {
		f /= 100
	}
	if !(f >= 0 && f < 1) {
		return 0, usagef("--threshold must be in [0, 100 %%), got %q", s)
	}
	return f, nil
}

func printCompare(w io.Writer, rows []results.CompareRow, thr float64) {
	fmt.Fprintf(w, "\nRelative change (variant vs base): median, 90 %% band, and P(reduction > %g %%):\n", 100*thr)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "output\tyear\tq5\tq50\tq95\tP(reduction)\t")
	shown := 0
	for _, r := range rows {
		if r.Measure != "relative" || r.Year != nil && len(rows) > 4*maxSummaryOutputs && !summaryYears[*r.Year] {
			continue
		}
		if shown++; shown > 4*maxSummaryOutputs {
			fmt.Fprintln(tw, "…\t\t\t\t\t\t")
			break
		}
		fmt.Fprintf(tw, "%s\t%s\t%+.1f %%\t%+.1f %%\t%+.1f %%\t%.2f\t\n", r.Output, yearString(r.Year), 100*r.Q5, 100*r.Q50, 100*r.Q95, *r.PReduction)
	}
	tw.Flush()
}
