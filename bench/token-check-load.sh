#!/usr/bin/env bash
# Load test of the token check: unauthenticated GET /api/v1/meta against GET /api/v1/user
# with a personal access token and POST /oauth2/introspect of that token, in the same run,
# with wrk (Debian package "wrk"). The rate limiter is on, with a limit that never trips.
#   bench/token-check-load.sh            # 2 threads, 32 connections; each endpoint warmed up 30 s, then 3 rounds of 30 s
#   DURATION=10s ROUNDS=1 bench/token-check-load.sh   # a quick look
# LATCHKEY_JAVA_OPTS and LATCHKEY_SERVER_ARGS are passed to the server's JVM and to Latchkey.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18080}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-30s}"
ROUNDS="${ROUNDS:-3}"
source bench/lib.sh
launch "$PORT" ${LATCHKEY_SERVER_ARGS:-}
echo "startup: $(grep -o 'Started LatchkeyApplication in [0-9.]* seconds' "$WORK/server.log" | grep -o '[0-9.]* seconds'), resident memory after start: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"

# Sign in and generate a token through the pages, as a user would.
sign_in
TOKEN=$(generate_token bench 7 user)
[[ "$TOKEN" == lkp_* ]] || { echo "could not generate a token" >&2; exit 1; }

# Register a confidential OAuth App for the resource server that introspects.
APP_CSRF=$(curl -fs -c "$COOKIES" -b "$COOKIES" "$BASE/settings/developers/new" | csrf)
APP_PAGE=$(curl -fs -c "$COOKIES" -b "$COOKIES" --data-urlencode "_csrf=$APP_CSRF" \
  -d name=bench-rs --data-urlencode homepageUrl=https://rs.example --data-urlencode callbackUrls=https://rs.example/cb \
  -d clientType=confidential "$BASE/settings/developers")
CLIENT_ID=$(echo "$APP_PAGE" | grep -o 'data-testid="client-id">[^<]*' | sed 's/.*>//')
CLIENT_SECRET=$(echo "$APP_PAGE" | grep -o 'data-testid="client-secret">[^<]*' | sed 's/.*>//')
[[ "$CLIENT_SECRET" == lkc_* ]] || { echo "could not register an app" >&2; exit 1; }
cat >"$WORK/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$TOKEN"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

# Each endpoint as wrk arguments, by name.
declare -A TARGET=(
  [meta]="$BASE/api/v1/meta"
  [user-with-token]="-H|Authorization: Bearer $TOKEN|$BASE/api/v1/user"
  [introspect]="-s|$WORK/introspect.lua|-H|Authorization: Basic $(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)|$BASE/oauth2/introspect"
)
ORDER=(meta user-with-token introspect)
wrk_on() { # name, then more wrk arguments
  local IFS='|' name=$1; shift
  # shellcheck disable=SC2086
  wrk -t2 -c32 "$@" ${TARGET[$name]}
}

# Warm every endpoint up first, so that the JIT compiler is done before anything is measured;
# then measure them one after the other, ROUNDS times, so that every comparison is within a round.
for name in "${ORDER[@]}"; do wrk_on "$name" -d"$WARMUP" >/dev/null; done
for round in $(seq 1 "$ROUNDS"); do
  for name in "${ORDER[@]}"; do
    wrk_on "$name" -d"$DURATION" --latency >"$WORK/$name.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")
    echo "round $round, $name: $rps requests/s, p99 $p99"
    grep -E 'Non-2xx|Socket errors' "$WORK/$name.txt" || true
  done
done
echo "resident memory after load: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"
