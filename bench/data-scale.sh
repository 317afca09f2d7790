#!/usr/bin/env bash
# Data scale: the token check with 1,000 and with 1,000,000 tokens stored, on H2 or PostgreSQL.
#   bench/data-scale.sh h2
#   LATCHKEY_BENCH_POSTGRES=jdbc:postgresql://localhost:5432/postgres bench/data-scale.sh postgres
# Runs wrk (2 threads, 32 connections, WARMUP then DURATION) for the cached path (100 hot
# tokens) at 1,000 and at 1,000,000 tokens, then for the uncached path (every request a
# different token of the million, so each one is a database lookup), twice over:
#   - "first uses": the tokens as seeded, never used, so every request is also a token's first
#     use ever, with its first "last used" row, first-use address and security log entry;
#   - "used": the same tokens marked as used an hour ago from the load tool's address
#     (MarkTokensUsed), so a request costs the lookup and a "last used" update, the usual case.
# Each uncached case runs as fast as 32 connections allow (requests/s) and at a fixed RATE
# (default 3,000/s) over 256 connections (an open model: latency counted from each planned
# send; p99), each on a fresh copy of the database and a freshly started server.
# The server is restarted after each seeding, so both cached runs start from the same state.
# LATCHKEY_JAVA_OPTS and LATCHKEY_SERVER_ARGS are passed to the server's JVM and to Latchkey;
# H2_WRITE_DELAY sets H2's WRITE_DELAY (default 0, as the server's own default URL).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh # usage_of, per_request

DB="${1:?h2 or postgres}"
TOTAL="${TOTAL:-1000000}"
PORT="${PORT:-18081}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-90s}"
JAR=latchkey-server/target/latchkey-server.jar
BENCH_JAR=latchkey-benchmarks/target/benchmarks.jar
RATE="${RATE:-3000}"
# By address, so that the server sees the address MarkTokensUsed marks the tokens with.
LOAD_IP=127.0.0.1
BASE="http://$LOAD_IP:$PORT"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] && [ -f "$BENCH_JAR" ] || mvn -B -q -DskipTests install

case "$DB" in
  h2)
    URL="jdbc:h2:file:$WORK/data/latchkey;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=${H2_WRITE_DELAY:-0}"; USER=sa; PASS="" ;;
  postgres)
    ADMIN_URL="${LATCHKEY_BENCH_POSTGRES:?set LATCHKEY_BENCH_POSTGRES to a PostgreSQL JDBC URL}"
    USER="${LATCHKEY_BENCH_POSTGRES_USER:-postgres}"; PASS="${LATCHKEY_BENCH_POSTGRES_PASSWORD:-}"
    NAME="latchkey_bench_$$"
    pg() { psql "$(echo "$ADMIN_URL" | sed 's|^jdbc:||')" -U "$USER" -qc "$1" >/dev/null; }
    pg "CREATE DATABASE $NAME"
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
cleanup() {
  stop_server
  if [ "$DB" = postgres ]; then
    for db in "$NAME" "${NAME}_first_uses" "${NAME}_used"; do pg "DROP DATABASE IF EXISTS $db" || true; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

seed() { # count, tokens file (appended)
  stop_server # H2 takes one process at a time; on PostgreSQL the restart keeps the runs alike
  java -cp "$BENCH_JAR" dev.latchkey.benchmarks.SeedTokens "$URL" "$USER" "$PASS" "$1" "$WORK/batch.txt"
  cat "$WORK/batch.txt" >>"$2"
  start_server
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

cat >"$WORK/paced.lua" <<'LUA'
-- The same tokens, sent at a fixed RATE per second (wrk -t2); counts sends that left
-- later than planned because every connection was busy (their latency would be understated).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } timespec_t;
int clock_gettime(int clk, timespec_t *tp);
]]
local ts = ffi.new("timespec_t")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
local tokens, i, interval, next_slot = {}, 0, nil, nil
late, late_ms = 0, 0
function init(args)
  for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); i = math.random(1, #tokens)
  interval = 1000 * 2 / tonumber(os.getenv("RATE")) -- each of wrk's two threads sends half
end
function delay()
  local now = now_ms()
  next_slot = next_slot or now
  local wait = next_slot - now
  next_slot = next_slot + interval
  if wait < -1 then late = late + 1; late_ms = math.max(late_ms, -wait) end
  return math.max(0, math.floor(wait))
end
function request()
  i = i % #tokens + 1
  return wrk.format("GET", "/api/v1/user", { ["Authorization"] = "Bearer " .. tokens[i] })
end
function done(summary, latency, requests)
  local n, worst = 0, 0
  for _, t in ipairs(threads) do n = n + t:get("late"); worst = math.max(worst, t:get("late_ms")) end
  io.write(string.format("late sends: %d, the latest by %.0f ms\n", n, worst))
end
LUA

measure() { # name, tokens file, Lua script, connections
  TOKENS="$2" RATE=$RATE wrk -t2 -c"$4" -d"$WARMUP" -s "$WORK/$3" "$BASE" >/dev/null
  local before after
  before=$(usage_of "$SERVER")
  TOKENS="$2" RATE=$RATE wrk -t2 -c"$4" -d"$DURATION" --latency -s "$WORK/$3" "$BASE" >"$WORK/$1.txt"
  after=$(usage_of "$SERVER")
  echo "$DB $1: $(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt") requests/s, p50 $(awk '$1 == "50%" {print $2}' "$WORK/$1.txt"), p99 $(awk '$1 == "99%" {print $2}' "$WORK/$1.txt") $(grep 'late sends' "$WORK/$1.txt" || true)"
  echo "  server: $(per_request "$before" "$after" "$(awk '/requests in/ {print $1}' "$WORK/$1.txt")")"
  grep -E 'Non-2xx|Socket errors' "$WORK/$1.txt" || true
}
run() { measure "$1" "$2" tokens.lua 32; }   # as fast as 32 connections allow
paced() { measure "$1" "$2" paced.lua 256; } # at the fixed RATE

# Copies of the database, so that each uncached run starts from the same state (the server stopped).
snapshot() {
  case "$DB" in
    h2) rm -rf "$WORK/$1" && cp -r "$WORK/data" "$WORK/$1" ;;
    postgres) pg "CREATE DATABASE ${NAME}_$1 TEMPLATE $NAME" ;;
  esac
}
restore() {
  case "$DB" in
    h2) rm -rf "$WORK/data" && cp -r "$WORK/$1" "$WORK/data" ;;
    postgres) pg "DROP DATABASE $NAME" && pg "CREATE DATABASE $NAME TEMPLATE ${NAME}_$1" ;;
  esac
}
uncached() { # copy name, taken just before: as fast as it goes, then at the fixed rate from the same copy
  start_server
  run "uncached-1m-$1" "$WORK/all.txt"
  stop_server; restore "$1"; start_server
  paced "uncached-1m-$1-at-$RATE-per-s" "$WORK/all.txt"
}

start_server
seed 1000 "$WORK/all.txt"
head -100 "$WORK/all.txt" >"$WORK/hot.txt"
# A fresh JVM on two shared cores needs over a minute of load before its compiled code
# settles (shorter warm-ups made the second cached run look up to 40% slower), hence 90 s.
run "cached-1k" "$WORK/hot.txt"
started=$(date +%s)
seed $((TOTAL - 1000)) "$WORK/all.txt"
echo "$DB seeding $((TOTAL - 1000)) more tokens took $(( $(date +%s) - started )) s"
run "cached-1m" "$WORK/hot.txt"
stop_server
snapshot first_uses
uncached first_uses
stop_server
restore first_uses
started=$(date +%s)
java -cp "$BENCH_JAR" dev.latchkey.benchmarks.MarkTokensUsed "$URL" "$USER" "$PASS" "$LOAD_IP"
echo "$DB marking the tokens used took $(( $(date +%s) - started )) s"
snapshot used
uncached used
echo "resident memory: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 )) MB"
