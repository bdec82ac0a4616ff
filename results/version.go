package results

import (
	"runtime/debug"

	"github.com/parquet-go/parquet-go"
)

// Revision is the version-control revision mc was built from (12 hex
// digits, "-dirty" with uncommitted changes), or "" when the build does not
// record it (go test, go run outside a repository).
func Revision() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && dirty {
		rev += "-dirty"
	}
	return rev
}

// CreatedBy is the created_by of mc's Parquet files, in the form the Parquet
// format documents ("parquet-mr version 1.12.0 (build 6e6d…)"):
// "mc version 0.1.0 (build 0123456789ab)", or "mc version 0.1.0" when the
// revision is unknown.
func CreatedBy(version string) string {
	s := "mc version " + version
	if rev := Revision(); rev != "" {
		s += " (build " + rev + ")"
	}
	return s
}

// createdBy sets a file's created_by verbatim (parquet.CreatedBy would write
// "mc version 0.1.0(build )").
type createdBy string

func (c createdBy) ConfigureWriter(cfg *parquet.WriterConfig) { cfg.CreatedBy = string(c) }
