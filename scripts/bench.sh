#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ one after another and prints their tables.
# Everything talks to 127.0.0.1 only. Takes ~5 minutes on 2 cores. Pick one: `npm run bench -- api-bench`.
# `npm run bench -- suite [fuzz faults contention load]`: the load, fault and security suite (bench/suite/, ≈10
# minutes: it starts the demo stack); not part of the default list, since it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
all=(normalize codes eforms-parse ocds ocds-api emulator-perf api-bench api-mcp tracker-bench alerts-match)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${all[@]}")
if [ "${selected[0]}" = suite ]; then
  exec pnpm --dir bench exec tsx suite/run.ts "${selected[@]:1}"
fi
for name in "${selected[@]}"; do
  echo
  echo "=== bench/$name.ts"
  pnpm --dir bench exec tsx "$name.ts"
done
