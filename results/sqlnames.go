package results

import "strings"

// sqlKeywords are the words DuckDB does not accept as a column name without
// quotes: its "reserved" and "type_function" keywords (SELECT keyword_name
// FROM duckdb_keywords() WHERE keyword_category IN ('reserved',
// 'type_function'), DuckDB 1.x). A column named `by` had to be written "by"
// in every query.
var sqlKeywords = strings.Fields(`
all analyse analyze and any array as asc asymmetric both case cast check
collate column constraint create default deferrable desc describe distinct do
else end except false fetch for foreign from group having in initially
intersect into lambda lateral leading limit not null offset on only or order
pivot pivot_longer pivot_wider placing primary qualify references returning
select show some summarize symmetric table then to trailing true union unique
unpivot using variadic when where window with
anti asof at authorization binary by collation columns concurrently cross
freeze full generated glob ilike inner is isnull join left like map natural
notnull outer overlaps positional right semi similar struct tablesample
try_cast unpack verbose`)

// IsSQLKeyword tells whether name needs quoting as a column name in SQL
// (DuckDB); result columns never do.
func IsSQLKeyword(name string) bool {
	name = strings.ToLower(name)
	for _, k := range sqlKeywords {
		if k == name {
			return true
		}
	}
	return false
}
