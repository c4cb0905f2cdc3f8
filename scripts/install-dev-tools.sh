#!/usr/bin/env bash
# Installs the extension's JavaScript development and test tools (web-ext, puppeteer-core,
# prettier: extension/package.json) from the npm registry and builds the extension. The shipped
# extension uses none of them. Needs node and npm (scripts/install-deps.sh).
# Usage: scripts/install-dev-tools.sh
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -f extension/package.json ]] || exit 0
if [[ -f extension/package-lock.json ]]; then
  npm --prefix extension ci --no-audit --no-fund --loglevel=error
else
  npm --prefix extension install --no-audit --no-fund --loglevel=error
fi
npm --prefix extension run build
