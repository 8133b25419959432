#!/usr/bin/env bash
# Bootstraps the toolchain (scripts/env.sh) and installs the workspace with the frozen lockfile — again
# only when the lockfile or a package.json changed since the last install (always on CI).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
stamp=node_modules/.doffin-setup-stamp
stale=0
if [ -n "${CI:-}" ] || [ ! -f "$stamp" ]; then
  stale=1
else
  for f in pnpm-lock.yaml pnpm-workspace.yaml package.json apps/*/package.json packages/*/package.json bench/package.json; do
    if [ "$f" -nt "$stamp" ]; then stale=1; break; fi
  done
fi
if [ "$stale" = 1 ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
  touch "$stamp"
fi
