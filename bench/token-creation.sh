#!/usr/bin/env bash
# Creation rate: POST /api/v1/user/tokens with a token that has tokens:write, each request a
# new name, with wrk (2 threads, 16 connections, DURATION after a WARMUP). LATCHKEY_SERVER_ARGS
# are passed to Latchkey.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18082}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-5s}"
source bench/lib.sh
launch "$PORT" ${LATCHKEY_SERVER_ARGS:-}
sign_in
TOKEN=$(generate_token creator none user tokens:write)
[[ "$TOKEN" == lkp_* ]] || { echo "could not generate a token" >&2; exit 1; }

cat >"$WORK/create.lua" <<LUA
local thread_id = 0
local n = 0
function setup(thread) thread_id = thread_id + 1; thread:set("id", thread_id) end
local run = os.getenv("RUN") or "run"
function init(args) n = 0 end
function request()
  n = n + 1
  local body = '{"name":"' .. run .. '-' .. id .. '-' .. n .. '","scopes":["user"],"expires_in_days":30}'
  return wrk.format("POST", "/api/v1/user/tokens",
    { ["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json" }, body)
end
local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 201 and not printed then printed = true; io.stderr:write("first failure: ", status, " ", body, "\n") end
end
LUA
RUN=warmup wrk -t2 -c16 -d"$WARMUP" -s "$WORK/create.lua" "$BASE" >/dev/null
before=$(usage_of "$SERVER")
RUN=measured wrk -t2 -c16 -d"$DURATION" --latency -s "$WORK/create.lua" "$BASE" >"$WORK/create.txt"
after=$(usage_of "$SERVER")
echo "create: $(awk '/Requests\/sec/ {print $2}' "$WORK/create.txt") tokens/s, p99 $(awk '$1 == "99%" {print $2}' "$WORK/create.txt")"
echo "server: $(per_request "$before" "$after" "$(awk '/requests in/ {print $1}' "$WORK/create.txt")")"
grep -E 'Non-2xx|Socket errors' "$WORK/create.txt" || true
