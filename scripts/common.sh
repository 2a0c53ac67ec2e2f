# Shared by run.sh and test.sh: find or install what the product needs, and run a local PostgreSQL.
# Sourced, not executed.

log() { printf '\033[1;32m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_install() {
  is_root || die "missing $*; install it (apt-get install $*) or run this script as root"
  log "installing $* (apt-get)"
  if [ -z "${APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is required (dotnet on PATH): https://dot.net"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# Sets PG_BIN to the folder holding initdb, pg_ctl and postgres; installs Debian's PostgreSQL when missing.
ensure_postgres_binaries() {
  PG_BIN=""
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    PG_BIN=$(dirname "$(command -v pg_ctl)")
  else
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    apt_install postgresql
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

# initdb refuses to run as root: the server then runs as the "postgres" user.
as_pg_owner() {
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/sh postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DATA_DIR PORT: initialises (once) and starts a server on 127.0.0.1:PORT; prints its password.
pg_start() {
  local data=$1 port=$2
  local pwfile="$data.password"
  mkdir -p "$(dirname "$data")"
  if [ ! -f "$pwfile" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile")
  fi
  if is_root; then chown postgres "$pwfile"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    if is_root; then chown postgres "$data"; fi
    as_pg_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running ($data)"
  else
    as_pg_owner "$PG_BIN/pg_ctl" -D "$data" -w -t 60 -l "$data/server.log" \
      -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300 -c fsync=${PG_FSYNC:-on} ${PG_EXTRA_OPTIONS:-}" start >/dev/null \
      || { tail -n 20 "$data/server.log" >&2; die "PostgreSQL did not start (log: $data/server.log)"; }
  fi
  cat "$pwfile"
}

pg_stop() {
  local data=$1
  as_pg_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

free_port() {
  local port
  for port in $(seq "$1" "$2"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port between $1 and $2"
}

pg_running() {
  [ -f "$1/PG_VERSION" ] && as_pg_owner "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# url_port http://localhost:5080 -> 5080 (the first URL of a ;-separated list; 80/443 by scheme when absent).
url_port() {
  local url=${1%%;*}
  local hostport=${url#*://}
  hostport=${hostport%%/*}
  case "$hostport" in
    *:*) echo "${hostport##*:}" ;;
    *) [ "${url%%://*}" = https ] && echo 443 || echo 80 ;;
  esac
}
