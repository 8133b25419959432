#!/usr/bin/env bash
# `npm run demo`: the whole gateway offline. Starts the Doffin emulator on 127.0.0.1:8790 (seeded,
# ~5000 notices over the last year, rate limit on like the real Doffin), the tracker Worker on :8788 (its own
# `wrangler dev`, so its cron handler can be fired), the API + feedback Workers on http://127.0.0.1:8787 (the
# API reaches the tracker through its service binding across the two dev sessions), a first sweep plus one
# change of each kind before the tour is printed, and a churn loop that makes the emulated Doffin evolve
# at real time and runs the tracker's sweep. Local KV/D1 persist under .wrangler/state.
# Ctrl-C stops everything. Env: EMU_PORT, API_PORT, TRACKER_PORT, SEED, COUNT, FROM, TO, CHURN_INTERVAL (s, 0 = off),
# STATE (local KV/D1 folder, default .wrangler/state), DEMO_SKIP_SETUP, BACKFILL_FROM (tracker backfill start day, default off).
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
NAV_PORT="${NAV_PORT:-8791}"
NAV_COUNT="${NAV_COUNT:-1500}"
API_PORT="${API_PORT:-8787}"
TRACKER_PORT="${TRACKER_PORT:-8788}"
FROM="${FROM:-$(node -e 'console.log(new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10))')}"
# The generated corpus ends yesterday (Oslo): a notice generated for today could carry an issue time later
# today, i.e. in the future. Today's notices are the ones the churn publishes, at the real time.
TO="${TO:-$(node -e 'console.log(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(Date.now() - 86400000))')}"
CHURN_INTERVAL="${CHURN_INTERVAL:-20}"
SEED="${SEED:-42}"
COUNT="${COUNT:-5000}"
STATE="${STATE:-.wrangler/state}"
WRANGLER=apps/api/node_modules/.bin/wrangler
EMU="http://127.0.0.1:$EMU_PORT"
NAV="http://127.0.0.1:$NAV_PORT"
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
  exec node_modules/.bin/tsx src/server.ts --host 127.0.0.1 --port "$EMU_PORT" --seed "$SEED" --count "$COUNT" --from "$FROM" --to "$TO"
) &
pids+=("$!")
wait_for "$EMU/_emulator/health" "the emulator" "${pids[0]}"

echo "demo: starting the NAV emulator on $NAV (seed $SEED, $NAV_COUNT job ads)…" >&2
(
  cd packages/emulator-nav
  # --no-waf: the tour fires several searches within seconds, which NAV's WAF (6 per 10 s) would block.
  exec node_modules/.bin/tsx src/server.ts --host 127.0.0.1 --port "$NAV_PORT" --seed "$SEED" --count "$NAV_COUNT" --no-waf
) &
pids+=("$!")
wait_for "$NAV/_emulator/health" "the NAV emulator" "${pids[1]}"

for app in tracker feedback; do
  echo "demo: applying $app D1 migrations (local)…" >&2
  "$WRANGLER" d1 migrations apply DB --local --persist-to "$STATE" -c "apps/$app/wrangler.jsonc" >/dev/null
done
echo "demo: applying api D1 migrations (local; API keys)…" >&2
"$WRANGLER" d1 migrations apply KEYS_DB --local --persist-to "$STATE" -c apps/api/wrangler.jsonc >/dev/null
# The emulator is generated afresh on each start (at today's date, without the last run's changes), so the
# tracker's feed of a previous run would not match it (its notices would read as withdrawn or changed):
# the tracker starts empty. Feedback reports are kept.
"$WRANGLER" d1 execute DB --local --persist-to "$STATE" -c apps/tracker/wrangler.jsonc \
  --command "DELETE FROM contract_tenders; DELETE FROM contract_results; DELETE FROM contract_lots; DELETE FROM contract_parties; DELETE FROM contract_notices; DELETE FROM ocds_facets; DELETE FROM ocds_records; DELETE FROM ocds_releases; DELETE FROM ocds_bulk_days; DELETE FROM events; DELETE FROM snapshots; DELETE FROM notices; DELETE FROM sweeps; DELETE FROM backfill; DELETE FROM jobs; DELETE FROM job_events; DELETE FROM job_feed;" >/dev/null

# Each Worker sees exactly the environment given here (`env -i`), so nothing from this shell leaks in.
# WRANGLER_REGISTRY_PATH: the dev registry through which the API finds the tracker (service bindings across
# `wrangler dev` sessions) is this stack's own, so two stacks on one machine (a demo and a test run) never
# bind to each other's Workers.
mkdir -p "$STATE"
REGISTRY="$(cd "$STATE" && pwd)/dev-registry"
clean_env=(env -i PATH="$PATH" HOME="$HOME" TERM="${TERM:-dumb}"
  WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_REGISTRY_PATH="$REGISTRY")
dev_flags=(--ip 127.0.0.1 --persist-to "$STATE" --log-level "${WRANGLER_LOG:-warn}" --show-interactive-dev-session=false)

# A Public API key the emulator accepts (its default `apiKeys`, packages/emulator README): the tracker and
# the API stay in web-client mode (facets, detail sections) and download the eForms XML with it, so
# organisations, award values and OCDS records are there from the first sweep.
DEMO_API_KEY="test-key"

echo "demo: starting the tracker Worker on $TRACKER…" >&2
# The demo entry (apps/tracker/src/demo.ts, never deployed) is the production Worker plus "now" from
# DEMO_CLOCK_URL (the emulator's clock, which the churn keeps at real time) and POST /_demo/tick.
# WATCH_IDS: the tour's real captured notice is tracked although it is older than the sweep window.
# REQUEST_BUDGET:500: the first sweep's ≈ 130 detail fetches plus as many XML downloads fit in one tick.
# ALERTS_ALLOW_LOOPBACK_WEBHOOKS: saved-search webhooks may target a receiver on 127.0.0.1 (dev only).
"${clean_env[@]}" "$WRANGLER" dev apps/tracker/src/demo.ts -c apps/tracker/wrangler.jsonc --port "$TRACKER_PORT" --test-scheduled "${dev_flags[@]}" \
  --var "UPSTREAM_BASE_URL:$EMU" --var UPSTREAM_KIND:webclient --var "DOFFIN_API_KEY:$DEMO_API_KEY" --var REQUEST_BUDGET:500 \
  --var "DEMO_CLOCK_URL:$EMU/_emulator/clock" --var WATCH_IDS:2026-107918 --var ALERTS_ALLOW_LOOPBACK_WEBHOOKS:true \
  ${BACKFILL_FROM:+--var "BACKFILL_FROM:$BACKFILL_FROM"} --var "NAV_FEED_BASE_URL:$NAV" --var NAV_FEED_BUDGET:50 &
pids+=("$!")
wait_for "$TRACKER/health" "the tracker" "${pids[2]}"

echo "demo: starting the API and feedback Workers on $API…" >&2
# The shared upstream budget (a Durable Object in the API Worker) keeps 4 instead of 10 tokens per window for
# users here, so the priming sweeps (≈ 130 detail fetches) start the demo sooner; the tour needs few.
# `--var` reaches only the first Worker of a multi-config `wrangler dev`; the feedback Worker reads its
# OPERATOR_TOKEN from the process environment (CLOUDFLARE_INCLUDE_PROCESS_ENV), and so does the API (the
# same token guards /v1/admin/keys) with its KEY_PEPPER. ANON_LIMIT_TIER=high: every demo request comes
# from 127.0.0.1, so anonymous callers get the 6000/min limiter instead of sharing 60/min.
OPERATOR_TOKEN="${OPERATOR_TOKEN:-demo-operator-token}"
"${clean_env[@]}" CLOUDFLARE_INCLUDE_PROCESS_ENV=true UPSTREAM_BASE_URL="$EMU" UPSTREAM_KIND=webclient \
  NAV_FEED_BASE_URL="$NAV" NAV_SEARCH_BASE_URL="$NAV" BUILD_VERSION=demo OPERATOR_TOKEN="$OPERATOR_TOKEN" KEY_PEPPER="${KEY_PEPPER:-demo-key-pepper}" \
  "$WRANGLER" dev -c apps/api/wrangler.jsonc -c apps/feedback/wrangler.jsonc --port "$API_PORT" "${dev_flags[@]}" \
  --var "UPSTREAM_BASE_URL:$EMU" --var UPSTREAM_KIND:webclient --var "DOFFIN_API_KEY:$DEMO_API_KEY" --var BUILD_VERSION:demo --var ANON_LIMIT_TIER:high \
  --var UPSTREAM_BUDGET_RESERVE:4 --var "NAV_FEED_BASE_URL:$NAV" --var "NAV_SEARCH_BASE_URL:$NAV" &
pids+=("$!")
wait_for "$API/health" "the API" "${pids[3]}"

# Content from the first second: sweep, one change of each kind, sweep again, before the tour is printed.
EMU="$EMU" TRACKER="$TRACKER" SEED="$SEED" node scripts/demo-churn.mjs --prime
if [ "$CHURN_INTERVAL" != "0" ]; then
  EMU="$EMU" TRACKER="$TRACKER" INTERVAL="$CHURN_INTERVAL" SEED="$SEED" node scripts/demo-churn.mjs &
  pids+=("$!")
fi

cat <<TOUR

  Doffin gateway (offline demo) is up.
    API        $API            (search, notices, codes, /health; change feed + feedback via service bindings)
    Tracker    $TRACKER            (change tracker; one sweep now: curl -X POST '$TRACKER/_demo/tick')
    Emulator   $EMU            (fake Doffin at real time; control API under /_emulator/*)
    NAV        $NAV            (fake NAV job ads: feed + search; control API under /_emulator/*)
    Churn      every ${CHURN_INTERVAL}s: a few notices change (at the real time), tracker sweeps

  Try:
    curl -s '$API/health'
    curl -si '$API/v1/notices?type=COMPETITION&location=Vestland&limit=3' | grep -i -E '^(cache-status|etag|age):'
    curl -si '$API/v1/notices?type=COMPETITION&location=Vestland&limit=3' | grep -i '^cache-status:'   # now a hit
    curl -s '$API/v1/notices?cpv=72*&status=ACTIVE&limit=2'
    curl -s '$API/v1/notices?type=TENDER&limit=500'                      # a 400 that says what would work
    curl -s '$API/v1/codes/cpv/72000000'
    curl -s '$API/v1/codes/locations'
    curl -s '$API/v1/changes?order=desc&limit=5'                         # change feed, newest first
    curl -s '$API/v1/changes?exclude_kind=created&since=$(TZ=Europe/Oslo date +%F)' # today (Oslo), no new notices
    curl -s '$API/v1/changes?kind=cancelled,awarded&limit=5'             # some kinds of event
    curl -s '$API/v1/notices/2026-107918/history'                        # a real notice, corrected
    curl -s '$API/v1/tracker/status'
    curl -s '$EMU/_emulator/stats'                                       # upstream calls so far

  NAV job ads (arbeidsplassen.nav.no) on the same machinery:
    curl -s '$API/v1/jobs?county=Oslo&sort=published&limit=3'           # job search (any limit 1-100)
    curl -s '$API/v1/jobs?facets=true&limit=1' | head -c 600; echo      # facets incl. position count
    curl -s '$API/v1/jobs/facets' | head -c 400; echo                   # every filter value with counts
    curl -s "$API/v1/jobs/\$(curl -s '$API/v1/jobs?limit=1&sort=published' | node -pe 'JSON.parse(require("fs").readFileSync(0)).jobs[0].uuid')"
    curl -s '$API/v1/jobs?county=Osloo'                                  # a 400 with suggestions
    curl -s '$API/v1/jobs/changes?order=desc&limit=5'                    # job change feed (tracker)
    curl -s '$API/v1/tools/search_jobs' -H 'content-type: application/json' -d '{"counties":"Oslo","size":3}'
    npm run -s doffin -- jobs search sykepleier --limit 5

  Feedback operator token (demo): $OPERATOR_TOKEN

  Ctrl-C stops everything.
TOUR
wait -n "${pids[@]}" || true
