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
const out = {
  columns: cols.getRowObjectsJson(),
  rows: Number(count.getRowObjectsJson()[0].n),
  metadata: Object.fromEntries(meta.getRowObjectsJson().map((r) => [r.key, r.value])),
};
if (sql) {
  out.query = (await con.runAndReadAll(sql)).getRowObjectsJson();
}
console.log(JSON.stringify(out));
