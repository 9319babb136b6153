import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPanel as openPanelPage, useDemoBrowser } from './session';
import { badges } from './dom';

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
  return page;
}

/** The panel at the width of a narrow side panel, once it shows the claim. */
async function openPanel(pageUrl: string, width = 360): Promise<Page> {
  const panel = await openPanelPage(env, pageUrl, width);
  await panel.getByRole('table', { name: 'Suggested claim lines' }).waitFor({ timeout: 10_000 });
  return panel;
}

const text = (p: Page, name: string) => p.getByRole('table', { name }).textContent();

describe('side panel and options in Chromium', () => {
  it('the panel matches the form, acknowledges a finding, copies and exports', async () => {
    const page = await chartFlowsheet();
    const panel = await openPanel(`${env.server.url}/flowsheet.html`);
    // (The gait minutes typed, the 4 units are split wrongly: CPM §20.2 gives 97110 ×3, 97116 ×1.)
    await panel.locator('[data-rule="units.allocation"]').waitFor({ timeout: 10_000 });

    // The verdict leads: one error (the allocation) to fix and one warning (97110 → 97112?) to check.
    const verdictBefore = await panel.locator('.verdict').textContent();
    expect(verdictBefore).toBe('✕1 fix before billing, 1 to check');
    // Cards, worst first, each with a headline and one action named for the field to change.
    const errors = panel.getByRole('list', { name: 'Errors' });
    const allocation = errors.getByRole('listitem').filter({ hasText: 'units.allocation' });
    expect(await allocation.locator('.headline').textContent()).toMatch(/^✕Error: .*97110.*97116/);
    expect(await panel.locator('.fixes li.card').evaluateAll((cards) => cards.map((c) => c.className.split(' ')[1]))).toEqual(['error', 'warning']);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-light.png` });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: `${SHOTS}/sidepanel-dark.png` });
    await panel.emulateMedia({ colorScheme: 'light' });

    // The message, what to do, source and rule id are behind "Why?".
    const why = allocation.locator('details.why');
    expect(await why.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await allocation.getByText('Why?').click();
    expect(await why.innerText()).toMatch(/split[\s\S]*What to do: Bill [\s\S]*Source: [\s\S]*units\.allocation/);

    // The visit: Medicare → CMS, 24 + 23 + 10 = 57 timed minutes → 4 units (CPM §20.2 chart).
    const body = (await panel.locator('main').textContent())!;
    expect(body).toMatch(/Medicare Part B/);
    expect(await panel.locator('.visit-line').textContent()).toBe('Medicare Part B · CMS 8-minute rule · 57 min → 4 units · 2026-11-20');
    // The arithmetic behind "How units were counted".
    const counted = panel.locator('details.counted');
    expect(await counted.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await counted.getByText('How units were counted').click();
    expect(await counted.innerText()).toMatch(/CMS 8-minute rule.*Medicare payer "Medicare Part B"/);
    expect(await counted.innerText()).toMatch(/57 min → 4 units/);
    expect(await counted.innerText()).toMatch(/Treatment\s+60 min/);
    expect(await counted.getByRole('list', { name: "Each line's units" }).innerText()).toMatch(/97110: .+\n.*97116: .+/);
    // Claim: 97110 × 3 and 97116 × 1; the form's 2 + 2 = 4 units of 97110 said in words.
    const claim = (await text(panel, 'Suggested claim lines'))!;
    // The gait line has no units on the form yet: "none → 1 (enter)".
    expect(claim).toMatch(/97110.*Therapeutic exercise.*4 → 3 \(change\).*GP.*97116.*Gait training.*none → 1 \(enter\).*GP/s);
    expect(await panel.locator('tr.differs').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code))).toEqual(['97110', '97116']);

    // The card's action shows the field to change: the page flashes the marker on a Units field.
    await errors.getByRole('button', { name: /^Show units field for / }).first().click();
    await expect.poll(async () => (await badges(page)).filter((b) => b.flash).map((b) => b.field)).toEqual([expect.stringMatching(/^r\d+:units$/)]);

    // Acknowledge the allocation error with a reason: it moves, the verdict changes, and the
    // acknowledgement lives in storage.session only.
    await allocation.getByRole('button', { name: 'Acknowledge…' }).click();
    await allocation.getByLabel(/Reason/).fill('Split agreed with the therapist');
    await allocation.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.getByRole('list', { name: 'Acknowledged' }).textContent()).toMatch(/Acknowledged: Split agreed with the therapist[\s\S]*units\.allocation/);
    expect(await panel.locator('.verdict').textContent()).toBe('▲1 to check before billing');
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

    await panel.close();
    await page.close();
  });

  it('at 320 px and at 200% zoom the panel reflows: no sideways scrolling, the claim stacks, text stays 14 px and more', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/soap.html`;
    await page.goto(url);
    const panel = await openPanel(url, 320);
    await panel.locator('.fixes li.card').first().waitFor();
    const layout = () =>
      panel.evaluate(() => ({
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        body: parseFloat(getComputedStyle(document.body).fontSize),
        headline: parseFloat(getComputedStyle(document.querySelector('.card .headline')!).fontSize),
        fine: Math.min(...[...document.querySelectorAll('.fine, .visit-label, .why summary, table.claim thead th')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
        claimCell: getComputedStyle(document.querySelector('table.claim td')!).display,
      }));
    // Chrome's 75% for extension pages is overridden: 15 px text, fine print no smaller than 12 px.
    expect(await layout()).toEqual({ sideways: 0, body: 15, headline: 15, fine: expect.any(Number), claimCell: 'table-cell' });
    expect((await layout()).fine).toBeGreaterThanOrEqual(12);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-320.png` });
    // 200% zoom in a 320 px panel lays out 160 CSS px: each claim line stacks instead of scrolling.
    await panel.setViewportSize({ width: 160, height: 900 });
    expect(await layout()).toMatchObject({ sideways: 0, claimCell: 'block' });
    await panel.close();
    await page.close();
  });

  it('options: a payer rule changes the method, a rule turned off goes away, an imported PTP pair appears', async () => {
    const page = await chartFlowsheet();
    const panel = await openPanel(`${env.server.url}/flowsheet.html`);
    await panel.locator('[data-rule="code.suggest"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await badges(page)).some((b) => b.rule === 'code.suggest')).toBe(true);
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
    await expect.poll(async () => (await badges(page)).some((b) => b.rule === 'code.suggest')).toBe(false);

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
    // From a visual review: "EHR address", its box and "Add site" touched ("EHR address[ehr.example.com][Add site]").
    const gaps = await options.locator('form.site-add').evaluate((form) => {
      const boxes = [...form.children].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0);
      return boxes.slice(1).map((r, i) => (Math.abs(r.top - boxes[i]!.top) < r.height ? Math.round(r.left - boxes[i]!.right) : 99));
    });
    expect(gaps.length).toBe(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(4);
    await options.screenshot({ path: `${SHOTS}/options.png`, fullPage: true });
    await options.close();
    await panel.close();
    await page.close();
  });

});
