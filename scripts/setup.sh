#!/usr/bin/env bash
# Bootstraps the toolchain and installs the workspace with the frozen lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] || [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
fi
