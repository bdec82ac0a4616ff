package engine

// DefaultBatch is the rows per model evaluation when Options.Batch is 0.
const DefaultBatch = 256

// MaxBatch is the largest batch that changes anything: a batch never spans
// two blocks, so its rows are at most a block's (method mc). Larger --batch
// values are capped to it, which bounds each worker's buffers to
// 8 × MaxBatch × (factors + output series) bytes.
const MaxBatch = mcBlockRows

// batchRows is the number of rows a worker's buffers hold: the batch asked
// for, capped at MaxBatch and at N (method mc). Methods sobol and morris
// evaluate fixed chunks whatever the batch (Sobol' sums are added in chunks
// of sobolChunk base rows, Morris trajectory by trajectory), so a large
// --batch costs them no memory.
func batchRows(p *Plan, batch int) int {
	if batch <= 0 {
		batch = DefaultBatch
	}
	switch p.Method {
	case "sobol":
		return max(sobolChunk, p.Replicates)
	case "morris":
		return len(p.Evals) + 1
	}
	return max(1, min(batch, MaxBatch, p.N))
}
