import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPanel as openPanelPage, useDemoBrowser } from './session';
import { badges, waitForBadges } from './dom';

// The side panel and the options page in Chromium with the built extension, on the demo
// flowsheet (Medicare Part B; 24 + 23 + 10 minutes once the gait minutes are typed): the panel
// against the form, acknowledging, copying and exporting; then options changing the answer.
// Screenshots of both go to docs/screenshots/ for the README.

const env = useDemoBrowser();
const SHOTS = 'docs/screenshots';

async function chartFlowsheet(): Promise<Page> {
  const page = await env.context.newPage();
  await page.goto(`${env.server.url}/flowsheet.html`);
  await page.fill('input[name="min-3"]', '10');
  await waitForBadges(page, (t) => t.includes('units.allocation'), 'the allocation marker');
  return page;
}

/** The panel at the width of a narrow side panel, once it shows the claim. */
async function openPanel(pageUrl: string): Promise<Page> {
  const panel = await openPanelPage(env, pageUrl, 360);
  await panel.getByRole('table', { name: 'Suggested claim lines' }).waitFor({ timeout: 10_000 });
  return panel;
}

const text = (p: Page, name: string) => p.getByRole('table', { name }).textContent();

describe('side panel and options in Chromium', () => {
  it('the panel matches the form, acknowledges a finding, copies and exports', async () => {
    const page = await chartFlowsheet();
    const panel = await openPanel(`${env.server.url}/flowsheet.html`);

    // Summary: Medicare → CMS, 24 + 23 + 10 = 57 timed minutes → 4 units (CPM §20.2 chart).
    const body = (await panel.locator('main').textContent())!;
    expect(body).toMatch(/Medicare Part B/);
    expect(body).toMatch(/CMS 8-minute rule.*Medicare payer "Medicare Part B"/);
    expect(body).toMatch(/57 min → 4 units/);
    expect(body).toMatch(/Treatment60 min/);
    // Claim: 97110 × 3 and 97116 × 1 beside the form's 2 + 2 = 4 units of 97110.
    const claim = (await text(panel, 'Suggested claim lines'))!;
    expect(claim).toMatch(/97110.*Therapeutic exercise.*\b3\b.*GP.*4 GP/s);
    expect(await panel.locator('tr.differs').getAttribute('data-code')).toBe('97110');
    const verdictBefore = await panel.locator('.verdict').textContent();
    expect(verdictBefore).toMatch(/problems? to check/);

    // Show on page flashes the marker of the finding's field.
    const errors = panel.getByRole('list', { name: 'Errors' });
    await errors.getByRole('button', { name: 'Show on page' }).first().click();
    await expect.poll(async () => (await badges(page)).filter((b) => b.flash).length).toBe(1);

    // Acknowledge the allocation error with a reason: it moves, the verdict changes, and the
    // acknowledgement lives in storage.session only.
    const allocation = errors.getByRole('listitem').filter({ hasText: 'units.allocation' });
    await allocation.getByRole('button', { name: 'Acknowledge…' }).click();
    await allocation.getByLabel(/Reason/).fill('Split agreed with the therapist');
    await allocation.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.getByRole('list', { name: 'Acknowledged' }).textContent()).toMatch(/units\.allocation[\s\S]*Acknowledged: Split agreed with the therapist/);
    expect(await panel.locator('.verdict').textContent()).not.toBe(verdictBefore);
    const stores = await panel.evaluate(async () => ({
      // @ts-expect-error chrome is the extension API on extension pages
      session: Object.keys(await chrome.storage.session.get(null)),
      // @ts-expect-error same
      local: JSON.stringify(await chrome.storage.local.get(null)),
    }));
    expect(stores.session.some((k) => /^acks:\d+$/.test(k))).toBe(true);
    expect(stores.local).not.toMatch(/Split agreed|Medicare|97110/);

    // Copy as text: the claim, the findings with the acknowledgement, and the versions.
    await env.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.bringToFront();
    await panel.getByRole('button', { name: 'Copy as text' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    const copied = await panel.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/97110 × 3 GP {2}\[form has 4 GP\]/);
    expect(copied).toMatch(/Acknowledged: Split agreed with the therapist/);
    expect(copied).toMatch(/Checked by Unitwise \d+\.\d+\.\d+; data: built-in/);

    // Export CSV: a file a spreadsheet opens, one row per line and finding.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('unitwise-2026-11-20.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    // Every cell quoted, so no spreadsheet splits or runs one (lib/report.ts).
    expect(csv.split('\r\n')[0]).toMatch(/^"type","code","units","modifiers","entered_units"/);
    expect(csv).toMatch(/\r\n"claim","97110","3","GP","4","GP",/);
    expect(csv).toMatch(/"finding",[^\r\n]*units\.allocation[^\r\n]*Split agreed with the therapist/);

    await panel.screenshot({ path: `${SHOTS}/sidepanel-light.png`, fullPage: true });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: `${SHOTS}/sidepanel-dark.png`, fullPage: true });
    await panel.emulateMedia({ colorScheme: 'light' });
    await panel.close();
    await page.close();
  });

  it('options: a payer rule changes the method, a rule turned off goes away, an imported PTP pair appears', async () => {
    const page = await chartFlowsheet();
    const panel = await openPanel(`${env.server.url}/flowsheet.html`);
    const options = await env.context.newPage();
    await options.goto(`chrome-extension://${env.extensionId}/options.html`);

    // Medicare Part B billed per code by this practice's contract: 97110 47 min → 3, 97116 10 min → 1.
    await options.getByLabel('Payer name contains').fill('Medicare Part B');
    await options.getByRole('combobox', { name: 'Method' }).selectOption('per-code');
    await options.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => panel.locator('.summary').textContent(), { timeout: 10_000 }).toMatch(/Per code.*matches the setting "Medicare Part B"/);
    await expect.poll(async () => (await badges(page)).length).toBeGreaterThan(0);

    // code.suggest off: its finding leaves the panel and its marker the page.
    expect(await panel.locator('[data-rule="code.suggest"]').count()).toBe(1);
    await options.getByRole('checkbox', { name: 'code.suggest on' }).uncheck();
    await expect.poll(() => panel.locator('[data-rule="code.suggest"]').count()).toBe(0);
    await expect.poll(async () => (await badges(page)).some((b) => b.text.includes('code.suggest'))).toBe(false);

    // A PTP file in the CMS layout (header as in the official file; the 97110/97116 row is made
    // up for this test, modifier indicator 0): after the import the pair is an error.
    expect(await panel.locator('[data-rule="pair.not-allowed"]').count()).toBe(0);
    const header = readFileSync('test/fixtures/cms/ccipra-v322r0-f1.TXT', 'latin1').split('\r\n').slice(0, 6).join('\r\n');
    const ptp = Buffer.from(`${header}\r\n97110\t97116\t\t20200101\t*\t0\tMutually exclusive procedures\r\n`, 'latin1');
    await options.locator('input[type="file"][multiple]').setInputFiles({ name: 'ccipra-v323r0-f1.TXT', mimeType: 'text/plain', buffer: ptp });
    await expect.poll(() => options.getByRole('status').filter({ hasText: /pairs? added/ }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => panel.locator('[data-rule="pair.not-allowed"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await panel.locator('[data-rule="pair.not-allowed"]').textContent()).toMatch(/97110.*97116|97116.*97110/);

    await options.setViewportSize({ width: 900, height: 1200 });
    await options.screenshot({ path: `${SHOTS}/options.png`, fullPage: true });
    await options.close();
    await panel.close();
    await page.close();
  });
});
