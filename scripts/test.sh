#!/usr/bin/env bash
# `npm test`: bootstraps tools, installs with the frozen lockfile, lints, type-checks and runs every
# test suite, then prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
. scripts/env.sh
rm -f {apps,packages}/*/.vitest-*result.json
status=0
biome check . || { echo "lint: biome check failed" >&2; status=1; }
turbo run typecheck test test:node --continue --output-logs=errors-only || status=1
node scripts/test-summary.mjs || status=1
exit $status
