// Package sensitivity accumulates the sums behind variance-based (Sobol')
// sensitivity indices and Morris elementary effects, block by block, so that
// memory never grows with the number of model runs.
//
// Every estimator here is a ratio of sums over base rows. A block of rows is
// accumulated into a fresh state, states are combined by [SobolSums.Merge] or
// [MorrisSums.Merge] (a plain elementwise addition, so the result depends only
// on the order in which the caller merges, never on timing), and they
// serialise to bytes for shard files. Indices are computed from the merged
// sums at the end.
//
// Confidence intervals for Sobol' indices come from R batches of rows:
// consecutive blocks of one randomised sequence (batch means, the engine's
// default) or R independent replicates of the design; see
// [SobolConfig.BatchRows] and [SobolSums.Indices]. Confidence intervals on the Morris μ*
// come from a streaming Poisson bootstrap keyed by trajectory index.
package sensitivity
