#!/usr/bin/env bash
# Runs the load driver against a throwaway PostgreSQL and writes bench/RESULTS.md. Not part of ./test.sh.
# Usage: bench/run.sh [--quick] [--analytics | --broadcast | --followups | --two-silos | --serializers | --in-process | --tail-phases [--set K=V] | --no-levers | --levers-only [--only <words>]]
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
# pg_stat_statements: the run reports what one webhook costs the database, statement by statement, and how many of
# those statements PostgreSQL planned (track_planning; DatabaseWork).
password=$(PG_EXTRA_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" pg_start "$PG_TMP/data" "$PG_PORT")
export BENCH_POSTGRES_PID=$(head -1 "$PG_TMP/data/postmaster.pid") # its CPU is reported beside each figure
# No pool size: the product takes its own default (DatabaseConnection.WithDefaults); the driver's connections Npgsql's.
export TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$password"
# The product runs as its own process (the built silo): build it first, as ./run.sh does. BENCH_NO_BUILD=1: use
# what is built (on a machine shared with other builds, build first under their lock).
if [ "${BENCH_NO_BUILD:-}" = 1 ]; then no_build=--no-build; else
  no_build=
  dotnet build src/Silo/Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
fi
dotnet run --project bench/LoadDriver/LoadDriver.csproj -c Release $no_build -- --output bench/RESULTS.md "$@"
