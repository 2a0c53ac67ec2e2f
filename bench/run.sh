#!/usr/bin/env bash
# Runs the load driver against a throwaway PostgreSQL and writes bench/RESULTS.md. Not part of ./test.sh.
# Usage: bench/run.sh [--quick] [--analytics | --broadcast | --followups]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

ensure_dotnet
ensure_postgres_binaries
PG_TMP=$(mktemp -d /tmp/consultant-bench-pg.XXXXXX)
chmod 755 "$PG_TMP"
cleanup() {
  pg_stop "$PG_TMP/data"
  rm -rf "$PG_TMP"
}
trap cleanup EXIT

PG_PORT=$(free_port 57000 57999)
password=$(pg_start "$PG_TMP/data" "$PG_PORT")
export TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$password;Maximum Pool Size=100"
dotnet run --project bench/LoadDriver/LoadDriver.csproj -c Release -- --output bench/RESULTS.md "$@"
