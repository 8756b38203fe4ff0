#!/usr/bin/env bash
# `make run`: dss serve, and, when no SSO provider is configured (AUTHBROKER_URL unset) outside
# production, a local stand-in for it (npm oauth2-mock-server, tests/interop/sso_server.js) on
# DSS_DEV_SSO_PORT (5056), so that the staff pages can be signed in to on a laptop. The
# stand-in signs anyone in as "Sam Staff" and stops with the server.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dss="$1"
shift
env_name=${FLASK_ENV:-dev}
if [ -n "${AUTHBROKER_URL:-}" ] || [ "$env_name" = prod ] || [ "$env_name" = production ]; then
  exec "$dss" serve "$@"
fi
port=${DSS_DEV_SSO_PORT:-5056}
log=$(mktemp)
PORT=$port node "$root/tests/interop/sso_server.js" >"$log" 2>&1 &
sso=$!
trap 'kill "$sso" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$log" && break
  kill -0 "$sso" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
echo "dev sign-in: a local stand-in SSO on port $port signs everyone in (set AUTHBROKER_URL to use a real one)"
export AUTHBROKER_URL="http://127.0.0.1:$port" AUTHORIZE_PATH=/authorize SSO_PATH_USER=/token \
  ACCESS_TOKEN_PATH=/userinfo SSO_PATH_LOGOUT=/endsession
# dss runs as a child so that the stand-in stops with it; a signal to this script is passed on.
"$dss" serve "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' TERM INT
status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server" || status=$?
done
exit "$status"
