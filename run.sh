#!/usr/bin/env bash
# Starts the product: PostgreSQL (unless ConnectionStrings__Postgres is set), migrations, the demo tenant,
# and the silo with the dashboard on http://localhost:5080. Ctrl-C, or SIGINT/SIGTERM to this script (as a process
# manager sends), stops the silo gracefully and then the PostgreSQL this script started; never one it did not start.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_dotnet
ROOT=$(pwd)
PG_DATA="$ROOT/.data/postgres"
PG_PORT=55432
STARTED_PG=""
SILO_PID=""
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"

# One copy per checkout: a second one would share (and on exit stop) the first one's PostgreSQL.
mkdir -p "$ROOT/.data"
exec 9>"$ROOT/.data/run.lock"
if ! flock -n 9; then
  die "./run.sh is already running from this folder (the dashboard is at ${ASPNETCORE_URLS}); stop that copy first. Nothing was changed."
fi
if port_in_use "$(url_port "$ASPNETCORE_URLS")"; then
  die "port $(url_port "$ASPNETCORE_URLS") is already in use (another copy of the silo?); set ASPNETCORE_URLS to another address. Nothing was changed."
fi

stop_all() {
  trap - EXIT INT TERM
  if [ -n "$SILO_PID" ] && kill -0 "$SILO_PID" 2>/dev/null; then
    log "stopping the silo"
    kill -TERM "$SILO_PID" 2>/dev/null || true
    # The silo bounds its own stop (Shutdown:TimeoutSeconds, 20 s); this is the last resort.
    for _ in $(seq 1 40); do kill -0 "$SILO_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$SILO_PID" 2>/dev/null || true
    wait "$SILO_PID" 2>/dev/null || true
  fi
  if [ -n "$STARTED_PG" ]; then
    log "stopping PostgreSQL"
    pg_stop "$PG_DATA"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ensure_postgres_binaries
  if pg_running "$PG_DATA"; then
    # Left by someone else (a crashed run, a manual pg_ctl): used, and left running on exit.
    log "using the PostgreSQL already running on $PG_DATA (it is not stopped on exit)"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data in .data/postgres)"
    STARTED_PG=1
  fi
  password=$(pg_start "$PG_DATA" "$PG_PORT")
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=consultant;Username=postgres;Password=$password"
fi

log "building"
dotnet build src/Silo/Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

export Demo__Seed="${Demo__Seed:-true}"
# The demo consultant's language (it or en): the dashboard's and that of the AI's default persona and script.
export Demo__Language="${Demo__Language:-it}"
# A Gemini key, if you have one, makes the whole demo answer from the first start: it joins the key pool (leads of
# every account) and becomes the demo consultant's own key, with "Answer leads with my own AI key" on.
export Demo__AiApiKey="${Demo__AiApiKey:-${GEMINI_API_KEY:-}}"
export Storage__Root="${Storage__Root:-$ROOT/.data}"

cat <<INFO

  Dashboard:         ${ASPNETCORE_URLS}
  Demo sign-in:      demo@consultant.local / demo-password
  Orleans Dashboard: ${ASPNETCORE_URLS}/orleans/ (administrators; the demo consultant is one)
  Stop with Ctrl-C.

INFO

# In the background with this script waiting, so a signal to the script itself reaches the trap, which stops the
# silo first (gracefully) and PostgreSQL after it. The lock descriptor is not handed to the silo.
(cd src/Silo && exec ./bin/Release/net10.0/Consultant.Silo 9>&-) &
SILO_PID=$!
wait "$SILO_PID" || true
