import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { storedFor, tabIdOf, useDemoBrowser } from './session';
import { badges, waitForBadges } from './dom';

// Issue 16: a visit form inside a web component's closed shadow root (the page keeps the only
// reference to it) is read by the built extension in Chromium, through the extension API that
// opens closed roots (chrome.dom.openOrClosedShadowRoot), and re-checked as the user types in it.

const env = useDemoBrowser();

interface Stored { visit: { payer?: string; entries: { minutes?: number }[] }; evaluation: { totalTimedMinutes: number; totalTimedUnits: number; findings: { rule: string }[] } }

const stored = (ext: Page, tabId: number) => storedFor<Stored>(ext, tabId);

describe('a closed shadow root', () => {
  it('its flowsheet is read, marked and re-checked as the user types in it; nothing leaves the browser', async () => {
    const url = `${env.server.url}/closed-shadow.html`;
    const page = await env.context.newPage();
    await page.goto(url);
    // The page itself cannot see into it.
    expect(await page.evaluate(() => document.querySelector('rc-flowsheet')!.shadowRoot)).toBeNull();
    const ext = await env.context.newPage();
    await ext.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=999999`);
    const tabId = await tabIdOf(ext, url);
    await page.bringToFront();
    // 24 + 10 = 34 timed minutes → 2 units (CPM §20.2: 23–37); 4 entered.
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(34);
    const first = (await stored(ext, tabId))!;
    expect(first.visit.payer).toBe('Medicare Part B');
    expect(first.evaluation.totalTimedUnits).toBe(2);
    expect(first.evaluation.findings.map((f) => f.rule)).toContain('units.over-billed');
    await waitForBadges(page, (t) => /units\./.test(t), 'a units marker on the closed flowsheet');
    expect((await badges(page)).some((b) => /:units$/.test(b.field))).toBe(true);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/closed-shadow.png` });
    // Typing into the gait training minutes inside the closed root: 10 → 20 (44 min → 3 units).
    // (Reached as a user would, from the top of the page with Tab: the 8th field is its minutes.)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('20');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(44);
    expect((await stored(ext, tabId))!.evaluation.totalTimedUnits).toBe(3);
    expect(env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'))).toEqual([]);
    await ext.close();
    await page.close();
  });
});
