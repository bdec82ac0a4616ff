package web

import (
	"mc/report"
)

// Opened is a result folder opened in the explorer (its bands.parquet and,
// when there, sobol.parquet, read by the engine's Go code): the same bands,
// units and criteria as a run of the page, so that the page browses it with
// the same charts and selectors, and its lever rankings.
type Opened struct {
	Title    string                  `json:"title"`
	Meta     []report.KV             `json:"meta"`
	Bands    Bands                   `json:"bands"`
	Scales   map[string]report.Scale `json:"scales"`
	Criteria []Criterion             `json:"criteria"`
	// Sobol are the indices aggregated over the years of each output with
	// indices, ranking By (group or factor).
	Sobol []report.SobolOut `json:"sobol,omitempty"`
	By    string            `json:"by,omitempty"`
}

// Open returns the explorer's view of a result folder's tables.
func Open(d *report.Data) *Opened {
	doc := report.Build(d)
	o := &Opened{Title: doc.Title, Meta: doc.Meta, Bands: d.Bands, Scales: scales(d.Bands), Criteria: criteria(doc), By: doc.By}
	for _, s := range doc.Sobol {
		if len(s.Aggregate) > 0 {
			o.Sobol = append(o.Sobol, report.SobolOut{Output: s.Output, Aggregate: s.Aggregate})
		}
	}
	return o
}
