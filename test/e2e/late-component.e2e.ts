import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWithStore, storedFor, useDemoBrowser } from './session';
import { badges, waitForBadges } from './dom';

// A visit form in a web component's shadow tree that comes after the page was read: the
// component's script loaded late (upgraded with no mutation), or the component put in later,
// drawing at once or after its data comes (late-component.html). Read, marked, typed in.
// Then a review's probes (late-component-review.html): a card whose tree holds the grid
// component, open and closed; a component that attaches its root when its data comes; one
// after 250 never-defined framework hosts; one put in while the page is read in steps. These
// four failed on aeee3f3 (no evaluation after 10 s); the controls passed there too.
const env = useDemoBrowser();

interface Stored { visit: { payer?: string; entries: { minutes?: number }[] }; evaluation: { totalTimedMinutes: number; totalTimedUnits: number; findings: { rule: string }[] } }
const stored = (ext: Page, tabId: number) => storedFor<Stored>(ext, tabId);

/** Opens `url` and waits (up to `timeout` ms) for its visit's evaluation: 24 + 10 = 34 timed minutes. */
async function openRead(url: string, timeout = 10_000) {
  const { page, ext, tabId } = await openWithStore(env, url);
  await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout }).toBe(34);
  return { page, ext, tabId };
}

describe('a web component defined after the page was read', () => {
  it.each([['upgraded', ''], ['put in', '?insert'], ['upgraded, then drawn', '?draw=400'], ['put in, then drawn', '?insert&draw=400']])('its shadow tree is read when it is %s', async (_, query) => {
    const { page, ext, tabId } = await openRead(`${env.server.url}/late-component.html${query}`);
    await waitForBadges(page, (t) => /units\./.test(t), 'a units marker in the late component');
    expect((await badges(page)).some((b) => /:units$/.test(b.field))).toBe(true);
    // Typed in, inside the component: gait training 10 → 20 min (44 min → 3 units, CMS chart 38–52).
    const gait = page.locator('rc-visit input[name="min"]').nth(1);
    await gait.fill('');
    await gait.pressSequentially('20', { delay: 60 });
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedUnits, { timeout: 10_000 }).toBe(3);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/late-component${query.replace(/\W+/g, '-')}.png` });
    await ext.close();
    await page.close();
  });

  it.each([
    ['a visit card put in whose shadow tree holds the grid component', '?mode=nested'],
    ['the same, closed shadow roots', '?mode=nested&closed'],
    ['a component defined late that attaches its root when its data comes', '?mode=attach&attach=1500'],
    ['a component defined late after 250 never-defined <mat-icon>', '?mode=icons'],
    ['a component put in (empty) while the page is read whole in steps, drawn later', '?mode=busy&delay=1500&gap=30&attach=600'],
    ['a micro-frontend that attaches its shadow root to an empty <div id> after the read', '?mode=mount&delay=1500'],
    ['the same, its root closed', '?mode=mount&delay=1500&closed'],
    // Controls: the same pages that were read before.
    ['control: nested, put in before the first read', '?mode=nested&delay=0'],
    ['control: attached at once when defined', '?mode=attach&attach=0'],
    ['control: busy page, the component put in after the read', '?mode=busy&delay=1500&gap=2000&attach=600'],
    ['control: after 10 <mat-icon>', '?mode=icons&n=10'],
  ])('%s is read', async (_, query) => {
    // (The busy page, 20,000 elements, is read whole twice in steps, the second read paced to a
    // fifth of the main thread: some 4 s on a quiet host, more on a loaded one.)
    const { page, ext } = await openRead(`${env.server.url}/late-component-review.html${query}`, query.includes('busy') ? 30_000 : 10_000);
    await ext.close();
    await page.close();
  });
});
