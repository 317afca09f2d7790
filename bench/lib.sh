# Shared by the load scripts: start a Latchkey jar and act as a user through its pages.

# Checks for wrk, builds the jar if it is missing, starts Latchkey on the port with a fresh H2
# database and stops it when the script exits. Sets JAR, BASE, WORK and SERVER.
launch() { # port, extra Latchkey arguments...
  local port=$1; shift
  JAR=latchkey-server/target/latchkey-server.jar
  BASE="http://localhost:$port"
  WORK="$(mktemp -d)"
  command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
  [ -f "$JAR" ] || mvn -B -q -DskipTests package
  start_latchkey "$port" "$@"
  # "|| true": under set -e the killed server's exit status would end the trap before the rm.
  trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
}

# The first CSRF token on a page.
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

# Starts the jar with a fresh H2 database under $WORK and the admin "bench"; waits until it answers.
start_latchkey() { # port, extra args...
  local port=$1; shift
  LATCHKEY_DATA_DIR="$WORK/data" LATCHKEY_ADMIN_USERNAME=bench LATCHKEY_ADMIN_PASSWORD=bench-password-1234 \
    java ${LATCHKEY_JAVA_OPTS:-} -jar "$JAR" --server.port="$port" --latchkey.rate-limit.per-user-per-hour=1000000000 "$@" \
    >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/api/v1/meta" >/dev/null && return; sleep 0.5; done
  echo "Latchkey did not start; see $WORK/server.log" >&2; exit 1
}

# Signs in as "bench" with a cookie jar in $WORK.
sign_in() {
  COOKIES="$WORK/cookies"
  local token
  token=$(curl -fs -c "$COOKIES" -b "$COOKIES" "$BASE/login" | csrf)
  curl -fs -o /dev/null -c "$COOKIES" -b "$COOKIES" --data-urlencode "_csrf=$token" \
    -d username=bench -d password=bench-password-1234 "$BASE/login"
}

# Generates a personal access token through the pages and prints it: name, expiration, scopes...
generate_token() {
  local name=$1 expiration=$2; shift 2
  local token args=()
  for scope in "$@"; do args+=(-d "scopes=$scope"); done
  token=$(curl -fs -c "$COOKIES" -b "$COOKIES" "$BASE/settings/tokens/new" | csrf)
  curl -fs -c "$COOKIES" -b "$COOKIES" --data-urlencode "_csrf=$token" -d "name=$name" -d "expiration=$expiration" \
    "${args[@]}" "$BASE/settings/tokens" | grep -o 'data-testid="new-token">[^<]*' | sed 's/.*>//'
}

# What a process has spent so far: CPU milliseconds, bytes it has written and its write calls
# (files and sockets alike), as "cpu_ms wchar syscw". Less swayed by a busy machine than rates.
usage_of() { # pid
  local ticks
  ticks=$(awk '{print $14 + $15}' "/proc/$1/stat")
  echo "$(( ticks * 1000 / $(getconf CLK_TCK) )) $(awk '/^wchar/ {w = $2} /^syscw/ {c = $2} END {print w, c}' "/proc/$1/io")"
}

# Per request between two usage_of readings: "x ms CPU, y KB written in z write calls".
per_request() { # before, after, requests
  echo "$1 $2 $3" | awk '{n = $7; printf "%.2f ms CPU, %.1f KB written in %.1f write calls per request", ($4 - $1) / n, ($5 - $2) / 1024 / n, ($6 - $3) / n}'
}
