#!/usr/bin/env bash
# `npm test`: bootstraps tools, installs with the frozen lockfile, lints, type-checks, builds (wrangler
# dry-run deploys) and runs every test suite, then prints one closing line "N passed, N failed".
# A failed lint/type-check/build counts as one failure in that line, so the line never hides a red run.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! bash scripts/setup.sh; then
  echo "set-up failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
. scripts/env.sh
rm -f {apps,packages}/*/.vitest-*result.json
checks_failed=0
if ! biome check .; then
  echo "lint: biome check failed" >&2
  checks_failed=$((checks_failed + 1))
fi
turbo run typecheck build --continue --output-logs=errors-only || checks_failed=$((checks_failed + 1))
tasks_failed=0
turbo run test test:node --continue --output-logs=errors-only || tasks_failed=1
CHECKS_FAILED=$checks_failed TASKS_FAILED=$tasks_failed node scripts/test-summary.mjs
