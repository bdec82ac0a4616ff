package engine

import (
	"runtime"

	"mc/model"
)

// DefaultBatch is the rows per model evaluation when Options.Batch is 0.
const DefaultBatch = 256

// MaxBatch is the largest batch that changes anything: a batch never spans
// two blocks, so its rows are at most a block's (method mc). Larger --batch
// values are capped to it.
const MaxBatch = mcBlockRows

// MaxBatchBytes bounds the buffers of one worker (method mc: 8 bytes per row
// for each factor, design coordinate and output series): the batch is capped
// further for models with many series, so that memory never grows with
// --batch (ai-global, ~3,600 series: batches of at most ~1,100 rows).
const MaxBatchBytes = 32 << 20

// batchRows is the number of rows a worker's buffers hold: the batch asked
// for, capped at MaxBatch, at MaxBatchBytes of buffers and at N (method mc). Methods sobol and morris
// evaluate fixed chunks whatever the batch (Sobol' sums are added in chunks
// of sobolChunk base rows, Morris trajectory by trajectory), so a large
// --batch costs them no memory.
func batchRows(p *Plan, batch int) int {
	if batch <= 0 {
		batch = DefaultBatch
		if b, ok := p.Model.(model.BatchHinter); ok && b.PreferredBatch() > 0 {
			batch = b.PreferredBatch()
		}
	}
	switch p.Method {
	case "sobol":
		return max(sobolChunk, p.Replicates)
	case "morris":
		return len(p.Evals) + 1
	}
	perRow := 8 * (len(p.Factors) + len(p.Sampled) + len(p.Series))
	return max(1, min(batch, MaxBatch, p.N, MaxBatchBytes/perRow))
}

// MaxWorkersPerCPU bounds the workers: each holds its buffers and a block
// state in flight, so memory must not grow with an absurd --workers.
const MaxWorkersPerCPU = 4

// workerCount is the number of workers that run blocks: the number asked
// for, at most MaxWorkersPerCPU per CPU and one per block (results never
// depend on it).
func workerCount(asked, blocks int) int {
	return max(1, min(asked, MaxWorkersPerCPU*runtime.NumCPU(), blocks))
}
