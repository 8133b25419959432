#!/usr/bin/env bash
# `npm start`: the API Worker on http://127.0.0.1:8787 against live Doffin (https://api.doffin.no).
# If Doffin cannot be reached from this machine it says so (here and in /health) and points to
# `npm run demo`, which runs the same gateway against the offline emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh

API_PORT="${API_PORT:-8787}"
UPSTREAM="${UPSTREAM_BASE_URL:-https://api.doffin.no}"

if curl -sS -o /dev/null --max-time 5 "$UPSTREAM/" 2>/dev/null; then
  echo "start: Doffin answers at $UPSTREAM" >&2
else
  cat >&2 <<MSG
start: ⚠ Doffin ($UPSTREAM) cannot be reached from this machine.
       The API will start anyway, but searches will fail with 503 until Doffin is reachable
       (GET /health shows "degraded"). For a fully offline gateway run:  npm run demo
MSG
fi

exec apps/api/node_modules/.bin/wrangler dev -c apps/api/wrangler.jsonc --ip 127.0.0.1 --port "$API_PORT" \
  --persist-to .wrangler/state --var "UPSTREAM_BASE_URL:$UPSTREAM" --show-interactive-dev-session=false
