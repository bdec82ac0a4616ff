package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"time"

	"mc/engine"
)

// progress shows how far a run is: a line redrawn in place with an ETA on a
// terminal, plain log lines every logEvery otherwise (Slurm and CI logs).
type progress struct {
	w        io.Writer
	tty      bool
	start    time.Time
	last     time.Time
	logEvery time.Duration
	mu       sync.Mutex
	drawn    bool
}

func newProgress(w io.Writer) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	now := time.Now()
	return &progress{w: w, tty: tty, start: now, last: now, logEvery: 10 * time.Second}
}

func (p *progress) update(pr engine.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	every := p.logEvery
	if p.tty {
		every = 200 * time.Millisecond
	}
	if now.Sub(p.last) < every && pr.Blocks < pr.TotalBlocks {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	frac := float64(pr.Evals) / float64(max(pr.TotalEvals, 1))
	rate := float64(pr.Evals) / max(elapsed, 1e-9)
	eta := etaString(elapsed, frac)
	if p.tty {
		fmt.Fprintf(p.w, "\r%5.1f%%  %s of %s evaluations  %s/s  ETA %s   ", 100*frac, si(float64(pr.Evals)), si(float64(pr.TotalEvals)), si(rate), eta)
		p.drawn = true
		return
	}
	if pr.Blocks < pr.TotalBlocks || elapsed >= every.Seconds() {
		fmt.Fprintf(p.w, "%s progress %.1f%% (%d/%d evaluations, %s/s, ETA %s)\n", now.Format(time.RFC3339), 100*frac, pr.Evals, pr.TotalEvals, si(rate), eta)
	}
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// si formats a count with an SI prefix: 12.3 M.
func si(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2f G", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.2f M", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f k", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

// maxETA is the longest ETA written out; beyond it the run is not going to
// end in any useful time (and a time.Duration would overflow at 292 years).
const maxETA = 10000 * time.Hour

// etaString estimates the time left from the elapsed seconds and the fraction
// done: "?" before any progress, never negative (a target-CI run can go past
// its first total), "> 10000h0m0s" when absurdly long.
func etaString(elapsed, frac float64) string {
	switch {
	case !(frac > 0) || math.IsInf(elapsed, 0) || math.IsNaN(elapsed):
		return "?"
	case frac >= 1:
		return "0s"
	}
	left := elapsed/frac - elapsed
	if !(left < maxETA.Seconds()) {
		return "> " + maxETA.String()
	}
	return time.Duration(max(left, 0) * float64(time.Second)).Round(time.Second).String()
}
