#!/usr/bin/env bash
# Renders the gateway's /docs page in headless Chromium (Debian's `chromium` package: apt-get install -y
# chromium), checks that Swagger UI really rendered the operations of /openapi.json, and saves a
# screenshot. A manual check, not part of `npm test` (CI machines have no browser).
# Usage: npm run demo (in another terminal), then: bash scripts/check-docs.sh [base URL] [png path]
set -euo pipefail
BASE="${1:-http://127.0.0.1:8787}"
PNG="${2:-docs-screenshot.png}"
command -v chromium >/dev/null || { echo "check-docs: needs chromium (apt-get install -y chromium)" >&2; exit 2; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --virtual-time-budget=8000)
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
expected="$(curl -fsS "$BASE/openapi.json" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const doc = JSON.parse(s);
    console.log(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0));
  });')"
rendered="$(chromium "${flags[@]}" --user-data-dir="$profile" --dump-dom "$BASE/docs" 2>/dev/null |
  grep -o 'class="opblock-summary-path"' | wc -l)"
chromium "${flags[@]}" --user-data-dir="$profile" --window-size=1280,1400 --screenshot="$PNG" "$BASE/docs" 2>/dev/null
echo "check-docs: Swagger UI rendered $rendered of $expected operations; screenshot: $PNG"
[ "$rendered" -eq "$expected" ] && [ "$expected" -gt 0 ]
