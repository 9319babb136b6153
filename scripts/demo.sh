#!/usr/bin/env bash
# npm run demo: build the extension, then check the bundled sample week of visits the way a
# biller would. (Opening the demo EHR form in Chromium comes with the form-reading work.)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx wxt build
echo
echo "Extension built in .output/chrome-mv3 (load it unpacked from chrome://extensions)."
echo "Checking the sample visits in test/fixtures/visits/demo-week.csv:"
echo
status=0
npx tsx scripts/check.ts --table test/fixtures/visits/demo-week.csv || status=$?
# Exit 1 only means some visit has an error finding, which the sample has on purpose.
[ "$status" -le 1 ]
