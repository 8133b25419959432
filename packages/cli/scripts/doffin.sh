#!/usr/bin/env bash
# `npm run doffin -- <args>` from the repo root: rebuilds the bundle when a source file is newer than it,
# then runs it from the directory npm was started in (so `-o file` lands where the user expects).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dist="$here/dist/doffin.js"
if [ ! -f "$dist" ] || [ -n "$(find "$here/src" "$here/../core/src" -name '*.ts' -newer "$dist" -print -quit)" ]; then
  (cd "$here" && node scripts/build.mjs)
fi
cd "${INIT_CWD:-$PWD}"
exec node "$dist" "$@"
