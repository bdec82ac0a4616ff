package main

import (
	"mc/engine"
	"mc/results"
)

// version is what 'mc version' prints; the Parquet files' created_by says
// the same (results.CreatedBy).
func version() string {
	v := engine.Version
	if rev := results.Revision(); rev != "" {
		v += " (" + rev + ")"
	}
	return v
}
