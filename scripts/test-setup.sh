#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Go modules, DuckDB for
# Node (the independent Parquet reader of the tests), and Debian's Chromium
# (the report's tests open it headless). Idempotent and quiet
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
if ! command -v chromium >/dev/null; then
  echo "test-setup: installing chromium (Debian)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
