#!/usr/bin/env bash
# Runs a command with the project toolchain on PATH (after set-up): scripts/run.sh biome check .
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
exec "$@"
