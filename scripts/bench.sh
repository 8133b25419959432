#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ one after another and prints their tables.
# Everything talks to 127.0.0.1 only. Takes ~5 minutes on 2 cores. Pick one: `npm run bench -- api-bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
all=(normalize codes eforms-parse ocds emulator-perf api-bench api-mcp tracker-bench)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${all[@]}")
for name in "${selected[@]}"; do
  echo
  echo "=== bench/$name.ts"
  pnpm --dir bench exec tsx "$name.ts"
done
