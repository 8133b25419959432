#!/usr/bin/env bash
# `npm run demo`: the whole gateway offline. Starts the Doffin emulator on 127.0.0.1:8790 (seeded,
# ~5000 notices over the last year, rate limit on like the real Doffin), the tracker Worker on :8788 (its own
# `wrangler dev`, so its cron handler can be fired), the API + feedback Workers on http://127.0.0.1:8787 (the
# API reaches the tracker through its service binding across the two dev sessions), and a churn loop that
# makes the emulated Doffin evolve and fires the tracker's cron. Local KV/D1 persist under .wrangler/state.
# Ctrl-C stops everything. Env: EMU_PORT, API_PORT, TRACKER_PORT, SEED, COUNT, FROM, CHURN_INTERVAL (s, 0 = off),
# STATE (local KV/D1 folder, default .wrangler/state), DEMO_SKIP_SETUP.
set -euo pipefail
# Job control: every background job gets its own process group, so stopping one stops its children too
# (wrangler's wrapper, its CLI and workerd).
set -m
cd "$(dirname "$0")/.."
# DEMO_SKIP_SETUP=1: the caller has installed the workspace (the README-examples test starts this script
# while other suites run, and a second `pnpm install` under their feet would break them).
[ -n "${DEMO_SKIP_SETUP:-}" ] || bash scripts/setup.sh
. scripts/env.sh

EMU_PORT="${EMU_PORT:-8790}"
API_PORT="${API_PORT:-8787}"
TRACKER_PORT="${TRACKER_PORT:-8788}"
FROM="${FROM:-$(node -e 'console.log(new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10))')}"
CHURN_INTERVAL="${CHURN_INTERVAL:-20}"
SEED="${SEED:-42}"
COUNT="${COUNT:-5000}"
STATE="${STATE:-.wrangler/state}"
WRANGLER=apps/api/node_modules/.bin/wrangler
EMU="http://127.0.0.1:$EMU_PORT"
API="http://127.0.0.1:$API_PORT"
TRACKER="http://127.0.0.1:$TRACKER_PORT"

pids=()
stop() {
  trap - INT TERM EXIT
  echo >&2
  echo "demo: stopping…" >&2
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
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
  exec node_modules/.bin/tsx src/server.ts --host 127.0.0.1 --port "$EMU_PORT" --seed "$SEED" --count "$COUNT" --from "$FROM"
) &
pids+=("$!")
wait_for "$EMU/_emulator/health" "the emulator" "${pids[0]}"

for app in tracker feedback; do
  echo "demo: applying $app D1 migrations (local)…" >&2
  "$WRANGLER" d1 migrations apply DB --local --persist-to "$STATE" -c "apps/$app/wrangler.jsonc" >/dev/null
done

# Each Worker sees exactly the environment given here (`env -i`), so nothing from this shell leaks in.
clean_env=(env -i PATH="$PATH" HOME="$HOME" TERM="${TERM:-dumb}"
  WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false)
dev_flags=(--ip 127.0.0.1 --persist-to "$STATE" --log-level "${WRANGLER_LOG:-warn}" --show-interactive-dev-session=false)

echo "demo: starting the tracker Worker on $TRACKER…" >&2
# CLOCK=upstream: the tracker takes "now" from the emulator, so clock moves drive its sweep window.
"${clean_env[@]}" "$WRANGLER" dev -c apps/tracker/wrangler.jsonc --port "$TRACKER_PORT" --test-scheduled "${dev_flags[@]}" \
  --var "UPSTREAM_BASE_URL:$EMU" --var UPSTREAM_KIND:webclient --var CLOCK:upstream --var REQUEST_BUDGET:200 &
pids+=("$!")
wait_for "$TRACKER/health" "the tracker" "${pids[1]}"

echo "demo: starting the API and feedback Workers on $API…" >&2
# `--var` reaches only the first Worker of a multi-config `wrangler dev`; the feedback Worker reads its
# OPERATOR_TOKEN from the process environment (CLOUDFLARE_INCLUDE_PROCESS_ENV).
OPERATOR_TOKEN="${OPERATOR_TOKEN:-demo-operator-token}"
"${clean_env[@]}" CLOUDFLARE_INCLUDE_PROCESS_ENV=true UPSTREAM_BASE_URL="$EMU" UPSTREAM_KIND=webclient \
  BUILD_VERSION=demo OPERATOR_TOKEN="$OPERATOR_TOKEN" \
  "$WRANGLER" dev -c apps/api/wrangler.jsonc -c apps/feedback/wrangler.jsonc --port "$API_PORT" "${dev_flags[@]}" \
  --var "UPSTREAM_BASE_URL:$EMU" --var UPSTREAM_KIND:webclient --var BUILD_VERSION:demo &
pids+=("$!")
wait_for "$API/health" "the API" "${pids[2]}"

if [ "$CHURN_INTERVAL" != "0" ]; then
  EMU="$EMU" TRACKER="$TRACKER" INTERVAL="$CHURN_INTERVAL" SEED="$SEED" node scripts/demo-churn.mjs &
  pids+=("$!")
fi

cat <<TOUR

  Doffin gateway (offline demo) is up.
    API        $API            (search, notices, codes, /health; change feed + feedback via service bindings)
    Tracker    $TRACKER            (change tracker; fire its cron: curl '$TRACKER/cdn-cgi/handler/scheduled')
    Emulator   $EMU            (fake Doffin; control API under /_emulator/*)
    Churn      every ${CHURN_INTERVAL}s: emulator clock +15 min, a few notices change, tracker sweeps

  Try:
    curl -s '$API/health'
    curl -si '$API/v1/notices?type=COMPETITION&location=Vestland&limit=3' | grep -i -E '^(cache-status|etag|age):'
    curl -si '$API/v1/notices?type=COMPETITION&location=Vestland&limit=3' | grep -i '^cache-status:'   # now a hit
    curl -s '$API/v1/notices?cpv=72*&status=ACTIVE&limit=2'
    curl -s '$API/v1/notices?type=TENDER&limit=500'                      # a 400 that says what would work
    curl -s '$API/v1/codes/cpv/72000000'
    curl -s '$API/v1/codes/locations'
    curl -s '$API/v1/changes?limit=5'                                    # change feed (tracker Worker)
    curl -s '$API/v1/changes?kind=deadline_changed&limit=5'              # one kind of event
    curl -s '$API/v1/tracker/status'
    curl -s '$EMU/_emulator/stats'                                       # upstream calls so far

  Feedback operator token (demo): $OPERATOR_TOKEN

  Ctrl-C stops everything.
TOUR
wait -n "${pids[@]}" || true
