#!/usr/bin/env bash
# `npm run demo`: the whole gateway offline. Starts the Doffin emulator on 127.0.0.1:8790 (seeded,
# ~5000 notices, rate limit on like the real Doffin) and the API, tracker and feedback Workers in one
# `wrangler dev` (API on http://127.0.0.1:8787), local KV/D1 persisted under .wrangler/state.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh

EMU_PORT="${EMU_PORT:-8790}"
API_PORT="${API_PORT:-8787}"
SEED="${SEED:-42}"
COUNT="${COUNT:-5000}"
STATE=.wrangler/state
WRANGLER=apps/api/node_modules/.bin/wrangler
EMU="http://127.0.0.1:$EMU_PORT"
API="http://127.0.0.1:$API_PORT"

pids=()
stop() {
  trap - INT TERM EXIT
  echo >&2
  echo "demo: stopping…" >&2
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

wait_for() { # url, what, pid
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "demo: $2 exited during start-up" >&2; exit 1; fi
    sleep 0.5
  done
  echo "demo: $2 did not come up at $1" >&2
  exit 1
}

echo "demo: starting the Doffin emulator on $EMU (seed $SEED, $COUNT notices, rate limit on)…" >&2
(
  cd packages/emulator
  # The emulator's own CLI (src/server.ts); exec so $! is the process we stop on Ctrl-C.
  exec node_modules/.bin/tsx src/server.ts --host 127.0.0.1 --port "$EMU_PORT" --seed "$SEED" --count "$COUNT"
) &
pids+=("$!")
wait_for "$EMU/_emulator/health" "the emulator" "${pids[0]}"

configs=(-c apps/api/wrangler.jsonc)
for app in tracker feedback; do
  [ -f "apps/$app/wrangler.jsonc" ] || continue
  configs+=(-c "apps/$app/wrangler.jsonc")
  if [ -d "apps/$app/migrations" ] && ls "apps/$app/migrations"/*.sql >/dev/null 2>&1; then
    echo "demo: applying $app D1 migrations (local)…" >&2
    "$WRANGLER" d1 migrations apply DB --local --persist-to "$STATE" -c "apps/$app/wrangler.jsonc" >/dev/null
  fi
done

echo "demo: starting the Workers (${configs[*]})…" >&2
# `--var` reaches only the first Worker of a multi-config `wrangler dev`; the others read their vars from
# the process environment (CLOUDFLARE_INCLUDE_PROCESS_ENV). `env -i` keeps that environment to exactly
# what the Workers should see, so nothing else from this shell leaks into them.
OPERATOR_TOKEN="${OPERATOR_TOKEN:-demo-operator-token}"
env -i PATH="$PATH" HOME="$HOME" TERM="${TERM:-dumb}" \
  WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false CLOUDFLARE_INCLUDE_PROCESS_ENV=true \
  UPSTREAM_BASE_URL="$EMU" UPSTREAM_KIND=webclient BUILD_VERSION=demo OPERATOR_TOKEN="$OPERATOR_TOKEN" \
  "$WRANGLER" dev "${configs[@]}" --ip 127.0.0.1 --port "$API_PORT" --persist-to "$STATE" \
  --var "UPSTREAM_BASE_URL:$EMU" --var UPSTREAM_KIND:webclient --var BUILD_VERSION:demo \
  --log-level "${WRANGLER_LOG:-warn}" --show-interactive-dev-session=false &
pids+=("$!")
wait_for "$API/health" "wrangler dev" "${pids[1]}"

cat <<TOUR

  Doffin gateway (offline demo) is up.
    API        $API            (search, notices, codes, /health; change feed + feedback via service bindings)
    Emulator   $EMU            (fake Doffin; control API under /_emulator/*)

  Try:
    curl -s '$API/health'
    curl -si '$API/v1/notices?type=COMPETITION&location=Vestland&limit=3' | grep -i -E '^(cache-status|etag|age):'
    curl -si '$API/v1/notices?type=COMPETITION&location=Vestland&limit=3' | grep -i '^cache-status:'   # now a hit
    curl -s '$API/v1/notices?cpv=72*&status=ACTIVE&limit=2'
    curl -s '$API/v1/notices?type=TENDER&limit=500'                      # a 400 that says what would work
    curl -s '$API/v1/codes/cpv/72000000'
    curl -s '$API/v1/codes/locations'
    curl -s '$API/v1/changes?limit=5'                                    # change feed (tracker Worker)
    curl -s '$API/v1/tracker/status'
    curl -s '$EMU/_emulator/stats'                                       # upstream calls so far

  Feedback operator token (demo): $OPERATOR_TOKEN

  Ctrl-C stops everything.
TOUR
wait -n "${pids[@]}" || true
