// A page that adds and removes form-like markup many times a second must not have Unitwise read
// it whole back to back (at most a fifth of the main thread), and its last state is still read:
// an edit made while it churns reaches the evaluation.
import { describe, expect, it } from 'vitest';
import { extensionReady, storedFor, tabIdOf, useDemoBrowser } from './session';
import { detectionCount, inOverlay, waitForBadges } from './dom';

const env = useDemoBrowser();

describe('a page that churns form-like markup', () => {
  it('a big page (600 rows of history) is read whole for at most a fifth of the time while it churns, and an edit made meanwhile is still read', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/churn.html?history=600`;
    await page.goto(url);
    await waitForBadges(page, (t) => t.includes('units.over-billed'), 'the over-billing marker');
    const before = (await detectionCount(page))!;
    const readMs = () => inOverlay(page, (_root, _arg, handle) => handle?.readMs ?? null);
    const msBefore = (await readMs())!;
    const churning = page.evaluate(() => (window as unknown as { churn: (ms: number) => Promise<void> }).churn(3_000));
    // The clinician types meanwhile: 24 → 8 minutes (31 minutes in all: 2 units; 5 billed).
    await page.fill('input[name="min-1"]', '8');
    await churning;
    const during = (await detectionCount(page))! - before;
    const spent = (await readMs())! - msBefore;
    // At most 200 ms of each second, and one read past each budget; before the pace, back to back.
    expect(during).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(3 * 200 + 4 * (spent / during));
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    await expect
      .poll(async () => (await storedFor<{ visit?: { entries?: { minutes?: number }[] } }>(ext, tabId))?.visit?.entries?.map((e) => e.minutes), { timeout: 3_000 })
      .toEqual([8, 23]);
    await ext.close();
    await page.close();
  });
});
