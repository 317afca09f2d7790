#!/usr/bin/env bash
# Data scale: the token check with 1,000 and with 1,000,000 tokens stored, on H2 or PostgreSQL.
#   bench/data-scale.sh h2
#   LATCHKEY_BENCH_POSTGRES=jdbc:postgresql://localhost:5432/postgres bench/data-scale.sh postgres
# Runs wrk (2 threads, 32 connections, WARMUP then DURATION) for: the cached path (100 hot
# tokens) at 1,000 and at 1,000,000 tokens, and the uncached path (every request a different
# token of the million, so each one is a database lookup).
# LATCHKEY_JAVA_OPTS and LATCHKEY_SERVER_ARGS are passed to the server's JVM and to Latchkey.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:?h2 or postgres}"
TOTAL="${TOTAL:-1000000}"
PORT="${PORT:-18081}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
JAR=latchkey-server/target/latchkey-server.jar
BENCH_JAR=latchkey-benchmarks/target/benchmarks.jar
BASE="http://localhost:$PORT"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] && [ -f "$BENCH_JAR" ] || mvn -B -q -DskipTests install

case "$DB" in
  h2)
    URL="jdbc:h2:file:$WORK/data/latchkey;DB_CLOSE_ON_EXIT=FALSE"; USER=sa; PASS="" ;;
  postgres)
    ADMIN_URL="${LATCHKEY_BENCH_POSTGRES:?set LATCHKEY_BENCH_POSTGRES to a PostgreSQL JDBC URL}"
    USER="${LATCHKEY_BENCH_POSTGRES_USER:-postgres}"; PASS="${LATCHKEY_BENCH_POSTGRES_PASSWORD:-}"
    NAME="latchkey_bench_$$"
    psql "$(echo "$ADMIN_URL" | sed 's|^jdbc:||')" -U "$USER" -qc "CREATE DATABASE $NAME" >/dev/null
    URL="${ADMIN_URL%/*}/$NAME" ;;
  *) echo "h2 or postgres" >&2; exit 2 ;;
esac

SERVER=""
start_server() {
  java ${LATCHKEY_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --spring.datasource.url="$URL" --spring.datasource.username="$USER" \
    --spring.datasource.password="$PASS" --latchkey.rate-limit.per-user-per-hour=1000000000 \
    --latchkey.admin.username=bench --latchkey.admin.password=bench-password-1234 ${LATCHKEY_SERVER_ARGS:-} >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/api/v1/meta" >/dev/null && return; sleep 0.5; done
  echo "server did not start" >&2; exit 1
}
stop_server() { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$WORK"' EXIT

seed() { # count, tokens file (appended)
  if [ "$DB" = h2 ]; then stop_server; fi
  java -cp "$BENCH_JAR" dev.latchkey.benchmarks.SeedTokens "$URL" "$USER" "$PASS" "$1" "$WORK/batch.txt"
  cat "$WORK/batch.txt" >>"$2"
  if [ "$DB" = h2 ]; then start_server; fi
}

cat >"$WORK/tokens.lua" <<'LUA'
-- Each request presents the next token of a file; each thread starts at its own place.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local i = 0
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); i = math.random(1, #tokens) end
function request()
  i = i % #tokens + 1
  return wrk.format("GET", "/api/v1/user", { ["Authorization"] = "Bearer " .. tokens[i] })
end
LUA

run() { # name, tokens file[, warm-up]
  TOKENS="$2" wrk -t2 -c32 -d"${3:-$WARMUP}" -s "$WORK/tokens.lua" "$BASE" >/dev/null
  TOKENS="$2" wrk -t2 -c32 -d"$DURATION" --latency -s "$WORK/tokens.lua" "$BASE" >"$WORK/$1.txt"
  echo "$DB $1: $(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt") requests/s, p99 $(awk '$1 == "99%" {print $2}' "$WORK/$1.txt")"
  grep -E 'Non-2xx|Socket errors' "$WORK/$1.txt" || true
}

start_server
seed 1000 "$WORK/all.txt"
head -100 "$WORK/all.txt" >"$WORK/hot.txt"
# The first run also warms up the JIT, so it gets a longer warm-up, or the comparison
# between 1,000 and 1,000,000 tokens would measure the JIT instead.
run "cached-1k" "$WORK/hot.txt" "${FIRST_WARMUP:-45s}"
started=$(date +%s)
seed $((TOTAL - 1000)) "$WORK/all.txt"
echo "$DB seeding $((TOTAL - 1000)) more tokens took $(( $(date +%s) - started )) s"
run "cached-1m" "$WORK/hot.txt"
run "uncached-1m" "$WORK/all.txt"
echo "resident memory: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"
if [ "$DB" = postgres ]; then stop_server; psql "$(echo "$ADMIN_URL" | sed 's|^jdbc:||')" -U "$USER" -qc "DROP DATABASE $NAME" >/dev/null || true; fi
