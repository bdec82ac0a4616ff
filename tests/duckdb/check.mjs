// Reads mc's Parquet output with DuckDB, as a notebook user would, and prints
// what it finds as JSON: the test that calls it compares that with the run.
// Usage: node check.mjs FILE.parquet [SQL]   (SQL may use the table name t)
import { DuckDBInstance } from '@duckdb/node-api';

const [file, sql] = process.argv.slice(2);
if (!file) {
  console.error('usage: node check.mjs FILE.parquet [SQL]');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const esc = file.replaceAll("'", "''");
await con.run(`CREATE VIEW t AS SELECT * FROM read_parquet('${esc}')`);
const cols = await con.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE t)`);
const count = await con.runAndReadAll('SELECT count(*)::BIGINT AS n FROM t');
const meta = await con.runAndReadAll(
  `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${esc}')`);
// Columns whose names DuckDB accepts only quoted (keywords such as BY): mc
// writes none.
const keywordCols = await con.runAndReadAll(
  `SELECT column_name FROM (DESCRIBE t) WHERE lower(column_name) IN
     (SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category IN ('reserved', 'type_function'))`);
// Every column selected by its bare name, as a user would type it.
let unquoted = 'ok';
try {
  await con.runAndReadAll(`SELECT ${cols.getRowObjectsJson().map((c) => c.column_name).join(', ')} FROM t LIMIT 1`);
} catch (e) {
  unquoted = String(e.message);
}
const fileMeta = await con.runAndReadAll(`SELECT created_by FROM parquet_file_metadata('${esc}')`);
const out = {
  columns: cols.getRowObjectsJson(),
  keyword_columns: keywordCols.getRowObjectsJson().map((r) => r.column_name),
  unquoted_select: unquoted,
  created_by: fileMeta.getRowObjectsJson()[0].created_by,
  rows: Number(count.getRowObjectsJson()[0].n),
  metadata: Object.fromEntries(meta.getRowObjectsJson().map((r) => [r.key, r.value])),
};
if (sql) {
  out.query = (await con.runAndReadAll(sql)).getRowObjectsJson();
}
console.log(JSON.stringify(out));
