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

# Debian packages the e2e tests (packages/e2e) use: curl and jq for the README examples, and Chromium
# (+ the DejaVu fonts, so screenshots render the same text everywhere) for the browser suite, which
# playwright-core drives at /usr/bin/chromium (it never downloads a browser).
# Installed here when missing and we may (root, as on CI); otherwise said loudly, never skipped silently.
missing=()
for tool in curl jq chromium; do command -v "$tool" >/dev/null || missing+=("$tool"); done
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || ! command -v dpkg >/dev/null || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]} (Debian packages) for the README examples and the browser tests" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2
  else
    echo "setup: WARNING: ${missing[*]} not installed; the README examples and the browser tests need them (apt-get install ${missing[*]})" >&2
  fi
fi
