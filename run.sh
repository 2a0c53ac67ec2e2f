#!/usr/bin/env bash
# Starts the product: PostgreSQL (unless ConnectionStrings__Postgres is set), migrations, the demo tenant,
# and the silo with the dashboard on http://localhost:5080. Ctrl-C stops everything cleanly.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_dotnet
ROOT=$(pwd)
PG_DATA="$ROOT/.data/postgres"
PG_PORT=55432
STARTED_PG=""

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ensure_postgres_binaries
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data in .data/postgres)"
  password=$(pg_start "$PG_DATA" "$PG_PORT")
  STARTED_PG=1
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=consultant;Username=postgres;Password=$password"
fi

stop_all() {
  if [ -n "$STARTED_PG" ]; then
    log "stopping PostgreSQL"
    pg_stop "$PG_DATA"
  fi
}
trap stop_all EXIT

log "building"
dotnet build src/Silo/Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

export Demo__Seed="${Demo__Seed:-true}"
# A Gemini key, if you have one, answers leads and the simulator from the first start (it joins the key pool).
export Demo__AiApiKey="${Demo__AiApiKey:-${GEMINI_API_KEY:-}}"
export Storage__Root="${Storage__Root:-$ROOT/.data}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"

cat <<INFO

  Dashboard:         ${ASPNETCORE_URLS}
  Demo sign-in:      demo@consultant.local / demo-password
  Orleans Dashboard: ${ASPNETCORE_URLS}/orleans/ (administrators; the demo consultant is one)
  Stop with Ctrl-C.

INFO

# In the foreground, so Ctrl-C reaches the silo (which shuts down gracefully); the trap then stops PostgreSQL.
cd src/Silo
./bin/Release/net10.0/Consultant.Silo || true
