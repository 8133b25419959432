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

# Debian tools the README examples (and so the README-examples test, packages/e2e) use: curl and jq.
# Installed here when missing and we may (root, as on CI); otherwise said loudly, never skipped silently.
missing=()
for tool in curl jq; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]} (Debian packages) for the README examples" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2
  else
    echo "setup: WARNING: ${missing[*]} not installed; the README examples need them (apt-get install ${missing[*]})" >&2
  fi
fi
