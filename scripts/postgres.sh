#!/usr/bin/env bash
# The project's private PostgreSQL cluster, under the state folder (var/ by default).
#
#   scripts/postgres.sh start    initialise if needed, start if not running, create database dss
#   scripts/postgres.sh stop     stop it if running
#   scripts/postgres.sh status   exit 0 when running
#   scripts/postgres.sh url      print the URL of database dss
#   scripts/postgres.sh psql     open psql on database dss
#
# Environment: DSS_STATE_DIR (default <repo>/var), DSS_PG_PORT (default 54329),
# DSS_PG_DATA (default $DSS_STATE_DIR/postgres). It listens on 127.0.0.1 only and trusts local
# connections: a development and test cluster, never a production one.
# As root it runs the server as the `postgres` user, because PostgreSQL refuses to run as root.
# start --mark-started-by-tests / stop --if-started-by-tests let the test suite stop only a
# cluster it started itself.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state_dir=${DSS_STATE_DIR:-$root/var}
port=${DSS_PG_PORT:-54329}
data_dir=${DSS_PG_DATA:-$state_dir/postgres}
log_file=$data_dir.log
marker=$data_dir.started-by-tests
database=dss

# Needs no server: the Makefile asks for it before anything is installed.
if [ "${1:-}" = url ]; then
  echo "postgresql://postgres@127.0.0.1:$port/$database"
  exit 0
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "postgres.sh: PostgreSQL server binaries not found (run scripts/install-dependencies.sh)" >&2
  exit 1
fi

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_admin() {
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

is_running() {
  [ -f "$data_dir/PG_VERSION" ] && as_server_user "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

initialise() {
  mkdir -p "$(dirname "$data_dir")"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "postgres.sh: user 'postgres' missing (install postgresql)" >&2; exit 1; }
    mkdir -p "$data_dir"
    chown postgres: "$data_dir"
    touch "$log_file" && chown postgres: "$log_file"
    if ! runuser -u postgres -- test -w "$data_dir"; then
      echo "postgres.sh: user postgres cannot reach $data_dir; set DSS_STATE_DIR to a folder it can reach" >&2
      exit 1
    fi
  fi
  as_server_user "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 \
    --no-locale >/dev/null
  cat >>"$data_dir/postgresql.conf" <<CONF
# dss: private development and test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
CONF
}

start() {
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    echo "postgres.sh: initialising a cluster in $data_dir"
    initialise
  fi
  if ! is_running; then
    # Bulk-load settings, given at each start so that clusters made by older versions get them
    # at their next start: a file's load writes its rows twice (L0 and L1), and room for that
    # much WAL between checkpoints keeps a 1 GB load from forcing several checkpoints midway.
    if ! as_server_user "$pg_bin/pg_ctl" -D "$data_dir" -l "$log_file" -o "-p $port -c max_wal_size=4GB -c shared_buffers=1GB -c wal_buffers=64MB" -w -t 60 start >/dev/null; then
      echo "postgres.sh: PostgreSQL did not start; the end of $log_file says:" >&2
      tail -n 20 "$log_file" >&2
      exit 1
    fi
    echo "postgres.sh: started on 127.0.0.1:$port"
    if [ "${1:-}" = "--mark-started-by-tests" ]; then touch "$marker"; fi
  fi
  if [ -z "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
    psql_admin -d postgres -c "CREATE DATABASE $database" >/dev/null
  fi
}

stop() {
  if [ "${1:-}" = "--if-started-by-tests" ] && [ ! -f "$marker" ]; then
    return 0
  fi
  rm -f "$marker"
  if is_running; then
    as_server_user "$pg_bin/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null
    echo "postgres.sh: stopped"
  fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  status) is_running ;;
  psql) shift; psql_admin -d "$database" "$@" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
