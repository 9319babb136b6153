import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPanel, storedFor, tabIdOf, useDemoBrowser } from './session';
import { waitForBadgeCount } from './dom';

// Issue 16: "How Unitwise read this page" in the side panel: the visit's lines as read, each
// value showing its page field, and a column corrected in one step, saved as a site mapping.

const env = useDemoBrowser();

interface Stored { source: string; visit: { entries: { code?: string; minutes?: number | null; units?: number }[] }; evaluation: { totalTimedMinutes: number } }
const stored = (ext: Page, tabId: number) => storedFor<Stored>(ext, tabId);

describe('How Unitwise read this page', () => {
  it('lists the lines as read, shows a value’s field, and corrects "Minutes is really Units" into a saved site mapping that changes the evaluation', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/flowsheet.html`;
    await page.goto(url);
    await waitForBadgeCount(page, 1);
    const panel = await openPanel(env, url, 360);
    const tabId = await tabIdOf(panel, url);
    await expect.poll(async () => (await stored(panel, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(47);

    // The lines as read: the flowsheet's 97110 row has 24 minutes and 2 units.
    await panel.getByText('How Unitwise read this page').click();
    const table = panel.getByRole('table', { name: 'Lines as Unitwise read them' });
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(2);
    const text = await table.textContent();
    expect(text).toMatch(/24/);
    // A value shows its field on the page (the page scrolls it into view).
    await table.getByRole('button', { name: /^Minutes of line 1: 24\. Show on page/ }).click();

    // The correction, in one step.
    await panel.getByLabel('The column read as').selectOption('minutes');
    await panel.getByLabel('is really').selectOption('units');
    await panel.getByRole('button', { name: 'Save for this site' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: /Saved a mapping for .*the Minutes column is read as Units/ }).count(), { timeout: 10_000 }).toBe(1);

    // Saved as this site's mapping (selectors only), and the page is read by it now: the
    // Minutes inputs are units and the Units inputs minutes (24/2 and 23/2 → 2/24 and 2/23).
    const local = await panel.evaluate(async () => {
      // @ts-expect-error chrome is the extension API on extension pages
      return chrome.storage.local.get('siteProfiles');
    });
    const profiles = (local as { siteProfiles?: { origin: string; name: string }[] }).siteProfiles ?? [];
    expect(profiles.map((p) => p.origin)).toContain(env.server.url);
    expect(JSON.stringify(profiles)).not.toMatch(/Ther ex|24|Medicare/);
    await expect.poll(async () => (await stored(panel, tabId))?.source, { timeout: 10_000 }).toBe('profile');
    const after = (await stored(panel, tabId))!;
    expect(after.visit.entries.slice(0, 2).map((e) => [e.code, e.minutes, e.units])).toEqual([
      [expect.any(String), 2, 24],
      [expect.any(String), 2, 23],
    ]);
    expect(after.evaluation.totalTimedMinutes).not.toBe(47);
    // The panel shows the visit as read now.
    await expect.poll(() => table.getByRole('button', { name: /^Minutes of line 1: 2\. Show on page/ }).count(), { timeout: 10_000 }).toBe(1);
    await panel.locator('details.how-read').scrollIntoViewIfNeeded();
    await panel.locator('details.how-read').screenshot({ path: 'docs/screenshots/how-read.png' });
    await panel.close();
    await page.close();
  });

  it('a grid drawn on a canvas: the panel says what Unitwise cannot see there', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/canvas-grid.html`;
    await page.goto(url);
    await page.bringToFront();
    const panel = await openPanel(env, url, 360);
    const unseen = panel.getByRole('region', { name: 'What Unitwise cannot see here' });
    await unseen.waitFor({ timeout: 10_000 });
    expect(await unseen.textContent()).toMatch(/drawn on a canvas \(760×200 px\): Unitwise cannot read what is drawn there/);
    await panel.close();
    await page.close();
  });
});
