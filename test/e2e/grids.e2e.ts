import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf, useDemoBrowser } from './session';
import { badges, waitForBadges } from './dom';

// Issue 16: a flowsheet built with AG Grid Community 36 (default options; bundled from
// node_modules by the test server) read by the built extension in Chromium, and the same grid
// with 120 rows in a 400 px viewport (row virtualisation). The page's correct reading is in
// test/fixtures/ehr/grids/ag-grid.ts.

const env = useDemoBrowser();

interface Stored { visit: { incomplete?: string }; evaluation: { totalTimedMinutes: number; totalTimedUnits: number; findings: { rule: string; message: string }[]; lines: { code: string; units: number; modifiers: string[] }[] } }

async function stored(ext: Page, tabId: number): Promise<Stored | null> {
  return ext.evaluate(async (id) => {
    // @ts-expect-error chrome is the extension API on extension pages
    const got = await chrome.storage.session.get(`evaluation:${id}`);
    return (got[`evaluation:${id}`] ?? null) as Stored | null;
  }, tabId);
}

async function open(url: string) {
  const page = await env.context.newPage();
  await page.goto(url);
  await page.waitForSelector('.ag-row');
  const ext = await env.context.newPage();
  await ext.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=999999`);
  const tabId = await tabIdOf(ext, url);
  await page.bringToFront();
  return { page, ext, tabId };
}

describe('AG Grid flowsheets in Chromium with the extension', () => {
  it('default options: the right units and findings, a marker on the grid, and an edit in the grid’s own editor re-checks', async () => {
    const url = `${env.server.url}/ag-grid.html`;
    const { page, ext, tabId } = await open(url);
    // 23 + 23 + 8 = 54 timed minutes → 4 units (CPM §20.2: 53–67); 2 + 2 + 1 = 5 entered.
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(54);
    const first = (await stored(ext, tabId))!;
    expect(first.evaluation.totalTimedUnits).toBe(4);
    expect(first.evaluation.findings.map((f) => f.rule)).toContain('units.over-billed');
    await waitForBadges(page, (t) => /units\./.test(t), 'a units marker on the grid');
    // The units marker sits beside a Units cell of the grid (on its row, within 40 px of it).
    const marks = (await badges(page)).filter((m) => /:units$/.test(m.field));
    expect(marks.length).toBeGreaterThan(0);
    const unitsCells = await page.locator('[role="gridcell"][col-id="units"]').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    await page.screenshot({ path: 'docs/screenshots/ag-grid.png' });
    expect(marks.every((m) => unitsCells.some((c) => Math.abs(m.top + m.height / 2 - (c.y + c.height / 2)) < c.height && m.left >= c.x - 40 && m.left <= c.x + c.width + 40))).toBe(true);

    // The user edits the third row's minutes in AG Grid's own editor: 8 → 15 (61 minutes, still 4 units).
    await page.locator('.ag-row[row-index="2"] [col-id="minutes"]').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('15');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(61);
    const external = env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    await ext.close();
    await page.close();
  });

  it('120 rows, virtualised: "read only in part" until every row has scrolled into view, then the whole visit', async () => {
    const url = `${env.server.url}/ag-grid.html?rows=120`;
    const { page, ext, tabId } = await open(url);
    await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(/of this grid's 120 rows were read/);
    expect((await stored(ext, tabId))!.evaluation.findings.map((f) => f.rule)).toContain('visit.incomplete');
    // The user scrolls the grid through, a screenful at a time.
    for (let i = 0; i < 120; i += 8) {
      await page.evaluate((row) => (window as unknown as { gridApi: { ensureIndexVisible(i: number, pos: string): void } }).gridApi.ensureIndexVisible(row, 'top'), i);
      await page.waitForTimeout(120);
    }
    await page.evaluate(() => (window as unknown as { gridApi: { ensureIndexVisible(i: number): void } }).gridApi.ensureIndexVisible(119));
    // 120 × 8 = 960 minutes → 64 units (CPM §20.2 chart); nothing left unread.
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(960);
    const whole = (await stored(ext, tabId))!;
    expect(whole.visit.incomplete).toBeUndefined();
    expect(whole.evaluation.findings.map((f) => f.rule)).not.toContain('visit.incomplete');
    expect(whole.evaluation.totalTimedUnits).toBe(64);
    await ext.close();
    await page.close();
  });
});
