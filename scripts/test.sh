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

step "build extension: Chrome (MV3) and Firefox"
npx wxt build
npx wxt build -b firefox

step "lint the Firefox build (web-ext lint)"
npx web-ext lint --source-dir .output/firefox-mv2 --self-hosted --output text

step "batch check smoke run on the bundled sample"
npx tsx scripts/check.ts --table test/fixtures/visits/demo-week.csv > /dev/null || [ $? -eq 1 ]

# One plain closing line with the counts, for CI logs.
node -e "const r=require('./test-results/vitest.json'); console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed');"
