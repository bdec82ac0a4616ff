package web

import (
	"context"
	"math"
	"time"

	"mc/engine"
	"mc/inputs"
	"mc/report"
	"mc/results"
)

// Result is one run of the page: the bands at full precision (compared with
// `mc run` by the tests) and the unit each output is best shown in.
type Result struct {
	N       int                     `json:"n"`
	Seconds float64                 `json:"seconds"`
	Bands   Bands                   `json:"bands"`
	Scales  map[string]report.Scale `json:"scales"`
	// Ranking is the Sobol' indices by group aggregated over the years (method sobol).
	Ranking []results.SobolRow `json:"ranking,omitempty"`
	// Criteria are the run's criteria, chosen from the model's metadata.
	Criteria []Criterion `json:"criteria,omitempty"`
	// Native marks a result computed natively (the page's first chart, in
	// start.json), not by the page's engine.
	Native bool `json:"native,omitempty"`
}

// Run runs a scenario text on one worker (the page's engine runs in a Web
// Worker; results do not depend on the number of workers), with the run's
// criteria.
func Run(name string, text []byte) (*Result, error) { return run(name, text, true) }

// RunBands is Run without the criteria (the page's first run, whose
// criteria come with the page: start.json).
func RunBands(name string, text []byte) (*Result, error) { return run(name, text, false) }

func run(name string, text []byte, withCriteria bool) (*Result, error) {
	start := time.Now()
	sc, err := inputs.Parse(name, text)
	if err != nil {
		return nil, err
	}
	if err := Runnable(sc); err != nil {
		return nil, err
	}
	p, err := engine.NewPlan(sc, engine.Overrides{})
	if err != nil {
		return nil, err
	}
	out, err := engine.Run(context.Background(), p, engine.Options{Workers: 1})
	if err != nil {
		return nil, err
	}
	t, err := out.Tables()
	if err != nil {
		return nil, err
	}
	res := &Result{N: p.N, Bands: t.Bands, Scales: scales(t.Bands)}
	for _, r := range t.Sobol {
		if r.Kind == "aggregate" && r.By == "group" {
			res.Ranking = append(res.Ranking, r)
		}
	}
	if withCriteria && len(t.Bands) > 0 {
		res.Criteria = criteria(report.Build(&report.Data{Meta: out.Meta(), Bands: t.Bands}))
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// scales returns the unit each output is best shown in (by its largest median).
func scales(bands []results.BandRow) map[string]report.Scale {
	mag := map[string]float64{}
	for _, b := range bands {
		if q := math.Abs(b.Q50); !math.IsNaN(q) && !math.IsInf(q, 0) {
			mag[b.Output] = max(mag[b.Output], q)
		}
	}
	s := map[string]report.Scale{}
	for _, b := range bands {
		s[b.Output] = report.ScaleFor(b.Unit, b.Output, mag[b.Output])
	}
	return s
}
