package results

import (
	"reflect"
	"strings"
	"testing"
)

// TestNoSQLKeywordColumns: every column of every result file can be named in
// SQL without quotes (issue 8: `by` needed quoting in DuckDB).
func TestNoSQLKeywordColumns(t *testing.T) {
	for _, row := range []any{BandRow{}, SobolRow{}, Sobol2Row{}, ConvergenceRow{}, MorrisRow{}, OutputRow{}, CompareRow{}} {
		rt := reflect.TypeOf(row)
		for i := range rt.NumField() {
			name, _, _ := strings.Cut(rt.Field(i).Tag.Get("parquet"), ",")
			if name == "" {
				t.Errorf("%s.%s: no parquet column name", rt.Name(), rt.Field(i).Name)
			}
			if IsSQLKeyword(name) {
				t.Errorf("%s.%s: column %q is an SQL keyword", rt.Name(), rt.Field(i).Name, name)
			}
		}
	}
	for _, k := range []string{"by", "BY", "order", "group", "from"} {
		if !IsSQLKeyword(k) {
			t.Errorf("%q not seen as a keyword", k)
		}
	}
}
