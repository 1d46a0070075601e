# shellcheck shell=bash
# Sourced by ./run and .ci/run: makes Node.js 24 and pnpm available without touching the
# machine's own Node. A machine that already has Node >= 24 and pnpm uses them as they are;
# otherwise both come from the npm registry into .tools/ (git-ignored) — nvm/fnm/corepack
# download from elsewhere and do not work on machines that only reach the npm registry.
TRUSTDESK_ROOT="${TRUSTDESK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
TRUSTDESK_TOOLS="$TRUSTDESK_ROOT/.tools/node"
TRUSTDESK_PNPM_VERSION="12.21.0"

_td_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$TRUSTDESK_TOOLS/bin/node" ]; then
  export PATH="$TRUSTDESK_TOOLS/bin:$PATH"
fi
if [ "$(_td_node_major)" -lt 24 ] || ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm -v 2>/dev/null)" != "$TRUSTDESK_PNPM_VERSION" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "trustdesk: npm is needed once to fetch Node.js 24 and pnpm" >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "trustdesk: installing Node.js 24 and pnpm $TRUSTDESK_PNPM_VERSION into .tools/ (one time)" >&2
  npm install --global --prefix "$TRUSTDESK_TOOLS" --no-audit --no-fund --loglevel=error \
    node@24 "pnpm@$TRUSTDESK_PNPM_VERSION" >&2
  export PATH="$TRUSTDESK_TOOLS/bin:$PATH"
fi
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
