#!/usr/bin/env bash
# npm test: everything CI checks, from a fresh clone. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "install npm packages (npm ci)"
npm ci --no-audit --no-fund --loglevel=error

step "typecheck (tsc --noEmit)"
npx tsc --noEmit

step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

step "build the shipped extension: Chrome (MV3) and Firefox"
npx wxt build
npx wxt build -b firefox

step "lint the Firefox build (web-ext lint)"
npx web-ext lint --source-dir .output/firefox-mv2 --self-hosted --output text

step "audit the shipped builds (least privilege: no fixed host, no always-on content script; no network API in any bundle)"
env -u UNITWISE_DEV_ORIGINS npx tsx scripts/audit-build.ts

# The browser tests chart the demo pages on 127.0.0.1: a build with those origins always on,
# in its own folder (.output-dev/, never shipped; .output/ keeps the shipped build), audited the
# same way against exactly these origins.
export UNITWISE_DEV_ORIGINS="http://127.0.0.1/*,http://localhost/*"
step "build for the browser tests (UNITWISE_DEV_ORIGINS=$UNITWISE_DEV_ORIGINS)"
npx wxt build >/dev/null
npx wxt build -b firefox >/dev/null
npx tsx scripts/audit-build.ts

step "Debian's Chromium and Firefox ESR for the browser tests"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
chromium --version 2>/dev/null | tail -1
firefox-esr --version 2>/dev/null | tail -1

step "end-to-end tests: the built extension in Chromium and Firefox"
npx vitest run -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json

step "batch check smoke run on the bundled sample"
node scripts/check.mjs --table test/fixtures/visits/demo-week.csv > /dev/null || [ $? -eq 1 ]

# One plain closing line with the counts, for CI logs.
node -e "const a=require('./test-results/vitest.json'), b=require('./test-results/e2e.json'); console.log((a.numPassedTests + b.numPassedTests) + ' passed, ' + (a.numFailedTests + b.numFailedTests) + ' failed');"
