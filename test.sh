#!/usr/bin/env bash
# Runs every test: restores, builds, starts a throwaway PostgreSQL (removed afterwards, even on failure),
# installs Chromium for the browser tests when missing, and ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_dotnet
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
ensure_postgres_binaries

RESULTS="$(pwd)/TestResults"
rm -rf "$RESULTS"
PG_TMP=$(mktemp -d /tmp/consultant-test-pg.XXXXXX)
chmod 755 "$PG_TMP"
PG_DATA="$PG_TMP/data"
cleanup() {
  pg_stop "$PG_DATA"
  rm -rf "$PG_TMP"
}
trap cleanup EXIT

log "restoring and building"
dotnet restore Orleans.sln -nologo -v quiet
dotnet build Orleans.sln -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly

PG_PORT=$(free_port 56000 56999)
log "starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
# Durability is not under test here; skipping fsync makes the throwaway server much faster.
password=$(PG_FSYNC=off pg_start "$PG_DATA" "$PG_PORT")
export TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$password;Maximum Pool Size=50"

log "running tests"
set +e
dotnet test Orleans.sln -c Release --no-build -nologo --results-directory "$RESULTS" \
  --logger "trx" --logger "console;verbosity=normal" 2>&1 | tee "$RESULTS.log" | grep -E "^\s*(Passed|Failed|Skipped) .*\[[^]]*\]$|Total tests" || true
test_status=${PIPESTATUS[0]}
set -e

passed=0
failed=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  f=$(printf '%s' "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# Name every failed test with its message at the very end, where a truncated CI log still shows it.
if [ "$failed" -ne 0 ]; then
  echo "failed tests:"
  if command -v python3 >/dev/null; then
    python3 scripts/failed-tests.py "$RESULTS"/*.trx || true
  else
    grep -E "^\s*Failed .*\[[^]]*\]$" "$RESULTS.log" || true
  fi
fi
echo "${passed} passed, ${failed} failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$test_status" -ne 0 ]; then
  exit 1
fi
