#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Go modules, DuckDB for
# Node (the independent Parquet reader of the tests), Debian's Chromium
# (the report's tests open it headless) and python3. Idempotent and quiet
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
# Chromium for the report's and explorer's tests, with a font for readable
# screenshots; Debian's python3 runs the example simulator and the outside
# script of the sample/analyze test.
need=()
command -v chromium >/dev/null || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -x /usr/bin/python3 ] || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "test-setup: installing ${need[*]} (Debian)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
