// npm run demo: opens Debian's Chromium with the built extension on the demo EHR flowsheet.
// With a display it stays open for you to chart; headless (no display, or --headless) it fills
// the sample visit, saves screenshots of the page and the panel, and prints the findings.
import { mkdirSync } from 'node:fs';
import { launchWithExtension } from '../test/e2e/browser';
import { DEMO_PORT, serveDemo } from '../test/e2e/server';
import { waitForBadgeCount } from '../test/e2e/dom';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
// On DEMO_PORT: the shipped demo mapping (test/fixtures/ehr/profiles/daily-log.json) is for it.
const server = await serveDemo(DEMO_PORT);
const { context, extensionId } = await launchWithExtension({ headless });
const page = await context.newPage();
await page.goto(`${server.url}/flowsheet.html`);
console.log(`Demo EHR flowsheet: ${server.url}/flowsheet.html (extension ${extensionId})`);
console.log(`Other demo forms: ${server.url}/soap.html (SOAP note + charges), ${server.url}/billing-frame.html (framework grid in an iframe),`);
console.log(`  ${server.url}/daily-log.html (labels drawn by CSS: map it with "Map this form" in the side panel, or import test/fixtures/ehr/profiles/daily-log.json)`);

if (!headless) {
  console.log('Chart the visit in the browser window; close it (or press Ctrl+C) to stop.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
  await server.close();
  process.exit(0);
}

// Headless: chart the gait minutes as a clinician would, then show what Unitwise says.
await page.fill('input[name="min-3"]', '10');
await waitForBadgeCount(page, 1);
await page.waitForTimeout(300);
mkdirSync('demo-output', { recursive: true });
await page.screenshot({ path: 'demo-output/flowsheet.png', fullPage: true });

const panel = await context.newPage();
await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
panel.on('pageerror', (e) => console.error('panel error:', e.message));
// The demo tab is the one tab the background has an evaluation for.
const tabId = await panel.evaluate(async () => {
  // @ts-expect-error chrome is the extension API on extension pages
  const keys = Object.keys(await chrome.storage.session.get(null));
  return Number(keys.find((k) => k.startsWith('evaluation:'))?.slice('evaluation:'.length));
});
await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
await panel.setViewportSize({ width: 400, height: 900 });
await panel.waitForSelector('[aria-label="Suggested claim lines"]', { timeout: 10_000 });
await panel.screenshot({ path: 'demo-output/sidepanel.png', fullPage: true });
const stored = await panel.evaluate(async (key) => {
  // @ts-expect-error chrome is the extension API on extension pages
  return (await chrome.storage.session.get(key))[key];
}, `evaluation:${tabId}`);

const evaluation = stored?.evaluation;
console.log(`\nMethod ${evaluation.method}: ${evaluation.totalTimedMinutes} timed minutes → ${evaluation.totalTimedUnits} units`);
console.log(`Suggested claim: ${evaluation.lines.map((l: { code: string; units: number; modifiers: string[] }) => `${l.code} ×${l.units} ${l.modifiers.join(' ')}`).join(', ')}`);
for (const f of evaluation.findings) console.log(`${f.severity.toUpperCase().padEnd(7)} ${f.rule}: ${f.message}\n        → ${f.action}\n        source: ${f.source}`);
console.log('\nScreenshots: demo-output/flowsheet.png, demo-output/sidepanel.png');
await context.close();
await server.close();
