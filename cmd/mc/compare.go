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
	"mc/inputs"
	"mc/results"
	"mc/scenarios"
)

// defaultRankYears are the years of the printed rankings.
var defaultRankYears = []int{2030, 2050}

func cmdCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", "BASE VARIANT... [options]",
		`Compares one or more variant scenarios (measures) with a base on common random
numbers: sample i of every scenario uses the same design point, and a factor of
the same name takes the same coordinate (so the same value when its distribution
is the same). The base is evaluated once per sample and each variant once.
Variants are files (e.g. scenarios/measures/*.yaml, expanded by the shell) or
embedded scenario names (a pattern such as 'measures/*' is matched against the
embedded scenarios); a variant is named after its file, without .yaml.

Writes compare.parquet: one row per measure, output and year, with the median
relative change (variant − base)/|base|, its 90 % band (rel_q5, rel_q95), its
mean, P(reduction > --threshold), the quantiles of the difference variant − base
and the base median. Prints the measures ranked by median relative change for
each criterion total (outputs named *_total) in the --years.

By default the outputs compared are the base scenario's index outputs and the
criterion totals (--outputs to choose); N, seed and design are the base's.
Memory does not grow with N; it grows with outputs × variants (at most 65,536
accumulated series: 1 + 3 per variant for each compared output and year).`, args, stdout, stderr)
	var pf planFlags
	pf.register(fs)
	threshold := fs.String("threshold", "10%", "reduction threshold, as a fraction (0.1) or a percentage (10%)")
	outputs := fs.String("outputs", "", "comma-separated output names or patterns to compare ('*': all); default: index outputs and criterion totals")
	years := fs.String("years", "2030,2050", "comma-separated years of the printed rankings")
	workers := fs.Int("workers", 0, "worker goroutines (default: all CPUs)")
	outDir := fs.String("o", "mc-compare", "output folder")
	quiet := fs.Bool("quiet", false, "no progress or summary")
	reportFlag(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("compare takes a base and at least one variant: BASE VARIANT...")
	}
	if err := compareRefuses(&pf); err != nil {
		return err
	}
	thr, err := parseThreshold(*threshold)
	if err != nil {
		return err
	}
	rankYears, err := parseYears(*years)
	if err != nil {
		return err
	}
	ov, err := pf.overrides()
	if err != nil {
		return err
	}
	base, err := loadScenario(pos[0])
	if err != nil {
		return err
	}
	variants, names, err := loadVariants(pos[1:])
	if err != nil {
		return err
	}
	opt := engine.CompareOptions{Threshold: thr, Outputs: splitList(*outputs)}
	c, err := engine.NewComparison(base, variants, names, ov, opt)
	if err != nil {
		return usageError{err}
	}
	p := c.Plan
	folder, err := openRunFolder(*outDir, stderr)
	if err != nil {
		return err
	}
	defer folder.Close()
	ctx, staging := folder.ctx, folder.staging
	if !*quiet {
		what := fmt.Sprintf("%d variants (%s)", len(variants), strings.Join(names, ", "))
		if len(variants) == 1 {
			what = variants[0].File + " (variant)"
		}
		fmt.Fprintf(stderr, "comparing %s with %s (base): %d paired samples, design %s, seed %d, %d output series, threshold %g %%\n",
			what, base.File, p.N, p.Design, p.Seed, len(c.Compared), 100*thr)
	}
	start := time.Now()
	out, err := executeCtx(ctx, p, engine.Options{Workers: *workers}, *quiet, *outDir, stderr)
	if err != nil {
		return err
	}
	tables, err := out.Tables()
	if err != nil {
		return err
	}
	rows, err := c.Rows(tables)
	if err != nil {
		return err
	}
	meta := out.Meta()
	meta["mc.threshold"] = strconv.FormatFloat(thr, 'g', -1, 64)
	meta["mc.base"] = string(base.Text)
	// Every paired sample evaluates the base and each variant once.
	meta["mc.evaluations"] = strconv.FormatInt(int64(len(variants)+1)*p.Evaluations(), 10)
	meta["mc.base_file"] = base.File
	meta["mc.measures"] = strings.Join(names, ",")
	for k, v := range variants {
		meta["mc.variant."+names[k]] = string(v.Text)
		meta["mc.variant_file."+names[k]] = v.File
	}
	if err := results.WriteRows(filepath.Join(staging.Dir(), "compare.parquet"), rows, meta); err != nil {
		return err
	}
	if err := writeCompareReport(staging.Dir(), rows, meta, time.Since(start)); err != nil {
		return err
	}
	written, err := publish(ctx, staging, "compare", meta, *outDir, stderr)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stderr, "%d paired samples × %d scenarios in %s\n", p.N, len(variants)+1, time.Since(start).Round(time.Millisecond))
		ranked, missing := engine.Rank(rows, engine.CriterionOutputs(c.Base), rankYears)
		printRanking(stdout, ranked, thr)
		for _, m := range missing {
			fmt.Fprintf(stderr, "note: %s (see --years)\n", m)
		}
		if len(ranked) == 0 {
			fmt.Fprintln(stdout, "\nno criterion total (output named *_total) among the compared outputs: see compare.parquet")
		}
		printBandFlags(stdout, tables.Bands)
		for _, w := range written {
			fmt.Fprintf(stdout, "wrote %s%s\n", w, openHint(w))
		}
	}
	return nil
}

// compareRefuses rejects the run options a comparison would ignore: it
// always runs paired plain Monte Carlo (bands of the difference), whatever
// the method, the grouping or a target CI width of either scenario.
func compareRefuses(pf *planFlags) error {
	for _, f := range []struct {
		name string
		set  bool
	}{{"--method", pf.method != ""}, {"--by", pf.by != ""}, {"--target-ci-width", pf.targetCI != 0}} {
		if f.set {
			return usagef("compare does not take %s: it runs both scenarios as paired Monte Carlo samples (bands of the difference); run each with 'mc run %s …' for sensitivity indices", f.name, f.name)
		}
	}
	return nil
}

// loadVariants loads the variant scenarios: files, embedded names, or
// patterns matched against the embedded scenarios. Each is named after its
// file without directory and .yaml; names that collide keep their path.
func loadVariants(args []string) ([]*inputs.Scenario, []string, error) {
	var paths []string
	for _, a := range args {
		if _, err := os.Stat(a); err != nil && strings.ContainsAny(a, "*?[") {
			m := scenarios.Glob(a)
			if len(m) == 0 {
				return nil, nil, usagef("%s: no file or embedded scenario matches", a)
			}
			paths = append(paths, m...)
			continue
		}
		paths = append(paths, a)
	}
	var scs []*inputs.Scenario
	var names []string
	count := map[string]int{}
	for _, p := range paths {
		sc, err := loadScenario(p)
		if err != nil {
			return nil, nil, err
		}
		scs = append(scs, sc)
		n := strings.TrimSuffix(filepath.Base(strings.TrimPrefix(p, scenarios.Prefix)), ".yaml")
		names = append(names, n)
		count[n]++
	}
	for i, n := range names {
		if count[n] > 1 {
			names[i] = strings.TrimSuffix(paths[i], ".yaml")
		}
	}
	seen := map[string]bool{}
	for i, n := range names {
		if seen[n] {
			return nil, nil, usagef("variant %s is given twice", paths[i])
		}
		seen[n] = true
	}
	return scs, names, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseYears(s string) ([]int, error) {
	var ys []int
	for _, f := range splitList(s) {
		y, err := strconv.Atoi(f)
		if err != nil {
			return nil, usagef("--years must be comma-separated years such as 2030,2050, got %q", s)
		}
		ys = append(ys, y)
	}
	if len(ys) == 0 {
		return nil, usagef("--years must name at least one year")
	}
	return ys, nil
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

// printRanking prints, for each criterion and year, the measures ranked by
// median relative change.
func printRanking(w io.Writer, ranked []engine.Ranked, thr float64) {
	for _, r := range ranked {
		title := r.Output
		if r.Year != nil {
			title += " in " + yearString(r.Year)
		}
		b := r.Rows[0]
		fmt.Fprintf(w, "\n%s (base median %s): measures ranked by median relative change (variant vs base)\n", title, humanQuantity(b.BaseQ50, b.Unit))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "rank\tmeasure\tmedian\t90 %% band\tmean\tP(reduction > %g %%)\t\n", 100*thr)
		for i, x := range r.Rows {
			fmt.Fprintf(tw, "%d\t%s\t%s\t[%s, %s]\t%s\t%.2f\t\n", i+1, x.Measure, pct(x.RelQ50), pct(x.RelQ5), pct(x.RelQ95), pct(x.RelMean), x.PReduction)
		}
		tw.Flush()
	}
}

func pct(v float64) string { return fmt.Sprintf("%+.1f %%", 100*v) }
