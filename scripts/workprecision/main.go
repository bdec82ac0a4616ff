//go:build unix

// Command workprecision prints the work-precision table of `make bench`: for
// test functions with exact Sobol' indices and each sampling design, the
// wall time a run needs to reach a given accuracy, the interval coverage
// there, and the share of the run spent outside the model.
//
// For every design and N = 2^10, 2^12, … it runs method sobol with seeds
// 1…S and records the largest |error| on S1 and ST over the factors, the
// wall time of the run (Run and Tables, all cores) and whether each 95 %
// interval covers the exact value, and the share of the process's CPU time
// spent outside the model's Evaluate. The accuracy reached at N is the median
// over the seeds; the time to a target is that of the smallest N whose
// median error is below it. When no N up to the largest tried reaches the
// target, the time is extrapolated from the largest N with the design's
// rate (error ∝ 1/√N for Monte Carlo and Latin hypercube, the measured rate
// between the last two N for Sobol') and marked "≈".
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"mc/engine"
	"mc/inputs"
	"mc/model"
)

type function struct {
	name, yaml string
	s, st      []float64
}

func functions() []function {
	v1 := 0.5 * math.Pow(1+0.1*math.Pow(math.Pi, 4)/5, 2)
	v2 := 49.0 / 8
	v13 := 8 * 0.01 * math.Pow(math.Pi, 8) / 225
	v := v1 + v2 + v13
	pi := "{distribution: uniform, min: -3.141592653589793, max: 3.141592653589793}"
	unit := "{distribution: uniform, min: 0, max: 1}"
	factors := func(k int, d string) string {
		var b strings.Builder
		for j := 1; j <= k; j++ {
			fmt.Fprintf(&b, "  x%d: %s\n", j, d)
		}
		return b.String()
	}
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	g := function{name: "Sobol' G 8-d", yaml: "model: sobol-g\nparameters: {a: [0, 1, 4.5, 9, 99, 99, 99, 99]}\nfactors:\n" + factors(8, unit)}
	for i := range a {
		g.s = append(g.s, vi[i]/(prod-1))
		g.st = append(g.st, vi[i]*prod/(1+vi[i])/(prod-1))
	}
	const p, m = 5, 20
	mo := function{name: "morris2006 (p=5, M=20)", yaml: "model: morris2006\nparameters: {p: 5, M: 20}\nfactors:\n" + factors(m, unit)}
	for i := 0; i < m; i++ {
		s, st := 0.0, 0.0
		if i < p {
			s, st = 1/(1.05*p), 1.1/(1.05*p)
		}
		mo.s, mo.st = append(mo.s, s), append(mo.st, st)
	}
	return []function{
		{name: "Ishigami", yaml: "model: ishigami\nparameters: {a: 7, b: 0.1}\nfactors:\n" + factors(3, pi),
			s: []float64{v1 / v, v2 / v, 0}, st: []float64{(v1 + v13) / v, v2 / v, v13 / v}},
		g, mo,
	}
}

// timed counts the time spent in the model's Evaluate, over all workers.
type timed struct {
	model.Model
	ns *atomic.Int64
}

func (m timed) Evaluate(in, out [][]float64) {
	t := time.Now()
	m.Model.Evaluate(in, out)
	m.ns.Add(int64(time.Since(t)))
}

type point struct {
	n               int
	err, wall       float64 // medians over seeds
	cover           float64
	outside         float64 // share of the run outside the model
	covered, intvls int
}

func measure(f function, design string, n int, seeds int, workers int) (point, error) {
	pt := point{n: n}
	var errs, walls, outs []float64
	for s := 1; s <= seeds; s++ {
		text := fmt.Sprintf("%smethod: sobol\ndesign: %s\nsamples: %d\nseed: %d\n", f.yaml, design, n, s)
		sc, err := inputs.Parse("workprecision.yaml", []byte(text))
		if err != nil {
			return pt, err
		}
		p, err := engine.NewPlan(sc, engine.Overrides{})
		if err != nil {
			return pt, err
		}
		var ns atomic.Int64
		p.Model = timed{p.Model, &ns}
		cpu0 := cpuSeconds()
		start := time.Now()
		out, err := engine.Run(context.Background(), p, engine.Options{Workers: workers})
		if err != nil {
			return pt, err
		}
		tb, err := out.Tables()
		if err != nil {
			return pt, err
		}
		wall := time.Since(start).Seconds()
		cpu := cpuSeconds() - cpu0
		e := 0.0
		for i, r := range tb.Sobol {
			e = math.Max(e, math.Max(math.Abs(r.S1-f.s[i]), math.Abs(r.ST-f.st[i])))
			pt.intvls += 2
			if r.S1Lo <= f.s[i] && f.s[i] <= r.S1Hi {
				pt.covered++
			}
			if r.STLo <= f.st[i] && f.st[i] <= r.STHi {
				pt.covered++
			}
		}
		errs = append(errs, e)
		walls = append(walls, wall)
		// The model's time is wall time inside Evaluate summed over the
		// workers; on a loaded machine it includes time the thread waited
		// for a core, so the share is a lower bound there.
		outs = append(outs, max(0, 1-float64(ns.Load())/1e9/cpu))
	}
	pt.err, pt.wall, pt.outside = median(errs), median(walls), median(outs)
	pt.cover = float64(pt.covered) / float64(pt.intvls)
	return pt, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return (s[(len(s)-1)/2] + s[len(s)/2]) / 2
}

func main() {
	seeds := flag.Int("seeds", 8, "seeds per point (the median is reported)")
	maxLog := flag.Int("max-log2", 20, "largest N = 2^max-log2 base rows (design sobol)")
	maxLogRandom := flag.Int("max-log2-random", 18, "largest N for designs mc and lhs, whose error ∝ 1/√N is extrapolated beyond")
	designs := flag.String("designs", "sobol,mc,lhs", "designs to compare")
	workers := flag.Int("workers", 0, "workers (0: all CPUs)")
	flag.Parse()
	if *workers <= 0 {
		*workers = runtimeCPUs()
	}
	targets := []float64{1e-3, 1e-4, 1e-5}
	fmt.Printf("%-24s %-6s %-13s %-26s %-26s %-26s %s\n", "function", "design", "last N, error", "time to 1e-3 (N, cover)", "time to 1e-4", "time to 1e-5", "outside model")
	for _, f := range functions() {
		for _, d := range strings.Split(*designs, ",") {
			var pts []point
			top := *maxLog
			if d != "sobol" {
				top = *maxLogRandom
			}
			for lg := 10; lg <= top; lg += 2 {
				pt, err := measure(f, d, 1<<lg, *seeds, *workers)
				if err != nil {
					fmt.Fprintln(os.Stderr, "workprecision:", err)
					os.Exit(1)
				}
				pts = append(pts, pt)
				if pt.err < targets[len(targets)-1] {
					break
				}
			}
			last := pts[len(pts)-1]
			cells := make([]string, len(targets))
			for i, tg := range targets {
				cells[i] = reach(pts, tg, d)
			}
			fmt.Printf("%-24s %-6s 2^%-2d %.1e  %-26s %-26s %-26s %.0f %%\n", f.name, d, int(math.Log2(float64(last.n))), last.err, cells[0], cells[1], cells[2], 100*last.outside)
		}
	}
}

// reach formats the time to reach target: the first N whose median error is
// below it, or an extrapolation from the last two points.
func reach(pts []point, target float64, design string) string {
	for _, p := range pts {
		if p.err <= target {
			return fmt.Sprintf("%.3f s (2^%d, %.0f %%)", p.wall, int(math.Log2(float64(p.n))), 100*p.cover)
		}
	}
	last := pts[len(pts)-1]
	rate := 0.5 // error ∝ N^-rate
	if design == "sobol" && len(pts) >= 2 {
		prev := pts[len(pts)-2]
		if r := math.Log(prev.err/last.err) / math.Log(float64(last.n)/float64(prev.n)); r > 0.5 {
			rate = r
		}
	}
	factor := math.Pow(last.err/target, 1/rate) // N multiplier, time ∝ N
	return fmt.Sprintf("≈ %.3g s (N ≈ 2^%.0f)", last.wall*factor, math.Log2(float64(last.n)*factor))
}

func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }

// cpuSeconds is the user and system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
