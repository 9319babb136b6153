#!/usr/bin/env bash
# npm run demo: build the extension and open it in Debian's Chromium on the demo EHR form.
# Headless when there is no display (or with --headless): fills a sample visit, saves
# screenshots to demo-output/ and prints the findings.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
# The demo pages are served on 127.0.0.1: a demo build runs there without asking (never shipped).
export UNITWISE_DEV_ORIGINS="${UNITWISE_DEV_ORIGINS:-http://127.0.0.1/*,http://localhost/*}"
npx wxt build >/dev/null
npx tsx scripts/demo.ts "$@"
