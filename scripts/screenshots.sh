#!/usr/bin/env bash
# Screenshots of each page of the web explorer into docs/screenshots/*.png (embedded in the root README,
# section "Web explorer"). Runs the browser suite's page checks (packages/e2e/test/browser-pages-quality.test.ts)
# in its screenshot mode against a fresh offline demo stack, or against a running one with
# E2E_STACK_PORTS=api,tracker,emulator,nav (started with CHURN_INTERVAL=0). Needs Debian's chromium
# (scripts/setup.sh installs it as root).
# Usage: bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null || { echo "screenshots: needs chromium (apt-get install -y chromium fonts-dejavu-core)" >&2; exit 2; }
export SCREENSHOTS_DIR="$PWD/docs/screenshots"
mkdir -p "$SCREENSHOTS_DIR"
(cd packages/e2e && pnpm exec vitest run test/browser-pages-quality.test.ts)
echo "screenshots: $(ls "$SCREENSHOTS_DIR"/*.png | wc -l) pages in $SCREENSHOTS_DIR" >&2
