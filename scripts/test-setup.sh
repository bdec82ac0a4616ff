#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Go modules, and DuckDB for
# Node (the independent Parquet reader of the tests). Idempotent and quiet
# when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

go mod download

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "test-setup: installing nodejs and npm (Debian)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ ! -d tests/duckdb/node_modules/@duckdb/node-api ]; then
  echo "test-setup: installing @duckdb/node-api (npm ci)" >&2
  (cd tests/duckdb && npm ci --no-audit --no-fund --loglevel=error)
fi
